"""Text for speech: phone numbers read digit by digit, never as one big number."""

from __future__ import annotations

import re

from kiosk.core.content.text import LRI, NBSP, PDI

_SHOWN_NUMBER = re.compile(f"{LRI}([^{PDI}]*){PDI}")
_PHONE = re.compile(r"\b\d{3,}(?: \d{3,})*\b")


def digits(number: str) -> str:
    """A published number as its digits one by one, a pause (comma) between its groups:
    "12 345" -> "1 2, 3 4 5". Each digit is a word the voice says in its own language."""
    groups = number.replace(NBSP, " ").split()
    return ", ".join(" ".join(group) for group in groups)


def for_speech(text: str) -> str:
    """Screen or slip text as a voice should say it: every phone number digit by digit."""
    text = _SHOWN_NUMBER.sub(lambda m: digits(m.group(1)), text)
    return _PHONE.sub(lambda m: digits(m.group(0)), text).replace(NBSP, " ")
