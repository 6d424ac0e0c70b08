"""When a contact's number is due to be checked again against the source that published it.

Cheap enough for the running kiosk, which shows staff the reminders on the PIN screen, and shared
with `kiosk bundle check`, which warns about the same contacts with their file and line.
"""

from __future__ import annotations

from datetime import date, datetime

from kiosk.core.content.model import Bundle

REVIEW_MONTHS = 12


def day_of(value: date) -> date:
    """The day of a TOML date or date-time (`last_checked` may be written as either)."""
    return value.date() if isinstance(value, datetime) else value


def months_before(day: date, months: int) -> date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    for d in (day.day, 30, 29, 28):
        try:
            return date(year, month, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def review_reminders(bundle: Bundle, months: int = REVIEW_MONTHS, today: date | None = None) -> list[str]:
    """One line per contact not checked within the review period, for staff (cheap: start-up safe)."""
    today = today or date.today()
    cutoff = months_before(today, months)
    return [
        f"{c.name}: number last checked {day_of(c.last_checked).isoformat()}, more than {months} months "
        "ago. Check it against the partnership's published number."
        for c in bundle.contacts.values()
        if day_of(c.last_checked) < cutoff
    ]
