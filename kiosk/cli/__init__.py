"""`kiosk` on the command line: run the kiosk, write a slip, render screenshots, probe start-up.

The outermost layer: it may use kiosk.ui and kiosk.core, and nothing below imports it. Each
sub-command module (COMMAND_MODULES) adds its own commands; running the kiosk itself is run.py.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
import time
from pathlib import Path

from kiosk import __version__

# Modules that add sub-commands of their own (staff and IT tools), kept out of this file.
COMMAND_MODULES: tuple[str, ...] = ("kiosk.cli.admin", "kiosk.cli.bundles", "kiosk.cli.slips")


def _size(text: str) -> tuple[int, int]:
    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a size like 1920x1080") from None
    return w, h


def _idle_timeout(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    from kiosk.core.config.schema import MIN_IDLE_S  # the site file's bound, and its reason

    if value <= MIN_IDLE_S:
        raise argparse.ArgumentTypeError(
            f"{value:g} s is too short: the screen warns for 30 s before it clears, "
            f"so use more than {MIN_IDLE_S}"
        )
    return value


def _codes(text: str) -> tuple[str, ...]:
    from kiosk.core.languages import SHIPPED

    codes = tuple(c.strip() for c in text.split(",") if c.strip())
    unknown = [c for c in codes if c not in SHIPPED]
    if unknown or not codes:
        raise argparse.ArgumentTypeError(
            f"unknown language {', '.join(unknown)}; shipped: {', '.join(SHIPPED)}"
        )
    return codes


def build_parser(commands: bool = True) -> argparse.ArgumentParser:
    """The whole command line; with `commands=False`, only the kiosk's own options (see parse)."""
    parser = argparse.ArgumentParser(
        prog="kiosk", description="Safeguarding information kiosk.", allow_abbrev=False
    )
    parser.add_argument("--version", action="version", version=f"kiosk {__version__}")
    parser.add_argument("--windowed", action="store_true", help="run in a window, not full screen")
    parser.add_argument("--bundle", type=Path, help="content bundle folder (default: built-in Wigan)")
    parser.add_argument("--config", type=Path, metavar="FILE", help="site configuration (kiosk.toml)")
    parser.add_argument(
        "--idle-timeout",
        type=_idle_timeout,
        default=None,
        metavar="SECONDS",
        help="seconds without a touch before the screen clears (default: the site configuration, else 120)",
    )
    parser.add_argument(
        "--size",
        type=_size,
        default=(1920, 1080),
        metavar="WxH",
        help="window size with --windowed (default 1920x1080)",
    )
    parser.add_argument(
        "--startup-probe",
        action="store_true",
        help="start, wait for the home screen's first frame, print timings as JSON, exit",
    )
    parser.add_argument(
        "--language",
        default=None,
        metavar="CODE",
        help="the language the kiosk starts in and returns to (default: the site configuration, else en_GB)",
    )
    parser.add_argument(
        "--languages",
        type=_codes,
        default=None,
        metavar="CODE,CODE",
        help="languages residents can choose (default: every shipped language)",
    )
    parser.add_argument(
        "--reviewed-only",
        action="store_true",
        help="offer only languages whose translation a qualified translator reviewed",
    )
    if not commands:
        parser.set_defaults(command=None)
        return parser
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    sub.add_parser("languages", help="list shipped languages with their coverage and review status")
    for module in COMMAND_MODULES:
        # Each adds its sub-commands with set_defaults(func=...); func(args) -> exit status.
        importlib.import_module(module).add_parsers(sub)

    shots = sub.add_parser("screenshots", help="render every screen to PNG, offscreen")
    shots.add_argument("--output", "-o", type=Path, required=True, metavar="DIR")
    shots.add_argument("--size", type=_size, dest="shot_size", default=None, metavar="WxH")
    shots.add_argument("--bundle", type=Path, dest="shot_bundle", help=argparse.SUPPRESS)
    shots.add_argument(
        "--lang",
        dest="shot_lang",
        default=None,
        metavar="CODE",
        help="render in this language (default: the start-up language)",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    started = time.perf_counter()
    args = parse(argv)
    # The kiosk logs what it decides (also to kiosk.log); a command says only what went wrong, in
    # the same "kiosk: ..." lines as its other messages.
    if args.command is None:
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    else:
        logging.basicConfig(level=logging.WARNING, format="kiosk: %(message)s")
    if args.command == "screenshots":
        return _screenshots(args)
    if args.command == "languages":
        return _languages(args)
    if hasattr(args, "func"):
        return args.func(args)
    from kiosk.cli.run import run_kiosk

    return run_kiosk(args, started)


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line. Starting the kiosk itself does not build the commands' parsers (and
    import their modules), which would take about 10 ms before its first frame."""
    words = sys.argv[1:] if argv is None else argv
    if not {"-h", "--help"} & set(words):
        args, rest = build_parser(commands=False).parse_known_args(words)
        if not rest:
            return args
    return build_parser().parse_args(words)


def _languages(args: argparse.Namespace) -> int:
    from kiosk.cli.common import site_for
    from kiosk.core import languages

    site = site_for(args, args.bundle)
    if site is None:
        return 2
    print(f"{'code':16} {'name':22} {'translated':>10} {'fuzzy':>6} {'missing':>8}  {'review':9} this site")
    for code in languages.SHIPPED:
        lang, cov = languages.language(code), languages.coverage(code)
        total = cov.translated + cov.fuzzy + cov.missing
        share = f"{100 * cov.translated // total}%" if total else "-"
        offered = (
            ("offered, default" if code == site.default_language else "offered")
            if code in site.languages
            else "-"
        )
        print(
            f"{code:16} {lang.name:22} {share:>10} {cov.fuzzy:>6} {cov.missing:>8}  {cov.review:9} {offered}"
        )
    return 0


def _screenshots(args: argparse.Namespace) -> int:
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from kiosk.cli.common import not_offered, site_for
    from kiosk.ui.screenshots import render_all

    site = site_for(args, args.shot_bundle or args.bundle)
    if site is None:
        return 2
    language = args.shot_lang or args.language or site.default_language
    problem = not_offered(site, language)
    if problem:
        print(problem, file=sys.stderr)
        return 2
    sizes = [args.shot_size] if args.shot_size else [(1920, 1080), (1080, 1920), (1366, 768)]
    for path in render_all(site, args.output, sizes, language):
        print(path)
    return 0
