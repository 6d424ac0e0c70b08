"""One TOML file of a bundle, read field by field, and the texts found in it.

Every getter records a problem (file, field, line) instead of raising, so one pass over a bundle
lists every mistake at once. The loader builds the bundle with it; the check reads the same
files again for what the loader does not refuse.
"""

from __future__ import annotations

import re
import tomllib
from datetime import date, datetime
from pathlib import Path
from typing import Any

from kiosk.core.content.layout import FILES
from kiosk.core.content.problems import Problem

MAX_FILE_BYTES = 1_000_000
IDENT = re.compile(r"^[a-z][a-z0-9_-]*$")


class BundleFile:
    """One TOML file of the bundle, with typed getters that record problems instead of raising."""

    def __init__(self, folder: Path, name: str, problems: list[Problem]):
        self.name = name
        self.problems = problems
        self.text = ""
        self.data: dict[str, Any] = {}
        path = folder / name
        if path.is_symlink() or not path.is_file():
            self.problem("(file)", f"missing; every bundle needs {', '.join(FILES)}")
            return
        if path.stat().st_size > MAX_FILE_BYTES:
            self.problem("(file)", f"larger than {MAX_FILE_BYTES} bytes; content files are small")
            return
        try:
            self.text = path.read_bytes().decode("utf-8")
            self.data = tomllib.loads(self.text)
        except UnicodeDecodeError as exc:
            self.problem("(file)", f"is not UTF-8 ({exc.reason} at byte {exc.start}); save as UTF-8")
        except tomllib.TOMLDecodeError as exc:
            self.problem("(file)", f"is not valid TOML: {exc}")
        except RecursionError:
            self.problem("(file)", "nests values too deeply to read; content files are flat tables and lists")
        except OSError as exc:
            self.problem("(file)", f"cannot be read: {exc.strerror}")

    @property
    def ok(self) -> bool:
        return bool(self.data)

    def problem(self, where: str, message: str, line: int | None = None) -> None:
        self.problems.append(Problem(self.name, where, message, line))

    def line_of(self, where: str) -> int | None:
        """Best-effort line of a field such as `contact[2].phone` or `home.title`."""
        if not self.text:
            return None
        lines = self.text.splitlines()
        start, key = 0, where
        match = re.match(r"^([\w.]+)\[(\d+)\]\.?(.*)$", where)
        if match:
            table, index, key = match.group(1), int(match.group(2)), match.group(3)
            headers = [i for i, ln in enumerate(lines) if ln.strip() == f"[[{table}]]"]
            if index >= len(headers):
                return None
            start = headers[index]
        key = re.split(r"[.\[]", key)[-1] if key else ""
        for i in range(start, len(lines)):
            stripped = lines[i].strip()
            if i > start and match and stripped.startswith("[["):
                break
            if key and re.match(rf"^{re.escape(key)}\s*=", stripped):
                return i + 1
        return start + 1 if match else None

    def value(self, table: dict, key: str, where: str, kind: type, required: bool) -> Any:
        """`table[key]` if it is a `kind`; else None, with a problem if it is wrong or required."""
        if key not in table:
            if required:
                self.problem(where, f"is missing; add `{key} = ...`", self.line_of(where.rsplit(".", 1)[0]))
            return None
        value = table[key]
        wrong = kind is int and isinstance(value, bool) or kind is date and isinstance(value, datetime)
        if not isinstance(value, kind) or wrong:
            self.problem(
                where,
                f"should be {kind.__name__}, not {type(value).__name__}",
                self.line_of(where),
            )
            return None
        return value

    def string(self, table: dict, key: str, where: str, required: bool = True) -> str:
        value = self.value(table, key, where, str, required)
        if value is not None and required and not value.strip():
            self.problem(where, "is empty; write the text", self.line_of(where))
        return value or ""

    def strings(self, table: dict, key: str, where: str, required: bool = True) -> tuple[str, ...]:
        value = self.value(table, key, where, list, required) or []
        out = []
        for i, item in enumerate(value):
            if isinstance(item, str) and item.strip():
                out.append(item)
            else:
                self.problem(f"{where}[{i}]", "should be non-empty text", self.line_of(where))
        if required and not out and key in table:
            self.problem(where, "is empty; give at least one line", self.line_of(where))
        return tuple(out)

    def tables(self, table: dict, key: str, where: str, required: bool = True) -> list[dict]:
        value = self.value(table, key, where, list, required) or []
        out = []
        for i, item in enumerate(value):
            if isinstance(item, dict):
                out.append(item)
            else:
                self.problem(f"{where}[{i}]", "should be a table ([[...]])", self.line_of(where))
        return out

    def ident(self, table: dict, key: str, where: str) -> str:
        value = self.string(table, key, where)
        if value and not IDENT.fullmatch(value):
            self.problem(
                where,
                f"{value!r} should be lower-case letters, digits, - or _",
                self.line_of(where),
            )
        return value


class BundleText:
    """One user-facing text of the bundle; its line is looked up only when someone needs it."""

    __slots__ = ("file", "where", "text")

    def __init__(self, file: BundleFile, where: str, text: str):
        self.file, self.where, self.text = file, where, text

    @property
    def name(self) -> str:
        return self.file.name

    @property
    def line(self) -> int | None:
        return self.file.line_of(self.where)
