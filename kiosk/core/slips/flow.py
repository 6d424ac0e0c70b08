"""Slip text set into a column: measured first, so a layout can shrink it to fit its paper, then drawn.

A column collects what it will draw (lines of text already wrapped, numbers, rules, the QR code)
with their offsets from its top. Its height is then known before anything touches the page, and
the same column can be painted anywhere, or into a form that a sheet repeats.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from kiosk.core.slips import textline

BLACK = (0.0, 0.0, 0.0)
INK = (0.07, 0.09, 0.12)
ACCENT = (0.0, 0.29, 0.50)
SECOND = (0.27, 0.29, 0.32)  # the English beside another language, a step quieter
NUMBER_LEADING = 1.12
# Rows of a QR code overlap by this much of a module, so anti-aliased renderers leave no hairline
# seam between them (which a decoder can take for the bars of a barcode).
SEAM = 0.04


@dataclass(frozen=True)
class _Text:
    text: str
    baseline: float  # below the column's top
    size: float
    bold: bool
    colour: tuple[float, float, float]
    rtl: bool
    script: str
    centre: bool
    indent: float = 0.0  # room kept at the reading edge (for a picture beside the line)


@dataclass(frozen=True)
class _Number:
    text: str
    baseline: float
    size: float
    width: float
    colour: tuple[float, float, float]
    at_right: bool
    centre: bool


@dataclass(frozen=True)
class _Rule:
    offset: float
    weight: float


@dataclass(frozen=True)
class _Qr:
    modules: tuple[tuple[bool, ...], ...]
    top: float
    size: float
    x: float  # from the column's left


@dataclass(frozen=True)
class _Image:
    path: Path
    top: float
    height: float
    width: float
    x: float  # from the column's left
    opaque: bool = False  # no transparency to mask (a picture on white), which draws faster


@lru_cache(maxsize=64)
def _image(path: Path):  # noqa: ANN202 - a reportlab ImageReader, read once per process
    from reportlab.lib.utils import ImageReader

    return ImageReader(str(path))


class Column:
    """Lines stacked top down in a column `width` points wide, in the slip's direction and script."""

    def __init__(self, width: float, rtl: bool = False, script: str = "latin"):
        self.width = width
        self.rtl = rtl
        self.script = script
        self.height = 0.0
        self._ops: list = []

    def text(
        self,
        content: str,
        size: float,
        *,
        bold: bool = False,
        colour: tuple[float, float, float] = INK,
        leading: float = 1.25,
        rtl: bool | None = None,
        script: str | None = None,
        centre: bool = False,
    ) -> None:
        """Wrapped text; `rtl` and `script` default to the column's (English beside Arabic is LTR)."""
        rtl = self.rtl if rtl is None else rtl
        script = script or self.script
        for line in textline.wrap(content, size, bold, self.width, script):
            self.height += size * leading
            self._ops.append(_Text(line, self.height, size, bold, colour, rtl, script, centre))

    def number(
        self, value: str, size: float, colour: tuple[float, float, float] = INK, centre: bool = False
    ) -> None:
        """A phone number or email on one unbroken line, at the reading edge; smaller if it must be."""
        width = textline.measure(value, size, True)
        if width > self.width:
            size *= self.width / width
            width = self.width
        self.height += size * NUMBER_LEADING
        self._ops.append(_Number(value, self.height, size, width, colour, self.rtl, centre))

    def space(self, points: float) -> None:
        self.height += points

    def rule(self, weight: float = 0.6, before: float = 0.0, after: float = 0.0) -> None:
        self.height += before
        self._ops.append(_Rule(self.height, weight))
        self.height += after

    def qr(self, modules: tuple[tuple[bool, ...], ...], size: float, centre: bool = True) -> None:
        x = (self.width - size) / 2 if centre else (self.width - size if self.rtl else 0.0)
        self._ops.append(_Qr(modules, self.height, size, x))
        self.height += size

    def pictured(self, picture: Path, content: str, size: float, colour=INK, gap: float = 0.0) -> None:  # noqa: ANN001
        """A line of text with a picture beside it at the reading edge (Easy Read: one idea, one
        picture), the picture as tall as two lines of text and level with the first one."""
        side = size * 2.2
        indent = side + size * 0.6
        top = self.height
        lines = textline.wrap(content, size, False, self.width - indent, self.script)
        text_height = size * 1.25 * len(lines)
        offset = max(0.0, (side - text_height) / 2)  # a one-line idea sits level with its picture
        x = self.width - side if self.rtl else 0.0
        self._ops.append(_Image(picture, top, side, side, x, opaque=True))
        for n, line in enumerate(lines):
            baseline = top + offset + size * 1.25 * (n + 1) - size * 0.25
            self._ops.append(_Text(line, baseline, size, False, colour, self.rtl, self.script, False, indent))
        self.height = top + max(side, text_height + offset) + gap

    def image(self, path: Path, height: float, centre: bool = False) -> None:
        """A picture (the partnership's logo) at the reading edge, at most the column's width."""
        w, h = _image(path).getSize()
        width = min(self.width, height * w / max(h, 1))
        height = width * h / max(w, 1)
        x = (self.width - width) / 2 if centre else (self.width - width if self.rtl else 0.0)
        self._ops.append(_Image(path, self.height, height, width, x))
        self.height += height

    def paint(self, pdf: Any, left: float, top: float) -> None:
        """Draw the column with its top-left corner at (`left`, `top`) in page coordinates."""
        colour = None
        for op in self._ops:
            op_colour = getattr(op, "colour", None)
            if op_colour is not None and op_colour != colour:
                pdf.setFillColorRGB(*op_colour)
                colour = op_colour
            if isinstance(op, _Text):
                textline.draw(
                    pdf,
                    op.text,
                    left if op.rtl else left + op.indent,
                    self.width - op.indent,
                    top - op.baseline,
                    op.size,
                    op.bold,
                    op.rtl,
                    op.script,
                    centre=op.centre,
                )
            elif isinstance(op, _Number):
                if op.centre:
                    x = left + (self.width - op.width) / 2
                else:
                    x = left + self.width - op.width if op.at_right else left
                textline.draw(pdf, op.text, x, op.width, top - op.baseline, op.size, True, False)
            elif isinstance(op, _Rule):
                pdf.setLineWidth(op.weight)
                pdf.line(left, top - op.offset, left + self.width, top - op.offset)
            elif isinstance(op, _Image):
                y = top - op.top - op.height
                mask = None if op.opaque else "auto"
                pdf.drawImage(_image(op.path), left + op.x, y, op.width, op.height, mask=mask)
            else:
                draw_qr(pdf, op.modules, left + op.x, top - op.top - op.size, op.size)


