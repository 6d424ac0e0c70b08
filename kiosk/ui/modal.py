"""Modal dialogs as a screen reader knows them: the role "dialog" and the state "modal".

Qt Quick gives QML no way to say an item is modal (Accessible.* has no such state, and Qt Quick
Controls' Dialog does not say it either), so Orca would not know the language picker is a dialog
that holds the focus. A QML item named in `MODAL` is described here instead: a dialog, modal, named
by its `title`, with the same children Qt would give it. Everything else is left to Qt.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject, QPoint, QPointF, QRect
from PySide6.QtGui import QAccessible, QAccessibleInterface, QAccessibleObject

MODAL = frozenset({"languagePicker", "idleWarning"})
_made: list[QAccessibleInterface] = []  # Qt's cache deletes each with its item; until then, kept


class ModalDialog(QAccessibleObject):
    def __init__(self, item: QObject):
        super().__init__(item)
        self._item = item

    def _children(self) -> list[QAccessibleInterface]:
        """The nearest descendants Qt describes, as Qt would list them (in item order)."""
        found = []

        def walk(parent) -> None:  # noqa: ANN001
            for child in parent.childItems():
                iface = QAccessible.queryAccessibleInterface(child)
                if iface is not None:
                    found.append(iface)
                else:
                    walk(child)

        walk(self._item)
        return found

    def role(self) -> QAccessible.Role:
        return QAccessible.Role.Dialog

    def state(self) -> QAccessible.State:
        state = QAccessible.State()
        state.modal = True
        if not self._item.isVisible() or self._item.window() is None:
            state.invisible = True
        return state

    def text(self, kind: QAccessible.Text) -> str:
        return str(self._item.property("title") or "") if kind == QAccessible.Text.Name else ""

    def rect(self) -> QRect:
        window = self._item.window()
        if window is None or not self._item.isVisible():
            return QRect()
        corner = self._item.mapToScene(QPointF(0, 0)).toPoint()
        return QRect(window.mapToGlobal(corner), QPoint(0, 0)).adjusted(
            0, 0, int(self._item.width()), int(self._item.height())
        )

    def window(self):  # noqa: ANN201 - QWindow
        return self._item.window()

    def parent(self) -> QAccessibleInterface | None:
        item = self._item.parentItem()
        while item is not None:
            iface = QAccessible.queryAccessibleInterface(item)
            if iface is not None:
                return iface
            item = item.parentItem()
        window = self._item.window()
        return QAccessible.queryAccessibleInterface(window) if window is not None else None

    def childCount(self) -> int:  # noqa: N802 - Qt's name
        return len(self._children())

    def child(self, index: int) -> QAccessibleInterface | None:
        children = self._children()
        return children[index] if 0 <= index < len(children) else None

    def indexOfChild(self, child: QAccessibleInterface) -> int:  # noqa: N802 - Qt's name
        objects = [c.object() for c in self._children()]
        return objects.index(child.object()) if child is not None and child.object() in objects else -1

    def childAt(self, x: int, y: int) -> QAccessibleInterface | None:  # noqa: N802 - Qt's name
        for child in reversed(self._children()):
            if child.rect().contains(x, y):
                return child
        return None


def factory(classname: str, obj: QObject) -> QAccessibleInterface | None:
    if obj is None or obj.objectName() not in MODAL or not hasattr(obj, "childItems"):
        return None
    _made[:] = [made for made in _made if shiboken6.isValid(made)]
    made = ModalDialog(obj)
    _made.append(made)
    return made


def install() -> None:
    """Once per process, before a window is shown."""
    if not getattr(install, "done", False):
        QAccessible.installFactory(factory)
        install.done = True
