"""Where the site configuration and the kiosk's own data (logs, figures, last good settings) live.

IT pushes one system-wide file per machine; the kiosk writes only under its data directory. The
standard library is enough for the three systems the kiosk runs on, so no platformdirs.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Mapping
from pathlib import Path

APP = "kiosk"
CONFIG_NAME = "kiosk.toml"
# In the data folder:
LAST_GOOD_CONFIG = "last-good.toml"  # the site file as it last loaded cleanly (kiosk.core.config)
LOCAL_SETTINGS = "local-settings.json"  # what staff changed on the settings screen
INSTALLED_BUNDLES = "bundles"  # the installed content packages (kiosk.core.content.updates)


def system_config_dirs(platform: str = sys.platform, environ: Mapping[str, str] = os.environ) -> list[Path]:
    """The system-wide configuration folders, most important first (XDG_CONFIG_DIRS on Linux)."""
    if platform == "win32":
        return [Path(environ.get("PROGRAMDATA") or r"C:\ProgramData") / APP]
    if platform == "darwin":
        return [Path("/Library/Application Support") / APP]
    # The XDG spec: a colon-separated list, relative entries ignored, /etc/xdg when unset or empty.
    dirs = [Path(d) for d in environ.get("XDG_CONFIG_DIRS", "").split(":") if d and os.path.isabs(d)]
    return [d / APP for d in dirs or [Path("/etc/xdg")]]


def system_config_file(platform: str = sys.platform, environ: Mapping[str, str] = os.environ) -> Path:
    """The first kiosk.toml found in the system-wide folders, else where IT should put one."""
    candidates = [d / CONFIG_NAME for d in system_config_dirs(platform, environ)]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    return candidates[0]


def chosen_config_file(cli: str | Path | None = None, environ: Mapping[str, str] = os.environ) -> Path | None:
    """The file someone named on purpose: `--config FILE`, else $KIOSK_CONFIG, else None."""
    if cli:
        return Path(cli)
    if environ.get("KIOSK_CONFIG"):
        return Path(environ["KIOSK_CONFIG"])
    return None


def data_dir(platform: str = sys.platform, environ: Mapping[str, str] = os.environ) -> Path:
    """The kiosk's own writable folder: logs, usage figures, last good settings, PIN lock state.

    $KIOSK_DATA_DIR overrides it (for a service account, or a test).
    """
    if environ.get("KIOSK_DATA_DIR"):
        return Path(environ["KIOSK_DATA_DIR"])
    home = Path(environ.get("HOME") or environ.get("USERPROFILE") or Path.home())
    if platform == "win32":
        base = environ.get("LOCALAPPDATA")
        return Path(base) / APP if base else home / "AppData" / "Local" / APP
    if platform == "darwin":
        return home / "Library" / "Application Support" / APP
    state = environ.get("XDG_STATE_HOME", "")
    return (Path(state) if os.path.isabs(state) else home / ".local" / "state") / APP


def ensure_dir(path: Path) -> Path:
    """Create `path` (private to the kiosk's account where the system allows) and return it."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


class NotAFile(OSError):
    """What was given as a file is a folder, a named pipe, a device or a socket."""


class TooBig(OSError):
    """A file larger than its reader takes; `size` is its size in bytes."""

    def __init__(self, path: Path, size: int, limit: int):
        super().__init__(f"{path} is {size} bytes; at most {limit} are read")
        self.size = size


def read_limited(path: Path, limit: int) -> bytes:
    """The bytes of a plain file of at most `limit` bytes: never more is read, and a named pipe or
    a device is refused before it is read (opening a pipe to read waits for a writer: a kiosk that
    does so never starts). Raises OSError, NotAFile or TooBig."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise NotAFile(f"{path} is not a plain file")
        if st.st_size > limit:
            raise TooBig(path, st.st_size, limit)
        with os.fdopen(fd, "rb", closefd=False) as fh:
            data = fh.read(limit + 1)
    finally:
        os.close(fd)
    if len(data) > limit:  # grew while it was read
        raise TooBig(path, len(data), limit)
    return data


def write_atomically(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so that a power cut leaves the old file or the new, never half."""
    ensure_dir(path.parent)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
