"""Open the desk screen: its adapter, the slip preview provider and the KioskDesk QML module."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QMetaObject, QObject, QSize
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtQml import QQmlApplicationEngine
from PySide6.QtQuick import QQuickImageProvider, QQuickWindow

from kiosk.core.site import Site
from kiosk.ui import registry
from kiosk.ui.desk.adapter import DeskAdapter

QML_DIR = Path(__file__).parent / "qml"
MODULE = "KioskDesk"


class SlipPreview(QQuickImageProvider):
    """Serves the last rendered page as image://slippreview/<generation>."""

    def __init__(self):
        super().__init__(QQuickImageProvider.ImageType.Image)
        self._lock = threading.Lock()
        self._image = QImage()

    def set_image(self, image: QImage) -> None:
        with self._lock:
            self._image = image

    def requestImage(self, image_id: str, size: QSize, requested: QSize) -> QImage:  # noqa: N802
        with self._lock:
            image = self._image
        if size is not None:
            size.setWidth(image.width())
            size.setHeight(image.height())
        return image


class DeskWindow(QObject):
    """Owns the engine, the adapter and the window of one desk screen."""

    def __init__(self, app: QGuiApplication, site: Site, printer: str | None = None):
        super().__init__(app)
        from kiosk.ui.fonts import ensure_all_fonts

        ensure_all_fonts()  # the language list names each language in its own script
        self._closed = False
        self.preview = SlipPreview()
        self.desk = DeskAdapter(site, self.preview, printer, self)
        self.engine = QQmlApplicationEngine(self)
        registry.bind(self.engine, self)
        self.engine.addImageProvider("slippreview", self.preview)
        self.engine.addImportPath(str(QML_DIR))
        self.engine.loadFromModule(MODULE, "Main")
        roots = self.engine.rootObjects()
        if not roots:
            raise RuntimeError("the desk screen's QML failed to load; see the messages above")
        self.window: QQuickWindow = roots[0]
        self.desk.start()

    def shutdown(self) -> None:
        if self._closed:
            return
        self._closed = True
        self.desk.stop()
        dialog = self.window.findChild(QObject, "saveDialog")
        if dialog is not None:
            QMetaObject.invokeMethod(dialog, "close")
        self.window.close()
        registry.unbind(self.engine)
        self.engine.deleteLater()
