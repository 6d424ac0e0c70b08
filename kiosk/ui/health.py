"""Keeps the kiosk's health file (kiosk.core.health) up to date for IT's monitoring.

Written once the home screen is on screen, on each change that matters (a slip that failed, a
printer that changed state, other content), and at least every `interval_s` seconds. The printer
check (which may wait on the print system) and the write (which may wait on a share) run on a worker
thread, never the screen's; a write still waiting is not queued twice. A folder that cannot be
written never stops the kiosk: staff are told on the PIN screen, the log says it once, and the next
refresh tries again.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk import __version__
from kiosk.core import health as core
from kiosk.ui.notice import StaffNotice
from kiosk.ui.worker import Background

log = logging.getLogger(__name__)
HOUR_S = 3600


class HealthReporter(QObject):
    written = Signal(str)  # the file, after each write (for tests)
    failed = Signal(str)  # why a write failed

    def __init__(
        self,
        kiosk: Any,  # a KioskApp
        folder: Path,
        *,
        interval_s: float = 30,
        site: str = "",
        config_problems: int = 0,
        share: Any = None,  # a kiosk.ui.usage.UsageShare, whose state goes in the file too
    ):
        super().__init__(kiosk)
        self.kiosk = kiosk
        self.folder = Path(folder)
        self.site = site
        self.config_problems = config_problems
        self.share = share
        self.started = time.time()
        self.slips_printed = 0
        self.failures: Counter[str] = Counter()
        self.last_used: float | None = None
        self._printer: tuple[str, bool, str | None] = ("", False, None)
        self._speech: dict[str, bool] | None = None
        self._notice = StaffNotice(log)  # why the last write failed: for staff
        self._busy = False
        self._again = False
        self._worker = Background(self)
        self._timer = QTimer(self, interval=int(interval_s * 1000))
        self._timer.timeout.connect(self.refresh)
        kiosk.slips.slipPrinted.connect(self._printed)
        kiosk.slips.slipFailed.connect(self._slip_failed)
        kiosk.session.screenChanged.connect(self._used)
        kiosk.session.offeredChanged.connect(self._forget_speech)
        kiosk.session.wiped.connect(self._wiped)

    # --- what happened ---------------------------------------------------------------------------

    def _printed(self, *_: object) -> None:
        self.slips_printed += 1  # picked up at the next refresh: a tap never writes the file by itself

    def _slip_failed(self, problem: str) -> None:
        self.failures[core.failure_label(problem)] += 1
        self.refresh()  # the printer may have run out of paper: look now

    def _used(self) -> None:
        if self.kiosk.session.screen != "home":
            now = time.time()
            self.last_used = now - now % HOUR_S  # to the hour, as the usage figures

    def _wiped(self, why: str) -> None:
        if why not in ("quick-exit", "idle"):  # other content runs: not a resident's doing
            self.refresh()

    def _forget_speech(self) -> None:
        self._speech = None

    # --- writing ---------------------------------------------------------------------------------

    def start(self, stats_db: Path | None = None) -> None:
        """Write now, then every interval (call once the first frame is on screen). With `stats_db`,
        the last use before this start comes from the usage figures (to the hour, as they keep it)."""
        self._timer.start()
        if stats_db is None:
            self.refresh()
            return
        from kiosk.core.stats import last_session_hour

        def known(hour) -> None:  # noqa: ANN001 - a datetime or None
            if hour is not None and self.last_used is None:
                self.last_used = hour.timestamp()
            self.refresh()

        self._worker.run(lambda: last_session_hour(stats_db), known, lambda _exc: self.refresh())

    def refresh(self) -> None:
        """Check the printer and write the file, off the UI thread; once more after a write in flight."""
        if self._busy:
            self._again = True
            return
        self._busy = True
        picture = self.picture()
        printer = self.kiosk.slips.site[1]

        def work() -> core.Health:
            from dataclasses import replace

            from kiosk.ui import printing

            try:
                checked = printing.status(printer)
            except printing.PrintError as exc:  # no libcups: the print system is as good as down
                checked = printing.PrinterStatus(exc.printer, False, exc.problem, exc.detail)
            kind = core.printer_problem_kind(checked.problem and checked.problem.value, checked.detail)
            done = replace(
                picture,
                printer=checked.name,
                printer_ready=checked.ready,
                printer_problem=kind,
                written=time.time(),
            )
            core.write(done, self.folder)
            return done

        self._worker.run(work, self._wrote, self._write_failed)

    def picture(self, up: bool = True) -> core.Health:
        """What the kiosk knows on the UI thread (the printer is checked by the worker)."""
        kiosk = self.kiosk
        bundle = kiosk.bundle
        notices = [*kiosk.options.staff_notices, *kiosk.options.bundle_problems]
        share_ok, waiting = (None, 0) if self.share is None else self.share.state()
        return core.Health(
            started=self.started,
            version=__version__,
            site=self.site,
            content_id=bundle.id,
            content_version=str(bundle.version),
            content_date=str(bundle.date),
            printer=self._printer[0],
            printer_ready=self._printer[1],
            printer_problem=self._printer[2],
            slips_printed=self.slips_printed,
            print_failures=dict(self.failures),
            config_problems=self.config_problems,
            content_refused=bool(kiosk.options.bundle_problems) or any(map(core.is_refusal, notices)),
            review_overdue=self._review_overdue(),
            speech=self._speech_available(),
            last_used=self.last_used,
            share_ok=share_ok,
            share_days_waiting=waiting,
            up=up,
            written=time.time(),
        )

    def _wrote(self, done: core.Health) -> None:
        self._busy = False
        self._printer = (done.printer, done.printer_ready, done.printer_problem)
        self._notice.clear(f"the health file is written again in {self.folder}")
        self.written.emit(str(self.folder / core.FILE_NAME))
        self._follow_up()

    def _write_failed(self, exc: BaseException) -> None:
        self._busy = False
        problem = (
            f"The monitoring file cannot be written to {self.folder} ({_why(exc)}); "
            "IT's monitoring does not see this kiosk. The kiosk carries on and tries again."
        )
        self._notice.set(problem)
        self.failed.emit(problem)
        self._follow_up()

    def _follow_up(self) -> None:
        if self._again:
            self._again = False
            self.refresh()

    def notices(self) -> list[str]:
        """For the staff PIN screen: why IT's monitoring cannot see this kiosk, if it cannot."""
        return self._notice.lines()

    def stop(self, wait_ms: int = 2000) -> None:
        """Leave `kiosk_up 0` behind as the kiosk closes (if the folder answers within `wait_ms`)."""
        self._timer.stop()
        self._worker.wait(wait_ms)
        picture = self.picture(up=False)
        self._worker.run(lambda: core.write(picture, self.folder), lambda _: None, lambda _: None)
        self._worker.wait(wait_ms)

    # --- facts from the rest of the kiosk --------------------------------------------------------

    def _review_overdue(self) -> int:
        months = self.kiosk.options.review_months
        if months is None:
            return 0
        from kiosk.core.content.review import review_reminders

        return len(review_reminders(self.kiosk.bundle, months))

    def _speech_available(self) -> dict[str, bool]:
        """Whether Listen has a voice for each offered language; asked of the engine once (and again
        when the languages change)."""
        if self._speech is None:
            speech, found = self.kiosk.speech, {}
            for code in self.kiosk.session.languageCodes:
                try:
                    found[code] = speech._voice_locale(code) is not None and not _engine_broken(speech)
                except Exception as exc:  # noqa: BLE001 - no engine: no voice, and the kiosk goes on
                    log.warning("no speech engine for the health file: %s", exc)
                    found[code] = False
            self._speech = found
        return self._speech


