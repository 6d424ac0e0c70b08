"""Start the kiosk: fonts, content, adapters, the QML window and the watchers of idle and quick exit."""

from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtQml import QQmlApplicationEngine
from PySide6.QtQuick import QQuickWindow

from kiosk.core.content.loader import BundleError
from kiosk.core.content.model import Bundle
from kiosk.ui import registry
from kiosk.ui.content import ContentAdapter
from kiosk.ui.idle import IdleMonitor
from kiosk.ui.qr_provider import QrImageProvider
from kiosk.ui.quickexit import ShiftTripleWatch
from kiosk.ui.session import SessionAdapter
from kiosk.ui.slips import SlipsAdapter
from kiosk.ui.translator import GettextTranslator

log = logging.getLogger(__name__)
QML_DIR = Path(__file__).parent / "qml"
MODULE = "Kiosk"
PREWARM_AFTER_MS = 1500  # after the first frame, before a resident can reach "Print a slip"


@dataclass
class Options:
    windowed: bool = True
    width: int = 1920
    height: int = 1080
    idle_timeout_s: float = 120
    idle_warning_s: int = 30
    second_ms: int = 1000
    bundle_problems: list[str] = field(default_factory=list)


def no_display_reason() -> str | None:
    """Why Qt would abort for want of a screen, in one line, or None if a screen is there."""
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform or sys.platform != "linux":
        return None
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return None
    return (
        "kiosk: no display found (DISPLAY and WAYLAND_DISPLAY are unset). Run it in a desktop "
        "session, or set QT_QPA_PLATFORM=offscreen to render without a screen."
    )


class KioskApp(QObject):
    """Owns the engine, the adapters and the watchers for one kiosk window."""

    def __init__(self, app: QGuiApplication, bundle: Bundle, options: Options):
        super().__init__(app)
        self.app = app
        self.bundle = bundle
        self.options = options
        self.translator = GettextTranslator()
        self.translator.install(app)
        self.content = ContentAdapter(bundle, self)
        self.session = SessionAdapter(self)
        self.slips = SlipsAdapter(bundle, self)
        self.idle = IdleMonitor(options.idle_timeout_s, options.idle_warning_s, self, options.second_ms)
        self.shift_watch = ShiftTripleWatch(self)
        self.session.on_wipe(self.slips.wipe)
        self.idle.needs_warning = lambda: not self.session.pristine
        self.idle.expired.connect(lambda: self.session.wipe("idle"))
        self.shift_watch.triggered.connect(self.session.leaveQuickly)
        self.session.wiped.connect(lambda why: log.info("session wiped (%s)", why))

        self.engine = QQmlApplicationEngine(self)
        registry.bind(self.engine, self)
        self.engine.addImageProvider("qr", QrImageProvider(bundle))
        self.engine.addImportPath(str(QML_DIR))
        self.engine.setInitialProperties(
            {"kioskMode": not options.windowed, "startWidth": options.width, "startHeight": options.height}
        )
        self.engine.loadFromModule(MODULE, "Main")
        roots = self.engine.rootObjects()
        if not roots:
            raise RuntimeError("the kiosk's QML failed to load; see the messages above")
        self.window: QQuickWindow = roots[0]
        self.window.installEventFilter(self.idle)
        self.window.installEventFilter(self.shift_watch)
        self.idle.start()
        self.prewarm = QTimer(self, singleShot=True, interval=PREWARM_AFTER_MS)
        self.prewarm.timeout.connect(self.slips.prewarm)
        self.prewarm.start()

    def shutdown(self) -> None:
        self.prewarm.stop()
        self.idle.stop()
        self.slips.wipe()
        self.slips.wait()
        self.window.close()
        registry.unbind(self.engine)
        self.engine.deleteLater()


def load_content(bundle_dir: Path | None) -> tuple[Bundle, list[str]]:
    """The configured bundle, or the built-in one with the reasons the configured one was refused."""
    from kiosk.core.content.loader import load_bundle
    from kiosk.core.resources import builtin_bundle

    problems: list[str] = []
    if bundle_dir is not None:
        try:
            return load_bundle(bundle_dir), problems
        except BundleError as exc:
            problems = [str(p) for p in exc.problems]
            log.error("%s\nUsing the built-in content instead.", exc)
    return load_bundle(builtin_bundle()), problems
