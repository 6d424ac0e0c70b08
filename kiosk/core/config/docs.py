"""The "Every setting" table of docs/configuration.md, made from the schema so the two always agree.

Run `python -m kiosk.core.config.docs` in a checkout after changing a setting in schema.py; it
rewrites the table between its two markers and leaves the rest of the file as it is. A test fails
while the file is out of date.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

from kiosk.core.config import schema
from kiosk.core.config.report import toml_value
from kiosk.core.config.schema import KEYS, Key
from kiosk.core.languages import SHIPPED

COMMAND = "python -m kiosk.core.config.docs"
DOCS = Path(__file__).resolve().parents[3] / "docs" / "configuration.md"
BEGIN = f"<!-- made from kiosk/core/config/schema.py by `{COMMAND}`: change it there, not here -->"
END = "<!-- end of the table made from the schema -->"


def settings_table() -> str:
    """The markdown table: one row per setting, in the schema's order."""
    rows = ["| section | key | default | what it does |", "| --- | --- | --- | --- |"]
    for key in KEYS:
        cells = (f"`[{key.section}]`", f"`{key.name}`", default_text(key), what_it_does(key))
        rows.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    return "\n".join(rows)


def default_text(key: Key) -> str:
    if isinstance(key.rule, schema.Languages) and tuple(key.default) == SHIPPED:
        return "every shipped language"
    return f"`{toml_value(key.default)}`"


def what_it_does(key: Key) -> str:
    """The setting's documentation, then the values it takes, from its rule."""
    rule = key.rule
    if isinstance(rule, schema.Text | schema.Folder):
        return f"{key.doc} (up to {rule.limit} characters)"
    if isinstance(rule, schema.PublicKeys):
        return f"{key.doc} (at most {rule.limit}; base64 or PEM, each checked to be an Ed25519 key)"
    if isinstance(rule, schema.Seconds):
        return f"{key.doc} (more than {rule.low:g}, at most {rule.high:g})"
    if isinstance(rule, schema.Months):
        return f"{key.doc} ({rule.low} to {rule.high})"
    if isinstance(rule, schema.OneOf):
        return f"{key.doc}: " + _either(f'`"{word}"` ({meaning})' for word, meaning in rule.choices)
    if isinstance(rule, schema.Languages):
        return f"{key.doc}: " + ", ".join(f"`{code}`" for code in SHIPPED)
    return key.doc


def _either(options: Iterable[str]) -> str:
    *first, last = options
    return f"{', '.join(first)} or {last}" if first else last


def with_current_table(text: str) -> str:
    """`text` (docs/configuration.md) with the table between the markers made afresh."""
    start, end = text.find(BEGIN), text.find(END)
    if start < 0 or end < start:
        raise ValueError(f"the settings table's markers are missing; put them around it:\n{BEGIN}\n{END}")
    return f"{text[: start + len(BEGIN)]}\n\n{settings_table()}\n\n{text[end:]}"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    docs = Path(args[0]) if args else DOCS
    try:
        text = docs.read_text(encoding="utf-8")
        fresh = with_current_table(text)
    except FileNotFoundError:
        print(f"{docs} not found: run this in a checkout of the kiosk, or name the file", file=sys.stderr)
        return 1
    except (OSError, ValueError) as exc:
        print(f"{docs}: {exc}", file=sys.stderr)
        return 1
    if fresh == text:
        print(f"{docs}: the settings table is up to date")
        return 0
    docs.write_text(fresh, encoding="utf-8")
    print(f"{docs}: the settings table was made afresh from the schema")
    return 0


if __name__ == "__main__":
    sys.exit(main())
