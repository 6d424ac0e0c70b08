"""What a content bundle holds, once loaded and checked."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    publisher: str


@dataclass(frozen=True)
class Contact:
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


@dataclass(frozen=True)
class Choice:
    label: str
    target: str
    detail: str = ""
    style: str = "normal"
    icon: str = ""


@dataclass(frozen=True)
class Question:
    id: str
    title: str
    body: tuple[str, ...]
    options: tuple[Choice, ...]


@dataclass(frozen=True)
class Answer:
    id: str
    concern: str
    contacts: tuple[str, ...]
    heading: str
    who_answers: str
    what_to_say: tuple[str, ...]
    also: tuple[str, ...] = ()


@dataclass(frozen=True)
class Concern:
    id: str
    title: str
    contacts: tuple[str, ...]
    slip_lines: tuple[str, ...]


@dataclass(frozen=True)
class GuidanceSection:
    id: str
    title: str
    paragraphs: tuple[str, ...]
    points: tuple[str, ...] = ()


@dataclass(frozen=True)
class AbuseGroup:
    id: str
    title: str
    intro: str


@dataclass(frozen=True)
class AbuseType:
    id: str
    group: str
    title: str
    summary: str
    what_it_is: tuple[str, ...]
    signs: tuple[str, ...]
    what_you_can_do: tuple[str, ...]
    contact: str


@dataclass(frozen=True)
class Discreet:
    title: str
    slip_lines: tuple[str, ...]
    forbidden_words: tuple[str, ...]


@dataclass(frozen=True)
class Bundle:
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
    sources: dict[str, Source] = field(default_factory=dict)

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
