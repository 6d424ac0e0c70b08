"""A private desktop for a screen-reader test: Xvfb, a D-Bus session bus, the AT-SPI bus and
registry, and the kiosk on them as a real X11 window with Qt's AT-SPI bridge on. Everything is
started here and stopped here, in its own temporary folder, so nothing else on the machine (another
kiosk, another test, the developer's own session) is seen or touched."""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CLIENT = Path(__file__).with_name("atspi_client.py")
SYSTEM_PYTHON = "/usr/bin/python3"
BUS_LAUNCHER = "/usr/libexec/at-spi-bus-launcher"
TOOLS = {
    "Xvfb": "xvfb",
    "dbus-daemon": "dbus-daemon",
    BUS_LAUNCHER: "at-spi2-core",
    SYSTEM_PYTHON: "python3",
}


def missing_orca() -> list[str]:
    """The Debian packages this machine lacks to run Orca with a silent speech server."""
    tools = {"orca": "orca", "speech-dispatcher": "speech-dispatcher speech-dispatcher-espeak-ng"}
    return [package for tool, package in tools.items() if not shutil.which(tool)]


def missing_tools() -> list[str]:
    """The Debian packages this machine lacks for the test, empty when it has them all."""
    missing = [package for tool, package in TOOLS.items() if not shutil.which(tool)]
    if shutil.which(SYSTEM_PYTHON):
        probe = subprocess.run([SYSTEM_PYTHON, "-c", "import pyatspi"], capture_output=True, check=False)
        if probe.returncode != 0:
            missing.append("python3-pyatspi")
    return missing


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        with suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(5)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(5)


def _xvfb(width: int, height: int) -> tuple[subprocess.Popen, str]:
    """An X server on a display of its own: a high, random number (other tests and people on this
    machine use the low ones), another if that one is taken; ready once it says its number."""
    for _ in range(10):
        number = random.randint(200, 899)
        read, write = os.pipe()
        xvfb = subprocess.Popen(
            ["Xvfb", f":{number}", "-displayfd", str(write), "-screen", "0", f"{width}x{height}x24"]
            + ["-nolisten", "tcp"],
            pass_fds=(write,),
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        os.close(write)
        with os.fdopen(read) as pipe:
            said = pipe.readline().strip()  # empty if it gave up (the display was taken)
        if said == str(number) and xvfb.poll() is None:
            return xvfb, f":{number}"
        _stop(xvfb)
    raise AssertionError("Xvfb found no free display")


@contextmanager
def desktop(folder: Path, width: int, height: int) -> Iterator[dict]:
    """Xvfb, a session bus and the AT-SPI bus; yields the environment a client and an app need."""
    started: list[subprocess.Popen] = []
    try:
        xvfb, display = _xvfb(width, height)
        started.append(xvfb)
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(folder),
            "TMPDIR": str(folder),  # the kiosk's one-instance socket lives here, apart from any other
            "XDG_RUNTIME_DIR": str(folder),
            "XDG_CONFIG_HOME": str(folder / "config"),
            "XDG_DATA_HOME": str(folder / "data"),
            "KIOSK_DATA_DIR": str(folder / "kiosk"),
            "DISPLAY": display,
            "LANG": "C.UTF-8",
        }
        bus = subprocess.Popen(
            ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env=env,
            start_new_session=True,
        )
        started.append(bus)
        env["DBUS_SESSION_BUS_ADDRESS"] = bus.stdout.readline().strip()
        started.append(
            subprocess.Popen(
                [BUS_LAUNCHER, "--launch-immediately"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                env=env,
                start_new_session=True,
            )
        )
        yield env
    finally:
        for process in reversed(started):
            _stop(process)


@contextmanager
def kiosk(env: dict, log: Path, *args: str) -> Iterator[subprocess.Popen]:
    """The kiosk from this checkout, in an X11 window, with Qt's AT-SPI bridge on; its output
    goes to `log`."""
    kiosk_env = {
        **env,
        "QT_QPA_PLATFORM": "xcb",
        "QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1",
        "PYTHONPATH": str(ROOT),
        "KIOSK_TTS_ENGINE": "mock",
    }
    with log.open("w") as output:
        process = subprocess.Popen(
            [sys.executable, "-c", "import sys; from kiosk.cli import main; sys.exit(main())", *args],
            stdout=output,
            stderr=subprocess.STDOUT,
            env=kiosk_env,
            start_new_session=True,
        )
        try:
            yield process
        finally:
            _stop(process)


ORCA_TRIES, ORCA_SETTLE_S = 5, 3.0


@contextmanager
def orca(env: dict, folder: Path) -> Iterator[Path]:
    """Orca, the GNOME screen reader, on this desktop, speaking through a speech-dispatcher of its
    own whose sound goes to libao's null driver. Yields Orca's debug log, complete once the block
    ends: each utterance Orca hands the synthesiser is a "SPEECH OUTPUT: '...'" line in it."""
    config = folder / "config" / "speech-dispatcher"
    config.mkdir(parents=True, exist_ok=True)
    (config / "speechd.conf").write_text('AudioOutputMethod "libao"\n')
    (folder / ".libao").write_text("default_driver=null\n")
    log = folder / "orca.debug"
    with (folder / "orca.out").open("w") as output:
        # The AT-SPI registry comes up a moment after its bus: an Orca started before it says
        # "cannot connect to the Desktop" and exits (seen under load). One still running after
        # ORCA_SETTLE_S has connected.
        for _ in range(ORCA_TRIES):
            process = subprocess.Popen(
                ["orca", "--debug-file", str(log)],
                stdout=output,
                stderr=subprocess.STDOUT,
                env=env,
                start_new_session=True,
            )
            try:
                process.wait(ORCA_SETTLE_S)
            except subprocess.TimeoutExpired:
                break
            time.sleep(0.5)
    try:
        yield log
    finally:
        process.send_signal(signal.SIGINT)  # Orca's own way out: it writes the rest of its log
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            _stop(process)
        # The speech server Orca started runs on in a session of its own; it wrote its id here.
        for pid_file in (folder / "speech-dispatcher" / "pid").glob("*.pid"):
            with suppress(ValueError, ProcessLookupError):
                os.kill(int(pid_file.read_text().strip()), signal.SIGTERM)


def spoken(log: Path) -> list[str]:
    """What Orca handed the synthesiser, in order."""
    text = log.read_text(errors="replace") if log.exists() else ""
    return re.findall(r"SPEECH OUTPUT: '(.*)' ?\{'", text)


def walk(env: dict, journey: list[dict], folder: Path, timeout: float = 50) -> list[dict]:
    """Run the screen-reader client on `journey`; its record of each step, in order."""
    steps = folder / "journey.json"
    steps.write_text(json.dumps(journey), encoding="utf-8")
    # The system's Python, with only its own modules: the client must not see the .venv's.
    client_env = {k: v for k, v in env.items() if k != "PYTHONPATH"}
    result = subprocess.run(
        [SYSTEM_PYTHON, "-I", str(CLIENT), str(steps)],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=client_env,
        check=False,
    )
    if result.returncode != 0:
        orca_said = folder / "orca.out"
        orca_said = orca_said.read_text(errors="replace")[-2000:] if orca_said.exists() else ""
        raise AssertionError(
            f"the AT-SPI client failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}\n{orca_said}"
        )
    return [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]


def check_running(process: subprocess.Popen, log: Path) -> None:
    if process.poll() is not None:
        raise AssertionError(f"the kiosk exited (status {process.returncode}):\n{log.read_text()[-3000:]}")
