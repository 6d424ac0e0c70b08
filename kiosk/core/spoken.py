"""Text for speech: phone numbers read digit by digit, never as one big number; and which of an
engine's voices reads each of the kiosk's languages."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

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


class Wanted(NamedTuple):
    """Which voices can speak one of the kiosk's languages, best first."""

    codes: tuple[str, ...]  # language subtags a voice may be listed under
    names: tuple[str, ...] = ()  # words in a voice's name that say the language when its locale does not
    territory: str = ""  # the country whose voice comes first (ISO 3166)
    prefer: tuple[str, ...] = ()  # words in the name of the voice to choose among several
    avoid: tuple[str, ...] = ()  # words in the name of a voice that speaks another language
    avoid_territories: tuple[str, ...] = ()  # where a voice listed under `codes` speaks another


# espeak-ng lists Mandarin as "cmn", which Qt cannot turn into a locale: it files those voices under
# "C" and only their names say Mandarin. It also files its "Portuguese (Portugal)" voice under pt_BR.
# Its Mandarin voice that reads Latin letters as English is preferred: the Chinese text names Wigan,
# the NSPCC and an email address.
WANTED = {
    "en": Wanted(("en",), territory="GB", prefer=("great britain", "united kingdom")),
    "pl": Wanted(("pl",), territory="PL"),
    "ro": Wanted(("ro", "mo"), territory="RO"),
    "ur": Wanted(("ur",), territory="PK"),
    "ar": Wanted(("ar",)),
    "zh": Wanted(
        ("zh", "cmn"),
        names=("mandarin", "putonghua", "普通话"),
        territory="CN",
        prefer=("latin as english",),
        avoid=("cantonese", "hakka"),
        avoid_territories=("HK", "MO"),  # Windows' zh-HK voices speak Cantonese
    ),
    "pt": Wanted(("pt",), territory="PT", prefer=("portugal", "european")),
}


def pick_voice(language: str, voices: Sequence[tuple[str, str]]) -> int | None:
    """The index of the voice to read `language` (a kiosk language code: "zh_Hans", "pt",
    "en_GB@easyread") with, among `voices` as (name, locale) pairs, the locale as Qt names it
    ("pt_BR", "zh_CN", "C" when Qt could not map the engine's code); None if none speaks it."""
    code = language.split("@")[0].split("_")[0]
    wanted = WANTED.get(code, Wanted((code,)))
    best, best_rank = None, None
    for index, (name, locale) in enumerate(voices):
        lowered = name.lower()
        subtags = locale.replace("-", "_").split("_")
        listed = subtags[0].lower() in wanted.codes
        named = any(word in lowered for word in wanted.names)
        if not (listed or named) or any(word in lowered for word in wanted.avoid):
            continue
        if any(territory in subtags[1:] for territory in wanted.avoid_territories):
            continue
        rank = (
            not any(word in lowered for word in wanted.prefer),
            wanted.territory not in subtags[1:],
            "+" in name,  # espeak-ng's variants ("English (Great Britain)+Alex") after the voice itself
            not listed,
        )
        if best_rank is None or rank < best_rank:
            best, best_rank = index, rank
    return best
