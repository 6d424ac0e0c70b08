"""Every language the kiosk ships: picked by tapping, laid out in its direction, with every glyph."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QFont, QFontMetrics

from kiosk.core import languages
from kiosk.core.content.text import plain
from kiosk.core.slips.render import SlipRequest, render_slip
from kiosk.ui.screenshots import journey_targets
from tests.driver import card_numbers, expected_numbers
from tests.test_layout import SIZES, layout_problems
from tests.test_slips import decode_pdf_qr, needs_pdftoppm

OWN_NAMES = {
    "pl": "Polski",
    "ro": "Română",
    "ur": "اردو",
    "ar": "العربية",
    "zh_Hans": "中文 (简体)",
    "pt": "Português",
    "en_GB": "English",
    "en_GB@easyread": "Easy Read English",
}
MARKS = {"\u2066", "\u2069", "\u00a0", "\u200f", "\u200e", "\n"}


def test_picker_shows_every_language_in_its_own_name_and_script(make_kiosk):
    r = make_kiosk()
    r.tap("language")
    for code in languages.SHIPPED:
        assert r.find(f"language:{code}")
    texts = r.texts()
    for name in OWN_NAMES.values():
        assert name in texts


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_picker_can_always_be_closed_without_scrolling(make_kiosk, size):
    """However short the screen and large the text, "Close" is in sight: whole, inside the panel
    and the window, where the languages scroll above it."""
    r = make_kiosk(*size)
    r.kiosk.display.setTextStep(r.kiosk.display.textSteps - 1)
    r.tap("language")
    r.settle()
    close = r.find("closeLanguages")
    panel = close.parentItem()
    top_left = close.mapToItem(panel, QPointF(0, 0))
    in_window = close.mapToScene(QPointF(0, 0))
    assert 0 <= top_left.y() <= panel.height() - close.height(), "inside the panel"
    assert 0 <= in_window.y() <= r.window.height() - close.height(), "inside the window"
    assert not any(p.inherits("QQuickFlickable") for p in ancestors(close)), "never scrolled away"
    r.tap("closeLanguages")
    assert not r.has("languagePicker")


def ancestors(item):
    parent = item.parentItem()
    while parent is not None:
        yield parent
        parent = parent.parentItem()


@pytest.mark.parametrize("code", [c for c in languages.SHIPPED if c != "en_GB"])
def test_switching_language_keeps_the_screen_and_the_numbers(make_kiosk, code):
    r = make_kiosk()
    r.tap("go:question:child")
    r.tap("go:answer:child")
    r.tap("language")
    r.tap(f"language:{code}")
    assert not r.has("languagePicker")
    assert (r.screen, r.kiosk.session.arg, r.kiosk.session.language) == ("answer", "child", code)
    (number,) = [i for i in r.items() if i.objectName() == "number"]
    assert plain(number.property("text")) == "01942 828300"
    assert number.property("text").startswith("\u2066"), "isolated, so it never reorders in RTL text"
    r.settle()
    card = number.parentItem()
    left_gap = number.mapToItem(card, QPointF(0, 0)).x()
    right_gap = card.width() - number.mapToItem(card, QPointF(number.width(), 0)).x()
    if languages.is_rtl(code):
        assert right_gap < left_gap, "the number sits at the reading edge (right)"
    else:
        assert left_gap < right_gap
    back = r.find("back")
    middle = back.mapToScene(QPointF(back.width() / 2, 0)).x()
    if languages.is_rtl(code):
        assert middle > r.window.width() / 2, "Back sits on the right in a right-to-left language"
    else:
        assert middle < r.window.width() / 2


def test_leaving_quickly_forgets_the_language(make_kiosk):
    r = make_kiosk()
    r.tap("language")
    r.tap("language:ar")
    assert r.kiosk.session.rtl
    r.tap("leaveQuickly")
    assert r.kiosk.session.language == "en_GB" and not r.kiosk.session.rtl


def _missing_glyphs(r) -> list[str]:
    missing = []
    for item in r.items():
        if not (item.inherits("QQuickText") and item.property("text")):
            continue
        font: QFont = item.property("font")
        metrics = QFontMetrics(font)
        for ch in set(item.property("text")) - MARKS:
            if not ch.isspace() and not metrics.inFontUcs4(ord(ch)):
                missing.append(f"{ch!r} (U+{ord(ch):04X}) in {font.family()}: {item.property('text')[:30]!r}")
    return missing


@pytest.mark.parametrize("code", languages.SHIPPED)
def test_every_screen_has_every_glyph_and_fits(make_kiosk, bundle, code):
    problems = {}
    for size in SIZES:
        r = make_kiosk(*size, default_language=code)
        for target in journey_targets(bundle):
            r.show(target)
            found = _missing_glyphs(r) + layout_problems(r)
            if found:
                problems[f"{size} {target}"] = found
        r.kiosk.shutdown()
    assert not problems, problems


@needs_pdftoppm
@pytest.mark.parametrize("code", languages.SHIPPED)
@pytest.mark.parametrize("concern", ["child", "all"])
def test_slip_in_every_language_carries_the_exact_numbers(bundle, slip_text, tmp_path, code, concern):
    pdf = render_slip(bundle, SlipRequest(concern=concern, language=code))
    text = slip_text(pdf)
    phones, emails = expected_numbers(bundle, concern)
    for number in phones + emails:
        assert number in text
    (payload,) = decode_pdf_qr(pdf, tmp_path)
    assert card_numbers(payload) == (phones, emails)
