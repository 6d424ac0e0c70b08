"""Load a content bundle folder and check it, naming the file, field, line and fix of every problem."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

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
from kiosk.core.content.text import text_problems

FILES = ("bundle.toml", "contacts.toml", "journey.toml", "guidance.toml", "abuse_types.toml")
FORMAT = 1
MAX_FILE_BYTES = 1_000_000
PHONE = re.compile(r"^(?:\d{3}|0\d{3,4}(?: ?\d{3,4}){1,2})$")
EMAIL = re.compile(r"^[^@\s{}]+@[^@\s{}]+\.[a-z]{2,}$", re.IGNORECASE)
IDENT = re.compile(r"^[a-z][a-z0-9_-]*$")
FIXED_TARGETS = ("abuse-types", "guidance")


@dataclass(frozen=True)
class Problem:
    file: str
    field: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.field}: {self.message}"


class BundleError(Exception):
    """The bundle cannot be used; `problems` lists every reason."""

    def __init__(self, path: Path, problems: list[Problem]):
        self.path = path
        self.problems = problems
        lines = "\n".join(f"  {p}" for p in problems)
        super().__init__(f"content bundle {path} has {len(problems)} problem(s):\n{lines}")


class _File:
    """One TOML file of the bundle, with typed getters that record problems instead of raising."""

    def __init__(self, folder: Path, name: str, problems: list[Problem]):
        self.name = name
        self.problems = problems
        self.text = ""
        self.data: dict[str, Any] = {}
        path = folder / name
        if path.is_symlink() or not path.is_file():
            self.problem("(file)", f"missing; every bundle needs {', '.join(FILES)}")
            return
        if path.stat().st_size > MAX_FILE_BYTES:
            self.problem("(file)", f"larger than {MAX_FILE_BYTES} bytes; content files are small")
            return
        try:
            self.text = path.read_bytes().decode("utf-8")
            self.data = tomllib.loads(self.text)
        except UnicodeDecodeError as exc:
            self.problem("(file)", f"is not UTF-8 ({exc.reason} at byte {exc.start}); save as UTF-8")
        except tomllib.TOMLDecodeError as exc:
            self.problem("(file)", f"is not valid TOML: {exc}")
        except RecursionError:
            self.problem("(file)", "nests values too deeply to read; content files are flat tables and lists")
        except OSError as exc:
            self.problem("(file)", f"cannot be read: {exc.strerror}")

    @property
    def ok(self) -> bool:
        return bool(self.data)

    def problem(self, where: str, message: str, line: int | None = None) -> None:
        self.problems.append(Problem(self.name, where, message, line))

    def line_of(self, where: str) -> int | None:
        """Best-effort line of a field such as `contact[2].phone` or `home.title`."""
        if not self.text:
            return None
        lines = self.text.splitlines()
        start, key = 0, where
        match = re.match(r"^([\w.]+)\[(\d+)\]\.?(.*)$", where)
        if match:
            table, index, key = match.group(1), int(match.group(2)), match.group(3)
            headers = [i for i, ln in enumerate(lines) if ln.strip() == f"[[{table}]]"]
            if index >= len(headers):
                return None
            start = headers[index]
        key = re.split(r"[.\[]", key)[-1] if key else ""
        for i in range(start, len(lines)):
            stripped = lines[i].strip()
            if i > start and match and stripped.startswith("[["):
                break
            if key and re.match(rf"^{re.escape(key)}\s*=", stripped):
                return i + 1
        return start + 1 if match else None

    def _get(self, table: dict, key: str, where: str, kind: type, required: bool) -> Any:
        if key not in table:
            if required:
                self.problem(where, f"is missing; add `{key} = ...`", self.line_of(where.rsplit(".", 1)[0]))
            return None
        value = table[key]
        wrong = kind is int and isinstance(value, bool) or kind is date and isinstance(value, datetime)
        if not isinstance(value, kind) or wrong:
            self.problem(
                where,
                f"should be {kind.__name__}, not {type(value).__name__}",
                self.line_of(where),
            )
            return None
        return value

    def string(self, table: dict, key: str, where: str, required: bool = True) -> str:
        value = self._get(table, key, where, str, required)
        if value is not None and required and not value.strip():
            self.problem(where, "is empty; write the text", self.line_of(where))
        return value or ""

    def strings(self, table: dict, key: str, where: str, required: bool = True) -> tuple[str, ...]:
        value = self._get(table, key, where, list, required) or []
        out = []
        for i, item in enumerate(value):
            if isinstance(item, str) and item.strip():
                out.append(item)
            else:
                self.problem(f"{where}[{i}]", "should be non-empty text", self.line_of(where))
        if required and not out and key in table:
            self.problem(where, "is empty; give at least one line", self.line_of(where))
        return tuple(out)

    def tables(self, table: dict, key: str, where: str, required: bool = True) -> list[dict]:
        value = self._get(table, key, where, list, required) or []
        out = []
        for i, item in enumerate(value):
            if isinstance(item, dict):
                out.append(item)
            else:
                self.problem(f"{where}[{i}]", "should be a table ([[...]])", self.line_of(where))
        return out

    def ident(self, table: dict, key: str, where: str) -> str:
        value = self.string(table, key, where)
        if value and not IDENT.fullmatch(value):
            self.problem(
                where,
                f"{value!r} should be lower-case letters, digits, - or _",
                self.line_of(where),
            )
        return value


def load_bundle(folder: str | Path) -> Bundle:
    """Load and check the bundle in `folder`; raise BundleError listing every problem found."""
    return _build(Path(folder))[0]


def translatable_texts(folder: str | Path) -> list[tuple[str, int | None, str, str]]:
    """Every user-facing text of a valid bundle as (file name, line, field, text), for translators."""
    _, builder = _build(Path(folder))
    return [(file.name, file.line_of(where), where, text) for file, where, text in builder.texts]


def _build(folder: Path) -> tuple[Bundle, _Builder]:
    problems: list[Problem] = []
    if not folder.is_dir():
        raise BundleError(folder, [Problem(str(folder), "(folder)", "does not exist or is not a folder")])
    files = {name: _File(folder, name, problems) for name in FILES}
    if problems:
        raise BundleError(folder, problems)
    builder = _Builder(folder, files)
    bundle = builder.build()
    if problems:
        raise BundleError(folder, problems)
    return bundle, builder


class _Builder:
    def __init__(self, folder: Path, files: dict[str, _File]):
        self.folder = folder
        self.f = files
        self.texts: list[tuple[_File, str, str]] = []

    def text(self, file: _File, where: str, value: str) -> str:
        self.texts.append((file, where, value))
        return value

    def texts_of(self, file: _File, where: str, values: tuple[str, ...]) -> tuple[str, ...]:
        for i, value in enumerate(values):
            self.texts.append((file, f"{where}[{i}]", value))
        return values

    def build(self) -> Bundle:
        meta = self.f["bundle.toml"]
        d = meta.data
        fmt = meta._get(d, "format", "format", int, True)
        if fmt is not None and fmt != FORMAT:
            meta.problem("format", f"is {fmt}; this kiosk reads format {FORMAT}", meta.line_of("format"))
        sources = self.sources(meta)
        contacts = self.contacts(sources)
        concerns = self.concerns(set(contacts))
        journey = self.journey(contacts, concerns)
        guidance_title, guidance = self.guidance()
        groups, types = self.abuse(contacts)
        discreet = self.discreet(meta)
        raw_date = meta._get(d, "date", "date", date, True)
        look = None
        if any(key in d for key in ("logo", "theme", "languages")):
            from kiosk.core.content.look import read_look  # Wigan's bundle has none: not at start-up

            look = read_look(self.folder, d, meta.line_of)
        bundle = Bundle(
            path=self.folder,
            id=meta.ident(d, "id", "id"),
            name=self.text(meta, "name", meta.string(d, "name", "name")),
            version=meta.string(d, "version", "version"),
            date=raw_date or date.min,
            title=journey["title"],
            subtitle=journey["subtitle"],
            slip_title=self.text(meta, "slip_title", meta.string(d, "slip_title", "slip_title")),
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
        for file, where, value in self.texts:
            for message in text_problems(value, known):
                file.problem(where, message, file.line_of(where))
        self.check_discreet(bundle)
        return bundle

    def sources(self, meta: _File) -> dict[str, Source]:
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
            checked = f._get(t, "last_checked", f"{w}.last_checked", date, True)
            if cid in out:
                f.problem(f"{w}.id", f"{cid!r} is used twice; ids must be unique", f.line_of(f"{w}.id"))
            out[cid] = Contact(
                id=cid,
                name=self.text(f, f"{w}.name", f.string(t, "name", f"{w}.name")),
                discreet_name=self.text(
                    f, f"{w}.discreet_name", f.string(t, "discreet_name", f"{w}.discreet_name")
                ),
                who_for=self.text(f, f"{w}.who_for", f.string(t, "who_for", f"{w}.who_for")),
                when_to_use=self.text(f, f"{w}.when_to_use", f.string(t, "when_to_use", f"{w}.when_to_use")),
                source=sources.get(source_id, Source(source_id, "", "")),
                source_page=f.string(t, "source_page", f"{w}.source_page"),
                last_checked=checked or date.min,
                phone=phone,
                email=email,
            )
        if f.ok and not out:
            f.problem("contact", "no contacts; add at least one [[contact]]")
        return out

    def _unique(self, f: _File, where: str, ident: str, seen: dict) -> None:
        if ident in seen:
            f.problem(where, f"{ident!r} is used twice; ids must be unique", f.line_of(where))

    def _refs(self, f: _File, where: str, ids: tuple[str, ...], known: set[str], what: str) -> None:
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
                title=self.text(f, f"{w}.title", f.string(t, "title", f"{w}.title")),
                contacts=f.strings(t, "contacts", f"{w}.contacts"),
                slip_lines=self.texts_of(f, f"{w}.slip_lines", f.strings(t, "slip_lines", f"{w}.slip_lines")),
            )
            self._refs(f, f"{w}.contacts", c.contacts, contact_ids, "contact")
            self._unique(f, f"{w}.id", c.id, out)
            out[c.id] = c
        return out

    def _choices(self, f: _File, tables: list[dict], where: str) -> tuple[Choice, ...]:
        out = []
        for i, t in enumerate(tables):
            w = f"{where}[{i}]"
            out.append(
                Choice(
                    label=self.text(f, f"{w}.label", f.string(t, "label", f"{w}.label")),
                    target=f.string(t, "target", f"{w}.target"),
                    detail=self.text(f, f"{w}.detail", f.string(t, "detail", f"{w}.detail", required=False)),
                    style=f.string(t, "style", f"{w}.style", required=False) or "normal",
                    icon=f.string(t, "icon", f"{w}.icon", required=False),
                )
            )
        return tuple(out)

    def journey(self, contacts: dict[str, Contact], concerns: dict[str, Concern]) -> dict[str, Any]:
        f = self.f["journey.toml"]
        home = f._get(f.data, "home", "home", dict, True) or {}
        title = self.text(f, "home.title", f.string(home, "title", "home.title"))
        subtitle = self.text(f, "home.subtitle", f.string(home, "subtitle", "home.subtitle"))
        choices = self._choices(f, f.tables(home, "choice", "home.choice"), "home.choice")
        questions: dict[str, Question] = {}
        for i, t in enumerate(f.tables(f.data, "question", "question", required=False)):
            w = f"question[{i}]"
            q = Question(
                id=f.ident(t, "id", f"{w}.id"),
                title=self.text(f, f"{w}.title", f.string(t, "title", f"{w}.title")),
                body=self.texts_of(f, f"{w}.body", f.strings(t, "body", f"{w}.body", required=False)),
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
                heading=self.text(f, f"{w}.heading", f.string(t, "heading", f"{w}.heading")),
                who_answers=self.text(f, f"{w}.who_answers", f.string(t, "who_answers", f"{w}.who_answers")),
                what_to_say=self.texts_of(
                    f, f"{w}.what_to_say", f.strings(t, "what_to_say", f"{w}.what_to_say")
                ),
                also=self.texts_of(f, f"{w}.also", f.strings(t, "also", f"{w}.also", required=False)),
            )
            self._refs(f, f"{w}.contacts", a.contacts, set(contacts), "contact")
            if a.concern and a.concern not in concerns:
                self._refs(f, f"{w}.concern", (a.concern,), set(concerns), "concern")
            self._unique(f, f"{w}.id", a.id, answers)
            answers[a.id] = a
        targets = (
            {f"question:{q}" for q in questions}
            | {f"answer:{a}" for a in answers}
            | {f"take:{c}" for c in concerns}
            | set(FIXED_TARGETS)
        )
        all_choices = [("home.choice", i, c) for i, c in enumerate(choices)]
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
        for q in questions:
            if f"question:{q}" not in reached:
                f.problem(f"question {q!r}", "no choice leads here; link it or remove it")
        for a in answers:
            if f"answer:{a}" not in reached:
                f.problem(f"answer {a!r}", "no choice leads here; link it or remove it")
        return {
            "title": title,
            "subtitle": subtitle,
            "home": choices,
            "questions": questions,
            "answers": answers,
        }

    def guidance(self) -> tuple[str, tuple[GuidanceSection, ...]]:
        f = self.f["guidance.toml"]
        title = self.text(f, "title", f.string(f.data, "title", "title"))
        sections = []
        for i, t in enumerate(f.tables(f.data, "section", "section")):
            w = f"section[{i}]"
            sections.append(
                GuidanceSection(
                    id=f.ident(t, "id", f"{w}.id"),
                    title=self.text(f, f"{w}.title", f.string(t, "title", f"{w}.title")),
                    paragraphs=self.texts_of(
                        f, f"{w}.paragraphs", f.strings(t, "paragraphs", f"{w}.paragraphs")
                    ),
                    points=self.texts_of(
                        f, f"{w}.points", f.strings(t, "points", f"{w}.points", required=False)
                    ),
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
                    title=self.text(f, f"{w}.title", f.string(t, "title", f"{w}.title")),
                    intro=self.text(f, f"{w}.intro", f.string(t, "intro", f"{w}.intro")),
                )
            )
        group_ids = {g.id for g in groups}
        types = []
        for i, t in enumerate(f.tables(f.data, "abuse_type", "abuse_type")):
            w = f"abuse_type[{i}]"
            a = AbuseType(
                id=f.ident(t, "id", f"{w}.id"),
                group=f.string(t, "group", f"{w}.group"),
                title=self.text(f, f"{w}.title", f.string(t, "title", f"{w}.title")),
                summary=self.text(f, f"{w}.summary", f.string(t, "summary", f"{w}.summary")),
                what_it_is=self.texts_of(f, f"{w}.what_it_is", f.strings(t, "what_it_is", f"{w}.what_it_is")),
                signs=self.texts_of(f, f"{w}.signs", f.strings(t, "signs", f"{w}.signs")),
                what_you_can_do=self.texts_of(
                    f,
                    f"{w}.what_you_can_do",
                    f.strings(t, "what_you_can_do", f"{w}.what_you_can_do"),
                ),
                contact=f.string(t, "contact", f"{w}.contact"),
            )
            self._refs(f, f"{w}.group", (a.group,), group_ids, "group")
            self._refs(f, f"{w}.contact", (a.contact,), set(contacts), "contact")
            self._unique(f, f"{w}.id", a.id, {t.id: t for t in types})
            types.append(a)
        return tuple(groups), tuple(types)

    def discreet(self, meta: _File) -> Discreet:
        t = meta._get(meta.data, "discreet", "discreet", dict, True) or {}
        return Discreet(
            title=self.text(meta, "discreet.title", meta.string(t, "title", "discreet.title")),
            slip_lines=self.texts_of(
                meta, "discreet.slip_lines", meta.strings(t, "slip_lines", "discreet.slip_lines")
            ),
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
