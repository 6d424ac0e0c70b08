"""A real CUPS print queue for the tests, and what it received.

`kiosk-test` is a raw queue whose backend copies each job, byte for byte, into a folder: the tests
print through the kiosk's own print path and read back exactly what the print system was given.
(printer-driver-cups-pdf would route the job through Ghostscript, which garbles the text layer.)
Marker files in the folder act out a printer's troubles: `out-of-paper` (the backend reports
media-empty and waits until the file is gone) and `fail` (the job errors, and the queue aborts it).

Standard library only: `.ci/run` calls `python3 tests/print_queue.py setup` as root before the
tests, and the tests' fixtures call `setup()` themselves (as root), so `make test` works the same
on a developer's machine once CUPS is installed.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

QUEUE = "kiosk-test"
FOLDER = Path("/var/spool/kiosk-test-queue")
BACKEND = Path("/usr/lib/cups/backend/kiosk-file")
PID_FILE = Path("/run/cups/cupsd.pid")
LOCK = Path("/var/lock/kiosk-test-queue.lock")
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


@dataclass(frozen=True)
class Queue:
    name: str
    folder: Path

    def received(self, job_id: int, timeout: float = 10.0) -> bytes:
        """The bytes the queue's backend got for `job_id`, once it has them."""
        path = self.folder / f"job-{job_id}.pdf"
        deadline = time.monotonic() + timeout
        while not path.exists():
            if time.monotonic() > deadline:
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
        marker = self.folder / trouble
        if on:
            marker.touch()
        else:
            marker.unlink(missing_ok=True)

    def clear(self) -> None:
        """No jobs, no files, and a fresh queue: a cancelled job can leave a state reason behind."""
        run("cancel", "-a", "-x", self.name, check=False)
        for path in self.folder.iterdir():
            path.unlink()
        run("lpadmin", "-x", self.name, check=False)
        create(self.name, self.folder)


def run(*cmd: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, capture_output=True, text=True, timeout=30, check=check)


def scheduler_running() -> bool:
    return shutil.which("lpstat") is not None and "is running" in run("lpstat", "-r", check=False).stdout


def unavailable() -> str | None:
    """Why the real queue cannot be set up here, or None if it can."""
    if sys.platform != "linux":
        return "the CUPS print tests run on Linux"
    if os.geteuid() != 0:
        return "setting up the CUPS test queue needs root (lpadmin, a backend under /usr/lib/cups)"
    missing = [tool for tool in ("cupsd", "lpadmin", "lpstat", "cupsenable") if not shutil.which(tool)]
    if missing:
        return (
            f"CUPS is not installed ({', '.join(missing)} missing): apt-get install cups-daemon cups-client"
        )
    return None


def start_scheduler(timeout: float = 15.0) -> None:
    if scheduler_running():
        return
    run("cupsd")
    deadline = time.monotonic() + timeout
    while not scheduler_running():
        if time.monotonic() > deadline:
            raise RuntimeError("cupsd did not start; see /var/log/cups/error_log")
        time.sleep(0.05)


def stop_scheduler(timeout: float = 15.0) -> bool:
    """Stop cupsd by its own pid file; False if it cannot be stopped for good here (socket activation)."""
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


def create(name: str, folder: Path) -> None:
    """The raw queue, enabled and accepting; a job the backend fails is aborted, not retried."""
    # lpadmin warns that raw queues are deprecated; they are still what a byte-for-byte test needs.
    run("lpadmin", "-p", name, "-E", "-v", f"kiosk-file:{folder}", "-m", "raw")
    run("lpadmin", "-p", name, "-o", "printer-error-policy=abort-job")


def setup(name: str = QUEUE, folder: Path = FOLDER) -> Queue:
    """Install the backend, start cupsd if it is not running, (re)create the queue, enabled and empty."""
    reason = unavailable()
    if reason:
        raise RuntimeError(reason)
    if not BACKEND.exists() or BACKEND.read_text() != BACKEND_SCRIPT:
        BACKEND.write_text(BACKEND_SCRIPT)
    os.chown(BACKEND, 0, 0)
    BACKEND.chmod(0o700)  # CUPS runs a backend as root only if only root can run it
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(0o700)
    start_scheduler()
    queue = Queue(name, folder)
    queue.clear()
    return queue


_held: list = []


def _take_the_queue(timeout: float = 900.0) -> None:
    """One test run at a time prints to the queue (each clears it): wait for another run to end."""
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


def for_tests() -> Queue:
    """The queue, set up and emptied; skipped with the reason where it cannot be, but never in CI."""
    import pytest

    reason = unavailable()
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must print to a real CUPS queue, but {reason}; see .ci/run")
        pytest.skip(reason)
    _take_the_queue()
    return setup()


def main(argv: list[str]) -> int:
    if argv[1:] != ["setup"]:
        print("usage: python3 tests/print_queue.py setup", file=sys.stderr)
        return 2
    queue = setup()
    print(f"CUPS queue {queue.name} ready: jobs are copied to {queue.folder}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
