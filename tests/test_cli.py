"""The command line other parts and staff rely on."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest


def kiosk_cmd(*args, env=None, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args], capture_output=True, text=True, timeout=120, env=env, cwd=cwd
    )


def test_no_display_gives_one_clear_line_not_a_qt_abort():
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = kiosk_cmd("--windowed", env=env)
    assert result.returncode == 3
    assert result.stderr.strip().startswith("kiosk: no display found")
    assert len(result.stderr.strip().splitlines()) == 1


def test_startup_probe_prints_one_json_line():
    result = kiosk_cmd("--startup-probe", env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stderr
    (line,) = [ln for ln in result.stdout.splitlines() if ln.startswith("{")]
    probe = json.loads(line)
    assert 0 < probe["first_frame_ms"] < 60_000
    assert 0 < probe["peak_rss_mb"] < 2_000
    assert 0 < probe["pss_mb"] <= probe["peak_rss_mb"]  # its share of memory now, at most its peak


def test_screenshots_renders_every_screen(tmp_path, bundle):
    from kiosk.ui.screenshots import journey_targets

    result = kiosk_cmd(
        "screenshots",
        "--size",
        "1366x768",
        "--output",
        str(tmp_path),
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr
    pngs = sorted(tmp_path.glob("*.png"))
    assert len(pngs) == len(journey_targets(bundle)) + 4
    from PIL import Image

    with Image.open(tmp_path / "1366x768-home.png") as home:
        assert home.size == (1366, 768)
        assert len(home.getcolors(1 << 16) or []) > 10, "not a blank screen"


@pytest.mark.parametrize("value", ["10", "abc"])
def test_bad_idle_timeout_is_refused_clearly(value, capsys):
    from kiosk.cli import main

    with pytest.raises(SystemExit) as caught:
        main(["--idle-timeout", value])
    assert caught.value.code == 2
    assert "--idle-timeout" in capsys.readouterr().err


def test_a_bad_bundle_still_starts_on_the_builtin_content(tmp_path):
    (tmp_path / "bundle.toml").write_text("format = 1\n")
    result = kiosk_cmd(
        "--bundle", str(tmp_path), "--startup-probe", env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    )
    assert result.returncode == 0
    assert "contacts.toml: (file): missing" in result.stderr
    assert "Using the built-in content instead" in result.stderr
