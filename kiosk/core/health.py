"""The kiosk's health for council IT's monitoring, in the Prometheus text format their tools read.

The kiosk serves no port and opens no connection: it writes one file, `kiosk.prom`, into the folder
that node_exporter's textfile collector (Linux) or windows_exporter's (Windows) reads, with
prometheus_client's `write_to_textfile`, which writes a temporary file and renames it, so the
exporter never reads half a file. prometheus_client is imported at the first write, never at
start-up.

Nothing about a resident goes in: no screen, concern, language chosen or session. Slips printed
and print failures are totals since start; the last use is given to the hour, as the usage
figures are (kiosk.core.stats). docs/monitoring.md shows the file, alert rules and the set-up.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

FILE_NAME = "kiosk.prom"
# What stops the printer, as IT's alerts name it; kiosk.ui.printing's Problem values map onto these.
PRINTER_PROBLEMS = (
    "out_of_paper",
    "offline",
    "paused",
    "print_system_down",
    "no_printer",
    "not_accepting",
    "printer_error",
)
# Why a slip did not print: the print path's Problem values, and "render" (the slip was not made).
PRINT_FAILURES = (
    "no_printer",
    "not_found",
    "spooler_down",
    "paused",
    "not_accepting",
    "out_of_paper",
    "printer_error",
    "rejected",
    "failed",
    "render",
)
# The printer's own words (CUPS printer-state-reasons) that mean it is offline, not paused.
OFFLINE_WORDS = ("offline", "shutdown", "connecting-to-device", "timed-out")
_PROBLEM_KIND = {
    "no-printer": "no_printer",
    "not-found": "no_printer",
    "spooler-down": "print_system_down",
    "paused": "paused",
    "not-accepting": "not_accepting",
    "out-of-paper": "out_of_paper",
    "printer-error": "printer_error",
}


def printer_problem_kind(problem: str | None, detail: str = "") -> str | None:
    """The kind in PRINTER_PROBLEMS for a print path Problem value (None: the printer is ready)."""
    if not problem:
        return None
    kind = _PROBLEM_KIND.get(problem, "printer_error")
    if kind == "paused" and any(word in detail for word in OFFLINE_WORDS):
        return "offline"
    return kind


def failure_label(problem: str) -> str:
    """A print failure's label: one of PRINT_FAILURES, never free text."""
    label = problem.replace("-", "_")
    return label if label in PRINT_FAILURES else "failed"


def is_refusal(notice: str) -> bool:
    """Whether a staff notice about content says a package or bundle was refused."""
    return re.search(r"\brefused\b", notice, re.IGNORECASE) is not None


@dataclass(frozen=True)
class Health:
    """One picture of the kiosk's health; the Qt side gathers it, `write` puts it on disk."""

    started: float  # Unix time the kiosk started
    version: str
    site: str = ""
    content_id: str = ""
    content_version: str = ""
    content_date: str = ""
    printer: str = ""  # the printer's name, "" when there is none
    printer_ready: bool = False
    printer_problem: str | None = None  # one of PRINTER_PROBLEMS
    slips_printed: int = 0
    print_failures: Mapping[str, int] = field(default_factory=dict)  # PRINT_FAILURES -> count
    config_problems: int = 0
    content_refused: bool = False
    review_overdue: int = 0  # contacts due for a check
    speech: Mapping[str, bool] = field(default_factory=dict)  # language -> a voice works
    last_used: float | None = None  # Unix time, to the hour; None: not known
    share_ok: bool | None = None  # the usage figures share was written (None: no share set)
    share_days_waiting: int = 0  # days of usage figures not yet on the share
    up: bool = True  # False in the last file a kiosk writes as it closes
    written: float = 0.0  # Unix time of this picture


