"""The settings a kiosk runs with: the site file, the last good copy of it, and staff's changes.

A bad file never stops a kiosk. Each setting the file gets wrong comes from a copy of the last
version of the same file that loaded cleanly (kept in the data folder), else from the default,
and every problem says which value the kiosk uses instead.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from kiosk.core import paths
from kiosk.core.config.local import LOCAL, apply_local
from kiosk.core.config.reading import MAX_FILE_BYTES, FileReading, Problem, offered_languages, read_file
from kiosk.core.config.report import toml_value
from kiosk.core.config.schema import BY_DOTTED, Settings

log = logging.getLogger(__package__)  # log lines name the configuration, not one of its modules

LAST_GOOD = paths.LAST_GOOD_CONFIG


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
        read = read_file(file)
    else:
        log.info("no site configuration at %s; running on the defaults", file)
        read = FileReading({}, {}, set(), [])
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
        origin.update(apply_local(values, read.raw, data_dir / LOCAL, file))
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


def check_file(path: Path) -> tuple[Settings, list[Problem]]:
    """Check one file on its own (no last good copy, no local changes, nothing written)."""
    read = read_file(path)
    values = {f: v for f, v in read.values.items() if f not in read.bad}
    return Settings(**values), read.problems


def _with_using(problem: Problem, settings: Settings, origin: dict[str, str]) -> Problem:
    key = BY_DOTTED.get(problem.key)
    if key is None:
        return problem
    where = origin.get(key.field, "the default")
    return problem._replace(using=f"{toml_value(getattr(settings, key.field))}, {where}")


HEADER = "# kiosk last good copy of:"


def _last_good(last_good: Path) -> tuple[str, str] | None:
    """(the site file it is a copy of, its text), or None: no copy, or a damaged one (which the
    next clean load replaces)."""
    try:
        text = paths.read_limited(last_good, MAX_FILE_BYTES + 4096).decode("utf-8")
        first = text.partition("\n")[0]
        if first.startswith(HEADER):
            source = json.loads(first[len(HEADER) :])
            if isinstance(source, str):
                return source, text
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:  # ValueError: not UTF-8, or the header is not JSON
        log.warning("the last good settings %s are damaged and not used (%s)", last_good, exc)
        return None
    log.warning("the last good settings %s are damaged and not used (no header)", last_good)
    return None


def _last_good_source(last_good: Path) -> str | None:
    found = _last_good(last_good)
    return found[0] if found else None


def _remember(file: Path, last_good: Path) -> None:
    try:
        text = paths.read_limited(file, MAX_FILE_BYTES).decode("utf-8-sig")
        copy = f"{HEADER} {json.dumps(str(file))}\n{text}".encode()
        try:
            same = paths.read_limited(last_good, len(copy)) == copy
        except OSError:  # none, or not a plain file, or larger: written afresh
            same = False
        if not same:
            paths.write_atomically(last_good, copy)
            log.info("configuration %s loaded cleanly; kept as the last good settings", file)
    except (OSError, ValueError) as exc:
        log.warning("cannot keep the last good settings in %s (%s)", last_good, exc)


def _fall_back(values: dict, read: FileReading, last_good: Path, file: Path) -> dict[str, str]:
    """Fill what the file got wrong from the last good copy of the same file; say which."""
    found = _last_good(last_good)
    if found is None or found[0] != str(file):
        return {}
    good = read_file(file, str(last_good), found[1]).values
    filled = {}
    for field in read.bad & good.keys():
        values[field] = good[field]
        filled[field] = "from the last good settings"
    return filled
