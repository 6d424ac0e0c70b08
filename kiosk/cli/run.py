"""`kiosk` with no command: the kiosk itself, on the site's configuration and content.

Also `--startup-probe`, which starts exactly this way and reports the first frame's time.
"""

from __future__ import annotations

import argparse
import sys


def run_kiosk(args: argparse.Namespace, started: float) -> int:
    from kiosk.ui.window_system import no_display_reason

    reason = no_display_reason()
    if reason:
        print(reason, file=sys.stderr)
        return 3

    from PySide6.QtGui import QGuiApplication

    from kiosk.core import paths
    from kiosk.ui.start_picture import StartPicture

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    app.setApplicationName("kiosk")
    app.setOrganizationName("kiosk")
    if not args.startup_probe:
        from kiosk.ui.instance import ask_first_instance_to_show

        if ask_first_instance_to_show():
            print("kiosk: already running; brought it to the front", file=sys.stderr)
            return 0
    windowed = args.windowed or args.startup_probe
    from kiosk.core import logs

    # The log first, so that everything decided below (the picture, the settings, the content) is in
    # it, not only on a console nobody reads.
    logs.setup_logging(paths.data_dir(), facts={"config": args.config or "system"})
    # The home screen as first drawn at the last start, if nothing that decides it has changed;
    # only then does the rest of the kiosk load.
    picture = StartPicture.show(sys.argv[1:], args.config, paths.data_dir(), windowed, started)
    from kiosk.cli.common import not_offered
    from kiosk.core.site import open_site
    from kiosk.ui.app import KioskApp, site_options
    from kiosk.ui.fonts import register_fonts

    register_fonts(app)
    site = open_site(
        args.config,
        preview=args.bundle,
        cache=True,
        languages=args.languages,
        default_language=args.language,
        reviewed_only=args.reviewed_only,
        remember=True,
    )
    settings, content = site.settings, site.content
    from kiosk.core.start_picture import content_key

    # A refused folder's fingerprint is never the key of the built-in content that runs instead.
    picture.content = (
        None
        if content.problems
        else content_key(content.folder, settings.bundle, site.data_dir, content.stamp)
    )
    if not settings.start_picture:  # turned off: none kept; this start's, if any, was the last
        picture.turn_off()
    problem = args.language and not_offered(site, args.language)
    if problem:
        print(problem, file=sys.stderr)
        return 2
    options = site_options(
        site,
        windowed=windowed,
        width=args.size[0],
        height=args.size[1],
        idle_timeout_s=args.idle_timeout or settings.idle_timeout,
        config_path=args.config,
    )
    from kiosk.ui.instance import SingleInstance

    kiosk = KioskApp(app, site.bundle, options)
    picture.follow(lambda: kiosk.window, kiosk.firstFrame, fullscreen=not windowed)
    kiosk.prewarm.timeout.connect(picture.check)
    kiosk.use_site(site)
    if settings.statistics and not args.startup_probe:
        from kiosk.ui.usage import start_counting

        kiosk.prewarm.timeout.connect(start_counting(kiosk, site.data_dir).prewarm)
    if not args.startup_probe:
        kiosk.instance = SingleInstance(kiosk.bring_to_front, parent=kiosk)
        kiosk.prewarm.timeout.connect(lambda: kiosk.follow_site(site))

        def watch_health() -> None:  # IT's health file and the usage share, once the screen is up
            from kiosk.ui.health import watch

            watch(kiosk, settings, len(site.problems), site.data_dir)

        kiosk.prewarm.timeout.connect(watch_health)
    if args.startup_probe:
        probe(app, kiosk, started, picture)
    return app.exec()


def probe(app, kiosk, started: float, picture) -> None:  # noqa: ANN001
    """Print the first frame's time and peak memory once the live home screen is on screen, then
    quit; with the time the start-up picture was on screen before it, if there was one."""
    from kiosk.core.process import first_frame_line

    reported = []

    def first_frame() -> None:
        if reported:  # a second frame can arrive before quit() takes effect
            return
        reported.append(True)
        shown = {
            "bundle": {"id": kiosk.bundle.id, "version": kiosk.bundle.version, "name": kiosk.bundle.name}
        }
        shown["children_number"] = children_number(kiosk.content)
        print(first_frame_line(started, picture.shown_ms, picture.live_ms, shown), flush=True)
        app.quit()

    picture.firstFrame.connect(first_frame)


def children_number(content) -> str | None:  # noqa: ANN001 - the ContentAdapter the screens show
    """The number a resident worried about a child is given, read from the model the screens show,
    the way a resident reaches it: the home screen's child choice, then the choice that is not
    "danger now", to the answer's first contact (None if the content has no such path)."""
    target = next((c["target"] for c in content.homeChoices if c["icon"] == "child"), "")
    for _ in range(5):  # questions lead to questions, then to an answer
        kind, _, name = target.partition(":")
        if kind == "answer":
            contacts = content.answer(name)["contacts"]
            shown = contacts[0]["shownPhone"] if contacts else ""
            # As read off the screen: without the marks that keep it left to right, spaces as spaces.
            return shown.replace("\u2066", "").replace("\u2069", "").replace("\u00a0", " ") or None
        if kind != "question":
            return None
        options = content.question(name)["options"]
        calm = [o for o in options if o["style"] != "urgent"]
        target = (calm or options)[0]["target"]
    return None
