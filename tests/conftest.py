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
