"""Run every benchmark, print a table, write out/benchmarks.json; exit 1 if a goal is missed.

    python -m benchmarks                 # all of them (about a minute)
    python -m benchmarks --only slip     # one or more of: startup, slip, screen_change

Goals compare against a baseline measured in the same run (start-up), or against a budget that is
itself the goal (one 60 Hz frame for a screen change, 10 ms for a slip).
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import platform
import sys
import time
import traceback
from pathlib import Path

from benchmarks.common import Result

NAMES = ("startup", "chromium", "slip", "screen_change", "languages", "bundle", "installed", "print", "soak")
OUTPUT = Path(__file__).resolve().parent.parent / "out" / "benchmarks.json"


def _cell(value: float | None, unit: str, note: str = "") -> str:
    if value is None:
        return "—"
    digits = 3 if abs(value) < 0.1 else 1
    return f"{value:.{digits}f} {unit}" + (f" ({note})" if note else "")


def table(results: list[Result]) -> str:
    rows = [("benchmark", "measured", "baseline", "goal", "pass")]
    for r in results:
        verdict = "—" if r.passed is None else ("yes" if r.passed else "NO")
        rows.append(
            (
                r.benchmark,
                _cell(r.measured, r.unit),
                _cell(r.baseline, r.unit, r.baseline_is),
                r.goal or "info",
                verdict,
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def run(names: list[str]) -> list[Result]:
    results: list[Result] = []
    for name in names:
        started = time.perf_counter()
        print(f"running {name} ...", file=sys.stderr, flush=True)
        try:
            results += importlib.import_module(f"benchmarks.{name}").run()
        except Exception:  # a broken benchmark is a missed goal, and the others still run
            results.append(
                Result(
                    f"{name}: failed to run",
                    float("nan"),
                    "",
                    goal="runs",
                    passed=False,
                    detail={"error": traceback.format_exc()},
                )
            )
            traceback.print_exc()
        print(f"  {name} took {time.perf_counter() - started:.1f} s", file=sys.stderr, flush=True)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="+", choices=NAMES, default=list(NAMES))
    args = parser.parse_args(argv)
    results = run(args.only)

    print(table(results))
    for r in results:
        if r.detail and r.detail.get("top_imports"):
            print("\nSlowest imports at kiosk start-up (python -X importtime; cumulative, self):")
            for row in r.detail["top_imports"]:
                print(f"  {row['module']:45} {row['cumulative_ms']:7.1f} ms {row['self_ms']:7.1f} ms")

    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(
        json.dumps(
            {
                "python": sys.version.split()[0],
                "platform": platform.platform(),
                "cpus": os.cpu_count(),
                "results": [r.as_dict() for r in results],
            },
            indent=2,
            ensure_ascii=False,
        )
        + "\n"
    )
    missed = [r.benchmark for r in results if r.passed is False]
    print(f"\nwrote {OUTPUT}; " + (f"goals missed: {', '.join(missed)}" if missed else "every goal met"))
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
