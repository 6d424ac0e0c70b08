"""`kiosk bundle new`: a copy of a working bundle with every local detail marked CHANGE-ME.

Starting from a bundle that loads means a partnership can preview its own at once, and the check
then lists each CHANGE-ME still to fill in, with its file and line. Every number but the emergency
one becomes an Ofcom drama number, so an unedited bundle can never send anyone to a real service
that is not the partnership's.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from kiosk.core.content.check.wording import CHANGE_ME
from kiosk.core.content.fields import IDENT
from kiosk.core.content.layout import FILES
from kiosk.core.content.loader import load_bundle
from kiosk.core.content.problems import BundleError
from kiosk.core.resources import builtin_bundle

SCAFFOLD_NOTE = (
    "# Made by `kiosk bundle new` from the {source} bundle. Replace every CHANGE-ME with your\n"
    "# partnership's own text and numbers; `kiosk bundle check` lists any that are left.\n"
)
# Ofcom's numbers for drama (never in service).
DRAMA_LOCAL = "01632 960{:03d}"
DRAMA_FREEPHONE = "0808 157 0{:03d}"
# contacts.toml lines replaced whole: (the line, what it becomes).
CONTACT_MARKS = (
    (r'^email = ".*"$', f'email = "{CHANGE_ME.lower()}@example.org"'),
    (r"^source_page = .*$", f'source_page = "{CHANGE_ME}: where your partnership publishes this number"'),
    (r"^last_checked = .*$", f"last_checked = 2000-01-01  # {CHANGE_ME}: the date you checked the number"),
)


def new_bundle(folder: str | Path, bundle_id: str | None = None, source: str | Path | None = None) -> int:
    """Copy a bundle (the built-in one by default) into `folder` with every local detail marked
    CHANGE-ME and every number but the emergency one replaced by a drama number; return how many marks."""
    folder = Path(folder)
    source = Path(source) if source else builtin_bundle()
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise BundleError.of(folder, "already exists and is not empty; choose a new folder", "(folder)")
    bundle_id = bundle_id or re.sub(r"[^a-z0-9_-]+", "-", folder.name.lower()).strip("-_") or "my-partnership"
    if not IDENT.fullmatch(bundle_id):
        raise BundleError.of(folder, f"{bundle_id!r} cannot be an id: use lower-case letters, digits, - or _")
    place = load_bundle(source).name.split()[0]
    texts = {name: (source / name).read_text(encoding="utf-8") for name in FILES}
    texts["bundle.toml"] = _marked_meta(texts["bundle.toml"], bundle_id, date.today())
    texts["contacts.toml"] = _marked_contacts(texts["contacts.toml"])
    folder.mkdir(parents=True, exist_ok=True)
    marks = 0
    for name, text in texts.items():
        text = SCAFFOLD_NOTE.format(source=place) + text.replace(place, CHANGE_ME)
        marks += text.count(CHANGE_ME) + text.count(CHANGE_ME.lower()) - SCAFFOLD_NOTE.count(CHANGE_ME)
        (folder / name).write_text(text, encoding="utf-8")
    load_bundle(folder)  # the scaffold must load, so it can be previewed at once
    return marks


def _marked_meta(meta: str, bundle_id: str, today: date) -> str:
    """bundle.toml with the new id, today's version and date, and the partnership and source to fill in."""
    for key, value in (
        ("id", f'"{bundle_id}"'),
        ("name", f'"{CHANGE_ME} Safeguarding Partnership"'),
        ("version", f'"{today:%Y.%m}.1"'),
        ("date", today.isoformat()),
        ("title", f'"{CHANGE_ME}: the document your numbers come from"'),
        ("publisher", f'"{CHANGE_ME}: who published it"'),
    ):
        meta = re.sub(
            rf"^{key} = .*$", lambda _m, k=key, v=value: f"{k} = {v}", meta, count=1, flags=re.MULTILINE
        )
    return meta


def _marked_contacts(contacts: str) -> str:
    """contacts.toml with drama numbers (the emergency number kept), placeholder emails, sources, dates."""
    numbers = iter(range(1, 1000))

    def drama(match: re.Match[str]) -> str:
        phone = match.group(1)
        if len(phone) == 3:  # the emergency number, the same everywhere
            return match.group(0)
        pattern = DRAMA_FREEPHONE if phone.startswith("08") else DRAMA_LOCAL
        return f'phone = "{pattern.format(next(numbers))}"'

    contacts = re.sub(r'^phone = "([^"]*)"$', drama, contacts, flags=re.MULTILINE)
    for line, marked in CONTACT_MARKS:
        contacts = re.sub(line, marked, contacts, flags=re.MULTILINE)
    return contacts
