"""The site configuration: one TOML file IT pushes to every kiosk, checked key by key.

A kiosk must start whatever the file says. Every bad line, key and value becomes a `Problem`
(file, line, key, what is wrong, how to fix it) for `kiosk config check` and the staff PIN screen;
a bad value falls back to the last good value (from a copy of the last file that loaded cleanly,
kept in the data directory), else to a safe default. Changes staff make on the settings screen are
kept in the data directory too, and hold until IT changes the same setting in the site file.
"""

from __future__ import annotations

import json
import logging
import re
import tomllib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, NamedTuple

from kiosk.core import paths
from kiosk.core.languages import SHIPPED

log = logging.getLogger(__name__)

LAYOUTS = ("a6", "a4-sheet", "receipt-80mm")
LAST_GOOD = "last-good.toml"
LOCAL = "local-settings.json"
MIN_IDLE_S, MAX_IDLE_S = 30, 3600
MAX_FILE_BYTES = 256 * 1024
MAX_SYNTAX_ERRORS = 50  # each costs a parse of the file; a kiosk must start promptly whatever it says


class Settings(NamedTuple):
    """What the kiosk runs with; every default is safe for a public place.

    A NamedTuple, not a frozen dataclass: it is built at every start-up, and costs 1 ms less.
    """

    site_name: str = ""
    collection_point: str = ""  # where residents collect printed slips, e.g. "the front desk"
    idle_timeout: float = 120.0  # seconds without a touch before the 30 s warning and the reset
    attract_screen: bool = True
    attract_seconds_per_language: float = 6.0
    languages: tuple[str, ...] = SHIPPED
    default_language: str = "en_GB"
    reviewed_only: bool = False
    printer: str = ""  # "" is the system's default printer
    slip_layout: str = "a6"
    discreet_default: bool = False
    statistics: bool = True
    pin_hash: str = ""  # "" means no staff PIN: staff access stays shut until IT sets one
    bundle: Path | None = None  # None is the built-in content
    trusted_keys: tuple[str, ...] = ()
    allow_unsigned: bool = False  # unsigned bundles and packages run: only for trying content out
    review_months: int = 12


class Problem(NamedTuple):
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


class _Bad(Exception):
    def __init__(self, message: str, fix: str):
        super().__init__(message)
        self.message, self.fix = message, fix


class _Key(NamedTuple):
    section: str
    name: str
    field: str
    check: Callable[[Any, str, Path], Any]  # (value, dotted key, folder of the file) -> setting

    @property
    def dotted(self) -> str:
        return f"{self.section}.{self.name}"


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    return {str: "text", list: "a list", dict: "a table"}.get(type(value), "a date or time")


def _text(limit: int) -> Callable[[Any, str, Path], str]:
    def check(value: Any, key: str, _base: Path) -> str:
        if not isinstance(value, str):
            raise _Bad(f"should be text in quotes, not {_kind(value)}", f'write {key} = "..."')
        if any(ord(c) < 32 or ord(c) == 127 for c in value):
            raise _Bad("has a line break or control character", "keep it to one line of plain text")
        if len(value) > limit:
            raise _Bad(f"is {len(value)} characters long", f"shorten it to {limit} or fewer")
        return value.strip()

    return check


def _flag(value: Any, key: str, _base: Path) -> bool:
    if not isinstance(value, bool):
        raise _Bad(f"should be true or false, not {value!r}", f"write {key} = true or {key} = false")
    return value


def _number(low: float, high: float, example: float, why: str = "") -> Callable[[Any, str, Path], float]:
    def check(value: Any, key: str, _base: Path) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise _Bad(f"should be a number of seconds, not {_kind(value)}", f"write {key} = {example:g}")
        if not low < value <= high:
            raise _Bad(
                f"{value:g} is out of range{why}",
                f"use more than {low:g} and at most {high:g}, e.g. {example:g}",
            )
        return float(value)

    return check


def _months(value: Any, key: str, _base: Path) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _Bad(f"should be a whole number of months, not {value!r}", f"write {key} = 12")
    if not 1 <= value <= 60:
        raise _Bad(f"{value} is out of range", "use 1 to 60 months, e.g. 12")
    return value


def _language(value: Any, key: str, _base: Path) -> str:
    if value not in SHIPPED:
        raise _Bad(f"{value!r} is not a language the kiosk ships", f"use one of {', '.join(SHIPPED)}")
    return value


