"""Serves QR codes to QML as image://qr/<concern>/<discreet 0|1>/<language>, from the bundle's numbers."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QImage
from PySide6.QtQuick import QQuickImageProvider

from kiosk.core import i18n
from kiosk.core.content.model import Bundle


class QrImageProvider(QQuickImageProvider):
    def __init__(self, bundle: Bundle):
        super().__init__(QQuickImageProvider.ImageType.Image)
        self._bundle = bundle

    def set_bundle(self, bundle: Bundle) -> None:
        """Draw codes from another bundle from now on (staff switched the content)."""
        self._bundle = bundle

    def requestImage(self, image_id: str, size: QSize, requested: QSize) -> QImage:  # noqa: N802
        concern, discreet, language = (image_id.split("/") + ["", "", ""])[:3]
        if concern not in self._bundle.concerns:
            concern = "all"
        translate = i18n.translation(language or i18n.SOURCE_LANGUAGE, self._bundle.path).gettext
        from kiosk.core import qr  # with the first QR code, not at start-up

        modules = qr.matrix(qr.vcard(self._bundle, concern, discreet == "1", translate))
        n = len(modules)
        data = bytes(0 if dark else 255 for row in modules for dark in row)
        image = QImage(data, n, n, n, QImage.Format.Format_Grayscale8).copy()
        side = max(requested.width(), requested.height(), n * 4)
        image = image.scaled(side - side % n, side - side % n)  # nearest-pixel by default: crisp modules
        if size is not None:
            size.setWidth(image.width())
            size.setHeight(image.height())
        return image
