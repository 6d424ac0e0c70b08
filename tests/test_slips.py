"""The printed slip, read back as its reader would: text with pypdf, the QR code with a camera's decoder."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date

import pytest

from kiosk.core import qr
from kiosk.core.slips.render import SlipRequest, render_slip
from tests.driver import card_numbers, expected_numbers

CONCERNS = ["danger", "child", "adult", "worker", "all"]


def decode_pdf_qr(pdf: bytes, tmp_path) -> list[str]:
    import zxingcpp
    from PIL import Image

    source = tmp_path / "slip.pdf"
    source.write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-r", "200", "-png", "-singlefile", str(source), str(tmp_path / "slip")], check=True
    )
    return [
        b.text
        for b in zxingcpp.read_barcodes(
            Image.open(tmp_path / "slip.png"), formats=zxingcpp.BarcodeFormat.QRCode
        )
    ]


needs_pdftoppm = pytest.mark.skipif(
    not shutil.which("pdftoppm"), reason="poppler-utils (pdftoppm) not installed"
)


@needs_pdftoppm
@pytest.mark.parametrize("discreet", [False, True], ids=["titled", "discreet"])
@pytest.mark.parametrize("concern", CONCERNS)
def test_slip_text_and_qr_carry_exactly_the_published_numbers(bundle, slip_text, tmp_path, concern, discreet):
    pdf = render_slip(bundle, SlipRequest(concern=concern, discreet=discreet))
    text = slip_text(pdf)
    phones, emails = expected_numbers(bundle, concern, discreet)
    for number in phones + emails:
        assert number in text
    others = {c.phone for c in bundle.contacts.values()} - set(phones)
    for number in others:
        assert number not in text, f"{number} does not belong on the {concern} slip"
    (payload,) = decode_pdf_qr(pdf, tmp_path)
    assert card_numbers(payload) == (phones, emails)
    assert payload == qr.vcard(bundle, concern, discreet)


@pytest.mark.parametrize("concern", CONCERNS)
def test_discreet_slip_and_card_say_nothing_about_abuse(bundle, slip_text, concern):
    pdf = render_slip(bundle, SlipRequest(concern=concern, discreet=True))
    for reader_sees in (slip_text(pdf).lower(), qr.vcard(bundle, concern, discreet=True).lower()):
        for word in bundle.discreet.forbidden_words:
            assert word not in reader_sees
    assert "Useful numbers" in slip_text(pdf)


def test_slip_has_guidance_partnership_and_date(bundle, slip_text):
    pdf = render_slip(bundle, SlipRequest(concern="child", printed_on=date(2026, 11, 26)))
    text = slip_text(pdf)
    assert "Worried about a child or an adult?" in text
    assert "Listen calmly. Say it is not their fault." in text
    assert "If a child is in danger now, call 999." in text
    assert "Wigan Safeguarding Partnership" in text
    assert "26 November 2026" in text


def test_slip_is_a6(bundle):
    import io

    from pypdf import PdfReader

    page = PdfReader(io.BytesIO(render_slip(bundle, SlipRequest()))).pages[0]
    width_mm, height_mm = (float(v) / 72 * 25.4 for v in page.mediabox.upper_right)
    assert (round(width_mm), round(height_mm)) == (105, 148)


def test_vcard_escapes_and_labels(bundle):
    card = qr.vcard(bundle, "all")
    assert card.startswith("BEGIN:VCARD\r\nVERSION:3.0\r\n") and card.endswith("END:VCARD\r\n")
    assert "Wigan Children's Social Care: 01942 828300" in card.replace("\\n", "\n")
    assert qr._escape("a,b;c\nd") == "a\\,b\\;c\\nd"


def test_cli_writes_a_slip(tmp_path, slip_text):
    from kiosk.cli import main

    out = tmp_path / "s.pdf"
    assert main(["slip", "--concern", "adult", "--discreet", "--output", str(out)]) == 0
    text = slip_text(out.read_bytes())
    assert "01942 828777" in text and "Useful numbers" in text
