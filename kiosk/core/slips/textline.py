"""Lines of slip text in any shipped language: fonts per script, wrapping, right-to-left order.

reportlab has no font fallback and no bidi of its own (it looks for an `rlbidi` module that is not
on PyPI). So each line is cut into runs of one direction and one script; every run is drawn with
the face for its script and shaped by HarfBuzz (through reportlab), and the runs are laid out in
visual order: in a right-to-left line they go right to left, while a phone number or "NSPCC"
inside it keeps its own left-to-right order.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from typing import NamedTuple

from kiosk.core.resources import asset

# Face per script: (regular, bold) file names; the Chinese face has one weight.
FACES = {
    "latin": ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf"),
    "arabic": ("NotoNaskhArabic-Regular.ttf", "NotoNaskhArabic-Bold.ttf"),
    "cjk": ("DroidSansFallbackFull.ttf", "DroidSansFallbackFull.ttf"),
}
_TOKEN = re.compile(r"[^ ]+| +")
# Brackets in right-to-left text are drawn mirrored (Unicode's Bidi_Mirrored pairs in common use).
_MIRROR = str.maketrans("()[]{}<>«»‹›", ")(][}{><»«›‹")


def script_of(language: str) -> str:
    """The script a language's text is mostly in, for punctuation and spaces between runs."""
    base = language.split("_")[0].split("@")[0]
    return {"ar": "arabic", "ur": "arabic", "zh": "cjk"}.get(base, "latin")


class Run(NamedTuple):
    text: str  # in logical order; HarfBuzz puts right-to-left scripts in visual order
    font: str
    width: float


def _script(ch: str) -> str | None:
    code = ord(ch)
    if 0x0600 <= code <= 0x06FF or 0x0750 <= code <= 0x077F or 0xFB50 <= code <= 0xFEFF:
        return "arabic"
    if (
        0x2E80 <= code <= 0x9FFF
        or 0xF900 <= code <= 0xFAFF
        or 0xFF00 <= code <= 0xFFEF
        or 0x3000 <= code <= 0x303F
    ):
        return "cjk"
    if ch.isspace() or unicodedata.category(ch)[0] in "PZS":  # punctuation and spaces follow neighbours
        return None
    return "latin"


