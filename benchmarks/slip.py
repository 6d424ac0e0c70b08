"""Time to render the A6 contact slip, warm and cold, and what its QR code costs with and without the cache.

`python -m benchmarks.slip --cold` is the fresh process that times a first render; `run()` starts it
a few times and reports the median.
"""

from __future__ import annotations

import io
import json
import sys
import time
from datetime import date

from benchmarks.common import Result, child_json, median

GOAL_MEDIAN_MS = 10.0
PRINTED_ON = date(2025, 1, 15)  # fixed, so a run that crosses midnight renders the same slips


def _requests(bundle):
    from kiosk.core.slips.render import SlipRequest

    return [
        SlipRequest(concern=c, discreet=d, printed_on=PRINTED_ON)
        for c in bundle.concerns
        for d in (False, True)
    ]


def _bundle():
    from kiosk.core.content.loader import load_bundle
    from kiosk.core.resources import builtin_bundle

    return load_bundle(builtin_bundle())


def _ms(action) -> float:
    started = time.perf_counter()
    action()
    return (time.perf_counter() - started) * 1000


def _bare_page() -> None:
    """The floor: reportlab writing an A6 page with one line in the slip's font, nothing else."""
    from reportlab.lib.pagesizes import A6
    from reportlab.pdfgen.canvas import Canvas

    from kiosk.core.slips.render import REGULAR

    pdf = Canvas(io.BytesIO(), pagesize=A6, pageCompression=0, invariant=True)
    pdf.setFont(REGULAR, 10)
    pdf.drawString(20, 200, "Who can help")
    pdf.showPage()
    pdf.save()


def cold() -> dict:
    """In a fresh process: import, load the bundle, then time the very first slip."""
    started = time.perf_counter()
    from kiosk.core.slips.render import render_slip

    imported = time.perf_counter()
    bundle = _bundle()
    request = _requests(bundle)[0]
    first = _ms(lambda: render_slip(bundle, request))
    second = _ms(lambda: render_slip(bundle, request))
    return {"import_ms": (imported - started) * 1000, "first_render_ms": first, "second_render_ms": second}


def _cold_in_fresh_process() -> dict:
    return child_json("benchmarks.slip", "--cold")


def run(renders: int = 200, warmup: int = 10, qr_repeats: int = 30, cold_runs: int = 3) -> list[Result]:
    from kiosk.core import qr
    from kiosk.core.slips.render import render_slip

    bundle = _bundle()
    requests = _requests(bundle)
    for i in range(warmup):
        render_slip(bundle, requests[i % len(requests)])
    warm = []
    for i in range(renders):
        request = requests[i % len(requests)]
        warm.append(_ms(lambda: render_slip(bundle, request)))  # noqa: B023 - called at once
    bare = [_ms(_bare_page) for _ in range(renders // 4)]

    payloads = [qr.vcard(bundle, r.concern, r.discreet) for r in requests]
    uncached = []
    for i in range(qr_repeats):
        payload = payloads[i % len(payloads)]
        qr.matrix.cache_clear()
        uncached.append(_ms(lambda: qr.matrix(payload)))  # noqa: B023 - called at once
    qr.matrix(payloads[0])
    cached = [_ms(lambda: qr.matrix(payloads[0])) for _ in range(1000)]

    colds = [_cold_in_fresh_process() for _ in range(1 + cold_runs)][1:]  # the first fills the .pyc cache
    first = {key: median([c[key] for c in colds]) for key in colds[0]}

    warm_median = median(warm)
    return [
        Result(
            "slip render, warm median",
            warm_median,
            "ms",
            baseline=median(bare),
            baseline_is="bare A6 page",
            goal=f"≤ {GOAL_MEDIAN_MS:g} ms",
            passed=warm_median <= GOAL_MEDIAN_MS,
            detail={"renders": renders, "max_ms": max(warm)},
        ),
        Result(
            "slip render, cold first",
            first["first_render_ms"],
            "ms",
            baseline=first["second_render_ms"],
            baseline_is="its 2nd render",
            detail=first,
        ),
        Result(
            "QR matrix, uncached median",
            median(uncached),
            "ms",
            baseline=median(cached),
            baseline_is="cached",
        ),
    ]


if __name__ == "__main__" and sys.argv[1:] == ["--cold"]:
    print(json.dumps(cold()))
