"""Where the kiosk's start-up goes, phase by phase: `python -m benchmarks.startup_phases [RUNS]`.

Runs `kiosk --startup-probe` as fresh processes (one warm-up, then RUNS, default 11) with marks
around each step of `kiosk.cli.run.run_kiosk`, and prints each phase's median. QtCore and QtGui are
imported first, on their own, so that their cost (which a bare window pays too) is not counted as
the kiosk's. The warm-up keeps the start-up picture, so every measured run shows it first (the
"picture" phase) and loads the rest behind it. A diagnostic for work on start-up; the goals are
checked by benchmarks.startup.
"""

from __future__ import annotations

import json
import sys
import time

PHASES = (
    ("interpreter", "Python itself, up to the first line of this script"),
    ("qt-imports", "PySide6 QtCore and QtGui (a bare window pays these too)"),
    ("command-line", "the kiosk's command line read"),
    ("application", "QGuiApplication"),
    ("picture", "the start-up picture: its key checked, read and on screen"),
    ("kiosk-imports", "behind the picture: QtQml, the adapters, configuration, start-up"),
    ("fonts", "Noto Sans registered"),
    ("config", "the site configuration read and checked"),
    ("content", "logging set up, content located, the bundle loaded (from the verified cache)"),
    ("adapters", "the QML-facing adapters made (session, content, speech, staff, ...)"),
    ("qml", "Main.qml and the home screen compiled and created"),
    ("window-shown", "the rest of KioskApp, up to the event loop"),
    ("live-frame", "the event loop, up to the live home screen's first frame"),
)


def child() -> None:
    """Run in the probe process: wrap the steps of run_kiosk, start the kiosk, print the marks."""
    from kiosk.core.process import process_age_ms

    started = time.perf_counter()
    marks: dict[str, float] = {}

    def mark(name: str) -> None:
        marks.setdefault(name, process_age_ms(started))

    def around(owner, name: str, before: str | None, after: str) -> None:  # noqa: ANN001
        original = getattr(owner, name)

        def wrapped(*args, **kwargs):  # noqa: ANN202
            if before:
                mark(before)
            result = original(*args, **kwargs)
            mark(after)
            return result

        setattr(owner, name, wrapped)

    mark("interpreter")
    import PySide6.QtCore  # noqa: F401
    import PySide6.QtGui

    mark("qt-imports")
    import kiosk.cli
    import kiosk.cli.run
    import kiosk.ui.start_picture

    sys.argv = ["kiosk", "--startup-probe"]
    args = kiosk.cli.parse()
    mark("command-line")
    picture_class = kiosk.ui.start_picture.StartPicture
    show = picture_class.show.__func__

    def shown(cls, *a, **k):  # noqa: ANN001, ANN202
        mark("application")
        made = show(cls, *a, **k)
        mark("picture")
        marks["shown"] = made.window is not None  # not on the warm-up: that one keeps it
        import kiosk.core.config
        import kiosk.core.startup
        import kiosk.ui.app
        import kiosk.ui.fonts

        around(kiosk.ui.fonts, "register_fonts", "kiosk-imports", "fonts")
        around(kiosk.core.config, "load_config", None, "config")
        around(kiosk.core.startup, "load_content", None, "content")
        around(PySide6.QtQml.QQmlApplicationEngine, "loadFromModule", "adapters", "qml")
        original_init = kiosk.ui.app.KioskApp.__init__

        def init(self, *args, **kwargs):  # noqa: ANN001, ANN202
            original_init(self, *args, **kwargs)
            mark("window-shown")

        kiosk.ui.app.KioskApp.__init__ = init
        return made

    picture_class.show = classmethod(shown)
    original_probe = kiosk.cli.run.probe

    def probe(app, kiosk_app, started_at, picture) -> None:  # noqa: ANN001
        def live() -> None:
            marks["live-frame"] = picture.live_ms
            print("PHASES " + json.dumps(marks), flush=True)

        picture.firstFrame.connect(live)
        original_probe(app, kiosk_app, started_at, picture)

    kiosk.cli.run.probe = probe
    import PySide6.QtQml  # here only for the name: the kiosk imports it behind the picture

    raise SystemExit(kiosk.cli.run.run_kiosk(args, started))


def measure(runs: int = 11, warmup: int = 1) -> dict[str, list[float]]:
    """Each phase's duration in ms, one value per run."""
    from benchmarks.startup import probe  # here, not at the top: the probe imports only what it measures

    durations: dict[str, list[float]] = {name: [] for name, _ in PHASES}
    for i in range(warmup + runs):
        marks, _ = probe([sys.executable, "-m", "benchmarks.startup_phases", "--child"], marker="PHASES ")
        if i < warmup:
            continue
        if not marks["shown"]:
            raise RuntimeError("no start-up picture was shown after the warm-up kept one")
        previous = 0.0
        for name, _ in PHASES:
            durations[name].append(marks[name] - previous)
            previous = marks[name]
    return durations


def main(argv: list[str]) -> int:
    if argv == ["--child"]:
        child()
    from benchmarks.common import median

    runs = int(argv[0]) if argv else 11
    durations = measure(runs)
    total = 0.0
    print(f"{'phase':14} {'median ms':>9} {'to here':>8}  what (median of {runs} runs)")
    for name, what in PHASES:
        value = median(durations[name])
        total += value
        print(f"{name:14} {value:9.1f} {total:8.1f}  {what}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
