"""IT and staff commands: `kiosk config check`, `kiosk pin hash`, `kiosk stats export|report`.

Imported to build the parser whenever a command is given, so everything else loads when a command
runs.
"""

from __future__ import annotations

import argparse
from pathlib import Path


def add_parsers(sub: argparse._SubParsersAction) -> None:
    config = sub.add_parser("config", help="check a site configuration file", allow_abbrev=False)
    config_actions = config.add_subparsers(dest="config_action", metavar="ACTION", required=True)
    check = config_actions.add_parser(
        "check",
        help="name every bad line, key and value (exit 1), or print OK and the settings (exit 0)",
        allow_abbrev=False,
    )
    check.add_argument(
        "file",
        nargs="?",
        type=Path,
        metavar="FILE",
        help="default: --config, else $KIOSK_CONFIG, else the system-wide kiosk.toml",
    )
    check.set_defaults(func=config_check)

    pin = sub.add_parser("pin", help="staff PIN", allow_abbrev=False)
    pin_actions = pin.add_subparsers(dest="pin_action", metavar="ACTION", required=True)
    hash_ = pin_actions.add_parser(
        "hash",
        help="read a new PIN (not shown) and print its hash for [staff] pin_hash in kiosk.toml",
        allow_abbrev=False,
    )
    hash_.set_defaults(func=pin_hash)

    stats = sub.add_parser("stats", help="usage figures", allow_abbrev=False)
    stats_actions = stats.add_subparsers(dest="stats_action", metavar="ACTION", required=True)
    export = stats_actions.add_parser("export", help="write the usage figures as CSV", allow_abbrev=False)
    export.add_argument(
        "--from", dest="start", type=_date, metavar="YYYY-MM-DD", help="first day (default: all)"
    )
    export.add_argument("--to", dest="end", type=_date, metavar="YYYY-MM-DD", help="last day, included")
    export.add_argument(
        "--csv", required=True, metavar="FILE", help="the CSV file to write; - for the screen"
    )
    export.add_argument(
        "--db", type=Path, metavar="FILE", help="another kiosk's stats.db (default: this one's)"
    )
    export.set_defaults(func=stats_export)
    report = stats_actions.add_parser(
        "report",
        help="the partnership's usage report across kiosks: a PDF for the annual report, and CSV",
        allow_abbrev=False,
    )
    report.add_argument(
        "--from", dest="start", type=_date, required=True, metavar="YYYY-MM-DD", help="first day"
    )
    report.add_argument(
        "--to", dest="end", type=_date, required=True, metavar="YYYY-MM-DD", help="last day, included"
    )
    report.add_argument(
        "inputs",
        nargs="*",
        type=Path,
        metavar="FOLDER|stats.db",
        help="folders of daily files (the share), daily files, or kiosks' stats.db copies (a stats.db's site "
        "is the folder it is in); default: the share in [statistics] share",
    )
    report.add_argument("-o", "--output", type=Path, metavar="REPORT.pdf", help="the PDF to write")
    report.add_argument("--csv", metavar="FILE", help="the figures as CSV for spreadsheets; - for the screen")
    report.add_argument(
        "--title", default="Safeguarding information kiosks: usage report", help="the PDF's title"
    )
    report.set_defaults(func=stats_report)


def _date(text: str):  # noqa: ANN202
    from datetime import date

    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2025-04-01") from None


def config_check(args: argparse.Namespace) -> int:
    import sys

    from kiosk.core import config, paths

    chosen = args.file or paths.chosen_config_file(getattr(args, "config", None))
    path = chosen or paths.system_config_file()
    if chosen is None and not path.exists():
        print(f"No configuration file at {path}: the kiosk runs on its defaults.")
        settings, problems = config.Settings(), []
    else:
        settings, problems = config.check_file(path)
    found, content = _content_problems(settings, problems)
    problems += found
    if problems:
        print(f"{path}: {len(problems)} problem(s)", file=sys.stderr)
        for problem in problems:
            print(problem)
        if found:  # which package a kiosk would take, beside the ones it refuses
            print(*content, sep="\n")
        return 1
    print("OK")
    print(config.as_toml(settings))
    print(*(f"# {line}" for line in content), sep="\n")
    changes = config.local_changes()
    if changes:
        print(f"# Changed on this kiosk's settings screen ({paths.data_dir() / config.LOCAL});")
        print("# each holds until the same setting changes in the site file:")
        for field, value in changes.items():
            print(f"#   {config.BY_FIELD[field].dotted} = {value!r}")
    return 0


