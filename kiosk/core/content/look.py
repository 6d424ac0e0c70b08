"""A bundle's own look and reach: its logo, its colours and the languages it offers.

None of these decides a number, so a kiosk runs a bundle whose look is wrong: it shows its own
colours, no logo or every language it ships, and tells staff what to fix (file, field, line).
`kiosk bundle check` reports the same problems as errors, so an editor fixes them before shipping.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from kiosk.core import theme
from kiosk.core.content.layout import IMAGE_MAGIC, IMAGES, expected_path, safe_relative
from kiosk.core.content.problems import Problem

SOURCE_LANGUAGE = "en_GB"
META = "bundle.toml"
MAX_IMAGE_BYTES = 1_000_000
MAX_IMAGE_SIDE = 4000
COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


class Look(NamedTuple):
    logo: Path | None = None  # a checked PNG or JPEG inside the bundle
    theme: dict[str, str] = {}  # noqa: RUF012 - never mutated; role -> "#rrggbb"
    languages: tuple[str, ...] = ()  # () offers every language the kiosk ships
    problems: tuple[Problem, ...] = ()


def read_look(folder: Path, data: dict[str, Any], line_of: Callable[[str], int | None]) -> Look:
    """The logo, theme and languages of bundle.toml's `data`, keeping only what is sound."""
    problems: list[Problem] = []

    def problem(field: str, message: str) -> None:
        problems.append(Problem(META, field, message, line_of(field)))

    logo = None
    if "logo" in data:
        why = logo_problem(folder, data["logo"])
        if why:
            problem("logo", f"{why}; the kiosk shows no logo")
        else:
            logo = folder / data["logo"]
    colours = {}
    if "theme" in data:
        found = list(theme_problems(data["theme"]))
        for field, why in found:
            problem(field, f"{why}; the kiosk uses its own colours")
        if not found:  # all or none: colours go together
            colours = {k: v.lower() for k, v in data["theme"].items()}
    languages: tuple[str, ...] = ()
    if "languages" in data:
        whys = language_problems(data["languages"])
        for why in whys:
            problem("languages", f"{why}; the kiosk offers every language it ships")
        if not whys:
            languages = tuple(data["languages"])
    return Look(logo, colours, languages, tuple(problems))


def logo_problem(folder: Path, logo: Any) -> str | None:
    """Why `logo` (bundle.toml's value) is not a usable image in the bundle, or None."""
    if not isinstance(logo, str) or not logo:
        return "should be the path of an image such as images/logo.png"
    why = safe_relative(logo) or expected_path(logo)
    if why is None and not logo.startswith(f"{IMAGES}/"):
        why = f"images live in the {IMAGES}/ folder"
    if why:
        return f"{logo!r}: {why}"
    path = folder / logo
    if path.parent.is_symlink() or path.is_symlink() or not path.is_file():
        return f"{logo!r} is not in the bundle; add the file or remove `logo`"
    why = image_problem(path)
    return f"{logo!r} {why}" if why else None


def image_problem(path: Path) -> str | None:
    """Why the file is not a usable PNG or JPEG image, from its first bytes (no image library)."""
    size = path.stat().st_size
    if size > MAX_IMAGE_BYTES:
        return f"is {size} bytes; images are at most {MAX_IMAGE_BYTES}"
    with path.open("rb") as fh:
        head = fh.read(32)
    magic = IMAGE_MAGIC.get(path.suffix.lower())
    if magic is None or not head.startswith(magic):
        return f"is not a {path.suffix.lstrip('.').upper()} image (its first bytes do not say so)"
    if path.suffix.lower() == ".png":
        if len(head) < 24 or head[12:16] != b"IHDR":
            return "is a damaged PNG image (no IHDR header)"
        width, height = struct.unpack(">II", head[16:24])
        if not (0 < width <= MAX_IMAGE_SIDE and 0 < height <= MAX_IMAGE_SIDE):
            return f"is {width}x{height} pixels; images are at most {MAX_IMAGE_SIDE} on each side"
    return None


def theme_problems(value: Any):  # noqa: ANN201 - yields (field, why)
    """Each colour of a [theme] table that is malformed or leaves text hard to read, as (field, why)."""
    if not isinstance(value, dict):
        yield "theme", "should be a table: [theme] with primary and urgent colours"
        return
    for key, colour in value.items():
        field = f"theme.{key}"
        if key not in theme.BUNDLE_COLOURS:
            yield field, f"is not a colour a bundle sets (it sets {', '.join(theme.BUNDLE_COLOURS)})"
        elif not isinstance(colour, str) or not COLOUR.fullmatch(colour):
            yield field, f'{colour!r} should be a colour like "#0b4a7d"'
        else:
            palette = theme.with_bundle_colours({key: colour.lower()})
            ink = theme.contrast(palette[key], palette[f"{key}Ink"])
            if ink < 4.5:
                yield (
                    field,
                    (
                        f"{colour} against {palette[f'{key}Ink']} (the text on it) has contrast {ink:.1f}:1; "
                        "WCAG AA needs 4.5:1, so choose a darker colour"
                    ),
                )
            elif whys := theme.palette_problems(palette):
                yield field, f"{colour}: {whys[0]}; choose another colour"


def language_problems(value: Any) -> list[str]:
    from kiosk.core.languages import SHIPPED

    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        return ['should be a list of language codes, e.g. ["en_GB", "pl"]']
    shipped = ", ".join(SHIPPED)
    whys = [
        f"{c!r} is not a language this kiosk ships (it ships {shipped})" for c in value if c not in SHIPPED
    ]
    if len(set(value)) != len(value):
        whys.append("names a language twice")
    if SOURCE_LANGUAGE not in value:
        whys.append(f"must include {SOURCE_LANGUAGE}, the language the text is in")
    return whys
