"""One file per bundle version: pack a checked bundle folder, and unpack one without trusting it.

A package is a zip whose first entry, kiosk-bundle.json, lists every file with its size and SHA-256.
Packing is deterministic (sorted entries, fixed dates and permissions), so the same folder always
gives the same bytes. Unpacking treats the file as hostile: it is read whole (within a size limit)
and every entry is checked (name, type, size, compression ratio, hash) before one byte is written.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import stat
import struct
import zipfile
import zlib
from datetime import date
from pathlib import Path, PurePosixPath
from typing import Any, NamedTuple

from kiosk.core.content.fields import IDENT
from kiosk.core.content.layout import FILES, IMAGE_MAGIC, MAX_ID, VERSION, expected_path, safe_relative
from kiosk.core.content.problems import BundleError, Problem

MANIFEST = "kiosk-bundle.json"
PACKAGE_FORMAT = 1
SUFFIX = ".kbundle"
MAX_PACKAGE_BYTES = 16_000_000
MAX_ENTRIES = 100
MAX_FILE_BYTES = 2_000_000
MAX_TOTAL_BYTES = 16_000_000
MAX_MANIFEST_BYTES = 64_000
# Text deflates about 4:1; a ratio far beyond that is a zip bomb, not content.
MAX_RATIO = 100
SHA256 = re.compile(r"[0-9a-f]{64}")
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
# Everything zipfile and zlib raise for a damaged or hostile archive.
ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    EOFError,
    OSError,
    ValueError,
    NotImplementedError,
    RuntimeError,
    struct.error,
    OverflowError,
    KeyError,
    IndexError,
)


class PackError(BundleError):
    """The package cannot be used; `problems` lists why (file is the entry, or "(package)")."""


class Manifest(NamedTuple):
    id: str
    name: str
    version: str
    date: date
    files: dict[str, tuple[str, int]]  # path -> (sha256 hex, size)

    @property
    def label(self) -> str:
        return f"{self.name} {self.version} ({self.date.isoformat()})"

    def to_json(self) -> bytes:
        data = {
            "kiosk_bundle": PACKAGE_FORMAT,
            "id": self.id,
            "name": self.name,
            "version": self.version,
            "date": self.date.isoformat(),
            "files": {p: {"sha256": h, "bytes": n} for p, (h, n) in sorted(self.files.items())},
        }
        return (json.dumps(data, indent=1, sort_keys=True, ensure_ascii=True) + "\n").encode("ascii")


class Package(NamedTuple):
    manifest: Manifest
    files: dict[str, bytes]


# --- packing ---------------------------------------------------------------------------------


def bundle_files(folder: Path) -> list[str]:
    """The files of `folder` that belong in a package, as sorted POSIX paths; never follows a link."""
    found = []
    for root, dirs, names in os.walk(folder, followlinks=False):
        base = Path(root)
        dirs[:] = sorted(d for d in dirs if not (base / d).is_symlink())
        for name in names:
            path = base / name
            rel = path.relative_to(folder).as_posix()
            if not path.is_symlink() and path.is_file() and expected_path(rel) is None:
                found.append(rel)
    return sorted(found)


def pack_bytes(folder: str | Path) -> tuple[bytes, Manifest]:
    """The package of a bundle folder that passes `kiosk bundle check` with no error."""
    from kiosk.core.content.check import check_bundle, errors
    from kiosk.core.content.loader import load_bundle

    folder = Path(folder)
    problems = errors(check_bundle(folder))
    if problems:
        raise PackError(folder, problems)
    bundle = load_bundle(folder)
    contents = {rel: (folder / rel).read_bytes() for rel in bundle_files(folder)}
    manifest = Manifest(
        id=bundle.id,
        name=bundle.name,
        version=bundle.version,
        date=bundle.date,
        files={rel: (hashlib.sha256(data).hexdigest(), len(data)) for rel, data in contents.items()},
    )
    problems = _manifest_problems(manifest)
    if problems:
        raise PackError(folder, [Problem("bundle.toml", field, msg) for field, msg in problems])
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for name, data in [(MANIFEST, manifest.to_json()), *sorted(contents.items())]:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = (stat.S_IFREG | 0o644) << 16
            zf.writestr(info, data, compresslevel=9)
    return out.getvalue(), manifest


def pack(folder: str | Path, output: str | Path) -> Manifest:
    data, manifest = pack_bytes(folder)
    output = Path(output)
    tmp = output.with_name(f".{output.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, output)
    return manifest


def suggested_name(manifest: Manifest) -> str:
    return f"{manifest.id}-{manifest.version}{SUFFIX}"


# --- reading a package -----------------------------------------------------------------------


def read_package(data: bytes, source: str | Path = "package") -> Package:
    """Every file of an (already signature-checked) package, after checking all of it."""
    zf, infos = _open(data, source)
    manifest = _manifest(zf, infos, source)
    files: dict[str, bytes] = {}
    total = 0
    for name, info in infos.items():
        if name == MANIFEST:
            continue
        content = _read(zf, info, source)
        total += len(content)
        if total > MAX_TOTAL_BYTES:
            raise PackError.of(source, f"unpacks to more than {MAX_TOTAL_BYTES} bytes in all")
        digest, size = manifest.files[name]
        if len(content) != size or hashlib.sha256(content).hexdigest() != digest:
            raise PackError.of(source, "does not match the SHA-256 in the manifest: it was changed", name)
        magic = IMAGE_MAGIC.get(PurePosixPath(name).suffix.lower())
        if magic is not None and not content.startswith(magic):
            raise PackError.of(source, "is not the image its name says", name)
        files[name] = content
    return Package(manifest, files)


def read_manifest(data: bytes, source: str | Path = "package") -> Manifest:
    """Only the manifest, with the archive's entries checked against it (no file is decompressed)."""
    zf, infos = _open(data, source)
    return _manifest(zf, infos, source)


