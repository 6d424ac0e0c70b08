"""How long a process has run and how much memory it holds: `kiosk --startup-probe`, the
benchmarks' bare window and the Chromium comparison measure alike. Standard library only, so the
baseline imports nothing else of the kiosk's."""

from __future__ import annotations

import os
import resource
import time
from pathlib import Path


def process_started_s(pid: int | str = "self") -> float:
    """When a process began, in seconds of CLOCK_BOOTTIME (Linux /proc, clock-tick resolution)."""
    stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(stat[19]) / os.sysconf("SC_CLK_TCK")


def process_age_ms(fallback_start: float) -> float:
    """Milliseconds since this process began (Linux: from /proc), else since `fallback_start`
    (a `time.perf_counter()` taken when `main` was entered)."""
    try:
        return (time.clock_gettime(time.CLOCK_BOOTTIME) - process_started_s()) * 1000
    except (OSError, ValueError, IndexError, AttributeError):
        return (time.perf_counter() - fallback_start) * 1000


_MEMORY_FIELDS = {
    "Rss": "rss",
    "Pss": "pss",
    "Private_Clean": "private",
    "Private_Dirty": "private",
    "RssAnon": "anon",
}


def memory_mb(pid: int | str = "self") -> dict[str, float]:
    """A process's memory now, in MB, from Linux's /proc; {} elsewhere or once it has gone.

    `pss` shares each page among the processes that map it, so summed over the processes of a
    multi-process program it counts every page once; `private` is the pages no other process maps;
    `anon` is resident memory not backed by a file (the heap, stacks: what a leak grows);
    `peak_rss` is the most resident memory so far (VmHWM, the same as getrusage's ru_maxrss).
    """
    try:
        lines = (
            Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()
            + Path(f"/proc/{pid}/status").read_text().splitlines()
        )
    except OSError:
        return {}
    found: dict[str, float] = {}
    for line in lines:
        name, _, value = line.partition(":")
        key = "peak_rss" if name == "VmHWM" else _MEMORY_FIELDS.get(name)
        if key:
            found[key] = found.get(key, 0.0) + int(value.split()[0]) / 1024
    return {key: round(value, 1) for key, value in found.items()}


def first_frame_line(
    started: float, picture_ms: float | None = None, live_ms: float | None = None, shown: dict | None = None
) -> str:
    """The one JSON line a start-up probe prints when its first frame is on screen: the process's
    age, its peak and proportional memory, and the system clock (for the caller's own timing).

    A kiosk that showed its start-up picture first says when (`first_frame_ms`) and when the live
    home screen followed (`live_frame_ms`); the memory is then the peak up to the live screen.
    `shown` adds what the screen shows (the kiosk: its bundle and the children's number)."""
    import json

    age_ms, now = process_age_ms(started), time.monotonic()
    live_ms = live_ms if live_ms is not None else age_ms
    memory = memory_mb()
    # VmHWM where there is /proc: Linux's ru_maxrss keeps the high-water mark of the process that
    # started this one (a test runner of 300 MB) across exec.
    peak_mb = memory.get("peak_rss") or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return json.dumps(
        {
            "first_frame_ms": round(picture_ms if picture_ms is not None else live_ms, 1),
            "live_frame_ms": round(live_ms, 1),
            "picture": picture_ms is not None,
            "peak_rss_mb": round(peak_mb, 1),
            "pss_mb": memory.get("pss"),
            "monotonic": now,
            **(shown or {}),
        }
    )
