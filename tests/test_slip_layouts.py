"""Every slip layout, in several languages and scripts, bilingual or not, read back as its reader would."""

from __future__ import annotations

import io
import subprocess
from datetime import date

import pytest

from kiosk.core import i18n, qr
from kiosk.core.slips import FORMATS, layouts
from kiosk.core.slips.content import SlipRequest, slip_content
from kiosk.core.slips.render import render_slip
from tests.driver import card_numbers, expected_numbers
from tests.test_slips import needs_pdftoppm

LANGUAGES = ["en_GB", "pl", "ur", "ar", "zh_Hans"]
MM = 72 / 25.4


def _text(pdf: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def _flat(text: str) -> str:
    """Text without line breaks or spaces: a reader does not care where a line wrapped."""
    return "".join(text.split())


def _png(pdf: bytes, tmp_path, dpi: int = 200):
    from PIL import Image

    source = tmp_path / "slip.pdf"
    source.write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-png", "-singlefile", str(source), str(tmp_path / "slip")], check=True
    )
    return Image.open(tmp_path / "slip.png").convert("RGB")


def qr_codes(pdf: bytes, tmp_path, dpi: int = 200) -> list[str]:
    """Every QR code on the page, as a phone's QR scanner reads them (QR only: a dense code can
    also be misread as some 1-D barcode by a decoder that looks for every format)."""
    import zxingcpp

    image = _png(pdf, tmp_path, dpi)
    return [b.text for b in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)]