def _engine_broken(speech: Any) -> bool:
    from PySide6.QtTextToSpeech import QTextToSpeech

    return speech._engine().state() == QTextToSpeech.State.Error


def _why(exc: BaseException) -> str:
    if isinstance(exc, FileNotFoundError):
        return "the folder does not exist"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    return str(exc) or type(exc).__name__


def watch(kiosk: Any, settings: Any, config_problems: int, data_dir: Path) -> list[QObject]:
    """Start what the site asks for: the health file for IT and the usage figures share; staff see
    on the PIN screen when either cannot be written. Call once the first frame is on screen."""
    from kiosk.core.stats import DB_NAME
    from kiosk.core.stats_share import STATE_FILE

    started: list[QObject] = []
    share = None
    folder, problem = core.folder_setting(settings.stats_share, "[statistics] share")
    if folder is not None and settings.statistics:
        from kiosk.ui.usage import UsageShare

        share = UsageShare(kiosk, data_dir / DB_NAME, folder, data_dir / STATE_FILE, settings.site_name)
        kiosk.notice_sources.append(share.notices)
        started.append(share)
    folder, problem_too = core.folder_setting(settings.textfile_dir, "[monitoring] textfile_dir")
    kiosk.notice_sources.append(lambda: [p for p in (problem, problem_too) if p])
    if folder is not None:
        reporter = HealthReporter(
            kiosk,
            folder,
            interval_s=settings.monitoring_interval,
            site=settings.site_name,
            config_problems=config_problems,
            share=share,
        )
        kiosk.notice_sources.append(reporter.notices)
        kiosk.app.aboutToQuit.connect(reporter.stop)
        started.append(reporter)
    for each in started:
        if isinstance(each, HealthReporter) and settings.statistics:
            each.start(data_dir / DB_NAME)
        else:
            each.start()
    return started
