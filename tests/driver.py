"""Drive the kiosk as a resident does: find what is on screen, scroll to it, tap it, read it."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtQuick import QQuickItem
from PySide6.QtTest import QTest

from kiosk.core.content.text import plain


def walk(item: QQuickItem):
    yield item
    for child in item.childItems():
        yield from walk(child)


def shown(item: QQuickItem) -> bool:
    """Visible to a person: it and every ancestor visible and not transparent."""
    while item is not None:
        if not item.isVisible() or item.opacity() == 0:
            return False
        item = item.parentItem()
    return True


def is_control(item: QQuickItem) -> bool:
    """A control a person can activate (TouchButton, ChoiceButton, ...: they have `activated`).

    Never item.metaObject(): a QML item's meta-object lives on the heap, PySide keeps its wrapper
    as long as the item's, and once the item is gone a new item at the same address came back as
    that stale QMetaObject wrapper (AttributeError, or a crash).
    """
    return hasattr(item, "activated")


def describe(item: QQuickItem) -> str:
    """A name for messages: the object name, else its text, else its Python type."""
    text = item.property("text") if item.inherits("QQuickText") else None
    return item.objectName() or (repr(text[:30]) if text else type(item).__name__)


class Resident:
    def __init__(self, kiosk, qtbot):
        self.kiosk = kiosk
        self.qtbot = qtbot
        self.window = kiosk.window

    # What is on screen
    @property
    def screen(self) -> str:
        return self.kiosk.session.screen

    def items(self):
        return [i for i in walk(self.window.contentItem()) if shown(i)]

    def find(self, name: str) -> QQuickItem:
        matches = [i for i in self.items() if i.objectName() == name]
        if not matches:
            names = sorted({i.objectName() for i in self.items() if i.objectName()})
            raise AssertionError(f"nothing named {name!r} on screen {self.screen!r}; shown: {names}")
        return matches[0]

    def page(self) -> QQuickItem:
        """The current screen (the Loader's item): a Flickable for every journey screen."""
        return self.find("page").property("item")

    def has(self, name: str) -> bool:
        return any(i.objectName() == name for i in self.items())

    def texts(self) -> list[str]:
        """Every piece of text a person could read now (after scrolling), in plain characters."""
        out = []
        for item in self.items():
            if item.inherits("QQuickText") and item.property("text"):
                out.append(plain(item.property("text")))
        return out

    def text(self) -> str:
        return "\n".join(self.texts())

    def settle(self) -> None:
        """Wait for the next frame, so Rows and anchors have laid out what changed."""
        with self.qtbot.waitSignal(self.window.frameSwapped, timeout=2000):
            self.window.update()

    def show(self, target: str) -> None:
        self.kiosk.session.go(target)
        self.settle()

    # Acting
    def _scroll_into_view(self, item: QQuickItem) -> None:
        parent = item.parentItem()
        while parent is not None:
            if parent.inherits("QQuickFlickable"):
                top = item.mapToItem(parent.property("contentItem"), QPointF(0, 0)).y()
                view = parent.height()
                content_y = parent.property("contentY")
                if top < content_y or top + item.height() > content_y + view:
                    limit = max(0.0, parent.property("contentHeight") - view)
                    parent.setProperty("contentY", min(max(0.0, top - 40), limit))
                break
            parent = parent.parentItem()

    def _lay_out(self, item: QQuickItem) -> None:
        """Place `item` where the next frame will show it: its layouts and positioners (Column,
        RowLayout...) place their children when polished, before a frame. A screen shown just now
        may not have been, and a tap aimed at it then lands on the old place (seen under load, as
        taps on the staff menu that opened nothing)."""
        chain = []
        while item is not None:
            chain.append(item)
            item = item.parentItem()
        for each in reversed(chain):  # outside in: a parent's layout sizes its children first
            each.ensurePolished()

    def tap(self, name: str) -> None:
        for _ in range(3):
            item = self.find(name)
            self._lay_out(item)
            self._scroll_into_view(item)
            self.qtbot.wait(1)
            centre = item.mapToScene(QPointF(item.width() / 2, item.height() / 2))
            if 0 <= centre.y() <= self.window.height():
                break
            # A Repeater had just made the item and its Column had not placed it yet (that
            # happens before the next frame), so it was scrolled to the wrong place: lay out, retry.
            self.settle()
        assert 0 <= centre.y() <= self.window.height(), f"{name!r} is off screen at y={centre.y()}"
        QTest.mouseClick(
            self.window,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
            QPoint(int(centre.x()), int(centre.y())),
        )
        self.qtbot.wait(1)

    def press_key(self, key: Qt.Key) -> None:
        QTest.keyClick(self.window, key)

    def grab(self):
        """The window as a Pillow image, as a phone camera would see it."""
        from PIL import Image

        image = self.window.grabWindow()
        image = image.convertToFormat(image.Format.Format_RGB888)
        return Image.frombytes(
            "RGB",
            (image.width(), image.height()),
            bytes(image.constBits())[: image.sizeInBytes()],
            "raw",
            "RGB",
            image.bytesPerLine(),
        )

    def scroll_to(self, name: str) -> QQuickItem:
        item = self.find(name)
        self._scroll_into_view(item)
        self.qtbot.wait(1)
        return item

    def qr_payloads(self) -> list[str]:
        """Decode every QR code on screen from a screenshot, as a phone camera would."""
        import zxingcpp

        return [b.text for b in zxingcpp.read_barcodes(self.grab(), formats=zxingcpp.BarcodeFormat.QRCode)]


def card_numbers(vcard: str) -> tuple[list[str], list[str]]:
    """The phone numbers and emails a phone would save from a vCard."""
    phones, emails = [], []
    for line in vcard.splitlines():
        key, _, value = line.partition(":")
        if key.split(".")[-1].startswith("TEL"):
            phones.append(value)
        elif key.startswith("EMAIL"):
            emails.append(value)
    return phones, emails


def expected_numbers(bundle, concern: str, discreet: bool = False) -> tuple[list[str], list[str]]:
    """What the partnership published for this concern: read from the bundle, never computed."""
    contacts = [bundle.contacts[c] for c in bundle.concerns[concern].contacts]
    phones = [c.phone for c in contacts if c.phone]
    emails = [] if discreet else [c.email for c in contacts if c.email]
    return phones, emails


def site_of(bundle, data_dir, **settings):
    """A site running `bundle` as it is (as `--bundle` previews it), with these settings."""
    from pathlib import Path

    from kiosk.core.config import Settings
    from kiosk.core.content.stamp import fingerprint
    from kiosk.core.site import Content, Site, site_languages

    chosen = Settings(**settings)
    folder = Path(bundle.path).resolve()
    languages, default = site_languages(chosen, bundle)
    content = Content(bundle, folder, fingerprint(folder), (), ())
    return Site(None, chosen, (), Path(data_dir), content, languages, default, preview=folder)
