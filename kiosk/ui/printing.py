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
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import sys
import threading
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kiosk.core.content.model import Bundle
    from kiosk.core.slips.render import SlipRequest

log = logging.getLogger(__name__)

NEUTRAL_TITLE = "Useful numbers"
SLIP_TITLE = "Contact slip"
MAX_COPIES = 50
CONNECT_TIMEOUT_MS = 2000
# The name of the one document in each job. Fixed, ASCII, no white space: Debian 12's cupsd
# 2.4.2-3+deb12u10 (the security update of 2026-11-20) segfaults on a document name that contains
# a space or a tab, and every later job then finds the print system down. The job's title (what
# `lpstat` and the printer's panel show) is still "Contact slip" or "Useful numbers".
DOCUMENT_NAME = "slip.pdf"
RASTER_DPI = 300  # pages drawn as images (Windows): sharp on paper, a few MB per A4 page


class Problem(StrEnum):
    NO_PRINTER = "no-printer"  # none configured and no system default
    NOT_FOUND = "not-found"  # the configured printer does not exist
    SPOOLER_DOWN = "spooler-down"  # the print system (CUPS scheduler, spooler) is not running
    PAUSED = "paused"  # stopped, disabled (cupsdisable) or offline
    NOT_ACCEPTING = "not-accepting"  # the queue refuses new jobs (cupsreject)
    OUT_OF_PAPER = "out-of-paper"
    PRINTER_ERROR = "printer-error"  # jammed, door open, out of toner...
    REJECTED = "rejected"  # the spooler refused this job
    FAILED = "failed"  # the job was aborted or cancelled after it was queued

    @property
    def explanation(self) -> str:
        """For receptionists, the command line and the log (residents get a translated message)."""
        return {
            Problem.NO_PRINTER: "no printer was chosen and the system has no default printer",
            Problem.NOT_FOUND: "the printer does not exist on this computer",
            Problem.SPOOLER_DOWN: "the print system is not running (is CUPS started?)",
            Problem.PAUSED: "the printer is paused or offline",
            Problem.NOT_ACCEPTING: "the printer's queue is not accepting jobs",
            Problem.OUT_OF_PAPER: "the printer is out of paper",
            Problem.PRINTER_ERROR: "the printer reports an error",
            Problem.REJECTED: "the print system refused the job",
            Problem.FAILED: "the job was stopped before it printed",
        }[self]


class PrintError(Exception):
    def __init__(self, problem: Problem, printer: str = "", detail: str = ""):
        self.problem = problem
        self.printer = printer
        self.detail = detail
        where = f" ({printer})" if printer else ""
        super().__init__(f"{problem.explanation}{where}" + (f": {detail}" if detail else ""))


@dataclass(frozen=True)
class PrinterStatus:
    name: str  # "" when there is none
    ready: bool
    problem: Problem | None
    detail: str = ""
    description: str = ""

    @property
    def summary(self) -> str:
        """One line for a receptionist: which printer, and whether it will print."""
        if not self.name:
            return self.problem.explanation if self.problem else "no printer"
        state = "ready" if self.ready else self.problem.explanation if self.problem else "not ready"
        return f"{self.name}: {state}" + (f" ({self.detail})" if self.detail and not self.ready else "")


@dataclass(frozen=True)
class Submitted:
    printer: str
    job_id: int  # 0 where the spooler does not give one back (Windows)
    title: str
    copies: int


@dataclass(frozen=True)
class Outcome:
    """Where a queued job has got to: "waiting", "printing", "done" or "failed" (with a problem)."""

    state: str
    problem: Problem | None = None
    detail: str = ""

    @property
    def finished(self) -> bool:
        return self.state in ("done", "failed")


def job_title(discreet: bool) -> str:
    """The name the spooler records. Never the concern: the queue is visible to staff and others."""
    return NEUTRAL_TITLE if discreet else SLIP_TITLE


# Discovery and status -----------------------------------------------------------------------


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
        if _uses_cups() and not _cups().reachable():
            return PrinterStatus("", False, Problem.SPOOLER_DOWN, _cups().server())
        return PrinterStatus("", False, Problem.NO_PRINTER)
    info = QPrinterInfo.printerInfo(name)
    if info.isNull():
        if _uses_cups() and not _cups().reachable():
            return PrinterStatus(name, False, Problem.SPOOLER_DOWN, _cups().server())
        return PrinterStatus(name, False, Problem.NOT_FOUND)
    description = info.description()
    if _uses_cups():
        problem, detail = _cups().problem_of(name)
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
        job_id = _cups().submit(checked.name, pdf, title, copies)
    else:
        _qt_print(checked.name, pdf, title, copies)
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
    return _cups().outcome(job)


