"""Changes staff make on the kiosk's settings screen, kept in local-settings.json in the data folder.

Each change remembers what the site file said when it was made, so it holds only until IT change
that same setting in the site file: IT keep the last word without having to clear the kiosk.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from kiosk.core import paths
from kiosk.core.config.checks import BadValue, check
from kiosk.core.config.reading import Problem, read_file
from kiosk.core.config.schema import BY_FIELD

log = logging.getLogger(__package__)  # log lines name the configuration, not one of its modules

LOCAL = paths.LOCAL_SETTINGS
MAX_LOCAL_BYTES = 256 * 1024


def apply_local(values: dict, site_raw: dict, local: Path, file: Path) -> dict[str, str]:
    """Put the changes kept in `local` into `values`, unless the site file has since changed them.

    `site_raw` is the site file's settings as written. Returns the fields changed, each with where
    its value came from, for a problem's "[using ...]".
    """
    applied = {}
    for field, change in _read_local(local).items():
        key = BY_FIELD.get(field)
        if key is None or not isinstance(change, dict) or "value" not in change:
            continue
        if _as_json(site_raw.get(field)) != change.get("site"):
            log.info(
                "%s was changed in %s after it was set on this kiosk; the site file wins", key.dotted, file
            )
            continue
        try:
            values[field] = check(key, change["value"], local.parent)
            applied[field] = "set on this kiosk's settings screen"
        except BadValue as exc:
            log.warning("ignoring this kiosk's own %s: %s", key.dotted, exc.message)
    return applied


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
    site_raw = read_file(file).raw if file.exists() else {}
    for field, value in changes.items():
        key = BY_FIELD.get(field)
        if key is None:
            problems.append(
                Problem(str(local), None, field, "is not a setting", f"use one of {', '.join(BY_FIELD)}")
            )
            continue
        plain = _as_json(
            list(value) if isinstance(value, tuple) else str(value) if isinstance(value, Path) else value
        )
        try:
            check(key, plain, data_dir)
        except BadValue as exc:
            problems.append(Problem(str(local), None, key.dotted, exc.message, exc.fix))
            continue
        stored[field] = {"value": plain, "site": _as_json(site_raw.get(field))}
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


def _as_json(value: Any) -> Any:
    """`value` as it reads back from JSON, so a stored value compares equal to a fresh one."""
    return json.loads(json.dumps(value, default=str))


def _read_local(local: Path) -> dict:
    try:
        data = json.loads(paths.read_limited(local, MAX_LOCAL_BYTES).decode("utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        log.warning("ignoring %s: %s", local, exc)
        return {}
    return data if isinstance(data, dict) else {}
