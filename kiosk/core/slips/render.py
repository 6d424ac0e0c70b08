"""The printed contact slip: an A6 card with the numbers, a few lines of guidance and the QR card."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from kiosk.core import i18n
from kiosk.core.content.model import Bundle
from kiosk.core.content.text import fill
from kiosk.core.qr import card_entries, vcard
from kiosk.core.qr import image as qr_image
from kiosk.core.resources import asset

REGULAR, BOLD = "KioskSans", "KioskSans-Bold"
INK = (0.07, 0.09, 0.12)
ACCENT = (0.0, 0.29, 0.50)


@dataclass(frozen=True)
class SlipRequest:
    concern: str = "all"
    discreet: bool = False
    language: str = i18n.SOURCE_LANGUAGE
    printed_on: date | None = None


@cache
def _register_fonts() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont(REGULAR, str(asset("fonts/NotoSans-Regular.ttf"))))
    pdfmetrics.registerFont(TTFont(BOLD, str(asset("fonts/NotoSans-Bold.ttf"))))


def slip_text(bundle: Bundle, request: SlipRequest) -> dict:
    """Everything the slip says, as plain data (also what speech and tests read)."""
    from babel.dates import format_date

    _ = i18n.translation(request.language).gettext
    concern = bundle.concerns[request.concern]
    numbers = bundle.contact_numbers()
    lines = bundle.discreet.slip_lines if request.discreet else concern.slip_lines
    printed = format_date(request.printed_on or date.today(), format="long", locale=request.language)
    return {
        "title": bundle.discreet.title if request.discreet else bundle.slip_title,
        "subtitle": "" if request.discreet else concern.title,
        "entries": card_entries(bundle, request.concern, request.discreet),
        "lines": [fill(line, numbers.__getitem__) for line in lines],
        "qr_caption": _("Scan with your phone camera to save these numbers."),
        "footer": (
            _("Printed on {date}").format(date=printed)
            if request.discreet
            else _("{partnership} · printed on {date}").format(partnership=bundle.name, date=printed)
        ),
    }


def render_slip(bundle: Bundle, request: SlipRequest) -> bytes:
    """The A6 slip as PDF bytes."""
    from reportlab.lib.pagesizes import A6
    from reportlab.lib.units import mm
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfgen.canvas import Canvas

    _register_fonts()
    text = slip_text(bundle, request)
    width, height = A6
    margin = 8 * mm
    inner = width - 2 * margin
    out = io.BytesIO()
    pdf = Canvas(out, pagesize=A6, pageCompression=0, invariant=True)
    pdf.setTitle(text["title"])
    pdf.setAuthor("" if request.discreet else bundle.name)
    pdf.setFillColorRGB(*INK)
    y = height - margin

    def para(
        content: str, font: str, size: float, leading: float, x: float = margin, w: float = inner
    ) -> None:
        nonlocal y
        for line in simpleSplit(content, font, size, w):
            y -= leading
            pdf.setFont(font, size)
            pdf.drawString(x, y, line)

    para(text["title"], BOLD, 14, 17)
    if text["subtitle"]:
        pdf.setFillColorRGB(*ACCENT)
        para(text["subtitle"], REGULAR, 10, 13)
        pdf.setFillColorRGB(*INK)
    y -= 3 * mm
    pdf.setLineWidth(0.6)
    pdf.line(margin, y, width - margin, y)
    for entry in text["entries"]:
        para(entry.label, REGULAR, 9.5, 14)
        if entry.phone:
            para(entry.phone, BOLD, 20, 22)
        if entry.email:
            para(entry.email, BOLD, 12, 15)
        y -= 1.5 * mm

    qr_size = 30 * mm
    bottom = margin + 6 * mm
    text_w = inner - qr_size - 4 * mm
    y = min(y, bottom + qr_size + 2 * mm) if y < bottom + qr_size else y
    top_of_block = y
    for line in text["lines"]:
        para(line, REGULAR, 8.5, 11, w=text_w)
    para(text["qr_caption"], REGULAR, 7, 9, w=text_w)
    _draw_qr(
        pdf,
        vcard(bundle, request.concern, request.discreet),
        width - margin - qr_size,
        top_of_block - qr_size,
        qr_size,
    )
    pdf.setFont(REGULAR, 7)
    pdf.drawString(margin, margin, text["footer"])
    pdf.showPage()
    pdf.save()
    return out.getvalue()


def _draw_qr(pdf, payload: str, x: float, y: float, size: float) -> None:
    from reportlab.lib.utils import ImageReader

    pdf.drawImage(ImageReader(qr_image(payload)), x, y, size, size)


def write_slip(bundle: Bundle, request: SlipRequest, output: Path) -> Path:
    output.write_bytes(render_slip(bundle, request))
    return output
