"""Printing the contact slip from the kiosk: off the UI thread, on the site's printer, with no dialog.

The resident taps "Print a slip" and reads "Printing…", then where to collect it; if the printer
cannot print, why in a few words and the way forward, which is always the QR code on the screen.
The job is followed for a while after it is queued, so a printer that runs out of paper or stops
turns "please collect" into the QR message. Nothing is written to disk here; a wipe (leave
quickly, idle reset) cancels a job that has not printed yet.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Property, QObject, QTimer, Signal, Slot
from PySide6.QtQml import QmlNamedElement, QmlSingleton

from kiosk.core import i18n
from kiosk.core.content.model import Bundle
from kiosk.ui import registry
from kiosk.ui.worker import Background

log = logging.getLogger(__name__)
QML_IMPORT_NAME = registry.QML_IMPORT_NAME
QML_IMPORT_MAJOR_VERSION = registry.QML_IMPORT_MAJOR_VERSION
FOLLOW_EVERY_MS = 1000
FOLLOW_FOR_S = 90  # long enough for a printer to warm up and report out of paper


@QmlNamedElement("Slips")
@QmlSingleton
class SlipsAdapter(QObject):
    stateChanged = Signal()
    slipPrinted = Signal(int)  # job id
    slipFailed = Signal(str)  # the problem, for the log and tests; never shown as it is

    @staticmethod
    def create(engine):  # noqa: ANN001 - called by QML, once per engine
        return registry.adapter(engine, "slips")

    def __init__(self, bundle: Bundle, parent: QObject | None = None):
        super().__init__(parent)
        self._bundle = bundle
        self._state = "idle"  # idle | working | printed | failed
        self._problem = ""
        self._background = Background(self)
        self._generation = 0
        self._language = i18n.SOURCE_LANGUAGE
        self._place = ""
        self._printer: str | None = None
        self._layout = "a6"
        self._bilingual = False
        self._job = None
        self._follow_left = 0
        self._follow = QTimer(self, interval=FOLLOW_EVERY_MS)
        self._follow.timeout.connect(self._check_job)

    def set_site(
        self,
        collection_point: str = "",
        printer: str | None = None,
        layout: str = "a6",
        bilingual: bool = False,
    ) -> None:
        """Where residents collect slips, the printer (None: the system default) and the slip layout.

        The collection point is shown as "Please collect your slip from {place}." and goes through
        the catalog, so a site can have it translated; empty means "the printer".
        """
        from kiosk.core.slips import FORMATS

        if layout not in FORMATS:
            raise ValueError(f"unknown slip layout {layout!r}; choose one of {', '.join(FORMATS)}")
        self._place = collection_point
        self._printer = printer or None
        self._layout = layout
        self._bilingual = bilingual
        self.stateChanged.emit()

    @property
    def site(self) -> tuple[str, str | None, str]:
        """The collection point, printer (None: the system default) and slip layout in use."""
        return self._place, self._printer, self._layout

    def set_bundle(self, bundle: Bundle) -> None:
        """Print from another bundle from now on (staff switched the content)."""
        self._bundle = bundle

    @Property(str, notify=stateChanged)
    def state(self) -> str:
        return self._state

    @Property(str, notify=stateChanged)
    def problem(self) -> str:
        """Why the last slip did not print ("" unless failed): a printing.Problem value, or "render"."""
        return self._problem

    @Property(str, notify=stateChanged)
    def statusText(self) -> str:  # noqa: N802 - QML API
        """What the resident reads after tapping "Print a slip", in the current language."""
        _ = i18n.translation(self._language).gettext
        if self._state == "working":
            return _("Printing…")
        if self._state == "printed":
            place = _(self._place) if self._place else _("the printer")
            return _("Please collect your slip from {place}.").format(place=place)
        if self._state == "failed":
            return failure_text(self._problem, _)
        return ""

    @property
    def last_job(self):
        """The job this session queued last (a printing.Submitted), or None."""
        return self._job

    def _set_state(self, state: str, problem: str = "") -> None:
        self._state = state
        self._problem = problem
        self.stateChanged.emit()

    @Slot(str, bool, str)
    def make(self, concern: str, discreet: bool, language: str) -> None:
        """Print the slip for `concern` in `language` (the "Print a slip" button)."""
        if self._state == "working":
            return
        from kiosk.core.slips.render import SlipRequest

        self._follow.stop()
        self._language = language
        self._set_state("working")
        request = SlipRequest(
            concern=concern,
            discreet=discreet,
            language=language,
            format=self._layout,
            bilingual=self._bilingual,
        )
        generation, printer, bundle = self._generation, self._printer, self._bundle

        def work():
            from kiosk.ui import printing

            return printing.print_slip(bundle, request, printer=printer)

        def done(job) -> None:
            if generation != self._generation:  # the session was wiped meanwhile
                self._cancel(job)
                return
            self._job = job
            self._set_state("printed")
            self.slipPrinted.emit(job.job_id)
            self._follow_left = FOLLOW_FOR_S * 1000 // FOLLOW_EVERY_MS
            self._follow.start()

        def failed(exc: BaseException) -> None:
            if generation != self._generation:
                return
            self._fail(exc)

        self._background.run(work, done, failed)

    def _fail(self, exc: BaseException) -> None:
        from kiosk.ui.printing import PrintError

        if isinstance(exc, PrintError):
            log.warning("slip not printed: %s", exc)
            problem = exc.problem.value
        else:
            log.error("slip not made: %r", exc)
            problem = "render"
        self._set_state("failed", problem)
        self.slipFailed.emit(problem)

    def _check_job(self) -> None:
        """Ask the spooler how the last job is doing, off the UI thread; act on the answer here."""
        job, generation = self._job, self._generation
        self._follow_left -= 1
        if job is None or self._follow_left < 0:
            self._follow.stop()
            return

        def work():
            from kiosk.ui import printing

            return printing.outcome(job)

        def done(outcome) -> None:
            if generation != self._generation or job is not self._job or self._state != "printed":
                return
            if outcome.state == "done":
                self._follow.stop()
            elif outcome.state == "failed":
                self._follow.stop()
                from kiosk.ui.printing import PrintError

                self._fail(PrintError(outcome.problem, job.printer, outcome.detail))

        self._background.run(work, done, lambda exc: log.warning("could not follow the print job: %s", exc))

    def prewarm(self) -> None:
        """Load reportlab and qrcode, register fonts, draw every QR card and load the print system, off
        the UI thread, so the first "Print a slip" and the first take-away screen are as quick as
        the hundredth."""
        from kiosk.core import qr
        from kiosk.core.slips.render import SlipRequest, render_slip

        printer, layout = self._printer, self._layout

        def work() -> None:
            render_slip(self._bundle, SlipRequest(format=layout))
            for concern in self._bundle.concerns:
                for discreet in (False, True):
                    qr.matrix(qr.vcard(self._bundle, concern, discreet))
            from kiosk.ui import printing

            checked = printing.status(printer)
            log.info("slip printer %s", checked.summary)

        self._background.run(work, lambda _: None, lambda exc: log.warning("slip pre-warm failed: %s", exc))

    def _cancel(self, job) -> None:
        def work() -> bool:
            from kiosk.ui import printing

            return printing.cancel(job)  # False, harmlessly, for a job that has already printed

        self._background.run(work, lambda _: None, lambda exc: log.warning("could not cancel a job: %s", exc))

    def wipe(self) -> None:
        """Forget this session's slip; a job not printed yet is cancelled."""
        self._generation += 1
        self._follow.stop()
        if self._job is not None:
            self._cancel(self._job)
        self._job = None
        if self._state != "idle":
            self._set_state("idle")

    def wait(self) -> bool:
        return self._background.wait()


def failure_text(problem: str, _) -> str:  # noqa: ANN001 - a gettext function
    """Why the slip did not print, in a few plain words, then the way forward: the QR code."""
    from kiosk.ui.printing import Problem

    if problem == "render" or not problem:
        return _(
            "Sorry, the slip could not be made. Please scan the code instead, or write the numbers down."
        )
    why = {
        Problem.NO_PRINTER: _("Sorry, there is no printer here."),
        Problem.NOT_FOUND: _("Sorry, there is no printer here."),
        Problem.SPOOLER_DOWN: _("Sorry, printing is not working at the moment."),
        Problem.PAUSED: _("Sorry, the printer is not working at the moment."),
        Problem.NOT_ACCEPTING: _("Sorry, the printer is not working at the moment."),
        Problem.PRINTER_ERROR: _("Sorry, the printer is not working at the moment."),
        Problem.OUT_OF_PAPER: _("Sorry, the printer has run out of paper."),
    }.get(Problem(problem), _("Sorry, the slip could not be printed."))
    forward = _("Please scan the QR code on the screen with your phone camera, or write the numbers down.")
    return f"{why} {forward}"
