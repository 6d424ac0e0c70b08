"""Accessible to everyone at the screen: contrast, text size, keys and switches, screen readers."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible

from kiosk.core import theme
from kiosk.ui.screenshots import journey_targets
from tests.driver import describe, is_control
from tests.test_layout import SIZES, problems_on_every_screen


@pytest.mark.parametrize(("palette", "minimum"), [("standard", 4.5), ("high-contrast", 7.0)])
def test_every_colour_pair_meets_wcag(palette, minimum):
    assert theme.palette_problems(theme.PALETTES[palette], minimum) == []


def test_contrast_formula_matches_wcag_examples():
    assert round(theme.contrast("#000000", "#ffffff"), 1) == 21.0
    assert round(theme.contrast("#767676", "#ffffff"), 2) == 4.54


@pytest.mark.parametrize("step", [1, 2], ids=["large", "largest"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_larger_text_fits_every_screen(make_kiosk, bundle, size, step):
    r = make_kiosk(*size)
    taps = 0
    while r.kiosk.display.textStep != step:
        r.tap("textSize")
        taps += 1
    assert taps == step, "one tap per size step"
    found = problems_on_every_screen(r, bundle)
    assert not found, found


@pytest.mark.parametrize("code", ["pl", "ar", "zh_Hans"])
def test_largest_text_fits_in_long_and_rtl_languages(make_kiosk, bundle, code):
    r = make_kiosk(1366, 768, default_language=code)
    r.kiosk.display.setTextStep(2)
    found = problems_on_every_screen(r, bundle)
    assert not found, found


def test_high_contrast_switches_every_colour_and_resets(make_kiosk):
    r = make_kiosk()
    r.tap("contrast")
    r.settle()
    assert r.kiosk.display.highContrast
    assert r.window.color().name() == theme.HIGH_CONTRAST["background"]
    r.tap("leaveQuickly")
    assert not r.kiosk.display.highContrast and r.kiosk.display.textStep == 0


def test_easy_read_is_one_tap_from_home(make_kiosk):
    r = make_kiosk()
    r.tap("easyRead")
    assert r.kiosk.session.language == "en_GB@easyread"
    assert r.screen == "home"
    assert not r.has("easyRead")


def _named(item) -> str:
    iface = QAccessible.queryAccessibleInterface(item)
    return iface.text(QAccessible.Text.Name) if iface else ""


@pytest.mark.parametrize("code", ["en_GB", "ur"])
def test_every_item_has_an_accessible_role_and_name(make_kiosk, bundle, code):
    r = make_kiosk(default_language=code)
    missing = {}
    for target in journey_targets(bundle):
        r.show(target)
        for item in r.items():
            problem = None
            if is_control(item):
                iface = QAccessible.queryAccessibleInterface(item)
                if iface is None or iface.role() not in (QAccessible.Role.Button, QAccessible.Role.CheckBox):
                    problem = "control without a button role"
                elif not iface.text(QAccessible.Text.Name).strip():
                    problem = "control without a name"
            elif item.inherits("QQuickText") and item.property("text"):
                ancestor, named = item, ""
                while ancestor is not None and not named:
                    named = _named(ancestor)
                    ancestor = ancestor.parentItem()
                if not named:
                    problem = f"text {item.property('text')[:30]!r} that a screen reader cannot reach"
            if problem:
                missing.setdefault(target, []).append(f"{describe(item)}: {problem}")
    assert not missing, missing


def test_keyboard_alone_walks_the_journey(make_kiosk):
    """Tab to a choice, Enter to act, as a keyboard or switch user does."""
    r = make_kiosk()
    order = []
    for _ in range(12):
        r.press_key(Qt.Key.Key_Tab)
        focused = r.window.activeFocusItem()
        order.append(focused.objectName())
        if focused.objectName() == "go:question:child":
            break
    assert order[0] == "leaveQuickly", "the way out comes first"
    assert order[-1] == "go:question:child"
    r.press_key(Qt.Key.Key_Return)
    assert r.screen == "question"
    r.press_key(Qt.Key.Key_Tab)
    while r.window.activeFocusItem().objectName() != "go:answer:child":
        r.press_key(Qt.Key.Key_Down)
    r.press_key(Qt.Key.Key_Space)
    assert (r.screen, r.kiosk.session.arg) == ("answer", "child")


def test_focused_item_scrolls_into_view(make_kiosk):
    r = make_kiosk(1366, 768)
    r.show("abuse-types")
    for _ in range(25):
        r.press_key(Qt.Key.Key_Tab)
    focused = r.window.activeFocusItem()
    y = focused.mapToScene(focused.boundingRect().center()).y()
    assert 0 < y < r.window.height()


def _ring(item) -> bool:
    """Whether `item` draws its focus ring now (FocusRing is a Loader, active while shown)."""
    return any(child.inherits("QQuickLoader") and child.property("active") for child in item.childItems())


def test_a_new_screen_gives_its_heading_the_focus_and_tab_goes_on_from_there(make_kiosk, bundle):
    """As focus moves into a new view in platform apps: a screen reader announces the heading."""
    r = make_kiosk()
    while r.window.activeFocusItem().objectName() != "go:question:child":
        r.press_key(Qt.Key.Key_Tab)
    r.press_key(Qt.Key.Key_Return)
    focused = r.window.activeFocusItem()
    assert focused.property("isHeading") and focused.property("text") == bundle.questions["child"].title
    assert _ring(focused), "keys are in use: the ring shows where the focus is"
    r.press_key(Qt.Key.Key_Tab)
    assert r.window.activeFocusItem().objectName() == "go:answer:danger", "into the screen, not the top bar"


def test_the_focus_ring_shows_for_keys_not_for_touch(make_kiosk):
    r = make_kiosk()
    r.tap("language")
    focused = r.window.activeFocusItem()
    assert focused.objectName() == "language:en_GB", "the picker gives the focus to the language in use"
    assert not _ring(focused), "no ring for someone using touch"
    r.press_key(Qt.Key.Key_Tab)
    assert _ring(r.window.activeFocusItem())
    r.press_key(Qt.Key.Key_Escape)
    assert not r.has("languagePicker")
    # The focus goes back to Language.
    r.qtbot.waitUntil(lambda: r.window.activeFocusItem().objectName() == "language", timeout=1000)


def test_the_idle_warning_takes_the_focus_hides_the_screen_and_gives_the_focus_back(make_kiosk):
    r = make_kiosk()
    r.tap("go:question:child")
    r.press_key(Qt.Key.Key_Tab)
    before = r.window.activeFocusItem()
    r.kiosk.idle._start_warning()
    r.settle()
    assert r.window.activeFocusItem().objectName() == "stillHere", "a screen reader lands on the way on"
    assert not r.has("go:answer:child"), "what the warning covers is out of sight, Tab and the tree"
    r.press_key(Qt.Key.Key_Return)
    assert not r.has("idleWarning")
    r.qtbot.waitUntil(lambda: r.window.activeFocusItem() == before, timeout=1000)
