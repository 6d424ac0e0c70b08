"""The start-up picture: when a kiosk may show the home screen as it was first drawn at its last start.

After a restart (a power cut, a Windows update) a Qt Quick window with the kiosk's adapters and
screens takes about 80 ms more than a bare window to draw its first frame here, and several times
that on an old kiosk PC. So each start keeps a picture of the home screen's first frame, untouched
by anyone, and the next start shows it at once while the live screen loads behind it (as phones
show an app's launch snapshot). A picture is shown only while everything that decides that first
frame is exactly what it was when it was taken, so it can never show a number the bundle no longer
has:

- the command line, the environment the kiosk and Qt read, and every configuration file
  (the site file, the last good copy, the settings staff changed), byte for byte;
- the content: every file of the bundle folder (SHA-256), and the update folder and installed
  packages (names, sizes and times), so that a new package means no picture;
- the kiosk's own files (names, sizes and times) and the Qt version;
- the screen: size and pixel ratio.

It holds nothing about a resident: it is taken only while the home screen is as the kiosk started,
with nobody having touched it. Plain Python (no Qt): the window that shows it is kiosk.ui.start_picture.
"""

from __future__ import annotations

import logging
import marshal
import mmap
import os
import sys
import zlib
from collections.abc import Mapping
from pathlib import Path

from kiosk.core import paths, resources
from kiosk.core.content.stamp import file_times, fingerprint, sha256

log = logging.getLogger(__name__)
FORMAT = 1
NAME = "start-picture"  # in the kiosk's cache folder: .key (marshal) and .rgb (the pixels)
CONFIG_FILES = (paths.LAST_GOOD_CONFIG, paths.LOCAL_SETTINGS)  # in the data folder
PREFIXES = ("QT_", "KIOSK_")  # and the variables that start so
ENVIRONMENT = ("HOME", "XDG_STATE_HOME", "LOCALAPPDATA", "LANG", "LC_ALL", "LANGUAGE")
MAX_PIXELS = 8192 * 8192


MAX_CONFIG_BYTES = 1 << 20  # more than any configuration file the kiosk reads


def _digest(path: Path) -> str | None:
    """A file's SHA-256; None if there is none. One the kiosk would not read (too large, a named
    pipe, a folder) is not read here either, and decides the settings the same way whatever it holds."""
    try:
        return sha256(paths.read_limited(path, MAX_CONFIG_BYTES)).hexdigest()
    except (paths.TooBig, paths.NotAFile) as exc:
        return type(exc).__name__
    except (OSError, ValueError):
        return None


def _listing(folder: Path | None) -> tuple:
    """Names, sizes and times of what is in `folder` (the update folder, the installed packages),
    not below it: a new package, or an update installed, shows there (a network share's subfolders
    are not read, as updates reads none)."""
    if folder is None:
        return ()
    found = []
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                try:
                    st = entry.stat()
                except OSError:
                    continue
                found.append((entry.name, st.st_size, st.st_mtime_ns))
    except OSError:
        return ("unreadable",)
    return tuple(sorted(found))


def _kiosk_files() -> tuple:
    """Every file of the kiosk but compiled Python: code, QML and its catalogs, the text catalogs,
    fonts and pictures (in a source checkout the last three are beside the package, not in it)."""
    package = Path(__file__).resolve().parents[1]
    beside = [resources.data_dir(name) for name in ("assets", "translations")]
    roots = [package, *(p for p in beside if package not in p.parents)]
    return tuple((str(root), file_times(root)) for root in roots)


def settings_key(
    argv: list[str],
    config: str | Path | None,
    data_dir: Path,
    qt_version: str,
    environ: Mapping[str, str] = os.environ,
) -> tuple:
    """What decides the kiosk's settings and code, read before any of them is: known at once."""
    chosen = paths.chosen_config_file(config, environ)
    site_file = chosen or paths.system_config_file(environ=environ)
    config_files = (site_file, *(data_dir / name for name in CONFIG_FILES))
    env = tuple(sorted((k, v) for k, v in environ.items() if k in ENVIRONMENT or k.startswith(PREFIXES)))
    return (
        FORMAT,
        tuple(argv),
        env,
        tuple((str(p), _digest(p)) for p in config_files),
        _kiosk_files(),
        qt_version,
        sys.version_info[:2],
    )


def content_key(bundle_dir: Path, inbox: Path | None, data_dir: Path, stamp: tuple | None = None) -> tuple:
    """What decides the content: the bundle folder's files (`stamp`, their fingerprint, if just
    taken); the update folder's and the installed packages' listings (a new package there may be
    installed at the next start)."""
    watched = (inbox, data_dir / paths.INSTALLED_BUNDLES)
    stamp = stamp or fingerprint(bundle_dir)
    return (str(bundle_dir), stamp, tuple((str(w), _listing(w)) for w in watched))


