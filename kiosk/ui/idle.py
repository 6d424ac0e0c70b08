"""Idle reset: after a quiet spell, warn with a countdown (WCAG 2.2.1), then wipe the session."""

from __future__ import annotations

from PySide6.QtCore import Property, QEvent, QObject, QTimer, Signal, Slot
from PySide6.QtQml import QmlNamedElement, QmlSingleton

from kiosk.ui import registry

USER_INPUT = {
    QEvent.Type.MouseButtonPress,
    QEvent.Type.TouchBegin,
    QEvent.Type.KeyPress,
    QEvent.Type.Wheel,
    QEvent.Type.TabletPress,
}


QML_IMPORT_NAME = registry.QML_IMPORT_NAME
QML_IMPORT_MAJOR_VERSION = registry.QML_IMPORT_MAJOR_VERSION


@QmlNamedElement("Idle")
@QmlSingleton
class IdleMonitor(QObject):
    """Watches every input event of the application; `expired` fires when the countdown runs out."""

    warningChanged = Signal()
    secondsLeftChanged = Signal()
    expired = Signal()

    @staticmethod
    def create(engine):  # noqa: ANN001 - called by QML, once per engine
        return registry.adapter(engine, "idle")

    def __init__(
        self,
        timeout_s: float = 120,
        warning_s: int = 30,
        parent: QObject | None = None,
        second_ms: int = 1000,
    ):
        """`second_ms` is the length of a second; only tests shorten it."""
        super().__init__(parent)
        if warning_s < 20:
            raise ValueError("the idle warning must give at least 20 seconds (WCAG 2.2.1)")
        if timeout_s <= warning_s:
            raise ValueError(
                f"the idle timeout ({timeout_s} s) must be longer than its warning ({warning_s} s)"
            )
        self._warning_s = warning_s
        self._second_ms = second_ms
        self._seconds_left = warning_s
        self._quiet = QTimer(self)
        self._quiet.setSingleShot(True)
        self.timeout_s = timeout_s
        self._quiet.setInterval(int((timeout_s - warning_s) * second_ms))
        self._quiet.timeout.connect(self._start_warning)
        self._tick = QTimer(self)
        self._tick.setInterval(second_ms)
        self._tick.timeout.connect(self._count_down)
        self.needs_warning = lambda: True

    def start(self) -> None:
        self._quiet.start()

    def set_timeout(self, timeout_s: float) -> None:
        """A new quiet spell before the warning (staff changed it); counts from now."""
        if timeout_s <= self._warning_s:
            raise ValueError(f"the idle timeout ({timeout_s} s) must be longer than its warning")
        self.timeout_s = timeout_s
        self._quiet.setInterval(int((timeout_s - self._warning_s) * self._second_ms))
        if self._quiet.isActive():
            self._quiet.start()

    def stop(self) -> None:
        self._quiet.stop()
        self._tick.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() not in USER_INPUT:
            return False
        if not self.warning:
            self.activity()
            return False
        # While the warning shows, a tap lands on the warning (which carries on), never on the
        # screen beneath it; a key press carries on and goes no further.
        if event.type() == QEvent.Type.KeyPress:
            self.activity()
            return True
        return False

    @Slot()
    def activity(self) -> None:
        if self._tick.isActive():
            self._tick.stop()
            self.warningChanged.emit()
        self._quiet.start()

    @Property(bool, notify=warningChanged)
    def warning(self) -> bool:
        return self._tick.isActive()

    @Property(int, notify=secondsLeftChanged)
    def secondsLeft(self) -> int:
        return self._seconds_left

    def _set_left(self, value: int) -> None:
        self._seconds_left = value
        self.secondsLeftChanged.emit()

    def _start_warning(self) -> None:
        if not self.needs_warning():
            self.expired.emit()
            self._quiet.start()
            return
        self._set_left(self._warning_s)
        self._tick.start()
        self.warningChanged.emit()

    def _count_down(self) -> None:
        self._set_left(self._seconds_left - 1)
        if self._seconds_left <= 0:
            self._tick.stop()
            self.warningChanged.emit()
            self.expired.emit()
            self._quiet.start()
