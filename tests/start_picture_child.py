"""`kiosk --startup-probe` with hooks, for tests/test_start_picture.py, as a process of its own.

    python tests/start_picture_child.py ACTION [kiosk options...]

Prints the probe's JSON line, then one `REPORT {json}` line: the modules loaded when the picture was
on screen, whether Python's Qt Quick classes had loaded by the live first frame and the image
providers were there just after it, the live screen's state once handed over, the centre of the
"Leave quickly" button and of the first home choice, and whether the picture files exist at the
end. ACTION is what to do:

    none          nothing more
    keys          while the picture is on screen, press Shift three times on it (quick exit)
    click:X,Y     while the picture is on screen, tap it at X,Y
    touch-live    press a key on the live window before its first frame
    check         after the first frame, run the check the kiosk runs a while after start-up
"""

from __future__ import annotations

import json
import sys

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent, QMouseEvent

import kiosk.cli
import kiosk.cli.run
import kiosk.ui.start_picture as start_picture

action = sys.argv[1]
report: dict = {}


def press_shift_three_times(window) -> None:  # noqa: ANN001
    for _ in range(3):
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_Shift, Qt.KeyboardModifier.ShiftModifier)
            QGuiApplication.sendEvent(window, event)


def tap(window, x: float, y: float) -> None:  # noqa: ANN001
    point = QPointF(x, y)
    for kind, buttons in (
        (QEvent.Type.MouseButtonPress, Qt.MouseButton.LeftButton),
        (QEvent.Type.MouseButtonRelease, Qt.MouseButton.NoButton),
    ):
        left, none = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
        event = QMouseEvent(kind, point, window.mapToGlobal(point), left, buttons, none)
        QGuiApplication.sendEvent(window, event)


original_show_now = start_picture.PictureWindow.show_now


def show_now(self, fullscreen: bool, limit_s: float = 0.25) -> None:  # noqa: ANN001
    original_show_now(self, fullscreen, limit_s)
    report["modules_with_picture"] = sorted(sys.modules)
    if action == "keys":
        press_shift_three_times(self)
    elif action.startswith("click:"):
        x, y = (float(v) for v in action.removeprefix("click:").split(","))
        tap(self, x, y)


start_picture.PictureWindow.show_now = show_now
original_probe = kiosk.cli.run.probe


def probe(app, kiosk_app, started: float, picture) -> None:  # noqa: ANN001
    def centre(name: str) -> list[float] | None:
        from tests.driver import walk  # which loads Python's Qt Quick classes

        item = next((i for i in walk(kiosk_app.window.contentItem()) if i.objectName() == name), None)
        if item is None:
            return None
        point = item.mapToScene(QPointF(item.width() / 2, item.height() / 2))
        return [point.x(), point.y()]

    def handed_over() -> None:
        report["quick_at_first_frame"] = "PySide6.QtQuick" in sys.modules
        app.processEvents()  # what the held input set off, and what waits for the first frame
        report["image_providers"] = kiosk_app.qr_provider is not None
        if action == "check":
            picture.check()
        session = kiosk_app.session
        files = start_picture.start_picture.files(picture.cache_dir)
        report.update(
            screen=session.screen,
            neutral=session.neutral,
            leave_quickly=centre("leaveQuickly"),
            first_choice=centre("go:" + kiosk_app.bundle.home[0].target) if kiosk_app.bundle.home else None,
            files=[path.exists() for path in files],
        )
        print("REPORT " + json.dumps(report), flush=True)

    picture.firstFrame.connect(handed_over)
    original_probe(app, kiosk_app, started, picture)
    if action == "touch-live":  # on the live window, before its first frame
        press = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier)
        QGuiApplication.sendEvent(kiosk_app.window, press)


kiosk.cli.run.probe = probe
sys.argv = ["kiosk", "--startup-probe", *sys.argv[2:]]
raise SystemExit(kiosk.cli.main())