class Picture:
    """A picture read from disk: its pixels and how they were shown."""

    def __init__(self, meta: dict, pixels: bytes | memoryview | mmap.mmap):
        self.width: int = meta["width"]
        self.height: int = meta["height"]
        self.ratio: float = meta["ratio"]
        self.fullscreen: bool = meta["fullscreen"]
        self.title: str = meta["title"]
        self.pixels = pixels
        self.crc32: int = meta["crc32"] if "crc32" in meta else zlib.crc32(pixels)


def files(cache_dir: Path) -> tuple[Path, Path]:
    return cache_dir / f"{NAME}.key", cache_dir / f"{NAME}.rgb"


def read(cache_dir: Path, data_dir: Path, settings: tuple, screen: tuple) -> Picture | None:
    """The picture to show now, or None: no picture, or anything that decides the first frame
    changed since it was taken (then the kiosk starts as if there had never been one)."""
    key_file, pixel_file = files(cache_dir)
    try:
        meta = marshal.loads(paths.read_limited(key_file, MAX_CONFIG_BYTES))
        if meta["format"] != FORMAT or meta["settings"] != settings or meta["screen"] != screen:
            return None
        bundle_dir, _, ((inbox, _), _) = meta["content"]
        inbox = None if inbox == "None" else Path(inbox)
        if content_key(Path(bundle_dir), inbox, data_dir) != meta["content"]:
            return None
        if meta["width"] * meta["height"] > MAX_PIXELS:
            return None
        windowed, width, height, ratio = screen
        if not windowed and (meta["width"], meta["height"]) != (round(width * ratio), round(height * ratio)):
            return None  # full screen, but not the screen's size: never shown cut off or in a corner
    except (OSError, ValueError, EOFError, TypeError, KeyError):
        return None
    # The key is this start's: the pixels must be the ones it was written with. A check against a
    # torn or damaged file (SHA-256 would take 26 ms of an 80 ms lead): the file is in the kiosk's
    # own data folder, which only the kiosk's account can write.
    try:
        pixels = _map(pixel_file)
    except (OSError, ValueError) as exc:  # ValueError: an empty file
        return _damaged(cache_dir, str(exc))
    if len(pixels) != meta["width"] * meta["height"] * 4 or zlib.crc32(pixels) != meta["crc32"]:
        pixels.close()
        return _damaged(cache_dir, "its pixels are not the ones it was kept with")
    return Picture(meta, pixels)


def _damaged(cache_dir: Path, why: str) -> None:
    """Forget a picture whose pixels are damaged, so that this start keeps a new one (its key is
    unchanged, so it would otherwise be kept as it is, and never shown again)."""
    log.warning("start-up picture damaged (%s); not shown, and a new one is kept at this start", why)
    try:
        forget(cache_dir)
    except OSError as exc:
        log.warning("start-up picture: the damaged one cannot be removed: %s", exc)


def _map(path: Path) -> mmap.mmap:
    """The file's bytes, mapped rather than copied (8 MB at 1920x1080), until closed."""
    with open(path, "rb") as file:
        return mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)


def reread(cache_dir: Path, picture: Picture) -> mmap.mmap | None:
    """The pixels of a picture read before, if the file still holds exactly them."""
    try:
        pixels = _map(files(cache_dir)[1])
    except (OSError, ValueError):
        return None
    if zlib.crc32(pixels) == picture.crc32:
        return pixels
    pixels.close()
    return None


def write(cache_dir: Path, key: dict, picture: Picture) -> bool:
    """Keep `picture` for the next start under `key` (settings, screen, content); True if written,
    False if the same picture was already kept. Raises OSError if the folder cannot be written."""
    key_file, pixel_file = files(cache_dir)
    meta = {
        "format": FORMAT,
        **key,
        "width": picture.width,
        "height": picture.height,
        "ratio": picture.ratio,
        "fullscreen": picture.fullscreen,
        "title": picture.title,
        "crc32": picture.crc32,
    }
    encoded = marshal.dumps(meta)
    try:
        if paths.read_limited(key_file, len(encoded)) == encoded:
            return False
    except OSError:
        pass
    cache_dir.mkdir(parents=True, exist_ok=True)
    key_file.unlink(missing_ok=True)  # never a new key beside old pixels, even for a moment
    for path, data in ((pixel_file, picture.pixels), (key_file, encoded)):  # the key last
        partial = path.with_name(path.name + ".part")
        try:
            partial.write_bytes(data)
            partial.replace(path)
        finally:  # a full disk leaves no half-written file behind
            partial.unlink(missing_ok=True)
    return True


def forget(cache_dir: Path) -> None:
    for path in files(cache_dir):
        path.unlink(missing_ok=True)
