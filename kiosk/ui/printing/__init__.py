"""The one print path: the kiosk, the desk and `kiosk print` all hand their slips to the system here.

How a slip reaches the paper, deliberately:

- **CUPS (Linux, and macOS):** the PDF itself goes to the queue through libcups (IPP Create-Job and
  Send-Document), byte for byte, with no print dialog and no file on disk. The queue receives the
  slip's text layer and vector QR code as reportlab wrote them; CUPS's own filters turn it into
  what the printer speaks. Drawing the PDF into a QPrinter instead would mean rendering its pages
  to images first (Qt has no way to draw a PDF as vectors), which loses the text layer.
- **Windows:** the spooler has no PDF path of its own, so each page is rendered with QtPdf at the
  printer's resolution and drawn into a QPrinter: the paper looks the same, but the spooled job
  holds an image, not text. (Not verified on Windows here; see docs/printing.md.)

Qt's print support (QPrinterInfo) finds the printers, the system default and each one's state;
libcups adds what Qt does not say: whether a queue accepts jobs, whether the printer is out of
paper, whether the scheduler is running at all. Every failure becomes a PrintError with a Problem
that the kiosk turns into a resident's message and the desk and CLI into a receptionist's.

Job names never say what a slip is about: "Contact slip", or "Useful numbers" for a discreet one.
Everything here may block (it talks to the spooler): call it off the UI thread.

jobs.py holds what callers are told (Problem, PrintError, PrinterStatus, Submitted, Outcome);
cups.py the libcups calls; spooler.py the Windows path; pages.py draws PDF pages with QtPdf.
"""

from __future__ import annotations

import logging
import sys
from typing import TYPE_CHECKING

from kiosk.ui.printing import cups
from kiosk.ui.printing.jobs import (
    MAX_COPIES,
    NEUTRAL_TITLE,
    SLIP_TITLE,
    Outcome,
    PrintError,
    PrinterStatus,
    Problem,
    Submitted,
    job_title,
)

if TYPE_CHECKING:
    from kiosk.core.content.model import Bundle
    from kiosk.core.slips.render import SlipRequest

__all__ = [
    "MAX_COPIES",
    "NEUTRAL_TITLE",
    "SLIP_TITLE",
    "Outcome",
    "PrintError",
    "PrinterStatus",
    "Problem",
    "Submitted",
    "cancel",
    "default_printer",
    "job_title",
    "outcome",
    "print_pdf",
    "print_slip",
    "printer_names",
    "status",
]
log = logging.getLogger(__name__)


def printer_names() -> list[str]:
    from PySide6.QtPrintSupport import QPrinterInfo

    return list(QPrinterInfo.availablePrinterNames())


def default_printer() -> str:
    """The system's default printer ("" when none), as Qt sees it: CUPS's default, LPDEST or PRINTER."""
    from PySide6.QtPrintSupport import QPrinterInfo

    return QPrinterInfo.defaultPrinterName()


def status(printer: str | None = None) -> PrinterStatus:
    """Whether `printer` (or the system default, if None or "") would print a slip now, and if not why."""
    from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

    name = printer or default_printer()
    if not name:
        if _uses_cups() and not cups.library().reachable():
            return PrinterStatus("", False, Problem.SPOOLER_DOWN, cups.library().server())
        return PrinterStatus("", False, Problem.NO_PRINTER)
    info = QPrinterInfo.printerInfo(name)
    if info.isNull():
        if _uses_cups() and not cups.library().reachable():
            return PrinterStatus(name, False, Problem.SPOOLER_DOWN, cups.library().server())
        return PrinterStatus(name, False, Problem.NOT_FOUND)
    description = info.description()
    if _uses_cups():
        problem, detail = cups.library().problem_of(name)
    else:
        qt_state = info.state()
        problem, detail = None, ""
        if qt_state == QPrinter.PrinterState.Aborted:
            problem = Problem.PAUSED
        elif qt_state == QPrinter.PrinterState.Error:
            problem = Problem.PRINTER_ERROR
    return PrinterStatus(name, problem is None, problem, detail, description)


# Printing -----------------------------------------------------------------------------------


def print_pdf(
    pdf: bytes, *, printer: str | None = None, title: str = SLIP_TITLE, copies: int = 1
) -> Submitted:
    """Queue `pdf` on `printer` (or the system default); raises PrintError with the reason it can't."""
    if not 1 <= copies <= MAX_COPIES:
        raise ValueError(f"copies must be between 1 and {MAX_COPIES}, not {copies}")
    checked = status(printer)
    if not checked.ready:
        raise PrintError(checked.problem or Problem.REJECTED, checked.name, checked.detail)
    if _uses_cups():
        job_id = cups.library().submit(checked.name, pdf, title, copies)
    else:
        from kiosk.ui.printing.spooler import qt_print

        qt_print(checked.name, pdf, title, copies)
        job_id = 0
    log.info(
        "print job %s queued on %s (%d cop%s)", job_id, checked.name, copies, "y" if copies == 1 else "ies"
    )
    return Submitted(checked.name, job_id, title, copies)


def print_slip(
    bundle: Bundle, request: SlipRequest, *, printer: str | None = None, copies: int = 1
) -> Submitted:
    """Render the slip and queue it: the path the kiosk, the desk and `kiosk print` share."""
    from kiosk.core.slips.render import render_slip

    return print_pdf(
        render_slip(bundle, request), printer=printer, title=job_title(request.discreet), copies=copies
    )


def outcome(job: Submitted) -> Outcome:
    """What has become of a queued job: printed, still going, or failed and why."""
    if not _uses_cups() or not job.job_id:
        return Outcome("done")  # the Windows spooler gives no job id back through Qt
    return cups.library().outcome(job)


def cancel(job: Submitted) -> bool:
    """Cancel a job that has not printed yet (a resident who left quickly); True if it was cancelled."""
    if not _uses_cups() or not job.job_id:
        return False
    return cups.library().cancel(job)


def _uses_cups() -> bool:
    return sys.platform != "win32"
