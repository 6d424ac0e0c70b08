"""The kiosk against what a council would otherwise install: Chromium in kiosk mode showing the home
screen as one web page. Start-up to the first frame and memory, beside the bare PySide6 window and
the kiosk itself, in the same run.

The page is the kiosk's home screen built from the bundle (`benchmarks/chromium_page.py`).

Headless, not Xvfb. `benchmarks/startup.py` runs the kiosk with QT_QPA_PLATFORM=offscreen: no
display server, and Qt Quick's software scene graph draws the whole frame into memory. Chromium's
`--headless=new` is the same browser (not the old headless shell) with no display server either,
compositing in software into memory. Under Xvfb, Chromium would also pay for connecting to an X
server and pushing its frames to it, which the offscreen kiosk does not; comparing that fairly
would mean running the kiosk under Xvfb too. Measured that way once (2026-12-03, 7 runs each):
Chromium took 25% longer under Xvfb than headless, the kiosk 59% longer under Xvfb than offscreen
and twice the memory, as Qt Quick then draws with OpenGL through Mesa's software llvmpipe;
Chromium was then 1.8x the kiosk instead of 2.3x. A real kiosk has a GPU, so neither software GL
path is what a resident would see. `--kiosk` and `--app` are passed as a council would pass them;
headless, `--screen-info` gives the screen --kiosk fills.

Chromium is started through what `shutil.which` finds (on Debian the /usr/bin/chromium wrapper
script, which execs the browser: the wrapper is part of what a kiosk runs), with a fresh profile
and HOME per run, the flags that stop it phoning home, and `--no-sandbox` as root (it refuses to
start otherwise). A profile kept from run to run, as a kiosk PC would keep it, started as fast
(424 against 429 ms, 8 runs each, 2026-12-03). One warm-up of each fills the disk cache, then bare
window, kiosk and Chromium take turns, so a busy moment on the machine hurts all three alike.

First frame: the page marks every piece of text with `elementtiming` and uses `font-display:
block`, so its text is painted only in its own font. Element Timing gives each text's render time,
the presentation time of the frame that first showed it; once every mark has one and every font
face has loaded, the page logs the latest of them (epoch ms: `performance.timeOrigin` + render
time) to the console, which `--enable-logging=stderr` hands to us. That is the moment the whole
home screen is on screen, as the kiosk's `frameSwapped` is. First-contentful-paint is not used: it
was seen to fire before the fonts had loaded, for the still invisible text. A browser without
Element Timing falls back to two animation frames after the fonts load (about one frame late).
`first_frame_ms` counts from the browser process's start in /proc, as the kiosk's does; "Popen to
first frame" from just before we start it.

Memory: when the frame is reported, every process of Chromium's session (browser, zygotes, GPU,
network and storage services, renderers including the spare one; `start_new_session` keeps them
together) is read from /proc. The headline is the sum of their PSS (proportional set size): each
page shared between processes is split among them, so the sum counts every page once. Summed peak
RSS (VmHWM, what the kiosk's start-up row reports for one process) counts the resident pages of the
300 MB browser binary, and other shared pages, once per process: 2.3x the PSS; summed private memory
leaves shared pages out altogether and understates it. The kiosk and the bare window report their
own PSS at their first frame the same way (`kiosk.core.process.memory_mb`); for one process, PSS is its RSS
less the share of libraries other processes on the machine also map. So PSS moves a little with what
else runs: the bare window's went from 52 to 57 MB between runs on 2026-12-03. Summed peak RSS is
kept as a row too, an upper bound comparable with the start-up benchmark's peak RSS.

    python -m benchmarks.chromium            # the rows, as `make bench` shows them
"""

from __future__ import annotations

import contextlib
import os
import re
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.chromium_page import MARKER, home_page
from benchmarks.common import Result, median
from benchmarks.startup import BARE, KIOSK, probe
from kiosk.core.process import memory_mb, process_started_s

CANDIDATES = ("chromium", "chromium-browser", "google-chrome-stable", "google-chrome")
# Stop Chromium phoning home, as a kiosk's start-up script would.
QUIET = (
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--no-default-browser-check",
)
SIZE = (1920, 1080)  # the kiosk's --startup-probe window
TIMEOUT_S = 60


