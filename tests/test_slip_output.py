"""`kiosk slip --output` writes the whole slip or nothing, and says why in one line.

A receptionist or a script that names a folder, a missing folder, a folder it may not write, or
a full disk gets exit status 1, one line on stderr and no file: never a traceback, never half a
PDF that looks like a slip.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def slip(
    output: Path, config: Path, user: str | None = None, data: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """`kiosk slip` on a site with an empty site file (the defaults), as `user` if given."""
    command = [sys.executable, "-m", "kiosk", "slip", "--concern", "child", "--output", str(output)]
    config.write_text("", encoding="utf-8")
    config.chmod(0o644)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KIOSK_CONFIG": str(config)}
    if user:  # an account of its own, with its own data folder
        command = ["setpriv", f"--reuid={user}", "--regid=nogroup", "--clear-groups", *command]
        env["KIOSK_DATA_DIR"] = str(data)
    return subprocess.run(
        command,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )


def _refused(result: subprocess.CompletedProcess[str], output: Path) -> None:
    assert result.returncode == 1, result.stderr
    lines = [line for line in result.stderr.splitlines() if not line.startswith("kiosk: content:")]
    assert len(lines) == 1 and lines[0].startswith(f"kiosk: the slip was not written to {output}:"), lines
    assert "Traceback" not in result.stderr


def test_a_folder_or_a_missing_folder_is_refused_in_one_line(tmp_path):
    config = tmp_path.parent / f"{tmp_path.name}-site.toml"
    _refused(slip(tmp_path, config), tmp_path)
    missing = tmp_path / "no-such-folder" / "s.pdf"
    _refused(slip(missing, config), missing)
    assert not missing.parent.exists(), "a mistyped folder is not made"
    assert sorted(p.name for p in tmp_path.iterdir()) == [], "nothing left behind"


@pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("mount"), reason="mounts a tmpfs: needs root")
def test_a_full_disk_leaves_no_half_slip(tmp_path):
    disk = tmp_path / "disk"
    disk.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(disk)], check=True)
    try:
        filler = disk / "filler"
        with open(filler, "wb") as fh:  # leave about 8 KB: less than a slip (about 30 KB)
            fh.write(b"\0" * (56 * 1024))
        output = disk / "s.pdf"
        _refused(slip(output, tmp_path / "site.toml"), output)
        assert sorted(p.name for p in disk.iterdir()) == ["filler"], "no partial PDF, no temporary file"
    finally:
        subprocess.run(["umount", str(disk)], check=True)


@pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("setpriv"), reason="runs as nobody: needs root")
def test_a_folder_the_account_may_not_write_is_refused():
    import tempfile

    top = Path(tempfile.mkdtemp(prefix="kiosk-slip-"))  # pytest's own folders are root's alone
    try:
        top.chmod(0o755)
        folder = top / "shared"
        folder.mkdir(mode=0o755)  # root's: nobody may read it, not write it
        data = top / "nobody-data"
        data.mkdir()
        shutil.chown(data, "nobody")
        output = folder / "s.pdf"
        _refused(slip(output, top / "site.toml", user="nobody", data=data), output)
        assert not output.exists() and sorted(p.name for p in folder.iterdir()) == []
    finally:
        shutil.rmtree(top)
