"""Hands QML's qsTr() and Qt's own strings to the same gettext catalog Python uses."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTranslator

from kiosk.core import i18n


class GettextTranslator(QTranslator):
    def __init__(self, language: str = i18n.SOURCE_LANGUAGE):
        super().__init__()
        self.language = language
        self._catalog = i18n.translation(language)

    def set_language(self, language: str) -> None:
        self.language = language
        self._catalog = i18n.translation(language)

    def install(self, app: QCoreApplication) -> None:
        """Install first: Qt asks the last-installed translator first, so Qt's own .qm go after."""
        app.installTranslator(self)

    def translate(self, context, source_text, disambiguation=None, n=-1):  # noqa: ANN001
        # Always a string (None confuses PySide's conversion); an unknown text translates to itself.
        return self._catalog.gettext(source_text) if source_text else ""

    def isEmpty(self) -> bool:  # noqa: N802 - Qt override
        return False
