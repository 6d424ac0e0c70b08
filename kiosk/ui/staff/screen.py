"""What each screen behind the staff menu is: a QML singleton that shows through the staff panel."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

if TYPE_CHECKING:
    from kiosk.ui.staff.access import StaffAdapter


class StaffScreen(QObject):
    """A screen behind the staff menu. The panel (QML `Staff`) holds which screen is open, the
    message and detail lines and the background worker; a change there is a change here too, so
    each screen's properties (notify=changed, a signal each subclass declares) follow it."""

    def __init__(self, staff: StaffAdapter):
        super().__init__(staff)
        self.staff = staff
        staff.changed.connect(self.changed)