@needs_pdftoppm
@pytest.mark.parametrize("bilingual", [False, True], ids=["one-language", "bilingual"])
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("concern", ["child", "all"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_every_layout_carries_the_exact_numbers_in_text_and_qr(
    bundle, tmp_path, fmt, concern, language, bilingual
):
    request = SlipRequest(concern=concern, language=language, format=fmt, bilingual=bilingual)
    assert layouts.plan(fmt, slip_content(bundle, request)).fits, "the text fits the paper"
    pdf = render_slip(bundle, request)
    text = _text(pdf)
    phones, emails = expected_numbers(bundle, concern)
    for number in phones + emails:
        assert number in text
    for number in {c.phone for c in bundle.contacts.values()} - set(phones):
        assert number not in text, f"{number} does not belong on the {concern} slip"
    codes = qr_codes(pdf, tmp_path)
    assert len(codes) == (8 if fmt == "a4-sheet" else 1)
    assert set(codes) == {qr.vcard(bundle, concern, False, i18n.translation(language).gettext)}
    assert card_numbers(codes[0]) == (phones, emails)


@pytest.mark.parametrize("bilingual", [False, True], ids=["one-language", "bilingual"])
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("concern", ["danger", "child", "adult", "worker", "all"])
def test_discreet_slips_say_nothing_about_abuse_in_any_layout(bundle, fmt, concern, bilingual):
    text = _text(
        render_slip(bundle, SlipRequest(concern=concern, discreet=True, format=fmt, bilingual=bilingual))
    )
    for word in bundle.discreet.forbidden_words:
        assert word not in text.lower()
    assert "Useful numbers" in text
    for number in expected_numbers(bundle, concern, discreet=True)[0]:
        assert number in text


@pytest.mark.parametrize(
    "fmt, size_mm", [("a6", (105, 148)), ("a4-sheet", (210, 297))], ids=["a6", "a4-sheet"]
)
def test_fixed_papers_have_their_size(bundle, fmt, size_mm):
    from pypdf import PdfReader

    page = PdfReader(io.BytesIO(render_slip(bundle, SlipRequest(format=fmt)))).pages[0]
    assert tuple(round(float(v) / MM) for v in page.mediabox.upper_right) == size_mm


def test_the_receipt_is_80_mm_wide_and_as_long_as_its_content(bundle):
    from pypdf import PdfReader

    def size(**kw) -> tuple[int, int]:
        page = PdfReader(io.BytesIO(render_slip(bundle, SlipRequest(format="receipt-80mm", **kw)))).pages[0]
        return tuple(round(float(v) / MM) for v in page.mediabox.upper_right)

    one, two = size(concern="danger"), size(concern="all", bilingual=True, language="pl")
    assert one[0] == two[0] == 80
    assert 100 < one[1] < two[1] < 400


@needs_pdftoppm
def test_the_receipt_prints_in_black_only(bundle, tmp_path):
    image = _png(
        render_slip(bundle, SlipRequest(format="receipt-80mm", language="ar", bilingual=True)), tmp_path, 100
    )
    colours = {rgb for _, rgb in image.getcolors(1 << 20)}
    assert all(r == g == b for r, g, b in colours), "thermal paper prints black or nothing"


@needs_pdftoppm
def test_the_a4_sheet_has_crop_marks_in_its_margins(bundle, tmp_path):
    dpi = 100
    image = _png(render_slip(bundle, SlipRequest(format="a4-sheet")), tmp_path, dpi).convert("L")
    px = dpi / 25.4
    grid_left = (210 - 2 * 94) / 2
    cuts = [grid_left, grid_left + 94, grid_left + 188]

    def dark_in_top_margin(x_mm: float) -> bool:
        x = round(x_mm * px)
        return any(
            image.getpixel((xx, y)) < 128
            for xx in (x - 1, x, x + 1)
            for y in range(round(5 * px), round(9 * px))
        )

    for x in cuts:
        assert dark_in_top_margin(x), f"a crop mark above the cut at {x} mm"
    assert not dark_in_top_margin(grid_left + 47), "no mark where there is no cut"


@pytest.mark.parametrize("fmt", FORMATS)
def test_bilingual_puts_english_under_the_language_and_one_language_does_not(bundle, fmt):
    polish = _text(render_slip(bundle, SlipRequest(concern="child", language="pl", format=fmt)))
    both = _text(render_slip(bundle, SlipRequest(concern="child", language="pl", format=fmt, bilingual=True)))
    polish, both = _flat(polish), _flat(both)
    assert _flat("Worried about a child or an adult?") not in polish
    assert _flat("Worried about a child or an adult?") in both
    assert _flat("Listen calmly. Say it is not their fault.") in both
    title_pl = _flat(i18n.translation("pl").gettext("Worried about a child or an adult?"))
    assert title_pl in polish and title_pl in both
    english = render_slip(bundle, SlipRequest(concern="child", format=fmt, bilingual=True))
    assert english == render_slip(bundle, SlipRequest(concern="child", format=fmt)), "English twice is once"


@pytest.mark.parametrize(
    "language, printed",
    [("en_GB", "26 November 2026"), ("pl", "26 listopada 2026"), ("zh_Hans", "2026年11月26日")],
)
@pytest.mark.parametrize("fmt", FORMATS)
def test_partnership_and_date_in_the_slips_language(bundle, fmt, language, printed):
    text = _text(
        render_slip(bundle, SlipRequest(language=language, format=fmt, printed_on=date(2026, 11, 26)))
    )
    assert _flat(printed) in _flat(text)
    assert "Wigan" in text


def test_an_unknown_format_is_refused_with_the_known_ones():
    with pytest.raises(ValueError, match="a6, a4-sheet, receipt-80mm"):
        SlipRequest(format="letter")


@pytest.mark.parametrize("fmt", FORMATS)
def test_kiosk_slip_writes_any_layout(tmp_path, fmt):
    from kiosk.cli import main

    out = tmp_path / "s.pdf"
    args = [
        "slip",
        "--format",
        fmt,
        "--language",
        "zh_Hans",
        "--bilingual",
        "--concern",
        "adult",
        "-o",
        str(out),
    ]
    assert main(args) == 0
    text = _text(out.read_bytes())
    assert "01942 828777" in text and _flat("Worried about an adult") in _flat(text)
