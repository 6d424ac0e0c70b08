"""Shared fixtures: the built-in bundle, and kiosks that clean up after themselves."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Logs, figures and the last good configuration of every kiosk the tests start go here, not into
# the developer's own data folder.
if "KIOSK_DATA_DIR" not in os.environ:
    import tempfile

    os.environ["KIOSK_DATA_DIR"] = tempfile.mkdtemp(prefix="kiosk-test-data-")

import pytest  # noqa: E402

from kiosk.core.content.loader import load_bundle  # noqa: E402
from kiosk.core.resources import builtin_bundle  # noqa: E402


@pytest.fixture(scope="session")
def bundle():
    return load_bundle(builtin_bundle())


@pytest.fixture(scope="session")
def qapp_cls():
    from PySide6.QtGui import QGuiApplication

    return QGuiApplication


@pytest.fixture(scope="session")
def fonts(qapp):
    from kiosk.ui.fonts import register_fonts

    return register_fonts(qapp)


@pytest.fixture
def make_kiosk(qapp, qtbot, fonts, bundle):
    """Build a kiosk window the way `kiosk --windowed` does; every one is shut down after the test."""
    from PySide6.QtGui import QGuiApplication

    from kiosk.ui.app import KioskApp, Options
    from tests.driver import Resident

    made = []

    def make(width=1920, height=1080, content=None, **options):
        kiosk = KioskApp(
            qapp,
            content or bundle,
            Options(**{"windowed": True, "width": width, "height": height, **options}),
        )
        made.append(kiosk)
        qtbot.waitExposed(kiosk.window)
        return Resident(kiosk, qtbot)

    yield make
    for kiosk in made:
        kiosk.shutdown()
    qapp.processEvents()
    leaked = [w for w in QGuiApplication.topLevelWindows() if w.isVisible()]
    assert not leaked, f"windows left open: {leaked}"


@pytest.fixture(scope="session")
def slip_text():
    """The text a reader gets out of a slip PDF."""
    import io

    from pypdf import PdfReader

    def read(pdf: bytes) -> str:
        return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)

    return read


# The real print system (tests/print_queue.py) ---------------------------------------------------

_print_system = None  # the run's PrintSystem, for failure reports


@pytest.fixture(scope="session")
def print_system():
    """cupsd and the `kiosk-test` queue for the whole run: set up once (as root), cupsd's log level
    raised while the tests run, and left running and accepting at the end. Without root or CUPS
    the print tests skip with the reason, except in CI, where they must run."""
    global _print_system
    from tests import print_queue

    reason = print_queue.unavailable()
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must print to a real CUPS queue, but {reason}; see .ci/run", pytrace=False)
        pytest.skip(f"no real print queue: {reason}")
    print_queue.take_the_queue()
    _print_system = print_queue.PrintSystem().setup(debug_logging=True)
    yield _print_system
    _print_system.finish()


@pytest.fixture
def queue(print_system):
    """The test queue, checked before the test (cupsd up, queue enabled, accepting and empty) and
    after it (cupsd did not die), then emptied again for the next test."""
    problem = print_system.before_test()
    if problem:
        pytest.fail(f"the print system was not ready before this test: {problem}", pytrace=False)
    yield print_system.queue
    problem = print_system.after_test()
    if problem:
        pytest.fail(problem, pytrace=False)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """A failed print test shows the print system's state and the end of cupsd's own log."""
    outcome = yield
    report = outcome.get_result()
    if report.failed and _print_system is not None and "print_system" in item.fixturenames:
        report.sections.append(("print system (cupsd)", _print_system.report()))


def pytest_terminal_summary(terminalreporter):
    """Skipped tests, one line per reason (pyproject's -r flags leave skips out): without root or
    CUPS every print test skips for the same reason, and one line says it."""
    reasons: dict[str, int] = {}
    for report in terminalreporter.stats.get("skipped", []):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        reason = reason.removeprefix("Skipped: ")
        reasons[reason] = reasons.get(reason, 0) + 1
    for reason, count in sorted(reasons.items(), key=lambda item: -item[1]):
        terminalreporter.write_line(f"SKIPPED {count} test{'s' if count > 1 else ''}: {reason}")


@pytest.fixture
def signed_inbox(tmp_path):
    """An update folder holding the fictional example bundle, packed and signed with a new key:
    (the folder, the public key a kiosk must trust)."""
    pytest.importorskip("cryptography")
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from kiosk.core.content import pack, signing

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    package = inbox / "example.kbundle"
    pack.pack(builtin_bundle("example"), package)
    key = Ed25519PrivateKey.generate()
    package.write_bytes(signing.sign(package.read_bytes(), key))
    return inbox, signing.public_text(key.public_key())