def cancel(job: Submitted) -> bool:
    """Cancel a job that has not printed yet (a resident who left quickly); True if it was cancelled."""
    if not _uses_cups() or not job.job_id:
        return False
    return _cups().cancel(job)


def _uses_cups() -> bool:
    return sys.platform != "win32"


# CUPS through libcups -----------------------------------------------------------------------

# IPP status codes (RFC 8011, CUPS's ipp.h) and job states.
IPP_OK_CONFLICTING = 0x0002
IPP_FORBIDDEN = 0x0401
IPP_NOT_AUTHENTICATED = 0x0402
IPP_NOT_AUTHORIZED = 0x0403
IPP_NOT_FOUND = 0x0406
IPP_SERVICE_UNAVAILABLE = 0x0502
IPP_NOT_ACCEPTING = 0x0506
HTTP_CONTINUE = 100
JOB_PENDING, JOB_HELD, JOB_PROCESSING, JOB_STOPPED, JOB_CANCELED, JOB_ABORTED, JOB_COMPLETED = range(3, 10)
PRINTER_STOPPED = "5"
WHICHJOBS_ALL = -1
PAPER_REASONS = ("media-empty", "media-needed")
ERROR_REASONS = (
    "media-jam",
    "door-open",
    "cover-open",
    "toner-empty",
    "marker-supply-empty",
    "input-tray-missing",
)
OFFLINE_REASONS = ("offline", "shutdown", "paused", "connecting-to-device", "timed-out")


class _Option(ctypes.Structure):
    _fields_ = [("name", ctypes.c_char_p), ("value", ctypes.c_char_p)]


class _Dest(ctypes.Structure):
    _fields_ = [
        ("name", ctypes.c_char_p),
        ("instance", ctypes.c_char_p),
        ("is_default", ctypes.c_int),
        ("num_options", ctypes.c_int),
        ("options", ctypes.POINTER(_Option)),
    ]


class _Job(ctypes.Structure):
    _fields_ = [
        ("id", ctypes.c_int),
        ("dest", ctypes.c_char_p),
        ("title", ctypes.c_char_p),
        ("user", ctypes.c_char_p),
        ("format", ctypes.c_char_p),
        ("state", ctypes.c_int),
        ("size", ctypes.c_int),
        ("priority", ctypes.c_int),
        ("completed_time", ctypes.c_long),
        ("creation_time", ctypes.c_long),
        ("processing_time", ctypes.c_long),
    ]