def _languages(value: Any, key: str, base: Path) -> tuple[str, ...]:
    if not isinstance(value, list) or not value:
        raise _Bad(f"should be a list of language codes, not {value!r}", f'write {key} = ["en_GB", "pl"]')
    for code in value:
        _language(code, key, base)
    if len(set(value)) != len(value):
        raise _Bad("names a language twice", "list each language once")
    return tuple(value)


def _layout(value: Any, key: str, _base: Path) -> str:
    if value not in LAYOUTS:
        raise _Bad(f"{value!r} is not a slip layout", f'use one of {", ".join(LAYOUTS)}, e.g. {key} = "a6"')
    return value


def _pin_hash(value: Any, key: str, _base: Path) -> str:
    from kiosk.core.pin import parse_hash

    if value == "":
        return ""
    try:
        parse_hash(value if isinstance(value, str) else "")
    except ValueError as exc:
        raise _Bad(str(exc), "make a new one with `kiosk pin hash` and paste the whole line") from None
    return value.strip()


def _bundle(value: Any, key: str, base: Path) -> Path | None:
    if not isinstance(value, str):
        raise _Bad(
            f"should be a folder path in quotes, not {_kind(value)}", f"write {key} = '/path/to/bundle'"
        )
    if not value.strip():
        return None
    folder = (
        (base / value.strip()).resolve() if not Path(value.strip()).is_absolute() else Path(value.strip())
    )
    if not folder.is_dir():
        raise _Bad(
            f"folder {folder} not found",
            'give the bundle folder (holding bundle.toml), or "" for the built-in',
        )
    return folder


def _keys(value: Any, key: str, _base: Path) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(k, str) and k.strip() for k in value):
        raise _Bad("should be a list of public keys in quotes", f'write {key} = ["..."] or []')
    return tuple(k.strip() for k in value)


KEYS = (
    _Key("site", "name", "site_name", _text(80)),
    _Key("site", "collection_point", "collection_point", _text(120)),
    _Key(
        "screen",
        "idle_timeout",
        "idle_timeout",
        _number(MIN_IDLE_S, MAX_IDLE_S, 120, ": the screen warns for 30 s before it clears"),
    ),
    _Key("screen", "attract", "attract_screen", _flag),
    _Key("screen", "attract_seconds", "attract_seconds_per_language", _number(1, 60, 6)),
    _Key("languages", "enabled", "languages", _languages),
    _Key("languages", "default", "default_language", _language),
    _Key("languages", "reviewed_only", "reviewed_only", _flag),
    _Key("printing", "printer", "printer", _text(200)),
    _Key("printing", "slip_layout", "slip_layout", _layout),
    _Key("printing", "discreet_default", "discreet_default", _flag),
    _Key("statistics", "enabled", "statistics", _flag),
    _Key("staff", "pin_hash", "pin_hash", _pin_hash),
    _Key("content", "bundle", "bundle", _bundle),
    _Key("content", "trusted_keys", "trusted_keys", _keys),
    _Key("content", "allow_unsigned", "allow_unsigned", _flag),
    _Key("content", "review_months", "review_months", _months),
)
BY_FIELD = {k.field: k for k in KEYS}
SECTIONS = tuple(dict.fromkeys(k.section for k in KEYS))


# --- reading a file: syntax errors by line, then every key ------------------------------------

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
    ("Invalid statement", "this line is not a setting", "write key = value, [section], or a # comment"),
)


_TOO_MANY = "too many lines do not read: this one and the rest of the file are left out"


def _syntax_problem(file: str, line: int, key: str, raw: str) -> Problem:
    if raw == _TOO_MANY:
        return Problem(file, line, key, raw, "fix the lines above, then check the file again")
    detail = _AT.sub("", raw)
    for prefix, what, fix in _SYNTAX_HELP:
        if detail.startswith(prefix):
            return Problem(file, line, key, f"{what} ({detail})", fix)
    return Problem(file, line, key, f"the TOML does not read ({detail})", "see https://toml.io")


def _parse(text: str) -> tuple[dict, list[tuple[int, str]]]:
    """The file's tables, less each statement that breaks the syntax: (line, parser message)."""
    lines = text.split("\n")
    errors: list[tuple[int, str]] = []
    start = 1
    for _ in range(MAX_SYNTAX_ERRORS):
        try:
            return tomllib.loads("\n".join(lines)), errors
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
    errors.append((start, _TOO_MANY))
    return tomllib.loads("\n".join(lines[: start - 1])), errors


