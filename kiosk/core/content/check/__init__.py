"""`kiosk bundle check`: everything a kiosk needs from a bundle, beyond what the loader refuses.

The loader refuses what would break the kiosk or show a wrong number. This check adds what an
editor should fix before shipping: screens no resident can reach, languages with missing or unsafe
translations, images that are missing or not images, text too long for the screen, contacts not
checked within the review period, and fields the kiosk does not know (usually typos).

One module per thing checked: files (the folder, its files and fields), journey, contacts,
wording (text rules) and translations; findings holds what they report.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from kiosk.core.content.check.contacts import check_contacts
from kiosk.core.content.check.files import check_fields, check_files, check_look, check_names, parse_file
from kiosk.core.content.check.findings import ERROR, Finding, Findings, errors
from kiosk.core.content.check.journey import check_journey
from kiosk.core.content.check.translations import check_languages, check_translations
from kiosk.core.content.check.wording import check_text
from kiosk.core.content.fields import BundleFile
from kiosk.core.content.layout import FILES
from kiosk.core.content.loader import load_with_texts
from kiosk.core.content.problems import BundleError
from kiosk.core.content.review import REVIEW_MONTHS

__all__ = ["Finding", "check_bundle", "errors"]


def check_bundle(
    folder: str | Path,
    *,
    review_months: int = REVIEW_MONTHS,
    today: date | None = None,
    kiosk_translations: Path | None = None,
) -> list[Finding]:
    """Every problem with the bundle in `folder`, errors first; an empty list means ready to ship.

    `kiosk_translations` is the kiosk's own catalog folder (default: the installed one); a bundle's
    text is translated by the bundle's own `translations/` first, then by the kiosk's catalogs.
    """
    folder = Path(folder)
    today = today or date.today()
    out = Findings()
    if folder.is_symlink() or not folder.is_dir():
        out.error(str(folder), "(folder)", "does not exist or is not a folder")
        return out.sorted()
    check_files(folder, out)
    parsed = {name: parse_file(folder, name, out) for name in FILES}
    bundle, texts = None, []
    if not any(f is None for f in parsed.values()):
        try:
            bundle, texts = load_with_texts(folder)
        except BundleError as exc:
            for p in exc.problems:
                out.add(Finding(p.file, p.field, p.message, p.line, ERROR))
            bundle, texts = None, []
    files = {name: f or BundleFile(folder / "(unreadable)", name, []) for name, f in parsed.items()}
    check_fields(files, out)
    meta = files["bundle.toml"]
    check_look(folder, meta, out)
    languages = check_languages(folder, meta, out)
    if bundle is None:
        return out.sorted()
    check_names(bundle, meta, out)
    check_journey(bundle, files, out)
    check_contacts(bundle, files, out, review_months, today)
    check_text(texts, files, out)
    check_translations(folder, bundle, texts, languages, kiosk_translations, out)
    return out.sorted()
