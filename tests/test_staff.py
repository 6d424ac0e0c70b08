"""Staff access and lock-down: a hidden long press, a PIN keypad with a growing lockout, no escapes."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest

from kiosk.core.pin import hash_pin

PIN = "2468"


def hold_top_bar(r, ms: int = 5200) -> None:
    r.settle()
    bar = r.find("staffGesture")
    point = bar.mapToScene(QPointF(bar.width() / 2, bar.height() / 2))
    at = QPoint(int(point.x()), int(point.y()))
    QTest.mousePress(r.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at)
    r.qtbot.wait(ms)
    QTest.mouseRelease(r.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at)


def type_pin(r, pin: str) -> None:
    for digit in pin:
        r.tap(f"key:{digit}")
    r.tap("key:ok")


def test_long_press_then_right_pin_opens_the_staff_menu(make_kiosk):
    r = make_kiosk(pin_hash=hash_pin(PIN, n=2**10), staff_notices=["contacts.toml: review overdue"])
    hold_top_bar(r)
    assert r.kiosk.staff.mode == "keypad"
    assert "Enter the staff PIN." in r.texts()
    type_pin(r, PIN)
    assert r.kiosk.staff.mode == "menu"
    assert "• contacts.toml: review overdue" in r.texts()
    r.tap("staffClose")
    assert r.kiosk.staff.mode == "closed"


def test_a_short_press_does_nothing(make_kiosk):
    r = make_kiosk(pin_hash=hash_pin(PIN, n=2**10))
    hold_top_bar(r, ms=300)
    assert r.kiosk.staff.mode == "closed"


def test_five_wrong_pins_lock_the_keypad(make_kiosk):
    r = make_kiosk(pin_hash=hash_pin(PIN, n=2**10))
    r.kiosk.staff.openKeypad()
    for attempt in range(4):
        type_pin(r, "1111")
        assert f"{4 - attempt} " in r.kiosk.staff.message
    type_pin(r, "1111")
    assert r.kiosk.staff.locked
    assert "opens again in 30 seconds" in r.kiosk.staff.message
    type_pin(r, PIN)  # the keys do nothing while locked
    assert r.kiosk.staff.mode == "keypad"


def test_the_keypad_never_shows_the_digits(make_kiosk):
    r = make_kiosk(pin_hash=hash_pin(PIN, n=2**10))
    r.kiosk.staff.openKeypad()
    for digit in "97":
        r.tap(f"key:{digit}")
    assert "●●○○" in r.texts()
    assert not any("97" in t for t in r.texts())


def test_kiosk_mode_ignores_the_usual_escapes(make_kiosk, qapp):
    r = make_kiosk(windowed=False)
    for key, mods in [
        (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
        (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_F11, Qt.KeyboardModifier.NoModifier),
    ]:
        event = QKeyEvent(QEvent.Type.KeyPress, key, mods)
        assert r.kiosk.lockdown.eventFilter(r.window, event), f"{key} {mods} is let through"
    r.window.close()
    assert r.window.isVisible(), "closing the window is refused in kiosk mode"


def test_staff_can_close_the_kiosk(make_kiosk, qapp, monkeypatch):
    quits = []
    monkeypatch.setattr(qapp, "quit", lambda: quits.append(True))
    r = make_kiosk(windowed=False, pin_hash=hash_pin(PIN, n=2**10))
    r.kiosk.staff.openKeypad()
    type_pin(r, PIN)
    r.tap("staffExit")
    assert quits and not r.window.isVisible()


def _open_menu(r, pin: str = PIN) -> None:
    r.kiosk.staff.openKeypad()
    type_pin(r, pin)


def test_staff_change_the_pin_on_screen(make_kiosk, tmp_path, monkeypatch):
    import json

    from kiosk.core import config
    from kiosk.core.pin import parse_hash, verify_pin

    data = tmp_path / "data"
    monkeypatch.setenv("KIOSK_DATA_DIR", str(data))
    monkeypatch.delenv("KIOSK_CONFIG", raising=False)
    r = make_kiosk(pin_hash=hash_pin(PIN, n=2**10))
    _open_menu(r)
    r.tap("staffChangePin")
    assert "Enter the current staff PIN." in r.texts()
    type_pin(r, PIN)
    assert r.kiosk.staff.pinStep == "new"
    type_pin(r, "1234")
    assert any("too easy to guess" in t for t in r.texts())
    type_pin(r, "135792")
    assert "Enter the new PIN again." in r.texts()
    type_pin(r, "135790")
    assert any(t.startswith("The two new PINs were not the same.") for t in r.texts())
    type_pin(r, "135792")
    type_pin(r, "135792")
    assert r.kiosk.staff.mode == "menu"
    assert "The staff PIN is changed. Use the new PIN from now on." in r.texts()

    stored = json.loads((data / config.LOCAL).read_text("utf-8"))["pin_hash"]["value"]
    assert stored.startswith("scrypt$") and "135792" not in stored
    parse_hash(stored)
    assert verify_pin("135792", stored) and not verify_pin(PIN, stored)
    assert config.load_config(data_dir=data, remember=False)[0].pin_hash == stored, "kept for the next start"

    r.tap("staffClose")
    _open_menu(r, PIN)
    assert r.kiosk.staff.mode == "keypad" and r.kiosk.staff.message.startswith("Wrong PIN.")
    type_pin(r, "135792")
    assert r.kiosk.staff.mode == "menu"


def test_a_wrong_current_pin_counts_towards_the_lockout(make_kiosk):
    r = make_kiosk(pin_hash=hash_pin(PIN, n=2**10))
    _open_menu(r)
    r.tap("staffChangePin")
    for attempt in range(4):
        type_pin(r, "1111")
        assert f"{4 - attempt} " in r.kiosk.staff.message
    type_pin(r, "1111")
    assert r.kiosk.staff.locked and "opens again in 30 seconds" in r.kiosk.staff.message
    type_pin(r, PIN)  # the keys do nothing while locked
    assert r.kiosk.staff.pinStep == "current"
    r.tap("staffBack")
    r.tap("staffClose")
    r.kiosk.staff.openKeypad()
    assert r.kiosk.staff.locked, "the same lockout guards the keypad"
