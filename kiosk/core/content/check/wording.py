"""Text that fits the screen and reads easily, and no CHANGE-ME left from `kiosk bundle new`.

The loader already refuses numbers typed into text and discreet text that names the concern;
these rules only warn, apart from a CHANGE-ME still to fill in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from kiosk.core.content.check.findings import Findings
from kiosk.core.content.fields import BundleFile, BundleText
from kiosk.core.content.text import PLACEHOLDER

# Marks what `kiosk bundle new` could not know; a bundle that still says it cannot be shipped.
CHANGE_ME = "CHANGE-ME"
# Characters on screen, for the English text; translations may run half as long again.
LIMITS = {
    "name": 60,
    "slip_title": 50,
    "discreet.title": 30,
    "discreet.slip_lines[]": 60,
    "contact[].name": 50,
    "contact[].discreet_name": 30,
    "contact[].who_for": 100,
    "contact[].when_to_use": 110,
    "home.title": 50,
    "home.subtitle": 100,
    "home.choice[].label": 60,
    "home.choice[].detail": 70,
    "question[].title": 60,
    "question[].option[].label": 60,
    "question[].option[].detail": 70,
    "answer[].heading": 60,
    "answer[].who_answers": 100,
    "concern[].title": 40,
    "concern[].slip_lines[]": 60,
    "title": 50,
    "section[].title": 40,
    "group[].title": 40,
    "group[].intro": 100,
    "abuse_type[].title": 40,
    "abuse_type[].summary": 60,
}
TRANSLATION_SLACK = 1.5
MAX_SENTENCE_WORDS = 20
SENTENCE = re.compile(r"(?<=[.?!])\s+")
# A placeholder shows a phone number: about this many characters on screen.
PLACEHOLDER_WIDTH = 13


def limit_of(where: str) -> int | None:
    """How many characters of English fit in the field `where` (e.g. contact[2].name), if limited."""
    return LIMITS.get(re.sub(r"\[\d+\]", "[]", where))


def shown(text: str) -> str:
    """The text as it will be measured on screen: a placeholder stands for a number of 13 characters."""
    return PLACEHOLDER.sub("x" * PLACEHOLDER_WIDTH, text)


def check_text(texts: list[BundleText], files: dict[str, BundleFile], out: Findings) -> None:
    for t in texts:
        name, where, text = t.name, t.where, t.text
        if CHANGE_ME.lower() in text.lower():
            out.error(name, where, f"still says {CHANGE_ME}; write your partnership's text", t.line)
        limit = limit_of(where)
        length = len(shown(text))
        if limit and length > limit:
            out.warning(
                name,
                where,
                f"is {length} characters; at most {limit} fit on the screen without wrapping badly",
                t.line,
            )
        for sentence in SENTENCE.split(text):
            words = len(sentence.split())
            if words > MAX_SENTENCE_WORDS:
                out.warning(
                    name,
                    where,
                    f"has a sentence of {words} words; keep sentences under {MAX_SENTENCE_WORDS} "
                    "(reading age about nine)",
                    t.line,
                )
    covered = {(t.name, t.where) for t in texts}
    for name in ("bundle.toml", "contacts.toml"):
        f = files[name]
        for key, value in _strings(f.data, ""):
            if CHANGE_ME.lower() in value.lower() and (name, key) not in covered:
                out.error(name, key, f"still says {CHANGE_ME}; fill it in", f.line_of(key))


def _strings(value: Any, where: str) -> Iterable[tuple[str, str]]:
    """Every string in a TOML value with its field, e.g. ("source[0].title", "...")."""
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, f"{where}.{k}" if where else k)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _strings(v, f"{where}[{i}]")
