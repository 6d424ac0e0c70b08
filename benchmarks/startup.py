"""Start-up to the home screen's first frame, and peak memory, beside a bare PySide6 window.

All run offscreen as fresh processes, interleaved (bare, Qt Quick, kiosk, kiosk's first start,
bare, ...) so that a busy moment on the machine hurts them alike; one warm-up each fills the disk
cache. Each prints one JSON line when its first frame is painted (`kiosk --startup-probe`,
`benchmarks/bare_window.py`, `benchmarks/bare_quick.py`: the same window in Qt Quick, the least any
QML program pays). Children get a bytecode cache under out/ (see `common.child_env`), as an
installed kiosk would.

The kiosk runs on a data folder of its own under out/. After the warm-up it has its start-up
picture (kiosk.core.start_picture), as after any restart: its first frame is the picture, and
`live_frame_ms` says when the live home screen followed. "First start" runs have the picture
removed before each run, as on the first start after an install or a change of content or
settings: the live home screen is then the first frame, and the run keeps a new picture.

`first_frame_ms` counts from the process's start time in /proc, which has clock-tick (10 ms)
resolution; "Popen to first frame" uses the child's `time.monotonic()` and is the sharper figure.

`python -m benchmarks.startup --imports` lists the imports that cost the kiosk most at start-up.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time

from benchmarks.common import ROOT, Result, child_env, median

KIOSK = [sys.executable, "-m", "kiosk", "--startup-probe"]
DATA = ROOT / "out" / "bench-data"  # the kiosk's data folder here: its bundle cache and picture
BARE = [sys.executable, "-m", "benchmarks.bare_window"]
QUICK = [sys.executable, "-m", "benchmarks.bare_quick"]
GOAL_FIRST_FRAME = 1.3  # × the bare window's median
GOAL_PEAK_RSS = 1.35


def probe(command: list[str], extra_args: tuple[str, ...] = (), marker: str = "") -> tuple[dict, str]:
    """Run one start-up probe; its JSON line (the first that starts with `marker` and a brace) plus
    `wall_ms` from our Popen to the line, and its stderr."""
    started = time.monotonic()  # system-wide on Linux, so comparable with the child's own clock
    proc = subprocess.run(
        [command[0], *extra_args, *command[1:]],
        cwd=ROOT,
        env=child_env(KIOSK_DATA_DIR=str(DATA)),
        capture_output=True,
        text=True,
        timeout=60,
    )
    line = next((ln for ln in proc.stdout.splitlines() if ln.startswith(marker + "{")), None)
    if proc.returncode != 0 or line is None:
        raise RuntimeError(f"{' '.join(command)} failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    data = json.loads(line.removeprefix(marker))
    if "monotonic" in data:
        data["wall_ms"] = (data["monotonic"] - started) * 1000
    return data, proc.stderr


def top_imports(count: int = 10) -> list[dict]:
    """The slowest imports of one kiosk start-up, by cumulative time, from `python -X importtime`."""
    _, stderr = probe(KIOSK, ("-X", "importtime"))
    rows = []
    for line in stderr.splitlines():
        if line.startswith("import time:") and "cumulative" not in line:
            own, cumulative, name = (part.strip() for part in line[len("import time:") :].split("|"))
            rows.append({"module": name, "cumulative_ms": int(cumulative) / 1000, "self_ms": int(own) / 1000})
    return sorted(rows, key=lambda row: row["cumulative_ms"], reverse=True)[:count]


def first_start() -> dict:
    """A start with no picture kept, as after an install or a change (the run keeps one again)."""
    from kiosk.core import start_picture

    start_picture.forget(DATA / "cache")
    data, _ = probe(KIOSK)
    if data["picture"]:
        raise RuntimeError("a picture was shown although none was kept")
    return data


def run(runs: int = 11, warmup: int = 1) -> list[Result]:
    bare, quick, kiosk, first = [], [], [], []
    for i in range(warmup + runs):
        for start, samples in (
            (lambda: probe(BARE)[0], bare),
            (lambda: probe(QUICK)[0], quick),
            (first_start, first),
            (lambda: probe(KIOSK)[0], kiosk),  # after a first start: with the picture it kept
        ):
            data = start()
            if i >= warmup:
                samples.append(data)
    if not all(s["picture"] for s in kiosk):
        raise RuntimeError("the kiosk did not show its start-up picture after a first start")

    def med(samples: list[dict], key: str) -> float:
        return median([s[key] for s in samples])

    frame_base, rss_base = med(bare, "first_frame_ms"), med(bare, "peak_rss_mb")
    frame, live, rss = med(kiosk, "first_frame_ms"), med(kiosk, "live_frame_ms"), med(kiosk, "peak_rss_mb")
    first_frame, first_rss = med(first, "first_frame_ms"), med(first, "peak_rss_mb")
    wall, wall_base = med(kiosk, "wall_ms"), med(bare, "wall_ms")
    floor, floor_rss = med(quick, "first_frame_ms"), med(quick, "peak_rss_mb")
    base = {"baseline": frame_base, "baseline_is": "bare window"}
    rss_against = {"baseline": rss_base, "baseline_is": "bare window"}
    return [
        Result(
            "start-up to first frame (the start-up picture)",
            frame,
            "ms",
            **base,
            goal=f"≤ {GOAL_FIRST_FRAME:g} × baseline ({GOAL_FIRST_FRAME * frame_base:.0f})",
            passed=frame <= GOAL_FIRST_FRAME * frame_base,
            detail={
                "ratio": frame / frame_base,
                "runs": runs,
                "kiosk_ms": [s["first_frame_ms"] for s in kiosk],
                "bare_ms": [s["first_frame_ms"] for s in bare],
            },
        ),
        Result(
            "start-up to the live home screen (after the picture)",
            live,
            "ms",
            **base,
            detail={"ratio": live / frame_base, "after_picture_ms": live - frame},
        ),
        Result(
            "first start after a change: no picture, live home screen first",
            first_frame,
            "ms",
            **base,
            detail={"ratio": first_frame / frame_base, "top_imports": top_imports()},
        ),
        Result(
            "start-up peak RSS, up to the live home screen",
            rss,
            "MB",
            **rss_against,
            goal=f"≤ {GOAL_PEAK_RSS:g} × baseline ({GOAL_PEAK_RSS * rss_base:.0f})",
            passed=rss <= GOAL_PEAK_RSS * rss_base,
            detail={"ratio": rss / rss_base},
        ),
        Result(
            "first start's peak RSS, keeping its picture",
            first_rss,
            "MB",
            **rss_against,
            detail={"ratio": first_rss / rss_base},
        ),
        Result(
            "bare Qt Quick window (the floor for QML), first frame",
            floor,
            "ms",
            **base,
            detail={"ratio": floor / frame_base, "peak_rss_mb": floor_rss, "rss_ratio": floor_rss / rss_base},
        ),
        Result(
            "start-up, Popen to the live home screen",
            wall,
            "ms",
            baseline=wall_base,
            baseline_is="bare window",
            detail={"ratio": wall / wall_base},
        ),
    ]


if __name__ == "__main__" and sys.argv[1:] == ["--imports"]:
    print(f"{'module':50} {'cumulative ms':>14} {'self ms':>8}")
    for row in top_imports():
        print(f"{row['module']:50} {row['cumulative_ms']:14.1f} {row['self_ms']:8.1f}")
