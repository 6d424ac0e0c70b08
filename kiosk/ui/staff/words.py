"""Settings and their problems in the plain words staff read, and the idle timeout's steps.

No Qt here; loaded only when staff open the settings screen, never at start-up.
"""

from __future__ import annotations

from typing import Any

from kiosk.core.config import BY_DOTTED, Problem
from kiosk.core.slips import LAYOUTS

# The idle timeout goes up and down in these steps (seconds): fine steps where they matter.
IDLE_STEPS = (45, 60, 90, 120, 150, 180, 240, 300, 450, 600, 900, 1200, 1800, 2700, 3600)
LABELS = {
    "site_name": "Site name",
    "collection_point": "Collection point",
    "idle_timeout": "Idle timeout",
    "attract_screen": "Attract screen",
    "languages": "Languages offered",
    "default_language": "Default language",
    "printer": "Printer",
    "slip_layout": "Slip layout",
    "discreet_default": "Plain title at the start",
    "statistics": "Usage figures",
    "pin_hash": "Staff PIN",
    "bundle": "Content folder",
}


def step_idle(seconds: float, direction: int) -> float:
    """The next step up (direction > 0) or down from `seconds`, within 45 s to an hour."""
    if direction > 0:
        return float(next((s for s in IDLE_STEPS if s > seconds), IDLE_STEPS[-1]))
    return float(next((s for s in reversed(IDLE_STEPS) if s < seconds), IDLE_STEPS[0]))


def duration_text(seconds: float) -> str:
    """120 -> "2 minutes", 90 -> "1 minute 30 seconds", 3600 -> "1 hour"."""
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    parts = [
        f"{n} {unit}{'' if n == 1 else 's'}"
        for n, unit in ((hours, "hour"), (minutes, "minute"), (secs, "second"))
        if n
    ]
    return " ".join(parts) or "0 seconds"


def layout_name(layout: str) -> str:
    return next((known.name for known in LAYOUTS if known.id == layout), layout)


def value_text(field: str, value: Any) -> str:
    """A setting's value in plain words, for "Saved: ..."."""
    from kiosk.core import languages

    if field == "idle_timeout":
        return duration_text(value)
    if isinstance(value, bool):
        return "on" if value else "off"
    if field == "languages":
        return ", ".join(languages.language(c).english for c in value)
    if field == "default_language":
        return languages.language(value).english
    if field == "slip_layout":
        return layout_name(value)
    if field == "printer":
        return f"“{value}”" if value else "the system's default printer"
    if field == "bundle":
        return str(value) if value else "the built-in content"
    if field in ("site_name", "collection_point"):
        return f"“{value}”" if value else "(none)"
    return str(value)


def problem_text(problem: Problem) -> str:
    """A problem from saving settings, in plain words: what, what is wrong, what to do."""
    key = BY_DOTTED.get(problem.key)
    field = key.field if key else ""
    what = LABELS.get(field, "The settings file" if problem.key == "(file)" else problem.key)
    fix = problem.fix[:1].upper() + problem.fix[1:]
    return f"{what} {problem.message}. {fix}."
