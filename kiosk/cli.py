"""`kiosk` on the command line: run the kiosk, write a slip, render screenshots, probe start-up."""

from __future__ import annotations

import argparse
import importlib
import json
import logging
import sys
import time
from pathlib import Path

from kiosk import __version__

# Modules that add sub-commands of their own (staff and IT tools), kept out of this file.
COMMAND_MODULES: tuple[str, ...] = ("kiosk.cli_admin", "kiosk.cli_bundle", "kiosk.cli_print")


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
    if value <= 30:
        raise argparse.ArgumentTypeError(
            f"{value:g} s is too short: the screen warns for 30 s before it clears, so use more than 30"
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


def enabled_languages(args: argparse.Namespace, settings=None) -> tuple[tuple[str, ...], str] | str:  # noqa: ANN001
    """The languages to offer and the default (flags over the site configuration), or why not."""
    from kiosk.core.languages import SHIPPED, review_status_of

    codes = args.languages or (settings.languages if settings else SHIPPED)
    default = args.language or (settings.default_language if settings else SHIPPED[0])
    if args.reviewed_only or (settings and settings.reviewed_only):
        codes = tuple(c for c in codes if review_status_of(c) in ("source", "reviewed"))
    if default not in codes:
        return f"kiosk: the start-up language {default!r} is not among the offered languages {codes}"
    return codes, default


def build_parser() -> argparse.ArgumentParser:
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
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    args = build_parser().parse_args(argv)
    if args.command == "screenshots":
        return _screenshots(args)
    if args.command == "languages":
        return _languages()
    if hasattr(args, "func"):
        return args.func(args)
    return _run(args, started)


def _bundle_for(path: Path | None):
    from kiosk.core.content.loader import BundleError, load_bundle
    from kiosk.core.resources import builtin_bundle

    try:
        return load_bundle(path or builtin_bundle())
    except BundleError as exc:
        print(f"kiosk: {exc}", file=sys.stderr)
        return None


def _languages() -> int:
    from kiosk.core import languages

    print(f"{'code':16} {'name':22} {'translated':>10} {'fuzzy':>6} {'missing':>8}  review")
    for code in languages.SHIPPED:
        lang, cov = languages.language(code), languages.coverage(code)
        total = cov.translated + cov.fuzzy + cov.missing
        share = f"{100 * cov.translated // total}%" if total else "-"
        print(f"{code:16} {lang.name:22} {share:>10} {cov.fuzzy:>6} {cov.missing:>8}  {cov.review}")
    return 0


def _screenshots(args: argparse.Namespace) -> int:
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from kiosk.ui.screenshots import render_all

    bundle = _bundle_for(args.shot_bundle or args.bundle)
    if bundle is None:
        return 2
    sizes = [args.shot_size] if args.shot_size else [(1920, 1080), (1080, 1920), (1366, 768)]
    language = args.shot_lang or args.language or "en_GB"
    for path in render_all(bundle, args.output, sizes, language):
        print(path)
    return 0


def _run(args: argparse.Namespace, started: float) -> int:
    from kiosk.ui.app import no_display_reason

    reason = no_display_reason()
    if reason:
        print(reason, file=sys.stderr)
        return 3

    from PySide6.QtGui import QGuiApplication

    from kiosk.ui.app import KioskApp, Options, load_content

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    app.setApplicationName("kiosk")
    app.setOrganizationName("kiosk")
    from kiosk.ui.fonts import register_fonts

    register_fonts(app)
    from kiosk.core import config, logs, paths

    settings, config_problems = config.load_config(args.config)
    logs.setup_logging(paths.data_dir(), facts={"config": args.config or "system"})
    bundle_dir, bundle_notices = _content_location(args, settings, paths.data_dir())
    bundle, problems = load_content(bundle_dir)
    offered = enabled_languages(args, settings)
    if isinstance(offered, str):
        print(offered, file=sys.stderr)
        return 2
    options = Options(
        languages=offered[0],
        default_language=offered[1],
        windowed=args.windowed or args.startup_probe,
        width=args.size[0],
        height=args.size[1],
        idle_timeout_s=args.idle_timeout or settings.idle_timeout,
        attract=settings.attract_screen,
        pin_hash=settings.pin_hash,
        state_dir=paths.data_dir(),
        staff_notices=[str(p) for p in config_problems]
        + bundle_notices,
        bundle_problems=problems,
        review_months=settings.review_months,
        config_path=args.config,
    )
    from kiosk.ui.instance import SingleInstance, ask_first_instance_to_show

    if not args.startup_probe and ask_first_instance_to_show():
        print("kiosk: already running; brought it to the front", file=sys.stderr)
        return 0
    kiosk = KioskApp(app, bundle, options)
    kiosk.slips.set_site(settings.collection_point, settings.printer or None, settings.slip_layout)
    kiosk.session.discreet_default = kiosk.session.discreet = settings.discreet_default
    if settings.statistics and not args.startup_probe:
        from kiosk.core.stats import DB_NAME, Stats
        from kiosk.ui.usage import count_usage

        kiosk.stats = Stats(paths.data_dir() / DB_NAME)
        count_usage(kiosk, kiosk.stats)
        kiosk.prewarm.timeout.connect(kiosk.stats.prewarm)
    if not args.startup_probe:
        kiosk.instance = SingleInstance(kiosk.bring_to_front, parent=kiosk)
    if args.startup_probe:
        _probe(app, kiosk, started)
    return app.exec()


def _content_location(args: argparse.Namespace, settings, data_dir: Path) -> tuple[Path | None, list[str]]:  # noqa: ANN001
    """The bundle folder to run and what staff should know about it.

    `--bundle DIR` previews a folder as it is. The site's `bundle` setting is either a folder of
    signed packages (a network share or USB stick: the newest verified one is installed, the
    previous kept for rollback) or, for trying content out, a plain bundle folder.
    """
    if args.bundle:
        return args.bundle, []
    source = settings.bundle
    if source is None:
        return None, []
    from kiosk.core.content import updates

    bundle_settings = updates_settings(settings, data_dir)
    if (source / "bundle.toml").is_file():
        if settings.allow_unsigned:
            return source, [
                f"{source}: an unsigned bundle folder is in use (allow_unsigned = true); "
                "ship signed packages on a public kiosk"
            ]
        refused = (
            f"{source}: refused: a plain bundle folder is unsigned, so a changed number would go "
            "unnoticed. Point `bundle` at a folder of signed packages (kiosk bundle pack, kiosk bundle "
            "sign), or set allow_unsigned = true in [content] to try content out."
        )
        outcome = updates.installed(bundle_settings._replace(inbox=None))
        return outcome.bundle_path, [refused, *outcome.messages]
    outcome = updates.start_up(bundle_settings)
    return outcome.bundle_path, list(outcome.messages)


def updates_settings(settings, data_dir: Path):  # noqa: ANN001, ANN201 - config.Settings -> updates.Settings
    """What the content updates need from the site configuration."""
    from kiosk.core.content import updates

    return updates.Settings(
        data_dir=data_dir,
        trusted_keys=settings.trusted_keys,
        inbox=settings.bundle,
        allow_unsigned=settings.allow_unsigned,
        review_months=settings.review_months,
    )


def _probe(app, kiosk, started: float) -> None:
    """Print the first frame's time and peak memory once the home screen is on screen, then quit."""
    import resource

    reported = []

    def first_frame() -> None:
        if reported:  # a second frame can arrive before quit() takes effect
            return
        reported.append(True)
        age_ms, now = process_age_ms(started), time.monotonic()
        peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(
            json.dumps(
                {
                    "first_frame_ms": round(age_ms, 1),
                    "peak_rss_mb": round(peak_kb / 1024, 1),
                    "pss_mb": memory_mb().get("pss"),
                    "monotonic": now,
                }
            ),
            flush=True,
        )
        app.quit()

    kiosk.window.frameSwapped.connect(first_frame)


def process_started_s(pid: int | str = "self") -> float:
    """When a process began, in seconds of CLOCK_BOOTTIME (Linux /proc, clock-tick resolution)."""
    import os

    stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(stat[19]) / os.sysconf("SC_CLK_TCK")


def process_age_ms(fallback_start: float) -> float:
    """Milliseconds since this process began (Linux: from /proc), else since `main` was entered."""
    try:
        return (time.clock_gettime(time.CLOCK_BOOTTIME) - process_started_s()) * 1000
    except (OSError, ValueError, IndexError, AttributeError):
        return (time.perf_counter() - fallback_start) * 1000


_MEMORY_FIELDS = {"Rss": "rss", "Pss": "pss", "Private_Clean": "private", "Private_Dirty": "private"}


def memory_mb(pid: int | str = "self") -> dict[str, float]:
    """A process's memory now, in MB, from Linux's /proc; {} elsewhere or once it has gone.

    `pss` shares each page among the processes that map it, so summed over the processes of a
    multi-process program it counts every page once; `private` is the pages no other process maps;
    `peak_rss` is the most resident memory so far (VmHWM, the same as getrusage's ru_maxrss).
    """
    try:
        lines = (
            Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()
            + Path(f"/proc/{pid}/status").read_text().splitlines()
        )
    except OSError:
        return {}
    found: dict[str, float] = {}
    for line in lines:
        name, _, value = line.partition(":")
        key = "peak_rss" if name == "VmHWM" else _MEMORY_FIELDS.get(name)
        if key:
            found[key] = found.get(key, 0.0) + int(value.split()[0]) / 1024
    return {key: round(value, 1) for key, value in found.items()}
