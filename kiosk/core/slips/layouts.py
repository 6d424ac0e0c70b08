"""The papers a slip is printed on: an A6 card, an A4 sheet of eight to cut out, an 80 mm receipt.

Each layout sets the same content (title, numbers, guidance, QR card, partnership and date) for its
paper. The card and the sheet have a fixed size, so their text is measured first and set a little
smaller when a language or a bilingual slip needs more room; numbers never wrap. The receipt is a
roll: its page is as long as its content.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from kiosk.core.slips.content import SlipContent
from kiosk.core.slips.flow import ACCENT, BLACK, INK, SECOND, Column, draw_qr

MM = 72 / 25.4
A4 = (210 * MM, 297 * MM)
A6 = (105 * MM, 148 * MM)
RECEIPT_WIDTH = 80 * MM
# Smaller steps first: a slip is set at the largest of these that fits its paper.
SCALES = (1.0, 0.94, 0.88, 0.82, 0.76, 0.7, 0.64, 0.58)
ENGLISH = 0.8  # English beside another language, relative to that language's size

# The A4 sheet: 2 x 4 slips butted together, so one cut separates two, inside margins that hold the
# crop marks and stay clear of what office printers cannot reach (about 4 mm).
SHEET_COLUMNS, SHEET_ROWS = 2, 4
CELL = (94 * MM, 68 * MM)
CELL_PADDING = 4.5 * MM
MARK_LENGTH = 5 * MM
MARK_GAP = 2 * MM  # between a crop mark and the slip's edge


@dataclass(frozen=True)
class Sizes:
    """Type sizes (points) and the QR code's side (points) for one layout."""

    title: float
    subtitle: float
    label: float
    phone: float
    email: float
    line: float
    caption: float
    footer: float
    qr: float
    qr_min: float

    def scaled(self, s: float) -> Sizes:
        values = {k: v * s for k, v in self.__dict__.items() if k not in ("qr", "qr_min")}
        return replace(self, **values, qr=max(self.qr_min, self.qr * s))


@dataclass(frozen=True)
class Palette:
    ink: tuple[float, float, float]
    accent: tuple[float, float, float]
    second: tuple[float, float, float]


OFFICE = Palette(INK, ACCENT, SECOND)
THERMAL = Palette(BLACK, BLACK, BLACK)  # thermal paper prints black or nothing

A6_SIZES = Sizes(14, 10, 9.5, 20, 12, 8.5, 7, 7, 32 * MM, 24 * MM)
CELL_SIZES = Sizes(11, 8, 7.5, 15, 10, 7, 5.5, 5.5, 25 * MM, 19 * MM)
RECEIPT_SIZES = Sizes(15, 11, 10, 22, 13, 9.5, 8, 8, 40 * MM, 40 * MM)


@dataclass(frozen=True)
class Plan:
    """A layout ready to draw: the page size, the scale it was set at, and whether it fits."""

    format: str
    page: tuple[float, float]
    scale: float
    fits: bool
    paint: Callable[[Any], None]


def render(fmt: str, content: SlipContent) -> bytes:
    from reportlab.pdfgen.canvas import Canvas

    chosen = plan(fmt, content)
    out = io.BytesIO()
    pdf = Canvas(out, pagesize=chosen.page, pageCompression=0, invariant=True)
    pdf.setTitle(content.words.title)
    pdf.setAuthor(content.author)
    chosen.paint(pdf)
    pdf.showPage()
    pdf.save()
    return out.getvalue()


def plan(fmt: str, content: SlipContent) -> Plan:
    try:
        planner = PLANNERS[fmt]
    except KeyError:
        raise ValueError(f"unknown slip format {fmt!r}; choose one of {', '.join(PLANNERS)}") from None
    return planner(content)


# The pieces every layout stacks, each followed by its English on a bilingual slip.


def _twin(col: Column, main: str, english: str | None, size: float, colour, palette: Palette, **kw) -> None:
    col.text(main, size, colour=colour, **kw)
    if english is not None and english != main:
        kw.pop("bold", None)
        # Set to the same edge as the line it translates, so the pair reads as one.
        col.text(english, size * ENGLISH, colour=palette.second, script="latin", **kw)


LOGO = 2.4  # the logo's height, relative to the title's size


def _header(col: Column, content: SlipContent, sz: Sizes, palette: Palette, centre: bool = False) -> None:
    en = content.english
    if content.logo is not None:
        col.image(content.logo, sz.title * LOGO, centre=centre)
        col.space(sz.title * 0.4)
    _twin(col, content.words.title, en and en.title, sz.title, palette.ink, palette, bold=True, centre=centre)
    if content.words.subtitle:
        col.space(sz.subtitle * 0.15)
        _twin(
            col,
            content.words.subtitle,
            en and en.subtitle,
            sz.subtitle,
            palette.accent,
            palette,
            centre=centre,
        )