def find_chromium() -> str | None:
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def chromium_command(executable: str, page: Path, profile: Path) -> list[str]:
    command = [
        executable,
        "--headless=new",
        "--kiosk",
        f"--user-data-dir={profile}",
        f"--screen-info={{{SIZE[0]}x{SIZE[1]}}}",  # headless: the screen --kiosk fills (default 800x600)
        f"--window-size={SIZE[0]},{SIZE[1]}",
        *QUIET,
        "--enable-logging=stderr",
        "--v=0",
    ]
    if os.geteuid() == 0:
        command.append("--no-sandbox")
    return [*command, f"--app={page.as_uri()}"]


class ChromiumFailed(RuntimeError):
    """Chromium ran but did not show the page: reported as "not measured", never as a kiosk fault."""


def _session(leader: int) -> list[int]:
    """The live (not zombie) processes of the session `leader` started."""
    members = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[3]) == leader and fields[0] != "Z":
            members.append(int(stat.parent.name))
    return members


def tree_memory(leader: int) -> dict[str, float]:
    """PSS, private and peak RSS of every process in the session, summed, in MB."""
    totals = {"processes": 0, "pss": 0.0, "private": 0.0, "rss": 0.0, "peak_rss": 0.0}
    for pid in _session(leader):
        memory = memory_mb(pid)
        if memory:
            totals["processes"] += 1
            for key in ("pss", "private", "rss", "peak_rss"):
                totals[key] += memory.get(key, 0.0)
    return {key: round(value, 1) for key, value in totals.items()}


def _stop(proc: subprocess.Popen) -> None:
    """Kill Chromium's whole session (every process we started) and wait until it has gone."""
    deadline = time.monotonic() + 10
    while True:
        members = _session(proc.pid)
        if proc.poll() is None:
            members.append(proc.pid)
        if not members:
            break
        for pid in set(members):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        proc.poll()
        if time.monotonic() > deadline:
            print(f"chromium: processes {sorted(set(members))} outlived SIGKILL", file=sys.stderr)
            break
        time.sleep(0.02)
    proc.wait(timeout=10)


def _await_report(proc: subprocess.Popen) -> dict[str, str]:
    """The page's report line, parsed; what Chromium printed before it goes into a failure."""
    deadline = time.monotonic() + TIMEOUT_S
    output, pending = [], b""
    fd = proc.stdout.fileno()
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            break
        chunk = os.read(fd, 65536)
        if not chunk:
            break
        pending += chunk
        *lines, pending = pending.split(b"\n")
        for raw in lines:
            line = raw.decode(errors="replace")
            found = re.search(MARKER + r" ([^\"]*)", line)
            if found:
                return dict(part.split("=", 1) for part in found.group(1).split())
            output.append(line)
    tail = "\n".join(output[-15:])
    why = "timed out" if proc.poll() is None else f"exited with {proc.returncode}"
    raise ChromiumFailed(f"Chromium {why} before the page reported its first frame:\n{tail}")