def _opens(line: str) -> bool:
    """Whether a line starts a list, table or text that goes on over the next lines."""
    value = line.split("=", 1)[1] if "=" in line else ""
    return (
        value.count("[") > value.count("]")
        or value.count("{") > value.count("}")
        or value.count('"""') % 2 == 1
        or value.count("'''") % 2 == 1
    )


def _reads(lines: list[str]) -> bool:
    try:
        tomllib.loads("\n".join(lines))
    except tomllib.TOMLDecodeError:
        return False
    return True


def _key_lines(text: str) -> dict[str, int]:
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


class _Read(NamedTuple):
    values: dict[str, Any]  # field -> checked setting, for every key the file set well
    raw: dict[str, Any]  # field -> the value as written, for every known key the file set
    bad: set[str]  # fields the file meant to set but could not
    problems: list[Problem]
    broken: bool = False  # some lines did not read: settings on them are lost


def _read(path: Path, name: str | None = None, text: str | None = None) -> _Read:
    """Read and check one file; never raises."""
    file = name or str(path)
    problems: list[Problem] = []
    if text is None:
        try:
            data = path.read_bytes()
        except OSError as exc:
            why = "not found" if isinstance(exc, FileNotFoundError) else f"cannot be read ({exc.strerror})"
            fix = "check the path and the file's permissions (the kiosk's account must be able to read it)"
            problems.append(Problem(file, None, "(file)", f"the file {why}", fix))
            return _Read({}, {}, set(BY_FIELD), problems, True)
        if len(data) > MAX_FILE_BYTES:
            why = f"is {len(data) // 1024} KB; a kiosk.toml is a few hundred bytes"
            problems.append(Problem(file, None, "(file)", why, "check it is the right file"))
            return _Read({}, {}, set(BY_FIELD), problems, True)
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            fix = "save the file as UTF-8 (Notepad: Save as, Encoding UTF-8)"
            problems.append(Problem(file, line, "(file)", "is not UTF-8 text", fix))
            text = "\n".join(
                "" if "\ufffd" in ln else ln for ln in data.decode("utf-8-sig", "replace").split("\n")
            )
    data_, errors = _parse(text)
    lines = _key_lines(text)
    key_at = {line: key for key, line in lines.items() if "." in key}
    for line, message in errors:
        problems.append(_syntax_problem(file, line, key_at.get(line, "(syntax)"), message))
    broken = bool(errors)
    base = path.parent
    values: dict[str, Any] = {}
    raw: dict[str, Any] = {}
    bad: set[str] = set(BY_FIELD) if broken else set()
    known = {(k.section, k.name): k for k in KEYS}
    for section, table in data_.items():
        if section not in SECTIONS or not isinstance(table, dict):
            problems.append(_unknown(file, lines, section, table))
            continue
        for name, value in table.items():
            key = known.get((section, name))
            if key is None:
                problems.append(_unknown(file, lines, f"{section}.{name}", value))
                continue
            raw[key.field] = value
            try:
                values[key.field] = key.check(value, key.dotted, base)
                bad.discard(key.field)
            except _Bad as exc:
                bad.add(key.field)
                problems.append(Problem(file, lines.get(key.dotted), key.dotted, exc.message, exc.fix))
    _check_languages(file, lines, values, bad, problems)
    problems.sort(key=lambda p: p.line or 0)
    return _Read(values, raw, bad, problems, broken)


def _unknown(file: str, lines: dict[str, int], dotted: str, value: Any) -> Problem:
    line = lines.get(dotted)
    if "." not in dotted and dotted in SECTIONS:
        why = f"should be a section, not {_kind(value)}"
        return Problem(file, line, dotted, why, f"write [{dotted}] and the keys below it")
    if "." not in dotted and isinstance(value, dict):
        from difflib import get_close_matches

        close = get_close_matches(dotted, SECTIONS, n=1)
        hint = f"did you mean [{close[0]}]? " if close else ""
        return Problem(file, line, dotted, "unknown section", f"{hint}sections are {', '.join(SECTIONS)}")
    from difflib import get_close_matches

    name = dotted.rsplit(".", 1)[-1]
    everything = [k.dotted for k in KEYS]
    close = (
        get_close_matches(dotted, everything, n=1, cutoff=0.7)
        or [k.dotted for k in KEYS if k.name == name][:1]
    )
    if close:
        section, key = close[0].split(".")
        return Problem(file, line, dotted, "unknown key", f"did you mean {key} in [{section}]?")
    return Problem(file, line, dotted, "unknown key", "remove it; docs/configuration.md lists every key")


