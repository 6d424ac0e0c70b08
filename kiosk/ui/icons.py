"""Serves the Easy Read pictures to QML as image://icon/<name>/<colour>, drawn in the theme's ink.

The pictures are SVG files in assets/icons drawn with `currentColor`, so one file serves the
standard and the high-contrast theme alike. An unknown name gives an empty image, never an error.
"""

from __future__ import annotations

import logging
import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtQuick import QQuickImageProvider

from kiosk.core.resources import data_dir

if TYPE_CHECKING:  # drawing classes load with the first picture, not at every start-up
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QImage

log = logging.getLogger(__name__)
DEFAULT_SIDE = 96
_COLOUR = re.compile(r"#(?:[0-9a-fA-F]{2})?([0-9a-fA-F]{6})")  # QML's "#rrggbb" or "#aarrggbb"


def svg_colour(colour: str) -> str:
    """The colour as SVG's "#rrggbb"; anything else (never copied into the SVG) draws black."""
    m = _COLOUR.fullmatch(colour)
    return f"#{m.group(1)}" if m else "#000000"


@cache
def _svg(name: str) -> str | None:
    if not name.replace("-", "").isalnum():  # a name, never a path
        return None
    path = data_dir("assets") / "icons" / f"{name}.svg"
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        log.warning("no Easy Read picture %r (%s)", name, path)
        return None


def draw(name: str, colour: str, side: int = DEFAULT_SIDE) -> QImage:
    """The picture `name` in `colour`, `side` pixels square, on a transparent ground."""
    from PySide6.QtCore import QByteArray
    from PySide6.QtGui import QImage, QPainter

    image = QImage(side, side, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)  # transparent (not Qt.GlobalColor: the Qt namespace costs ~16 ms at start-up)
    svg = _svg(name)
    if svg is not None:
        from PySide6.QtSvg import QSvgRenderer  # only once a picture is shown: not at start-up

        svg = svg.replace("currentColor", svg_colour(colour))
        renderer = QSvgRenderer(QByteArray(svg.encode()))
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
    return image


PRINTED_SIDE = 128  # pixels of the PNG copies the slips print (about 400 dpi at 8 mm)


def printed_copy(name: str) -> QImage:
    """Black on white, in grey levels: slips are white paper, and a PDF draws a one-channel image
    with no transparency mask several times faster (the Easy Read slip's 15 ms budget)."""
    from PySide6.QtGui import QImage, QPainter

    image = QImage(PRINTED_SIDE, PRINTED_SIDE, QImage.Format.Format_RGB32)
    image.fill(0xFFFFFFFF)
    painter = QPainter(image)
    painter.drawImage(0, 0, draw(name, "#000000", PRINTED_SIDE))
    painter.end()
    return image.convertToFormat(QImage.Format.Format_Grayscale8)


def write_printed_copies() -> list[Path]:
    """Black PNG copies of every picture for the printed slips (assets/icons/png/): reportlab
    draws PNG, not SVG, and the core that makes slips never loads Qt. `make icons` runs this."""
    folder = data_dir("assets") / "icons"
    out = folder / "png"
    out.mkdir(exist_ok=True)
    written = []
    for svg in sorted(folder.glob("*.svg")):
        path = out / f"{svg.stem}.png"
        printed_copy(svg.stem).save(str(path))
        written.append(path)
    return written


class IconImageProvider(QQuickImageProvider):
    def __init__(self):
        super().__init__(QQuickImageProvider.ImageType.Image)

    def requestImage(self, image_id: str, size: QSize, requested: QSize) -> QImage:  # noqa: N802
        name, _, colour = image_id.partition("/")
        side = max(requested.width(), requested.height(), 0) or DEFAULT_SIDE
        image = draw(name, colour, side)
        if size is not None:
            size.setWidth(side)
            size.setHeight(side)
        return image


if __name__ == "__main__":
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication([])
    for written in write_printed_copies():
        print(written)
