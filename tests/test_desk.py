"""The reception desk screen, driven from the keyboard as a receptionist would, printing for real."""

from __future__ import annotations

import io

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from kiosk.core.slips.render import SlipRequest, render_slip

# Imported when the tests are collected, before any test makes a kiosk: PySide 6.11 registering a
# Python QML type (the desk's adapter) after another QML engine has loaded breaks Qt Quick
# Controls' own types in later engines ("Type ComboBox unavailable"). `kiosk desk` runs in a
# process of its own, where the desk's types are the first registered.
from kiosk.ui.desk.window import DeskWindow
from tests.driver import card_numbers, expected_numbers, site_of, walk
from tests.test_slip_layouts import qr_codes
from tests.test_slips import needs_pdftoppm


class Receptionist:
    def __init__(self, desk, qtbot):
        self.desk = desk
        self.adapter = desk.desk
        self.window = desk.window
        self.qtbot = qtbot
        self.keystrokes = 0
        self.jobs: list[int] = []
        self.adapter.printed.connect(self.jobs.append)

    def key(self, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
        QTest.keyClick(self.window, key, modifier)
        self.keystrokes += 1
        self.qtbot.wait(10)

    def focused(self) -> str:
        item = self.window.activeFocusItem()
        while item is not None and not item.objectName():
            item = item.parentItem()
        return item.objectName() if item is not None else ""

    def find(self, name: str):
        for item in walk(self.window.contentItem()):
            if item.objectName() == name:
                return item
        raise AssertionError(f"nothing named {name!r} on the desk screen")

    def text(self, name: str) -> str:
        return self.find(name).property("text")

    def wait_printed(self) -> int:
        self.qtbot.waitUntil(lambda: bool(self.jobs), timeout=10000)
        return self.jobs[-1]


@pytest.fixture
def open_desk(qapp, qtbot, fonts, bundle, queue, tmp_path):
    """Open `kiosk desk` on the test queue; it is closed after the test."""
    from PySide6.QtGui import QGuiApplication

    _forget_kiosk_languages(qapp)
    opened = []

    def open_(printer: str | None = queue.name, site=None) -> Receptionist:
        desk = DeskWindow(qapp, site or site_of(bundle, tmp_path / "data"), printer=printer)
        opened.append(desk)
        desk.window.requestActivate()
        qtbot.waitExposed(desk.window)
        qtbot.waitUntil(lambda: desk.window.isActive() and desk.desk.previewSource != "", timeout=5000)
        return Receptionist(desk, qtbot)

    yield open_
    for desk in opened:
        desk.shutdown()
    qapp.processEvents()
    assert not [w for w in QGuiApplication.topLevelWindows() if w.isVisible()], "desk windows left open"


def _forget_kiosk_languages(qapp) -> None:
    """Kiosks made by earlier tests leave their language on the application: Qt's own strings'
    translators, the layout direction and the default locale. `kiosk desk` runs in a process of
    its own, where none of this is set."""
    from PySide6.QtCore import QLocale, Qt, QTranslator

    for translator in qapp.findChildren(QTranslator):
        qapp.removeTranslator(translator)
    qapp.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
    QLocale.setDefault(QLocale("en_GB"))


def _text(pdf: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_enter_prints_the_most_asked_for_slip_in_one_keystroke(open_desk, queue, bundle):
    r = open_desk()
    assert r.focused() == "concern", "the form starts on the first choice"
    r.key(Qt.Key.Key_Return)
    job_id = r.wait_printed()
    assert r.keystrokes == 1
    text = _text(queue.received(job_id))
    phones, emails = expected_numbers(bundle, "all")
    for number in phones + emails:
        assert number in text
    assert "Sent 1 copy to kiosk-test" in r.text("deskMessage")


def test_any_concern_is_two_keystrokes_away(open_desk, queue, bundle):
    r = open_desk()
    r.key(Qt.Key.Key_Down)  # "all" is first; the next is a child
    assert r.adapter.concern == "child"
    r.key(Qt.Key.Key_Return)
    job_id = r.wait_printed()
    assert r.keystrokes == 2
    text = _text(queue.received(job_id))
    for number in expected_numbers(bundle, "child")[0]:
        assert number in text
    assert "01942 828777" not in text


@needs_pdftoppm
def test_a_plain_title_sheet_of_eight_by_keyboard(open_desk, queue, bundle, tmp_path):
    r = open_desk()
    r.key(Qt.Key.Key_Tab)  # language
    r.key(Qt.Key.Key_Tab)  # layout
    r.key(Qt.Key.Key_Down)  # A4 sheet of 8
    r.key(Qt.Key.Key_Tab)  # plain title (bilingual is off for English)
    r.key(Qt.Key.Key_Space)
    r.key(Qt.Key.Key_Tab)  # copies
    r.key(Qt.Key.Key_Up)
    r.key(Qt.Key.Key_Return)
    job_id = r.wait_printed()
    assert (r.adapter.layout, r.adapter.discreet, r.adapter.copies) == ("a4-sheet", True, 2)
    received = queue.received(job_id)
    meta = queue.meta(job_id)
    assert (meta["title"], meta["copies"]) == ("Useful numbers", "2")
    assert received == render_slip(bundle, SlipRequest(concern="all", discreet=True, format="a4-sheet"))
    payloads = qr_codes(received, tmp_path)
    assert len(payloads) == 8 and card_numbers(payloads[0]) == expected_numbers(bundle, "all", discreet=True)


def test_tab_goes_through_every_choice_in_order(open_desk):
    r = open_desk()
    r.adapter.language = "pl"  # so that "English as well" can be chosen too
    r.qtbot.wait(20)
    seen = [r.focused()]
    for _ in range(9):
        r.key(Qt.Key.Key_Tab)
        seen.append(r.focused())
    assert seen == [
        "concern",
        "language",
        "layout",
        "bilingual",
        "discreet",
        "copies",
        "printer",
        "print",
        "save",
        "concern",
    ]


def test_preview_is_the_real_slip_and_follows_the_choices(open_desk, bundle):
    r = open_desk()
    preview = r.find("preview")
    first = r.adapter.previewSource
    r.qtbot.waitUntil(lambda: preview.property("paintedHeight") > 300, timeout=5000)
    assert r.adapter._pdf == render_slip(bundle, r.adapter.request())
    r.adapter.layout = "receipt-80mm"
    r.qtbot.waitUntil(lambda: r.adapter.previewSource != first, timeout=5000)
    assert r.adapter._pdf == render_slip(bundle, SlipRequest(format="receipt-80mm"))


def test_shows_the_printer_and_whether_it_is_ready(open_desk, queue):
    r = open_desk()
    r.qtbot.waitUntil(lambda: r.adapter.printerText.startswith("Ready"), timeout=5000)
    assert r.text("printerStatus") == f"Ready: {queue.name}"
    assert queue.name in r.adapter.printers
    queue.disable()
    r.adapter.refreshPrinter()
    r.qtbot.waitUntil(lambda: not r.adapter.printerReady, timeout=5000)
    assert "Not ready: The printer is paused or offline" in r.text("printerStatus")
    r.key(Qt.Key.Key_Return)
    r.qtbot.waitUntil(lambda: r.adapter.message.startswith("Not printed"), timeout=5000)
    assert "paused or offline" in r.text("deskMessage") and "Save it as a PDF" in r.text("deskMessage")
    assert queue.jobs() == []


def test_save_as_pdf(open_desk, bundle, tmp_path):
    r = open_desk()
    r.adapter.saveFolder = str(tmp_path)  # as if the receptionist had saved here before
    r.key(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    r.qtbot.waitUntil(lambda: _dialog() is not None, timeout=5000)
    dialog = _dialog()
    items = {i.objectName(): i for i in walk(dialog.contentItem()) if i.objectName()}
    _click(dialog, items["fileNameTextField"])
    for ch in "for-the-family":
        QTest.keyClick(dialog, ch)
    r.qtbot.waitUntil(lambda: _button(dialog, "Save") is not None, timeout=5000)
    save = _button(dialog, "Save")
    with r.qtbot.waitSignal(r.adapter.saved, timeout=5000) as saved:
        _click(dialog, save)
    target = tmp_path / "for-the-family.pdf"
    assert saved.args == [str(target)]
    assert target.read_bytes() == render_slip(bundle, SlipRequest())
    assert r.text("deskMessage") == f"Saved {target}"


def _button(window, text: str):
    found = [
        i
        for i in walk(window.contentItem())
        if i.inherits("QQuickAbstractButton") and i.property("text") == text and i.isVisible()
    ]
    return found[0] if found else None


def _click(window, item) -> None:
    from PySide6.QtCore import QPoint, QPointF

    centre = item.mapToScene(QPointF(item.width() / 2, item.height() / 2))
    QTest.mouseClick(
        window,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        QPoint(int(centre.x()), int(centre.y())),
    )


def _dialog():
    from PySide6.QtGui import QGuiApplication

    shown = [
        w for w in QGuiApplication.topLevelWindows() if w.isVisible() and w.title() == "Save the slip as PDF"
    ]
    return shown[0] if shown else None


FORM = ("concern", "language", "layout", "bilingual", "discreet", "copies", "printer", "print", "save")


@pytest.mark.parametrize("size", [(1366, 768), (1280, 720)])
def test_fits_a_laptop_screen_with_nothing_cut_off(open_desk, size):
    """On a laptop's screen (less a 40-pixel panel) every choice can be reached and seen, the
    keyboard help and the content's version are in sight, and the preview is a real slip. Kept
    at out/desk-WxH.png from a checkout, and in Arabic, for a person to look at."""
    from pathlib import Path

    from PySide6.QtCore import QRectF

    r = open_desk()
    width, height = size[0], size[1] - 40
    r.window.setWidth(width)
    r.window.setHeight(height)
    r.qtbot.waitUntil(lambda: r.window.height() == height, timeout=2000)
    r.qtbot.wait(100)  # the layouts follow the new size
    inside = QRectF(0, 0, width, height)

    def in_sight(name: str) -> bool:
        item = r.find(name)
        box = item.mapRectToScene(QRectF(0, 0, item.width(), item.height()))
        return item.isVisible() and inside.contains(box)

    assert in_sight("keyboardHelp") and in_sight("contentInfo") and in_sight("preview")
    r.adapter.language = "pl"  # so that "English as well" can be chosen too
    r.qtbot.wait(50)
    for name in FORM:  # Tab reaches each choice, and the form scrolls it into sight
        assert r.focused() == name
        r.qtbot.waitUntil(lambda n=name: in_sight(n), timeout=2000)
        r.key(Qt.Key.Key_Tab)
    out = Path(__file__).resolve().parent.parent / "out"
    for language in ("en_GB", "ar"):
        r.adapter.language = language
        r.qtbot.waitUntil(
            lambda: r.adapter._pdf == render_slip(r.adapter.site.bundle, r.adapter.request()), timeout=5000
        )
        r.qtbot.wait(200)
        image = r.window.grabWindow()
        assert (image.width(), image.height()) == (width, height)
        colours = {
            image.pixelColor(x, y).name()
            for x in range(0, image.width(), 37)
            for y in range(0, image.height(), 37)
        }
        assert len(colours) > 8, "not a blank window"
        if out.parent.joinpath("pyproject.toml").exists():
            out.mkdir(exist_ok=True)
            image.save(str(out / f"desk-{language}-{size[0]}x{size[1]}.png"))
