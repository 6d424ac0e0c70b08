"""A real CUPS print system for the tests: the `kiosk-test` queue, its whole life, and what it received.

`kiosk-test` is a raw queue whose backend copies each job, byte for byte, into a folder: the tests
print through the kiosk's own print path and read back exactly what the print system was given.
(printer-driver-cups-pdf would route the job through Ghostscript, which garbles the text layer.)
Marker files in the folder act out a printer's troubles: `out-of-paper` (the backend reports
media-empty and waits until the file is gone) and `fail` (the job errors, and the queue aborts it).

`PrintSystem` owns all of it: starting cupsd, creating the queue, stopping and restarting the
scheduler for the "print system down" tests, and leaving it running and accepting at the end. It
checks its own state before and after every print test and says in one line what is not as
expected (cupsd not running, and why if the kernel saw it crash; the queue missing, disabled,
rejecting, or holding jobs), and it raises cupsd's log level while the tests run so that a failure
can show the end of cupsd's own log (tests/conftest.py adds it to the failure's report).

Standard library only: `.ci/run` calls `python3 tests/print_queue.py setup` as root before the
tests, and the tests' fixtures set everything up themselves (as root), so `make test` works the
same on a developer's machine once CUPS is installed.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

QUEUE = "kiosk-test"
FOLDER = Path("/var/spool/kiosk-test-queue")
BACKEND = Path("/usr/lib/cups/backend/kiosk-file")
PID_FILE = Path("/run/cups/cupsd.pid")
ERROR_LOG = Path("/var/log/cups/error_log")
LOCK = Path("/var/lock/kiosk-test-queue.lock")
TROUBLES = ("out-of-paper", "fail")
BACKEND_SCRIPT = r"""#!/bin/sh
# kiosk-file: the kiosk tests' CUPS backend (installed by tests/print_queue.py). Copies each job
# byte for byte to job-ID.pdf, with its title and copies in job-ID.meta, in the folder the device
# URI names. Marker files there act out trouble: out-of-paper (waits until removed), fail.
[ $# -eq 0 ] && { echo 'direct kiosk-file "Unknown" "Kiosk test file backend"'; exit 0; }
dir="${DEVICE_URI#kiosk-file:}"; out="$dir/job-$1"
if [ -f "$dir/out-of-paper" ]; then
  echo "STATE: +media-empty-error" >&2
  n=0; while [ -f "$dir/out-of-paper" ] && [ $n -lt 600 ]; do sleep 0.1; n=$((n+1)); done
  echo "STATE: -media-empty-error" >&2
fi
[ -f "$dir/fail" ] && { echo "ERROR: the test printer was told to fail" >&2; exit 1; }
{ if [ -n "$6" ]; then cat "$6"; else cat; fi; } > "$out.part" || exit 1
printf 'title=%s\ncopies=%s\nuser=%s\n' "$3" "$4" "$2" > "$out.meta"
mv "$out.part" "$out.pdf"
"""


def run(*cmd: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, capture_output=True, text=True, timeout=30, check=check)


def unavailable() -> str | None:
    """Why the real queue cannot be set up here, or None if it can."""
    if sys.platform != "linux":
        return "the CUPS print tests run on Linux"
    if os.geteuid() != 0:
        return "setting up the CUPS test queue needs root (lpadmin, a backend under /usr/lib/cups)"
    missing = [
        tool for tool in ("cupsd", "cupsctl", "lpadmin", "lpstat", "cupsenable") if not shutil.which(tool)
    ]
    if missing:
        return (
            f"CUPS is not installed ({', '.join(missing)} missing): apt-get install cups-daemon cups-client"
        )
    return None


def scheduler_running() -> bool:
    return shutil.which("lpstat") is not None and "is running" in run("lpstat", "-r", check=False).stdout


def crash_lines() -> list[str]:
    """What the kernel said about cupsd dying (segfaults, kills), oldest first; [] if it cannot tell."""
    if not shutil.which("dmesg"):
        return []
    lines = run("dmesg", check=False).stdout.splitlines()
    return [line for line in lines if "cupsd" in line and re.search(r"segfault|killed|trap|protection", line)]


@dataclass(frozen=True)
class Queue:
    name: str
    folder: Path

    def received(self, job_id: int, timeout: float = 10.0) -> bytes:
        """The bytes the queue's backend got for `job_id`, once it has them."""
        path = self.folder / f"job-{job_id}.pdf"
        started = time.monotonic()
        next_check = started + 0.5
        while not path.exists():
            now = time.monotonic()
            if now > next_check:  # no job ever arrives from a scheduler that has died
                next_check = now + 0.5
                if not scheduler_running() and not path.exists():
                    raise AssertionError(f"the queue received no job {job_id}: cupsd is not running")
            if now > started + timeout:
                raise AssertionError(f"the queue received no job {job_id} in {timeout:g} s: {self.jobs()}")
            time.sleep(0.02)
        return path.read_bytes()

    def meta(self, job_id: int) -> dict[str, str]:
        """Job title, copies and user, as CUPS handed them to the backend."""
        self.received(job_id)
        text = (self.folder / f"job-{job_id}.meta").read_text()
        return dict(line.split("=", 1) for line in text.splitlines() if "=" in line)

    def jobs(self) -> list[str]:
        return sorted(p.name for p in self.folder.glob("job-*"))

    def mark(self, trouble: str, on: bool = True) -> None:
        """Turn on or off a trouble the backend acts out: "out-of-paper" or "fail"."""
        if trouble not in TROUBLES:
            raise ValueError(f"unknown trouble {trouble!r}; the backend acts out {', '.join(TROUBLES)}")
        marker = self.folder / trouble
        if on:
            marker.touch()
        else:
            marker.unlink(missing_ok=True)

    def disable(self) -> None:
        run("cupsdisable", self.name)

    def reject(self) -> None:
        run("cupsreject", self.name)

    def pending(self) -> list[str]:
        """Jobs the scheduler still holds for this queue (`lpstat -o`)."""
        return [line.split()[0] for line in run("lpstat", "-o", self.name, check=False).stdout.splitlines()]


@dataclass
class PrintSystem:
    """cupsd and the test queue, from setup to the end of the run."""

    queue: Queue = field(default_factory=lambda: Queue(QUEUE, FOLDER))
    _debug_was_on: bool | None = None
    _crashes_seen: set[str] = field(default_factory=set)

    # The whole life --------------------------------------------------------------------------

    def setup(self, debug_logging: bool = False) -> PrintSystem:
        """Install the backend, start cupsd if it is not running, (re)create the queue, enabled and empty."""
        reason = unavailable()
        if reason:
            raise RuntimeError(reason)
        if not BACKEND.exists() or BACKEND.read_text() != BACKEND_SCRIPT:
            BACKEND.write_text(BACKEND_SCRIPT)
        os.chown(BACKEND, 0, 0)
        BACKEND.chmod(0o700)  # CUPS runs a backend as root only if only root can run it
        self.queue.folder.mkdir(parents=True, exist_ok=True)
        self.queue.folder.chmod(0o700)
        self.start_scheduler()
        if debug_logging:
            self._debug_was_on = "_debug_logging=1" in run("cupsctl").stdout
            if not self._debug_was_on:
                self._cupsctl("--debug-logging")
        self._crashes_seen = set(crash_lines())
        self.reset()
        return self

    def finish(self) -> None:
        """Leave the print system as a developer expects it: running, the queue empty and accepting."""
        self.reset()
        if self._debug_was_on is False:
            self._cupsctl("--no-debug-logging")

    def reset(self) -> None:
        """No jobs, no files, no troubles, and a fresh queue (a cancelled job can leave a state reason)."""
        self.start_scheduler()
        run("cancel", "-a", "-x", self.queue.name, check=False)
        for path in self.queue.folder.iterdir():
            path.unlink()
        run("lpadmin", "-x", self.queue.name, check=False)
        # lpadmin warns that raw queues are deprecated; they are still what a byte-for-byte test needs.
        # A job the backend fails is aborted, not retried.
        run("lpadmin", "-p", self.queue.name, "-E", "-v", f"kiosk-file:{self.queue.folder}", "-m", "raw")
        run("lpadmin", "-p", self.queue.name, "-o", "printer-error-policy=abort-job")

    def before_test(self) -> str | None:
        """What is not as a print test expects (one line), or None; a bad state is repaired."""
        problem = self.problem()
        if problem:
            self.reset()  # so that one bad state does not fail every test after it
        return problem

    def after_test(self) -> str | None:
        """Whether cupsd lived through the test (one line if not); the queue is emptied either way."""
        crash = self.crash_note()
        if not scheduler_running():
            problem = "cupsd stopped during this test" + crash
        else:
            problem = f"cupsd crashed during this test and was started again{crash}" if crash else None
        self.reset()
        return problem

    # Its state, in one line ----------------------------------------------------------------------

    def problem(self) -> str | None:
        """What is not as a print test expects, in one line; None when cupsd is up and the queue enabled,
        accepting and empty."""
        if not scheduler_running():
            return "cupsd is not running" + self.crash_note()
        crash = self.crash_note()
        if crash:
            return "cupsd crashed since the last check and was started again" + crash
        states = run("lpstat", "-p", self.queue.name, "-a", self.queue.name, check=False)
        text = states.stdout + states.stderr
        if "Invalid destination" in text or "not exist" in text or not states.stdout:
            return f"the queue {self.queue.name} does not exist ({text.strip() or 'lpstat said nothing'})"
        if "disabled" in text:
            return f"the queue {self.queue.name} is disabled: {' '.join(text.split())}"
        if "not accepting" in text:
            return f"the queue {self.queue.name} is not accepting jobs: {' '.join(text.split())}"
        pending = self.queue.pending()
        if pending:
            return f"the queue {self.queue.name} still holds jobs: {', '.join(pending)}"
        left = [p.name for p in self.queue.folder.iterdir()]
        if left:
            return f"{self.queue.folder} is not empty: {', '.join(sorted(left)[:10])}"
        return None

    def crash_note(self) -> str:
        """What the kernel said about cupsd crashes since the last time this was asked ("" if none)."""
        crashes = self._new_crashes()
        if not crashes:
            return ""
        self._crashes_seen.update(crashes)
        return f" (kernel: {crashes[-1].strip()}; {len(crashes)} crash{'es' if len(crashes) > 1 else ''})"

    def _new_crashes(self) -> list[str]:
        return [line for line in crash_lines() if line not in self._crashes_seen]

    def report(self, lines: int = 40) -> str:
        """For a failed print test: the state in one line, the queue as lpstat sees it, cupsd's log tail."""
        running = scheduler_running()
        crashes = self._new_crashes()
        state = "running" if running else "NOT running"
        parts = [f"cupsd is {state}" + (f"; the kernel saw it crash: {crashes[-1]}" if crashes else "")]
        if running:
            parts.append(run("lpstat", "-l", "-p", self.queue.name, check=False).stdout.strip())
        if ERROR_LOG.exists():
            log = ERROR_LOG.read_text(errors="replace").splitlines()
            # At debug level most lines are connections opening and closing: show the last
            # notices, warnings and errors, then the last few lines whatever they are.
            notable = [line for line in log if not line.startswith("D ")][-lines:]
            parts.append(
                f"--- {ERROR_LOG}, last {len(notable)} lines above debug level:\n" + "\n".join(notable)
            )
            parts.append(f"--- {ERROR_LOG}, last {lines // 2} lines:\n" + "\n".join(log[-(lines // 2) :]))
        return "\n".join(parts)

    # The scheduler ---------------------------------------------------------------------------------

    def start_scheduler(self, timeout: float = 15.0) -> None:
        if scheduler_running():
            return
        run("cupsd")
        if not self._answers_within(timeout):
            raise RuntimeError(f"cupsd did not start; see {ERROR_LOG}")

    def stop_scheduler(self, timeout: float = 15.0) -> bool:
        """Stop cupsd by its own pid file; False if it cannot be stopped for good (socket activation)."""
        if not scheduler_running():
            return True
        pid = int(PID_FILE.read_text().split()[0])
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while Path(f"/proc/{pid}").exists():
            if time.monotonic() > deadline:
                return False
            time.sleep(0.05)
        return not scheduler_running()

    @contextlib.contextmanager
    def scheduler_stopped(self) -> Iterator[None]:
        """The print system down, as a test needs it; up again, and the queue accepting, afterwards."""
        import pytest

        if not self.stop_scheduler():
            pytest.skip(
                "cupsd restarts on demand here (socket activation), so it cannot be stopped for a test"
            )
        try:
            yield
        finally:
            self.start_scheduler()

    def _cupsctl(self, flag: str) -> None:
        """Change cupsd's settings; it restarts itself, so wait until it answers again."""
        run("cupsctl", flag)
        self._answers_within(15.0)

    @staticmethod
    def _answers_within(timeout: float) -> bool:
        """Wait until the scheduler answers; False if it has not within `timeout` seconds."""
        deadline = time.monotonic() + timeout
        while not scheduler_running():
            if time.monotonic() > deadline:
                return False
            time.sleep(0.05)
        return True


_held: list = []


def take_the_queue(timeout: float = 900.0) -> None:
    """One test run at a time prints to the queue (each resets it): wait for another run to end."""
    import fcntl

    if _held:
        return
    lock = open(LOCK, "w")  # noqa: SIM115 - held until this process exits
    deadline = time.monotonic() + timeout
    while True:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except BlockingIOError:
            if time.monotonic() > deadline:
                raise RuntimeError(f"another test run has held {LOCK} for {timeout:g} s") from None
            time.sleep(0.2)
    _held.append(lock)


def main(argv: list[str]) -> int:
    if argv[1:] != ["setup"]:
        print("usage: python3 tests/print_queue.py setup", file=sys.stderr)
        return 2
    system = PrintSystem().setup()
    print(f"CUPS queue {system.queue.name} ready: jobs are copied to {system.queue.folder}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
