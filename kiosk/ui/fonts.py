"""Register the bundled fonts, so no glyph depends on the fonts of the machine."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

from kiosk.core.resources import data_dir

FAMILY = "Noto Sans"


def register_fonts(app: QGuiApplication) -> list[str]:
    families: list[str] = []
    for path in sorted((data_dir("assets") / "fonts").glob("*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            raise RuntimeError(f"Qt could not load the bundled font {path}")
        families += QFontDatabase.applicationFontFamilies(font_id)
    app.setFont(QFont(FAMILY))
    return families
