"""What every benchmark reports, and the few statistics they share."""

from __future__ import annotations

import math
import os
import statistics
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass
class Result:
    """One row of the table. `passed` is None for a row that is there only for information."""

    benchmark: str
    measured: float
    unit: str
    baseline: float | None = None
    baseline_is: str = ""  # what the baseline was, in a few words
    goal: str = ""
    passed: bool | None = None
    detail: dict | None = None

    def as_dict(self) -> dict:
        return asdict(self)


def median(values: list[float]) -> float:
    return statistics.median(values)


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile: a value that was actually measured, never an interpolation."""
    ordered = sorted(values)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[rank - 1]


ROOT = Path(__file__).resolve().parent.parent
PYCACHE = ROOT / "out" / "pycache"


def child_env(**extra: str) -> dict[str, str]:
    """The environment for a measured child process: offscreen, with a bytecode cache.

    An installed kiosk has its .pyc files compiled by pip; a checkout run with
    PYTHONDONTWRITEBYTECODE=1 would recompile every module on every start. The cache lives under
    out/, so the source tree is never written to.
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return env | {"QT_QPA_PLATFORM": "offscreen", "PYTHONPYCACHEPREFIX": str(PYCACHE)} | extra


def child_json(module: str, *args: str) -> dict:
    """Run `python -m module args` in a fresh process (see child_env) and read its last JSON line."""
    import json
    import subprocess
    import sys

    proc = subprocess.run(
        [sys.executable, "-m", module, *args],
        cwd=ROOT,
        env=child_env(),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(proc.stdout.strip().splitlines()[-1])
