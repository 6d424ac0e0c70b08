"""Which files a bundle folder may hold, and which paths stay inside it.

One rule for everyone who meets a path: the loader (a missing file), the look (the logo), the
check (stray files), packages (entry names) and updates (the folder a bundle is installed in).
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

FILES = ("bundle.toml", "contacts.toml", "journey.toml", "guidance.toml", "abuse_types.toml")
TRANSLATIONS = "translations"
IMAGES = "images"
IMAGE_MAGIC = {".png": b"\x89PNG\r\n\x1a\n", ".jpg": b"\xff\xd8\xff", ".jpeg": b"\xff\xd8\xff"}
# Language codes as folders: en_GB, pl, zh_Hans, en_GB@easyread.
LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(?:_[A-Za-z0-9]{2,8})?(?:@[a-z]{2,12})?")
MAX_ID = 40  # the id and version name a folder on the kiosk's disk
VERSION = re.compile(r"[0-9A-Za-z][0-9A-Za-z._-]{0,39}")


def expected_path(relative: str) -> str | None:
    """Why `relative` (a POSIX path inside a bundle) is not part of the format, or None if it is."""
    parts = PurePosixPath(relative).parts
    if len(parts) == 1 and parts[0] in FILES:
        return None
    if len(parts) == 4 and parts[0] == TRANSLATIONS and parts[2:] == ("LC_MESSAGES", "kiosk.po"):
        if LANGUAGE_CODE.fullmatch(parts[1]):
            return None
        return f"{parts[1]!r} is not a language code such as pl or zh_Hans"
    if len(parts) == 2 and parts[0] == IMAGES:
        stem, dot, suffix = parts[1].rpartition(".")
        if dot and f".{suffix}" in IMAGE_MAGIC and re.fullmatch(r"[a-z0-9][a-z0-9_-]{0,63}", stem):
            return None
        return "images are images/NAME.png or .jpg, NAME in lower-case letters, digits, - or _"
    return (
        f"not part of a bundle (the files are {', '.join(FILES)}, "
        f"{TRANSLATIONS}/CODE/LC_MESSAGES/kiosk.po and {IMAGES}/NAME.png)"
    )


def safe_relative(relative: str) -> str | None:
    """Why `relative` could point outside the bundle (or be misread on Windows), or None if safe."""
    if "\\" in relative or "\x00" in relative:
        return "use / between folders, and no backslashes"
    if relative.startswith("/") or re.match(r"^[A-Za-z]:", relative):
        return "must be a path inside the bundle, not an absolute path or a drive"
    parts = relative.split("/")
    if any(part in ("", ".", "..") for part in parts):
        return "must not contain '..', '.' or empty parts"
    return None
