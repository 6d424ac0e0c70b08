"""Whether there is a window system to draw on: asked before anything of Qt starts."""

from __future__ import annotations

import os
import sys


def no_display_reason() -> str | None:
    """Why Qt would abort for want of a screen, in one line, or None if a screen is there."""
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform or sys.platform != "linux":
        return None
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return None
    return (
        "kiosk: no display found (DISPLAY and WAYLAND_DISPLAY are unset). Run it in a desktop "
        "session, or set QT_QPA_PLATFORM=offscreen to render without a screen."
    )
