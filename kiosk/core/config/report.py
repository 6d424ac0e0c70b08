"""Settings written the way IT write them in kiosk.toml: for `kiosk config check`, for the
"[using ...]" of a problem, and for the defaults in docs/configuration.md.
"""

from __future__ import annotations

import json
from typing import Any

from kiosk.core.config.schema import KEYS, SECTIONS, Settings


def toml_value(value: Any) -> str:
    """A setting's value as TOML; None (no bundle folder) is written "", as IT would write it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return f"{value:g}"
    if isinstance(value, tuple):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if value is None:
        return '""'
    return json.dumps(str(value), ensure_ascii=False)


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
            out.append(f"{key.name} = {toml_value(value)}")
        out.append("")
    return "\n".join(out)