def _check_languages(file: str, lines: dict, values: dict, bad: set[str], problems: list[Problem]) -> None:
    enabled = values.get("languages", SHIPPED)
    default = values.get("default_language", Settings().default_language)
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


# --- the whole picture: file, last good copy, changes made on the kiosk ------------------------


def load_config(
    path: str | Path | None = None,
    *,
    data_dir: Path | None = None,
    remember: bool = True,
    local: bool = True,
    log_problems: bool = True,
) -> tuple[Settings, list[Problem]]:
    """The settings to run with and every problem found; never raises.

    `path` is the file named with `--config` (else $KIOSK_CONFIG, else the system-wide file, which
    may be absent). `remember` keeps a copy of a file that loads cleanly as the last good settings.
    `local` applies the changes staff made on the settings screen.
    """
    chosen = paths.chosen_config_file(path)
    file = chosen or paths.system_config_file()
    data_dir = data_dir or paths.data_dir()
    last_good = data_dir / LAST_GOOD
    if file.exists() or chosen is not None or _last_good_source(last_good) == str(file):
        read = _read(file)
    else:
        log.info("no site configuration at %s; running on the defaults", file)
        read = _Read({}, {}, set(), [])
    values, problems = dict(read.values), list(read.problems)
    origin: dict[str, str] = {}
    if problems:
        origin.update(_fall_back(values, read, last_good, file))
        if read.broken:
            source = f"the last good copy {last_good}" if origin else "the defaults"
            why = "some settings could not be read from this file"
            fix = f"fix the problems above; until then the kiosk uses {source} for them"
            problems.append(Problem(str(file), None, "(file)", why, fix))
    elif remember and file.exists():
        _remember(file, last_good)
    if local:
        origin.update(_apply_local(values, read.raw, data_dir / LOCAL, file))
    settings = Settings(**values)
    offered = offered_languages(settings.languages, settings.reviewed_only)
    if not offered:  # every enabled language is a draft: English, the reviewed source, is added
        settings = settings._replace(languages=("en_GB", *settings.languages))
        origin["languages"] = origin["reviewed_only"] = "with en_GB added"
        offered = ("en_GB",)
    if settings.default_language not in offered:
        settings = settings._replace(default_language=offered[0])
        origin["default_language"] = "the first language offered"
    problems = [_with_using(p, settings, origin) for p in problems]
    if log_problems:
        for problem in problems:
            log.warning("configuration: %s", problem)
    return settings, problems


def _with_using(problem: Problem, settings: Settings, origin: dict[str, str]) -> Problem:
    field = next((k.field for k in KEYS if k.dotted == problem.key), None)
    if field is None:
        return problem
    where = origin.get(field, "the default")
    return problem._replace(using=f"{_show(getattr(settings, field))}, {where}")


def _last_good_source(last_good: Path) -> str | None:
    try:
        with open(last_good, encoding="utf-8") as fh:
            first = fh.readline()
        return json.loads(first.split(":", 1)[1]) if first.startswith("# kiosk last good copy of:") else None
    except (OSError, ValueError, IndexError):
        return None


def _remember(file: Path, last_good: Path) -> None:
    try:
        text = file.read_bytes().decode("utf-8-sig")
        copy = f"# kiosk last good copy of: {json.dumps(str(file))}\n{text}"
        if not last_good.exists() or last_good.read_text(encoding="utf-8") != copy:
            paths.write_atomically(last_good, copy.encode("utf-8"))
            log.info("configuration %s loaded cleanly; kept as the last good settings", file)
    except OSError as exc:
        log.warning("cannot keep the last good settings in %s (%s)", last_good, exc)


def _fall_back(values: dict, read: _Read, last_good: Path, file: Path) -> dict[str, str]:
    """Fill what the file got wrong from the last good copy of the same file; say which."""
    if _last_good_source(last_good) != str(file):
        return {}
    try:
        text = last_good.read_text(encoding="utf-8")
    except OSError:
        return {}
    good = _read(file, str(last_good), text).values
    filled = {}
    for field in read.bad & good.keys():
        values[field] = good[field]
        filled[field] = "from the last good settings"
    return filled


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return f"{value:g}"
    if isinstance(value, tuple):
        return "[" + ", ".join(_show(v) for v in value) + "]"
    if value is None:
        return '""'
    return json.dumps(str(value), ensure_ascii=False)


