"""A Babel extractor for content bundles, so bundle text is translated in the same catalog as the UI.

babel.cfg maps it to bundles/**.toml; each text arrives with its field as a translator comment.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path

from kiosk.core.content.loader import translatable_texts

NOTES = {
    "discreet.": "Shown on a 'plain title' slip or phone contact: it must not hint at abuse, harm or "
    "social care, because someone may check the person's phone or bag.",
    "contact[": "The name of a service. Keep a proper name recognisable; you may add a short "
    "explanation in brackets.",
}
PLACEHOLDER_NOTE = "Keep every {placeholder} exactly as it is: the kiosk puts the phone number there."


@cache
def _texts(folder: Path) -> dict[str, list[tuple[int | None, str, str]]]:
    by_file: dict[str, list[tuple[int | None, str, str]]] = {}
    for name, line, where, text in translatable_texts(folder):
        by_file.setdefault(name, []).append((line, where, text))
    return by_file


def extract_bundle(fileobj, keywords, comment_tags, options) -> Iterator[tuple]:  # noqa: ANN001
    path = Path(fileobj.name).resolve()
    for line, where, text in _texts(path.parent).get(path.name, []):
        comments = [f"bundle field: {where}"]
        comments += [note for prefix, note in NOTES.items() if where.startswith(prefix)]
        if "{" in text:
            comments.append(PLACEHOLDER_NOTE)
        yield line or 0, None, text, comments
