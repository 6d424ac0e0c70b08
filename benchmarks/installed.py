"""The installed bundle (the .deb's /opt/kiosk) against the pip-installed kiosk: start-up and size.

Both run the same start-up probe (`kiosk --startup-probe`, offscreen) as fresh processes,
interleaved (pip, bundle, pip, bundle, ...) after one warm-up each, from a scratch folder with a
scratch data folder, so that neither finds the checkout. The goal is that the bundle starts at
least as fast as `pip install .` does; its size on disk is reported beside the 250 MB aim.

The measure is Popen to first frame (the child's `time.monotonic()` against ours), because it
counts everything a person waits for, the PyInstaller bootloader included.

Which copies: the bundle is $KIOSK_INSTALLED (the `kiosk` executable of a one-folder app), else
/opt/kiosk/kiosk (`packaging/ci-check.sh --keep` or `apt-get install ./kiosk_*.deb` puts it
there), else out/packaging/dist/kiosk/kiosk (built by packaging/build.sh, not installed). The
pip copy is the wheel packaging/build.sh bundled (out/packaging/wheel), pip-installed into a
scratch virtualenv that borrows this environment's dependencies, so both run the same code; with
no wheel, the `kiosk` script beside this Python. With no bundle the row says so and passes
neither way.

    python -m benchmarks.installed
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

from benchmarks.common import ROOT, Result, median

CANDIDATES = (
    (os.environ.get("KIOSK_INSTALLED", ""), "$KIOSK_INSTALLED"),
    ("/opt/kiosk/kiosk", "installed .deb"),
    (
        str(ROOT / "out" / "packaging" / "dist" / "kiosk" / "kiosk"),
        "built by packaging/build.sh, not installed",
    ),
)
GOAL_SIZE_MB = 250
# Python's own start-up paths (PYTHONPATH, a bytecode prefix) must not favour either copy.
DROPPED_ENV = ("PYTHONPATH", "PYTHONPYCACHEPREFIX", "PYTHONDONTWRITEBYTECODE", "PYTHONHOME")


def find_bundle() -> tuple[Path, str] | None:
    for path, what in CANDIDATES:
        if path and os.access(path, os.X_OK) and (Path(path).resolve().parent / "_internal").is_dir():
            return Path(path).absolute(), what
    return None


def pip_kiosk(scratch: Path) -> tuple[Path, str] | None:
    """`pip install` of the wheel the bundle was built from, else this environment's kiosk."""
    wheels = sorted((ROOT / "out" / "packaging" / "wheel").glob("kiosk-*.whl"))
    if wheels:
        venv = scratch / "venv"
        subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
        paths = {"base": str(venv), "platbase": str(venv)}
        python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
        pip = [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps"]
        subprocess.run([*pip, str(wheels[-1])], check=True)
        # Reportlab, PySide6 and the rest come from this environment, after the venv's own kiosk
        # (added after the install, or pip would find this environment's kiosk already there).
        deps = {sysconfig.get_path("purelib"), sysconfig.get_path("platlib")}
        pth = Path(sysconfig.get_path("purelib", vars=paths), "_kiosk_bench_deps.pth")
        pth.write_text("\n".join(sorted(deps)) + "\n")
        return Path(sysconfig.get_path("scripts", vars=paths)) / _script(), f"pip install {wheels[-1].name}"
    script = Path(sys.executable).parent / _script()
    return (script, "the kiosk installed in this environment") if script.is_file() else None


def _script() -> str:
    return "kiosk.exe" if os.name == "nt" else "kiosk"


def size_mb(folder: Path) -> float:
    """Bytes on disk of every file, links not followed, as `du` would count the folder."""
    total = 0
    for dirpath, _dirs, files in os.walk(folder):
        for name in files:
            st = os.lstat(os.path.join(dirpath, name))
            total += st.st_blocks * 512 if hasattr(st, "st_blocks") else st.st_size
    return total / 1e6


def probe(executable: Path, scratch: Path) -> dict:
    """One start-up to the first frame; its JSON line plus `wall_ms` from our Popen to that frame."""
    env = {k: v for k, v in os.environ.items() if k not in DROPPED_ENV}
    env |= {"QT_QPA_PLATFORM": "offscreen", "KIOSK_DATA_DIR": str(scratch / "data"), "HOME": str(scratch)}
    started = time.monotonic()
    proc = subprocess.run(
        [str(executable), "--startup-probe"], cwd=scratch, env=env, capture_output=True, text=True, timeout=60
    )
    line = next((ln for ln in proc.stdout.splitlines() if ln.startswith("{")), None)
    if proc.returncode != 0 or line is None:
        raise RuntimeError(f"{executable} --startup-probe failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    data = json.loads(line)
    data["wall_ms"] = (data["monotonic"] - started) * 1000
    return data


def _missing(why: str) -> list[Result]:
    print(f"installed: skipped: {why}", file=sys.stderr)
    return [
        Result(
            "installed bundle vs pip: skipped",
            float("nan"),
            "ms",
            goal="≤ pip start-up",
            passed=None,
            detail={"note": why},
        )
    ]


def run(runs: int = 11, warmup: int = 1) -> list[Result]:
    found = find_bundle()
    if found is None:
        return _missing(
            "no installed bundle: build it with packaging/build.sh, install it with "
            "`sudo packaging/ci-check.sh --keep`, or point KIOSK_INSTALLED at a one-folder kiosk"
        )
    bundle, what = found
    samples: dict[str, list[dict]] = {"pip": [], "bundle": []}
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-") as tmp:
        scratch = Path(tmp)
        found_pip = pip_kiosk(scratch)
        if found_pip is None:
            return _missing(f"no wheel in out/packaging/wheel and no kiosk beside {sys.executable}")
        pip, pip_is = found_pip
        for i in range(warmup + runs):
            for name, executable in (("pip", pip), ("bundle", bundle)):
                data = probe(executable, scratch)
                if i >= warmup:
                    samples[name].append(data)

    def med(name: str, key: str) -> float:
        return median([s[key] for s in samples[name]])

    wall, wall_pip = med("bundle", "wall_ms"), med("pip", "wall_ms")
    rss, rss_pip = med("bundle", "peak_rss_mb"), med("pip", "peak_rss_mb")
    folder = bundle.resolve().parent
    size = size_mb(folder)
    return [
        Result(
            "installed bundle start-up, Popen to first frame",
            wall,
            "ms",
            baseline=wall_pip,
            baseline_is="pip install",
            goal=f"≤ pip ({wall_pip:.0f})",
            passed=wall <= wall_pip,
            detail={
                "bundle": str(bundle),
                "bundle_is": what,
                "pip": str(pip),
                "pip_is": pip_is,
                "ratio": wall / wall_pip,
                "runs": runs,
                "bundle_ms": [round(s["wall_ms"], 1) for s in samples["bundle"]],
                "pip_ms": [round(s["wall_ms"], 1) for s in samples["pip"]],
                "first_frame_ms": {
                    "bundle": med("bundle", "first_frame_ms"),
                    "pip": med("pip", "first_frame_ms"),
                },
            },
        ),
        Result(
            "installed bundle start-up peak RSS",
            rss,
            "MB",
            baseline=rss_pip,
            baseline_is="pip install",
            detail={"ratio": rss / rss_pip},
        ),
        Result(
            "installed bundle size on disk",
            size,
            "MB",
            goal=f"< {GOAL_SIZE_MB} MB",
            passed=size < GOAL_SIZE_MB,
            detail={"folder": str(folder), "bundle_is": what},
        ),
    ]


if __name__ == "__main__":
    from benchmarks.__main__ import table

    print(table(run()))
