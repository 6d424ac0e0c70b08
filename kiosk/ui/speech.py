"""Listen: the screen (or the slip) read aloud in the language shown, with a way out when no voice
exists for it, and a watchdog so a stuck speech engine never freezes the kiosk."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable

from PySide6.QtCore import Property, QLocale, QObject, QTimer, Signal, Slot
from PySide6.QtQml import QmlNamedElement, QmlSingleton

from kiosk.core import i18n
from kiosk.core.spoken import for_speech, pick_voice
from kiosk.ui import registry

log = logging.getLogger(__name__)
QML_IMPORT_NAME = registry.QML_IMPORT_NAME
QML_IMPORT_MAJOR_VERSION = registry.QML_IMPORT_MAJOR_VERSION
ENGINE_ENV = "KIOSK_TTS_ENGINE"  # e.g. "mock" in tests, "speechd" on Linux; unset = Qt's default
SECONDS_PER_WORD = 0.6
GRACE_S = 10


@QmlNamedElement("Speech")
@QmlSingleton
class SpeechAdapter(QObject):
    stateChanged = Signal()
    noticeChanged = Signal()
    spokenWord = Signal(str)  # each word as the engine says it (the mock engine reports them)

    @staticmethod
    def create(engine):  # noqa: ANN001 - called by QML, once per engine
        return registry.adapter(engine, "speech")

    def __init__(self, language: Callable[[], str], screen_text: Callable[[], str], parent=None):  # noqa: ANN001
        super().__init__(parent)
        self._language = language
        self._screen_text = screen_text
        self._tts = None
        self._state = "idle"  # idle | speaking | paused | unavailable
        self._notice = ""
        self.last_text = ""
        self.last_locale = ""
        self.last_voice = ""
        self._voices: dict = {}  # language -> the engine's voice for it, or None
        self._watchdog = QTimer(self, singleShot=True)
        self._watchdog.timeout.connect(self._stuck)

    # What QML shows
    @Property(str, notify=stateChanged)
    def state(self) -> str:
        return self._state

    @Property(str, notify=noticeChanged)
    def notice(self) -> str:
        return self._notice

    def _set_state(self, state: str) -> None:
        if state != self._state:
            self._state = state
            self.stateChanged.emit()

    def _set_notice(self, text: str) -> None:
        self._notice = text
        self.noticeChanged.emit()

    # The engine, created at the first Listen, not at start-up
    def _engine(self):  # noqa: ANN202
        if self._tts is None:
            from PySide6.QtTextToSpeech import QTextToSpeech

            name = os.environ.get(ENGINE_ENV, "")
            self._tts = QTextToSpeech(name, self) if name else QTextToSpeech(self)
            self._tts.stateChanged.connect(self._engine_state)
            self._tts.errorOccurred.connect(self._engine_error)
            if hasattr(self._tts, "sayingWord"):
                self._tts.sayingWord.connect(lambda word, *_: self.spokenWord.emit(word))
            log.info("speech engine %s", self._tts.engine())
        return self._tts

    def _voice(self, language: str):  # noqa: ANN202 - a QVoice, or None
        """The engine's voice for `language` (kiosk.core.spoken.pick_voice), looked for once per
        language: under any locale, since Qt files voices it cannot map (espeak-ng's Mandarin,
        "cmn") under "C" and lists some under another country (Portugal's under pt_BR)."""
        if language not in self._voices:
            voices = self._engine().allVoices(None)
            index = pick_voice(language, [(v.name(), v.locale().name()) for v in voices])
            self._voices[language] = None if index is None else voices[index]
            log.info("voice for %s: %s", language, "none" if index is None else voices[index].name())
        return self._voices[language]

    # Actions
    @Slot()
    def listen(self) -> None:
        self.say(self._screen_text(), self._language())

    @Slot(str)
    def listenTo(self, text: str) -> None:  # noqa: N802 - QML API
        self.say(text, self._language())

    def say(self, text: str, language: str) -> None:
        self.stop()
        try:
            engine = self._engine()
            voice = self._voice(language)
        except Exception as exc:  # noqa: BLE001 - no engine must never take the kiosk down
            log.warning("no speech engine: %s", exc)
            voice = None
        _ = i18n.translation(language).gettext
        if voice is None:
            self._set_notice(_("Sorry, there is no voice for this language on this screen."))
            self._set_state("unavailable")
            return
        self._set_notice("")
        spoken = for_speech(text)
        self.last_text, self.last_locale, self.last_voice = spoken, voice.locale().name(), voice.name()
        if voice.locale() != QLocale.c():
            engine.setLocale(voice.locale())
        engine.setVoice(voice)
        engine.say(spoken)
        self._set_state("speaking")
        self._watchdog.start(int((len(spoken.split()) * SECONDS_PER_WORD + GRACE_S) * 1000))

    @Slot()
    def pause(self) -> None:
        if self._tts is not None and self._state == "speaking":
            self._tts.pause()
            self._set_state("paused")

    @Slot()
    def resume(self) -> None:
        if self._tts is not None and self._state == "paused":
            self._tts.resume()
            self._set_state("speaking")

    @Slot()
    def stop(self) -> None:
        self._watchdog.stop()
        if self._tts is not None:
            self._tts.stop()
        self._set_state("idle")

    @Slot()
    def dismiss(self) -> None:
        self._set_notice("")
        self._set_state("idle")

    def wipe(self) -> None:
        self.stop()
        self._set_notice("")
        self.last_text = ""

    # Engine reports
    def _engine_state(self, state) -> None:  # noqa: ANN001
        from PySide6.QtTextToSpeech import QTextToSpeech

        if state == QTextToSpeech.State.Ready and self._state == "speaking":
            self._watchdog.stop()
            self._set_state("idle")

    def _engine_error(self, *args) -> None:  # noqa: ANN002
        log.warning("speech engine error: %s", args)
        self.stop()

    def _stuck(self) -> None:
        log.warning("speech did not finish in time; stopped it so the kiosk carries on")
        self.stop()
