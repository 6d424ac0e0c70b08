"""Hands QML's qsTr() and Qt's own strings to the same gettext catalog Python uses."""

from __future__ import annotations

from PySide6.QtCore import QTranslator

from kiosk.core import i18n


class GettextTranslator(QTranslator):
    def __init__(self, language: str = i18n.SOURCE_LANGUAGE):
        super().__init__()
        self.language = language
        self._catalog = i18n.translation(language)

    def translate(self, context, source_text, disambiguation=None, n=-1):  # noqa: ANN001
        if not source_text:
            return None
        translated = self._catalog.gettext(source_text)
        return translated if translated != source_text else None

    def isEmpty(self) -> bool:  # noqa: N802 - Qt override
        return False
