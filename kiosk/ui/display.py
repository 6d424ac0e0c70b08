"""Reading help the resident can set: text size and high contrast. Wiped with the session."""

from __future__ import annotations

from PySide6.QtCore import Property, QObject, Signal, Slot
from PySide6.QtQml import QmlNamedElement, QmlSingleton

from kiosk.core import theme
from kiosk.ui import registry

QML_IMPORT_NAME = registry.QML_IMPORT_NAME
QML_IMPORT_MAJOR_VERSION = registry.QML_IMPORT_MAJOR_VERSION


@QmlNamedElement("Display")
@QmlSingleton
class DisplayAdapter(QObject):
    changed = Signal()

    @staticmethod
    def create(engine):  # noqa: ANN001 - called by QML, once per engine
        return registry.adapter(engine, "display")

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._step = 0
        self._high_contrast = False
        self._standard = theme.STANDARD

    def set_bundle_colours(self, colours: dict[str, str]) -> None:
        """The content bundle's own colours (already checked for contrast); high contrast keeps its own."""
        self._standard = theme.with_bundle_colours(colours) if colours else theme.STANDARD
        self.changed.emit()

    @Property(int, notify=changed)
    def textStep(self) -> int:  # noqa: N802 - QML API
        return self._step

    @Property(int, constant=True)
    def textSteps(self) -> int:  # noqa: N802 - QML API
        return len(theme.TEXT_SCALES)

    @Property(float, notify=changed)
    def scale(self) -> float:
        return theme.TEXT_SCALES[self._step]

    @Property(bool, notify=changed)
    def highContrast(self) -> bool:  # noqa: N802 - QML API
        return self._high_contrast

    @Property("QVariantMap", notify=changed)
    def palette(self) -> dict[str, str]:
        return theme.HIGH_CONTRAST if self._high_contrast else self._standard

    @Slot(int)
    def setTextStep(self, step: int) -> None:  # noqa: N802 - QML API
        step = max(0, min(step, len(theme.TEXT_SCALES) - 1))
        if step != self._step:
            self._step = step
            self.changed.emit()

    @Slot(bool)
    def setHighContrast(self, on: bool) -> None:  # noqa: N802 - QML API
        if on != self._high_contrast:
            self._high_contrast = on
            self.changed.emit()

    def wipe(self) -> None:
        self.setTextStep(0)
        self.setHighContrast(False)
