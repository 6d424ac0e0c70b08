"""The Qt Quick floor: the bare window's label and six buttons as a QML window, from Python.

Any Qt Quick program pays this much more than a widgets window (Qt Quick's modules, the QML
engine, the scene graph), before it does anything of its own; the start-up table shows it beside
the kiosk so that the kiosk's own share can be read off. Prints the same JSON line as
`kiosk --startup-probe` once its first frame is swapped, then quits.
"""

from __future__ import annotations

import sys
import time

from PySide6.QtCore import QByteArray, QUrl
from PySide6.QtGui import QGuiApplication
from PySide6.QtQml import QQmlApplicationEngine

from kiosk.core.process import first_frame_line

STARTED = time.perf_counter()
QML = b"""
import QtQuick
Window {
    width: 1920; height: 1080; visible: true; color: "white"; title: "Information point"
    Column {
        spacing: 8
        Text { text: "Who can help?"; font.pixelSize: 40 }
        Repeater {
            model: 6
            Rectangle {
                width: 600; height: 80; radius: 8; border.width: 2
                Text { anchors.centerIn: parent; text: "Choice " + (index + 1); font.pixelSize: 28 }
                MouseArea { anchors.fill: parent }
            }
        }
    }
}
"""


def main() -> int:
    app = QGuiApplication(sys.argv[:1])
    engine = QQmlApplicationEngine()
    engine.loadData(QByteArray(QML), QUrl("bare_quick.qml"))
    window = engine.rootObjects()[0]

    def report() -> None:
        print(first_frame_line(STARTED), flush=True)
        app.quit()

    window.frameSwapped.connect(report)
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
