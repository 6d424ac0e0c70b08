"""One gettext catalog for every user-facing string (Python, QML and Qt's own).

English (en_GB) is the source language. A content bundle may bring its own catalogs
(`translations/<code>/LC_MESSAGES/kiosk.po`) for its own text: they are asked first, then the
kiosk's. A bundle's translation that would change a number (a placeholder dropped, added or
altered, or a digit typed in) is never used: English shows instead, and the log says why.
"""

from __future__ import annotations

import gettext
import logging
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.core.resources import translations_dir

if TYPE_CHECKING:
    from babel import Locale

log = logging.getLogger(__name__)
DOMAIN = "kiosk"
SOURCE_LANGUAGE = "en_GB"
MAX_BUNDLE_CATALOG_BYTES = 2_000_000


@cache
def translation(language: str = SOURCE_LANGUAGE, bundle: Path | None = None) -> gettext.NullTranslations:
    """The catalog for `language` (e.g. "en_GB"); English source text when none is installed.

    With `bundle` (a bundle folder), that bundle's own catalog for `language` is asked first.
    """
    kiosk = _kiosk_translation(language)
    if bundle is None or language == SOURCE_LANGUAGE:
        return kiosk
    po = bundle / "translations" / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    if po.is_symlink() or not po.is_file():
        return kiosk
    return _BundleTranslations(_bundle_entries(po), kiosk)


@cache
def _kiosk_translation(language: str) -> gettext.NullTranslations:
    return gettext.translation(
        DOMAIN, localedir=translations_dir(), languages=[language, language.split("_")[0]], fallback=True
    )


class _BundleTranslations(gettext.NullTranslations):
    def __init__(self, entries: dict[str, str], fallback: gettext.NullTranslations):
        super().__init__()
        self._entries = entries
        self.add_fallback(fallback)

    def gettext(self, message: str) -> str:
        return self._entries.get(message) or self._fallback.gettext(message)


def _bundle_entries(po: Path) -> dict[str, str]:
    """msgid -> msgstr of a bundle's catalog: translated, not fuzzy, and every number intact."""
    from babel.messages.pofile import PoFileError, read_po

    from kiosk.core.content.text import placeholders, translation_problems

    try:
        if po.stat().st_size > MAX_BUNDLE_CATALOG_BYTES:
            raise ValueError(f"larger than {MAX_BUNDLE_CATALOG_BYTES} bytes")
        with po.open("rb") as fh:
            catalog = read_po(fh, abort_invalid=True)
    except (PoFileError, UnicodeDecodeError, ValueError, OSError) as exc:
        log.error("%s: not used, English shows instead: %s", po, exc)
        return {}
    entries = {}
    for m in catalog:
        if not (m.id and isinstance(m.id, str) and isinstance(m.string, str) and m.string) or m.fuzzy:
            continue
        problems = translation_problems(m.id, m.string, placeholders(m.id))
        if problems:
            log.error("%s:%s: not used, English shows instead: %s", po, m.lineno, "; ".join(problems))
            continue
        entries[m.id] = m.string
    return entries


def locale(language: str = SOURCE_LANGUAGE) -> Locale:
    from babel import Locale  # babel's locale data is only needed once text is formatted

    return Locale.parse(language)
