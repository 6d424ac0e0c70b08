"""How long this process has run: `kiosk --startup-probe` and the benchmarks' bare window use the
same clock. Standard library only, so the baseline imports nothing else of the kiosk's."""

from __future__ import annotations

import os
import time
from pathlib import Path


def process_age_ms(fallback_start: float) -> float:
    """Milliseconds since this process began (Linux: from /proc), else since `fallback_start`
    (a `time.perf_counter()` taken when `main` was entered)."""
    try:
        stat = Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()
        start_ticks = int(stat[19])
        boot = time.clock_gettime(time.CLOCK_BOOTTIME)
        return (boot - start_ticks / os.sysconf("SC_CLK_TCK")) * 1000
    except (OSError, ValueError, IndexError, AttributeError):
        return (time.perf_counter() - fallback_start) * 1000
