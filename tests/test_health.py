"""The health file for IT's monitoring, read the way IT read it: Debian's node_exporter, started here
with its textfile collector on the test's folder, scraped over loopback (the test's connection: the
kiosk itself only writes a file).

The print tests use the real `kiosk-test` CUPS queue (tests/print_queue.py): paper runs out, a slip
fails, and the scrape says so.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import time
import urllib.request
from datetime import date
from pathlib import Path

import pytest

from kiosk.core import health
from kiosk.core.health import Health
from tests.test_offline import LOOPBACK, NETWORK, SESSION, needs_strace

EXPORTER = shutil.which("prometheus-node-exporter") or shutil.which("node_exporter")
needs_exporter = pytest.mark.skipif(
    EXPORTER is None and os.environ.get("CI") != "true",
    reason="node_exporter not installed (apt-get install prometheus-node-exporter)",
)


class Exporter:
    """node_exporter with only its textfile collector, on a free loopback port, for one test."""

    def __init__(self, folder: Path):
        self.folder = folder
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.process = subprocess.Popen(
            [
                EXPORTER or "prometheus-node-exporter",
                f"--web.listen-address=127.0.0.1:{self.port}",
                "--collector.disable-defaults",
                "--collector.textfile",
                f"--collector.textfile.directory={folder}",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 15
        while True:
            try:
                self.scrape()
                return
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError(
                        f"node_exporter did not start: {self.process.stderr.read()!r}"
                    ) from None
                time.sleep(0.05)

    def scrape(self) -> str:
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/metrics", timeout=5) as answer:
            return answer.read().decode()

    def kiosk_lines(self) -> list[str]:
        return [ln for ln in self.scrape().splitlines() if ln.startswith("kiosk_")]

    def value(self, sample: str) -> float | None:
        for line in self.kiosk_lines():
            name, _, value = line.rpartition(" ")
            if name == sample:
                return float(value)
        return None

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process.stderr.close()


@pytest.fixture
def exporter(tmp_path):
    folder = tmp_path / "textfile"
    folder.mkdir()
    running = Exporter(folder)
    yield running
    running.stop()


def picture(**changes) -> Health:
    return Health(
        started=1_780_000_000.0,
        version="0.1.0",
        site="Leigh Library",
        content_id="wigan",
        content_version="2020.1",
        content_date="2020-10-01",
        printer="desk",
        written=1_780_000_060.0,
        **changes,
    )


# --- the file itself ----------------------------------------------------------------------------


def test_printer_problems_map_to_the_kinds_it_alerts_on():
    kind = health.printer_problem_kind
    assert kind(None) is None
    assert kind("out-of-paper", "media-empty-error") == "out_of_paper"
    assert kind("paused", "paused") == "paused"
    assert kind("paused", "offline-report") == "offline"
    assert kind("spooler-down", "/run/cups/cups.sock") == "print_system_down"
    assert kind("not-found") == kind("no-printer") == "no_printer"
    assert health.failure_label("out-of-paper") == "out_of_paper"
    assert health.failure_label("anything else") == "failed", "a label is never free text"


def test_a_refused_package_is_recognised_in_staff_notices():
    assert health.is_refusal("Refused example.kbundle: not signed by a trusted key. Still running ...")
    assert health.is_refusal("/srv/b: refused: a plain bundle folder is unsigned, ...")
    assert not health.is_refusal("No new bundle in /srv/inbox. Running Wigan 2020.1.")


def test_folders_must_be_absolute_and_are_never_made(tmp_path):
    assert health.folder_setting("", "x") == (None, "")
    assert health.folder_setting("relative/dir", "[monitoring] textfile_dir")[1].endswith(
        "is not an absolute path; nothing is written there until it is"
    )
    with pytest.raises(FileNotFoundError):
        health.write(picture(), tmp_path / "not-mounted")
    assert not (tmp_path / "not-mounted").exists()


def test_the_file_holds_nothing_about_a_resident():
    text = health.text(picture(speech={"pl": True, "zh_Hans": False}, last_used=1_780_003_600.0))
    labels = {part.split("=")[0] for line in text.splitlines() if "{" in line for part in
              line[line.index("{") + 1 : line.index("}")].split(",")}  # fmt: skip
    assert labels == {"version", "site", "content_id", "content_version", "content_date", "printer",
                      "problem", "language"}  # fmt: skip
    for word in ("concern", "screen", "session", "abuse", "child", "adult"):
        assert word not in text.lower(), word
    assert "kiosk_last_used_timestamp_seconds 1.7800036e+09" in text
    assert 'kiosk_speech_available{language="pl"} 1.0' in text


@needs_exporter
def test_node_exporter_reads_every_metric(exporter):
    health.write(
        picture(printer_problem="paused", print_failures={"paused": 2}, slips_printed=7), exporter.folder
    )
    assert [p.name for p in exporter.folder.iterdir()] == [health.FILE_NAME], "no temporary file left"
    scraped = exporter.scrape()
    assert "node_textfile_scrape_error 0" in scraped, "node_exporter read the file cleanly"
    assert exporter.value("kiosk_up") == 1
    assert exporter.value("kiosk_start_time_seconds") == 1_780_000_000
    assert exporter.value("kiosk_slips_printed_total") == 7
    assert exporter.value('kiosk_print_failures_total{problem="paused"}') == 2
    assert exporter.value('kiosk_printer_problem{problem="paused"}') == 1
    assert exporter.value('kiosk_printer_problem{problem="out_of_paper"}') == 0
    assert exporter.value('kiosk_printer_ready{printer="desk"}') == 0
    info = [ln for ln in exporter.kiosk_lines() if ln.startswith("kiosk_info{")]
    assert info == [
        'kiosk_info{content_date="2020-10-01",content_id="wigan",content_version="2020.1",'
        'site="Leigh Library",version="0.1.0"} 1'
    ]


# --- the running kiosk --------------------------------------------------------------------------


@pytest.fixture
def mock_speech(monkeypatch):
    monkeypatch.setenv("KIOSK_TTS_ENGINE", "mock")


def reporter_for(r, folder: Path, **options):
    from kiosk.ui.health import HealthReporter

    reporter = HealthReporter(r.kiosk, folder, interval_s=60, **options)
    return reporter


def wait_written(r, reporter, action=None, timeout: int = 15000) -> None:
    with r.qtbot.waitSignal(reporter.written, timeout=timeout):
        if action is None:
            reporter.refresh()
        else:
            action()


@needs_exporter
def test_print_failures_paper_out_and_a_refused_package_reach_the_scrape(
    make_kiosk, queue, exporter, mock_speech, tmp_path, bundle
):
    from kiosk.core.config import Settings
    from kiosk.core.resources import builtin_bundle
    from kiosk.core.startup import content_location

    # An unsigned bundle folder on a kiosk that takes only signed packages: refused, built-in runs.
    _, notices = content_location(Settings(bundle=builtin_bundle("example")), tmp_path / "data")
    first, *rest = bundle.contacts.items()  # one number not checked since 2020
    stale = bundle._replace(
        contacts=dict([(first[0], first[1]._replace(last_checked=date(2020, 1, 1))), *rest])
    )
    r = make_kiosk(content=stale, staff_notices=notices, review_months=12)
    r.kiosk.slips.set_site(printer=queue.name)
    reporter = reporter_for(r, exporter.folder, site="Leigh Library", config_problems=2)
    wait_written(r, reporter, reporter.start)
    assert exporter.value(f'kiosk_printer_ready{{printer="{queue.name}"}}') == 1
    assert exporter.value("kiosk_content_package_refused") == 1
    assert exporter.value("kiosk_config_problems") == 2
    assert exporter.value("kiosk_content_review_overdue_contacts") == 1
    assert exporter.value('kiosk_speech_available{language="en_GB"}') in (0, 1)

    queue.mark("out-of-paper")
    for step in ("go:question:child", "go:answer:child", "go:take:child"):
        r.tap(step)
    r.tap("makeSlip")
    r.qtbot.waitUntil(lambda: r.kiosk.slips.state == "printed", timeout=10000)
    with r.qtbot.waitSignal(reporter.written, timeout=20000):
        r.qtbot.waitUntil(lambda: r.kiosk.slips.state == "failed", timeout=15000)  # the slip failed: written
    r.qtbot.waitUntil(
        lambda: exporter.value('kiosk_printer_problem{problem="out_of_paper"}') == 1, timeout=5000
    )
    assert exporter.value('kiosk_print_failures_total{problem="out_of_paper"}') == 1
    assert exporter.value(f'kiosk_printer_ready{{printer="{queue.name}"}}') == 0
    assert exporter.value("kiosk_slips_printed_total") == 1, "queued, then it ran out of paper"
    used = exporter.value("kiosk_last_used_timestamp_seconds")
    assert used is not None and used % 3600 == 0, "the last use is given to the hour, never finer"
    queue.mark("out-of-paper", on=False)  # paper loaded: the next refresh sees the printer ready

    def ready_again() -> bool:
        wait_written(r, reporter)
        return exporter.value(f'kiosk_printer_ready{{printer="{queue.name}"}}') == 1

    r.qtbot.waitUntil(ready_again, timeout=10000)
    assert exporter.value('kiosk_printer_problem{problem="out_of_paper"}') == 0
    assert exporter.value('kiosk_print_failures_total{problem="out_of_paper"}') == 1, "a count since start"
    reporter.stop()
    assert exporter.value("kiosk_up") == 0, "a kiosk that closes says so"


def test_a_folder_that_cannot_be_written_tells_staff_and_the_kiosk_carries_on(
    make_kiosk, mock_speech, tmp_path, caplog
):
    r = make_kiosk()
    r.kiosk.slips.set_site(printer="no-such-printer")
    folder = tmp_path / "textfile"
    reporter = reporter_for(r, folder)
    r.kiosk.notice_sources.append(reporter.notices)
    with r.qtbot.waitSignal(reporter.failed, timeout=15000):
        reporter.start()
    (notice,) = [n for n in r.kiosk.staff_notices() if "monitoring file" in n]
    assert "does not exist" in notice and str(folder) in notice
    assert not folder.exists(), "IT's folder is never made by the kiosk"

    folder.mkdir()
    folder.chmod(0o500)  # read-only (root ignores this: skip that part then)
    if os.geteuid() != 0:
        with r.qtbot.waitSignal(reporter.failed, timeout=15000):
            reporter.refresh()
        assert "permission denied" in reporter.notices()[0]
    folder.chmod(0o700)
    wait_written(r, reporter)
    assert reporter.notices() == [] and "monitoring file" not in " ".join(r.kiosk.staff_notices())
    assert 'kiosk_printer_problem{problem="no_printer"} 1.0' in (folder / health.FILE_NAME).read_text()
    r.tap("go:question:child")  # the kiosk still answers a resident
    assert r.screen == "question"
    reporter.stop()


def test_a_tap_never_writes_the_file_by_itself(make_kiosk, mock_speech, tmp_path):
    r = make_kiosk()
    folder = tmp_path / "textfile"
    folder.mkdir()
    reporter = reporter_for(r, folder)
    wait_written(r, reporter, reporter.start)
    seen = []
    reporter.written.connect(seen.append)
    for step in ("go:question:child", "go:answer:child", "go:take:child", "language", "language:pl"):
        r.tap(step)
    r.kiosk.slips.slipPrinted.emit(1)
    r.qtbot.wait(300)
    assert seen == [], "what a resident does waits for the next refresh"
    reporter.stop()


def test_the_site_file_starts_the_health_file_and_the_share(make_kiosk, mock_speech, tmp_path):
    from kiosk.core.config import Settings
    from kiosk.ui.health import HealthReporter, watch
    from kiosk.ui.usage import UsageShare

    r = make_kiosk()
    folder = tmp_path / "textfile"
    folder.mkdir()
    settings = Settings(textfile_dir=str(folder), stats_share="kiosk-usage", site_name="Leigh Library")
    started = watch(r.kiosk, settings, 1, tmp_path / "data")
    (reporter,) = started
    assert isinstance(reporter, HealthReporter), "a relative share is not used"
    assert "[statistics] share = 'kiosk-usage' is not an absolute path" in " ".join(r.kiosk.staff_notices())
    r.qtbot.waitUntil(lambda: (folder / health.FILE_NAME).exists(), timeout=15000)
    reporter.stop()

    share = tmp_path / "share"
    share.mkdir()
    settings = settings._replace(stats_share=str(share), textfile_dir="")
    (sync,) = watch(r.kiosk, settings, 0, tmp_path / "data")
    assert isinstance(sync, UsageShare)
    r.qtbot.waitUntil(lambda: sync.ok is not None, timeout=10000)
    sync.stop()


def test_after_a_restart_the_last_use_comes_from_the_usage_figures(make_kiosk, mock_speech, tmp_path):
    from datetime import datetime

    from kiosk.core.stats import Stats

    db = tmp_path / "data" / "stats.db"
    figures = Stats(db, clock=lambda: datetime(2026, 12, 1, 15, 42))
    figures.count("session_started")
    figures.close()
    r = make_kiosk()
    folder = tmp_path / "textfile"
    folder.mkdir()
    reporter = reporter_for(r, folder)
    with r.qtbot.waitSignal(reporter.written, timeout=15000):
        reporter.start(db)
    written = (folder / health.FILE_NAME).read_text()
    hour = datetime(2026, 12, 1, 15).timestamp()
    (line,) = [ln for ln in written.splitlines() if ln.startswith("kiosk_last_used_timestamp_seconds ")]
    assert float(line.split()[1]) == hour
    reporter.stop()


# test_offline's kiosk, set up the same way, with the health file and the share started.
WRITER = (
    SESSION[: SESSION.index("def settle")]
    + """
