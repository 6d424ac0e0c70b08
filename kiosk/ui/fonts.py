"""Register the bundled fonts, so no glyph depends on the fonts of the machine.

Noto Sans is registered at start-up; the Arabic-script and Chinese faces (4 MB) when first needed.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

from kiosk.core.resources import asset

FAMILY = "Noto Sans"
FILES = {
    "Noto Sans": ("fonts/NotoSans-Regular.ttf", "fonts/NotoSans-Bold.ttf"),
    "Noto Naskh Arabic": ("fonts/NotoNaskhArabic-Regular.ttf", "fonts/NotoNaskhArabic-Bold.ttf"),
    "Droid Sans Fallback": ("fonts/DroidSansFallbackFull.ttf",),
}
FROM_MEMORY = {"fonts/DroidSansFallbackFull.ttf"}
_registered: set[str] = set()


def ensure_font(family: str) -> None:
    """Register `family` from the bundled files once per process."""
    if family in _registered:
        return
    if family not in FILES:
        raise KeyError(f"no bundled font {family!r}; bundled: {', '.join(FILES)}")
    for name in FILES[family]:
        path = asset(name)
        # The CJK face has no bold file, so Qt makes a bold by itself; from the file, it mapped the
        # 4 MB file afresh each time those font engines came and went, and memory crept up
        # (tests/test_soak.py). From memory, every engine shares one copy.
        added = (
            QFontDatabase.addApplicationFontFromData(path.read_bytes())
            if name in FROM_MEMORY
            else QFontDatabase.addApplicationFont(str(path))
        )
        if added < 0:
            raise RuntimeError(f"Qt could not load the bundled font {path}")
    _registered.add(family)


def ensure_all_fonts() -> None:
    for family in FILES:
        ensure_font(family)


def register_fonts(app: QGuiApplication) -> None:
    ensure_font(FAMILY)
    app.setFont(QFont(FAMILY))
