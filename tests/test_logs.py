"""The log: a rotating file in the data directory, a line on start, stop and error, nothing personal."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import textwrap
import threading
from datetime import datetime
from pathlib import Path

import pytest

from kiosk import __version__
from kiosk.core import logs
from kiosk.core.pin import Lockout, hash_pin
from kiosk.core.stats import Stats


@pytest.fixture
def logging_to(tmp_path):
    """setup_logging into a temporary data directory, undone afterwards (root level included)."""
    root = logging.getLogger()
    level = root.level
    made = []

    def setup(**options):
        path = logs.setup_logging(tmp_path / "data", **options)
        made.append(path)
        return path

    yield setup
    logs.stop_logging(quiet=True)
    root.setLevel(level)


def file_handlers():
    return [h for h in logging.getLogger().handlers if isinstance(h, logs.RotatingFile)]


def test_a_start_line_in_the_data_directory(logging_to, tmp_path):
    path = logging_to(facts={"config": "/etc/xdg/kiosk/kiosk.toml"})
    assert path == tmp_path / "data" / "logs" / "kiosk.log"
    logging.getLogger("kiosk.ui.app").info("session wiped (idle)")
    text = path.read_text(encoding="utf-8")
    first, second = text.splitlines()
    assert f"INFO kiosk: kiosk {__version__} started (pid {os.getpid()}" in first
    assert "config /etc/xdg/kiosk/kiosk.toml" in first
    assert second.endswith("INFO kiosk.ui.app: session wiped (idle)")


def test_set_up_twice_gives_one_file_handler_and_stop_says_so(logging_to):
    logging_to()
    path = logging_to()
    assert len(file_handlers()) == 1
    logs.stop_logging()
    assert file_handlers() == []
    text = path.read_text(encoding="utf-8")
    assert text.count(" started (") == 2 and text.rstrip().endswith("kiosk stopped")


def test_the_file_rotates_and_keeps_only_so_many(logging_to, tmp_path):
    path = logging_to(max_bytes=2_000, backups=2)
    log = logging.getLogger("kiosk.test")
    for i in range(400):
        log.info("print failure %d: no paper", i)
    folder = path.parent
    assert sorted(p.name for p in folder.iterdir()) == ["kiosk.log", "kiosk.log.1", "kiosk.log.2"]
    assert all(p.stat().st_size <= 2_100 for p in folder.iterdir())
    assert "print failure 399" in path.read_text(encoding="utf-8")


def test_defaults_are_1_mb_by_5():
    assert (logs.MAX_BYTES, logs.BACKUPS) == (1_000_000, 5)


def test_an_unwritable_data_directory_logs_to_the_console_only(tmp_path, caplog):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    try:
        assert logs.setup_logging(blocker / "data") is None
        assert "logging to the console only" in caplog.text
        assert file_handlers() == []
    finally:
        logs.stop_logging(quiet=True)


def test_uncaught_errors_are_logged_with_their_traceback(logging_to):
    path = logging_to()
    try:
        raise RuntimeError("printer driver fell over")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())
    thread = threading.Thread(target=lambda: 1 / 0, name="slip-worker")
    thread.start()
    thread.join()
    text = path.read_text(encoding="utf-8")
    assert "CRITICAL kiosk: uncaught error" in text and "RuntimeError: printer driver fell over" in text
    assert "ERROR kiosk: uncaught error in thread slip-worker" in text and "ZeroDivisionError" in text


def test_stop_puts_the_exception_hooks_back(logging_to):
    before = (sys.excepthook, threading.excepthook)
    logging_to()
    assert sys.excepthook is not before[0]
    logs.stop_logging(quiet=True)
    assert (sys.excepthook, threading.excepthook) == before


def test_a_crash_in_a_real_process_reaches_the_file(tmp_path):
    code = textwrap.dedent(
        f"""
        from pathlib import Path
        from kiosk.core.logs import setup_logging
        setup_logging(Path({str(tmp_path)!r}))
        raise SystemError("out of cheese")
        """
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    text = (tmp_path / "logs" / "kiosk.log").read_text(encoding="utf-8")
    assert "started" in text and "SystemError: out of cheese" in text
    assert text.rstrip().endswith("kiosk stopped")


def test_the_core_logs_nothing_about_a_resident_or_a_pin(logging_to, tmp_path):
    path = logging_to(level=logging.DEBUG)
    figures = Stats(tmp_path / "data" / "stats.db", clock=lambda: datetime(2025, 6, 3, 14, 3))
    for event, key in (
        ("concern_chosen", "child"),
        ("abuse_type_opened", "child-neglect"),
        ("language_used", "ur"),
    ):
        figures.count(event, key)
    figures.close()
    stored = hash_pin("246813", n=16)
    lockout = Lockout(tmp_path / "data" / "pin-lockout.json")
    for attempt in ("135792", "864209", "246813"):
        lockout.try_pin(attempt, stored)
    text = path.read_text(encoding="utf-8")
    assert "wrong staff PIN" in text and "staff PIN accepted" in text
    for secret in ("child", "neglect", " ur", "135792", "864209", "246813", stored):
        assert secret not in text, secret


def test_logging_and_figures_add_little_to_start_up(tmp_path):
    code = (
        "import sys\nfrom pathlib import Path\nfrom kiosk.core.logs import setup_logging\n"
        "from kiosk.core.stats import Stats\n"
        f"setup_logging(Path({str(tmp_path)!r}))\nStats(Path({str(tmp_path / 'stats.db')!r}))\n"
        "print(sorted(m for m in ('logging.handlers', 'socket', 'pickle', 'platform', 'sqlite3', 'csv')"
        " if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "[]", result.stdout + result.stderr


class FullDisk:
    """A log file's stream on a disk with no space left."""

    def write(self, text):
        raise OSError(28, "No space left on device")

    def flush(self):
        raise OSError(28, "No space left on device")

    def tell(self):
        return 0

    def close(self):
        pass


def test_a_log_file_that_cannot_be_written_falls_back_to_the_console_quietly(logging_to, capsys):
    """A full disk: one line saying so, then each line on the console, not logging's traceback."""
    logging_to()
    (handler,) = file_handlers()
    working, handler.stream = handler.stream, FullDisk()
    log = logging.getLogger("kiosk.test")
    for n in range(3):
        log.warning("content: line %d", n)
    err = capsys.readouterr().err
    assert "Logging error" not in err and "Traceback" not in err
    assert err.count("kiosk.log cannot be written (No space left on device)") == 1
    assert all(f"content: line {n}" in err for n in range(3))
    handler.stream = working
    log.warning("content: after")
    assert "kiosk.log can be written again" in capsys.readouterr().err
    handler.flush()
    assert "content: after" in Path(handler.baseFilename).read_text(encoding="utf-8")
