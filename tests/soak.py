"""Months unattended, compressed: a kiosk driven through thousands of actions while its memory is watched.

Shared by tests/test_soak.py (the CI check) and benchmarks/soak.py (the long run in `make bench`).

What is measured, and why:

- **Heap in use** (glibc's `mallinfo2`: bytes allocated and not freed, including large blocks) is
  what a leak grows. Unlike the resident size it does not move when the allocator keeps or hands
  back free pages, so between two quiet moments of a healthy kiosk it is steady to about 10 KB.
  Qt's font cache is the one thing that moves it on its own: engines for sizes and scripts not
  used for a while are dropped on a timer, a step of about 1 MB (with the font file's pages).
- **The leak rate**, in MB per 10,000 actions, is the median of the slopes between successive
  samples: a step from a cache filling or emptying changes one of those slopes and so not the
  median, while a leak, which grows memory on every action, changes all of them. (Two medians of
  resident memory before and after, as this test once compared, moved by up to 7 MB on a clean
  build; a least-squares line, or the Theil-Sen slope over all pairs, is pulled down by the font
  cache's drops, which come every few hundred slips, and missed the relay leak.)
- **Each kind of action alone** (a printed slip, a language switch, leave quickly, an idle reset,
  a text size change, a screen change), many times over with the kiosk otherwise quiet: a leak of
  a few kilobytes per slip, the one this test was written for, is some 30 MB per 10,000 slips
  there, against well under 1 MB on a clean build. In a realistic mix slips are one action in a
  hundred, and the same leak is lost among the caches.
- **The mix** (taps, languages, resets, slips together) for what only shows when they interact:
  file handles, timers and Qt objects left behind, and a bound on growth.
"""

from __future__ import annotations

import ctypes
import gc
import os
import random
import statistics
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

PER_10K = 10_000
SAMPLES = 20  # intervals a leak rate is taken over


class _MallInfo2(ctypes.Structure):
    _fields_ = [
        (name, ctypes.c_size_t)
        for name in [
            "arena",
            "ordblks",
            "smblks",
            "hblks",
            "hblkhd",
            "usmblks",
            "fsmblks",
            "uordblks",
            "fordblks",
            "keepcost",
        ]
    ]


@cache
def _mallinfo2():  # noqa: ANN202 - the C function, or None
    try:
        function = ctypes.CDLL("libc.so.6").mallinfo2
    except (OSError, AttributeError):  # not glibc 2.33 or newer
        return None
    function.restype = _MallInfo2
    return function


def measurable() -> str | None:
    """Why memory cannot be measured here, or None if it can."""
    if not os.path.exists("/proc/self/status"):
        return "reads memory from /proc (Linux)"
    if _mallinfo2() is None:
        return "needs glibc 2.33 or newer (mallinfo2)"
    return None


def memory_mb() -> dict[str, float]:
    """The process's memory as kiosk.core.process reads it (`anon`: resident memory no file backs),
    and the heap in use, in MB."""
    from kiosk.core.process import memory_mb as process_memory_mb

    info = _mallinfo2()()
    return {**process_memory_mb(), "heap": (info.uordblks + info.hblkhd) / 2**20}


Series = list[tuple[int, dict[str, float]]]  # (actions so far, memory_mb() then)


def leak_rate(series: Series, key: str = "heap") -> float:
    """MB per 10,000 actions that memory (`key`) grows on every stretch of the run, as a leak does:
    the median of the slopes between successive samples. A cache that fills or empties in one
    step (Qt's font cache drops a megabyte or two on its timer, now and then) changes one of those
    slopes, and so not the median; a leak changes all of them."""
    slopes = [(m2[key] - m1[key]) / (a2 - a1) for (a1, m1), (a2, m2) in zip(series, series[1:], strict=False)]
    return statistics.median(slopes) * PER_10K


def growth(series: Series, key: str = "heap") -> float:
    """MB from the first sample to the median of the last three (one cache step does not count)."""
    return statistics.median(m[key] for _, m in series[-3:]) - series[0][1][key]


def open_files() -> int:
    return len(os.listdir("/proc/self/fd"))


