"""Content updates through what councils already use: a folder on a network share or a USB stick.

At start-up, or when staff ask, the kiosk looks in its configured folder for packages
(`*.kbundle`), verifies each against the trusted keys, and installs the newest one into its data
directory under a versioned name, keeping the one before it for rollback:

    <data dir>/bundles/state.json                      which is current, which is previous
    <data dir>/bundles/<id>-<version>-<hash>/          the unpacked bundle the kiosk reads
    <data dir>/bundles/<id>-<version>-<hash>.kbundle   the signed package it came from

(kiosk.core.content.store keeps that folder.) A refused package never replaces a good bundle: the
kiosk keeps what it had (or the built-in bundle) and says why in the messages for staff. The update
folder is only ever read, never written. Every start-up checks the installed bundle against its
signed package again, so a file changed on the kiosk's own disk is noticed and restored.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import NamedTuple

from kiosk.core import paths
from kiosk.core.content import store
from kiosk.core.content.pack import MAX_PACKAGE_BYTES, SUFFIX, Manifest
from kiosk.core.content.problems import BundleError
from kiosk.core.content.store import BUILT_IN, BUNDLES, INCOMING, INSTALLED_NAME, STATE  # noqa: F401
from kiosk.core.content.store import disk as _disk
from kiosk.core.content.store import load_manifest as _load_manifest
from kiosk.core.content.store import prune as _prune
from kiosk.core.content.store import read_state as _read_state
from kiosk.core.content.store import remove as _remove
from kiosk.core.content.store import version_key as _version_key
from kiosk.core.content.store import write_state as _write_state

MAX_CANDIDATES = 20


class Settings(NamedTuple):
    """What the site configuration says about bundles."""

    data_dir: Path  # the kiosk's own writable folder
    trusted_keys: Sequence[str] = ()  # base64 or PEM Ed25519 public keys
    inbox: Path | None = None  # the network share or USB stick folder to take packages from
    allow_unsigned: bool = False  # only for trying bundles out, never on a public kiosk
    review_months: int = 12


class Outcome(NamedTuple):
    bundle_path: Path | None  # the bundle folder to run; None means the built-in bundle
    messages: tuple[str, ...]  # for staff (PIN screen) and the log


class _Installed(NamedTuple):
    name: str
    path: Path
    manifest: Manifest
    digest: str


def start_up(settings: Settings, today: date | None = None) -> Outcome:
    """The bundle to run now: a new one from the folder if there is one, else the installed one."""
    return pick_up(settings, today=today, asked=False)


def pick_up(settings: Settings, *, today: date | None = None, asked: bool = True) -> Outcome:
    """Look in the configured folder for a newer package and install it if it passes every check.

    `asked` is True when staff pressed "check for updates": they are then also told when there is
    nothing new. Runs in well under a second for a typical bundle; call it off the UI thread.
    """
    messages: list[str] = []
    root = _root(settings, messages)
    if root is None:
        return _outcome(None, messages)
    current = _running(settings, root, messages)
    running_label = current.manifest.label if current else BUILT_IN
    if settings.inbox is None:
        return _outcome(current, messages)
    state = _read_state(root)
    known = {d for d in (state.get("current_sha256"), state.get("previous_sha256")) if d}
    held_back = set(state.get("held_back", []))
    offers = []
    for path in _candidates(settings.inbox, messages, asked):
        offer = _offer(settings, path, known | held_back, messages, running_label)
        if offer is not None:
            offers.append(offer)
    if not offers:
        if asked:
            messages.append(f"No new bundle in {settings.inbox}. Running {running_label}.")
        return _outcome(current, messages)
    manifest, signed, digest, path = max(offers, key=lambda o: (o[0].date, _version_key(o[0].version)))
    if current and (manifest.date, _version_key(manifest.version)) <= (
        current.manifest.date,
        _version_key(current.manifest.version),
    ):
        messages.append(
            f"Not installed {path.name}: {manifest.label} is not newer than the running {running_label}. "
            "Give a new bundle a later date and version."
        )
        return _outcome(current, messages)
    installed = _install(settings, root, manifest, signed, digest, path, messages, running_label, today)
    return _outcome(installed or current, messages)


def installed(settings: Settings) -> Outcome:
    """The installed bundle after checking it against its signed package; no folder is read."""
    messages: list[str] = []
    root = _root(settings, messages)
    return _outcome(_running(settings, root, messages) if root else None, messages)


def rollback(settings: Settings) -> Outcome:
    """Go back to the previous bundle (or the built-in one); the package left is not installed again."""
    messages: list[str] = []
    root = _root(settings, messages)
    if root is None:
        return _outcome(None, messages)
    state = _read_state(root)
    if not state.get("current"):
        return Outcome(None, (f"Nothing to roll back: the kiosk runs {BUILT_IN}.",))
    try:
        current_label = _load_manifest(root / f"{state['current']}{SUFFIX}").label
    except (OSError, BundleError):
        current_label = str(state["current"])
    state_before = state.get("current")
    previous = _verified(settings, root, state.get("previous"), messages)
    held = [*state.get("held_back", []), state.get("current_sha256")]
    state.update(
        held_back=[h for h in held if h][-20:],
        current=previous.name if previous else None,
        current_sha256=previous.digest if previous else None,
        previous=None,
        previous_sha256=None,
    )
    try:
        _write_state(root, state)
    except OSError as exc:
        messages.append(f"Could not roll back from {current_label}: {_disk(exc)} Still running it.")
        return _outcome(_verified(settings, root, state_before, messages), messages)
    messages.append(
        f"Rolled back from {current_label} to {previous.manifest.label if previous else BUILT_IN}."
    )
    return _outcome(previous, messages)


# --- the installed bundles --------------------------------------------------------------------


def _root(settings: Settings, messages: list[str]) -> Path | None:
    return store.open_store(settings.data_dir, messages)


def _outcome(current: _Installed | None, messages: list[str]) -> Outcome:
    return Outcome(current.path if current else None, tuple(messages))


def _running(settings: Settings, root: Path, messages: list[str]) -> _Installed | None:
    """The current bundle if it still verifies, else the previous one, else None (built-in)."""
    state = _read_state(root)
    current = _verified(settings, root, state.get("current"), messages)
    if current is not None or not state.get("current"):
        return current
    previous = _verified(settings, root, state.get("previous"), messages)
    if previous is not None:
        messages.append(f"Running the previous bundle, {previous.manifest.label}, instead.")
        state.update(
            current=previous.name, current_sha256=previous.digest, previous=None, previous_sha256=None
        )
    else:
        messages.append(f"Running {BUILT_IN} instead.")
        state.update(current=None, current_sha256=None, previous=None, previous_sha256=None)
    try:
        _write_state(root, state)
    except OSError as exc:  # the same choice is made again at the next start
        messages.append(f"This could not be kept in {root / STATE} ({_disk(exc)}).")
    return previous


def _verified(settings: Settings, root: Path, name: object, messages: list[str]) -> _Installed | None:
    """An installed bundle checked against its signed package; restored from it if files changed."""
    from kiosk.core.content import pack, signing

    if not isinstance(name, str) or not INSTALLED_NAME.fullmatch(name):
        return None
    package, folder = root / f"{name}{SUFFIX}", root / name
    try:
        data = _read_bounded(package)
        verified = signing.verify(
            data, settings.trusted_keys, allow_unsigned=settings.allow_unsigned, source=package.name
        )
        manifest = pack.read_manifest(verified.data, package.name)
    except (OSError, BundleError) as exc:
        messages.append(f"The installed bundle {name} was refused: {_reason(exc)}")
        return None
    try:
        changed = pack.verify_folder(folder, manifest)
    except OSError as exc:  # a folder the kiosk's account may no longer read: restored like a changed one
        changed = [f"{name} cannot be read ({exc.strerror or exc})"]
    if changed:
        import tempfile

        try:
            tmp = Path(tempfile.mkdtemp(prefix=INCOMING, dir=root))
            tmp.rmdir()
            pack.unpack(pack.read_package(verified.data, package.name), tmp)
            _remove(folder)
            os.replace(tmp, folder)
        except (OSError, BundleError) as exc:
            messages.append(
                f"The installed bundle {name} was changed on disk and could not be restored: {exc}"
            )
            return None
        messages.append(
            f"Files of {manifest.label} had changed on this kiosk's disk ({'; '.join(changed[:3])}); "
            "they were restored from the signed package."
        )
    return _Installed(name, folder, manifest, hashlib.sha256(data).hexdigest())


# --- new packages ----------------------------------------------------------------------------


def _candidates(inbox: Path, messages: list[str], asked: bool) -> list[Path]:
    try:
        found = sorted(
            p for p in Path(inbox).iterdir() if p.name.endswith(SUFFIX) and not p.name.startswith(".")
        )
    except OSError as exc:
        if asked or not isinstance(exc, FileNotFoundError):
            messages.append(f"The update folder {inbox} cannot be read ({exc.strerror or exc}).")
        return []
    if len(found) > MAX_CANDIDATES:
        messages.append(
            f"The update folder holds {len(found)} packages; only the last {MAX_CANDIDATES} by name are read."
        )
        found = found[-MAX_CANDIDATES:]
    return found


def _offer(
    settings: Settings, path: Path, skip: set[str], messages: list[str], running: str
) -> tuple[Manifest, bytes, str, Path] | None:
    try:
        data, digest = _package_bytes(path)
        if digest in skip:
            return None
        manifest = _verified_manifest(settings, data, path)
    except (OSError, BundleError) as exc:
        messages.append(f"Refused {path.name}: {_reason(exc)} Still running {running}.")
        return None
    return manifest, data, digest, path


def _package_bytes(path: Path) -> tuple[bytes, str]:
    """A package's bytes and their SHA-256; OSError for a link, a folder or an oversized file."""
    if path.is_symlink() or not path.is_file():
        raise OSError(f"{path.name} is a link or not a file; put the package itself in the folder")
    data = _read_bounded(path)
    return data, hashlib.sha256(data).hexdigest()


