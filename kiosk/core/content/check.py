"""`kiosk bundle check`: everything a kiosk needs from a bundle, beyond what the loader refuses.

The loader refuses what would break the kiosk or show a wrong number. This check adds what an
editor should fix before shipping: screens no resident can reach, languages with missing or unsafe
translations, images that are missing or not images, text too long for the screen, contacts not
checked within the review period, and fields the kiosk does not know (usually typos).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any, Literal

from kiosk.core.content.loader import FILES, BundleError, Problem, _build, _File
from kiosk.core.content.look import language_problems, read_look
from kiosk.core.content.model import Bundle
from kiosk.core.content.pack import (
    LANGUAGE_CODE,
    TRANSLATIONS,
    expected_path,
)
from kiosk.core.content.text import PLACEHOLDER, placeholders
from kiosk.core.theme import BUNDLE_COLOURS

ERROR, WARNING = "error", "warning"
SOURCE_LANGUAGE = "en_GB"
REVIEW_MONTHS = 12
# Marks what `kiosk bundle new` could not know; a bundle that still says it cannot be shipped.
CHANGE_ME = "CHANGE-ME"
MAX_DEPTH = 4
MAX_FILES = 100
# Tables and lists inside each other: journey.toml's home.choice[i].label is the deepest use (4).
MAX_NESTING = 8
CHOICE_STYLES = ("normal", "urgent")
ICONS = ("danger", "child", "adult", "worker", "info", "listen", "take")
# Characters on screen, for the English text; translations may run half as long again.
LIMITS = {
    "name": 60,
    "slip_title": 50,
    "discreet.title": 30,
    "discreet.slip_lines[]": 60,
    "contact[].name": 50,
    "contact[].discreet_name": 30,
    "contact[].who_for": 100,
    "contact[].when_to_use": 110,
    "home.title": 50,
    "home.subtitle": 100,
    "home.choice[].label": 60,
    "home.choice[].detail": 70,
    "question[].title": 60,
    "question[].option[].label": 60,
    "question[].option[].detail": 70,
    "answer[].heading": 60,
    "answer[].who_answers": 100,
    "concern[].title": 40,
    "concern[].slip_lines[]": 60,
    "title": 50,
    "section[].title": 40,
    "group[].title": 40,
    "group[].intro": 100,
    "abuse_type[].title": 40,
    "abuse_type[].summary": 60,
}
TRANSLATION_SLACK = 1.5
MAX_SENTENCE_WORDS = 20
SENTENCE = re.compile(r"(?<=[.?!])\s+")
# Every field each table may have: anything else is ignored by the kiosk, so it is probably a typo.
CHOICE_KEYS = {"label", "target", "detail", "style", "icon"}
SCHEMA: dict[str, dict[str, set[str]]] = {
    "bundle.toml": {
        "": {"format", "id", "name", "version", "date", "slip_title", "source", "discreet"}
        | {"logo", "languages", "theme"},
        "source": {"id", "title", "publisher"},
        "discreet": {"title", "slip_lines", "forbidden_words"},
        "theme": set(BUNDLE_COLOURS),
    },
    "contacts.toml": {
        "": {"contact"},
        "contact": {"id", "name", "discreet_name", "phone", "email", "who_for", "when_to_use", "source"}
        | {"source_page", "last_checked"},
    },
    "journey.toml": {
        "": {"home", "question", "answer", "concern"},
        "home": {"title", "subtitle", "choice"},
        "home.choice": CHOICE_KEYS,
        "question": {"id", "title", "body", "option"},
        "question.option": CHOICE_KEYS,
        "answer": {"id", "concern", "contacts", "heading", "who_answers", "what_to_say", "also"},
        "concern": {"id", "title", "contacts", "slip_lines"},
    },
    "guidance.toml": {"": {"title", "section"}, "section": {"id", "title", "paragraphs", "points"}},
    "abuse_types.toml": {
        "": {"group", "abuse_type"},
        "group": {"id", "title", "intro"},
        "abuse_type": {"id", "group", "title", "summary", "what_it_is", "signs", "what_you_can_do"}
        | {"contact"},
    },
}


@dataclass(frozen=True)
class Finding(Problem):
    """A Problem with a severity: an error stops the bundle being shipped, a warning does not."""

    severity: Literal["error", "warning"] = ERROR

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def __str__(self) -> str:
        return f"{self.severity}: {super().__str__()}"


def errors(findings: Iterable[Problem]) -> list[Problem]:
    return [f for f in findings if getattr(f, "severity", ERROR) == ERROR]


def check_bundle(
    folder: str | Path,
    *,
    review_months: int = REVIEW_MONTHS,
    today: date | None = None,
    kiosk_translations: Path | None = None,
) -> list[Finding]:
    """Every problem with the bundle in `folder`, errors first; an empty list means ready to ship.

    `kiosk_translations` is the kiosk's own catalog folder (default: the installed one); a bundle's
    text is translated by the bundle's own `translations/` first, then by the kiosk's catalogs.
    """
    folder = Path(folder)
    today = today or date.today()
    out = _Findings()
    if folder.is_symlink() or not folder.is_dir():
        out.error(str(folder), "(folder)", "does not exist or is not a folder")
        return out.sorted()
    _check_files(folder, out)
    files = {name: _parse(folder, name, out) for name in FILES}
    bundle, texts = None, []
    if not any(f is None for f in files.values()):
        try:
            bundle, builder = _build(folder)
            texts = [_Text(file, where, text) for file, where, text in builder.texts]
        except BundleError as exc:
            for p in exc.problems:
                out.add(Finding(p.file, p.field, p.message, p.line, ERROR))
            bundle, texts = None, []
    files = {name: f or _File(folder / "(unreadable)", name, []) for name, f in files.items()}
    _check_fields(files, out)
    meta = files["bundle.toml"]
    _check_look(folder, meta, out)
    languages = _check_languages(folder, meta, out)
    if bundle is None:
        return out.sorted()
    _check_journey(bundle, files, out)
    _check_contacts(bundle, files, out, review_months, today)
    _check_text(texts, files, out)
    _check_translations(folder, bundle, texts, languages, kiosk_translations, out)
    return out.sorted()


def _parse(folder: Path, name: str, out: _Findings) -> _File | None:
    """One file as the loader reads it; None if it is nested too deeply to be content."""
    try:
        f = _File(folder, name, [])
    except RecursionError:  # tomllib recurses once per nested [ or {; the loader does not catch it
        f = None
    if f is None or _depth(f.data) > MAX_NESTING:
        out.error(
            name, "(file)", f"nests values more than {MAX_NESTING} deep; content files are tables of lists"
        )
        return None
    return f


def _depth(value: Any) -> int:
    """How deeply tables and lists nest in `value`, without recursion."""
    deepest, stack = 0, [(value, 0)]
    while stack:
        item, depth = stack.pop()
        deepest = max(deepest, depth)
        if depth > MAX_NESTING:
            break
        if isinstance(item, dict):
            stack += [(v, depth + 1) for v in item.values()]
        elif isinstance(item, list):
            stack += [(v, depth + 1) for v in item]
    return deepest


class _Text:
    """One user-facing text of the bundle; its line is looked up only when a finding needs it."""

    __slots__ = ("file", "where", "text")

    def __init__(self, file: _File, where: str, text: str):
        self.file, self.where, self.text = file, where, text

    @property
    def name(self) -> str:
        return self.file.name

    @property
    def line(self) -> int | None:
        return self.file.line_of(self.where)


class _Findings:
    def __init__(self) -> None:
        self.items: list[Finding] = []

    def add(self, finding: Finding) -> None:
        if finding not in self.items:
            self.items.append(finding)

    def error(self, file: str, field: str, message: str, line: int | None = None) -> None:
        self.add(Finding(file, field, message, line, ERROR))

    def warning(self, file: str, field: str, message: str, line: int | None = None) -> None:
        self.add(Finding(file, field, message, line, WARNING))

    def sorted(self) -> list[Finding]:
        return sorted(self.items, key=lambda f: (f.severity != ERROR,))


# --- the folder ------------------------------------------------------------------------------


def _check_files(folder: Path, out: _Findings) -> None:
    """Symlinks, unexpected files and deep folders, without following any link out of the bundle."""
    count = 0
    for root, dirs, names in os.walk(folder, followlinks=False):
        base = Path(root)
        depth = len(base.relative_to(folder).parts)
        for name in sorted(dirs):
            if (base / name).is_symlink():
                rel = (base / name).relative_to(folder).as_posix()
                out.error(rel, "(folder)", "is a symbolic link; a bundle holds plain files and folders only")
                dirs.remove(name)
            elif depth + 1 >= MAX_DEPTH:
                rel = (base / name).relative_to(folder).as_posix()
                out.error(rel, "(folder)", f"is nested more than {MAX_DEPTH} levels deep")
                dirs.remove(name)
        for name in sorted(names):
            path = base / name
            rel = path.relative_to(folder).as_posix()
            count += 1
            if path.is_symlink():
                out.error(rel, "(file)", "is a symbolic link; a bundle holds plain files only")
            elif not path.is_file():
                out.error(rel, "(file)", "is not a plain file")
            elif (why := expected_path(rel)) is not None:
                out.warning(rel, "(file)", f"{why}; `kiosk bundle pack` leaves it out")
    if count > MAX_FILES:
        out.error("(bundle)", "(folder)", f"holds {count} files; a bundle holds at most {MAX_FILES}")


def _check_fields(files: dict[str, _File], out: _Findings) -> None:
    """Fields the kiosk does not read are usually typos of ones it does (`sumary`, `alsoo`)."""
    for name, schema in SCHEMA.items():
        f = files[name]
        if not f.ok:
            continue
        for where, table in _tables(f.data, ""):
            known = schema.get(re.sub(r"\[\d+\]", "", where))
            if known is None:
                continue
            for key in table:
                if key not in known:
                    field = f"{where}.{key}" if where else key
                    out.warning(
                        name,
                        field,
                        f"is not a field the kiosk reads (known here: {', '.join(sorted(known))})",
                        f.line_of(field),
                    )


def _tables(value: Any, where: str) -> Iterable[tuple[str, dict]]:
    if isinstance(value, dict):
        yield where, value
        for key, inner in value.items():
            path = f"{where}.{key}" if where else key
            if isinstance(inner, dict):
                yield from _tables(inner, path)
            elif isinstance(inner, list):
                for i, item in enumerate(inner):
                    if isinstance(item, dict):
                        yield from _tables(item, f"{path}[{i}]")


def _check_look(folder: Path, meta: _File, out: _Findings) -> None:
    """Logo, theme and languages: a kiosk runs without a bad one, but it should not ship so."""
    for p in read_look(folder, meta.data, meta.line_of).problems:
        out.error(p.file, p.field, p.message, p.line)


def _check_languages(folder: Path, meta: _File, out: _Findings) -> tuple[str, ...]:
    from kiosk.core.languages import SHIPPED

    own = folder / TRANSLATIONS
    found = ()
    if own.is_dir() and not own.is_symlink():
        found = tuple(sorted(p.name for p in own.iterdir() if LANGUAGE_CODE.fullmatch(p.name)))
    if "languages" not in meta.data:
        return SHIPPED
    value = meta.data["languages"]
    if language_problems(value):  # reported by _check_look
        return tuple(v for v in value if v in SHIPPED) if isinstance(value, list) else ()
    for code in found:
        if code not in value:
            out.warning(
                f"{TRANSLATIONS}/{code}",
                "(folder)",
                f"{code} is not in `languages` in bundle.toml, so residents will not be offered it",
            )
    return tuple(code for code in value if code in SHIPPED)


# --- the journey -----------------------------------------------------------------------------


def _check_journey(bundle: Bundle, files: dict[str, _File], out: _Findings) -> None:
    meta = files["bundle.toml"]
    if len(bundle.id) > 40:
        out.error("bundle.toml", "id", "is longer than 40 characters; keep it short", meta.line_of("id"))
    if not re.fullmatch(r"[0-9A-Za-z][0-9A-Za-z._-]{0,39}", bundle.version):
        out.error(
            "bundle.toml",
            "version",
            f"{bundle.version[:40]!r} should be like 2026.11.1: up to 40 letters, digits, . - or _",
            meta.line_of("version"),
        )
    journey, abuse = files["journey.toml"], files["abuse_types.toml"]
    for table, file in (
        ("question", journey),
        ("answer", journey),
        ("concern", journey),
        ("group", abuse),
        ("abuse_type", abuse),
        ("section", files["guidance.toml"]),
    ):
        seen: set[str] = set()
        items = file.data.get(table)
        for i, item in enumerate(items if isinstance(items, list) else []):
            ident = item.get("id") if isinstance(item, dict) else None
            if isinstance(ident, str) and ident in seen:
                where = f"{table}[{i}].id"
                out.error(
                    file.name, where, f"{ident!r} is used twice; ids must be unique", file.line_of(where)
                )
            if isinstance(ident, str):
                seen.add(ident)

    choices = [("home.choice", i, c) for i, c in enumerate(bundle.home)]
    for qi, q in enumerate(bundle.questions.values()):
        choices += [(f"question[{qi}].option", i, c) for i, c in enumerate(q.options)]
    for where, i, c in choices:
        w = f"{where}[{i}]"
        if c.style not in CHOICE_STYLES:
            out.error(
                "journey.toml",
                f"{w}.style",
                f"{c.style!r} is not a style (known: {', '.join(CHOICE_STYLES)})",
                journey.line_of(f"{w}.style"),
            )
        if c.icon and c.icon not in ICONS:
            out.warning(
                "journey.toml",
                f"{w}.icon",
                f"{c.icon!r} is not an icon the kiosk has (known: {', '.join(ICONS)})",
                journey.line_of(f"{w}.icon"),
            )

    reached = reachable(bundle)
    question_ids, answer_ids = list(bundle.questions), list(bundle.answers)
    for qid in question_ids:
        if f"question:{qid}" not in reached:
            where = f"question[{question_ids.index(qid)}]"
            out.error(
                "journey.toml",
                where,
                f"question {qid!r} cannot be reached from the home screen; link it from a choice that can",
                journey.line_of(where),
            )
    for aid in answer_ids:
        if f"answer:{aid}" not in reached:
            where = f"answer[{answer_ids.index(aid)}]"
            out.error(
                "journey.toml",
                where,
                f"answer {aid!r} cannot be reached from the home screen; link it from a choice that can",
                journey.line_of(where),
            )
    concern_ids = list(bundle.concerns)
    if "all" not in bundle.concerns:
        out.error(
            "journey.toml",
            "concern",
            'needs a concern with id = "all": the guidance screen and the QR card offer every number with it',
        )
    for cid in concern_ids:
        if f"take:{cid}" not in reached:
            where = f"concern[{concern_ids.index(cid)}]"
            out.warning(
                "journey.toml",
                where,
                f"concern {cid!r} is never offered: no choice or answer leads to its slip",
                journey.line_of(where),
            )
    if bundle.abuse_types and "abuse-types" not in reached:
        out.warning(
            "journey.toml", "home.choice", 'no choice leads to "abuse-types", so no abuse page can be read'
        )
    for gi, group in enumerate(bundle.abuse_groups):
        if not bundle.abuse_types_in(group.id):
            where = f"group[{gi}]"
            out.warning(
                "abuse_types.toml", where, f"group {group.id!r} has no abuse types", abuse.line_of(where)
            )
    for ti, t in enumerate(bundle.abuse_types):
        if t.contact in bundle.contacts and not any(
            c.contacts[:1] == (t.contact,) for c in bundle.concerns.values()
        ):
            where = f"abuse_type[{ti}].contact"
            out.warning(
                "abuse_types.toml",
                where,
                f"no concern lists {t.contact!r} first, so 'take these numbers' on this page gives "
                "another concern's slip; add a concern that starts with it",
                abuse.line_of(where),
            )

    # As the loader has it: a phone number of three digits is the emergency number.
    emergency = {c.id for c in bundle.contacts.values() if c.phone and len(c.phone) == 3}
    if not emergency:
        out.error(
            "contacts.toml",
            "contact",
            "needs the emergency number: a contact whose phone is the three-digit emergency number",
        )
        return

    def calls_999(target: str) -> bool:
        kind, _, ident = target.partition(":")
        return (
            kind == "answer"
            and ident in bundle.answers
            and bool(emergency & set(bundle.answers[ident].contacts))
        )

    if not any(c.style == "urgent" and calls_999(c.target) for c in bundle.home):
        out.error(
            "journey.toml",
            "home.choice",
            'needs an urgent choice (style = "urgent") that leads straight to an answer calling '
            "the emergency number",
        )
    for qi, q in enumerate(bundle.questions.values()):
        if not any(calls_999(o.target) for o in q.options):
            where = f"question[{qi}]"
            out.warning(
                "journey.toml",
                where,
                f"question {q.id!r} has no option leading to an answer that calls the emergency number",
                journey.line_of(where),
            )


def reachable(bundle: Bundle) -> set[str]:
    """Every screen a resident can reach from the home screen by tapping."""
    reached: set[str] = set()
    todo = [c.target for c in bundle.home]
    while todo:
        target = todo.pop()
        if target in reached:
            continue
        reached.add(target)
        kind, _, ident = target.partition(":")
        if kind == "question" and ident in bundle.questions:
            todo += [o.target for o in bundle.questions[ident].options]
        elif kind == "answer" and ident in bundle.answers:
            todo.append(f"take:{bundle.answers[ident].concern}")
        elif target == "abuse-types":
            for t in bundle.abuse_types:
                led = [c.id for c in bundle.concerns.values() if c.contacts[:1] == (t.contact,)]
                todo.append(f"take:{led[0] if led else next(iter(bundle.concerns), '')}")
        elif target == "guidance":
            todo.append("take:all")  # the guidance screen's "take the numbers" button
    return reached


# --- contacts --------------------------------------------------------------------------------


def _as_date(value: date) -> date:
    return value.date() if isinstance(value, datetime) else value


def months_before(day: date, months: int) -> date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    for d in (day.day, 30, 29, 28):
        try:
            return date(year, month, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def review_reminders(bundle: Bundle, months: int = REVIEW_MONTHS, today: date | None = None) -> list[str]:
    """One line per contact not checked within the review period, for staff (cheap: start-up safe)."""
    today = today or date.today()
    cutoff = months_before(today, months)
    return [
        f"{c.name}: number last checked {_as_date(c.last_checked).isoformat()}, more than {months} months "
        "ago. Check it against the partnership's published number."
        for c in bundle.contacts.values()
        if _as_date(c.last_checked) < cutoff
    ]


def _check_contacts(
    bundle: Bundle, files: dict[str, _File], out: _Findings, months: int, today: date
) -> None:
    f = files["contacts.toml"]
    cutoff = months_before(today, months)
    used = {cid for a in bundle.answers.values() for cid in a.contacts}
    used |= {cid for c in bundle.concerns.values() for cid in c.contacts}
    used |= {t.contact for t in bundle.abuse_types}
    raw = f.data.get("contact") if isinstance(f.data.get("contact"), list) else []
    for i, c in enumerate(bundle.contacts.values()):
        w = f"contact[{i}]"
        checked = _as_date(c.last_checked)
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


# --- text ------------------------------------------------------------------------------------


def _limit_of(where: str) -> int | None:
    return LIMITS.get(re.sub(r"\[\d+\]", "[]", where))


def _shown(text: str) -> str:
    """The text as it will be measured on screen: a placeholder stands for a number of 13 characters."""
    return PLACEHOLDER.sub("x" * 13, text)


def _check_text(texts: list[_Text], files: dict[str, _File], out: _Findings) -> None:
    for t in texts:
        name, where, text = t.name, t.where, t.text
        if CHANGE_ME.lower() in text.lower():
            out.error(name, where, f"still says {CHANGE_ME}; write your partnership's text", t.line)
        limit = _limit_of(where)
        length = len(_shown(text))
        if limit and length > limit:
            out.warning(
                name,
                where,
                f"is {length} characters; at most {limit} fit on the screen without wrapping badly",
                t.line,
            )
        for sentence in SENTENCE.split(text):
            words = len(sentence.split())
            if words > MAX_SENTENCE_WORDS:
                out.warning(
                    name,
                    where,
                    f"has a sentence of {words} words; keep sentences under {MAX_SENTENCE_WORDS} "
                    "(reading age about nine)",
                    t.line,
                )
    covered = {(t.name, t.where) for t in texts}
    for name in ("bundle.toml", "contacts.toml"):
        f = files[name]
        for key, value in _strings(f.data, ""):
            if CHANGE_ME.lower() in value.lower() and (name, key) not in covered:
                out.error(name, key, f"still says {CHANGE_ME}; fill it in", f.line_of(key))


def _strings(value: Any, where: str) -> Iterable[tuple[str, str]]:
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, f"{where}.{k}" if where else k)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _strings(v, f"{where}[{i}]")


# --- translations ----------------------------------------------------------------------------

MAX_LISTED = 10


class _Entry:
    __slots__ = ("string", "fuzzy", "line")

    def __init__(self, string: str, fuzzy: bool, line: int | None):
        self.string, self.fuzzy, self.line = string, fuzzy, line


@cache
def _catalog(path: Path, mtime_ns: int) -> dict[str, _Entry] | str:
    """msgid -> entry of a .po file, or why it cannot be read. Cached: the kiosk's own are big."""
    from babel.messages.pofile import PoFileError, read_po

    try:
        with path.open("rb") as fh:
            catalog = read_po(fh, abort_invalid=True)
    except (PoFileError, UnicodeDecodeError, ValueError, OSError) as exc:
        return f"cannot be read as a gettext catalog: {exc}"
    entries = {}
    for m in catalog:
        if m.id and isinstance(m.id, str) and isinstance(m.string, str):
            entries[m.id] = _Entry(m.string, m.fuzzy, m.lineno)
    return entries


