"""Slip commands: `kiosk slip` writes one, `kiosk print` prints one, `kiosk desk` opens the desk screen.

Imported to build the parser whenever a command is given (not when the kiosk itself starts), so
Qt, reportlab and the print system load only when one of these commands runs.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kiosk.core.slips import FORMATS  # the names only, no PDF code

MAX_COPIES = 50  # kiosk.ui.printing.MAX_COPIES


def _copies(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of copies") from None
    if not 1 <= value <= MAX_COPIES:
        raise argparse.ArgumentTypeError(f"copies must be between 1 and {MAX_COPIES}")
    return value


def _slip_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--concern", default="all", metavar="ID", help="danger, child, adult, worker or all (default: all)"
    )
    parser.add_argument("--format", choices=FORMATS, default="a6", help="paper layout (default: a6)")
    parser.add_argument(
        "--language", dest="slip_language", default=None, metavar="CODE", help="default en_GB"
    )
    parser.add_argument("--bilingual", action="store_true", help="English beside the slip's language")
    parser.add_argument("--discreet", action="store_true", help="neutral title, no word about abuse")
    parser.add_argument("--bundle", type=Path, dest="slip_bundle", help=argparse.SUPPRESS)


def add_parsers(sub: argparse._SubParsersAction) -> None:
    slip = sub.add_parser("slip", help="write a contact slip PDF", allow_abbrev=False)
    _slip_options(slip)
    slip.add_argument("--output", "-o", type=Path, required=True, metavar="FILE.pdf")
    slip.set_defaults(func=write)

    print_ = sub.add_parser(
        "print", help="print a contact slip (no dialog) on a printer or the default", allow_abbrev=False
    )
    _slip_options(print_)
    print_.add_argument("--printer", metavar="NAME", help="print queue (default: the system default)")
    print_.add_argument("--copies", type=_copies, default=1, metavar="N", help=f"1 to {MAX_COPIES}")
    print_.set_defaults(func=print_slip)

    desk = sub.add_parser(
        "desk", help="open the reception desk screen for printing slips", allow_abbrev=False
    )
    desk.add_argument("--printer", metavar="NAME", help="printer to start with (default: the system default)")
    desk.add_argument("--bundle", type=Path, dest="slip_bundle", help=argparse.SUPPRESS)
    desk.set_defaults(func=open_desk)


def _request(args: argparse.Namespace, bundle):
    """The SlipRequest the options ask for, or a message saying which option is wrong."""
    from kiosk.core.languages import SHIPPED
    from kiosk.core.slips.render import SlipRequest

    if args.concern not in bundle.concerns:
        return f"kiosk: this bundle has no concern {args.concern!r}; it has {', '.join(bundle.concerns)}"
    language = args.slip_language or getattr(args, "language", None) or "en_GB"
    if language not in SHIPPED:
        return f"kiosk: unknown language {language!r}; shipped: {', '.join(SHIPPED)}"
    return SlipRequest(
        concern=args.concern,
        discreet=args.discreet,
        language=language,
        format=args.format,
        bilingual=args.bilingual,
    )


def _bundle_and_request(args: argparse.Namespace):
    """The bundle and the slip request the options ask for, or None after saying why."""
    from kiosk.cli.common import bundle_for

    bundle = bundle_for(args.slip_bundle or args.bundle)
    if bundle is None:
        return None
    request = _request(args, bundle)
    if isinstance(request, str):
        print(request, file=sys.stderr)
        return None
    return bundle, request


def write(args: argparse.Namespace) -> int:
    from kiosk.core.slips.render import write_slip

    chosen = _bundle_and_request(args)
    if chosen is None:
        return 2
    bundle, request = chosen
    write_slip(bundle, request, args.output)
    print(args.output)
    return 0


def _gui_app():
    """A Qt application for Qt's print support, with no window: it works over SSH and in cron too."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    return QGuiApplication.instance() or QGuiApplication(sys.argv[:1])


def print_slip(args: argparse.Namespace) -> int:
    chosen = _bundle_and_request(args)
    if chosen is None:
        return 2
    bundle, request = chosen
    _gui_app()
    from kiosk.ui import printing

    try:
        job = printing.print_slip(bundle, request, printer=args.printer, copies=args.copies)
    except printing.PrintError as exc:
        print(f"kiosk: not printed: {exc}", file=sys.stderr)
        return 1
    print(
        f"{job.printer}: job {job.job_id}, {job.copies} cop{'y' if job.copies == 1 else 'ies'}, {job.title!r}"
    )
    return 0


def open_desk(args: argparse.Namespace) -> int:
    from kiosk.ui.window_system import no_display_reason

    reason = no_display_reason()
    if reason:
        print(reason, file=sys.stderr)
        return 3
    from kiosk.cli.common import bundle_for

    bundle = bundle_for(args.slip_bundle or args.bundle)
    if bundle is None:
        return 2
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    app.setApplicationName("kiosk-desk")
    app.setOrganizationName("kiosk")
    from kiosk.ui.desk.window import DeskWindow
    from kiosk.ui.fonts import register_fonts

    register_fonts(app)
    desk = DeskWindow(app, bundle, printer=args.printer)
    app.aboutToQuit.connect(desk.shutdown)
    return app.exec()
