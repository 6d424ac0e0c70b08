"""Contacts: checked against their source within the review period, written cleanly, and used."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from kiosk.core.content.check.findings import Findings
from kiosk.core.content.fields import BundleFile
from kiosk.core.content.model import Bundle
from kiosk.core.content.review import day_of, months_before
from kiosk.core.content.text import placeholders


def check_contacts(
    bundle: Bundle, files: dict[str, BundleFile], out: Findings, months: int, today: date
) -> None:
    f = files["contacts.toml"]
    cutoff = months_before(today, months)
    used = {cid for a in bundle.answers.values() for cid in a.contacts}
    used |= {cid for c in bundle.concerns.values() for cid in c.contacts}
    used |= {t.contact for t in bundle.abuse_types}
    raw = f.data.get("contact") if isinstance(f.data.get("contact"), list) else []
    for i, c in enumerate(bundle.contacts.values()):
        w = f"contact[{i}]"
        checked = day_of(c.last_checked)
        if checked < cutoff:
            out.warning(
                "contacts.toml",
                f"{w}.last_checked",
                f"{c.id}: last checked {checked.isoformat()}, more than {months} months ago; check the "
                "number against the published source and update last_checked",
                f.line_of(f"{w}.last_checked"),
            )
        elif checked > today:
            out.warning(
                "contacts.toml",
                f"{w}.last_checked",
                f"{checked.isoformat()} is in the future; write the date the number was checked",
                f.line_of(f"{w}.last_checked"),
            )
        item = raw[i] if i < len(raw) and isinstance(raw[i], dict) else {}
        for key in ("id", "phone", "email"):
            value = item.get(key)
            if isinstance(value, str) and value != value.strip():
                out.error(
                    "contacts.toml",
                    f"{w}.{key}",
                    f"{value!r} has spaces or a line break at an end; remove them",
                    f.line_of(f"{w}.{key}"),
                )
        if c.id not in used and not any(c.id in placeholders(t) for t in _all_text(bundle)):
            out.warning(
                "contacts.toml",
                w,
                f"{c.id!r} is not used by any answer, concern, abuse type or text",
                f.line_of(w),
            )


def _all_text(bundle: Bundle) -> Iterable[str]:
    """The texts that may name a contact by placeholder rather than list it."""
    for a in bundle.answers.values():
        yield a.heading
        yield from a.what_to_say
        yield from a.also
    for s in bundle.guidance:
        yield from s.paragraphs
        yield from s.points
    for t in bundle.abuse_types:
        yield from t.what_it_is
        yield from t.signs
        yield from t.what_you_can_do
    for c in bundle.concerns.values():
        yield from c.slip_lines
    yield from bundle.discreet.slip_lines
