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


# Every shipped language, then Mandarin read to the end: the voice each gets, as JSON lines.
EVERY_LANGUAGE = textwrap.dedent(
    """
    import json, os
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QGuiApplication
    from kiosk.core.languages import SHIPPED
    from kiosk.ui.speech import SpeechAdapter

    app = QGuiApplication([])
    speech = SpeechAdapter(lambda: "zh_Hans", lambda: "请拨打 \\u206601942\\u00a0828300\\u2069。")
    for code in SHIPPED:
        speech.say("01942 828300", code)
        print(json.dumps({"language": code, "voice": getattr(speech, "last_voice", speech.last_locale),
                          "locale": speech.last_locale,
                          "state": speech.state}), flush=True)
    speech.stop()
    states = []
    speech.stateChanged.connect(lambda: states.append(speech.state))
    speech.listen()
    QTimer.singleShot(15000, app.quit)
    timer = QTimer(interval=50)
    timer.timeout.connect(lambda: speech.state == "idle" and app.quit())
    timer.start()
    app.exec()
    print(json.dumps({"mandarin": getattr(speech, "last_voice", ""), "states": states}), flush=True)
    """
)


def speak(tmp_path, script: str) -> subprocess.CompletedProcess:
    """Run `script` against a real speech-dispatcher of its own, silent (libao's null driver)."""
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
            [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, env=env
        )
    finally:  # the daemon the engine spawned on this test's private socket
        subprocess.run(["pkill", "-f", str(tmp_path)], check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    return result


@needs_speechd
def test_real_speech_dispatcher_speaks_polish_and_finishes(tmp_path):
    result = speak(tmp_path, SCRIPT)
    assert "LOCALE pl" in result.stdout, result.stdout + result.stderr[-2000:]
    assert "0 1 9 4 2, 8 2 8 3 0 0" in result.stdout
    assert "STATES ['speaking', 'idle']" in result.stdout, result.stdout


# What espeak-ng on Debian 12 gives each language (docs/voices.md lists them, and Windows' too).
ESPEAK_NG_VOICES = {
    "en_GB": "English (Great Britain)",
    "en_GB@easyread": "English (Great Britain)",
    "pl": "Polish",
    "ro": "Romanian",
    "ur": "Urdu",
    "ar": "Arabic",
    "zh_Hans": "Chinese (Mandarin, latin as English)",
    "pt": "Portuguese (Portugal)",
}


@needs_speechd
def test_listen_finds_a_voice_for_every_shipped_language_mandarin_included(tmp_path):
    """espeak-ng's Mandarin is "cmn", which Qt files under locale C; its Portugal voice Qt lists
    as pt_BR. Listen must still find both, and read Mandarin to the end."""
    import json

    from kiosk.core.languages import SHIPPED

    result = speak(tmp_path, EVERY_LANGUAGE)
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    chosen = {line["language"]: line["voice"] for line in lines if "language" in line}
    print("voices:", json.dumps(chosen, ensure_ascii=False, indent=1))
    assert set(chosen) == set(SHIPPED)
    assert all(line["state"] == "speaking" for line in lines if "language" in line), lines
    assert chosen == ESPEAK_NG_VOICES
    (mandarin,) = [line for line in lines if "mandarin" in line]
    assert mandarin["states"] == ["speaking", "idle"], mandarin
