"""What a content bundle holds, once loaded and checked.

Immutable records as NamedTuples: eleven frozen dataclasses cost ~9 ms more at every start-up.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import NamedTuple


class Source(NamedTuple):
    id: str
    title: str
    publisher: str


class Contact(NamedTuple):
    id: str
    name: str
    discreet_name: str
    who_for: str
    when_to_use: str
    source: Source
    source_page: str
    last_checked: date
    phone: str | None = None
    email: str | None = None

    @property
    def primary(self) -> str:
        """What to dial or write to first: the phone number, else the email."""
        return self.phone or self.email or ""


class Choice(NamedTuple):
    label: str
    target: str
    detail: str = ""
    style: str = "normal"
    icon: str = ""


class Question(NamedTuple):
    id: str
    title: str
    body: tuple[str, ...]
    options: tuple[Choice, ...]


class Answer(NamedTuple):
    id: str
    concern: str
    contacts: tuple[str, ...]
    heading: str
    who_answers: str
    what_to_say: tuple[str, ...]
    also: tuple[str, ...] = ()


class Concern(NamedTuple):
    id: str
    title: str
    contacts: tuple[str, ...]
    slip_lines: tuple[str, ...]


class GuidanceSection(NamedTuple):
    id: str
    title: str
    paragraphs: tuple[str, ...]
    points: tuple[str, ...] = ()


class AbuseGroup(NamedTuple):
    id: str
    title: str
    intro: str


class AbuseType(NamedTuple):
    id: str
    group: str
    title: str
    summary: str
    what_it_is: tuple[str, ...]
    signs: tuple[str, ...]
    what_you_can_do: tuple[str, ...]
    contact: str


class Discreet(NamedTuple):
    title: str
    slip_lines: tuple[str, ...]
    forbidden_words: tuple[str, ...]


class Bundle(NamedTuple):
    path: Path
    id: str
    name: str
    version: str
    date: date
    title: str
    subtitle: str
    slip_title: str
    contacts: dict[str, Contact]
    home: tuple[Choice, ...]
    questions: dict[str, Question]
    answers: dict[str, Answer]
    concerns: dict[str, Concern]
    guidance_title: str
    guidance: tuple[GuidanceSection, ...]
    abuse_groups: tuple[AbuseGroup, ...]
    abuse_types: tuple[AbuseType, ...]
    discreet: Discreet
    sources: dict[str, Source]
    # The bundle's own look and reach (kiosk.core.content.look); a bad one is left out, with a
    # problem for staff in `look_problems`, and never stops the content being shown.
    logo: Path | None = None
    theme: dict[str, str] = {}  # noqa: RUF012 - never mutated
    languages: tuple[str, ...] = ()  # () offers every language the kiosk ships
    look_problems: tuple = ()  # problems.Problem items

    @property
    def label(self) -> str:
        """Name, version and date, as staff, the log and the commands name a bundle."""
        return f"{self.name} {self.version} ({self.date.isoformat()})"

    def contact_numbers(self) -> dict[str, str]:
        """Placeholder name -> published number or email, for filling text."""
        values: dict[str, str] = {}
        for contact in self.contacts.values():
            if contact.phone:
                values[contact.id] = contact.phone
            if contact.email:
                values[f"{contact.id}_email"] = contact.email
                values.setdefault(contact.id, contact.email)
        return values

    def abuse_types_in(self, group: str) -> list[AbuseType]:
        return [t for t in self.abuse_types if t.group == group]
