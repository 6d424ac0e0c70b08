"""The journey a resident taps through: every screen reachable, and a way to the emergency number."""

from __future__ import annotations

from kiosk.core.content.check.findings import Findings
from kiosk.core.content.fields import BundleFile
from kiosk.core.content.model import Bundle

CHOICE_STYLES = ("normal", "urgent")
ICONS = ("danger", "child", "adult", "worker", "info", "listen", "take")
# The tables whose items have ids, and the file each lives in.
ID_TABLES = (
    ("question", "journey.toml"),
    ("answer", "journey.toml"),
    ("concern", "journey.toml"),
    ("group", "abuse_types.toml"),
    ("abuse_type", "abuse_types.toml"),
    ("section", "guidance.toml"),
)


def check_journey(bundle: Bundle, files: dict[str, BundleFile], out: Findings) -> None:
    _check_unique_ids(files, out)
    _check_choices(bundle, files["journey.toml"], out)
    _check_reached(bundle, files["journey.toml"], out)
    _check_abuse_pages(bundle, files["abuse_types.toml"], out)
    _check_emergency(bundle, files["journey.toml"], out)


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


def _check_unique_ids(files: dict[str, BundleFile], out: Findings) -> None:
    for table, name in ID_TABLES:
        file = files[name]
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


def _check_choices(bundle: Bundle, journey: BundleFile, out: Findings) -> None:
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


def _check_reached(bundle: Bundle, journey: BundleFile, out: Findings) -> None:
    reached = reachable(bundle)
    for kind, ids in (("question", bundle.questions), ("answer", bundle.answers)):
        for i, ident in enumerate(ids):
            if f"{kind}:{ident}" not in reached:
                where = f"{kind}[{i}]"
                out.error(
                    "journey.toml",
                    where,
                    f"{kind} {ident!r} cannot be reached from the home screen; "
                    "link it from a choice that can",
                    journey.line_of(where),
                )
    if "all" not in bundle.concerns:
        out.error(
            "journey.toml",
            "concern",
            'needs a concern with id = "all": the guidance screen and the QR card offer every number with it',
        )
    for i, cid in enumerate(bundle.concerns):
        if f"take:{cid}" not in reached:
            where = f"concern[{i}]"
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


def _check_abuse_pages(bundle: Bundle, abuse: BundleFile, out: Findings) -> None:
    """Each group has types, and each type's page offers a slip that starts with its own contact."""
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


def _check_emergency(bundle: Bundle, journey: BundleFile, out: Findings) -> None:
    """One tap from home, and one from every question, reaches an answer that calls the emergency number."""
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
