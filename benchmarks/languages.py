"""Switching language (tap to the new frame) and a slip in every language, in process.

Goals from the languages issue: a switch ≤ 100 ms p95 from tap to the new frame; a slip in any
language ≤ 15 ms median once warm (fonts registered once per process).
"""

from __future__ import annotations

import os
import time

from benchmarks.common import Result, median, percentile
from benchmarks.screen_change import FrameWaiter

SWITCH_GOAL_MS = 100.0
SLIP_GOAL_MS = 15.0


def run(switches: int = 80, slips_per_language: int = 30) -> list[Result]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    from kiosk.core.content.loader import load_bundle
    from kiosk.core.languages import SHIPPED
    from kiosk.core.resources import builtin_bundle
    from kiosk.core.slips.render import SlipRequest, render_slip
    from kiosk.ui.app import KioskApp, Options
    from kiosk.ui.fonts import ensure_all_fonts, register_fonts

    app = QGuiApplication.instance() or QGuiApplication(["kiosk-benchmark"])
    register_fonts(app)
    ensure_all_fonts()  # the kiosk registers these 1.5 s after start-up, before anyone can switch
    bundle = load_bundle(builtin_bundle())
    kiosk = KioskApp(app, bundle, Options(windowed=True, width=1920, height=1080))
    try:
        waiter = FrameWaiter(kiosk.window)
        kiosk.session.go("answer:child")
        waiter.time_ms(lambda: None)
        cycle = [c for c in SHIPPED if c != SHIPPED[0]] + [SHIPPED[0]]
        for code in cycle:  # warm up: every catalog loaded once
            waiter.time_ms(lambda code=code: kiosk.session.setLanguage(code))
        timed = []
        for i in range(switches):
            code = cycle[i % len(cycle)]
            ms = waiter.time_ms(lambda code=code: kiosk.session.setLanguage(code))
            if ms is not None:
                timed.append(ms)
    finally:
        kiosk.shutdown()
        app.processEvents()

    per_language = {}
    for code in SHIPPED:
        request = SlipRequest(concern="all", language=code)
        render_slip(bundle, request)
        samples = []
        for _ in range(slips_per_language):
            started = time.perf_counter()
            render_slip(bundle, request)
            samples.append((time.perf_counter() - started) * 1000)
        per_language[code] = median(samples)
    worst = max(per_language, key=per_language.get)
    p95 = percentile(timed, 95)
    return [
        Result(
            "language switch p95",
            p95,
            "ms",
            goal=f"≤ {SWITCH_GOAL_MS:g} ms tap to new frame",
            passed=p95 <= SWITCH_GOAL_MS and len(timed) == switches,
            detail={"switches": switches, "p50": percentile(timed, 50)},
        ),
        Result(
            f"slip, slowest language ({worst}), warm median",
            per_language[worst],
            "ms",
            baseline=per_language[SHIPPED[0]],
            baseline_is="English slip",
            goal=f"≤ {SLIP_GOAL_MS:g} ms",
            passed=per_language[worst] <= SLIP_GOAL_MS,
            detail=per_language,
        ),
    ]
