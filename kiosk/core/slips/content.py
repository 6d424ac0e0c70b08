"""What a contact slip says: the numbers, a few lines of guidance and the QR card's payload, in the
language asked for (with English beside it on a bilingual slip), from the bundle and the catalog.

No PDF code here: kiosk.core.slips.layouts draws this on paper, and speech reads `slip_text`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from kiosk.core import i18n, languages
from kiosk.core.content.model import Bundle
from kiosk.core.content.text import fill
from kiosk.core.qr import CardEntry, card_entries, vcard
from kiosk.core.slips import DEFAULT_FORMAT, FORMATS, textline


@dataclass(frozen=True)
class SlipRequest:
    concern: str = "all"
    discreet: bool = False
    language: str = i18n.SOURCE_LANGUAGE
    printed_on: date | None = None
    format: str = DEFAULT_FORMAT
    bilingual: bool = False  # the slip's language with English beside it

    def __post_init__(self) -> None:
        if self.format not in FORMATS:
            raise ValueError(f"unknown slip format {self.format!r}; choose one of {', '.join(FORMATS)}")


@dataclass(frozen=True)
class Words:
    """Everything a slip says in one language."""

    title: str
    subtitle: str
    entries: list[CardEntry]
    lines: list[str]
    qr_caption: str
    footer: str
    pictures: tuple[str, ...] = ()  # Easy Read: the picture beside each line of `lines`


@dataclass(frozen=True)
class SlipContent:
    """What a layout draws: the words, English beside them on a bilingual slip, and the QR payload."""

    words: Words
    english: Words | None
    rtl: bool
    script: str
    qr_payload: str
    discreet: bool
    author: str
    logo: Path | None = None  # the partnership's logo; never on a discreet slip


def slip_text(bundle: Bundle, request: SlipRequest) -> dict:
    """Everything the slip says, in the slip's language, as plain data (also what speech reads)."""
    from babel.dates import format_date

    _ = i18n.translation(request.language, bundle.path).gettext
    concern = bundle.concerns[request.concern]
    numbers = bundle.contact_numbers()
    lines = bundle.discreet.slip_lines if request.discreet else concern.slip_lines
    printed = format_date(
        request.printed_on or date.today(), format="long", locale=languages.babel_locale(request.language)
    )
    lines = [fill(_(line), numbers.__getitem__) for line in lines]
    pictures: tuple[str, ...] = ()
    if request.language == languages.EASY_READ:  # one idea a line, each with its picture
        from kiosk.core.easyread import emergency_numbers, ideas

        short = emergency_numbers(numbers.values())
        found = [idea for line in lines for idea in ideas(line, short)]
        lines, pictures = [i.text for i in found], tuple(i.icon for i in found)
    return {
        "title": _(bundle.discreet.title if request.discreet else bundle.slip_title),
        "subtitle": "" if request.discreet else _(concern.title),
        "entries": card_entries(bundle, request.concern, request.discreet, _),
        "lines": lines,
        "pictures": pictures,
        "qr_caption": _("Scan with your phone camera to save these numbers."),
        "footer": (
            _("Printed on {date}").format(date=printed)
            if request.discreet
            else _("{partnership} · printed on {date}").format(partnership=_(bundle.name), date=printed)
        ),
    }


def is_bilingual(request: SlipRequest) -> bool:
    """English goes beside the slip's language only when that language is not English already."""
    return request.bilingual and languages.babel_locale(request.language).split("_")[0] != "en"


def slip_content(bundle: Bundle, request: SlipRequest) -> SlipContent:
    words = Words(**slip_text(bundle, request))
    english = None
    if is_bilingual(request):
        english = Words(**slip_text(bundle, _replace_language(request, i18n.SOURCE_LANGUAGE)))
    translate = i18n.translation(request.language, bundle.path).gettext
    return SlipContent(
        words=words,
        english=english,
        rtl=languages.is_rtl(request.language),
        script=textline.script_of(request.language),
        qr_payload=vcard(bundle, request.concern, request.discreet, translate),
        discreet=request.discreet,
        author="" if request.discreet else bundle.name,
        logo=None if request.discreet else bundle.logo,
    )


def _replace_language(request: SlipRequest, language: str) -> SlipRequest:
    from dataclasses import replace

    return replace(request, language=language)
