"""The languages the kiosk ships, how each is named and written, and how complete its catalog is."""

from __future__ import annotations

from functools import cache
from typing import NamedTuple

from kiosk.core import i18n
from kiosk.core.resources import translations_dir

# In the order the picker shows them: English first, then Easy Read, then the others.
SHIPPED = ("en_GB", "en_GB@easyread", "pl", "ro", "ur", "ar", "zh_Hans", "pt")
EASY_READ = "en_GB@easyread"
FONTS = {"Arab": "Noto Naskh Arabic", "Hans": "Droid Sans Fallback"}
DEFAULT_FONT = "Noto Sans"
# Scripts by language, so that choosing a font needs no CLDR lookup at start-up.
SCRIPTS = {"ur": "Arab", "ar": "Arab", "zh": "Hans"}


class Language(NamedTuple):
    code: str
    name: str  # in its own language and script
    english: str
    rtl: bool
    font: str
    babel_locale: str  # for dates and numbers


def font_for(code: str) -> str:
    return FONTS.get(SCRIPTS.get(code.split("_")[0].split("@")[0], ""), DEFAULT_FONT)


def babel_locale(code: str) -> str:
    """The CLDR locale for dates and numbers: Easy Read English formats as English."""
    return code.split("@")[0]


def is_rtl(code: str) -> bool:
    return SCRIPTS.get(code.split("_")[0]) == "Arab"


@cache
def language(code: str) -> Language:
    """Describe `code`; raises ValueError for a language the kiosk does not ship."""
    if code not in SHIPPED:
        raise ValueError(f"unknown language {code!r}; the kiosk ships {', '.join(SHIPPED)}")
    if code == EASY_READ:
        return Language(code, "Easy Read English", "Easy Read", False, DEFAULT_FONT, "en_GB")
    if code == i18n.SOURCE_LANGUAGE:
        return Language(code, "English", "English", False, DEFAULT_FONT, code)
    locale = i18n.locale(code)
    name = locale.display_name
    return Language(
        code,
        name[:1].upper() + name[1:],
        locale.get_display_name("en"),
        locale.text_direction == "rtl",
        font_for(code),
        code,
    )


class Coverage(NamedTuple):
    code: str
    translated: int
    fuzzy: int
    missing: int
    review: str  # "source", "draft" or "reviewed", from the catalog's X-Review-Status header

    @property
    def complete(self) -> bool:
        return self.missing == 0 and self.fuzzy == 0


def coverage(code: str) -> Coverage:
    """How much of the template `code`'s catalog translates, and whether a translator reviewed it."""
    from babel.messages.pofile import read_po

    root = translations_dir()
    template_path = root / "kiosk.pot"
    po_path = root / code / "LC_MESSAGES" / "kiosk.po"
    if code == i18n.SOURCE_LANGUAGE:
        total = _count_template(template_path) if template_path.is_file() else 0
        return Coverage(code, total, 0, 0, "source")
    if not po_path.is_file():
        raise FileNotFoundError(f"no catalog for {code}: {po_path} (run `make extract` in a checkout)")
    with po_path.open("rb") as fh:
        catalog = read_po(fh)
    messages = [m for m in catalog if m.id]
    fuzzy = sum(1 for m in messages if m.fuzzy)
    translated = sum(1 for m in messages if m.string and not m.fuzzy)
    review = review_status(po_path)
    return Coverage(code, translated, fuzzy, len(messages) - translated - fuzzy, review)


def review_status(po_path) -> str:  # noqa: ANN001
    """ "draft" or "reviewed", from the catalog's `# X-Review-Status:` header comment.

    A comment, not a header field: Babel drops unknown header fields whenever it rewrites a
    catalog (`make extract`), but keeps the header comment.
    """
    import re

    head = po_path.read_text(encoding="utf-8")[:4000]
    found = re.search(r"^#\s*X-Review-Status:\s*([\w-]+)", head, re.MULTILINE)
    return found.group(1) if found else "draft"


def review_status_of(code: str) -> str:
    if code == i18n.SOURCE_LANGUAGE:
        return "source"
    return review_status(translations_dir() / code / "LC_MESSAGES" / "kiosk.po")


def _count_template(path) -> int:  # noqa: ANN001
    from babel.messages.pofile import read_po

    with path.open("rb") as fh:
        return sum(1 for m in read_po(fh) if m.id)
