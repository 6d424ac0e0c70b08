"""Reading one site file: every bad line, key and value becomes a `Problem`, and reading goes on.

A kiosk must start whatever the file says, and IT fix a file fastest when they see every mistake
at once, each with its line and what to write instead. What the file got right still counts.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

from kiosk.core import paths
from kiosk.core.config import syntax
from kiosk.core.config.checks import BadValue, check, kind_of
from kiosk.core.config.schema import BY_DOTTED, BY_FIELD, KEYS, SECTIONS

MAX_FILE_BYTES = 256 * 1024


class Problem(NamedTuple):
    """One thing wrong, said so IT can put it right without reading code (see __str__)."""

    file: str
    line: int | None
    key: str  # "screen.idle_timeout", "(syntax)" or "(file)"
    message: str  # what is wrong
    fix: str  # how to put it right
    using: str = ""  # what the kiosk runs with instead

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        using = f" [using {self.using}]" if self.using else ""
        return f"{where}: {self.key}: {self.message}; {self.fix}{using}"


class FileReading(NamedTuple):
    """What one file gave, kept apart so the caller can fill the gaps from elsewhere."""

    values: dict[str, Any]  # field -> checked setting, for every key the file set well
    raw: dict[str, Any]  # field -> the value as written, for every known key the file set
    bad: set[str]  # fields the file meant to set but could not
    problems: list[Problem]
    broken: bool = False  # some lines did not read: settings on them are lost


def read_file(path: Path, name: str | None = None, text: str | None = None) -> FileReading:
    """Read and check one file; never raises.

    `text` and `name` stand in for the file's own (the last good copy of it), with folders still
    relative to the file's own folder.
    """
    file = name or str(path)
    problems: list[Problem] = []
    if text is None:
        try:
            data = paths.read_limited(path, MAX_FILE_BYTES)
        except paths.TooBig as exc:
            why = f"is {exc.size // 1024} KB; a kiosk.toml is a few hundred bytes"
            problems.append(Problem(file, None, "(file)", why, "check it is the right file"))
            return FileReading({}, {}, set(BY_FIELD), problems, True)
        except paths.NotAFile:
            why, fix = (
                "is not a plain file (a folder, a named pipe or a device)",
                "name the kiosk.toml file itself",
            )
            problems.append(Problem(file, None, "(file)", why, fix))
            return FileReading({}, {}, set(BY_FIELD), problems, True)
        except (OSError, ValueError) as exc:  # ValueError: a NUL in the name
            why = "not found" if isinstance(exc, FileNotFoundError) else f"cannot be read ({_why(exc)})"
            fix = "check the path and the file's permissions (the kiosk's account must be able to read it)"
            problems.append(Problem(file, None, "(file)", f"the file {why}", fix))
            return FileReading({}, {}, set(BY_FIELD), problems, True)
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            fix = "save the file as UTF-8 (Notepad: Save as, Encoding UTF-8)"
            problems.append(Problem(file, line, "(file)", "is not UTF-8 text", fix))
            text = "\n".join(
                "" if "\ufffd" in ln else ln for ln in data.decode("utf-8-sig", "replace").split("\n")
            )
    tables, errors = syntax.parse(text)
    lines = syntax.key_lines(text)
    key_at = {line: key for key, line in lines.items() if "." in key}
    for line, message in errors:
        problems.append(Problem(file, line, key_at.get(line, "(syntax)"), *syntax.explain(message)))
    broken = bool(errors)
    base = path.parent
    values: dict[str, Any] = {}
    raw: dict[str, Any] = {}
    bad: set[str] = set(BY_FIELD) if broken else set()
    for section, table in tables.items():
        if section not in SECTIONS or not isinstance(table, dict):
            problems.append(_unknown(file, lines, section, table))
            continue
        for name, value in table.items():
            key = BY_DOTTED.get(f"{section}.{name}")
            if key is None:
                problems.append(_unknown(file, lines, f"{section}.{name}", value))
                continue
            raw[key.field] = value
            try:
                values[key.field] = check(key, value, base)
                bad.discard(key.field)
            except BadValue as exc:
                bad.add(key.field)
                problems.append(Problem(file, lines.get(key.dotted), key.dotted, exc.message, exc.fix))
    _check_languages(file, lines, values, bad, problems)
    problems.sort(key=lambda p: p.line or 0)
    return FileReading(values, raw, bad, problems, broken)


def _why(exc: Exception) -> str:
    return getattr(exc, "strerror", None) or str(exc)


def _unknown(file: str, lines: dict[str, int], dotted: str, value: Any) -> Problem:
    line = lines.get(dotted)
    if "." not in dotted and dotted in SECTIONS:
        why = f"should be a section, not {kind_of(value)}"
        return Problem(file, line, dotted, why, f"write [{dotted}] and the keys below it")
    if "." not in dotted and isinstance(value, dict):
        from difflib import get_close_matches

        close = get_close_matches(dotted, SECTIONS, n=1)
        hint = f"did you mean [{close[0]}]? " if close else ""
        return Problem(file, line, dotted, "unknown section", f"{hint}sections are {', '.join(SECTIONS)}")
    from difflib import get_close_matches

    name = dotted.rsplit(".", 1)[-1]
    close = (
        get_close_matches(dotted, list(BY_DOTTED), n=1, cutoff=0.7)
        or [k.dotted for k in KEYS if k.name == name][:1]
    )
    if close:
        section, key = close[0].split(".")
        return Problem(file, line, dotted, "unknown key", f"did you mean {key} in [{section}]?")
    return Problem(file, line, dotted, "unknown key", "remove it; docs/configuration.md lists every key")


def _check_languages(file: str, lines: dict, values: dict, bad: set[str], problems: list[Problem]) -> None:
    enabled = values.get("languages", BY_FIELD["languages"].default)
    default = values.get("default_language", BY_FIELD["default_language"].default)
    offered = offered_languages(enabled, values.get("reviewed_only", False))
    at = lines.get("languages.default") or lines.get("languages.enabled")
    if not offered:
        why, fix = "reviewed_only leaves no language: every enabled one is a draft", "add en_GB to enabled"
        problems.append(
            Problem(file, lines.get("languages.reviewed_only"), "languages.reviewed_only", why, fix)
        )
    elif default not in enabled:
        why, fix = f"{default!r} is not in languages.enabled", "add it there, or choose one of those"
        problems.append(Problem(file, at, "languages.default", why, fix))
    elif default not in offered:
        why = f"{default!r} is a draft translation, and reviewed_only hides drafts"
        fix = "choose a reviewed language, or set reviewed_only = false"
        problems.append(Problem(file, at, "languages.default", why, fix))
    else:
        return
    bad.add("default_language")
    values.pop("default_language", None)


def offered_languages(enabled: tuple[str, ...], reviewed_only: bool) -> tuple[str, ...]:
    """The languages residents can choose: `enabled`, less drafts when `reviewed_only`."""
    if not reviewed_only:
        return tuple(enabled)
    from kiosk.core.languages import review_status_of

    def reviewed(code: str) -> bool:
        try:
            return review_status_of(code) in ("source", "reviewed")
        except OSError:
            return False

    return tuple(c for c in enabled if reviewed(c))
