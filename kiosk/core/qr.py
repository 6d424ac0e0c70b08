"""The contact card a phone camera reads from a QR code: a vCard with the numbers from the bundle."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from kiosk.core.content.model import Bundle, Contact

# Trying all eight mask patterns costs about 10 ms per code; any fixed one is valid.
MASK_PATTERN = 2


@dataclass(frozen=True)
class CardEntry:
    label: str
    phone: str | None
    email: str | None


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n")


def _same(text: str) -> str:
    return text


def card_entries(
    bundle: Bundle, concern: str, discreet: bool, translate: Callable[[str], str] = _same
) -> list[CardEntry]:
    """The labelled numbers a slip, a QR card and the screen all carry for `concern`."""
    contacts: Sequence[Contact] = [bundle.contacts[c] for c in bundle.concerns[concern].contacts]
    # An email address such as help@nspcc.org.uk names the service, so a discreet card leaves it out.
    return [
        CardEntry(translate(c.discreet_name), c.phone, None)
        if discreet
        else CardEntry(translate(c.name), c.phone, c.email)
        for c in contacts
        if c.phone or not discreet
    ]


def vcard(
    bundle: Bundle, concern: str, discreet: bool = False, translate: Callable[[str], str] = _same
) -> str:
    """A vCard 3.0 that saves every number for `concern` as one contact, labelled per number."""
    title = translate(bundle.discreet.title if discreet else bundle.concerns[concern].title)
    lines = ["BEGIN:VCARD", "VERSION:3.0", f"N:;{_escape(title)};;;", f"FN:{_escape(title)}"]
    if not discreet:
        lines.append(f"ORG:{_escape(translate(bundle.name))}")
    notes = []
    # Labels go once, in NOTE, which iOS and Android both show: per-number labels (X-ABLabel)
    # only reach iOS and would make the code denser and harder to scan.
    for entry in card_entries(bundle, concern, discreet, translate):
        if entry.phone:
            lines.append(f"TEL;TYPE=VOICE:{entry.phone}")
            notes.append(f"{entry.label}: {entry.phone}")
        if entry.email:
            lines.append(f"EMAIL;TYPE=INTERNET:{entry.email}")
            notes.append(f"{entry.label}: {entry.email}")
    lines.append(f"NOTE:{_escape(chr(10).join(notes))}")
    lines.append("END:VCARD")
    return "\r\n".join(lines) + "\r\n"


@lru_cache(maxsize=64)
def matrix(payload: str) -> tuple[tuple[bool, ...], ...]:
    """QR modules for `payload` (True = dark), with the standard four-module quiet zone.

    Cached: a kiosk draws the same few cards again and again.
    """
    import qrcode
    from qrcode.constants import ERROR_CORRECT_M

    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=4, mask_pattern=MASK_PATTERN)
    code.add_data(payload.encode("utf-8"))
    code.make(fit=True)
    return tuple(tuple(row) for row in code.get_matrix())