def probe_chromium(executable: str, page: Path, scratch: Path) -> dict:
    """Start Chromium on the page once; its first frame and memory, as the kiosk's probe reports them."""
    run_dir = Path(tempfile.mkdtemp(prefix="run-", dir=scratch))
    env = os.environ | {"HOME": str(run_dir)}  # nothing of the run outlives it (NSS database, caches)
    started = time.time()
    proc = subprocess.Popen(
        chromium_command(executable, page, run_dir / "profile"),
        cwd=run_dir,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        report = _await_report(proc)
        memory = tree_memory(proc.pid)
        boot_epoch = time.time() - time.clock_gettime(time.CLOCK_BOOTTIME)
        process_start = boot_epoch + process_started_s(proc.pid)
    finally:
        _stop(proc)
        shutil.rmtree(run_dir, ignore_errors=True)
    frame = float(report["frame"]) / 1000
    if (int(report["width"]), int(report["height"])) != SIZE:
        raise ChromiumFailed(f"the page was {report['width']}x{report['height']}, not {SIZE[0]}x{SIZE[1]}")
    fcp = float(report["fcp"]) / 1000
    return {
        "first_frame_ms": round((frame - process_start) * 1000, 1),
        "wall_ms": round((frame - started) * 1000, 1),
        "fcp_wall_ms": round((fcp - started) * 1000, 1) if fcp > 0 else None,
        "how": report["how"],
        "pss_mb": memory["pss"],
        "peak_rss_mb": memory["peak_rss"],
        "private_mb": memory["private"],
        "rss_mb": memory["rss"],
        "processes": memory["processes"],
    }


def _not_measured(why: str) -> list[Result]:
    print(f"chromium: not measured: {why}", file=sys.stderr)
    return [
        Result(
            f"Chromium kiosk page: not measured ({why.splitlines()[0]})",
            float("nan"),
            "ms",
            detail={"note": why},
        )
    ]


def run(runs: int = 11, warmup: int = 1) -> list[Result]:
    executable = find_chromium()
    if executable is None:
        return _not_measured(
            f"no {' or '.join(CANDIDATES[:2])} on PATH; "
            "on Debian: apt-get install --no-install-recommends chromium"
        )
    from kiosk.core.content.loader import load_bundle
    from kiosk.core.resources import builtin_bundle

    samples: dict[str, list[dict]] = {"bare": [], "kiosk": [], "chromium": []}
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-chromium-") as tmp:
        scratch = Path(tmp)
        page = scratch / "home.html"
        page.write_text(home_page(load_bundle(builtin_bundle())), encoding="utf-8")
        measures = (
            ("bare", lambda: probe(BARE)[0]),
            ("kiosk", lambda: probe(KIOSK)[0]),
            ("chromium", lambda: probe_chromium(executable, page, scratch)),
        )
        try:
            for i in range(warmup + runs):
                for name, measure in measures:
                    data = measure()
                    if i >= warmup:
                        samples[name].append(data)
        except ChromiumFailed as failure:
            return _not_measured(f"{executable} did not show the page: {failure}")
    return _rows(samples, runs, executable)


def _rows(samples: dict[str, list[dict]], runs: int, executable: str) -> list[Result]:
    def med(name: str, key: str) -> float:
        return median([s[key] for s in samples[name]])

    def runs_of(name: str, key: str) -> list[float]:
        return [s[key] for s in samples[name]]

    chromium = samples["chromium"]
    processes = sorted({s["processes"] for s in chromium})
    rows = []
    for key, what, unit in (
        ("first_frame_ms", "start-up to first frame", "ms"),
        ("pss_mb", "memory at first frame (PSS, summed over processes)", "MB"),
        ("peak_rss_mb", "peak RSS (VmHWM, summed over processes)", "MB"),
    ):
        bare, kiosk, browser = med("bare", key), med("kiosk", key), med("chromium", key)
        rows.append(
            Result(
                f"Chromium kiosk page: {what}",
                browser,
                unit,
                baseline=bare,
                baseline_is=f"bare window; Chromium {browser / bare:.2f}x it, "
                f"{browser / kiosk:.2f}x the kiosk",
                detail={
                    "ratio": browser / bare,
                    "ratio_to_kiosk": browser / kiosk,
                    "runs": runs,
                    "chromium": executable,
                    "processes": processes,
                    "chromium_runs": runs_of("chromium", key),
                    "kiosk_runs": runs_of("kiosk", key),
                    "bare_runs": runs_of("bare", key),
                },
            )
        )
        rows.append(
            Result(
                f"kiosk, same run: {what.replace(', summed over processes', '')}",
                kiosk,
                unit,
                baseline=bare,
                baseline_is=f"bare window; kiosk {kiosk / bare:.2f}x it",
                detail={"ratio": kiosk / bare, "runs": runs},
            )
        )
    rows[0].detail |= {
        "popen_to_first_frame_ms": {name: med(name, "wall_ms") for name in samples},
        "chromium_first_contentful_paint_popen_ms": median(
            [s["fcp_wall_ms"] for s in chromium if s["fcp_wall_ms"] is not None] or [float("nan")]
        ),
        "chromium_detected_by": sorted({s["how"] for s in chromium}),
    }
    rows[2].detail |= {
        "chromium_private_mb": med("chromium", "private_mb"),
        "chromium_rss_sum_mb": med("chromium", "rss_mb"),
    }
    return rows


if __name__ == "__main__":
    from benchmarks.__main__ import table

    print(table(run()))
