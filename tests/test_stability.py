"""A kiosk runs for months: what it does a thousand times must not wear anything down."""

from __future__ import annotations

import sys


def test_none_and_bool_references_stay_balanced_over_many_screens(make_kiosk, bundle):
    """PySide6 6.12.0 on Python 3.11 dropped a reference to None on every void call; the process
    then crashes hours later. Navigation, timers and translation must leave the counts steady."""
    from kiosk.ui.screenshots import journey_targets

    r = make_kiosk()
    targets = journey_targets(bundle)

    def cycle():
        for target in targets:
            r.kiosk.session.go(target)
            r.kiosk.idle.activity()
        r.qtbot.wait(1)
        r.kiosk.session.home()

    cycle()
    before = sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)
    for _ in range(5):
        cycle()
    after = sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)
    assert all(a >= b - 5 for a, b in zip(after, before, strict=True)), (before, after)