class _Cups:
    """The few libcups calls the print path needs. libcups keeps one connection per thread."""

    def __init__(self, lib: ctypes.CDLL):
        c = ctypes
        self.lib = lib
        lib.cupsServer.restype = c.c_char_p
        lib.cupsLastErrorString.restype = c.c_char_p
        lib.httpConnect2.restype = c.c_void_p
        lib.httpConnect2.argtypes = [
            c.c_char_p, c.c_int, c.c_void_p, c.c_int, c.c_int, c.c_int, c.c_int, c.POINTER(c.c_int)
        ]  # fmt: skip
        lib.httpClose.argtypes = [c.c_void_p]
        lib.cupsGetNamedDest.restype = c.POINTER(_Dest)
        lib.cupsGetNamedDest.argtypes = [c.c_void_p, c.c_char_p, c.c_char_p]
        lib.cupsFreeDests.argtypes = [c.c_int, c.POINTER(_Dest)]
        lib.cupsAddOption.argtypes = [c.c_char_p, c.c_char_p, c.c_int, c.POINTER(c.POINTER(_Option))]
        lib.cupsFreeOptions.argtypes = [c.c_int, c.POINTER(_Option)]
        lib.cupsCreateJob.argtypes = [c.c_void_p, c.c_char_p, c.c_char_p, c.c_int, c.POINTER(_Option)]
        lib.cupsStartDocument.argtypes = [c.c_void_p, c.c_char_p, c.c_int, c.c_char_p, c.c_char_p, c.c_int]
        lib.cupsWriteRequestData.argtypes = [c.c_void_p, c.c_char_p, c.c_size_t]
        lib.cupsFinishDocument.argtypes = [c.c_void_p, c.c_char_p]
        lib.cupsCancelJob2.argtypes = [c.c_void_p, c.c_char_p, c.c_int, c.c_int]
        lib.cupsGetJobs2.argtypes = [c.c_void_p, c.POINTER(c.POINTER(_Job)), c.c_char_p, c.c_int, c.c_int]
        lib.cupsFreeJobs.argtypes = [c.c_int, c.POINTER(_Job)]

    def server(self) -> str:
        return (self.lib.cupsServer() or b"").decode()

    def reachable(self) -> bool:
        """Whether the scheduler answers at all (when it is stopped, every printer seems to vanish)."""
        http = self.lib.httpConnect2(
            self.lib.cupsServer(), self.lib.ippPort(), None, 0, 0, 1, CONNECT_TIMEOUT_MS, None
        )
        if not http:
            return False
        self.lib.httpClose(http)
        return True

    def _error(self) -> tuple[int, str]:
        return self.lib.cupsLastError(), (self.lib.cupsLastErrorString() or b"").decode(errors="replace")

    def attributes(self, name: str) -> dict[str, str] | None:
        dest = self.lib.cupsGetNamedDest(None, name.encode(), None)
        if not dest:
            return None
        try:
            d = dest.contents
            return {
                d.options[i].name.decode(): (d.options[i].value or b"").decode(errors="replace")
                for i in range(d.num_options)
            }
        finally:
            self.lib.cupsFreeDests(1, dest)

    def problem_of(self, name: str) -> tuple[Problem | None, str]:
        attrs = self.attributes(name)
        if attrs is None:
            if not self.reachable():
                return Problem.SPOOLER_DOWN, self.server()
            return Problem.NOT_FOUND, self._error()[1]
        reasons = [r for r in attrs.get("printer-state-reasons", "none").split(",") if r and r != "none"]
        message = attrs.get("printer-state-message", "")
        detail = ", ".join(filter(None, [message, *reasons]))
        if attrs.get("printer-is-accepting-jobs", "true") != "true":
            return Problem.NOT_ACCEPTING, detail
        if any(r.startswith(PAPER_REASONS) for r in reasons):
            return Problem.OUT_OF_PAPER, detail
        if attrs.get("printer-state") == PRINTER_STOPPED:
            return Problem.PAUSED, detail
        if any(r.startswith(ERROR_REASONS) for r in reasons) or any(r.endswith("-error") for r in reasons):
            return Problem.PRINTER_ERROR, detail
        if any(r.startswith(OFFLINE_REASONS) for r in reasons):
            return Problem.PAUSED, detail
        return None, detail

    def _raise(self, name: str, what: str) -> None:
        code, text = self._error()
        problem = {
            IPP_NOT_FOUND: Problem.NOT_FOUND,
            IPP_NOT_ACCEPTING: Problem.NOT_ACCEPTING,
            IPP_SERVICE_UNAVAILABLE: Problem.SPOOLER_DOWN,
        }.get(code, Problem.REJECTED)
        if problem is Problem.NOT_FOUND and not self.reachable():
            problem = Problem.SPOOLER_DOWN
        raise PrintError(problem, name, f"{what}: {text} (IPP status 0x{code:04x})")

    def submit(self, name: str, pdf: bytes, title: str, copies: int) -> int:
        lib, printer, label = self.lib, name.encode(), title.encode()
        options = ctypes.POINTER(_Option)()
        count = lib.cupsAddOption(b"copies", str(copies).encode(), 0, ctypes.byref(options))
        try:
            job_id = lib.cupsCreateJob(None, printer, label, count, options)
        finally:
            lib.cupsFreeOptions(count, options)
        if job_id <= 0:
            self._raise(name, "create job")
        document = DOCUMENT_NAME.encode()
        if lib.cupsStartDocument(None, printer, job_id, document, b"application/pdf", 1) != HTTP_CONTINUE:
            self._abandon(name, job_id, "send document")
        if lib.cupsWriteRequestData(None, pdf, len(pdf)) != HTTP_CONTINUE:
            self._abandon(name, job_id, "send document")
        if lib.cupsFinishDocument(None, printer) > IPP_OK_CONFLICTING:
            self._abandon(name, job_id, "finish document")
        return job_id

    def _abandon(self, name: str, job_id: int, what: str) -> None:
        try:
            self._raise(name, what)
        finally:
            self.lib.cupsCancelJob2(None, name.encode(), job_id, 1)

    def job_state(self, job: Submitted) -> int | None:
        jobs = ctypes.POINTER(_Job)()
        count = self.lib.cupsGetJobs2(None, ctypes.byref(jobs), job.printer.encode(), 1, WHICHJOBS_ALL)
        try:
            for i in range(max(count, 0)):
                if jobs[i].id == job.job_id:
                    return jobs[i].state
            return None
        finally:
            if count > 0:
                self.lib.cupsFreeJobs(count, jobs)

    def outcome(self, job: Submitted) -> Outcome:
        state = self.job_state(job)
        if state is None:
            if not self.reachable():
                return Outcome("failed", Problem.SPOOLER_DOWN, self.server())
            return Outcome("done")  # gone from the history: CUPS keeps none (PreserveJobHistory No)
        if state == JOB_COMPLETED:
            return Outcome("done")
        if state in (JOB_CANCELED, JOB_ABORTED):
            return Outcome("failed", Problem.FAILED, "cancelled" if state == JOB_CANCELED else "aborted")
        problem, detail = self.problem_of(job.printer)
        if problem is not None:
            return Outcome("failed", problem, detail)
        if state == JOB_STOPPED:
            return Outcome("failed", Problem.PAUSED, "the job is stopped")
        return Outcome("printing" if state == JOB_PROCESSING else "waiting")

    def cancel(self, job: Submitted) -> bool:
        return self.lib.cupsCancelJob2(None, job.printer.encode(), job.job_id, 1) <= IPP_OK_CONFLICTING


