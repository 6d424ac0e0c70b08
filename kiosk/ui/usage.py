"""Usage figures from what the resident does: counts only, through kiosk.core.stats.

Nothing here keeps a path, a time or an order: each signal adds one to a counter and is gone.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from kiosk.core.stats import DB_NAME, Stats

if TYPE_CHECKING:
    from kiosk.core import stats_share

log = logging.getLogger(__name__)

SCREEN_NAMES = {"abuse-types": "abuse_types", "abuse": "abuse_detail"}


def start_counting(kiosk, data_dir: Path) -> Stats:  # noqa: ANN001 - a KioskApp
    """Open the usage figures in `data_dir` as `kiosk.stats` and count on `kiosk` from now on: at
    start-up, or when staff switch the figures on."""
    kiosk.stats = Stats(data_dir / DB_NAME)
    count_usage(kiosk, kiosk.stats)
    return kiosk.stats


def count_usage(kiosk, stats: Stats) -> None:  # noqa: ANN001 - a KioskApp
    session = kiosk.session
    started = {"yes": False}

    def screen() -> None:
        kind, arg, bundle = session.screen, session.arg, kiosk.bundle  # staff may switch the bundle
        if kind != "home" and not started["yes"]:
            started["yes"] = True
            stats.count("session_started")
        stats.count("screen_viewed", SCREEN_NAMES.get(kind, kind))
        if kind == "answer" and arg in bundle.answers:
            stats.count("concern_chosen", bundle.answers[arg].concern)
        elif kind == "abuse":
            stats.count("abuse_type_opened", arg)
        elif kind == "take":
            stats.count("qr_shown", arg)

    def wiped(why: str) -> None:
        started["yes"] = False
        if why in ("quick-exit", "idle"):  # not a switch of content by staff
            stats.count("quick_exit" if why == "quick-exit" else "idle_reset")

    def language() -> None:
        if session.language != session.default_language:  # not the reset back to the default
            stats.count("language_used", session.language)

    session.screenChanged.connect(screen)
    session.wiped.connect(wiped)
    session.languageChanged.connect(language)
    slips = kiosk.slips

    def printed(*_) -> None:  # noqa: ANN002
        stats.count(
            "slip_printed", _key(f"{getattr(slips, '_layout', '')}/{getattr(slips, '_language', '')}")
        )

    def failed(*_) -> None:  # noqa: ANN002
        stats.count("print_failure", _key(str(getattr(slips, "_problem", "") or "error")))

    if hasattr(slips, "slipPrinted"):
        slips.slipPrinted.connect(printed)
    if hasattr(slips, "slipFailed"):
        slips.slipFailed.connect(failed)


def _key(text: str) -> str:
    """A counter key: the few characters the figures allow, never free text."""
    return re.sub(r"[^A-Za-z0-9_@/-]", "_", text)[:48]


class UsageShare(QObject):
    """Writes each finished day's counts to the site's share (kiosk.core.stats_share), off the UI
    thread: at start, then every `every_s` seconds. A share that is missing, read-only or full
    never stops the kiosk: the days wait in stats.db, staff are told on the PIN screen, and the
    next try writes them."""

    def __init__(self, parent: QObject, db: Path, folder: Path, state: Path, site: str, every_s: float = 900):
        super().__init__(parent)
        from kiosk.ui.notice import StaffNotice
        from kiosk.ui.worker import Background

        self.db, self.folder, self.state_path, self.site = db, Path(folder), state, site
        import socket

        self.kiosk_name = socket.gethostname()  # the machine's own name; no lookup, no connection
        self.ok: bool | None = None
        self.waiting = 0
        self._notice = StaffNotice(log)
        self._busy = False
        self._worker = Background(self)
        self._timer = QTimer(self, interval=int(every_s * 1000))
        self._timer.timeout.connect(self.sync)

    def start(self) -> None:
        self._timer.start()
        self.sync()

    def stop(self) -> None:
        self._timer.stop()

    def state(self) -> tuple[bool | None, int]:
        """(the last write worked, finished days not yet on the share), for the health file."""
        return self.ok, self.waiting

    def notices(self) -> list[str]:
        return self._notice.lines()

    def sync(self) -> None:
        if self._busy:
            return
        self._busy = True
        from kiosk.core import stats_share

        db, folder, state, site, name = self.db, self.folder, self.state_path, self.site, self.kiosk_name
        self._worker.run(lambda: stats_share.sync(db, folder, state, site, name), self._synced, self._failed)

    def _synced(self, result: stats_share.Sync) -> None:
        self._busy = False
        self.waiting = result.waiting
        self.ok = result.problem is None
        if result.problem is None:
            self._notice.clear(f"usage figures share {self.folder} is writable again")
            if result.written:
                log.info("%d day(s) of usage figures written to %s", result.written, self.folder)
            return
        problem = (
            f"{str(result.problem)[0].upper()}{str(result.problem)[1:]}: {result.waiting} day(s) of usage "
            "figures wait on this kiosk (nothing is lost) and are written when it can take them."
        )
        self._notice.set(problem)

    def _failed(self, exc: BaseException) -> None:
        self._busy = False
        self.ok = False
        self._notice.set(
            f"The usage figures could not be read for the share ({exc}); the kiosk tries again later.",
            logging.ERROR,
        )