class HealthCollector:
    """A prometheus_client collector that yields the metrics of one `Health`."""

    def __init__(self, health: Health):
        self.health = health

    def collect(self) -> Iterator:
        from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, InfoMetricFamily

        h = self.health

        def gauge(name: str, doc: str, value: float, labels: Mapping[str, str] | None = None):
            family = GaugeMetricFamily(name, doc, labels=list(labels or ()))
            family.add_metric(list((labels or {}).values()), value)
            return family

        yield gauge("kiosk_up", "1 while the kiosk runs; 0 in the file it leaves when it closes", int(h.up))
        yield gauge("kiosk_start_time_seconds", "when the kiosk started, Unix time", h.started)
        yield gauge(
            "kiosk_health_written_timestamp_seconds", "when this file was written, Unix time", h.written
        )
        info = InfoMetricFamily("kiosk", "the kiosk's version and the content it shows")
        info.add_metric(
            [],
            {
                "version": h.version,
                "site": h.site,
                "content_id": h.content_id,
                "content_version": h.content_version,
                "content_date": h.content_date,
            },
        )
        yield info
        yield gauge(
            "kiosk_printer_ready", "1 if a slip would print now", int(h.printer_ready), {"printer": h.printer}
        )
        problem = GaugeMetricFamily(
            "kiosk_printer_problem", "1 for what stops the printer, 0 for the rest", labels=["problem"]
        )
        for kind in PRINTER_PROBLEMS:
            problem.add_metric([kind], int(h.printer_problem == kind))
        yield problem
        printed = CounterMetricFamily(
            "kiosk_slips_printed", "slips sent to the printer since the kiosk started"
        )
        printed.add_metric([], h.slips_printed)
        yield printed
        failures = CounterMetricFamily(
            "kiosk_print_failures",
            "slips that did not print since the kiosk started, by why",
            labels=["problem"],
        )
        for label in PRINT_FAILURES:
            failures.add_metric([label], h.print_failures.get(label, 0))
        yield failures
        yield gauge(
            "kiosk_config_problems", "problems in the site configuration (staff see each)", h.config_problems
        )
        yield gauge(
            "kiosk_content_package_refused",
            "1 if a content package or bundle was refused and older or built-in content runs",
            int(h.content_refused),
        )
        yield gauge(
            "kiosk_content_review_overdue_contacts",
            "contacts whose number is overdue for its review against the published source",
            h.review_overdue,
        )
        speech = GaugeMetricFamily(
            "kiosk_speech_available", "1 if Listen has a voice for this offered language", labels=["language"]
        )
        for language, works in sorted(h.speech.items()):
            speech.add_metric([language], int(works))
        yield speech
        if h.last_used is not None:
            yield gauge(
                "kiosk_last_used_timestamp_seconds",
                "the hour a resident last used the kiosk, Unix time (to the hour, never finer)",
                h.last_used,
            )
        if h.share_ok is not None:
            yield gauge(
                "kiosk_usage_share_ok", "1 if the usage figures share took the last write", int(h.share_ok)
            )
            yield gauge(
                "kiosk_usage_share_days_waiting",
                "finished days of usage figures not yet written to the share (kept on the kiosk)",
                h.share_days_waiting,
            )


def text(health: Health) -> str:
    """The file's text (for tests and docs): what `write` puts on disk."""
    from prometheus_client import CollectorRegistry, generate_latest

    registry = CollectorRegistry(auto_describe=False)
    registry.register(HealthCollector(health))
    return generate_latest(registry).decode()


def write(health: Health, folder: Path) -> Path:
    """Write `health` to FILE_NAME in `folder`, atomically. The folder is IT's: it is never made
    here (a share that is not mounted must not become a folder on the kiosk's own disk).

    Raises OSError (FileNotFoundError when the folder is missing).
    """
    from prometheus_client import CollectorRegistry, write_to_textfile

    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(2, "the folder does not exist", str(folder))
    registry = CollectorRegistry(auto_describe=False)
    registry.register(HealthCollector(health))
    path = folder / FILE_NAME
    write_to_textfile(str(path), registry)
    return path


def folder_setting(value: str, dotted: str) -> tuple[Path | None, str]:
    """The folder a site setting names, or None and why not (for staff): "" is none, and a folder
    must be given as an absolute path (a kiosk has no working folder worth meaning)."""
    if not value.strip():
        return None, ""
    folder = Path(value.strip())
    if not folder.is_absolute():
        return None, f"{dotted} = {value!r} is not an absolute path; nothing is written there until it is"
    return folder, ""