def _verified_manifest(settings: Settings, data: bytes, path: Path) -> Manifest:
    from kiosk.core.content import pack, signing

    verified = signing.verify(
        data, settings.trusted_keys, allow_unsigned=settings.allow_unsigned, source=path.name
    )
    return pack.read_manifest(verified.data, path.name)


def _unpack_checked(settings: Settings, signed: bytes, path: Path, dest: Path, today: date | None) -> list:
    """Unpack a verified package into `dest` and check it as `kiosk bundle check` would: its findings."""
    from kiosk.core.content import pack, signing
    from kiosk.core.content.check import check_bundle

    pack.unpack(pack.read_package(signing.split(signed)[0], path.name), dest)
    return check_bundle(dest, review_months=settings.review_months, today=today)


def _install(
    settings: Settings,
    root: Path,
    manifest: Manifest,
    signed: bytes,
    digest: str,
    path: Path,
    messages: list[str],
    running: str,
    today: date | None,
) -> _Installed | None:
    import tempfile

    from kiosk.core.content.check import errors

    name = f"{manifest.id}-{manifest.version}-{digest[:8]}"
    try:
        tmp = Path(tempfile.mkdtemp(prefix=INCOMING, dir=root))
    except OSError as exc:
        messages.append(
            f"Could not install {path.name}: {_disk(exc, 'unpacking it')} Still running {running}."
        )
        return None
    tmp.rmdir()
    try:
        findings = _unpack_checked(settings, signed, path, tmp, today)
    except BundleError as exc:
        _remove(tmp)
        messages.append(f"Refused {path.name}: {_reason(exc)} Still running {running}.")
        return None
    except OSError as exc:  # the kiosk's own disk, not the package
        _remove(tmp)
        messages.append(
            f"Could not install {path.name}: {_disk(exc, 'unpacking it')} Still running {running}."
        )
        return None
    problems = errors(findings)
    if problems:
        _remove(tmp)
        listed = "; ".join(str(p) for p in problems[:3])
        messages.append(
            f"Refused {path.name}: {len(problems)} problem(s) found by `kiosk bundle check` ({listed}). "
            f"Still running {running}."
        )
        return None
    state = _read_state(root)
    folder, package = root / name, root / f"{name}{SUFFIX}"
    step = "putting the bundle in place"
    try:
        _remove(folder)
        os.replace(tmp, folder)
        # The package as received, signature and all, so every start-up can check the folder again.
        step = "keeping its package"
        paths.write_atomically(package, signed)
        step = f"recording it in {STATE}"
        state.update(
            previous=state.get("current"),
            previous_sha256=state.get("current_sha256"),
            current=name,
            current_sha256=digest,
        )
        _write_state(root, state)  # the moment the new bundle is installed
    except OSError as exc:  # a full or read-only disk: keep what runs now, and nothing half made
        for leftover in (tmp, folder, package):
            _remove(leftover)
        messages.append(f"Could not install {path.name}: {_disk(exc, step)} Still running {running}.")
        return None
    _prune(root, {k for k in (name, state["previous"]) if k})
    warnings = [f for f in findings if not f.is_error]
    messages.append(
        f"Installed {manifest.label} from {path.name}, replacing {running}; staff can roll back to {running}."
    )
    reviews = [f for f in warnings if f.field.endswith(".last_checked")]
    if reviews:
        messages.append(
            f"{len(reviews)} contact(s) are due for review: " + "; ".join(f.message for f in reviews[:3])
        )
    if len(warnings) > len(reviews):
        messages.append(f"`kiosk bundle check` gave {len(warnings) - len(reviews)} other warning(s) for it.")
    return _Installed(name, folder, manifest, digest)


