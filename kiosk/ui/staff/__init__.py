"""Behind the staff PIN: what council staff can do on the kiosk itself.

- access.py: the hidden long press, the PIN keypad with its lockout, the staff menu, changing the
  PIN; and what every staff screen shares (QML `Staff`).
- settings.py and apply.py: one-off changes to the site settings, applied at once (`SettingsEditor`).
- figures.py: exporting the usage figures to a USB stick (`FiguresExport`).
- updates.py: checking for new content and going back to the previous content (`ContentUpdates`).
- screen.py: what every screen is (`StaffScreen`) and what it may ask of the panel (`Panel`).
- words.py: settings and problems in plain words.

Imports point down only (an import-linter contract in pyproject.toml): access.py makes the
screens; the screens use apply.py, screen.py and words.py; none of them imports access.py.

Staff screens are in English: they are for council staff, not residents. Everything staff do is
logged at INFO; nothing about residents is. What the screens need beyond the keypad
(configuration, printers, fonts, figures, bundles) loads when staff first open them.
"""

from kiosk.ui.staff.access import StaffAdapter

__all__ = ["StaffAdapter"]
