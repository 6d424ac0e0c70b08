"""What a folder of content holds, as one value: every file's SHA-256, the kiosk's core code, Python.

Two things are used only while this value is exactly what it was: the verified bundle cache
(kiosk.core.content.cache) and the start-up picture (kiosk.core.start_picture). Plain `os` and the
hash alone, so that it can run before anything else of the kiosk has loaded.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

try:  # the hash alone, without hashlib, which loads OpenSSL (4 MB) at every start-up
    from _sha256 import sha256  # Python 3.11
except ImportError:  # pragma: no cover - Python 3.12 and later
    try:
        from _sha2 import sha256
    except ImportError:
        from hashlib import sha256


def fingerprint(folder: Path) -> tuple:
    """What a cached bundle or a start-up picture must match: every file in the bundle folder
    (relative path and SHA-256, or that it is a link, which the loader refuses whatever it points
    to), the kiosk's core code (each module's size and time, so an upgrade or an edit shows), and
    Python."""
    files = []
    for root, dirs, names in os.walk(folder):
        dirs.sort()
        for name in sorted(dirs + names):
            path = Path(root, name)
            rel = path.relative_to(folder).as_posix()
            if path.is_symlink():  # the loader refuses a link even to the same bytes: so must the cache
                files.append((rel, "link"))
            elif path.is_file():
                files.append((rel, sha256(path.read_bytes()).hexdigest()))
    code = file_times(Path(__file__).resolve().parents[1], ".py")
    return (tuple(files), code, sys.version_info[:2])


def file_times(root: Path, suffix: str = "") -> tuple:
    """(path under `root`, size, time) of every file there whose name ends in `suffix`, compiled
    Python aside: what shows an upgrade or an edit of code, without reading it."""
    found = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(n for n in names if n.endswith(suffix)):
            path = os.path.join(folder, name)
            st = os.stat(path)
            found.append((os.path.relpath(path, root), st.st_size, st.st_mtime_ns))
    return tuple(found)
