"""The start-up picture on screen: the home screen as first drawn at the last start, shown at once
while the live home screen loads behind it (when a picture may be shown: kiosk.core.start_picture).

Only QtGui: the picture is on screen before Qt Quick, the adapters or the QML have loaded. The
live window opens over it, and the picture's window goes once the live window has drawn its first
frame: not sooner, because a compositor (cage, Wayland; most X11 desktops) shows a new window only
from its first frame, and the screen would go blank in between. (The picture's window holds none
of its pixels meanwhile: see PictureWindow.) A tap or a key pressed before then is held and
given to the live screen after its first frame, in order, so nothing a resident does in that
moment is lost ("Leave quickly" included). The picture's window ignores a request to close, like
the kiosk's own window.
"""

from __future__ import annotations

import contextlib
import logging
import mmap
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QEventLoop, QObject, Signal, SignalInstance, Slot
from PySide6.QtGui import QBackingStore, QGuiApplication, QImage, QPainter, QRegion, QSurface, QWindow
from shiboken6 import Shiboken

from kiosk.core import start_picture

log = logging.getLogger(__name__)
Buffer = bytes | memoryview | mmap.mmap
HELD = {  # passed on to the live screen
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonRelease,
    QEvent.Type.KeyPress,
    QEvent.Type.KeyRelease,
}
TOUCHED = {*HELD, QEvent.Type.TouchBegin, QEvent.Type.Wheel, QEvent.Type.TabletPress}
SETTLE_FRAMES = 60  # frames a full-screen window has to reach the screen's size before one is kept


class PictureWindow(QWindow):
    """The picture in a window of its own, drawn through a backing store that lives only while it
    draws: once the window system has the picture (the X server, the Wayland compositor), the
    kiosk needs none of its 8 MB (at 1920x1080) while the rest of it loads. Should the window
    system ask for the picture again (an expose, a resize), it is read and drawn again."""

    def __init__(self, picture: start_picture.Picture, started: float, reread: Callable[[], Buffer | None]):
        super().__init__()
        self.setSurfaceType(QSurface.SurfaceType.RasterSurface)
        self.picture = picture
        self.started = started
        self.reread = reread
        self.pixels: Buffer | None = picture.pixels
        picture.pixels = b""
        self.shown_ms: float | None = None  # the process's age once the picture was first on screen
        self.painted = False
        self.setTitle(picture.title)
        self.resize(round(picture.width / picture.ratio), round(picture.height / picture.ratio))

    def exposeEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        if self.isExposed():
            self.draw()

    def draw(self) -> None:
        pixels = self.pixels if self.pixels is not None else self.reread()
        self.pixels = None
        if pixels is None:
            return
        p = self.picture
        image = QImage(pixels, p.width, p.height, p.width * 4, QImage.Format.Format_RGB32)
        image.setDevicePixelRatio(p.ratio)
        size = self.size()
        whole = QRegion(0, 0, size.width(), size.height())
        store = QBackingStore(self)
        store.resize(size)
        store.beginPaint(whole)
        painter = QPainter(store.paintDevice())
        painter.drawImage(0, 0, image)
        painter.end()
        store.endPaint()
        store.flush(whole)
        del store, image  # the window system has the picture now
        with contextlib.suppress(AttributeError, BufferError):
            pixels.close()  # unmapped now, or once Python lets go of it
        self.painted = True

    def show_now(self, fullscreen: bool, limit_s: float = 0.25) -> None:
        """Show the picture and draw it at once, before the rest of the kiosk loads (the event loop
        runs only after that), waiting at most `limit_s` for the window system."""
        from kiosk.core.process import process_age_ms

        self.showFullScreen() if fullscreen else self.show()
        app = QGuiApplication.instance()
        deadline = time.monotonic() + limit_s
        while not self.painted and time.monotonic() < deadline:
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
        if self.painted:  # painted and flushed to the screen
            self.shown_ms = process_age_ms(self.started)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Close:
            event.ignore()
            return True
        return super().event(event)

    def retire(self) -> None:
        """Go, with the memory that held the picture."""
        self.hide()
        Shiboken.delete(self)


