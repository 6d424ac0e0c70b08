"""Runs inside the frozen app before the kiosk starts (a PyInstaller runtime hook).

The bundle carries only the Basic and Fusion Qt Quick Controls styles (the desk screen asks for
Fusion by name). Qt's own dialogs import plain QtQuick.Controls, which would otherwise look for
the platform's default style (FluentWinUI3 or Windows on Windows) and not find it.
"""

import os

os.environ.setdefault("QT_QUICK_CONTROLS_STYLE", "Fusion")