def _load_catalog(path: Path) -> dict[str, _Entry] | str | None:
    if path.is_symlink() or not path.is_file():
        return None
    if path.stat().st_size > 2_000_000:
        return "is larger than 2 MB; a catalog for one bundle is far smaller"
    return _catalog(path, path.stat().st_mtime_ns)


def _check_translations(
    folder: Path,
    bundle: Bundle,
    texts: list[_Text],
    languages: Sequence[str],
    kiosk_translations: Path | None,
    out: _Findings,
) -> None:
    if kiosk_translations is None:
        from kiosk.core.resources import translations_dir

        try:
            kiosk_translations = translations_dir()
        except FileNotFoundError:
            kiosk_translations = folder / "(none)"
    known = set(bundle.contact_numbers())
    for code in languages:
        if code == SOURCE_LANGUAGE:
            continue
        own_rel = f"{TRANSLATIONS}/{code}/LC_MESSAGES/kiosk.po"
        kiosk_po = kiosk_translations / code / "LC_MESSAGES" / "kiosk.po"
        sources: list[tuple[str, dict[str, _Entry]]] = []
        for label, path in ((own_rel, folder / own_rel), (str(kiosk_po), kiosk_po)):
            catalog = _load_catalog(path)
            if isinstance(catalog, str):
                out.error(label, "(file)", catalog)
            elif catalog is not None:
                sources.append((label, catalog))
        missing: list[_Text] = []
        for t in texts:
            where, text = t.where, t.text
            if not text:
                continue
            hit = next(
                (
                    (label, c[text])
                    for label, c in sources
                    if text in c and c[text].string and not c[text].fuzzy
                ),
                None,
            )
            if hit is None:
                missing.append(t)
                continue
            label, entry = hit
            for message in translation_problems(text, entry.string, known):
                out.error(label, f"{where} ({code})", message, entry.line)
            limit = _limit_of(where)
            if limit and len(_shown(entry.string)) > limit * TRANSLATION_SLACK:
                out.warning(
                    label,
                    f"{where} ({code})",
                    f"is {len(_shown(entry.string))} characters; at most about "
                    f"{int(limit * TRANSLATION_SLACK)} fit on the screen",
                    entry.line,
                )
        if not sources:
            out.warning(
                own_rel,
                "(file)",
                f"no {code} catalog, so residents who choose {code} will read this bundle in English; "
                f"add {own_rel} or remove {code} from `languages`",
            )
        elif missing:
            for t in missing[:MAX_LISTED]:
                out.warning(
                    t.name,
                    t.where,
                    f"has no {code} translation (shown in English); add it to {own_rel}",
                    t.line,
                )
            if len(missing) > MAX_LISTED:
                out.warning(
                    own_rel,
                    "(file)",
                    f"and {len(missing) - MAX_LISTED} more texts have no {code} translation "
                    f"({len(missing)} of {sum(1 for t in texts if t.text)} in all)",
                )


DIGIT = re.compile(r"\d")


def translation_problems(source: str, translated: str, known: Iterable[str]) -> list[str]:
    """Why a translation would show a wrong or missing number: placeholders must match exactly."""
    problems = []
    want, got = sorted(placeholders(source)), sorted(placeholders(translated))
    if want != got:
        problems.append(
            f"placeholders differ: the English has {', '.join('{' + p + '}' for p in want) or 'none'}, "
            f"the translation {', '.join('{' + p + '}' for p in got) or 'none'}; copy them exactly"
        )
    rest = PLACEHOLDER.sub("", translated)
    if DIGIT.search(rest):
        problems.append("has a digit typed in; numbers come only from {placeholders}")
    if re.search(r"[{}]", rest):
        problems.append("has a '{' or '}' that is not a placeholder")
    unknown = set(got) - set(known)
    if unknown and want == got:
        problems.append(f"unknown placeholder {', '.join(sorted(unknown))}")
    return problems
