"""`kiosk stats report`: the partnership's figures across kiosks, read the way the business manager
and the council's spreadsheets read them (the CSV, and the PDF's own text through pypdf)."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import sys
from collections import Counter
from datetime import date, datetime

import pytest

from kiosk.core import stats_share
from kiosk.core.report import example, figures
from kiosk.core.report.inputs import gather
from kiosk.core.stats import Stats
from kiosk.core.stats_share import Day
from tests.test_health import loaded_by

START, END = example.START, example.END
MEASURES = dict(figures.MEASURES)


@pytest.fixture(scope="module")
def fictional():
    return example.days()


@pytest.fixture
def share(tmp_path, fictional):
    folder = tmp_path / "share"
    folder.mkdir()
    for day in fictional:
        (folder / stats_share.file_name(day.site, day.kiosk, day.day)).write_bytes(stats_share.document(day))
    return folder


def kiosk(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "XDG_CONFIG_DIRS": "/nonexistent", "KIOSK_CONFIG": ""},
        cwd=cwd,
    )


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def sums(days: list[Day]) -> tuple[Counter, Counter]:
    """What the inputs add up to: (site, event) over the period, and (site, month, event)."""
    period, monthly = Counter(), Counter()
    for day in days:
        for (event, _key), count in day.counts.items():
            for site in (day.site, figures.ALL_SITES):
                period[site, event] += count
                monthly[site, day.day.strftime("%Y-%m"), event] += count
    return period, monthly


def report_csv(*inputs, threshold: int = 5, start=START, end=END) -> list[dict[str, str]]:
    read = gather(inputs, start, end)
    out = io.StringIO()
    figures.write_csv(figures.build(read, start, end, threshold), out)
    return csv_rows(out.getvalue())


def test_the_totals_equal_the_sum_of_the_inputs(share, fictional, tmp_path):
    # A fifth site's figures as a stats.db copied by hand, counted by the hour as the kiosk does.
    db = tmp_path / "Westwood Library" / "stats.db"
    clock_at = [datetime(2025, 5, 6, 10)]
    figures_db = Stats(db, clock=lambda: clock_at[0])
    for hour, event, key in [
        (10, "session_started", ""),
        (11, "session_started", ""),
        (11, "slip_printed", "a6/pl"),
    ]:
        clock_at[0] = datetime(2025, 5, 6, hour)
        figures_db.count(event, key)
    figures_db.close()
    westwood = Day(
        "Westwood Library", "db", date(2025, 5, 6), {("session_started", ""): 2, ("slip_printed", "a6/pl"): 1}
    )

    rows = report_csv(share, db)
    period, monthly = sums([*fictional, westwood])
    checked = 0
    for row in rows:
        event = {name: e for e, name in figures.MEASURES}.get(row["item"])
        if row["table"] == "whole period":
            assert int(row["value"]) == period[row["site"], event], row
            checked += 1
        elif row["table"] == "by month":
            assert int(row["value"]) == monthly[row["site"], row["period"], event], row
            checked += 1
    assert checked == 6 * 6 + 6 * 12 * 6, "every site and all sites, every measure, every month"
    total = next(
        r
        for r in rows
        if r["table"] == "whole period" and r["site"] == "All sites" and r["item"] == "Sessions"
    )
    assert int(total["value"]) == sum(
        d.counts.get(("session_started", ""), 0) for d in [*fictional, westwood]
    )


def test_a_file_read_twice_is_counted_once(share, fictional, tmp_path):
    once = report_csv(share)
    backup = share / "backup-copy"
    shutil.copytree(share, backup)
    one_file = next(share.glob("*.kiosk-day.json"))
    read = gather([share, share, one_file, backup], START, END)
    assert len(read.days) == len(fictional)
    assert read.files == 2 * len(fictional), "the same path given again is read once"
    assert read.repeats == len(fictional), "each copy in the backup is a day already counted"
    assert report_csv(share, share, one_file, backup) == once


def test_differing_copies_of_a_day_are_named_and_counted_once(tmp_path):
    day = Day("Leigh", "k1", date(2025, 6, 2), {("session_started", ""): 3})
    later = day._replace(counts={("session_started", ""): 4})
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    stats_share.write(tmp_path / "a", day)
    stats_share.write(tmp_path / "b", later)
    read = gather([tmp_path], date(2025, 6, 1), date(2025, 6, 30))
    assert [d.counts for d in read.days] == [later.counts]
    assert len(read.conflicts) == 1 and "differ" in read.conflicts[0]


def test_a_quiet_site_never_reveals_one_resident(tmp_path):
    busy = Day(
        "Central",
        "c1",
        date(2025, 6, 3),
        {("concern_chosen", "child"): 40, ("concern_chosen", "forced"): 6, ("session_started", ""): 46},
    )
    quiet = Day(
        "Branch",
        "b1",
        date(2025, 6, 3),
        {("concern_chosen", "forced"): 1, ("session_started", ""): 1, ("language_used", "ur"): 1},
    )
    for day in (busy, quiet):
        stats_share.write(tmp_path, day)
    rows = report_csv(tmp_path, start=date(2025, 6, 1), end=date(2025, 6, 30))
    cell = {(r["table"], r["site"], r["item"]): r["value"] for r in rows}
    worried = "What residents were worried about"
    assert cell[worried, "Branch", "forced"] == "fewer than 5"
    assert cell[worried, "Central", "forced"] == "6"
    assert cell[worried, "All sites", "forced"] == "about 5", "7 would give the branch's 1 away"
    assert cell[worried, "Branch", "child"] == "0"
    assert cell[worried, "All sites", "child"] == "40"
    assert cell["Languages residents chose (besides the kiosk's default)", "Branch", "ur"] == "fewer than 5"
    assert cell["whole period", "Branch", "Sessions"] == "1", "a whole site's month is exact"
    assert "1" not in {r["value"] for r in rows if r["table"] not in ("by month", "whole period")}
    ten = report_csv(tmp_path, threshold=10, start=date(2025, 6, 1), end=date(2025, 6, 30))
    assert {(r["site"], r["item"]): r["value"] for r in ten if r["table"] == worried}[
        "Central", "forced"
    ] == "fewer than 10"


def test_kiosk_stats_report_writes_the_pdf_and_csv_and_names_a_damaged_file(share, tmp_path):
    cut = sorted(share.glob("hollins*"))[3]
    cut.write_bytes(cut.read_bytes()[:70])  # a kiosk lost power mid-write
    (share / "notes.kiosk-day.json").write_text("not ours")
    pdf, table = tmp_path / "report.pdf", tmp_path / "report.csv"
    result = kiosk(
        "--bundle",
        str(example_bundle()),
        "stats",
        "report",
        "--from",
        "2025-04-01",
        "--to",
        "2026-03-31",
        str(share),
        "-o",
        str(pdf),
        "--csv",
        str(table),
    )
    assert result.returncode == 0, result.stderr
    assert f"left out {cut}: is not complete JSON (cut short when it was written?)" in result.stderr
    assert "notes.kiosk-day.json: is not complete JSON" in result.stderr
    assert "2 file(s) left out" in result.stderr
    from pypdf import PdfReader

    pages = [p.extract_text() for p in PdfReader(pdf).pages]
    first, last = pages[0], pages[-1]
    assert "Safeguarding information kiosks: usage report" in first
    assert "1 April 2025 to 31 March 2026. 4 sites, 5 kiosks" in first
    assert "2 files could not be read and left out" in first
    assert cut.name in last and "notes.kiosk-day.json" in last
    assert "Worried about a child" in "".join(pages), "names from the content, not ids"
    assert "fewer than 5" in "".join(pages)
    rows = csv_rows(table.read_text(encoding="utf-8"))
    assert rows[0].keys() == {"table", "site", "period", "item", "value"}


def example_bundle():
    from kiosk.core.resources import builtin_bundle

    return builtin_bundle("example")


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--from", "2026-01-02", "--to", "2026-01-01", "x", "-o", "r.pdf"], "is after --to"),
        (["--from", "2026-01-01", "--to", "2026-01-02", "x"], "-o REPORT.pdf, --csv FILE, or both"),
        (["--from", "2026-01-01", "--to", "2026-01-02", "-o", "r.pdf"], "[statistics] share is not set"),
        (
            ["--from", "2026-01-01", "--to", "2026-01-02", "missing-folder", "--csv", "-"],
            "left out missing-folder: not found",
        ),
    ],
)
def test_kiosk_stats_report_explains_mistakes(args, says, tmp_path):
    result = kiosk("stats", "report", *args, cwd=tmp_path)
    assert result.returncode != 0 and says in result.stderr, result.stderr
    assert not (tmp_path / "r.pdf").exists()


def test_reportlab_loads_only_when_a_pdf_is_made():
    assert not loaded_by("kiosk.core.report.figures, kiosk.core.report.inputs, kiosk.cli.admin", "reportlab")


def test_the_threshold_comes_from_the_site_file(tmp_path):
    day = Day("Branch", "b1", date(2025, 6, 3), {("concern_chosen", "adult"): 7, ("session_started", ""): 7})
    stats_share.write(tmp_path, day)
    site = tmp_path / "kiosk.toml"
    site.write_text('[statistics]\nfewer_than = "10"\n', encoding="utf-8")
    result = kiosk("--config", str(site), "stats", "report", "--from", "2025-06-01", "--to", "2025-06-30",
                   str(tmp_path), "--csv", "-")  # fmt: skip
    assert result.returncode == 0, result.stderr
    rows = {(r["table"], r["item"]): r["value"] for r in csv_rows(result.stdout) if r["site"] == "Branch"}
    assert rows["What residents were worried about", "Worried about an adult"] == "fewer than 10"
    assert rows["whole period", "Sessions"] == "7"