import sys, time
from pathlib import Path
from kiosk.core.config import Settings
from kiosk.ui.health import watch
folder, share, data = map(Path, sys.argv[1:4])
started = watch(kiosk, Settings(textfile_dir=str(folder), stats_share=str(share)), 0, data)
deadline = time.monotonic() + 30
while not (folder / "kiosk.prom").exists() and time.monotonic() < deadline:
    app.processEvents()
    time.sleep(0.01)
for each in started:
    each.stop()
kiosk.shutdown()
print("WRITTEN" if (folder / "kiosk.prom").exists() else "NOT WRITTEN", flush=True)
"""
)


@needs_strace
def test_the_health_file_and_the_share_open_no_connection_and_no_port(tmp_path):
    import sys

    folder, share, trace = tmp_path / "textfile", tmp_path / "share", tmp_path / "trace.txt"
    folder.mkdir()
    share.mkdir()
    result = subprocess.run(
        [
            "strace",
            "-f",
            "-qq",
            "-e",
            "trace=connect,bind,listen",
            "-o",
            str(trace),
            sys.executable,
            "-c",
            WRITER,
            str(folder),
            str(share),
            str(tmp_path / "data"),
        ],  # fmt: skip
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "KIOSK_DATA_DIR": str(tmp_path / "data")},
    )
    assert "WRITTEN" in result.stdout and "NOT" not in result.stdout, result.stderr[-3000:]
    calls = trace.read_text().splitlines()
    outside = [ln for ln in calls if NETWORK.search(ln) and not LOOPBACK.search(ln)]
    assert not outside, "\n".join(outside[:10])
    served = [ln for ln in calls if re.search(r"bind\(\d+, \{sa_family=AF_INET6?", ln) or "listen(" in ln]
    assert not served, "the kiosk serves no port:\n" + "\n".join(served[:10])


def loaded_by(imports: str, module: str) -> bool:
    """Whether importing `imports` (a comma-separated list) in a fresh Python loads `module`."""
    import sys

    code = f"import sys\nimport {imports}\nprint({module!r} in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() in ("True", "False"), result.stderr
    return result.stdout.strip() == "True"


def test_prometheus_client_loads_only_when_the_file_is_first_written():
    assert not loaded_by(
        "kiosk.core.health, kiosk.ui.health, kiosk.ui.usage, kiosk.cli.run", "prometheus_client"
    )
