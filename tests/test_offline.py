"""Offline, always: a whole session opens no network connection beyond this machine.

The session runs in a child process under strace, which sees every connect() the process makes,
from Python or from Qt's C++ alike. Local sockets (D-Bus, CUPS, speech-dispatcher) and loopback
are allowed; any other address fails the test.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap

import pytest

needs_strace = pytest.mark.skipif(
    not shutil.which("strace") and os.environ.get("CI") != "true",
    reason="strace not installed (apt-get install strace)",
)

SESSION = textwrap.dedent(
    """
    import os
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ["KIOSK_TTS_ENGINE"] = "mock"
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtGui import QGuiApplication
    from kiosk.core.languages import SHIPPED
    from kiosk.core.startup import load_content
    from kiosk.ui.app import KioskApp, Options
    from kiosk.ui.fonts import register_fonts
    from kiosk.ui.screenshots import journey_targets

    app = QGuiApplication([])
    register_fonts(app)
    bundle, _ = load_content(None)
    kiosk = KioskApp(app, bundle, Options(windowed=True))
    def settle():
        app.processEvents()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    for code in SHIPPED:
        kiosk.session.setLanguage(code)
        for target in journey_targets(bundle):
            kiosk.session.go(target)
            settle()
    kiosk.session.go("take:all")
    kiosk.slips.make("all", False, "en_GB")
    kiosk.slips.wait()
    kiosk.speech.listen()
    settle()
    kiosk.session.leaveQuickly()
    kiosk.shutdown()
    settle()
    print("SESSION DONE", flush=True)
    """
)
NETWORK = re.compile(r"connect\(\d+, \{sa_family=AF_INET6?, [^}]*\}")
LOOPBACK = re.compile(r'inet_addr\("127\.|inet_pton\(AF_INET6, "::1"|"::ffff:127\.')


@needs_strace
def test_a_whole_session_stays_on_this_machine(tmp_path):
    trace = tmp_path / "trace.txt"
    result = subprocess.run(
        ["strace", "-f", "-qq", "-e", "trace=connect", "-o", str(trace), sys.executable, "-c", SESSION],
        capture_output=True,
        text=True,
        timeout=240,
        env={**os.environ, "KIOSK_DATA_DIR": str(tmp_path / "data")},
    )
    assert "SESSION DONE" in result.stdout, result.stderr[-3000:]
    calls = trace.read_text().splitlines()
    assert any("connect(" in line for line in calls) or calls == [], "strace saw the session"
    outside = [line for line in calls if NETWORK.search(line) and not LOOPBACK.search(line)]
    assert not outside, "\n".join(outside[:10])


def test_the_check_would_catch_an_outside_connection():
    outside = (
        'connect(3, {sa_family=AF_INET, sin_port=htons(443), sin_addr=inet_addr("93.184.216.34")}, 16) = 0'
    )
    local = 'connect(3, {sa_family=AF_INET, sin_port=htons(631), sin_addr=inet_addr("127.0.0.1")}, 16) = 0'
    assert NETWORK.search(outside) and not LOOPBACK.search(outside)
    assert NETWORK.search(local) and LOOPBACK.search(local)
