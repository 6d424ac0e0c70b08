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
    # The home screen as first drawn at the last start, if nothing that decides it has changed;
    # only then does the rest of the kiosk load.
    picture = StartPicture.show(sys.argv[1:], args.config, paths.data_dir(), windowed, started)
    from kiosk.core import logs
    from kiosk.core.site import open_site
    from kiosk.ui.app import KioskApp, site_options
    from kiosk.ui.fonts import register_fonts

    register_fonts(app)
    logs.setup_logging(paths.data_dir(), facts={"config": args.config or "system"})
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
    if args.language and args.language != site.default_language:
        print(
            f"kiosk: the start-up language {args.language!r} is not among the offered languages "
            f"{site.languages}",
            file=sys.stderr,
        )
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
        print(first_frame_line(started, picture.shown_ms, picture.live_ms), flush=True)
        app.quit()

    picture.firstFrame.connect(first_frame)
