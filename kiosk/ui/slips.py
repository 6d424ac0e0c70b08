"""Making the contact slip from the screen, off the UI thread, into a private folder wiped on reset."""

from __future__ import annotations

import logging
import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import Property, QObject, Signal, Slot
from PySide6.QtQml import QmlNamedElement, QmlSingleton

from kiosk.core import i18n
from kiosk.core.content.model import Bundle
from kiosk.ui import registry
from kiosk.ui.worker import Background

log = logging.getLogger(__name__)
QML_IMPORT_NAME = registry.QML_IMPORT_NAME
QML_IMPORT_MAJOR_VERSION = registry.QML_IMPORT_MAJOR_VERSION


@QmlNamedElement("Slips")
@QmlSingleton
class SlipsAdapter(QObject):
    stateChanged = Signal()
    slipReady = Signal(str)
    slipFailed = Signal(str)

    @staticmethod
    def create(engine):  # noqa: ANN001 - called by QML, once per engine
        return registry.adapter(engine, "slips")

    def __init__(self, bundle: Bundle, parent: QObject | None = None):
        super().__init__(parent)
        self._bundle = bundle
        self._state = "idle"  # idle | working | ready | failed
        self._folder: Path | None = None
        self._last: Path | None = None
        self._background = Background(self)
        self._generation = 0
        self._language = i18n.SOURCE_LANGUAGE

    @Property(str, notify=stateChanged)
    def state(self) -> str:
        return self._state

    @Property(str, notify=stateChanged)
    def statusText(self) -> str:  # noqa: N802 - QML API
        """What the resident reads after tapping "Print a slip", in the current language."""
        _ = i18n.translation(self._language).gettext
        if self._state == "ready":
            return _("Your slip is ready. Please collect it from the printer.")
        if self._state == "failed":
            return _(
                "Sorry, the slip could not be made. Please scan the code instead, or write the numbers down."
            )
        return ""

    @property
    def last_slip(self) -> Path | None:
        return self._last

    def _set_state(self, state: str) -> None:
        self._state = state
        self.stateChanged.emit()

    @Slot(str, bool, str)
    def make(self, concern: str, discreet: bool, language: str) -> None:
        if self._state == "working":
            return
        self._set_state("working")
        if self._folder is None:
            self._folder = Path(tempfile.mkdtemp(prefix="kiosk-slip-"))
        target = self._folder / "slip.pdf"
        from kiosk.core.slips.render import SlipRequest, render_slip

        self._language = language
        request = SlipRequest(concern=concern, discreet=discreet, language=language)
        generation = self._generation

        def work() -> Path:
            target.write_bytes(render_slip(self._bundle, request))
            return target

        def done(path: Path) -> None:
            if generation != self._generation:  # the session was wiped meanwhile
                path.unlink(missing_ok=True)
                return
            self._last = path
            self._set_state("ready")
            self.slipReady.emit(str(path))

        def failed(exc: BaseException) -> None:
            self._set_state("failed")
            self.slipFailed.emit(str(exc))

        self._background.run(work, done, failed)

    def prewarm(self) -> None:
        """Load reportlab and qrcode, register fonts and draw every QR card, off the UI thread, so the
        first "Print a slip" and the first take-away screen are as quick as the hundredth."""
        from kiosk.core import qr
        from kiosk.core.slips.render import SlipRequest, render_slip

        def work() -> None:
            render_slip(self._bundle, SlipRequest())
            for concern in self._bundle.concerns:
                for discreet in (False, True):
                    qr.matrix(qr.vcard(self._bundle, concern, discreet))

        self._background.run(work, lambda _: None, lambda exc: log.warning("slip pre-warm failed: %s", exc))

    def wipe(self) -> None:
        """Forget every slip of this session, on disk too."""
        self._generation += 1
        self._last = None
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None
        if self._state != "idle":
            self._set_state("idle")

    def wait(self) -> bool:
        return self._background.wait()
