"""Placeholders that put numbers into text, so no number ever lives inside translatable words.

Plain functions on strings, below everything else: the loader, the check and the kiosk's own
catalogs (kiosk.core.i18n, for a bundle's translations) all use them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

# {contact_id} is that contact's phone number; {contact_id_email} its email.
PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)\}")
_BRACES = re.compile(r"[{}]")
# Three or more digits, possibly grouped with spaces: a phone number does not belong in text.
NUMBER_LIKE = re.compile(r"\d[\d \u00a0-]{1,}\d")
DIGIT = re.compile(r"\d")

LRI, PDI, NBSP = "\u2066", "\u2069", "\u00a0"


def placeholders(text: str) -> list[str]:
    return PLACEHOLDER.findall(text)


def text_problems(text: str, known: Iterable[str]) -> list[str]:
    """Why `text` is unsafe to show: unknown placeholders, stray braces, or a number typed in."""
    known = set(known)
    problems = [
        f"unknown placeholder {{{name}}} (known: {', '.join(sorted(known))})"
        for name in placeholders(text)
        if name not in known
    ]
    rest = PLACEHOLDER.sub("", text)
    if _BRACES.search(rest):
        problems.append("has a '{' or '}' that is not a placeholder like {emergency}")
    if NUMBER_LIKE.search(rest):
        problems.append(
            f"contains a number ({NUMBER_LIKE.search(rest).group(0)!r}); "
            "write a placeholder such as {emergency} instead"
        )
    return problems


def translation_problems(source: str, translated: str, known: Iterable[str]) -> list[str]:
    """Why a translation would show a wrong or missing number: placeholders must match exactly."""
    problems = []
    want, got = sorted(placeholders(source)), sorted(placeholders(translated))
    if want != got:
        problems.append(
            f"placeholders differ: the English has {', '.join('{' + p + '}' for p in want) or 'none'}, "
            f"the translation {', '.join('{' + p + '}' for p in got) or 'none'}; copy them exactly"
        )
    rest = PLACEHOLDER.sub("", translated)
    if DIGIT.search(rest):
        problems.append("has a digit typed in; numbers come only from {placeholders}")
    if _BRACES.search(rest):
        problems.append("has a '{' or '}' that is not a placeholder")
    unknown = set(got) - set(known)
    if unknown and want == got:
        problems.append(f"unknown placeholder {', '.join(sorted(unknown))}")
    return problems


def fill(text: str, lookup: Callable[[str], str]) -> str:
    """Replace each placeholder by lookup(name)."""
    return PLACEHOLDER.sub(lambda m: lookup(m.group(1)), text)


def display_number(number: str) -> str:
    """A number as shown on screen: kept left-to-right and unbroken inside any sentence direction."""
    return LRI + number.replace(" ", NBSP) + PDI


def plain(text: str) -> str:
    """Undo display_number's marks, e.g. to compare screen text with the published number."""
    return text.replace(LRI, "").replace(PDI, "").replace(NBSP, " ")
