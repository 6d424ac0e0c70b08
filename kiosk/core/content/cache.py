"""A verified cache of a loaded bundle, so that start-up skips reading and checking its TOML.

Loading a bundle means parsing five TOML files and checking every number, link and text: about
8 ms of a kiosk's start-up, every start, for content that changes a few times a year. The cache
keeps the loaded bundle's records as plain data beside the SHA-256 of every file in the bundle
folder and a stamp of the code that loaded it. It is used only when all of that matches. Any
change on disk (a number edited by hand, a file added, removed or renamed, a new kiosk version)
means the bundle is loaded and checked from its files again, exactly as with no cache, and a
refused bundle is never cached.

The records are stored with `marshal` as tuples, strings and numbers: unlike pickle, reading a
cache file runs no code, and only the model's record types are ever built from it. `marshal` is not
meant for untrusted files, so the cache lives in the kiosk's own data folder, which only the kiosk's
account can write, and a file that does not decode or match is ignored.

The cache proves its own bytes before it is believed: the SHA-256 of the stored records is kept
beside them and checked at every load (about 0.1 ms), since a disk, a memory error or a bad copy
can change one digit of a phone number and still leave valid `marshal` data. A cache that does not
match is said in the log and replaced by the bundle loaded and checked from its files.
"""

from __future__ import annotations

import contextlib
import logging
import marshal
from datetime import date
from pathlib import Path
from typing import Any

from kiosk.core.content import model
from kiosk.core.content.problems import Problem
from kiosk.core.content.stamp import fingerprint, sha256

log = logging.getLogger(__name__)
FORMAT = 2
MAGIC = b"kiosk-bundle-cache 2\n"  # then the SHA-256 of the records, then the records
MAX_CACHE_BYTES = 4_000_000
# The record types a cache may hold, by name: nothing else is ever built from a cache file.
RECORDS: dict[str, type] = {
    cls.__name__: cls
    for cls in vars(model).values()
    if isinstance(cls, type) and issubclass(cls, tuple) and hasattr(cls, "_fields")
}
RECORDS[Problem.__name__] = Problem


def load_cached(folder: str | Path, cache_dir: Path | None, stamp: tuple | None = None) -> model.Bundle:
    """The bundle in `folder`, from the cache in `cache_dir` if it matches the files on disk exactly,
    else loaded and checked (BundleError as ever) and cached for the next start-up. `stamp` is the
    folder's fingerprint, if the caller has just taken it."""
    folder = Path(folder).resolve()
    if cache_dir is None:
        return _load(folder)
    stamp = stamp or fingerprint(folder)
    path = cache_dir / f"bundle-{sha256(str(folder).encode()).hexdigest()[:16]}.cache"
    cached = _read(path, stamp)
    if cached is not None:
        return cached
    bundle = _load(folder)
    _write(path, {"format": FORMAT, "stamp": stamp, "bundle": encode(bundle)})
    return bundle


def _load(folder: Path) -> model.Bundle:
    from kiosk.core.content.loader import load_bundle  # TOML and the checks: only when needed

    return load_bundle(folder)


def _read(path: Path, stamp: tuple) -> model.Bundle | None:
    from kiosk.core.paths import read_limited

    try:
        stored = read_limited(path, MAX_CACHE_BYTES)
        digest, records = stored[len(MAGIC) : len(MAGIC) + 32], stored[len(MAGIC) + 32 :]
        if not stored.startswith(MAGIC) or sha256(records).digest() != digest:
            log.warning(
                "bundle cache %s is damaged (its records do not match their SHA-256); "
                "the bundle is loaded from its files instead",
                path,
            )
            return None
        data = marshal.loads(records)
        if data["format"] != FORMAT or data["stamp"] != stamp:
            return None
        return decode(data["bundle"])
    except FileNotFoundError:
        return None
    except (OSError, ValueError, EOFError, TypeError, KeyError, IndexError) as exc:
        log.warning("bundle cache %s not used: %s", path, exc)
        return None


def _write(path: Path, data: dict) -> None:
    """Write the cache atomically; a kiosk that cannot write it starts as it did before, slower."""
    records = marshal.dumps(data)
    partial = path.with_suffix(".part")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(MAGIC + sha256(records).digest() + records)
        partial.replace(path)
    except OSError as exc:
        log.warning("bundle cache %s not written: %s", path, exc)
    finally:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)


# Records to plain data and back. Tuples in a record are sequences, stored as lists; a tuple in the
# stored data is always a tagged value: ("R", record name, fields), ("D", date), ("P", path).


def encode(value: Any) -> Any:
    if isinstance(value, tuple) and hasattr(value, "_fields"):
        return ("R", type(value).__name__, [encode(v) for v in value])
    if isinstance(value, Problem):
        return ("R", "Problem", [value.file, value.field, value.message, value.line])
    if isinstance(value, tuple):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        return {k: encode(v) for k, v in value.items()}
    if isinstance(value, date):
        return ("D", value.toordinal())
    if isinstance(value, Path):
        return ("P", str(value))
    if value is None or isinstance(value, str | int | bool):
        return value
    raise TypeError(f"a bundle holds a {type(value).__name__}, which the cache cannot store")


def decode(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(decode(v) for v in value)
    if isinstance(value, dict):
        return {k: decode(v) for k, v in value.items()}
    if isinstance(value, tuple):
        tag = value[0]
        if tag == "R":
            return RECORDS[value[1]](*(decode(v) for v in value[2]))
        if tag == "D":
            return date.fromordinal(value[1])
        if tag == "P":
            return Path(value[1])
        raise ValueError(f"unknown tag {tag!r}")
    return value
