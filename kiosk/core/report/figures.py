"""The report's tables, with disclosure control as official statistics practise it.

Whole-site counts (sessions, slips printed, QR codes shown, quick exits, idle resets, print
failures) are exact, for a month per site or anything coarser: they say how busy a kiosk was. Any
breakdown finer than that, here by what residents chose (concern, type of abuse, language), shows a
count from 1 to threshold - 1 as "fewer than 5" (for threshold 5). Where a row hides a site's count,
its all-sites total is rounded to the nearest threshold ("about 10"), so the hidden count cannot be
worked out by subtraction. A quiet branch library never reveals that one person asked about forced
marriage.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import IO

from kiosk.core.report.inputs import Inputs

ALL_SITES = "All sites"
MEASURES = (
    ("session_started", "Sessions"),
    ("slip_printed", "Slips printed"),
    ("qr_shown", "QR codes shown"),
    ("quick_exit", "Quick exits"),
    ("idle_reset", "Idle resets"),
    ("print_failure", "Print failures"),
)
BREAKDOWNS = (
    ("concern_chosen", "What residents were worried about"),
    ("abuse_type_opened", "Types of abuse residents read about"),
    ("language_used", "Languages residents chose (besides the kiosk's default)"),
)
Cell = int | str


def shown(count: int, threshold: int) -> Cell:
    """A count in a fine breakdown: "fewer than 5" for 1 to 4 (threshold 5); 0 and the rest as they are."""
    return f"fewer than {threshold}" if 0 < count < threshold else count


def rounded_total(count: int, threshold: int) -> Cell:
    """A total over a row that hides a count: to the nearest threshold, so the hidden one stays hidden."""
    if count < threshold:
        return shown(count, threshold)
    return f"about {max(threshold, round(count / threshold) * threshold)}"


@dataclass
class Breakdown:
    event: str
    title: str
    rows: list[tuple[str, str, dict[str, Cell], Cell]] = field(
        default_factory=list
    )  # key, label, site -> cell, total
    exact: dict[str, dict[str, int]] = field(default_factory=dict)  # key -> site -> count (never shown)


@dataclass
class Report:
    start: date
    end: date
    threshold: int
    sites: list[str]
    months: list[str]  # "2025-04", ...
    monthly: dict[tuple[str, str], dict[str, int]]  # (site, month) -> event -> count, exact
    period: dict[str, dict[str, int]]  # site or ALL_SITES -> event -> count, exact
    breakdowns: list[Breakdown]
    inputs: Inputs
    kiosks: dict[str, set[str]]  # site -> kiosks

    def month_total(self, month: str, event: str) -> int:
        return sum(self.monthly.get((site, month), {}).get(event, 0) for site in self.sites)


def months_between(start: date, end: date) -> list[str]:
    out, (y, m) = [], (start.year, start.month)
    while (y, m) <= (end.year, end.month):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def build(
    inputs: Inputs,
    start: date,
    end: date,
    threshold: int = 5,
    label: Callable[[str, str], str] = lambda _event, key: key,
) -> Report:
    """The report's figures from what was read; `label(event, key)` names a concern, type or language."""
    sites = sorted({d.site for d in inputs.days})
    monthly: dict[tuple[str, str], dict[str, int]] = {}
    period: dict[str, dict[str, int]] = {site: {} for site in [*sites, ALL_SITES]}
    by_key: dict[str, dict[str, dict[str, int]]] = {event: {} for event, _ in BREAKDOWNS}
    kiosks: dict[str, set[str]] = {}
    for day in inputs.days:
        kiosks.setdefault(day.site, set()).add(day.kiosk)
        month = monthly.setdefault((day.site, day.day.strftime("%Y-%m")), {})
        for (event, key), count in day.counts.items():
            month[event] = month.get(event, 0) + count
            for where in (day.site, ALL_SITES):
                period[where][event] = period[where].get(event, 0) + count
            if event in by_key:
                cells = by_key[event].setdefault(key, {})
                cells[day.site] = cells.get(day.site, 0) + count
    breakdowns = []
    for event, title in BREAKDOWNS:
        table = Breakdown(event, title, exact=by_key[event])
        ordered = sorted(by_key[event].items(), key=lambda item: (-sum(item[1].values()), item[0]))
        for key, cells in ordered:
            row = {site: shown(cells.get(site, 0), threshold) for site in sites}
            total = sum(cells.values())
            hidden = any(isinstance(v, str) for v in row.values()) and len(sites) > 1
            table.rows.append(
                (
                    key,
                    label(event, key),
                    row,
                    rounded_total(total, threshold) if hidden else shown(total, threshold),
                )
            )
        breakdowns.append(table)
    return Report(
        start, end, threshold, sites, months_between(start, end), monthly, period, breakdowns, inputs, kiosks
    )


def write_csv(report: Report, out: IO[str]) -> int:
    """The report's figures for the council's spreadsheets, one figure a row; returns the rows.

    Columns: table, site, period (a month or from/to), item, value (a number, or "fewer than 5" /
    "about 10" where disclosure control applies).
    """
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(("table", "site", "period", "item", "value"))
    rows = 0
    whole = f"{report.start.isoformat()}/{report.end.isoformat()}"
    for site in [*report.sites, ALL_SITES]:
        for month in report.months:
            for event, name in MEASURES:
                if site == ALL_SITES:
                    value = report.month_total(month, event)
                else:
                    value = report.monthly.get((site, month), {}).get(event, 0)
                writer.writerow(("by month", site, month, name, value))
                rows += 1
        for event, name in MEASURES:
            writer.writerow(("whole period", site, whole, name, report.period[site].get(event, 0)))
            rows += 1
    for table in report.breakdowns:
        for _key, name, cells, total in table.rows:
            for site in report.sites:
                writer.writerow((table.title, site, whole, name, cells[site]))
                rows += 1
            writer.writerow((table.title, ALL_SITES, whole, name, total))
            rows += 1
    return rows
