"""Leave quickly and the idle reset leave nothing behind: no history, choices, slips or screen state."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest

TRACE = ("01942 828300", "Wigan Children's Social Care", "Useful numbers", "Who to call")


def _deep_session(r):
    """A resident who has gone a long way: a concern, a plain title, a slip, a scrolled page."""
    r.tap("go:question:child")
    r.tap("go:answer:child")
    r.tap("go:take:child")
    r.tap("discreetToggle")
    r.tap("makeSlip")
    r.qtbot.waitUntil(lambda: r.kiosk.slips.state in ("printed", "failed"), timeout=10000)
    assert r.find("slipStatus").property("text")
    r.page().setProperty("contentY", 200)
    assert r.page().property("contentY") == 200


def _assert_wiped(r):
    session = r.kiosk.session
    assert (session.screen, session.depth, session.discreet) == ("home", 1, False)
    assert r.kiosk.slips.state == "idle" and r.kiosk.slips.last_job is None
    assert not r.kiosk.slips.statusText, "no message about a slip is left"
    assert not r.has("back")


def test_leave_quickly_button_covers_the_screen_and_wipes(make_kiosk):
    r = make_kiosk()
    _deep_session(r)
    r.tap("leaveQuickly")
    assert r.kiosk.session.neutral
    text = r.text()
    assert "Information point" in text
    neutral = r.find("screen:neutral")
    corner = neutral.mapToScene(QPointF(0, 0))
    assert (corner.x(), corner.y()) == (0, 0)
    assert (neutral.width(), neutral.height()) == (r.window.width(), r.window.height()), "covers it all"
    _assert_wiped(r)
    r.tap("uncover")
    assert not r.kiosk.session.neutral
    assert r.screen == "home"
    for trace in TRACE:
        assert trace not in r.texts()
    assert r.page().property("contentY") == 0


def test_leave_quickly_button_is_on_every_screen(make_kiosk, bundle):
    from kiosk.ui.screenshots import journey_targets

    r = make_kiosk()
    for target in journey_targets(bundle):
        r.kiosk.session.go(target)
        r.qtbot.wait(1)
        assert r.find("leaveQuickly")


def test_three_shift_presses_leave_quickly(make_kiosk):
    r = make_kiosk()
    _deep_session(r)
    for _ in range(3):
        r.press_key(Qt.Key.Key_Shift)
    assert r.kiosk.session.neutral
    _assert_wiped(r)


def test_shift_as_part_of_typing_does_not_leave(make_kiosk):
    r = make_kiosk()
    r.tap("go:guidance")
    for key in (Qt.Key.Key_Shift, Qt.Key.Key_Shift, Qt.Key.Key_A, Qt.Key.Key_Shift):
        r.press_key(key)
    assert not r.kiosk.session.neutral
    assert r.screen == "guidance"


@pytest.fixture
def quick_idle(make_kiosk):
    """A kiosk whose 'second' lasts 5 ms: 120 s idle, 30 s warning, at test speed."""
    return make_kiosk(idle_timeout_s=120, idle_warning_s=30, second_ms=5)


def test_idle_warns_with_a_countdown_then_wipes(quick_idle):
    r = quick_idle
    _deep_session(r)
    r.qtbot.waitUntil(lambda: r.kiosk.idle.warning, timeout=3000)
    assert "Are you still there?" in r.texts()
    assert any(t.startswith("This screen will clear in") for t in r.texts())
    r.qtbot.waitUntil(lambda: not r.kiosk.idle.warning, timeout=3000)
    _assert_wiped(r)
    assert not r.kiosk.session.neutral, "an idle reset returns to the start, not the cover"
    for trace in TRACE:
        assert trace not in r.texts()


def test_idle_warning_lets_the_person_carry_on(quick_idle):
    r = quick_idle
    r.tap("go:question:adult")
    r.tap("go:answer:adult")
    r.qtbot.waitUntil(lambda: r.kiosk.idle.warning, timeout=3000)
    r.tap("stillHere")
    assert not r.kiosk.idle.warning
    assert (r.screen, r.kiosk.session.depth) == ("answer", 3)


def test_countdown_gives_at_least_twenty_seconds():
    from kiosk.ui.idle import IdleMonitor

    with pytest.raises(ValueError, match="20 seconds"):
        IdleMonitor(timeout_s=120, warning_s=10)


def test_idle_on_an_untouched_home_screen_resets_silently(quick_idle):
    r = quick_idle
    wiped = []
    r.kiosk.session.wiped.connect(wiped.append)
    r.qtbot.waitUntil(lambda: wiped == ["idle"], timeout=3000)
    assert not r.kiosk.idle.warning


def test_a_tap_on_the_warning_never_acts_on_the_screen_beneath(quick_idle):
    r = quick_idle
    r.tap("go:question:child")
    beneath = r.find("go:answer:danger")
    centre = beneath.mapToScene(QPointF(beneath.width() / 2, beneath.height() / 2))
    r.qtbot.waitUntil(lambda: r.kiosk.idle.warning, timeout=3000)
    QTest.mouseClick(
        r.window,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        QPoint(int(centre.x()), int(centre.y())),
    )
    assert not r.kiosk.idle.warning
    assert r.screen == "question", "the tap only dismissed the warning"


def test_after_an_idle_reset_an_attract_screen_invites_in_each_language(make_kiosk):
    r = make_kiosk(idle_timeout_s=120, idle_warning_s=30, second_ms=5)
    r.tap("go:question:child")
    r.qtbot.waitUntil(lambda: r.kiosk.session.attract, timeout=3000)
    assert "Worried about a child or an adult?" in r.texts()
    assert "Touch the screen to start" in r.texts()
    lines = r.kiosk.content.attractLines(list(r.kiosk.session.languageCodes))
    assert len(lines) == 8 and lines[5]["rtl"] and lines[5]["title"] != lines[0]["title"]
    r.tap("startFromAttract")
    assert not r.kiosk.session.attract and r.screen == "home"


def test_attract_screen_can_be_turned_off(make_kiosk):
    r = make_kiosk(idle_timeout_s=120, idle_warning_s=30, second_ms=5, attract=False)
    r.tap("go:question:child")
    r.qtbot.waitUntil(lambda: r.screen == "home", timeout=3000)
    r.qtbot.wait(50)
    assert not r.kiosk.session.attract