@cache
def font_name(script: str, bold: bool) -> str:
    """Register the face for `script` with reportlab once, and return its name."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    name = f"Kiosk-{script}-{'bold' if bold else 'regular'}"
    pdfmetrics.registerFont(
        TTFont(name, str(asset("fonts/" + FACES[script][bold])), shapable=script != "latin")
    )
    return name


def _direction(word: str) -> str:
    for ch in word:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return "R"
        if kind in ("L", "EN", "AN"):
            return "L"
    return "N"


def visual_runs(text: str, rtl: bool) -> list[tuple[str, str]]:
    """(logical text, "L" or "R") runs of words, in the order they are drawn left to right."""
    base = "R" if rtl else "L"
    tokens = [m.group(0) for m in _TOKEN.finditer(text)]
    dirs = [None if tok.isspace() else _direction(tok) for tok in tokens]

    def around(n: int, step: int) -> str:
        j = n + step
        while 0 <= j < len(dirs):
            if dirs[j] not in (None, "N"):
                return dirs[j]
            j += step
        return base

    resolved = [
        d if d in ("L", "R") else (around(n, -1) if around(n, -1) == around(n, 1) else base)
        for n, d in enumerate(dirs)
    ]
    runs: list[list[str]] = []
    kinds: list[str] = []
    for tok, d in zip(tokens, resolved, strict=True):
        if kinds and kinds[-1] == d:
            runs[-1].append(tok)
        else:
            runs.append([tok])
            kinds.append(d)
    pairs = [("".join(r), k) for r, k in zip(runs, kinds, strict=True)]
    if rtl:
        pairs.reverse()
    return pairs  # HarfBuzz lays out a right-to-left run's words right to left itself


@cache
def _has_glyph(script: str, ch: str) -> bool:
    from reportlab.pdfbase.pdfmetrics import getFont

    return ord(ch) in getFont(font_name(script, False)).face.charToGlyph


def _script_pieces(text: str, fallback: str) -> list[tuple[str, str]]:
    pieces: list[tuple[str, str]] = []
    for ch in text:
        script = _script(ch) or (pieces[-1][1] if pieces else fallback)
        if script != "latin" and not _has_glyph(script, ch):
            script = "latin"  # punctuation such as "·" that the Arabic or Chinese face lacks
        if pieces and pieces[-1][1] == script:
            pieces[-1] = (pieces[-1][0] + ch, script)
        else:
            pieces.append((ch, script))
    return pieces


def measure(text: str, size: float, bold: bool, fallback: str = "latin") -> float:
    return sum(
        _width(piece, font_name(script, bold), size) for piece, script in _script_pieces(text, fallback)
    )


def _width(text: str, font: str, size: float) -> float:
    return _advance(text, font) * size / 1000


@lru_cache(maxsize=8192)
def _advance(text: str, font: str) -> float:
    """Width at 1000 points. Cached: a kiosk sets the same few lines again and again, and wrapping
    measures each line many times as it grows word by word."""
    from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
    from reportlab.pdfbase.ttfonts import shapeStr

    if getFont(font).shapable:
        return float(sum(g.x_advance for g in shapeStr(text, font, 1000, force=True).__shapeData__))
    return stringWidth(text, font, 1000)


@lru_cache(maxsize=2048)
def _shaped(text: str, font: str, size: float):
    from reportlab.pdfbase.ttfonts import shapeStr

    return shapeStr(text, font, size, force=True)


def layout(text: str, size: float, bold: bool, rtl: bool, fallback: str = "latin") -> list[Run]:
    """The runs of one line, left to right, each with its face and width."""
    out: list[Run] = []
    for chunk, kind in visual_runs(text, rtl):
        pieces = _script_pieces(chunk, fallback)
        if kind == "R":
            pieces.reverse()  # pieces of a right-to-left run are placed right to left
        for piece, script in pieces:
            if kind == "R" and script == "latin":
                piece = piece.translate(_MIRROR)  # HarfBuzz mirrors only what it shapes
            font = font_name(script, bold)
            out.append(Run(piece, font, _width(piece, font, size)))
    return out


def wrap(text: str, size: float, bold: bool, width: float, fallback: str = "latin") -> list[str]:
    """Break `text` into lines no wider than `width`: at spaces, and between Chinese characters."""
    units = re.findall(
        r"[\u2E80-\u9FFF\uF900-\uFAFF][\u3000-\u303F\uFF00-\uFFEF]*|[^\s\u2E80-\u9FFF]+\s*|\s+", text
    )
    lines, current = [], ""
    for unit in units:
        candidate = current + unit
        if current and measure(candidate.rstrip(), size, bold, fallback) > width:
            lines.append(current.rstrip())
            current = unit.lstrip()
        else:
            current = candidate
    if current.strip():
        lines.append(current.rstrip())
    return lines


def draw(
    pdf,
    text: str,
    left: float,
    width: float,
    y: float,
    size: float,
    bold: bool,
    rtl: bool,
    fallback: str = "latin",
    centre: bool = False,
) -> None:
    """Draw one line at baseline `y`, starting at the right edge when `rtl`, or centred."""
    runs = layout(text, size, bold, rtl, fallback)
    used = sum(r.width for r in runs)
    x = left + (width - used) / 2 if centre else left + width - used if rtl else left
    from reportlab.pdfbase.pdfmetrics import getFont

    for run in runs:
        pdf.setFont(run.font, size)
        # Pre-shaped text: reportlab's own shaping path needs the missing rlbidi module.
        shaped = getFont(run.font).shapable
        pdf.drawString(x, y, _shaped(run.text, run.font, size) if shaped else run.text)
        x += run.width