def draw_qr(pdf: Any, modules: tuple[tuple[bool, ...], ...], x: float, y: float, size: float) -> None:
    """The QR code as filled rectangles, one per run of dark modules in a row: sharp at any printer's
    resolution, where a one-pixel-per-module image would be blurred or aliased when scaled."""
    unit = size / len(modules)
    pdf.saveState()
    pdf.translate(x, y)
    pdf.scale(unit, unit)
    pdf.setFillColorRGB(0, 0, 0)
    pdf.drawPath(_qr_path(modules), stroke=0, fill=1)
    pdf.restoreState()


@lru_cache(maxsize=64)
def _qr_path(modules: tuple[tuple[bool, ...], ...]):
    """The code's rectangles in module units, built once per code: a kiosk prints the same few."""
    from reportlab.pdfgen.pathobject import PDFPathObject

    path = PDFPathObject()
    n = len(modules)
    for row, cells in enumerate(modules):
        for start, length in _runs(cells):
            path.rect(start, n - row - 1 - SEAM, length, 1 + SEAM)
    return path


def _runs(cells: tuple[bool, ...]) -> list[tuple[int, int]]:
    out, start = [], None
    for n, dark in enumerate((*cells, False)):
        if dark and start is None:
            start = n
        elif not dark and start is not None:
            out.append((start, n - start))
            start = None
    return out
