"""Shift pressed three times in quick succession leaves quickly, as GOV.UK's "Exit this page" does."""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, Signal

WINDOW_S = 2.0
# Qt.Key.Key_Shift; touching the Qt enum namespace costs ~16 ms at start-up, so not here.
KEY_SHIFT = 0x01000020


class ShiftTripleWatch(QObject):
    triggered = Signal()

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._presses: list[float] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.KeyPress and not event.isAutoRepeat():
            if event.key() == KEY_SHIFT:
                now = time.monotonic()
                self._presses = [t for t in self._presses if now - t < WINDOW_S] + [now]
                if len(self._presses) >= 3:
                    self._presses.clear()
                    self.triggered.emit()
            else:
                self._presses.clear()
        return False
