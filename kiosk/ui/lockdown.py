"""Kiosk mode: the app itself ignores the usual ways out (Alt+F4, Ctrl+Q, Ctrl+W, Escape, F11).

What the operating system must add (Assigned Access, Keyboard Filter, a cage session) is in the
README; this covers what an application can do for itself.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject

# Qt key codes, as ints: touching the Qt enum namespace at start-up costs ~16 ms.
KEY_ESCAPE, KEY_F4, KEY_F11, KEY_Q, KEY_W = 0x01000000, 0x01000033, 0x0100003A, 0x51, 0x57
CTRL, ALT = 0x04000000, 0x08000000


class LockDown(QObject):
    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.allow_close = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if kind == QEvent.Type.Close and not self.allow_close:
            event.ignore()
            return True
        if kind in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride):
            key, mods = event.key(), event.modifiers().value
            if key in (KEY_ESCAPE, KEY_F11):
                return True
            if mods & ALT and key == KEY_F4:
                return True
            if mods & CTRL and key in (KEY_Q, KEY_W):
                return True
        return False
