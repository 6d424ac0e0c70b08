"""The resident's session: where they are, the way back, and the choices that can be wiped at once."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Property, QEvent, QObject, Signal, Slot
from PySide6.QtQml import QmlNamedElement, QmlSingleton

from kiosk.core import languages
from kiosk.core.navigation import Navigator
from kiosk.ui import registry
from kiosk.ui.fonts import ensure_all_fonts

QML_IMPORT_NAME = registry.QML_IMPORT_NAME
QML_IMPORT_MAJOR_VERSION = registry.QML_IMPORT_MAJOR_VERSION


@QmlNamedElement("Session")
@QmlSingleton
class SessionAdapter(QObject):
    """Everything that could tell someone what was viewed lives here, and `wipe()` forgets it all."""

    screenChanged = Signal()
    discreetChanged = Signal()
    neutralChanged = Signal()
    languageChanged = Signal()
    attractChanged = Signal()
    offeredChanged = Signal()
    keysChanged = Signal()
    wiped = Signal(str)  # why: "quick-exit" or "idle"

    @staticmethod
    def create(engine):  # noqa: ANN001 - called by QML, once per engine
        return registry.adapter(engine, "session")

    def __init__(
        self,
        parent: QObject | None = None,
        enabled: tuple[str, ...] = languages.SHIPPED,
        default_language: str = languages.SHIPPED[0],
    ):
        super().__init__(parent)
        if default_language not in enabled:
            raise ValueError(f"the default language {default_language!r} is not among {enabled}")
        self._enabled = enabled
        self._default_language = default_language
        self._language = default_language
        self._nav = Navigator()
        self._attract = False
        self.attract_enabled = True
        self.discreet_default = False  # a site may start every session with the plain title on
        self._discreet = False
        self._neutral = False
        self._wipers: list[Callable[[], None]] = []
        self._keys = False

    def on_wipe(self, wiper: Callable[[], None]) -> None:
        """Register something else to forget (language, slips, cached images) on every wipe."""
        self._wipers.append(wiper)

    @Property(str, notify=screenChanged)
    def screen(self) -> str:
        return self._nav.current.kind

    @Property(str, notify=screenChanged)
    def arg(self) -> str:
        return self._nav.current.arg

    @Property(int, notify=screenChanged)
    def depth(self) -> int:
        return self._nav.depth

    @Property(bool, notify=screenChanged)
    def canGoBack(self) -> bool:
        return self._nav.depth > 1

    @Property(bool, notify=discreetChanged)
    def discreet(self) -> bool:
        return self._discreet

    @discreet.setter
    def discreet(self, value: bool) -> None:
        if value != self._discreet:
            self._discreet = value
            self.discreetChanged.emit()

    @Property(bool, notify=neutralChanged)
    def neutral(self) -> bool:
        """True while the neutral cover screen is shown after a quick exit."""
        return self._neutral

    @Property(bool, notify=keysChanged)
    def keys(self) -> bool:
        """True while the resident uses keys or a switch (the last input was a key), not touch."""
        return self._keys

    def set_keys(self, keys: bool) -> None:
        if keys != self._keys:
            self._keys = keys
            self.keysChanged.emit()

    @Property(str, notify=languageChanged)
    def language(self) -> str:
        return self._language

    @property
    def default_language(self) -> str:
        return self._default_language

    @Property(str, notify=languageChanged)
    def languageName(self) -> str:
        return languages.language(self._language).name

    @Property(bool, notify=languageChanged)
    def rtl(self) -> bool:
        return languages.is_rtl(self._language)

    @Property(bool, notify=languageChanged)
    def easyRead(self) -> bool:  # noqa: N802 - QML API
        """True while Easy Read is shown: body text then gets one idea per line, each with a picture."""
        return self._language == languages.EASY_READ

    @Property(str, notify=languageChanged)
    def fontFamily(self) -> str:
        return languages.font_for(self._language)

    @Property("QVariantList", notify=offeredChanged)
    def languages(self) -> list[dict]:
        """The enabled languages for the picker, each named in its own language and script."""
        ensure_all_fonts()  # the picker shows every script at once
        return [
            {"code": lang.code, "name": lang.name, "english": lang.english, "font": lang.font}
            for lang in map(languages.language, self._enabled)
        ]

    @Property("QVariantList", notify=offeredChanged)
    def languageCodes(self) -> list[str]:  # noqa: N802 - QML API
        return list(self._enabled)

    @Property(bool, notify=offeredChanged)
    def easyReadOffered(self) -> bool:  # noqa: N802 - QML API
        return languages.EASY_READ in self._enabled

    @Property(str, constant=True)
    def easyReadCode(self) -> str:  # noqa: N802 - QML API
        return languages.EASY_READ

    def set_offered(self, enabled: tuple[str, ...], default_language: str) -> None:
        """Offer other languages from now on (staff changed the settings, or the content changed).

        The screen in use keeps its language if it is still offered, else turns to the new default.
        """
        if default_language not in enabled:
            raise ValueError(f"the default language {default_language!r} is not among {enabled}")
        self._enabled, self._default_language = tuple(enabled), default_language
        self.offeredChanged.emit()
        if self._language not in self._enabled:
            self.setLanguage(default_language)

    @Slot(str)
    def setLanguage(self, code: str) -> None:  # noqa: N802 - QML API
        if code not in self._enabled:
            raise ValueError(f"language {code!r} is not enabled here ({', '.join(self._enabled)})")
        if code != self._language:
            self._language = code
            self.languageChanged.emit()

    @Property(bool, notify=attractChanged)
    def attract(self) -> bool:
        """True while the attract screen invites the next person after an idle reset."""
        return self._attract

    @Slot()
    def endAttract(self) -> None:  # noqa: N802 - QML API
        if self._attract:
            self._attract = False
            self.attractChanged.emit()

    @property
    def pristine(self) -> bool:
        return (
            self._nav.depth == 1
            and self._discreet == self.discreet_default
            and not self._neutral
            and self._language == self._default_language
        )

    @Slot(str)
    def go(self, target: str) -> None:
        self._nav.go(target)
        self.screenChanged.emit()

    @Slot()
    def back(self) -> None:
        self._nav.back()
        self.screenChanged.emit()

    @Slot()
    def home(self) -> None:
        self._nav.reset()
        self.screenChanged.emit()

    @Slot()
    def leaveQuickly(self) -> None:
        """Cover the screen with a neutral page at once, then forget the whole session."""
        self._neutral = True
        self.neutralChanged.emit()
        self.wipe("quick-exit")

    @Slot()
    def uncover(self) -> None:
        self._neutral = False
        self.neutralChanged.emit()

    def wipe(self, why: str) -> None:
        self._nav.reset()
        self.discreet = self.discreet_default
        self.set_keys(False)
        self.setLanguage(self._default_language)
        for wiper in self._wipers:
            wiper()
        self.screenChanged.emit()
        if why == "idle" and self.attract_enabled and not self._attract:
            self._attract = True
            self.attractChanged.emit()
        self.wiped.emit(why)


class InputWatch(QObject):
    """Tells the session whether the last input was a key or a touch (event filter on the window)."""

    def __init__(self, session: SessionAdapter):
        super().__init__(session)
        self._session = session

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if kind == QEvent.Type.KeyPress:
            self._session.set_keys(True)
        elif kind in (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin):
            self._session.set_keys(False)
        return False
