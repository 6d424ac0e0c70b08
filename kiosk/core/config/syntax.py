"""TOML that reads line by line: a broken line costs the settings on it, never the whole file.

tomllib stops at the first mistake. A kiosk.toml typed by hand may hold several, and IT should see
them all at once, so each broken statement is blanked out in turn and the file read again; what
the parser says is then put in words IT staff can act on.
"""

from __future__ import annotations

import re
import tomllib

MAX_SYNTAX_ERRORS = 50  # each costs a parse of the file; a kiosk must start promptly whatever it says
NOT_READ = "Too large to read"
TOO_MANY = "too many lines do not read: this one and the rest of the file are left out"

_AT = re.compile(r" \(at (?:line (\d+), column \d+|end of document)\)$")
_KEY_LINE = re.compile(r"""^\s*((?:[\w-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[\w-]+|"[^"]*"|'[^']*'))*)\s*=""")
_TABLE_LINE = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(#.*)?$")
# The parser's message -> what is wrong and how to fix it, in words IT staff can act on.
_SYNTAX_HELP = (
    (
        "Invalid value",
        "the value does not read",
        'write text in "double quotes", true/false in lower case, numbers without units',
    ),
    (
        "Expected newline or end",
        "there is more after the value",
        "one setting per line, no units after numbers; comments start with #",
    ),
    (
        "Unescaped '\\'",
        'a backslash inside "double quotes"',
        "write Windows paths in 'single quotes' or with forward slashes",
    ),
    ("Cannot overwrite", "this setting is given twice", "keep one of them"),
    ("Cannot declare", "this section is given twice", "merge the two into one [section]"),
    ("Expected '=' after a key", "this is not `key = value`", "write key = value, one per line"),
    ("Unterminated string", "a text in quotes is not closed", "end it with the same quote, on its line"),
    ("Illegal character", "a text in quotes is not closed", "end it with the same quote, on its line"),
    ("Unclosed array", "a list is not closed", "end it with ]"),
    ("Expected ']'", "a section header is not closed", "write it as [section]"),
    (NOT_READ, "the value is far too large for a setting", "write a plain value of a few characters"),
    ("Invalid statement", "this line is not a setting", "write key = value, [section], or a # comment"),
)


def explain(raw: str) -> tuple[str, str]:
    """What is wrong and how to fix it, for a message from `parse`."""
    if raw == TOO_MANY:
        return raw, "fix the lines above, then check the file again"
    detail = _AT.sub("", raw)
    for prefix, what, fix in _SYNTAX_HELP:
        if detail.startswith(prefix):
            return f"{what} ({detail})", fix
    return f"the TOML does not read ({detail})", "see https://toml.io"


def parse(text: str) -> tuple[dict, list[tuple[int, str]]]:
    """The file's tables, less each statement that breaks the syntax: (line, parser message)."""
    lines = text.split("\n")
    errors: list[tuple[int, str]] = []
    start = 1
    for _ in range(MAX_SYNTAX_ERRORS):
        try:
            return _loads("\n".join(lines)), errors
        except tomllib.TOMLDecodeError as exc:
            message = str(exc)
            found = _AT.search(message)
            at = int(found.group(1)) if found and found.group(1) else len(lines)
            # Everything before the broken statement reads (earlier ones are already left out).
            start = next(k for k in range(min(at, len(lines)) - 1, -1, -1) if _reads(lines[:k])) + 1
            if not lines[start - 1].strip():
                break
            opened = message.startswith(("Unclosed", "Unterminated")) or not found or not found.group(1)
            errors.append((start if opened else at, message))
            whole_table = message.startswith("Cannot declare")
            spans = whole_table or opened or at > start or _opens(lines[start - 1])
            lines[start - 1] = ""
            for i in range(start, len(lines) if spans else start):  # the rest of the statement
                if _TABLE_LINE.match(lines[i]) or (not whole_table and _KEY_LINE.match(lines[i])):
                    break
                lines[i] = ""
    errors.append((start, TOO_MANY))
    return _loads("\n".join(lines[: start - 1])), errors


def _opens(line: str) -> bool:
    """Whether a line starts a list, table or text that goes on over the next lines."""
    value = line.split("=", 1)[1] if "=" in line else ""
    return (
        value.count("[") > value.count("]")
        or value.count("{") > value.count("}")
        or value.count('"""') % 2 == 1
        or value.count("'''") % 2 == 1
    )


def _loads(text: str) -> dict:
    """tomllib.loads, with the two values TOML allows that Python will not read given as syntax
    errors without a line (the statement is then found by reading ever shorter beginnings): an
    integer of more than 4300 digits (ValueError) and lists or tables nested some thousand deep
    (RecursionError)."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        raise
    except ValueError:
        raise tomllib.TOMLDecodeError(f"{NOT_READ}: a number of more than 4300 digits") from None
    except RecursionError:
        raise tomllib.TOMLDecodeError(f"{NOT_READ}: lists or tables nested too deep") from None


def _reads(lines: list[str]) -> bool:
    try:
        _loads("\n".join(lines))
    except tomllib.TOMLDecodeError:
        return False
    return True


def key_lines(text: str) -> dict[str, int]:
    """Best-effort line of every `section.key` (and `[section]`), skipping multi-line strings."""
    found: dict[str, int] = {}
    table, in_string = "", None
    for number, line in enumerate(text.split("\n"), start=1):
        if in_string:
            if line.count(in_string) % 2:
                in_string = None
            continue
        header = _TABLE_LINE.match(line)
        if header:
            table = ".".join(p.strip().strip("\"'") for p in header.group(1).split("."))
            found.setdefault(table, number)
            continue
        key = _KEY_LINE.match(line)
        if key:
            name = ".".join(p.strip().strip("\"'") for p in key.group(1).split("."))
            found.setdefault(f"{table}.{name}" if table else name, number)
        for quote in ('"""', "'''"):
            if line.count(quote) % 2:
                in_string = quote
    return found