def _open(data: bytes, source: str | Path) -> tuple[zipfile.ZipFile, dict[str, zipfile.ZipInfo]]:
    if len(data) > MAX_PACKAGE_BYTES:
        raise PackError.of(source, f"is {len(data)} bytes; a package is at most {MAX_PACKAGE_BYTES}")
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        listed = zf.infolist()
    except ZIP_ERRORS as exc:
        raise PackError.of(source, f"is not a bundle package (a zip file): {exc}") from None
    if len(listed) > MAX_ENTRIES:
        raise PackError.of(source, f"holds {len(listed)} entries; a package holds at most {MAX_ENTRIES}")
    infos: dict[str, zipfile.ZipInfo] = {}
    folded: set[str] = set()
    for info in listed:
        name = info.filename
        why = (safe_relative(name) if name else "has an empty name") or _entry_problem(info)
        if why is None and name != MANIFEST:
            why = expected_path(name)
        if why:
            raise PackError.of(source, why, repr(name)[1:-1][:200])
        if name.casefold() in folded:
            raise PackError.of(source, "appears twice (names differing only in case count as the same)", name)
        folded.add(name.casefold())
        infos[name] = info
    return zf, infos


def _entry_problem(info: zipfile.ZipInfo) -> str | None:
    mode = info.external_attr >> 16
    if info.is_dir() or stat.S_ISDIR(mode) or (info.create_system == 0 and info.external_attr & 0x10):
        return "is a folder entry; a package holds files only"
    if info.create_system == 3 and stat.S_IFMT(mode) not in (0, stat.S_IFREG):
        kind = "a symbolic link" if stat.S_ISLNK(mode) else "not a plain file"
        return f"is {kind}; a package holds plain files only"
    if info.flag_bits & 0x1:
        return "is encrypted"
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        return f"uses compression method {info.compress_type}; only stored or deflated are read"
    if info.file_size > MAX_FILE_BYTES:
        return f"unpacks to {info.file_size} bytes; a file is at most {MAX_FILE_BYTES}"
    if info.file_size > 4096 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
        return f"is compressed more than {MAX_RATIO}:1, as a zip bomb is"
    return None


def _read(
    zf: zipfile.ZipFile, info: zipfile.ZipInfo, source: str | Path, limit: int = MAX_FILE_BYTES
) -> bytes:
    try:
        with zf.open(info) as fh:
            content = fh.read(limit + 1)
    except ZIP_ERRORS as exc:
        raise PackError.of(source, f"cannot be read: {exc}", info.filename) from None
    if len(content) > limit or len(content) != info.file_size:
        raise PackError.of(source, "is not the size the archive says", info.filename)
    return content


def _manifest(zf: zipfile.ZipFile, infos: dict[str, zipfile.ZipInfo], source: str | Path) -> Manifest:
    if MANIFEST not in infos:
        raise PackError.of(source, f"has no {MANIFEST}; make packages with `kiosk bundle pack`")
    raw = _read(zf, infos[MANIFEST], source, MAX_MANIFEST_BYTES)
    try:
        data = json.loads(raw.decode("utf-8"), object_pairs_hook=_no_duplicates, parse_constant=_no_constant)
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise PackError.of(source, f"is not valid JSON: {str(exc)[:200]}", MANIFEST) from None
    manifest, problems = _parse_manifest(data)
    if manifest is not None:
        problems += _manifest_problems(manifest)
    if problems:
        raise PackError(Path(str(source)), [Problem(MANIFEST, f, m) for f, m in problems[:20]]) from None
    assert manifest is not None
    present = set(infos) - {MANIFEST}
    extra, missing = sorted(present - set(manifest.files)), sorted(set(manifest.files) - present)
    if extra or missing:
        parts = ([f"not listed: {', '.join(extra)}"] if extra else []) + (
            [f"listed but absent: {', '.join(missing)}"] if missing else []
        )
        raise PackError.of(source, "; ".join(parts)[:500], MANIFEST)
    return manifest


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [k for k, _ in pairs]
    if len(set(keys)) != len(keys):
        raise ValueError("a key appears twice")
    return dict(pairs)


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not a number")


