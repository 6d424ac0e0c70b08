"""Staff access: a hidden long press opens a PIN keypad; the right PIN opens the staff menu.

The PIN is checked against a salted scrypt hash with a growing lockout (kiosk.core.pin). Staff
screens are in English: they are for council staff, not residents.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable

from PySide6.QtCore import Property, QObject, QTimer, Signal, Slot
from PySide6.QtQml import QmlNamedElement, QmlSingleton

from kiosk.core.pin import Lockout
from kiosk.ui import registry

log = logging.getLogger(__name__)
QML_IMPORT_NAME = registry.QML_IMPORT_NAME
QML_IMPORT_MAJOR_VERSION = registry.QML_IMPORT_MAJOR_VERSION
PIN_LENGTH_MAX = 12
ENTER_PIN = "Enter the staff PIN."
NO_PIN = "No staff PIN is set in the site configuration (pin_hash). See docs/configuration.md."


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
        lockout: Lockout,
        notices: Callable[[], list[str]],
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self._pin_hash = pin_hash
        self._lockout = lockout
        self._notices = notices
        self._mode = "closed"  # closed | keypad | menu
        self._entered = ""
        self._message = ""
        self._tick = QTimer(self, interval=1000)
        self._tick.timeout.connect(self._refresh_lock)

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

    @Property(bool, notify=changed)
    def locked(self) -> bool:
        return self._lockout.remaining() > 0

    @Property("QVariantList", notify=changed)
    def notices(self) -> list[str]:
        """Problems staff must know about: configuration, content bundle, review dates."""
        return list(self._notices())

    def _set(self, mode: str | None = None, message: str | None = None) -> None:
        if mode is not None:
            self._mode = mode
        if message is not None:
            self._message = message
        self.changed.emit()

    @Slot()
    def openKeypad(self) -> None:  # noqa: N802 - QML API
        self._entered = ""
        status = self._lockout.status()
        self._set(
            "keypad", self._lock_text(status.locked_for) if status.locked_for else "Enter the staff PIN."
        )
        self._refresh_lock()

    @Slot(str)
    def press(self, digit: str) -> None:
        if self._mode == "keypad" and digit.isdigit() and len(self._entered) < PIN_LENGTH_MAX:
            self._entered += digit
            self.changed.emit()

    @Slot()
    def erase(self) -> None:
        self._entered = self._entered[:-1]
        self.changed.emit()

    @Slot()
    def submit(self) -> None:
        verdict = self._lockout.try_pin(self._entered, self._pin_hash())
        self._entered = ""
        if verdict.ok:
            self._set("menu", "")
        elif verdict.reason == "no-pin":
            self._set(
                message="No staff PIN is set in the site configuration (pin_hash). See docs/configuration.md."
            )
        elif verdict.reason == "locked":
            self._set(message=self._lock_text(verdict.locked_for))
            self._tick.start()
        else:
            tries = verdict.tries_left
            self._set(
                message=f"Wrong PIN. {tries} {'try' if tries == 1 else 'tries'} left before the keypad locks."
            )

    @Slot()
    def close(self) -> None:
        self._entered = ""
        self._tick.stop()
        self._set("closed", "")

    @Slot()
    def exitKiosk(self) -> None:  # noqa: N802 - QML API
        if self._mode == "menu":
            log.info("staff closed the kiosk")
            self.exitRequested.emit()

    def _lock_text(self, seconds: float) -> str:
        return f"Too many wrong PINs. The keypad opens again in {math.ceil(seconds)} seconds."

    def _refresh_lock(self) -> None:
        left = self._lockout.remaining()
        if left > 0:
            self._tick.start()
            self._set(message=self._lock_text(left))
        elif self._tick.isActive():
            self._tick.stop()
            self._set(message=ENTER_PIN)
