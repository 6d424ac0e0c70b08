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
    parser.add_argument(
        "--format", choices=FORMATS, default=None, help="paper layout (default: the site's slip_layout)"
    )
    parser.add_argument(
        "--language",
        dest="slip_language",
        default=None,
        metavar="CODE",
        help="one of the site's languages (default: the site's default language)",
    )
    parser.add_argument("--bilingual", action="store_true", help="English beside the slip's language")
    parser.add_argument(
        "--discreet",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="neutral title, no word about abuse (default: the site's discreet_default)",
    )
    parser.add_argument("--bundle", type=Path, dest="slip_bundle", help="preview a bundle folder as it is")


def add_parsers(sub: argparse._SubParsersAction) -> None:
    slip = sub.add_parser("slip", help="write a contact slip PDF", allow_abbrev=False)
    _slip_options(slip)
    slip.add_argument("--output", "-o", type=Path, required=True, metavar="FILE.pdf")
    slip.set_defaults(func=write)

    print_ = sub.add_parser(
        "print", help="print a contact slip (no dialog) on a printer or the default", allow_abbrev=False
    )
    _slip_options(print_)
    print_.add_argument(
        "--printer", metavar="NAME", help="print queue (default: the site's printer, else the system default)"
    )
    print_.add_argument("--copies", type=_copies, default=1, metavar="N", help=f"1 to {MAX_COPIES}")
    print_.set_defaults(func=print_slip)

    desk = sub.add_parser(
        "desk", help="open the reception desk screen for printing slips", allow_abbrev=False
    )
    desk.add_argument(
        "--printer",
        metavar="NAME",
        help="printer to start with (default: the site's printer, else the system default)",
    )
    desk.add_argument("--bundle", type=Path, dest="slip_bundle", help="preview a bundle folder as it is")
    desk.set_defaults(func=open_desk)


def _request(args: argparse.Namespace, site):  # noqa: ANN001 - a kiosk.core.site.Site
    """The SlipRequest the options ask for, the site's choices where they are silent, or a message
    saying which option is wrong."""
    from kiosk.cli.common import not_offered
    from kiosk.core.slips.render import SlipRequest

    bundle = site.bundle
    if args.concern not in bundle.concerns:
        return f"kiosk: this bundle has no concern {args.concern!r}; it has {', '.join(bundle.concerns)}"
    language = args.slip_language or getattr(args, "language", None) or site.default_language
    problem = not_offered(site, language)
    if problem:
        return problem
    return SlipRequest(
        concern=args.concern,
        discreet=site.discreet_default if args.discreet is None else args.discreet,
        language=language,
        format=args.format or site.slip_layout,
        bilingual=args.bilingual,
    )


def _site_and_request(args: argparse.Namespace):
    """The site and the slip request the options ask for, or None after saying why."""
    from kiosk.cli.common import site_for

    site = site_for(args, args.slip_bundle or args.bundle)
    if site is None:
        return None
    request = _request(args, site)
    if isinstance(request, str):
        print(request, file=sys.stderr)
        return None
    return site, request


def write(args: argparse.Namespace) -> int:
    from kiosk.core.slips.render import write_slip

    chosen = _site_and_request(args)
    if chosen is None:
        return 2
    site, request = chosen
    try:
        write_slip(site.bundle, request, args.output)
    except OSError as exc:
        print(f"kiosk: the slip was not written to {args.output}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(args.output)
    return 0


def _gui_app():
    """A Qt application for Qt's print support, with no window: it works over SSH and in cron too."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    return QGuiApplication.instance() or QGuiApplication(sys.argv[:1])


def print_slip(args: argparse.Namespace) -> int:
    chosen = _site_and_request(args)
    if chosen is None:
        return 2
    site, request = chosen
    _gui_app()
    from kiosk.ui import printing

    try:
        job = printing.print_slip(
            site.bundle, request, printer=args.printer or site.printer, copies=args.copies
        )
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
    from kiosk.cli.common import site_for

    site = site_for(args, args.slip_bundle or args.bundle)
    if site is None:
        return 2
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    app.setApplicationName("kiosk-desk")
    app.setOrganizationName("kiosk")
    from kiosk.ui.desk.window import DeskWindow
    from kiosk.ui.fonts import register_fonts

    register_fonts(app)
    desk = DeskWindow(app, site, printer=args.printer)
    app.aboutToQuit.connect(desk.shutdown)
    return app.exec()