class StartPicture(QObject):
    """One start's picture: the last one, shown at once if it is for exactly this start; the live
    window's first frame is kept for the next start when there was none (or it was out of date)."""

    firstFrame = Signal()  # the live home screen is on screen; the picture, if there was one, has gone

    def __init__(self, settings: tuple, screen: tuple, cache_dir: Path, started: float):
        super().__init__()
        self.settings = settings
        self.screen = screen
        self.cache_dir = cache_dir
        self.started = started
        self.window: PictureWindow | None = None
        self.holding = False  # input is held until the live screen's first frame
        self.held: list[QEvent] = []
        self.shown: start_picture.Picture | None = None  # the picture shown, until checked
        self.content: tuple | None = None  # what the content was; None: keep no picture this start
        self.shown_ms: float | None = None  # the process's age when the picture was on screen
        self.live_ms: float | None = None  # ... and when the live home screen was
        self.touched = False
        self.window_of: Callable[[], QWindow] | None = None  # the live window, asked for when needed
        self.fullscreen = False
        self.frames_to_settle = 0

    @classmethod
    def show(
        cls, argv: list[str], config: str | None, data_dir: Path, windowed: bool, started: float
    ) -> StartPicture:
        """Show the picture for exactly this start, if there is one. Never raises: a picture that
        cannot be read or shown means a start without one."""
        import PySide6

        from kiosk.core.startup import CACHE_FOLDER

        cache_dir = data_dir / CACHE_FOLDER
        made = cls((), (), cache_dir, started)
        try:
            made.settings = start_picture.settings_key(argv, config, data_dir, PySide6.__version__)
            made.screen = screen_key(windowed)
            picture = start_picture.read(cache_dir, data_dir, made.settings, made.screen)
            if picture is not None:
                again = lambda: start_picture.reread(cache_dir, picture)  # noqa: E731
                made.window = PictureWindow(picture, started, again)
                made.window.installEventFilter(made)  # what is pressed on it is held, as on the live one
                made.holding, made.shown = True, picture
                made.window.show_now(picture.fullscreen)
                made.shown_ms = made.window.shown_ms
        except Exception:  # noqa: BLE001 - the picture only ever saves time; a start never fails by it
            log.exception("start-up picture not shown")
            made.settings = ()
        return made

    def turn_off(self) -> None:
        """The site turned the picture off: keep none, and forget the one kept."""
        self.content = None
        start_picture.forget(self.cache_dir)

    def follow(self, window_of: Callable[[], QWindow], first_frame: SignalInstance, fullscreen: bool) -> None:
        """Hand over to the live window at its first frame, which `first_frame` says, once (see the
        module's description). `window_of` gives the live window each time it is needed: none is
        kept (see grab)."""
        self.window_of, self.fullscreen = window_of, fullscreen
        if self.shown_ms is not None:  # said here, once the log file is open
            log.info("start-up picture on screen %.0f ms after the start", self.shown_ms)
        first_frame.connect(self._first_frame)
        window_of().installEventFilter(self)

    @property
    def live_window(self) -> QWindow | None:
        return self.window_of() if self.window_of else None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if kind in TOUCHED:
            self.touched = True
        if self.holding and kind in HELD:
            self.held.append(event.clone())
            return True
        return False

    @Slot()
    def _first_frame(self) -> None:
        from kiosk.core.process import process_age_ms

        self.live_ms = process_age_ms(self.started)
        if self.holding:
            self.window.retire()
            self.window, self.holding = None, False
            self.live_window.requestActivate()
            held, self.held = self.held, []
            for event in held:
                QGuiApplication.sendEvent(self.live_window, event)
            if held:
                log.info("start-up picture: %d input events passed on to the live screen", len(held))
        elif self.content is not None and self.settings:
            self.frames_to_settle = SETTLE_FRAMES
            self._keep_when_settled()
        self.firstFrame.emit()

    @Slot()
    def _keep_when_settled(self) -> None:
        """Keep this frame if it is the screen as it stays: untouched, and a full-screen window
        already at the screen's size (a compositor may make it full screen only after the first
        frame, as cage does); else try the next frames for a while."""
        if self.frames_to_settle <= 0:  # done: a frame queued before the last one was handled
            return
        size = (self.live_window.width(), self.live_window.height())  # no wrapper kept: see grab
        settled = not self.fullscreen or size == self.screen[1:3]
        waiting = self.frames_to_settle < SETTLE_FRAMES  # connected to the next frames
        self.frames_to_settle -= 1
        if settled or self.touched or self.frames_to_settle <= 0:
            self.frames_to_settle = 0
            if waiting:  # before grabbing: a grab draws a frame of its own
                self.live_window.frameSwapped.disconnect(self._keep_when_settled)
            picture = grab(self.window_of, self.fullscreen) if settled and not self.touched else None
            if picture is not None:
                self.keep(picture)
        elif not waiting:
            self.live_window.frameSwapped.connect(self._keep_when_settled)

    def keep(self, picture: start_picture.Picture) -> None:
        key = {"settings": self.settings, "screen": self.screen, "content": self.content}
        try:
            if start_picture.write(self.cache_dir, key, picture):
                log.info("start-up picture kept for the next start (%dx%d)", picture.width, picture.height)
        except OSError as exc:
            log.warning("start-up picture not kept in %s: %s", self.cache_dir, exc)

    @Slot()
    def check(self) -> None:
        """A while after a start with a picture, if nobody has touched the screen: the picture shown
        must be exactly the live home screen. One that is not is forgotten, so the next start shows
        none and keeps its own first frame."""
        shown, self.shown = self.shown, None
        if shown is None or self.touched or self.window_of is None:
            return
        live = grab(self.window_of, self.fullscreen)
        if live is None:
            return
        if live.crc32 != shown.crc32:
            shown.pixels = start_picture.reread(self.cache_dir, shown)
            if shown.pixels is None or differs(live, shown):
                log.warning("start-up picture: the live home screen differs from the one shown; forgotten")
                start_picture.forget(self.cache_dir)
            shown.pixels = b""


