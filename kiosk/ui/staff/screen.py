"""What each screen behind the staff menu is: a QML singleton that shows through the staff panel.

The panel (access.StaffAdapter) sits above the screens and makes them; a screen knows it only as a
`Panel`, what this module says a screen may ask of it, so no screen imports the module above it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject

if TYPE_CHECKING:
    from PySide6.QtCore import Signal

    from kiosk.core.config import Settings
    from kiosk.core.content.model import Bundle


class ContentSwitch(Protocol):
    """The content updates screen (updates.py), as the settings it applies (apply.py) use it."""

    def switch_to(self, bundle: Bundle | None) -> str: ...


class Panel(Protocol):
    """What a staff screen may ask of the staff panel: which screen is open, the message and
    detail lines, slow work off the UI thread, the kiosk and its settings."""

    changed: Signal
    kiosk: Any  # the KioskApp whose settings and content staff change; None in some tests
    updates: ContentSwitch

    @property
    def mode(self) -> str: ...

    @property
    def busy(self) -> bool: ...

    @property
    def is_open(self) -> bool: ...

    def show(
        self, mode: str | None = None, message: str | None = None, details: list[str] | None = None
    ) -> None: ...

    def run(self, work: Callable[[], Any], done: Callable[[Any], None], what: str) -> None: ...

    def data_dir(self) -> Path: ...

    def config_path(self) -> Path | None: ...

    def configured(self) -> Settings: ...


class StaffScreen(QObject):
    """A screen behind the staff menu. The panel (QML `Staff`) holds which screen is open, the
    message and detail lines and the background worker; a change there is a change here too, so
    each screen's properties (notify=changed, a signal each subclass declares) follow it."""

    def __init__(self, staff: Panel):
        super().__init__(staff)  # a QObject: the screen lives as long as the panel
        self.staff = staff
        staff.changed.connect(self.changed)
