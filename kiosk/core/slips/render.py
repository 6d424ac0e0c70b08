"""The printed contact slip: an A6 card with the numbers, a few lines of guidance and the QR card."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from kiosk.core import i18n, languages
from kiosk.core.content.model import Bundle
from kiosk.core.content.text import fill
from kiosk.core.qr import card_entries, vcard
from kiosk.core.qr import image as qr_image
from kiosk.core.slips import textline

INK = (0.07, 0.09, 0.12)
ACCENT = (0.0, 0.29, 0.50)


@dataclass(frozen=True)
class SlipRequest:
    concern: str = "all"
    discreet: bool = False
    language: str = i18n.SOURCE_LANGUAGE
    printed_on: date | None = None


def slip_text(bundle: Bundle, request: SlipRequest) -> dict:
    """Everything the slip says, in the slip's language, as plain data (also what speech reads)."""
    from babel.dates import format_date

    _ = i18n.translation(request.language).gettext
    concern = bundle.concerns[request.concern]
    numbers = bundle.contact_numbers()
    lines = bundle.discreet.slip_lines if request.discreet else concern.slip_lines
    printed = format_date(
        request.printed_on or date.today(), format="long", locale=languages.babel_locale(request.language)
    )
    return {
        "title": _(bundle.discreet.title if request.discreet else bundle.slip_title),
        "subtitle": "" if request.discreet else _(concern.title),
        "entries": card_entries(bundle, request.concern, request.discreet, _),
        "lines": [fill(_(line), numbers.__getitem__) for line in lines],
        "qr_caption": _("Scan with your phone camera to save these numbers."),
        "footer": (
            _("Printed on {date}").format(date=printed)
            if request.discreet
            else _("{partnership} · printed on {date}").format(partnership=_(bundle.name), date=printed)
        ),
    }


def render_slip(bundle: Bundle, request: SlipRequest) -> bytes:
    """The A6 slip as PDF bytes, laid out right to left for Arabic and Urdu."""
    from reportlab.lib.pagesizes import A6
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    text = slip_text(bundle, request)
    rtl = languages.is_rtl(request.language)
    script = textline.script_of(request.language)
    width, height = A6
    margin = 8 * mm
    inner = width - 2 * margin
    out = io.BytesIO()
    pdf = Canvas(out, pagesize=A6, pageCompression=0, invariant=True)
    pdf.setTitle(text["title"])
    pdf.setAuthor("" if request.discreet else bundle.name)
    pdf.setFillColorRGB(*INK)
    y = height - margin
    # Arabic script sits taller than Latin: give its lines more room.
    spacing = 1.45 if script == "arabic" else 1.25

    def para(content: str, size: float, bold: bool = False, left: float = margin, w: float = inner) -> None:
        nonlocal y
        for line in textline.wrap(content, size, bold, w, script):
            y -= size * spacing
            textline.draw(pdf, line, left, w, y, size, bold, rtl, script)

    para(text["title"], 14, bold=True)
    if text["subtitle"]:
        pdf.setFillColorRGB(*ACCENT)
        para(text["subtitle"], 10)
        pdf.setFillColorRGB(*INK)
    y -= 3 * mm
    pdf.setLineWidth(0.6)
    pdf.line(margin, y, width - margin, y)
    for entry in text["entries"]:
        para(entry.label, 9.5)
        for value, size in ((entry.phone, 20), (entry.email, 12)):
            if value:
                y -= size * 1.1
                value_width = textline.measure(value, size, True)
                textline.draw(
                    pdf,
                    value,
                    width - margin - value_width if rtl else margin,
                    value_width,
                    y,
                    size,
                    True,
                    False,
                )
        y -= 1.5 * mm

    qr_size = 32 * mm
    text_w = inner - qr_size - 4 * mm
    qr_top = y - 2 * mm
    text_left = margin + qr_size + 4 * mm if rtl else margin
    y = qr_top + 2 * mm
    for line in text["lines"]:
        para(line, 8.5, left=text_left, w=text_w)
    para(text["qr_caption"], 7, left=text_left, w=text_w)
    payload = vcard(bundle, request.concern, request.discreet, i18n.translation(request.language).gettext)
    _draw_qr(pdf, payload, margin if rtl else width - margin - qr_size, qr_top - qr_size, qr_size)
    y = margin + 7 * 1.25
    para(text["footer"], 7)
    pdf.showPage()
    pdf.save()
    return out.getvalue()


def _draw_qr(pdf, payload: str, x: float, y: float, size: float) -> None:
    from reportlab.lib.utils import ImageReader

    pdf.drawImage(ImageReader(qr_image(payload)), x, y, size, size)


def write_slip(bundle: Bundle, request: SlipRequest, output: Path) -> Path:
    output.write_bytes(render_slip(bundle, request))
    return output
