"""The resident's session: where they are, the way back, and the choices that can be wiped at once."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Property, QObject, Signal, Slot
from PySide6.QtQml import QmlNamedElement, QmlSingleton

from kiosk.core.navigation import Navigator
from kiosk.ui import registry

QML_IMPORT_NAME = registry.QML_IMPORT_NAME
QML_IMPORT_MAJOR_VERSION = registry.QML_IMPORT_MAJOR_VERSION


@QmlNamedElement("Session")
@QmlSingleton
class SessionAdapter(QObject):
    """Everything that could tell someone what was viewed lives here, and `wipe()` forgets it all."""

    screenChanged = Signal()
    discreetChanged = Signal()
    neutralChanged = Signal()
    wiped = Signal(str)  # why: "quick-exit" or "idle"

    @staticmethod
    def create(engine):  # noqa: ANN001 - called by QML, once per engine
        return registry.owner_of(engine).session

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._nav = Navigator()
        self._discreet = False
        self._neutral = False
        self._wipers: list[Callable[[], None]] = []

    def on_wipe(self, wiper: Callable[[], None]) -> None:
        """Register something else to forget (language, slips, cached images) on every wipe."""
        self._wipers.append(wiper)

    @Property(str, notify=screenChanged)
    def screen(self) -> str:
        return self._nav.current.kind

    @Property(str, notify=screenChanged)
    def arg(self) -> str:
        return self._nav.current.arg

    @Property(int, notify=screenChanged)
    def depth(self) -> int:
        return self._nav.depth

    @Property(bool, notify=screenChanged)
    def canGoBack(self) -> bool:
        return self._nav.depth > 1

    @Property(bool, notify=discreetChanged)
    def discreet(self) -> bool:
        return self._discreet

    @discreet.setter
    def discreet(self, value: bool) -> None:
        if value != self._discreet:
            self._discreet = value
            self.discreetChanged.emit()

    @Property(bool, notify=neutralChanged)
    def neutral(self) -> bool:
        """True while the neutral cover screen is shown after a quick exit."""
        return self._neutral

    @property
    def pristine(self) -> bool:
        return self._nav.depth == 1 and not self._discreet and not self._neutral

    @Slot(str)
    def go(self, target: str) -> None:
        self._nav.go(target)
        self.screenChanged.emit()

    @Slot()
    def back(self) -> None:
        self._nav.back()
        self.screenChanged.emit()

    @Slot()
    def home(self) -> None:
        self._nav.reset()
        self.screenChanged.emit()

    @Slot()
    def leaveQuickly(self) -> None:
        """Cover the screen with a neutral page at once, then forget the whole session."""
        self._neutral = True
        self.neutralChanged.emit()
        self.wipe("quick-exit")

    @Slot()
    def uncover(self) -> None:
        self._neutral = False
        self.neutralChanged.emit()

    def wipe(self, why: str) -> None:
        self._nav.reset()
        self.discreet = False
        for wiper in self._wipers:
            wiper()
        self.screenChanged.emit()
        self.wiped.emit(why)
