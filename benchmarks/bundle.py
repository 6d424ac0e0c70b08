"""What a signed, installed Wigan bundle costs at start-up: verify it against its package, then load it.

Each figure is timed in a fresh process that has first imported every module a real
`kiosk --startup-probe` imports, apart from the kiosk's own (read from `python -X importtime`):
the figure is then what content adds to a real start-up, from the first import of the bundle
code to a loaded bundle, and not the cost of standard modules the kiosk loads anyway.

    python -m benchmarks.bundle --child verify MODULES DATA_DIR KEY   updates.start_up() + load_bundle()
    python -m benchmarks.bundle --child load MODULES                  load_bundle() of the built-in bundle
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import ROOT, Result, child_env, child_json, median

GOAL_MS = 30.0
RUNS = 11


def _child(mode: str, modules: str, data_dir: str = "", key: str = "") -> dict:
    import importlib

    for name in Path(modules).read_text().split():
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001 - a private module that only imports as part of another
            continue
    assert "kiosk.core.content.loader" not in sys.modules
    started = time.perf_counter()
    from kiosk.core.content.loader import load_bundle

    if mode == "verify":
        from kiosk.core.content import updates

        outcome = updates.start_up(updates.Settings(Path(data_dir), [key]))
        assert outcome.bundle_path is not None and not outcome.messages, outcome
        verified = time.perf_counter()
        bundle = load_bundle(outcome.bundle_path)
    else:
        from kiosk.core.resources import builtin_bundle

        verified = time.perf_counter()
        bundle = load_bundle(builtin_bundle())
    done = time.perf_counter()
    assert bundle.id == "wigan"
    return {"total_ms": (done - started) * 1000, "verify_ms": (verified - started) * 1000}


def _install(work: Path) -> tuple[Path, str]:
    """A kiosk data folder with the Wigan bundle installed from a signed package, and its key."""
    from kiosk.core.content import pack, signing, updates
    from kiosk.core.resources import builtin_bundle

    pem, public = signing.generate_key()
    inbox = work / "usb"
    inbox.mkdir()
    data, manifest = pack.pack_bytes(builtin_bundle())
    (inbox / pack.suggested_name(manifest)).write_bytes(signing.sign(data, signing.load_private_key(pem)))
    outcome = updates.pick_up(updates.Settings(work / "data", [public], inbox))
    assert outcome.bundle_path is not None, outcome.messages
    return work / "data", public


def _startup_modules(path: Path) -> Path:
    """Every module `kiosk --startup-probe` imports, except the kiosk's own and the bundle code's."""
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "kiosk", "--startup-probe"],
        cwd=ROOT,
        env=child_env(),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    names = [
        line.rsplit("|", 1)[1].strip() for line in proc.stderr.splitlines() if line.startswith("import time:")
    ]
    keep = [n for n in names[1:] if not n.startswith(("kiosk", "cryptography", "_cffi", "__main__"))]
    path.write_text("\n".join(keep + ["kiosk.cli"]))
    return path


def _fresh(*args: str) -> dict:
    return child_json("benchmarks.bundle", "--child", *args)


def run(runs: int = RUNS) -> list[Result]:
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-bundle-") as tmp:
        data_dir, key = _install(Path(tmp))
        modules = str(_startup_modules(Path(tmp) / "modules.txt"))
        verify, load = [], []
        for _ in range(1 + runs):  # taken in turn, so a busy moment weighs on both alike
            verify.append(_fresh("verify", modules, str(data_dir), key))
            load.append(_fresh("load", modules))
        verify, load = verify[1:], load[1:]  # the first run fills the .pyc cache
    total = median([v["total_ms"] for v in verify])
    plain = median([v["total_ms"] for v in load])
    return [
        Result(
            "signed bundle: verify + load at start-up, median",
            total,
            "ms",
            baseline=plain,
            baseline_is="load only, unsigned",
            goal=f"≤ {GOAL_MS:g} ms",
            passed=total <= GOAL_MS,
            detail={
                "runs": runs,
                "verified_after_ms": median([v["verify_ms"] for v in verify]),
                "verify_ms": sorted(round(v["total_ms"], 1) for v in verify),
                "load_ms": sorted(round(v["total_ms"], 1) for v in load),
            },
        ),
        Result("signed bundle: what verifying adds, median", total - plain, "ms"),
    ]


if __name__ == "__main__" and sys.argv[1:2] == ["--child"]:
    print(json.dumps(_child(*sys.argv[2:])))
