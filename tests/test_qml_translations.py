"""QML's text is translated by Qt's own translator, from .qm files made from the gettext catalogs.

A translator written in Python froze the kiosk: Qt also asks translators from its QML loader
thread, which then waited for the Python code that was waiting for it (kiosk/core/qm.py).
"""

from __future__ import annotations

import gc
import gettext

import pytest

from kiosk.core import qm
from kiosk.core.i18n import SOURCE_LANGUAGE
from kiosk.core.languages import SHIPPED
from kiosk.core.resources import translations_dir
from kiosk.ui.app import QML_DIR

TRANSLATED = [code for code in SHIPPED if code != SOURCE_LANGUAGE]


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_message_reads_the_same_through_qt_as_through_gettext(qapp, code):
    from PySide6.QtCore import QLocale, QTranslator

    path = QML_DIR / "Kiosk" / "i18n" / qm.file_name(code)
    assert path.is_file(), f"{path} is missing: run make catalogs (the wheel's build hook makes it too)"
    translator = QTranslator()
    assert translator.load(QLocale(qm.ui_language(code)), "qml", "_", str(path.parent), ".qm")
    assert translator.filePath() == str(path), "the engine would load this language's own file"
    catalog = qm.read_mo(translations_dir() / code / "LC_MESSAGES" / "kiosk.mo")
    expected = gettext.translation("kiosk", translations_dir(), [code])
    checked = 0  # Qt finds each by the hash kiosk.core.qm wrote: a wrong hash would miss them all
    for source in catalog:
        if source and "\0" not in source:
            # Any context: QML asks with its file's name; gettext has none.
            assert translator.translate("HomeScreen", source) == expected.gettext(source), source
            checked += 1
    assert checked > 400


def test_the_screen_speaks_the_chosen_language_and_no_translator_is_python(make_kiosk):
    from PySide6.QtCore import QTranslator

    r = make_kiosk()
    polish = gettext.translation("kiosk", translations_dir(), ["pl"]).gettext("Leave quickly")
    assert polish != "Leave quickly"
    r.kiosk.session.setLanguage("pl")
    r.settle()
    assert polish in r.texts()
    r.kiosk.session.setLanguage(SOURCE_LANGUAGE)
    r.settle()
    assert "Leave quickly" in r.texts() and polish not in r.texts()
    from shiboken6 import Shiboken

    made_in_python = [
        o
        for o in gc.get_objects()
        if isinstance(o, QTranslator) and Shiboken.isValid(o) and Shiboken.createdByPython(o)
    ]
    assert not made_in_python, "a translator made from Python would be asked from Qt's loader thread"
