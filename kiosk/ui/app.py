"""Start the kiosk: fonts, content, adapters, the QML window and the watchers of idle and quick exit."""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QObject, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtQml import QQmlApplicationEngine

from kiosk.core.content.model import Bundle
from kiosk.core.i18n import SOURCE_LANGUAGE
from kiosk.core.languages import SHIPPED, babel_locale
from kiosk.core.qm import ui_language as qml_language
from kiosk.core.startup import languages_offered
from kiosk.ui import modal, registry
from kiosk.ui.content import ContentAdapter
from kiosk.ui.display import DisplayAdapter
from kiosk.ui.fonts import ensure_all_fonts, ensure_font
from kiosk.ui.idle import IdleMonitor
from kiosk.ui.lockdown import LockDown
from kiosk.ui.memory import release_free_memory
from kiosk.ui.quickexit import ShiftTripleWatch
from kiosk.ui.session import InputWatch, SessionAdapter
from kiosk.ui.slips import SlipsAdapter
from kiosk.ui.speech import SpeechAdapter
from kiosk.ui.staff import StaffAdapter

if TYPE_CHECKING:
    from PySide6.QtQuick import QQuickWindow

    from kiosk.core.site import Site

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
    attract: bool = True
    pin_hash: str = ""
    state_dir: Path | None = None  # where the keypad lockout survives a restart; None: memory only
    staff_notices: list[str] = field(default_factory=list)
    languages: tuple[str, ...] = SHIPPED
    default_language: str = SHIPPED[0]
    bundle_problems: list[str] = field(default_factory=list)
    review_months: int | None = None  # remind staff of contacts not checked for this long; None: never
    config_path: Path | None = None  # the site file named with --config; the settings screen saves against it


def site_options(site: Site, **overrides) -> Options:
    """The kiosk's options as the site sets them (kiosk.core.site); `overrides` for the window."""
    from kiosk.core.site import enabled_languages

    s = site.settings
    chosen = dict(
        languages=enabled_languages(s),  # the content may change, and offer others of them
        default_language=s.default_language,
        idle_timeout_s=s.idle_timeout,
        attract=s.attract_screen,
        pin_hash=s.pin_hash,
        state_dir=site.data_dir,
        staff_notices=[str(p) for p in site.problems] + list(site.content.notices),
        bundle_problems=list(site.content.problems),
        review_months=s.review_months,
    )
    return Options(**{**chosen, **overrides})


