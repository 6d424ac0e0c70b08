"""Every screen at kiosk and laptop sizes: no clipped or cut-off text, every touch target large enough."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF

from kiosk.ui.screenshots import journey_targets
from tests.driver import describe, is_control

SIZES = [(1920, 1080), (1080, 1920), (1366, 768)]
MIN_TARGET = 72


def layout_problems(r) -> list[str]:
    problems = []
    width = r.window.width()
    for item in r.items():
        left = item.mapToScene(QPointF(0, 0)).x()
        right = item.mapToScene(QPointF(item.width(), 0)).x()
        name = describe(item)
        if item.inherits("QQuickText") and item.property("text"):
            text = item.property("text")[:40]
            if item.property("truncated"):
                problems.append(f"text cut off: {text!r}")
            if item.property("contentWidth") > item.width() + 1:
                problems.append(f"text wider than its box: {text!r}")
            if left < -0.5 or right > width + 0.5:
                problems.append(f"text outside the window ({left:.0f}..{right:.0f}): {text!r}")
        if name in ("number", "email") and item.property("lineCount") != 1:
            problems.append(f"{name} {item.property('text')!r} breaks over lines")
        if is_control(item):
            if item.width() < MIN_TARGET or item.height() < MIN_TARGET:
                problems.append(f"touch target {name} is {item.width():.0f}x{item.height():.0f} px")
            if left < -0.5 or right > width + 0.5:
                problems.append(f"button {name} outside the window")
    return problems


def problems_on_every_screen(r, bundle) -> dict[str, list[str]]:
    """Show every screen of the journey in turn; what is wrong on each, by screen."""
    found = {}
    for target in journey_targets(bundle):
        r.show(target)
        if problems := layout_problems(r):
            found[target] = problems
    return found


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_screen_lays_out_without_clipping(make_kiosk, bundle, size):
    r = make_kiosk(*size)
    found = problems_on_every_screen(r, bundle)
    r.kiosk.session.go("take:all")
    r.kiosk.session.discreet = True
    r.kiosk.idle._start_warning()
    r.qtbot.wait(1)
    if problems := layout_problems(r):
        found["take:all discreet + idle warning"] = problems
    r.kiosk.session.leaveQuickly()
    r.qtbot.wait(1)
    if problems := layout_problems(r):
        found["neutral"] = problems
    assert not found, found


@pytest.mark.parametrize("language", ["en_GB", "ar"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_top_bar_title_never_sits_under_a_button(make_kiosk, size, language):
    """Shown where there is room, between the buttons, on either side in either direction."""
    r = make_kiosk(*size, default_language=language)
    r.tap("go:guidance")
    r.qtbot.wait(50)
    title = r.find("partnershipName")

    def span(item) -> tuple[float, float]:
        return item.mapToScene(QPointF(0, 0)).x(), item.mapToScene(QPointF(item.width(), 0)).x()

    if title.isVisible():
        left, right = span(title)
        for button in (r.find("home"), r.find("leaveQuickly")):
            b_left, b_right = span(button)
            assert right <= b_left or left >= b_right, f"{language}: the name is under {button.objectName()}"
    assert title.isVisible() or size[0] < 1300, f"{language}: no name at {size[0]} wide"
