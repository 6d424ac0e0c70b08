"""The kiosk's log: a rotating file in the data directory that IT can read after months unattended.

What goes in: one line when the kiosk starts (version, platform, configuration file) and when it
stops, each reset (idle, leave quickly) and why, each print failure, each configuration problem,
each decision about the content (the bundle that runs and why; each package installed or refused,
each restore or fallback: kiosk.core.startup), and every error with its traceback. The log starts
before anything else is read, and a file that cannot be written (a full disk) sends the log to the
console quietly until it can (RotatingFile.handleError).

What never goes in: anything about a resident. No screen, concern, type of abuse or language of
a session, no text, no PIN digits, nothing a resident typed or chose. A log line carries a time
to the millisecond, so even "switched to Urdu" next to it could point at one person; such facts
belong in the usage figures (kiosk.core.stats), which are counted per day. Code that logs must
keep to this; the tests check the kiosk's own lines.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import os
import sys
import threading
from pathlib import Path

from kiosk import __version__
from kiosk.core.paths import ensure_dir

log = logging.getLogger("kiosk")

LOG_NAME = "kiosk.log"
MAX_BYTES = 1_000_000
BACKUPS = 5  # at most about 6 MB in all
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

_installed: dict[str, object] = {}


class RotatingFile(logging.FileHandler):
    """A log file that moves aside to .1, .2, ... when full, keeping `backups` old files.

    logging.handlers.RotatingFileHandler does the same, but importing logging.handlers pulls in
    socket, pickle and queue: about 6 ms of a start-up the kiosk is judged on.
    """

    def __init__(self, path: Path, max_bytes: int, backups: int):
        super().__init__(path, encoding="utf-8")
        self.max_bytes, self.backups = max_bytes, backups
        self.failing = False  # the file could not be written (the console was told)
        self.erred = False  # ... this time

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 - logging's name
        """A file that cannot be written (a full disk, a read-only one): one line on the console
        saying so, then the log goes on there quietly (not logging's traceback for every line)
        until the file can be written again."""
        exc = sys.exc_info()[1]
        if not isinstance(exc, OSError):
            super().handleError(record)
            return
        if not self.failing:
            _console(
                f"kiosk: the log file {self.baseFilename} cannot be written ({exc.strerror or exc}); "
                "logging to the console until it can"
            )
        self.failing = self.erred = True
        if not _console_logs():
            _console(self.format(record))

    def emit(self, record: logging.LogRecord) -> None:
        self.erred = False
        try:
            if self.stream is not None and self.stream.tell() + len(self.format(record)) + 1 > self.max_bytes:
                self._rotate()
        except Exception:  # a log that cannot rotate must not stop the kiosk
            self.handleError(record)
        super().emit(record)  # errors go to handleError
        if self.failing and not self.erred:
            self.failing = False
            _console(f"kiosk: the log file {self.baseFilename} can be written again")

    def _rotate(self) -> None:
        self.stream.close()
        self.stream = None  # reopened by FileHandler.emit
        base = Path(self.baseFilename)
        old = [base.with_name(f"{base.name}.{i}") for i in range(self.backups + 1)]
        old[0] = base
        old[-1].unlink(missing_ok=True)
        for i in range(self.backups - 1, -1, -1):
            if old[i].exists():
                os.replace(old[i], old[i + 1])


def _console(line: str) -> None:
    with contextlib.suppress(Exception):  # no console (pythonw on Windows): nowhere left to say it
        sys.stderr.write(line + "\n")
        sys.stderr.flush()


def _console_logs() -> bool:
    """Whether the root logger already writes every line to the console (`kiosk` sets that up)."""
    return any(
        type(h) is logging.StreamHandler and getattr(h, "stream", None) in (sys.stderr, sys.__stderr__)
        for h in logging.getLogger().handlers
    )


def log_dir(data_dir: Path) -> Path:
    return data_dir / "logs"


def setup_logging(
    data_dir: Path | None = None,
    *,
    level: int = logging.INFO,
    max_bytes: int = MAX_BYTES,
    backups: int = BACKUPS,
    catch_uncaught: bool = True,
    facts: dict[str, object] | None = None,
) -> Path | None:
    """Log to `data_dir`/logs/kiosk.log (1 MB, and 5 older files) and write the start line.

    Returns the log file, or None if it cannot be written (the kiosk runs on, logging to stderr).
    `facts` go on the start line, e.g. {"config": path}. Calling it again replaces the handler.
    """
    from kiosk.core.paths import data_dir as default_data_dir

    stop_logging(quiet=True)
    root = logging.getLogger()
    if root.level > level or root.level == logging.NOTSET:
        root.setLevel(level)
    path = log_dir(data_dir or default_data_dir()) / LOG_NAME
    try:
        ensure_dir(path.parent)
        handler = RotatingFile(path, max_bytes, backups)
    except OSError as exc:
        log.warning("cannot write the log file %s (%s); logging to the console only", path, exc)
        return None
    handler.setFormatter(logging.Formatter(FORMAT))
    handler.setLevel(level)
    root.addHandler(handler)
    _installed["handler"] = handler
    if catch_uncaught:
        _installed["excepthook"], sys.excepthook = sys.excepthook, _log_uncaught
        _installed["threading"], threading.excepthook = threading.excepthook, _log_uncaught_thread
    atexit.register(_stopped)
    details = {
        "pid": os.getpid(),
        "python": sys.version.split()[0],
        "system": f"{sys.platform} {os.uname().release if hasattr(os, 'uname') else ''}".strip(),
        **(facts or {}),
    }
    log.info("kiosk %s started (%s)", __version__, ", ".join(f"{k} {v}" for k, v in details.items()))
    return path


def stop_logging(quiet: bool = False) -> None:
    """Undo setup_logging: close the file, restore the exception hooks."""
    handler = _installed.pop("handler", None)
    if isinstance(handler, logging.Handler):
        if not quiet:
            _stopped()
        logging.getLogger().removeHandler(handler)
        with contextlib.suppress(OSError):  # what is left unwritten on a full disk stays so
            handler.close()
    if "excepthook" in _installed:
        sys.excepthook = _installed.pop("excepthook")  # type: ignore[assignment]
    if "threading" in _installed:
        threading.excepthook = _installed.pop("threading")  # type: ignore[assignment]
    atexit.unregister(_stopped)


def _stopped() -> None:
    log.info("kiosk stopped")


def _log_uncaught(kind, value, tb) -> None:  # noqa: ANN001
    if issubclass(kind, KeyboardInterrupt):
        previous = _installed.get("excepthook", sys.__excepthook__)
        if callable(previous):
            previous(kind, value, tb)
        return
    log.critical("uncaught error", exc_info=(kind, value, tb))


def _log_uncaught_thread(args: threading.ExceptHookArgs) -> None:
    log.error(
        "uncaught error in thread %s",
        args.thread.name if args.thread else "?",
        exc_info=(args.exc_type, args.exc_value, args.exc_traceback),
    )
