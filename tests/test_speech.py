"""Listen: what would be spoken, in which language, with the numbers digit by digit (Qt's mock engine)."""

from __future__ import annotations

import os

import pytest

from kiosk.core.spoken import digits, for_speech

pytestmark = pytest.mark.usefixtures("mock_speech")


@pytest.fixture
def mock_speech(monkeypatch):
    pytest.importorskip("PySide6.QtTextToSpeech", reason="PySide6-Addons (QtTextToSpeech) not installed")
    monkeypatch.setenv("KIOSK_TTS_ENGINE", "mock")


def test_numbers_are_spoken_digit_by_digit():
    assert digits("01942 828300") == "0 1 9 4 2, 8 2 8 3 0 0"
    assert digits("999") == "9 9 9"
    assert for_speech("Call \u206601942\u00a0828300\u2069 now.") == "Call 0 1 9 4 2, 8 2 8 3 0 0 now."
    assert for_speech("help@nspcc.org.uk") == "help@nspcc.org.uk"


def test_listen_reads_the_answer_screen_with_its_number(make_kiosk):
    r = make_kiosk()
    r.tap("go:question:child")
    r.tap("go:answer:child")
    words = []
    r.kiosk.speech.spokenWord.connect(words.append)
    r.tap("listen")
    speech = r.kiosk.speech
    speech._engine().setRate(1.0)  # the mock engine's fastest: 50 ms a word instead of 100
    assert speech.state in ("speaking", "idle")
    assert speech.last_locale == "en_GB"
    assert "Call Wigan Children's Social Care." in speech.last_text
    assert "0 1 9 4 2, 8 2 8 3 0 0" in speech.last_text
    assert "01942" not in speech.last_text
    r.qtbot.waitUntil(lambda: speech.state == "idle", timeout=20000)
    assert "Wigan" in words and "Social" in words


def test_pause_carry_on_and_stop(make_kiosk):
    r = make_kiosk()
    r.tap("go:guidance")
    r.tap("listen")
    speech = r.kiosk.speech
    assert speech.state == "speaking"
    r.tap("listen")
    assert speech.state == "paused"
    r.tap("listen")
    assert speech.state == "speaking"
    r.tap("stopListening")
    assert speech.state == "idle"


def test_no_voice_says_so_in_that_language_and_offers_english(make_kiosk):
    """The mock engine has no Polish voice: the kiosk must not speak Polish text in English."""
    r = make_kiosk(default_language="pl")
    r.tap("go:question:child")
    r.tap("listen")
    speech = r.kiosk.speech
    assert speech.state == "unavailable"
    assert speech.notice and "Sorry" not in speech.notice, "said in Polish"
    assert speech.notice in r.texts()
    r.tap("listenInEnglish")
    r.qtbot.waitUntil(lambda: speech.last_locale == "en_GB", timeout=3000)
    assert r.kiosk.session.language == "en_GB" and r.screen == "question"
    assert "Is the child in danger right now?" in speech.last_text


def test_leaving_quickly_stops_speech(make_kiosk):
    r = make_kiosk()
    r.tap("go:guidance")
    r.tap("listen")
    r.tap("leaveQuickly")
    assert r.kiosk.speech.state == "idle" and r.kiosk.speech.last_text == ""


def test_a_stuck_engine_is_stopped_by_the_watchdog(make_kiosk, monkeypatch):
    from kiosk.ui import speech as speech_module

    monkeypatch.setattr(speech_module, "SECONDS_PER_WORD", 0)
    monkeypatch.setattr(speech_module, "GRACE_S", 0.05)
    r = make_kiosk()
    speech = r.kiosk.speech
    speech.say("a long text " * 50, "en_GB")
    assert speech.state == "speaking"
    r.qtbot.waitUntil(lambda: speech.state == "idle", timeout=2000)


def test_engine_is_created_only_when_first_needed(make_kiosk):
    r = make_kiosk()
    assert r.kiosk.speech._tts is None
    assert os.environ["KIOSK_TTS_ENGINE"] == "mock"


def test_the_slip_can_be_heard_before_printing(make_kiosk, bundle):
    r = make_kiosk()
    r.tap("go:question:adult")
    r.tap("go:answer:adult")
    r.tap("go:take:adult")
    r.tap("listenToSlip")
    text = r.kiosk.speech.last_text
    assert "Worried about an adult" in text
    assert "0 1 9 4 2, 8 2 8 7 7 7" in text and "9 9 9" in text
    assert "01942 828777" not in text


# What Qt lists on Debian 12 (speech-dispatcher, espeak-ng), as (name, locale) pairs: Mandarin is
# "cmn" to espeak-ng, which Qt cannot map, so it is filed under "C"; Portugal's voice under pt_BR.
ESPEAK_NG = [
    ("Chinese (Cantonese)", "yue_HK"),
    ("English (America)", "en_US"),
    ("English (Scotland)", "en_GB"),
    ("English (Great Britain)", "en_GB"),
    ("English (Great Britain)+Alex", "en_GB"),
    ("Hakka Chinese", "C"),
    ("Chinese (Mandarin, latin as Pinyin)", "C"),
    ("Chinese (Mandarin, latin as English)", "C"),
    ("Portuguese (Brazil)", "pt_BR"),
    ("Portuguese (Portugal)", "pt_BR"),
    ("Polish", "pl_PL"),
    ("Urdu", "ur_PK"),
]
# Windows 10/11's own voices, as Microsoft documents them (not run here).
WINDOWS = [
    ("Microsoft Tracy", "zh_HK"),
    ("Microsoft Hanhan", "zh_TW"),
    ("Microsoft Huihui", "zh_CN"),
    ("Microsoft Maria", "pt_BR"),
    ("Microsoft Helia", "pt_PT"),
    ("Microsoft David", "en_US"),
    ("Microsoft Hazel", "en_GB"),
]


@pytest.mark.parametrize(
    ("language", "voices", "expected"),
    [
        ("zh_Hans", ESPEAK_NG, "Chinese (Mandarin, latin as English)"),
        ("pt", ESPEAK_NG, "Portuguese (Portugal)"),
        ("en_GB", ESPEAK_NG, "English (Great Britain)"),
        ("en_GB@easyread", ESPEAK_NG, "English (Great Britain)"),
        ("pl", ESPEAK_NG, "Polish"),
        ("zh_Hans", WINDOWS, "Microsoft Huihui"),
        ("zh_Hans", [("Microsoft Tracy", "zh_HK"), ("Microsoft Hanhan", "zh_TW")], "Microsoft Hanhan"),
        ("zh_Hans", [("Mandarin", "cmn")], "Mandarin"),
        ("pt", WINDOWS, "Microsoft Helia"),
        ("en_GB", WINDOWS, "Microsoft Hazel"),
    ],
)
def test_the_voice_for_each_language_is_found_under_any_name_or_code(language, voices, expected):
    from kiosk.core.spoken import pick_voice

    assert voices[pick_voice(language, voices)][0] == expected


def test_no_voice_is_no_voice_never_another_chinese():
    from kiosk.core.spoken import pick_voice

    assert pick_voice("ur", WINDOWS) is None
    assert pick_voice("zh_Hans", [("Chinese (Cantonese)", "yue_HK"), ("Hakka Chinese", "C")]) is None