@dataclass
class Soak:
    """Drives one kiosk (a KioskApp on the built-in bundle) and samples its memory between residents."""

    kiosk: object
    qapp: object
    bundle: object
    printer: str
    rng: random.Random = field(default_factory=lambda: random.Random(2026))
    printed: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        from kiosk.ui.screenshots import journey_targets

        self.session = self.kiosk.session
        self.targets = journey_targets(self.bundle)
        self.concerns = list(self.bundle.concerns)
        self.kiosk.slips.set_site("the front desk", self.printer, "a6")
        self.kiosk.slips.slipPrinted.connect(self.printed.append)
        # The print worker's thread holds an event descriptor and a connection to the print system
        # while it lives: on a kiosk it ends 30 s after the last slip, here soon, so that file
        # handles are counted with no worker thread alive.
        self.kiosk.slips._background.pool.setExpiryTimeout(100)
        self.actions: dict[str, Callable[[], None]] = {
            "slip printed": self.print_slip,
            "language switch": self.switch_language,
            "leave quickly": self.leave_quickly,
            "idle reset": self.idle_reset,
            "text size": self.text_size,
            "screen change": self.change_screen,
        }

    # What a resident (or the idle timer) does -------------------------------------------------

    def print_slip(self) -> None:
        """A slip, printed to the end (the kiosk ignores a second tap while one is being made)."""
        from kiosk.core.languages import SHIPPED

        self.kiosk.slips.wait()
        self.settle()
        language = self.rng.choice(SHIPPED)
        self.kiosk.slips.make(self.rng.choice(self.concerns), self.rng.random() < 0.3, language)

    def switch_language(self) -> None:
        from kiosk.core.languages import SHIPPED

        self.session.setLanguage(self.rng.choice(SHIPPED))

    def leave_quickly(self) -> None:
        self.session.leaveQuickly()
        self.session.uncover()

    def idle_reset(self) -> None:
        self.session.wipe("idle")
        self.session.endAttract()

    def text_size(self) -> None:
        self.kiosk.display.setTextStep(self.rng.randrange(3))

    def change_screen(self) -> None:
        self.session.go(self.rng.choice(self.targets))

    def mixed(self) -> None:
        """One action of a day at a kiosk: mostly screens, now and then everything else."""
        roll = self.rng.random()
        if roll < 0.02:
            self.switch_language()
        elif roll < 0.03:
            self.leave_quickly()
        elif roll < 0.04:
            self.idle_reset()
        elif roll < 0.05:
            self.text_size()
        elif roll < 0.06:
            self.session.back()
        elif roll < 0.07:  # "Print a slip" (ignored while the last one is still being made)
            language = self.session.language
            self.kiosk.slips.make(self.rng.choice(self.concerns), self.rng.random() < 0.3, language)
        else:
            self.change_screen()

    # The event loop, and measuring --------------------------------------------------------------

    def settle(self) -> None:
        """What the running event loop does between taps, including deferred deletions."""
        from PySide6.QtCore import QCoreApplication, QEvent

        self.qapp.processEvents()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        self.qapp.processEvents()
        self.kiosk.engine.collectGarbage()

    def between_residents(self) -> dict[str, float]:
        """Memory when the kiosk is quiet: the last slip done, an idle reset, the attract screen gone."""
        self.kiosk.slips.wait()
        self.idle_reset()
        self.settle()
        gc.collect()
        self.settle()
        return memory_mb()

    def sweep(self) -> None:
        """Every screen in every language at every text size, and every slip: so fonts, glyph caches,
        catalogs, QR codes and the slips' shaping caches are loaded before anything is measured."""
        from kiosk.core.languages import SHIPPED

        for code in SHIPPED:
            self.session.setLanguage(code)
            for step in range(3):
                self.kiosk.display.setTextStep(step)
                for target in self.targets:
                    self.session.go(target)
                self.settle()
            for concern in self.concerns:
                for discreet in (False, True):
                    self.kiosk.slips.make(concern, discreet, code)
                    self.kiosk.slips.wait()
                    self.settle()

    def run(self, action: Callable[[], None], count: int, samples: int = SAMPLES) -> Series:
        """`count` actions after a warm-up of one interval; memory sampled `samples` + 1 times."""
        every = max(1, count // samples)
        for i in range(every):
            action()
            if i % 25 == 0:
                self.settle()
        series = [(0, self.between_residents())]
        for i in range(1, every * samples + 1):
            action()
            if i % 25 == 0:
                self.settle()
            if i % every == 0:
                series.append((i, self.between_residents()))
        return series


def describe(series: Series, key: str = "heap") -> str:
    return ", ".join(f"{n}: {m[key]:.2f}" for n, m in series)