def _content_problems(settings, problems) -> tuple[list, list[str]]:  # noqa: ANN001
    """What a kiosk would make of the site's content, as it decides at start-up (kiosk.core.site),
    as problems and lines that describe it: a plain folder (only with allow_unsigned) is checked as
    a bundle; an update folder's packages are each verified against the trusted keys and checked,
    and the one a kiosk would install is named. Nothing is installed or written."""
    source = settings.bundle
    if source is None:
        return [], ["Content: the built-in bundle."]
    if any(p.key == "content.bundle" for p in problems):
        return [], []
    from kiosk.core.config import Problem
    from kiosk.core.content import updates
    from kiosk.core.startup import folder_problem, is_plain_bundle, update_settings

    def problem(where: object, what: str, fix: str) -> Problem:
        return Problem(str(where), None, "content.bundle", what, fix)

    unreadable = folder_problem(source)
    if unreadable == "is not there":  # a USB stick out, a share not mounted here: not a mistake
        return [], [
            f"Content: the folder {source} {unreadable}; a kiosk takes no new content until it can be "
            "read, and keeps running its installed content."
        ]
    if unreadable:
        fix = "give the kiosk's account read access to it, or point `bundle` at the right folder"
        return [problem(source, f"the folder {unreadable}", fix)], []
    if is_plain_bundle(source):
        if not settings.allow_unsigned:
            what = (
                "a plain bundle folder is unsigned, so a kiosk refuses it and runs its installed or "
                "built-in content"
            )
            fix = (
                "point `bundle` at a folder of signed packages (kiosk bundle pack, kiosk bundle sign), "
                "or set allow_unsigned = true to try content out"
            )
            return [problem(source, what, fix)], []
        from kiosk.core.content.loader import BundleError, load_bundle

        try:
            bundle = load_bundle(source)
        except OSError as exc:  # a file inside the account may not read
            return [problem(source, f"cannot be read ({exc})", "fix its permissions")], []
        except BundleError as exc:
            return [problem(source, str(p), "fix the bundle, or point at another") for p in exc.problems], []
        return [], [f"Content: the plain bundle folder {source}: {bundle.label}, unsigned."]
    verdicts, chosen, messages = updates.survey(update_settings(settings, Path()))
    # Each reason says what is wrong with the package (unsigned, an untrusted key, changed after
    # signing, a bundle check error); the way out is the same for all.
    fix = (
        "remove it from the folder, or put there one made with `kiosk bundle pack` and signed with a "
        "trusted key"
    )
    found = [problem(v.package, f"package refused: {v.refused}", fix) for v in verdicts if v.refused]
    found += [problem(source, m, "check the folder") for m in messages]
    lines = [f"Content: update folder {source}, {len(verdicts)} package(s)."]
    for v in verdicts:
        verdict = "refused" if v.refused else "passes every check"
        lines.append(f"  {v.package.name}: {v.label or 'unreadable'}: {verdict}")
    if chosen is not None:
        lines.append(f"  A kiosk with older content would install {chosen.package.name} ({chosen.label}).")
    elif not verdicts:
        lines.append("  No package yet: a kiosk keeps what it has installed, else the built-in content.")
    return found, lines


def pin_hash(args: argparse.Namespace) -> int:
    import getpass
    import sys

    from kiosk.core.pin import hash_pin, pin_problem

    if sys.stdin.isatty():
        pin = getpass.getpass("New staff PIN (not shown): ")
        problem = pin_problem(pin)
        if problem is None and getpass.getpass("The same PIN again: ") != pin:
            problem = "the two PINs differ"
    else:  # piped in by a deployment script
        pin = sys.stdin.readline().strip()
        problem = pin_problem(pin)
    if problem:
        print(f"kiosk: {problem}", file=sys.stderr)
        return 2
    hashed = hash_pin(pin)
    print(hashed)
    print(f'In kiosk.toml:\n[staff]\npin_hash = "{hashed}"', file=sys.stderr)
    return 0