def _entries(col: Column, content: SlipContent, sz: Sizes, palette: Palette, gap: float) -> None:
    english = content.english.entries if content.english else [None] * len(content.words.entries)
    for entry, en in zip(content.words.entries, english, strict=True):
        _twin(col, entry.label, en and en.label, sz.label, palette.ink, palette)
        if entry.phone:
            col.number(entry.phone, sz.phone, palette.ink)
        if entry.email:
            col.number(entry.email, sz.email, palette.ink)
        col.space(gap)


def _lines(col: Column, content: SlipContent, sz: Sizes, palette: Palette, centre: bool = False) -> None:
    if content.words.pictures:  # Easy Read: a picture beside each idea
        from kiosk.core.resources import asset

        for line, picture in zip(content.words.lines, content.words.pictures, strict=True):
            col.pictured(asset(f"icons/png/{picture}.png"), line, sz.line, palette.ink, gap=sz.line * 0.3)
        return
    english = content.english.lines if content.english else [None] * len(content.words.lines)
    for line, en in zip(content.words.lines, english, strict=True):
        _twin(col, line, en, sz.line, palette.ink, palette, centre=centre)


def _caption(col: Column, content: SlipContent, sz: Sizes, palette: Palette, centre: bool = False) -> None:
    en = content.english
    _twin(
        col, content.words.qr_caption, en and en.qr_caption, sz.caption, palette.ink, palette, centre=centre
    )


def _footer(col: Column, content: SlipContent, sz: Sizes, palette: Palette, centre: bool = False) -> None:
    en = content.english
    _twin(col, content.words.footer, en and en.footer, sz.footer, palette.ink, palette, centre=centre)


def _fit(build: Callable[[float], tuple[float, Callable[[Any], None]]], room: float, **kw) -> Plan:
    for scale in SCALES:
        height, paint = build(scale)
        if height <= room:
            return Plan(scale=scale, fits=True, paint=paint, **kw)
    return Plan(scale=scale, fits=False, paint=paint, **kw)


def _qr_modules(content: SlipContent) -> tuple[tuple[bool, ...], ...]:
    from kiosk.core.qr import matrix

    return matrix(content.qr_payload)


def a6(content: SlipContent) -> Plan:
    """A6 portrait card: title, numbers large, then guidance beside the QR code, footer at the foot."""
    width, height = A6
    margin = 8 * MM
    inner = width - 2 * margin
    rtl, script = content.rtl, content.script
    qr = _qr_modules(content)

    def build(s: float):
        sz = A6_SIZES.scaled(s)
        top = Column(inner, rtl, script)
        _header(top, content, sz, OFFICE)
        top.rule(0.6, before=3 * MM * s, after=1 * MM)
        _entries(top, content, sz, OFFICE, gap=1.5 * MM * s)
        side = Column(inner - sz.qr - 4 * MM, rtl, script)
        _lines(side, content, sz, OFFICE)
        side.space(1 * MM)
        _caption(side, content, sz, OFFICE)
        foot = Column(inner, rtl, script)
        _footer(foot, content, sz, OFFICE)
        gap = 2 * MM
        needed = top.height + gap + max(sz.qr, side.height) + gap + foot.height

        def paint(pdf) -> None:
            left, page_top = margin, height - margin
            top.paint(pdf, left, page_top)
            body = page_top - top.height - gap
            side.paint(pdf, left + sz.qr + 4 * MM if rtl else left, body)
            draw_qr(pdf, qr, left if rtl else left + inner - sz.qr, body - sz.qr, sz.qr)
            foot.paint(pdf, left, margin + foot.height)

        return needed, paint

    return _fit(build, height - 2 * margin, format="a6", page=A6)


def _cell(content: SlipContent, qr) -> tuple[float, Callable[[float], tuple[float, Callable[[Any], None]]]]:
    """One slip of the A4 sheet, landscape: the numbers two abreast, guidance beside the QR code."""
    cell_w, cell_h = CELL
    inner = cell_w - 2 * CELL_PADDING
    rtl, script = content.rtl, content.script
    english = content.english.entries if content.english else [None] * len(content.words.entries)
    pairs = list(zip(content.words.entries, english, strict=True))
    gutter = 3 * MM

    def build(s: float):
        sz = CELL_SIZES.scaled(s)
        head = Column(inner, rtl, script)
        _header(head, content, sz, OFFICE)
        head.rule(0.5, before=1.2 * MM * s, after=0.8 * MM)
        rows: list[list[Column]] = []
        for n, (entry, en) in enumerate(pairs):
            if n % 2 == 0:
                rows.append([])
            col = Column((inner - gutter) / 2, rtl, script)
            _twin(col, entry.label, en and en.label, sz.label, OFFICE.ink, OFFICE)
            for value, size in ((entry.phone, sz.phone), (entry.email, sz.email)):
                if value:
                    col.number(value, size, OFFICE.ink)
            col.space(0.8 * MM * s)
            rows[-1].append(col)
        grid = sum(max(c.height for c in row) for row in rows)
        side = Column(inner - sz.qr - gutter, rtl, script)
        _lines(side, content, sz, OFFICE)
        side.space(0.8 * MM)
        _caption(side, content, sz, OFFICE)
        foot = Column(inner, rtl, script)
        _footer(foot, content, sz, OFFICE)
        gap = 1.0 * MM
        needed = head.height + grid + gap + max(sz.qr, side.height) + gap + foot.height

        def paint(pdf) -> None:
            left, top = CELL_PADDING, cell_h - CELL_PADDING
            head.paint(pdf, left, top)
            y = top - head.height
            half = (inner + gutter) / 2
            for row in rows:
                for n, col in enumerate(row):
                    col.paint(pdf, left + (half * (1 - n) if rtl else half * n), y)
                y -= max(c.height for c in row)
            y -= gap
            side.paint(pdf, left + sz.qr + gutter if rtl else left, y)
            draw_qr(pdf, qr, left if rtl else left + inner - sz.qr, y - sz.qr, sz.qr)
            foot.paint(pdf, left, CELL_PADDING + foot.height)

        return needed, paint

    return cell_h - 2 * CELL_PADDING, build


