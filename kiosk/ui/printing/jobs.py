"""What the print path says about printers and jobs: why a slip cannot print (a Problem, which the
kiosk turns into a resident's message and the desk and CLI into a receptionist's), a printer's
state, a queued job and what became of it. Plain data: no Qt, no print system.

Job names never say what a slip is about: "Contact slip", or "Useful numbers" for a discreet one.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

NEUTRAL_TITLE = "Useful numbers"
SLIP_TITLE = "Contact slip"
MAX_COPIES = 50


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
