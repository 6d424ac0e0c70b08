"""Translations: every offered language has the bundle's text, and no translation changes a number.

A bundle's text is looked up first in the bundle's own catalog, then in the kiosk's, as the
running kiosk does (kiosk.core.i18n), so a sentence the kiosk already translates needs nothing new.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path

from kiosk.core.content.check.findings import Findings
from kiosk.core.content.check.wording import TRANSLATION_SLACK, limit_of, shown
from kiosk.core.content.fields import BundleFile, BundleText
from kiosk.core.content.layout import LANGUAGE_CODE, TRANSLATIONS
from kiosk.core.content.look import SOURCE_LANGUAGE, language_problems
from kiosk.core.content.model import Bundle
from kiosk.core.content.text import translation_problems
from kiosk.core.languages import SHIPPED

MAX_LISTED = 10
MAX_CATALOG_BYTES = 2_000_000


def check_languages(folder: Path, meta: BundleFile, out: Findings) -> tuple[str, ...]:
    """The languages whose translations to check; warns of a catalog for a language not offered."""
    own = folder / TRANSLATIONS
    found = ()
    if own.is_dir() and not own.is_symlink():
        found = tuple(sorted(p.name for p in own.iterdir() if LANGUAGE_CODE.fullmatch(p.name)))
    if "languages" not in meta.data:
        return SHIPPED
    value = meta.data["languages"]
    if language_problems(value):  # reported by check_look
        return tuple(v for v in value if v in SHIPPED) if isinstance(value, list) else ()
    for code in found:
        if code not in value:
            out.warning(
                f"{TRANSLATIONS}/{code}",
                "(folder)",
                f"{code} is not in `languages` in bundle.toml, so residents will not be offered it",
            )
    return tuple(code for code in value if code in SHIPPED)


class _Entry:
    __slots__ = ("string", "fuzzy", "line")

    def __init__(self, string: str, fuzzy: bool, line: int | None):
        self.string, self.fuzzy, self.line = string, fuzzy, line


@cache
def _catalog(path: Path, mtime_ns: int) -> dict[str, _Entry] | str:
    """msgid -> entry of a .po file, or why it cannot be read. Cached: the kiosk's own are big."""
    from babel.messages.pofile import PoFileError, read_po

    try:
        with path.open("rb") as fh:
            catalog = read_po(fh, abort_invalid=True)
    except (PoFileError, UnicodeDecodeError, ValueError, OSError) as exc:
        return f"cannot be read as a gettext catalog: {exc}"
    entries = {}
    for m in catalog:
        if m.id and isinstance(m.id, str) and isinstance(m.string, str):
            entries[m.id] = _Entry(m.string, m.fuzzy, m.lineno)
    return entries


def _load_catalog(path: Path) -> dict[str, _Entry] | str | None:
    if path.is_symlink() or not path.is_file():
        return None
    if path.stat().st_size > MAX_CATALOG_BYTES:
        return "is larger than 2 MB; a catalog for one bundle is far smaller"
    return _catalog(path, path.stat().st_mtime_ns)


def check_translations(
    folder: Path,
    bundle: Bundle,
    texts: list[BundleText],
    languages: Sequence[str],
    kiosk_translations: Path | None,
    out: Findings,
) -> None:
    if kiosk_translations is None:
        from kiosk.core.resources import translations_dir

        try:
            kiosk_translations = translations_dir()
        except FileNotFoundError:
            kiosk_translations = folder / "(none)"
    known = set(bundle.contact_numbers())
    for code in languages:
        if code == SOURCE_LANGUAGE:
            continue
        own_rel = f"{TRANSLATIONS}/{code}/LC_MESSAGES/kiosk.po"
        kiosk_po = kiosk_translations / code / "LC_MESSAGES" / "kiosk.po"
        sources: list[tuple[str, dict[str, _Entry]]] = []
        for label, path in ((own_rel, folder / own_rel), (str(kiosk_po), kiosk_po)):
            catalog = _load_catalog(path)
            if isinstance(catalog, str):
                out.error(label, "(file)", catalog)
            elif catalog is not None:
                sources.append((label, catalog))
        missing = _check_translated(texts, sources, code, known, out)
        _report_missing(texts, missing, bool(sources), code, own_rel, out)


def _check_translated(
    texts: list[BundleText],
    sources: list[tuple[str, dict[str, _Entry]]],
    code: str,
    known: set[str],
    out: Findings,
) -> list[BundleText]:
    """Check each text's translation (the first catalog that has one); return the texts with none."""
    missing: list[BundleText] = []
    for t in texts:
        where, text = t.where, t.text
        if not text:
            continue
        hit = next(
            ((label, c[text]) for label, c in sources if text in c and c[text].string and not c[text].fuzzy),
            None,
        )
        if hit is None:
            missing.append(t)
            continue
        label, entry = hit
        for message in translation_problems(text, entry.string, known):
            out.error(label, f"{where} ({code})", message, entry.line)
        limit = limit_of(where)
        if limit and len(shown(entry.string)) > limit * TRANSLATION_SLACK:
            out.warning(
                label,
                f"{where} ({code})",
                f"is {len(shown(entry.string))} characters; at most about "
                f"{int(limit * TRANSLATION_SLACK)} fit on the screen",
                entry.line,
            )
    return missing


def _report_missing(
    texts: list[BundleText],
    missing: list[BundleText],
    has_catalog: bool,
    code: str,
    own_rel: str,
    out: Findings,
) -> None:
    """No catalog at all is one warning; otherwise the first untranslated texts, then a count."""
    if not has_catalog:
        out.warning(
            own_rel,
            "(file)",
            f"no {code} catalog, so residents who choose {code} will read this bundle in English; "
            f"add {own_rel} or remove {code} from `languages`",
        )
    elif missing:
        for t in missing[:MAX_LISTED]:
            out.warning(
                t.name,
                t.where,
                f"has no {code} translation (shown in English); add it to {own_rel}",
                t.line,
            )
        if len(missing) > MAX_LISTED:
            out.warning(
                own_rel,
                "(file)",
                f"and {len(missing) - MAX_LISTED} more texts have no {code} translation "
                f"({len(missing)} of {sum(1 for t in texts if t.text)} in all)",
            )