# --- changes made on the kiosk's settings screen ----------------------------------------------


def _norm(value: Any) -> Any:
    return json.loads(json.dumps(value, default=str))


def _apply_local(values: dict, site_raw: dict, local: Path, file: Path) -> dict[str, str]:
    applied = {}
    for field, change in _read_local(local).items():
        key = BY_FIELD.get(field)
        if key is None or not isinstance(change, dict) or "value" not in change:
            continue
        if _norm(site_raw.get(field)) != change.get("site"):
            log.info(
                "%s was changed in %s after it was set on this kiosk; the site file wins", key.dotted, file
            )
            continue
        try:
            values[field] = key.check(change["value"], key.dotted, local.parent)
            applied[field] = "set on this kiosk's settings screen"
        except _Bad as exc:
            log.warning("ignoring this kiosk's own %s: %s", key.dotted, exc.message)
    return applied


def _read_local(local: Path) -> dict:
    try:
        data = json.loads(local.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        log.warning("ignoring %s: %s", local, exc)
        return {}
    return data if isinstance(data, dict) else {}


def local_changes(data_dir: Path | None = None) -> dict[str, Any]:
    """The settings changed on this kiosk's settings screen, by field, as stored."""
    stored = _read_local((data_dir or paths.data_dir()) / LOCAL)
    return {
        f: c["value"] for f, c in stored.items() if f in BY_FIELD and isinstance(c, dict) and "value" in c
    }


def save_local_changes(
    changes: Mapping[str, Any], path: str | Path | None = None, *, data_dir: Path | None = None
) -> list[Problem]:
    """Keep one-off changes from the settings screen, e.g. {"pin_hash": ..., "idle_timeout": 180}.

    Keys are `Settings` field names. Nothing is saved if any value is bad; the problems say why.
    A change holds until IT changes the same setting in the site file (`path`, as for load_config).
    """
    data_dir = data_dir or paths.data_dir()
    local = data_dir / LOCAL
    problems: list[Problem] = []
    stored = _read_local(local)
    file = paths.chosen_config_file(path) or paths.system_config_file()
    site_raw = _read(file).raw if file.exists() else {}
    for field, value in changes.items():
        key = BY_FIELD.get(field)
        if key is None:
            problems.append(
                Problem(str(local), None, field, "is not a setting", f"use one of {', '.join(BY_FIELD)}")
            )
            continue
        plain = _norm(
            list(value) if isinstance(value, tuple) else str(value) if isinstance(value, Path) else value
        )
        try:
            key.check(plain, key.dotted, data_dir)
        except _Bad as exc:
            problems.append(Problem(str(local), None, key.dotted, exc.message, exc.fix))
            continue
        stored[field] = {"value": plain, "site": _norm(site_raw.get(field))}
    if problems:
        return problems
    try:
        paths.write_atomically(local, json.dumps(stored, indent=1, ensure_ascii=False).encode("utf-8"))
    except OSError as exc:
        why = f"cannot be written ({exc.strerror})"
        return [Problem(str(local), None, "(file)", why, "check the data folder's permissions")]
    log.info("settings changed on the kiosk: %s", ", ".join(BY_FIELD[f].dotted for f in changes))
    return []


def forget_local_changes(data_dir: Path | None = None) -> None:
    """Drop every change made on the settings screen: the site file rules again."""
    (data_dir or paths.data_dir()).joinpath(LOCAL).unlink(missing_ok=True)
    log.info("settings changed on the kiosk were reset to the site file")


# --- showing settings -------------------------------------------------------------------------


def as_toml(settings: Settings) -> str:
    """The settings as a kiosk.toml (the PIN hash shown only as set or not)."""
    out: list[str] = []
    for section in SECTIONS:
        out.append(f"[{section}]")
        for key in (k for k in KEYS if k.section == section):
            value = getattr(settings, key.field)
            if key.field == "pin_hash":
                out.append(f"# pin_hash is {'set' if value else 'not set: staff access is shut'}")
                continue
            out.append(f"{key.name} = {_show(value)}")
        out.append("")
    return "\n".join(out)


def check_file(path: Path) -> tuple[Settings, list[Problem]]:
    """Check one file on its own (no last good copy, no local changes, nothing written)."""
    read = _read(path)
    values = {f: v for f, v in read.values.items() if f not in read.bad}
    return Settings(**values), read.problems
