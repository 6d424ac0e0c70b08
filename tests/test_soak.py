"""Months unattended: thousands of taps, screens, languages, resets and slips, and nothing grows.

Memory is the process's private memory (RssAnon): what a leak would grow. Pages of mapped files
(Qt's libraries, fonts) are shared and clean, and creep up only as rarely used code or glyphs are
first touched; they are reported, bounded by the files' sizes, and the kernel can drop them.

Measured on this project's machine (a sample after each 1,000 actions, 40,000 in all): private
memory rises about 8 MB over the first 5,000 mixed actions after the sweep below, as caches fill,
then creeps up more and more slowly (about 4 MB from 8,000 to 18,000 actions, 2 MB from 10,000
to 40,000: Python's own allocations stay flat at 1.6 MB, so it is Qt and the C allocator settling),
with single samples up to 12 MB higher now and then. Memory also swings by up to about 10 MB
over tens of seconds as Qt's time-based caches fill and empty (worst with the QR-code screens).
So the warm-up is 15,000 actions, and each side of the comparison is the median of seven samples
spread over 4,000-5,000 actions (20-25 s), each taken after an idle reset, as a kiosk is between
residents.
"""

from __future__ import annotations

import gc
import os
import random
import statistics

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer

from kiosk.core.languages import SHIPPED
from kiosk.ui.screenshots import journey_targets

NAVIGATIONS = int(os.environ.get("KIOSK_SOAK_NAVIGATIONS", 10_000))
WARM_UP = 15000
GROWTH_LIMIT_MB = 5
SAMPLES = 7


def memory_mb() -> dict[str, float]:
    """Private (anonymous) and file-backed resident memory, from /proc/self/status."""
    found = {}
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith(("RssAnon:", "RssFile:")):
                key, value = line.split(":")
                found[key] = int(value.split()[0]) / 1024
    return found


def open_files() -> int:
    return len(os.listdir("/proc/self/fd"))


@pytest.fixture
def queue():
    from tests import print_queue

    queue = print_queue.for_tests()
    queue.clear()
    yield queue
    queue.clear()


@pytest.mark.slow
@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="reads memory from /proc (Linux)")
def test_ten_thousand_navigations_keep_memory_flat(make_kiosk, bundle, qapp, queue):
    r = make_kiosk(1366, 768)
    kiosk, session = r.kiosk, r.kiosk.session
    kiosk.slips.set_site("the front desk", queue.name, "a6")
    targets = journey_targets(bundle)
    rng = random.Random(2026)
    printed = []
    kiosk.slips.slipPrinted.connect(printed.append)

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
        elif roll < 0.07:  # "Print a slip" (ignored while the last one is still being made)
            kiosk.slips.make(rng.choice(list(bundle.concerns)), rng.random() < 0.3, session.language)
        else:
            session.go(rng.choice(targets))
        if i % 25 == 0:
            settle()

    # Warm up: every screen in every language at every text size, and every slip, so fonts, glyph
    # caches, catalogs, QR codes and the slips' shaping caches are all loaded before measuring.
    for code in SHIPPED:
        session.setLanguage(code)
        for step in range(3):
            kiosk.display.setTextStep(step)
            for t in targets:
                session.go(t)
            settle()
        for concern in bundle.concerns:  # and every slip, plain-titled or not, in every language
            for discreet in (False, True):
                kiosk.slips.make(concern, discreet, code)
                kiosk.slips.wait()
                settle()
    def sample() -> dict[str, float]:
        """Memory between residents: the last slip done, an idle reset, the attract screen gone."""
        kiosk.slips.wait()
        session.wipe("idle")
        session.endAttract()
        settle()
        gc.collect()
        settle()
        return memory_mb()

    def run(count: int, window: int) -> list[dict[str, float]]:
        """`count` actions; memory sampled SAMPLES times, evenly, over the last `window` of them."""
        every = window // SAMPLES
        samples = []
        for i in range(count):
            one(i)
            if i >= count - every * SAMPLES and (count - 1 - i) % every == 0:
                samples.append(sample())
        return samples

    # Then every kind of action, many times over, so every cache has met every combination.
    # The print worker's thread holds an event descriptor and a connection to the print system
    # while it lives: on a kiosk it ends 30 s after the last slip; here, soon, so that both counts
    # are taken with no worker thread alive.
    kiosk.slips._background.pool.setExpiryTimeout(100)

    def quiet_files() -> int:
        kiosk.slips.wait()
        r.qtbot.wait(500)
        return open_files()

    before = run(WARM_UP, 4000)
    before_files = quiet_files()
    before_timers = len(kiosk.findChildren(QTimer))
    before_objects = len(kiosk.findChildren(QObject))
    after = run(NAVIGATIONS, min(5000, NAVIGATIONS // 2))

    def median(samples, key: str) -> float:
        return statistics.median(m[key] for m in samples)

    growth = median(after, "RssAnon") - median(before, "RssAnon")
    mapped = median(after, "RssFile") - median(before, "RssFile")
    print(f"private memory {growth:+.1f} MB, mapped files {mapped:+.1f} MB over {NAVIGATIONS} actions")
    print("samples", [round(m["RssAnon"], 1) for m in before], [round(m["RssAnon"], 1) for m in after])
    assert growth <= GROWTH_LIMIT_MB, (
        f"private memory grew {growth:.1f} MB over {NAVIGATIONS} navigations "
        f"(samples before {[round(m['RssAnon'], 1) for m in before]}, "
        f"after {[round(m['RssAnon'], 1) for m in after]})"
    )
    assert mapped <= 2 * GROWTH_LIMIT_MB, f"mapped files grew {mapped:.1f} MB"
    assert len(printed) >= NAVIGATIONS // 200, "slips were printed along the way"
    assert quiet_files() <= before_files, "file handles leaked"
    assert len(kiosk.findChildren(QTimer)) == before_timers, "timers leaked"
    assert len(kiosk.findChildren(QObject)) <= before_objects + 5, "objects leaked"
