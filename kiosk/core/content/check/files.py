"""The bundle's folder and files: links, stray files, nesting, names, and fields the kiosk does not read."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from kiosk.core.content.check.findings import Findings
from kiosk.core.content.fields import BundleFile
from kiosk.core.content.layout import MAX_ID, VERSION, expected_path
from kiosk.core.content.look import read_look
from kiosk.core.content.model import Bundle
from kiosk.core.theme import BUNDLE_COLOURS

MAX_DEPTH = 4
MAX_FILES = 100
# Tables and lists inside each other: journey.toml's home.choice[i].label is the deepest use (4).
MAX_NESTING = 8
# Every field each table may have: anything else is ignored by the kiosk, so it is probably a typo.
CHOICE_KEYS = {"label", "target", "detail", "style", "icon"}
SCHEMA: dict[str, dict[str, set[str]]] = {
    "bundle.toml": {
        "": {"format", "id", "name", "version", "date", "slip_title", "source", "discreet"}
        | {"logo", "languages", "theme"},
        "source": {"id", "title", "publisher"},
        "discreet": {"title", "slip_lines", "forbidden_words"},
        "theme": set(BUNDLE_COLOURS),
    },
    "contacts.toml": {
        "": {"contact"},
        "contact": {"id", "name", "discreet_name", "phone", "email", "who_for", "when_to_use", "source"}
        | {"source_page", "last_checked"},
    },
    "journey.toml": {
        "": {"home", "question", "answer", "concern"},
        "home": {"title", "subtitle", "choice"},
        "home.choice": CHOICE_KEYS,
        "question": {"id", "title", "body", "option"},
        "question.option": CHOICE_KEYS,
        "answer": {"id", "concern", "contacts", "heading", "who_answers", "what_to_say", "also"},
        "concern": {"id", "title", "contacts", "slip_lines"},
    },
    "guidance.toml": {"": {"title", "section"}, "section": {"id", "title", "paragraphs", "points"}},
    "abuse_types.toml": {
        "": {"group", "abuse_type"},
        "group": {"id", "title", "intro"},
        "abuse_type": {"id", "group", "title", "summary", "what_it_is", "signs", "what_you_can_do"}
        | {"contact"},
    },
}


def check_files(folder: Path, out: Findings) -> None:
    """Symlinks, unexpected files and deep folders, without following any link out of the bundle."""
    count = 0
    for root, dirs, names in os.walk(folder, followlinks=False):
        base = Path(root)
        depth = len(base.relative_to(folder).parts)
        for name in sorted(dirs):
            if (base / name).is_symlink():
                rel = (base / name).relative_to(folder).as_posix()
                out.error(rel, "(folder)", "is a symbolic link; a bundle holds plain files and folders only")
                dirs.remove(name)
            elif depth + 1 >= MAX_DEPTH:
                rel = (base / name).relative_to(folder).as_posix()
                out.error(rel, "(folder)", f"is nested more than {MAX_DEPTH} levels deep")
                dirs.remove(name)
        for name in sorted(names):
            path = base / name
            rel = path.relative_to(folder).as_posix()
            count += 1
            if path.is_symlink():
                out.error(rel, "(file)", "is a symbolic link; a bundle holds plain files only")
            elif not path.is_file():
                out.error(rel, "(file)", "is not a plain file")
            elif (why := expected_path(rel)) is not None:
                out.warning(rel, "(file)", f"{why}; `kiosk bundle pack` leaves it out")
    if count > MAX_FILES:
        out.error("(bundle)", "(folder)", f"holds {count} files; a bundle holds at most {MAX_FILES}")


def parse_file(folder: Path, name: str, out: Findings) -> BundleFile | None:
    """One file as the loader reads it; None if it nests deeper than content does. (A file nested too
    deeply for tomllib to read at all is refused by BundleFile itself, and so by the loader.)"""
    f = BundleFile(folder, name, [])
    if _depth(f.data) > MAX_NESTING:
        out.error(
            name, "(file)", f"nests values more than {MAX_NESTING} deep; content files are tables of lists"
        )
        return None
    return f


def _depth(value: Any) -> int:
    """How deeply tables and lists nest in `value`, without recursion."""
    deepest, stack = 0, [(value, 0)]
    while stack:
        item, depth = stack.pop()
        deepest = max(deepest, depth)
        if depth > MAX_NESTING:
            break
        if isinstance(item, dict):
            stack += [(v, depth + 1) for v in item.values()]
        elif isinstance(item, list):
            stack += [(v, depth + 1) for v in item]
    return deepest


def check_fields(files: dict[str, BundleFile], out: Findings) -> None:
    """Fields the kiosk does not read are usually typos of ones it does (`sumary`, `alsoo`)."""
    for name, schema in SCHEMA.items():
        f = files[name]
        if not f.ok:
            continue
        for where, table in _tables(f.data, ""):
            known = schema.get(re.sub(r"\[\d+\]", "", where))
            if known is None:
                continue
            for key in table:
                if key not in known:
                    field = f"{where}.{key}" if where else key
                    out.warning(
                        name,
                        field,
                        f"is not a field the kiosk reads (known here: {', '.join(sorted(known))})",
                        f.line_of(field),
                    )


def _tables(value: Any, where: str) -> Iterable[tuple[str, dict]]:
    if isinstance(value, dict):
        yield where, value
        for key, inner in value.items():
            path = f"{where}.{key}" if where else key
            if isinstance(inner, dict):
                yield from _tables(inner, path)
            elif isinstance(inner, list):
                for i, item in enumerate(inner):
                    if isinstance(item, dict):
                        yield from _tables(item, f"{path}[{i}]")


def check_look(folder: Path, meta: BundleFile, out: Findings) -> None:
    """Logo, theme and languages: a kiosk runs without a bad one, but it should not ship so."""
    for p in read_look(folder, meta.data, meta.line_of).problems:
        out.error(p.file, p.field, p.message, p.line)


def check_names(bundle: Bundle, meta: BundleFile, out: Findings) -> None:
    """The id and version name the bundle's folder on every kiosk's disk, so they must stay short."""
    if len(bundle.id) > MAX_ID:
        out.error(
            "bundle.toml", "id", f"is longer than {MAX_ID} characters; keep it short", meta.line_of("id")
        )
    if not VERSION.fullmatch(bundle.version):
        out.error(
            "bundle.toml",
            "version",
            f"{bundle.version[:40]!r} should be like 2026.11.1: up to 40 letters, digits, . - or _",
            meta.line_of("version"),
        )