_lock = threading.Lock()


@cache
def _load_cups() -> _Cups | None:
    found = ctypes.util.find_library("cups")
    if not found:
        return None
    return _Cups(ctypes.CDLL(found))


def _cups() -> _Cups:
    with _lock:
        lib = _load_cups()
    if lib is None:
        raise PrintError(
            Problem.SPOOLER_DOWN, "", "libcups is not installed (Debian: apt-get install libcups2)"
        )
    return lib


# Windows: QtPdf pages into a QPrinter --------------------------------------------------------


def render_pages(pdf: bytes, dpi: float, first_only: bool = False) -> list:
    """The pages of `pdf` as QImages at `dpi`, drawn by QtPdf (safe off the UI thread)."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
    from PySide6.QtPdf import QPdfDocument

    buffer = QBuffer()
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    if document.status() != QPdfDocument.Status.Ready or document.pageCount() == 0:
        raise PrintError(Problem.REJECTED, "", f"QtPdf could not read the slip back ({document.error()})")
    images = []
    for page in range(1 if first_only else document.pageCount()):
        points = document.pagePointSize(page)
        pixels = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
        images.append(_on_white(document.render(page, pixels)))
    document.close()
    return images


def _on_white(image):
    """QtPdf leaves the page transparent; paper is white."""
    from PySide6.QtGui import QImage, QPainter

    page = QImage(image.size(), QImage.Format.Format_RGB32)
    page.fill(0xFFFFFF)
    painter = QPainter(page)
    painter.drawImage(0, 0, image)
    painter.end()
    return page


def _qt_print(name: str, pdf: bytes, title: str, copies: int) -> None:
    """Draw each page, rendered at the printer's resolution, into a QPrinter (the spooler's path)."""
    from PySide6.QtCore import QMarginsF, QRectF, QSizeF
    from PySide6.QtGui import QPageLayout, QPageSize, QPainter
    from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

    printer = QPrinter(QPrinterInfo.printerInfo(name), QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    printer.setCopyCount(copies)
    printer.setFullPage(True)
    device_dpi = printer.resolution()
    dpi = min(device_dpi, RASTER_DPI)
    pages = render_pages(pdf, dpi)
    first = QSizeF(pages[0].width() * 72 / dpi, pages[0].height() * 72 / dpi)
    printer.setPageLayout(
        QPageLayout(QPageSize(first, QPageSize.Unit.Point), QPageLayout.Orientation.Portrait, QMarginsF())
    )
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintError(Problem.REJECTED, name, "the spooler would not start the job")
    try:
        for n, image in enumerate(pages):
            if n:
                printer.newPage()
            scale = device_dpi / dpi
            painter.drawImage(QRectF(0, 0, image.width() * scale, image.height() * scale), image)
    finally:
        painter.end()
    if printer.printerState() == QPrinter.PrinterState.Error:
        raise PrintError(Problem.REJECTED, name, "the spooler reported an error")
