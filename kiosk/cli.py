"""`kiosk` on the command line: run the kiosk, write a slip, render screenshots, probe start-up."""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from pathlib import Path

from kiosk import __version__

CONCERNS = ("danger", "child", "adult", "worker", "all")


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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kiosk", description="Safeguarding information kiosk.")
    parser.add_argument("--version", action="version", version=f"kiosk {__version__}")
    parser.add_argument("--windowed", action="store_true", help="run in a window, not full screen")
    parser.add_argument("--bundle", type=Path, help="content bundle folder (default: built-in Wigan)")
    parser.add_argument(
        "--idle-timeout",
        type=_idle_timeout,
        default=120,
        metavar="SECONDS",
        help="seconds without a touch before the screen clears (default 120)",
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
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    slip = sub.add_parser("slip", help="write a contact slip PDF")
    slip.add_argument("--concern", choices=CONCERNS, default="all")
    slip.add_argument("--discreet", action="store_true", help="neutral title, no word about abuse")
    slip.add_argument("--output", "-o", type=Path, required=True, metavar="FILE.pdf")
    slip.add_argument("--bundle", type=Path, dest="slip_bundle", help=argparse.SUPPRESS)

    shots = sub.add_parser("screenshots", help="render every screen to PNG, offscreen")
    shots.add_argument("--output", "-o", type=Path, required=True, metavar="DIR")
    shots.add_argument("--size", type=_size, dest="shot_size", default=None, metavar="WxH")
    shots.add_argument("--bundle", type=Path, dest="shot_bundle", help=argparse.SUPPRESS)
    return parser


def main(argv: list[str] | None = None) -> int:
    started = time.perf_counter()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    args = build_parser().parse_args(argv)
    if args.command == "slip":
        return _slip(args)
    if args.command == "screenshots":
        return _screenshots(args)
    return _run(args, started)


def _bundle_for(path: Path | None):
    from kiosk.core.content.loader import BundleError, load_bundle
    from kiosk.core.resources import builtin_bundle

    try:
        return load_bundle(path or builtin_bundle())
    except BundleError as exc:
        print(f"kiosk: {exc}", file=sys.stderr)
        return None


def _slip(args: argparse.Namespace) -> int:
    from kiosk.core.slips.render import SlipRequest, write_slip

    bundle = _bundle_for(args.slip_bundle or args.bundle)
    if bundle is None:
        return 2
    if args.concern not in bundle.concerns:
        print(f"kiosk: this bundle has no concern {args.concern!r}", file=sys.stderr)
        return 2
    write_slip(bundle, SlipRequest(concern=args.concern, discreet=args.discreet), args.output)
    print(args.output)
    return 0


def _screenshots(args: argparse.Namespace) -> int:
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from kiosk.ui.screenshots import render_all

    bundle = _bundle_for(args.shot_bundle or args.bundle)
    if bundle is None:
        return 2
    sizes = [args.shot_size] if args.shot_size else [(1920, 1080), (1080, 1920), (1366, 768)]
    for path in render_all(bundle, args.output, sizes):
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
    bundle, problems = load_content(args.bundle)
    options = Options(
        windowed=args.windowed or args.startup_probe,
        width=args.size[0],
        height=args.size[1],
        idle_timeout_s=args.idle_timeout,
        bundle_problems=problems,
    )
    kiosk = KioskApp(app, bundle, options)
    if args.startup_probe:
        _probe(app, kiosk, started)
    return app.exec()


def _probe(app, kiosk, started: float) -> None:
    """Print the first frame's time and peak memory once the home screen is on screen, then quit."""
    import resource

    def first_frame() -> None:
        kiosk.window.frameSwapped.disconnect(first_frame)
        peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(
            json.dumps(
                {
                    "first_frame_ms": round(process_age_ms(started), 1),
                    "peak_rss_mb": round(peak_kb / 1024, 1),
                    "monotonic": time.monotonic(),
                }
            ),
            flush=True,
        )
        app.quit()

    kiosk.window.frameSwapped.connect(first_frame)


def process_age_ms(fallback_start: float) -> float:
    """Milliseconds since this process began (Linux: from /proc), else since `main` was entered."""
    try:
        import os

        stat = Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()
        start_ticks = int(stat[19])
        boot = time.clock_gettime(time.CLOCK_BOOTTIME)
        return (boot - start_ticks / os.sysconf("SC_CLK_TCK")) * 1000
    except (OSError, ValueError, IndexError, AttributeError):
        return (time.perf_counter() - fallback_start) * 1000
