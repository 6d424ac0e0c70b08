"""Load a content bundle folder and check it, naming the file, field, line and fix of every problem.

What the loader refuses (BundleError) a kiosk never shows: a number typed into text, an unknown
placeholder, a phone number not in its published form, a link to a screen or contact that does not
exist, discreet text that gives the concern away. `kiosk bundle check` adds what an editor should
fix before shipping (kiosk.core.content.check).
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

from kiosk.core.content.fields import BundleFile, BundleText
from kiosk.core.content.layout import FILES
from kiosk.core.content.model import (
    AbuseGroup,
    AbuseType,
    Answer,
    Bundle,
    Choice,
    Concern,
    Contact,
    Discreet,
    GuidanceSection,
    Question,
    Source,
)
from kiosk.core.content.problems import BundleError, Problem
from kiosk.core.content.text import text_problems

# BundleError and Problem are what load_bundle raises: callers of the loader catch them from here.
__all__ = ["BundleError", "Problem", "load_bundle", "load_with_texts", "translatable_texts"]

FORMAT = 1
PHONE = re.compile(r"^(?:\d{3}|0\d{3,4}(?: ?\d{3,4}){1,2})$")
EMAIL = re.compile(r"^[^@\s{}]+@[^@\s{}]+\.[a-z]{2,}$", re.IGNORECASE)
FIXED_TARGETS = ("abuse-types", "guidance")


def load_bundle(folder: str | Path) -> Bundle:
    """Load and check the bundle in `folder`; raise BundleError listing every problem found."""
    return load_with_texts(Path(folder))[0]


def translatable_texts(folder: str | Path) -> list[tuple[str, int | None, str, str]]:
    """Every user-facing text of a valid bundle as (file name, line, field, text), for translators."""
    _, texts = load_with_texts(Path(folder))
    return [(t.name, t.line, t.where, t.text) for t in texts]


def load_with_texts(folder: Path) -> tuple[Bundle, list[BundleText]]:
    """The bundle, and every user-facing text in it as read (for the check and for translators)."""
    problems: list[Problem] = []
    if not folder.is_dir():
        raise BundleError(folder, [Problem(str(folder), "(folder)", "does not exist or is not a folder")])
    files = {name: BundleFile(folder, name, problems) for name in FILES}
    if problems:
        raise BundleError(folder, problems)
    builder = _Builder(folder, files)
    bundle = builder.build()
    if problems:
        raise BundleError(folder, problems)
    return bundle, builder.texts


class _Builder:
    def __init__(self, folder: Path, files: dict[str, BundleFile]):
        self.folder = folder
        self.f = files
        self.texts: list[BundleText] = []

    def text(self, f: BundleFile, table: dict, at: str, key: str, required: bool = True) -> str:
        """A user-facing text field, kept for the text rules and for translators."""
        where = f"{at}.{key}" if at else key
        value = f.string(table, key, where, required)
        self.texts.append(BundleText(f, where, value))
        return value

    def lines(self, f: BundleFile, table: dict, at: str, key: str, required: bool = True) -> tuple[str, ...]:
        """A list of user-facing texts, each kept as `field[i]`."""
        where = f"{at}.{key}" if at else key
        values = f.strings(table, key, where, required)
        self.texts += [BundleText(f, f"{where}[{i}]", value) for i, value in enumerate(values)]
        return values

    def build(self) -> Bundle:
        meta = self.f["bundle.toml"]
        d = meta.data
        fmt = meta.value(d, "format", "format", int, True)
        if fmt is not None and fmt != FORMAT:
            meta.problem("format", f"is {fmt}; this kiosk reads format {FORMAT}", meta.line_of("format"))
        sources = self.sources(meta)
        contacts = self.contacts(sources)
        concerns = self.concerns(set(contacts))
        journey = self.journey(contacts, concerns)
        guidance_title, guidance = self.guidance()
        groups, types = self.abuse(contacts)
        discreet = self.discreet(meta)
        raw_date = meta.value(d, "date", "date", date, True)
        look = None
        if any(key in d for key in ("logo", "theme", "languages")):
            from kiosk.core.content.look import read_look  # Wigan's bundle has none: not at start-up

            look = read_look(self.folder, d, meta.line_of)
        bundle = Bundle(
            path=self.folder,
            id=meta.ident(d, "id", "id"),
            name=self.text(meta, d, "", "name"),
            version=meta.string(d, "version", "version"),
            date=raw_date or date.min,
            title=journey["title"],
            subtitle=journey["subtitle"],
            slip_title=self.text(meta, d, "", "slip_title"),
            contacts=contacts,
            home=journey["home"],
            questions=journey["questions"],
            answers=journey["answers"],
            concerns=concerns,
            guidance_title=guidance_title,
            guidance=guidance,
            abuse_groups=groups,
            abuse_types=types,
            discreet=discreet,
            sources=sources,
        )
        if look is not None:
            bundle = bundle._replace(
                logo=look.logo, theme=look.theme, languages=look.languages, look_problems=look.problems
            )
        known = bundle.contact_numbers()
        for t in self.texts:
            for message in text_problems(t.text, known):
                t.file.problem(t.where, message, t.line)
        self.check_discreet(bundle)
        return bundle

    def sources(self, meta: BundleFile) -> dict[str, Source]:
        out = {}
        for i, t in enumerate(meta.tables(meta.data, "source", "source")):
            w = f"source[{i}]"
            s = Source(
                id=meta.ident(t, "id", f"{w}.id"),
                title=meta.string(t, "title", f"{w}.title"),
                publisher=meta.string(t, "publisher", f"{w}.publisher"),
            )
            out[s.id] = s
        return out

    def contacts(self, sources: dict[str, Source]) -> dict[str, Contact]:
        f = self.f["contacts.toml"]
        out: dict[str, Contact] = {}
        for i, t in enumerate(f.tables(f.data, "contact", "contact")):
            w = f"contact[{i}]"
            cid = f.ident(t, "id", f"{w}.id").replace("-", "_")
            phone = f.string(t, "phone", f"{w}.phone", required=False) or None
            email = f.string(t, "email", f"{w}.email", required=False) or None
            if phone is None and email is None:
                f.problem(w, "needs a `phone` or an `email`", f.line_of(w))
            if phone and not PHONE.fullmatch(phone):
                f.problem(
                    f"{w}.phone",
                    f"{phone!r} is not a UK number as published: three digits for the emergency "
                    "number, otherwise 0 then digits in groups split by single spaces",
                    f.line_of(f"{w}.phone"),
                )
            if email and not EMAIL.fullmatch(email):
                f.problem(f"{w}.email", f"{email!r} is not an email address", f.line_of(f"{w}.email"))
            source_id = f.string(t, "source", f"{w}.source")
            if source_id and source_id not in sources:
                f.problem(
                    f"{w}.source",
                    f"{source_id!r} is not a [[source]] in bundle.toml (known: {', '.join(sources)})",
                    f.line_of(f"{w}.source"),
                )
            checked = f.value(t, "last_checked", f"{w}.last_checked", date, True)
            if cid in out:
                f.problem(f"{w}.id", f"{cid!r} is used twice; ids must be unique", f.line_of(f"{w}.id"))
            out[cid] = Contact(
                id=cid,
                name=self.text(f, t, w, "name"),
                discreet_name=self.text(f, t, w, "discreet_name"),
                who_for=self.text(f, t, w, "who_for"),
                when_to_use=self.text(f, t, w, "when_to_use"),
                source=sources.get(source_id, Source(source_id, "", "")),
                source_page=f.string(t, "source_page", f"{w}.source_page"),
                last_checked=checked or date.min,
                phone=phone,
                email=email,
            )
        if f.ok and not out:
            f.problem("contact", "no contacts; add at least one [[contact]]")
        return out

    def _unique(self, f: BundleFile, where: str, ident: str, seen: dict) -> None:
        if ident in seen:
            f.problem(where, f"{ident!r} is used twice; ids must be unique", f.line_of(where))

    def _refs(self, f: BundleFile, where: str, ids: tuple[str, ...], known: set[str], what: str) -> None:
        for ref in ids:
            if ref not in known:
                f.problem(
                    where,
                    f"{what} {ref!r} does not exist (known: {', '.join(sorted(known))})",
                    f.line_of(where),
                )

    def concerns(self, contact_ids: set[str]) -> dict[str, Concern]:
        f = self.f["journey.toml"]
        out = {}
        for i, t in enumerate(f.tables(f.data, "concern", "concern")):
            w = f"concern[{i}]"
            c = Concern(
                id=f.ident(t, "id", f"{w}.id"),
                title=self.text(f, t, w, "title"),
                contacts=f.strings(t, "contacts", f"{w}.contacts"),
                slip_lines=self.lines(f, t, w, "slip_lines"),
            )
            self._refs(f, f"{w}.contacts", c.contacts, contact_ids, "contact")
            self._unique(f, f"{w}.id", c.id, out)
            out[c.id] = c
        return out

    def _choices(self, f: BundleFile, tables: list[dict], where: str) -> tuple[Choice, ...]:
        out = []
        for i, t in enumerate(tables):
            w = f"{where}[{i}]"
            out.append(
                Choice(
                    label=self.text(f, t, w, "label"),
                    target=f.string(t, "target", f"{w}.target"),
                    detail=self.text(f, t, w, "detail", required=False),
                    style=f.string(t, "style", f"{w}.style", required=False) or "normal",
                    icon=f.string(t, "icon", f"{w}.icon", required=False),
                )
            )
        return tuple(out)

    def journey(self, contacts: dict[str, Contact], concerns: dict[str, Concern]) -> dict[str, Any]:
        f = self.f["journey.toml"]
        home = f.value(f.data, "home", "home", dict, True) or {}
        title = self.text(f, home, "home", "title")
        subtitle = self.text(f, home, "home", "subtitle")
        choices = self._choices(f, f.tables(home, "choice", "home.choice"), "home.choice")
        questions: dict[str, Question] = {}
        for i, t in enumerate(f.tables(f.data, "question", "question", required=False)):
            w = f"question[{i}]"
            q = Question(
                id=f.ident(t, "id", f"{w}.id"),
                title=self.text(f, t, w, "title"),
                body=self.lines(f, t, w, "body", required=False),
                options=self._choices(f, f.tables(t, "option", f"{w}.option"), f"{w}.option"),
            )
            self._unique(f, f"{w}.id", q.id, questions)
            questions[q.id] = q
        answers: dict[str, Answer] = {}
        for i, t in enumerate(f.tables(f.data, "answer", "answer")):
            w = f"answer[{i}]"
            a = Answer(
                id=f.ident(t, "id", f"{w}.id"),
                concern=f.string(t, "concern", f"{w}.concern"),
                contacts=f.strings(t, "contacts", f"{w}.contacts"),
                heading=self.text(f, t, w, "heading"),
                who_answers=self.text(f, t, w, "who_answers"),
                what_to_say=self.lines(f, t, w, "what_to_say"),
                also=self.lines(f, t, w, "also", required=False),
            )
            self._refs(f, f"{w}.contacts", a.contacts, set(contacts), "contact")
            if a.concern and a.concern not in concerns:
                self._refs(f, f"{w}.concern", (a.concern,), set(concerns), "concern")
            self._unique(f, f"{w}.id", a.id, answers)
            answers[a.id] = a
        self.check_targets(f, choices, questions, answers, concerns)
        return {
            "title": title,
            "subtitle": subtitle,
            "home": choices,
            "questions": questions,
            "answers": answers,
        }

    def check_targets(
        self,
        f: BundleFile,
        home: tuple[Choice, ...],
        questions: dict[str, Question],
        answers: dict[str, Answer],
        concerns: dict[str, Concern],
    ) -> None:
        """Every choice leads to a screen that exists, and every question and answer has a way in."""
        targets = (
            {f"question:{q}" for q in questions}
            | {f"answer:{a}" for a in answers}
            | {f"take:{c}" for c in concerns}
            | set(FIXED_TARGETS)
        )
        all_choices = [("home.choice", i, c) for i, c in enumerate(home)]
        for qi, q in enumerate(questions.values()):
            all_choices += [(f"question[{qi}].option", i, c) for i, c in enumerate(q.options)]
        reached = set()
        for where, i, choice in all_choices:
            reached.add(choice.target)
            if choice.target and choice.target not in targets:
                w = f"{where}[{i}].target"
                f.problem(
                    w,
                    f"{choice.target!r} is not a screen (known: {', '.join(sorted(targets))})",
                    f.line_of(w),
                )
        for kind, ids in (("question", questions), ("answer", answers)):
            for ident in ids:
                if f"{kind}:{ident}" not in reached:
                    f.problem(f"{kind} {ident!r}", "no choice leads here; link it or remove it")

    def guidance(self) -> tuple[str, tuple[GuidanceSection, ...]]:
        f = self.f["guidance.toml"]
        title = self.text(f, f.data, "", "title")
        sections = []
        for i, t in enumerate(f.tables(f.data, "section", "section")):
            w = f"section[{i}]"
            sections.append(
                GuidanceSection(
                    id=f.ident(t, "id", f"{w}.id"),
                    title=self.text(f, t, w, "title"),
                    paragraphs=self.lines(f, t, w, "paragraphs"),
                    points=self.lines(f, t, w, "points", required=False),
                )
            )
        return title, tuple(sections)

    def abuse(self, contacts: dict[str, Contact]) -> tuple[tuple[AbuseGroup, ...], tuple[AbuseType, ...]]:
        f = self.f["abuse_types.toml"]
        groups = []
        for i, t in enumerate(f.tables(f.data, "group", "group")):
            w = f"group[{i}]"
            groups.append(
                AbuseGroup(
                    id=f.ident(t, "id", f"{w}.id"),
                    title=self.text(f, t, w, "title"),
                    intro=self.text(f, t, w, "intro"),
                )
            )
        group_ids = {g.id for g in groups}
        types = []
        for i, t in enumerate(f.tables(f.data, "abuse_type", "abuse_type")):
            w = f"abuse_type[{i}]"
            a = AbuseType(
                id=f.ident(t, "id", f"{w}.id"),
                group=f.string(t, "group", f"{w}.group"),
                title=self.text(f, t, w, "title"),
                summary=self.text(f, t, w, "summary"),
                what_it_is=self.lines(f, t, w, "what_it_is"),
                signs=self.lines(f, t, w, "signs"),
                what_you_can_do=self.lines(f, t, w, "what_you_can_do"),
                contact=f.string(t, "contact", f"{w}.contact"),
            )
            self._refs(f, f"{w}.group", (a.group,), group_ids, "group")
            self._refs(f, f"{w}.contact", (a.contact,), set(contacts), "contact")
            self._unique(f, f"{w}.id", a.id, {t.id: t for t in types})
            types.append(a)
        return tuple(groups), tuple(types)

    def discreet(self, meta: BundleFile) -> Discreet:
        t = meta.value(meta.data, "discreet", "discreet", dict, True) or {}
        return Discreet(
            title=self.text(meta, t, "discreet", "title"),
            slip_lines=self.lines(meta, t, "discreet", "slip_lines"),
            forbidden_words=meta.strings(t, "forbidden_words", "discreet.forbidden_words"),
        )

    def check_discreet(self, bundle: Bundle) -> None:
        """Discreet slips and QR cards must not give the concern away to someone who checks a phone."""
        words = [w.lower() for w in bundle.discreet.forbidden_words]
        fields = [(self.f["bundle.toml"], "discreet.title", bundle.discreet.title)]
        fields += [
            (self.f["bundle.toml"], f"discreet.slip_lines[{i}]", s)
            for i, s in enumerate(bundle.discreet.slip_lines)
        ]
        for i, c in enumerate(bundle.contacts.values()):
            fields.append((self.f["contacts.toml"], f"contact[{i}].discreet_name", c.discreet_name))
        for file, where, value in fields:
            hits = [w for w in words if w in value.lower()]
            if hits:
                file.problem(
                    where,
                    f"discreet text mentions {', '.join(hits)}; use neutral words",
                    file.line_of(where),
                )
