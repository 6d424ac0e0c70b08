"""The data folder's store of installed bundles: which is current and previous (state.json), and
what an install cut short (a power cut, a full disk, a SIGKILL) leaves behind.

    <data dir>/bundles/state.json                      which is current, which is previous
    <data dir>/bundles/<id>-<version>-<hash>/          the unpacked bundle the kiosk reads
    <data dir>/bundles/<id>-<version>-<hash>.kbundle   the signed package it came from

Start-up is the recovery: every start finds the folder as an install left it, whatever happened,
and puts it right (kiosk.core.content.updates decides what to run and install).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import time
from collections.abc import Callable
from pathlib import Path

from kiosk.core import paths
from kiosk.core.content.pack import MAX_PACKAGE_BYTES, SUFFIX, Manifest
from kiosk.core.content.problems import BundleError

BUNDLES = paths.INSTALLED_BUNDLES
STATE = "state.json"
INCOMING = ".incoming-"
STALE_S = 600  # what an unfinished install left is removed once it is this old
INSTALLED_NAME = re.compile(r"[a-z][a-z0-9_-]*-[0-9A-Za-z._-]+-[0-9a-f]{8}")
BUILT_IN = "the built-in bundle"


def open_store(data_dir: Path, messages: list[str]) -> Path | None:
    """The folder of installed bundles, made if need be, with what an install cut short (a power
    cut, a full disk) left behind removed; None if there can be none (then the built-in bundle runs,
    and `messages` say why)."""
    root = Path(data_dir) / BUNDLES
    if (root.is_symlink() or root.exists()) and not root.is_dir():
        aside = root.with_name(f"{BUNDLES}.not-a-folder")
        try:
            remove(aside)
            os.replace(root, aside)
        except OSError as exc:
            messages.append(
                f"{root} is not a folder and cannot be moved aside ({disk(exc)}), so no content "
                f"package can be installed. Running {BUILT_IN}. Remove it."
            )
            return None
        messages.append(f"{root} was not a folder: moved aside to {aside.name}.")
    try:
        root.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        messages.append(
            f"The folder for installed content {root} cannot be made ({disk(exc)}). Running {BUILT_IN}."
        )
        return None
    for leftover in root.glob(f"{INCOMING}*"):  # from an install cut short by a power cut
        remove(leftover)
    for leftover in root.glob(".*.tmp"):
        if stale(leftover):
            remove(leftover)
    state = read_state(root)
    if not state and (root / STATE).exists():
        state = rebuild_state(root, messages)
    if state.get("current"):  # bundles state.json does not name: an install that could not finish
        prune(root, {k for k in (state.get("current"), state.get("previous")) if isinstance(k, str)}, stale)
    return root


def stale(path: Path) -> bool:
    """Older than any install still going on in another kiosk program (an install takes well under
    a second; a program that could not take the content lock may be installing now)."""
    try:
        return time.time() - path.lstat().st_mtime > STALE_S
    except OSError:
        return False


def rebuild_state(root: Path, messages: list[str]) -> dict:
    """A damaged state.json, made again from the installed packages (the newest current, the one
    before it previous), so a damaged file never drops the installed content for the built-in;
    each package is still verified before it runs."""
    found = []
    for package in root.glob(f"*{SUFFIX}"):
        name = package.name[: -len(SUFFIX)]
        try:
            if INSTALLED_NAME.fullmatch(name) and (root / name).is_dir():
                manifest = load_manifest(package)
                digest = hashlib.sha256(paths.read_limited(package, MAX_PACKAGE_BYTES)).hexdigest()
                found.append(((manifest.date, version_key(manifest.version)), name, digest))
        except (OSError, BundleError):
            continue
    found.sort(reverse=True)
    state: dict = {"current": None, "current_sha256": None, "previous": None, "previous_sha256": None}
    for (_, name, digest), which in zip(found, ("current", "previous"), strict=False):
        state.update({which: name, f"{which}_sha256": digest})
    try:
        write_state(root, state)
    except OSError as exc:
        messages.append(f"{root / STATE} is damaged and cannot be written again ({disk(exc)})")
    messages.append(
        f"{root / STATE} was damaged; made again from the installed packages"
        + (f" ({found[0][1]} is current)." if found else " (there are none).")
    )
    return state


def read_state(root: Path) -> dict:
    try:
        state = json.loads((root / STATE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return state if isinstance(state, dict) else {}


def write_state(root: Path, state: dict) -> None:
    """Replace state.json whole, or raise OSError and leave it (and no temporary file) as it was."""
    paths.write_atomically(root / STATE, json.dumps(state, indent=1, sort_keys=True).encode("utf-8"))


def load_manifest(package: Path) -> Manifest:
    from kiosk.core.content import pack, signing

    return pack.read_manifest(signing.split(paths.read_limited(package, MAX_PACKAGE_BYTES))[0])


def prune(root: Path, keep: set[str], only: Callable[[Path], bool] = lambda _: True) -> None:
    for entry in root.iterdir():
        stem = entry.name[: -len(SUFFIX)] if entry.name.endswith(SUFFIX) else entry.name
        if INSTALLED_NAME.fullmatch(stem) and stem not in keep and only(entry):
            remove(entry)


def remove(path: Path) -> None:
    """Remove a file or folder if it can be; what cannot (a read-only disk) stays, and is tried
    again at the next start."""
    try:
        if path.is_symlink() or path.is_file():
            path.unlink(missing_ok=True)
        elif path.is_dir():
            import shutil

            path.chmod(0o700)  # the kiosk's own folder, though someone made it unreadable
            shutil.rmtree(path, ignore_errors=True)
    except OSError:
        pass


def disk(exc: OSError, doing: str = "") -> str:
    """What went wrong on the kiosk's own disk, for staff: "No space left on device (…) while …"."""
    where = f" ({exc.filename})" if getattr(exc, "filename", None) else ""
    return f"{exc.strerror or exc}{where}{f' while {doing}' if doing else ''}."


def version_key(version: str) -> tuple:
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.split(r"[._-]", version))
