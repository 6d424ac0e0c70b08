"""One smoke test against a real speech engine: speech-dispatcher with espeak-ng, sound sent to
libao's null driver (CI has no sound device; without it speech-dispatcher hangs in "speaking")."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap

import pytest

needs_speechd = pytest.mark.skipif(
    not shutil.which("speech-dispatcher") and os.environ.get("CI") != "true",
    reason="speech-dispatcher not installed (apt-get install speech-dispatcher speech-dispatcher-espeak-ng)",
)

SCRIPT = textwrap.dedent(
    """
    import os
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QGuiApplication
    from kiosk.ui.speech import SpeechAdapter

    app = QGuiApplication([])
    states = []
    speech = SpeechAdapter(lambda: "pl", lambda: "Zadzwoń pod numer \\u206601942\\u00a0828300\\u2069.")
    speech.stateChanged.connect(lambda: states.append(speech.state))
    speech.listen()
    print("LOCALE", speech.last_locale, "TEXT", speech.last_text, flush=True)
    QTimer.singleShot(15000, app.quit)
    timer = QTimer(interval=50)
    timer.timeout.connect(lambda: speech.state == "idle" and app.quit())
    timer.start()
    app.exec()
    print("STATES", states, flush=True)
    """
)


@needs_speechd
def test_real_speech_dispatcher_speaks_polish_and_finishes(tmp_path):
    config = tmp_path / "config" / "speech-dispatcher"
    config.mkdir(parents=True)
    (config / "speechd.conf").write_text('AudioOutputMethod "libao"\n')
    (tmp_path / ".libao").write_text("default_driver=null\n")
    env = {
        **os.environ,
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_RUNTIME_DIR": str(tmp_path),
        "KIOSK_TTS_ENGINE": "speechd",
    }
    try:
        result = subprocess.run(
            [sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=60, env=env
        )
    finally:  # the daemon the engine spawned on this test's private socket
        subprocess.run(["pkill", "-f", str(tmp_path)], check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "LOCALE pl" in result.stdout, result.stdout + result.stderr[-2000:]
    assert "0 1 9 4 2, 8 2 8 3 0 0" in result.stdout
    assert "STATES ['speaking', 'idle']" in result.stdout, result.stdout