def stats_export(args: argparse.Namespace) -> int:
    import sqlite3
    import sys

    from kiosk.core import paths, stats

    if args.start and args.end and args.start > args.end:
        print(f"kiosk: --from {args.start} is after --to {args.end}", file=sys.stderr)
        return 2
    db = args.db or paths.data_dir() / stats.DB_NAME
    if not db.is_file():
        print(
            f"kiosk: no usage figures at {db} (statistics are off, nothing is counted yet, or they "
            "belong to another account; --db FILE reads a copy)",
            file=sys.stderr,
        )
        return 1
    try:
        out = sys.stdout if args.csv == "-" else Path(args.csv)
        count = stats.export_csv(db, out, args.start, args.end)
    except (OSError, sqlite3.Error) as exc:
        print(f"kiosk: cannot export the usage figures: {exc}", file=sys.stderr)
        return 1
    print(f"{count} rows from {db}", file=sys.stderr)
    return 0


def stats_report(args: argparse.Namespace) -> int:
    import sys

    from kiosk.core import config

    if args.start > args.end:
        print(f"kiosk: --from {args.start} is after --to {args.end}", file=sys.stderr)
        return 2
    if not args.output and not args.csv:
        print("kiosk: say where the report goes: -o REPORT.pdf, --csv FILE, or both", file=sys.stderr)
        return 2
    settings, _ = config.load_config(args.config, remember=False, local=False, log_problems=False)
    inputs = args.inputs or ([Path(settings.stats_share)] if settings.stats_share else [])
    if not inputs:
        print(
            "kiosk: name the folders or stats.db files to read ([statistics] share is not set)",
            file=sys.stderr,
        )
        return 2
    from kiosk.core.report import figures
    from kiosk.core.report.inputs import gather

    read = gather(inputs, args.start, args.end)
    for problem in read.unreadable:
        print(f"kiosk: left out {problem.path}: {problem.why}", file=sys.stderr)
    for line in read.conflicts:
        print(f"kiosk: {line}", file=sys.stderr)
    if not read.days:
        print(
            f"kiosk: no figures from {args.start} to {args.end} in {', '.join(map(str, inputs))}",
            file=sys.stderr,
        )
        return 1
    threshold = int(settings.disclosure_threshold)
    report = figures.build(read, args.start, args.end, threshold, _labels(args.bundle))
    try:
        if args.csv:
            if args.csv == "-":
                figures.write_csv(report, sys.stdout)
            else:
                with open(args.csv, "w", newline="", encoding="utf-8") as fh:
                    figures.write_csv(report, fh)
        if args.output:
            from kiosk.core.report.pdf import write_pdf

            write_pdf(report, args.output, args.title)
    except OSError as exc:
        print(f"kiosk: cannot write the report: {exc}", file=sys.stderr)
        return 1
    kiosks = sum(len(k) for k in report.kiosks.values())
    print(
        f"{len(read.days)} kiosk-days from {kiosks} kiosk(s) at {len(report.sites)} site(s); "
        f"{read.repeats} repeated day(s) counted once; {len(read.unreadable)} file(s) left out",
        file=sys.stderr,
    )
    return 0


def _labels(bundle_dir: Path | None):  # noqa: ANN202 - (event, key) -> a name for the report
    """Names for concerns and types of abuse from the content (--bundle, else the built-in), and
    languages by their English names; an id the content does not know is shown as it is."""
    from kiosk.core import languages
    from kiosk.core.content.loader import BundleError, load_bundle
    from kiosk.core.resources import builtin_bundle

    try:
        bundle = load_bundle(bundle_dir or builtin_bundle())
        concerns = {c.id: c.title for c in bundle.concerns.values()}
        groups = {g.id: g.title for g in bundle.abuse_groups}
        types = {t.id: f"{groups.get(t.group, t.group)}: {t.title}" for t in bundle.abuse_types}
    except BundleError:
        concerns, types = {}, {}

    def label(event: str, key: str) -> str:
        if event == "concern_chosen":
            return concerns.get(key, key)
        if event == "abuse_type_opened":
            return types.get(key, key)
        if event == "language_used" and key in languages.SHIPPED:
            return languages.language(key).english
        return key

    return label
