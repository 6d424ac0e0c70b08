"""The staff panel's front door: a hidden long press opens a PIN keypad; the right PIN opens the
staff menu, and the PIN can be changed from there.

The PIN is checked against a salted scrypt hash with a growing lockout (kiosk.core.pin). This
adapter (QML `Staff`) also holds what every staff screen shares: which screen is open, the message
and detail lines under it, and one background worker for slow work, so that the screens behind the
menu (settings.py, figures.py, updates.py) stay about what staff do there.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Property, QObject, QTimer, Signal, Slot
from PySide6.QtQml import QmlNamedElement, QmlSingleton

from kiosk.ui import registry
from kiosk.ui.staff.figures import FiguresExport
from kiosk.ui.staff.settings import SettingsEditor
from kiosk.ui.staff.updates import ContentUpdates

if TYPE_CHECKING:
    from kiosk.core.config import Settings
    from kiosk.core.pin import Lockout

log = logging.getLogger(__name__)
QML_IMPORT_NAME = registry.QML_IMPORT_NAME
QML_IMPORT_MAJOR_VERSION = registry.QML_IMPORT_MAJOR_VERSION
PIN_LENGTH_MAX = 12
ENTER_PIN = "Enter the staff PIN."
NO_PIN = "No staff PIN is set in the site configuration (pin_hash). See docs/configuration.md."
PAGES = ("menu", "settings", "pin", "export", "updates")  # open only after the right PIN


@QmlNamedElement("Staff")
@QmlSingleton
class StaffAdapter(QObject):
    changed = Signal()
    exitRequested = Signal()

    @staticmethod
    def create(engine):  # noqa: ANN001 - called by QML, once per engine
        return registry.adapter(engine, "staff")

    def __init__(
        self,
        pin_hash: Callable[[], str],
        lockout_file: Path | None,  # where the lockout survives a restart; None: memory only
        notices: Callable[[], list[str]],
        parent: QObject | None = None,
        *,
        kiosk: Any = None,  # the KioskApp whose settings and content staff change
    ):
        super().__init__(parent)
        self._pin_hash = pin_hash
        self._lockout_file = lockout_file
        self._lockout_made: Lockout | None = None
        self._notices = notices
        self.kiosk = kiosk
        self._mode = "closed"  # closed | keypad | menu | settings | pin | export | updates
        self._entered = ""
        self._message = ""
        self._details: list[str] = []
        self._tick = QTimer(self, interval=1000)
        self._tick.timeout.connect(self._refresh_lock)
        self._background = None  # a worker, made when staff first need one
        self._busy = False
        self._pin_step = ""  # the PIN change: current | new | again
        self._new_pin = ""
        self.editor = SettingsEditor(self)
        self.figures = FiguresExport(self)
        self.updates = ContentUpdates(self)

    # --- what QML shows ------------------------------------------------------------------------

    @Property(str, notify=changed)
    def mode(self) -> str:
        return self._mode

    @Property(int, notify=changed)
    def entered(self) -> int:
        """How many digits are typed (the keypad shows dots, never the digits)."""
        return len(self._entered)

    @Property(str, notify=changed)
    def message(self) -> str:
        return self._message

    @Property("QVariantList", notify=changed)
    def details(self) -> list[str]:
        """What was saved, each problem, or what a content update did: one line each."""
        return list(self._details)

    @Property(bool, notify=changed)
    def locked(self) -> bool:
        return self._lockout.remaining() > 0

    @Property(bool, notify=changed)
    def busy(self) -> bool:
        """True while slow work runs (printers, an export, a content update): its buttons wait."""
        return self._busy

    @Property("QVariantList", notify=changed)
    def notices(self) -> list[str]:
        """Problems staff must know about: configuration, content bundle, review dates."""
        return list(self._notices())

    @Property(str, notify=changed)
    def pinStep(self) -> str:  # noqa: N802 - QML API
        return self._pin_step

    @property
    def _lockout(self) -> Lockout:
        """The PIN lockout, read when staff first reach for the keypad, not at every start-up."""
        if self._lockout_made is None:
            from kiosk.core.pin import Lockout

            self._lockout_made = Lockout(self._lockout_file)
        return self._lockout_made

    # --- what every staff screen shares --------------------------------------------------------

    def show(self, mode: str | None = None, message: str | None = None, details: list[str] | None = None):
        """Change the screen, the message or the detail lines (None: leave as it is)."""
        if mode is not None:
            self._mode = mode
        if message is not None:
            self._message = message
        if details is not None:
            self._details = details
        self.changed.emit()

    @property
    def is_open(self) -> bool:
        """True once the right PIN was typed, until staff leave."""
        return self._mode in PAGES

    def data_dir(self) -> Path:
        from kiosk.core import paths

        options = getattr(self.kiosk, "options", None)
        return getattr(options, "state_dir", None) or paths.data_dir()

    def config_path(self) -> Path | None:
        return getattr(getattr(self.kiosk, "options", None), "config_path", None)

    def configured(self) -> Settings:
        """The settings the site file and the kiosk's own changes give now."""
        from kiosk.core import config

        settings, _ = config.load_config(
            self.config_path(), data_dir=self.data_dir(), remember=False, log_problems=False
        )
        return settings

    def run(self, work: Callable[[], Any], done: Callable[[Any], None], what: str) -> None:
        """Run slow work (printers, figures, bundles) off the UI thread; staff see it is busy."""
        if self._busy:
            return
        if self._background is None:
            from kiosk.ui.worker import Background

            self._background = Background(self)

        def finished(result: Any) -> None:
            self._busy = False
            done(result)
            self.changed.emit()

        def failed(exc: BaseException) -> None:
            self._busy = False
            log.warning("staff: %s failed: %s", what, exc)
            self.show(message=f"Sorry, {what} did not work.", details=[str(exc)])

        self._busy = True
        self.changed.emit()
        self._background.run(work, finished, failed)

    def wait(self) -> bool:
        return self._background.wait() if self._background is not None else True

    # --- keypad -------------------------------------------------------------------------------

    @Slot()
    def openKeypad(self) -> None:  # noqa: N802 - QML API
        self._entered = ""
        status = self._lockout.status()
        self.show("keypad", self._lock_text(status.locked_for) if status.locked_for else ENTER_PIN, [])
        self._refresh_lock()

    @Slot(str)
    def press(self, digit: str) -> None:
        if self._mode in ("keypad", "pin") and digit.isdigit() and len(self._entered) < PIN_LENGTH_MAX:
            self._entered += digit
            self.changed.emit()

    @Slot()
    def erase(self) -> None:
        self._entered = self._entered[:-1]
        self.changed.emit()

    @Slot()
    def submit(self) -> None:
        if self._mode == "pin":
            self._submit_pin_change()
            return
        if self._mode != "keypad":
            return
        verdict = self._lockout.try_pin(self._entered, self._pin_hash())
        self._entered = ""
        if verdict.ok:
            log.info("staff menu opened")
            self.show("menu", "", [])
        elif verdict.reason == "no-pin":
            self.show(message=NO_PIN)
        else:
            self._wrong(verdict)

    def _wrong(self, verdict) -> None:  # noqa: ANN001 - a pin.Verdict
        if verdict.reason == "locked":
            self.show(message=self._lock_text(verdict.locked_for))
            self._tick.start()
        else:
            tries = verdict.tries_left
            self.show(
                message=f"Wrong PIN. {tries} {'try' if tries == 1 else 'tries'} left before the keypad locks."
            )

    @Slot()
    def close(self) -> None:
        if self._mode in PAGES:
            log.info("staff menu closed")
        self._entered = self._new_pin = self._pin_step = ""
        self.editor.leave(forget=True)
        self._tick.stop()
        self.show("closed", "", [])

    @Slot()
    def exitKiosk(self) -> None:  # noqa: N802 - QML API
        if self._mode == "menu":
            log.info("staff closed the kiosk")
            self.exitRequested.emit()

    @Slot()
    def backToMenu(self) -> None:  # noqa: N802 - QML API
        if self.is_open:
            self._entered = self._new_pin = self._pin_step = ""
            self.editor.leave(forget=False)
            self.show("menu", "", [])

    def _lock_text(self, seconds: float) -> str:
        return f"Too many wrong PINs. The keypad opens again in {math.ceil(seconds)} seconds."

    def _refresh_lock(self) -> None:
        left = self._lockout.remaining()
        if left > 0:
            self._tick.start()
            self.show(message=self._lock_text(left))
        elif self._tick.isActive():
            self._tick.stop()
            self.show(message=ENTER_PIN if self._mode == "keypad" else self._pin_prompt())

    # --- changing the staff PIN -----------------------------------------------------------------

    @Slot()
    def openPinChange(self) -> None:  # noqa: N802 - QML API
        if not self.is_open:
            return
        self._entered = self._new_pin = ""
        self._pin_step = "current"
        log.info("staff opened the PIN change")
        self.show("pin", self._pin_prompt(), [])
        self._refresh_lock()

    def _pin_prompt(self) -> str:
        from kiosk.core.pin import MAX_DIGITS, MIN_DIGITS

        return {
            "current": "Enter the current staff PIN.",
            "new": f"Enter the new PIN: {MIN_DIGITS} to {MAX_DIGITS} digits (6 or more is better).",
            "again": "Enter the new PIN again.",
        }.get(self._pin_step, "")

    def _submit_pin_change(self) -> None:
        from kiosk.core.pin import pin_problem

        entered, self._entered = self._entered, ""
        if self._pin_step == "current":
            verdict = self._lockout.try_pin(entered, self._pin_hash())
            if verdict.ok:
                self._pin_step = "new"
                self.show(message=self._pin_prompt())
            else:
                log.info("PIN change: the current PIN was wrong")
                self._wrong(verdict)
        elif self._pin_step == "new":
            problem = pin_problem(entered)
            if problem:
                self.show(message=f"That PIN cannot be used: {problem}. {self._pin_prompt()}")
            else:
                self._new_pin, self._pin_step = entered, "again"
                self.show(message=self._pin_prompt())
        elif self._pin_step == "again":
            if entered != self._new_pin:
                self._new_pin, self._pin_step = "", "new"
                self.show(message="The two new PINs were not the same. " + self._pin_prompt())
                return
            self._store_pin(entered)

    def _store_pin(self, pin: str) -> None:
        from kiosk.core import config
        from kiosk.core.pin import hash_pin
        from kiosk.ui.staff.words import problem_text

        self._new_pin = ""
        stored = hash_pin(pin)
        problems = config.save_local_changes(
            {"pin_hash": stored}, self.config_path(), data_dir=self.data_dir()
        )
        if problems:
            log.warning("staff PIN change not saved: %s", "; ".join(p.message for p in problems))
            self._pin_step = "new"
            self.show(message="The new PIN could not be saved.", details=[problem_text(p) for p in problems])
            return
        if self.kiosk is not None:
            self.kiosk.options.pin_hash = stored
        log.info("staff changed the staff PIN")
        self._pin_step = ""
        self.show("menu", "The staff PIN is changed. Use the new PIN from now on.", [])