def a4_sheet(content: SlipContent) -> Plan:
    """Eight slips on A4, drawn once as a form and placed eight times, with crop marks to cut by."""
    room, build = _cell(content, _qr_modules(content))
    cell = _fit(build, room, format="a4-sheet", page=A4)
    page_w, page_h = A4
    cell_w, cell_h = CELL
    left = (page_w - SHEET_COLUMNS * cell_w) / 2
    bottom = (page_h - SHEET_ROWS * cell_h) / 2

    def paint(pdf) -> None:
        pdf.beginForm("slip", 0, 0, cell_w, cell_h)
        cell.paint(pdf)
        pdf.endForm()
        for row in range(SHEET_ROWS):
            for column in range(SHEET_COLUMNS):
                pdf.saveState()
                pdf.translate(left + column * cell_w, bottom + row * cell_h)
                pdf.doForm("slip")
                pdf.restoreState()
        _cut_guides(pdf, left, bottom, cell_w, cell_h)

    return replace(cell, paint=paint)


def _cut_guides(pdf, left: float, bottom: float, cell_w: float, cell_h: float) -> None:
    """Crop marks in the margins for a guillotine, and faint dotted lines for scissors."""
    right = left + SHEET_COLUMNS * cell_w
    top = bottom + SHEET_ROWS * cell_h
    xs = [left + i * cell_w for i in range(SHEET_COLUMNS + 1)]
    ys = [bottom + i * cell_h for i in range(SHEET_ROWS + 1)]
    pdf.setStrokeColorRGB(0.7, 0.7, 0.7)
    pdf.setLineWidth(0.3)
    pdf.setDash(1, 2)
    for x in xs:
        pdf.line(x, bottom, x, top)
    for y in ys:
        pdf.line(left, y, right, y)
    pdf.setDash()
    pdf.setStrokeColorRGB(0, 0, 0)
    pdf.setLineWidth(0.4)
    for x in xs:
        pdf.line(x, top + MARK_GAP, x, top + MARK_GAP + MARK_LENGTH)
        pdf.line(x, bottom - MARK_GAP, x, bottom - MARK_GAP - MARK_LENGTH)
    for y in ys:
        pdf.line(left - MARK_GAP, y, left - MARK_GAP - MARK_LENGTH, y)
        pdf.line(right + MARK_GAP, y, right + MARK_GAP + MARK_LENGTH, y)


def receipt_80mm(content: SlipContent) -> Plan:
    """An 80 mm roll (72 mm printable): one column, black only, as long as it needs to be."""
    margin_x, margin_top, margin_bottom = 4 * MM, 5 * MM, 12 * MM  # the foot clears the cutter
    inner = RECEIPT_WIDTH - 2 * margin_x
    sz = RECEIPT_SIZES
    col = Column(inner, content.rtl, content.script)
    _header(col, content, sz, THERMAL, centre=True)
    col.rule(0.8, before=2.5 * MM, after=1.5 * MM)
    _entries(col, content, sz, THERMAL, gap=2 * MM)
    col.rule(0.8, before=0.5 * MM, after=1.5 * MM)
    _lines(col, content, sz, THERMAL)
    col.space(3 * MM)
    col.qr(_qr_modules(content), sz.qr)
    col.space(1.5 * MM)
    _caption(col, content, sz, THERMAL, centre=True)
    col.space(2 * MM)
    _footer(col, content, sz, THERMAL, centre=True)
    page = (RECEIPT_WIDTH, margin_top + col.height + margin_bottom)

    def paint(pdf) -> None:
        col.paint(pdf, margin_x, page[1] - margin_top)

    return Plan(format="receipt-80mm", page=page, scale=1.0, fits=True, paint=paint)


PLANNERS: dict[str, Callable[[SlipContent], Plan]] = {
    "a6": a6,
    "a4-sheet": a4_sheet,
    "receipt-80mm": receipt_80mm,
}
