"""One gettext catalog for every user-facing string (Python, QML and Qt's own).

English (en_GB) is the source language; other catalogs arrive with the languages work.
"""

from __future__ import annotations

import gettext
from functools import cache
from typing import TYPE_CHECKING

from kiosk.core.resources import translations_dir

if TYPE_CHECKING:
    from babel import Locale

DOMAIN = "kiosk"
SOURCE_LANGUAGE = "en_GB"


@cache
def translation(language: str = SOURCE_LANGUAGE) -> gettext.NullTranslations:
    """The catalog for `language` (e.g. "en_GB"); English source text when none is installed."""
    return gettext.translation(
        DOMAIN, localedir=translations_dir(), languages=[language, language.split("_")[0]], fallback=True
    )


def locale(language: str = SOURCE_LANGUAGE) -> Locale:
    from babel import Locale  # babel's locale data is only needed once text is formatted

    return Locale.parse(language)
