"""The start-up baseline: a bare PySide6 window with a label and six buttons.

Prints the same JSON line as `python -m kiosk --startup-probe` once its first frame is painted, then
quits. Time is measured from process start, exactly as the kiosk measures it.
"""

from __future__ import annotations

import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.core.process import first_frame_line

STARTED = time.perf_counter()


class FirstPaint(QObject):
    """Report once the window's first paint event has been handled (the frame is then flushed)."""

    def __init__(self, app: QApplication):
        super().__init__()
        self.app = app
        self.seen = False

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint and not self.seen:
            self.seen = True
            QTimer.singleShot(0, self.report)
        return False

    def report(self) -> None:
        print(first_frame_line(STARTED), flush=True)
        self.app.quit()


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = QWidget()
    window.setWindowTitle("Information point")
    layout = QVBoxLayout(window)
    layout.addWidget(QLabel("Who can help?"))
    for i in range(6):
        layout.addWidget(QPushButton(f"Choice {i + 1}"))
    window.resize(1920, 1080)
    watcher = FirstPaint(app)
    window.installEventFilter(watcher)
    window.show()
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