THRESHOLD = bytes(0 if level < 64 else 1 for level in range(256))


def differs(live: start_picture.Picture, shown: start_picture.Picture) -> bool:
    """Whether the two show different things: a pixel whose brightness differs by a quarter or
    more. With OpenGL two frames of the same screen can differ by a level or two at the edges of
    letters; a word, number or button that is not the same differs by far more."""
    if (live.width, live.height) != (shown.width, shown.height):
        return True
    a = QImage(live.pixels, live.width, live.height, live.width * 4, QImage.Format.Format_RGB32).copy()
    b = QImage(shown.pixels, shown.width, shown.height, shown.width * 4, QImage.Format.Format_RGB32)
    painter = QPainter(a)
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Difference)
    painter.drawImage(0, 0, b)
    painter.end()
    gray = a.convertToFormat(QImage.Format.Format_Grayscale8)
    data, line, width = bytes(gray.constBits()), gray.bytesPerLine(), gray.width()
    rows = [data] if line == width else (data[y * line : y * line + width] for y in range(gray.height()))
    return any(row.translate(THRESHOLD).count(1) for row in rows)


def screen_key(windowed: bool) -> tuple:
    """The screen the first frame is drawn for: a full-screen kiosk's size follows the screen."""
    screen = QGuiApplication.primaryScreen()
    size = screen.size()
    return (windowed, size.width(), size.height(), screen.devicePixelRatio())


def grab(window_of: Callable[[], QWindow], fullscreen: bool) -> start_picture.Picture | None:
    """The live window's current frame as a picture.

    Grabbing needs Python's Qt Quick classes, which the kiosk's start-up never loads (16 ms of
    imports, Qt's OpenGL classes among them; 3 MB at the start-up's peak): they load here, on a
    first start or in the check after a start with a picture, and `window_of` then wraps the
    window afresh as a QQuickWindow (KioskApp.window)."""
    from PySide6.QtQuick import QQuickWindow

    window = window_of()
    if not isinstance(window, QQuickWindow):  # a bug: a reference to the plain wrapper is kept
        log.error("start-up picture: the live window is still wrapped as %s; no grab", type(window).__name__)
        return None
    image = window.grabWindow().convertToFormat(QImage.Format.Format_RGB32)
    meta = {
        "width": image.width(),
        "height": image.height(),
        "ratio": image.devicePixelRatio(),
        "fullscreen": fullscreen,
        "title": window.title(),
    }
    picture = start_picture.Picture(meta, image.constBits())  # the image's own memory, not a copy
    picture.image = image  # which must live as long as the picture
    return picture
