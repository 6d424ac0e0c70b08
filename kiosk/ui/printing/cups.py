"""The few libcups calls the print path needs, through ctypes (Linux, and macOS).

The PDF itself goes to the queue (IPP Create-Job and Send-Document), byte for byte. libcups also
says what Qt does not: whether a queue accepts jobs, whether the printer is out of paper, whether
the scheduler is running at all. libcups keeps one connection per thread.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import threading
from functools import cache

from kiosk.ui.printing.jobs import Outcome, PrintError, Problem, Submitted

CONNECT_TIMEOUT_MS = 2000
# The name of the one document in each job. Fixed, ASCII, no white space: Debian 12's cupsd
# 2.4.2-3+deb12u10 (the security update of 2026-11-20) segfaults on a document name that contains
# a space or a tab, and every later job then finds the print system down. The job's title (what
# `lpstat` and the printer's panel show) is still "Contact slip" or "Useful numbers".
DOCUMENT_NAME = "slip.pdf"

# IPP status codes (RFC 8011, CUPS's ipp.h) and job states.
IPP_OK_CONFLICTING = 0x0002
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


class Cups:
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
def _load() -> Cups | None:
    found = ctypes.util.find_library("cups")
    if not found:
        return None
    return Cups(ctypes.CDLL(found))


def library() -> Cups:
    """The libcups binding; PrintError (the print system is down) if libcups is not installed."""
    with _lock:
        lib = _load()
    if lib is None:
        raise PrintError(
            Problem.SPOOLER_DOWN, "", "libcups is not installed (Debian: apt-get install libcups2)"
        )
    return lib
