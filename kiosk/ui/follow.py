"""Follow the site's content while a program runs, so the kiosk, the desk and the commands agree.

Programs on one machine share a data folder: the desk, `kiosk print` or a restart may install a
newer signed package there, and a plain folder (allow_unsigned) may be edited. Every minute the
content is decided again off the UI thread, exactly as at start-up (kiosk.core.site), and a change
is handed over when the program is ready for it: the kiosk waits until no resident is at the
screen, so nobody's screen changes under their finger.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from kiosk.ui.worker import Background

if TYPE_CHECKING:
    from kiosk.core.site import Content, Site

log = logging.getLogger(__name__)
EVERY_MS = 60_000


class ContentFollower(QObject):
    """Decides the site's content again every `every_ms`; calls `apply` with new content once
    `ready()` allows (and again at `offer()`, when the program becomes ready)."""

    def __init__(
        self,
        site: Site,
        apply: Callable[[Content], None],
        ready: Callable[[], bool] = lambda: True,
        parent: QObject | None = None,
        every_ms: int = EVERY_MS,
    ):
        super().__init__(parent)
        self.site = site
        self._apply = apply
        self._ready = ready
        self._pending: Content | None = None
        self._busy = False
        self._background = Background(self)
        self._timer = QTimer(self, interval=every_ms)
        self._timer.timeout.connect(self.check)

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self._background.wait()

    def check(self) -> None:
        """Decide the content again now (a share may be slow: off the UI thread)."""
        if self._busy:
            return
        self._busy = True
        site = self.site

        def done(content: Content) -> None:
            self._busy = False
            if content is not site.content and site is self.site:
                for line in (*content.notices, *content.problems):
                    log.info("content: %s", line)
                self._pending = content
                self.offer()

        def failed(exc: BaseException) -> None:
            self._busy = False
            log.error("the content could not be decided again: %r", exc)

        self._background.run(lambda: site.reopen_content(known=site.content), done, failed)

    def offer(self) -> None:
        """Hand over new content, if there is some and the program is ready for it."""
        if self._pending is None or not self._ready():
            return
        content, self._pending = self._pending, None
        self.site = self.site.with_content(content)
        log.info("content is now %s from %s", content.bundle.label, content.folder)
        self._apply(content)