def _parse_manifest(data: Any) -> tuple[Manifest | None, list[tuple[str, str]]]:
    keys = {"kiosk_bundle", "id", "name", "version", "date", "files"}
    if not isinstance(data, dict):
        return None, [("(file)", "should be a JSON object")]
    if set(data) != keys:
        return None, [("(file)", f"should have exactly the keys {', '.join(sorted(keys))}")]
    problems = []
    fmt = data["kiosk_bundle"]
    if type(fmt) is not int or fmt != PACKAGE_FORMAT:
        problems.append(("kiosk_bundle", f"is {fmt!r}; this kiosk reads package format {PACKAGE_FORMAT}"))
    for key in ("id", "name", "version", "date"):
        if not isinstance(data[key], str):
            problems.append((key, "should be text"))
    files = data["files"]
    if not isinstance(files, dict):
        problems.append(("files", "should be an object of path -> {sha256, bytes}"))
    if problems:
        return None, problems
    try:
        day = date.fromisoformat(data["date"])
    except ValueError:
        return None, [("date", f"{data['date'][:40]!r} is not a date like 2026-11-26")]
    parsed = {}
    for path, entry in files.items():
        if (
            not isinstance(entry, dict)
            or set(entry) != {"sha256", "bytes"}
            or not isinstance(entry["sha256"], str)
            or type(entry["bytes"]) is not int
        ):
            return None, [(f"files.{path[:100]}", 'should be {"sha256": "<64 hex digits>", "bytes": <size>}')]
        parsed[path] = (entry["sha256"], entry["bytes"])
    return Manifest(data["id"], data["name"], data["version"], day, parsed), []


def _manifest_problems(m: Manifest) -> list[tuple[str, str]]:
    problems = []
    if not IDENT.fullmatch(m.id) or len(m.id) > MAX_ID:
        problems.append(("id", f"{m.id[:40]!r} should be up to {MAX_ID} lower-case letters, digits, - or _"))
    if not VERSION.fullmatch(m.version):
        problems.append(("version", f"{m.version[:40]!r} should be like 2026.11.1 (letters, digits, . - _)"))
    if not m.name.strip() or len(m.name) > 200:
        problems.append(("name", "should be the partnership's name"))
    if len(m.files) > MAX_ENTRIES:
        problems.append(("files", f"lists more than {MAX_ENTRIES} files"))
    for path, (digest, size) in list(m.files.items())[:MAX_ENTRIES]:
        why = safe_relative(path) or expected_path(path)
        if why:
            problems.append((f"files.{path[:100]!r}", why))
        if not SHA256.fullmatch(digest):
            problems.append((f"files.{path[:100]!r}", "sha256 should be 64 lower-case hex digits"))
        if not 0 <= size <= MAX_FILE_BYTES:
            problems.append((f"files.{path[:100]!r}", f"bytes should be 0 to {MAX_FILE_BYTES}"))
    for name in FILES:
        if name not in m.files:
            problems.append(("files", f"lacks {name}; every bundle has {', '.join(FILES)}"))
    return problems


# --- unpacking -------------------------------------------------------------------------------


def unpack(package: Package, dest: str | Path) -> Path:
    """Write a checked package into `dest`, which must not exist yet; nothing is written elsewhere."""
    dest = Path(dest)
    dest.mkdir(mode=0o755)
    root = dest.resolve()
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    for rel, content in sorted(package.files.items()):
        target = root.joinpath(*PurePosixPath(rel).parts)
        if root not in target.parents:
            raise PackError.of(dest, "would be written outside the bundle folder", rel)
        target.parent.mkdir(mode=0o755, parents=True, exist_ok=True)
        if target.parent.resolve() != target.parent:
            raise PackError.of(dest, "would be written through a link", rel)
        fd = os.open(target, flags, 0o644)
        with os.fdopen(fd, "wb") as fh:
            fh.write(content)
    return dest


def verify_folder(folder: str | Path, manifest: Manifest) -> list[str]:
    """How the unpacked folder differs from the manifest (changed, missing or extra files)."""
    folder = Path(folder)
    problems = []
    present = set(bundle_files(folder)) if folder.is_dir() else set()
    for rel, (digest, size) in sorted(manifest.files.items()):
        path = folder / rel
        if rel not in present:
            problems.append(f"{rel} is missing")
            continue
        data = path.read_bytes()
        if len(data) != size or hashlib.sha256(data).hexdigest() != digest:
            problems.append(f"{rel} was changed")
    problems += [f"{rel} was added" for rel in sorted(present - set(manifest.files))]
    return problems