class KioskApp(QObject):
    """Owns the engine, the adapters and the watchers for one kiosk window."""

    firstFrame = Signal()  # noqa: N815 - Qt's naming; once, when the window's first frame is on screen

    def __init__(self, app: QGuiApplication, bundle: Bundle, options: Options):
        super().__init__(app)
        self.app = app
        self._closed = False
        self._window = None
        self._drawn = False  # the window's first frame has been on screen
        self.bundle = bundle
        self.options = options
        self.follower = None  # follow_site
        self.notice_sources: list = []  # more for staff: callables giving lines (kiosk.ui.health)
        self.content = ContentAdapter(bundle, self)
        self.session = SessionAdapter(
            self, *languages_offered(options.languages, options.default_language, bundle)
        )
        self.slips = SlipsAdapter(bundle, self)
        self.display = DisplayAdapter(self)
        self.display.set_bundle_colours(bundle.theme)
        self.speech = SpeechAdapter(lambda: self.session.language, self.screen_text, self)
        lockout_file = options.state_dir / "pin-lockout.json" if options.state_dir else None
        self.staff = StaffAdapter(
            lambda: self.options.pin_hash, lockout_file, self.staff_notices, self, kiosk=self
        )
        self.lockdown = LockDown(self)
        self.staff.exitRequested.connect(self.quit_for_staff)
        self.idle = IdleMonitor(options.idle_timeout_s, options.idle_warning_s, self, options.second_ms)
        self.shift_watch = ShiftTripleWatch(self)
        self.input_watch = InputWatch(self.session)
        self.session.attract_enabled = options.attract
        self.session.on_wipe(self.slips.wipe)
        self.session.on_wipe(self.display.wipe)
        self.session.on_wipe(self.speech.wipe)
        self.idle.needs_warning = lambda: not self.session.pristine
        self.idle.expired.connect(lambda: self.session.wipe("idle"))
        self.idle.expired.connect(self.staff.close)  # never leave the staff menu open to the public
        self.shift_watch.triggered.connect(self.session.leaveQuickly)
        self.session.wiped.connect(lambda why: log.info("session wiped (%s)", why))
        self.session.wiped.connect(lambda _why: release_free_memory())  # nobody at the screen now
        self.session.languageChanged.connect(self.apply_language)
        self.session.screenChanged.connect(self.speech.stop)

        modal.install()
        self.engine = QQmlApplicationEngine(self)
        registry.bind(self.engine, self)
        self.qr_provider = None  # with the other image provider, at the first frame (add_image_providers)
        if self.session.easyRead:  # the first screen itself may show Easy Read pictures
            self.add_image_providers()
        self.engine.addImportPath(str(QML_DIR))
        self.engine.setInitialProperties(
            {"kioskMode": not options.windowed, "startWidth": options.width, "startHeight": options.height}
        )
        self.engine.setUiLanguage(self.qml_language(self.session.language))  # before the QML loads
        # Screen readers ask each node its locale (Qt answers with the default): never "C".
        QLocale.setDefault(QLocale(babel_locale(self.session.language)))
        self.engine.loadFromModule(MODULE, "Main")
        if not self.engine.rootObjects():
            raise RuntimeError("the kiosk's QML failed to load; see the messages above")
        watchers = (self.idle, self.shift_watch, self.input_watch)
        for watcher in (*watchers, *(() if options.windowed else (self.lockdown,))):
            self.window.installEventFilter(watcher)
        self.window.frameSwapped.connect(self._first_frame)
        # Active from the start, also on a bare X server with no window manager (xinit): a screen
        # reader ignores what happens in a window that is not active.
        self.window.requestActivate()
        self.idle.start()
        if self.session.language != SOURCE_LANGUAGE:
            self.apply_language()
        self.prewarm = QTimer(self, singleShot=True, interval=PREWARM_AFTER_MS)
        self.prewarm.timeout.connect(self.slips.prewarm)
        self.prewarm.timeout.connect(ensure_all_fonts)
        self.prewarm.start()

    @property
    def window(self) -> QQuickWindow:
        """The kiosk's window. The start-up does not load Python's Qt Quick classes (16 ms of
        imports, Qt's OpenGL classes among them; 3 MB at the start-up's peak), so until they load
        (the image providers after the first frame, a grab) Python wraps the window as a plain
        QWindow; once they have loaded, that wrapper is let go and the window is wrapped afresh as a
        QQuickWindow (kiosk.ui.start_picture.grab)."""
        quick = sys.modules.get("PySide6.QtQuick")
        if (
            self._window is not None
            and quick is not None
            and not isinstance(self._window, quick.QQuickWindow)
        ):
            self._window = None
        if self._window is None:
            self._window = self.engine.rootObjects()[0]
        return self._window

    def _first_frame(self) -> None:
        if self._drawn:  # a second frame, queued (from a render thread) before the first was handled
            return
        self._drawn = True
        self.window.frameSwapped.disconnect(self._first_frame)
        QTimer.singleShot(0, self.add_image_providers)  # once the frame is on screen
        self.firstFrame.emit()

    def add_image_providers(self) -> None:
        """The QR code and the Easy Read pictures, which need Python's Qt Quick classes: added once
        the home screen is on screen (before anyone can reach them), or before the QML loads when
        the first screen is in Easy Read."""
        if self.qr_provider is not None:
            return
        from kiosk.ui.icons import IconImageProvider
        from kiosk.ui.qr_provider import QrImageProvider

        self.qr_provider = QrImageProvider(self.bundle)
        self.engine.addImageProvider("qr", self.qr_provider)
        self.engine.addImageProvider("icon", IconImageProvider())
        self.content.images_ready()

    def bring_to_front(self) -> None:
        self.window.show()
        self.window.raise_()
        self.window.requestActivate()

    def use_bundle(self, bundle: Bundle) -> None:
        """Switch the running kiosk to other content (staff checked for updates or rolled back)."""
        self.bundle = bundle
        self.content.set_bundle(bundle)
        self.slips.set_bundle(bundle)
        if self.qr_provider is not None:
            self.qr_provider.set_bundle(bundle)
        self.display.set_bundle_colours(bundle.theme)
        self.session.set_offered(
            *languages_offered(self.options.languages, self.options.default_language, bundle)
        )
        self.options.bundle_problems = []  # they were about the content this one replaces
        self.session.wipe("content-update")
        log.info(
            "content switched to %s %s (%s) from %s", bundle.id, bundle.version, bundle.date, bundle.path
        )

    def use_site(self, site: Site) -> None:
        """Where slips go and the plain-title default, as the site sets them."""
        self.slips.set_site(site.collection_point, site.printer, site.slip_layout)
        self.session.discreet_default = self.session.discreet = site.discreet_default

    def follow_site(self, site: Site) -> None:
        """Run new content another program installs for this site (kiosk.ui.follow), switching
        only while no resident is at the screen."""
        from kiosk.ui.follow import ContentFollower

        self.follower = ContentFollower(
            site, lambda content: self.use_bundle(content.bundle), lambda: self.session.pristine, self
        )
        self.session.on_wipe(self.follower.offer)
        self.follower.start()

    def staff_notices(self) -> list[str]:
        """What staff must know: configuration and content problems, contacts due for a check."""
        look = [f"{p} (content bundle {self.bundle.path})" for p in self.bundle.look_problems]
        due = []
        if self.options.review_months is not None:
            from kiosk.core.content.review import review_reminders

            due = review_reminders(self.bundle, self.options.review_months)
        more = [line for source in self.notice_sources for line in source()]
        return [*self.options.staff_notices, *self.options.bundle_problems, *look, *due, *more]

    def quit_for_staff(self) -> None:
        self.lockdown.allow_close = True
        self.window.close()
        self.app.quit()

    def screen_text(self) -> str:
        """What the current screen says, in reading order, for Listen."""
        from PySide6.QtQuick import QQuickItem

        page = self.window.findChild(QQuickItem, "page")
        texts = []

        def walk(item: QQuickItem) -> None:
            if not item.isVisible():
                return
            if item.inherits("QQuickText") and item.property("text"):
                texts.append(item.property("text").strip())
            for child in item.childItems():
                walk(child)

        if page is not None and page.property("item") is not None:
            walk(page.property("item"))
        return "\n".join(t if t.endswith((".", "?", "!", ":", "。", "؟", "۔")) else t + "." for t in texts)

    def apply_language(self) -> None:
        """One call switches everything: catalog, locale, fonts, text direction.

        QML's text comes from the engine's own translator, which loads i18n/qml_<language>.qm
        (made from the gettext catalog by kiosk.core.qm) when its uiLanguage changes and then
        retranslates every binding; Python's from the gettext catalog (kiosk.core.i18n). No
        translator is written in or made from Python: Qt asks translators from its QML loader
        thread too, and one that needs the Python interpreter's lock froze the kiosk whenever
        Python code waited for that thread. (The kiosk shows none of Qt's own strings.)
        """
        from PySide6.QtCore import Qt  # the Qt namespace costs ~16 ms: not at start-up

        code = self.session.language
        ensure_font(self.session.fontFamily)
        QLocale.setDefault(QLocale(babel_locale(code)))
        self.engine.setUiLanguage(self.qml_language(code))
        self.app.setLayoutDirection(
            Qt.LayoutDirection.RightToLeft if self.session.rtl else Qt.LayoutDirection.LeftToRight
        )
        self.content.set_language(code)
        self.speech.stop()
        log.debug("language %s", code)  # never at INFO: a timed line next to a resident's choice

    def qml_language(self, code: str) -> str:
        """The engine's uiLanguage for `code`; the source language if its .qm is missing (the
        engine would otherwise keep the previous language's)."""
        from kiosk.core.qm import file_name

        ui = qml_language(code)
        if ui and not (QML_DIR / MODULE / "i18n" / file_name(code)).is_file():
            log.error("no compiled QML catalog for %s (make catalogs); its screens show English", code)
            return ""
        return ui

    def shutdown(self) -> None:
        if self._closed:
            return
        self._closed = True
        self.prewarm.stop()
        if self.follower is not None:
            self.follower.stop()
        self.idle.stop()
        self.slips.wipe()
        self.slips.wait()
        self.staff.wait()
        self.lockdown.allow_close = True
        self.window.close()
        registry.unbind(self.engine)
        self.engine.deleteLater()
