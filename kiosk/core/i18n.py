"""One gettext catalog for every user-facing string (Python, QML and Qt's own).

English (en_GB) is the source language; other catalogs arrive with the languages work.
"""

from __future__ import annotations

import gettext
from functools import cache

from babel import Locale

from kiosk.core.resources import translations_dir

DOMAIN = "kiosk"
SOURCE_LANGUAGE = "en_GB"


@cache
def translation(language: str = SOURCE_LANGUAGE) -> gettext.NullTranslations:
    """The catalog for `language` (e.g. "en_GB"); English source text when none is installed."""
    return gettext.translation(
        DOMAIN, localedir=translations_dir(), languages=[language, language.split("_")[0]], fallback=True
    )


def locale(language: str = SOURCE_LANGUAGE) -> Locale:
    return Locale.parse(language)


def is_rtl(language: str) -> bool:
    return locale(language).text_direction == "rtl"
