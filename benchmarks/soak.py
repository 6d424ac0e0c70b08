"""The long soak: 30,000 mixed actions on one kiosk, and how fast memory grows once it is warm.

tests/test_soak.py (CI) checks each kind of action on its own and 10,000 mixed actions; this run is
three times as long, so that the rate can be taken after Qt's caches have filled: over the last
20,000 actions, sampled every 500 (tests/soak.py says how the rate is taken and why). Slips go to
the tests' CUPS queue where it can be set up (root, CUPS installed), else to a printer that does
not exist, which exercises the failure path instead.
"""

from __future__ import annotations

import os

from benchmarks.common import Result

ACTIONS = 30_000
WARM = 10_000
EVERY = 500
GOAL_MB_PER_10K = 2.0


def run(actions: int = ACTIONS) -> list[Result]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    from benchmarks.print import print_system_or_reason
    from kiosk.core.content.loader import load_bundle
    from kiosk.core.resources import builtin_bundle
    from kiosk.ui.app import KioskApp, Options
    from kiosk.ui.fonts import register_fonts
    from tests.soak import Soak, growth, leak_rate, measurable

    reason = measurable()
    if reason:
        return [Result(f"soak: not measured ({reason})", float("nan"), "MB", goal="runs")]
    system, why_not = print_system_or_reason()
    app = QGuiApplication.instance() or QGuiApplication(["kiosk-benchmark"])
    register_fonts(app)
    bundle = load_bundle(builtin_bundle())
    kiosk = KioskApp(app, bundle, Options(windowed=True, width=1366, height=768))
    try:
        soak = Soak(kiosk, app, bundle, system.queue.name if system else "no-such-printer")
        soak.sweep()
        series = soak.run(soak.mixed, actions, samples=actions // EVERY)
    finally:
        kiosk.shutdown()
        app.processEvents()
        if system:
            system.reset()
    warm = [(n, m) for n, m in series if n >= WARM]
    heap_rate, private_rate = leak_rate(warm), leak_rate(warm, "anon")
    detail = {
        "actions": actions,
        "slips": len(soak.printed),
        "printer": "the CUPS test queue" if system else f"none ({why_not})",
        "heap_mb": [round(m["heap"], 2) for _, m in series],
        "private_mb": [round(m["anon"], 1) for _, m in series],
    }
    return [
        Result(
            f"soak: heap growth once warm ({actions - WARM:,} of {actions:,} mixed actions)",
            heap_rate,
            "MB/10k",
            goal=f"≤ {GOAL_MB_PER_10K:g} MB per 10,000 actions",
            passed=heap_rate <= GOAL_MB_PER_10K,
            detail=detail,
        ),
        Result("soak: private memory growth once warm", private_rate, "MB/10k"),
        Result(f"soak: heap growth over all {actions:,}, caches filling included", growth(series), "MB"),
    ]


if __name__ == "__main__":
    from benchmarks.__main__ import table

    print(table(run()))
