"""Months unattended: thousands of taps, screens, languages, resets and slips, and nothing grows."""

from __future__ import annotations

import gc
import os
import random

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer

from kiosk.core.languages import SHIPPED
from kiosk.ui.screenshots import journey_targets

NAVIGATIONS = int(os.environ.get("KIOSK_SOAK_NAVIGATIONS", 10_000))
GROWTH_LIMIT_MB = 5


def rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        pages = int(fh.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def open_files() -> int:
    return len(os.listdir("/proc/self/fd"))


@pytest.mark.slow
@pytest.mark.xfail(
    strict=True,
    reason="known: after a full warm-up, 10,000 mixed navigations still grow RSS by about 20 MB "
    "(goal 5); each kind of action alone (screens, languages, resets, text size) stays flat",
)
@pytest.mark.skipif(not os.path.exists("/proc/self/statm"), reason="reads memory from /proc (Linux)")
def test_ten_thousand_navigations_keep_memory_flat(make_kiosk, bundle, qapp):
    r = make_kiosk(1366, 768)
    kiosk, session = r.kiosk, r.kiosk.session
    targets = journey_targets(bundle)
    rng = random.Random(2026)

    def settle() -> None:
        """What the running event loop does between taps, including deferred deletions."""
        qapp.processEvents()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        qapp.processEvents()
        kiosk.engine.collectGarbage()

    def one(i: int) -> None:
        roll = rng.random()
        if roll < 0.02:
            session.setLanguage(rng.choice(SHIPPED))
        elif roll < 0.03:
            session.leaveQuickly()
            session.uncover()
        elif roll < 0.04:
            session.wipe("idle")
            session.endAttract()
        elif roll < 0.05:
            kiosk.display.setTextStep(rng.randrange(3))
        elif roll < 0.06:
            session.back()
        else:
            session.go(rng.choice(targets))
        if i % 25 == 0:
            settle()

    # Warm up: every screen in every language at every text size, so fonts, glyph caches,
    # catalogs and QR codes are all loaded before measuring.
    for code in SHIPPED:
        session.setLanguage(code)
        for step in range(3):
            kiosk.display.setTextStep(step)
            for t in targets:
                session.go(t)
            settle()
    for i in range(1000):
        one(i)
    settle()
    gc.collect()
    before_mb, before_files = rss_mb(), open_files()
    before_timers = len(kiosk.findChildren(QTimer))
    before_objects = len(kiosk.findChildren(QObject))
    for i in range(NAVIGATIONS):
        one(i)
    session.wipe("idle")
    settle()
    gc.collect()
    settle()
    growth = rss_mb() - before_mb
    assert growth <= GROWTH_LIMIT_MB, f"memory grew {growth:.1f} MB over {NAVIGATIONS} navigations"
    assert open_files() <= before_files, "file handles leaked"
    assert len(kiosk.findChildren(QTimer)) == before_timers, "timers leaked"
    assert len(kiosk.findChildren(QObject)) <= before_objects + 5, "objects leaked"