class Verdict(NamedTuple):
    """What an install would make of one package in the update folder."""

    package: Path
    label: str | None  # the manifest's name, version and date, if it could be read
    refused: str  # why it would be refused; "" when it passes every check
    date_version: tuple = ()  # for choosing the newest


def survey(settings: Settings, today: date | None = None) -> tuple[list[Verdict], Verdict | None, list[str]]:
    """Every package in the update folder checked exactly as an install checks it, with nothing
    installed and nothing written to the data folder (`kiosk config check`): the verdicts, the
    package a kiosk would install (the newest that passes), and what was wrong with the folder."""
    import tempfile

    from kiosk.core.content.check import errors

    messages: list[str] = []
    verdicts = []
    for path in _candidates(settings.inbox, messages, asked=True) if settings.inbox else []:
        label, key = None, ()
        try:
            data, _ = _package_bytes(path)
            manifest = _verified_manifest(settings, data, path)
            label, key = manifest.label, (manifest.date, _version_key(manifest.version))
            with tempfile.TemporaryDirectory(prefix="kiosk-survey-") as tmp:
                problems = errors(_unpack_checked(settings, data, path, Path(tmp) / "bundle", today))
            refused = (
                f"{len(problems)} problem(s) found by `kiosk bundle check` ("
                + "; ".join(str(p) for p in problems[:3])
                + ")"
                if problems
                else ""
            )
        except (OSError, BundleError) as exc:
            refused = _reason(exc)
        verdicts.append(Verdict(path, label, refused, key))
    passing = [v for v in verdicts if not v.refused]
    return verdicts, max(passing, key=lambda v: v.date_version, default=None), messages


def _read_bounded(path: Path) -> bytes:
    with open(path, "rb") as fh:
        data = fh.read(MAX_PACKAGE_BYTES + 1)
    if len(data) > MAX_PACKAGE_BYTES:
        raise OSError(f"{path.name} is larger than {MAX_PACKAGE_BYTES} bytes")
    return data


def _reason(exc: BaseException) -> str:
    if isinstance(exc, BundleError):
        return " ".join(f"{p}." if not str(p).endswith(".") else str(p) for p in exc.problems[:3])
    return f"{exc}."
