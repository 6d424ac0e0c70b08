"""The start-up picture: shown only while everything that decides the home screen is unchanged, the
same pixels as the live home screen, nothing of a resident in it, and no tap on it lost."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.core import start_picture
from kiosk.core.resources import builtin_bundle

ROOT = Path(__file__).resolve().parents[1]
PHONE = "01942 828300"
SETTINGS = ("format", ("--windowed",))
SCREEN = (True, 800, 600, 1.0)
META = {"ratio": 1.0, "fullscreen": False, "title": "Information point"}


# The decision, without Qt --------------------------------------------------------------------


@pytest.fixture
def kept(tmp_path):
    """A picture kept for a copy of the Wigan bundle; returns what `read` needs to find it."""
    bundle = tmp_path / "bundle"
    shutil.copytree(builtin_bundle(), bundle)
    data = tmp_path / "data"
    cache = data / "cache"
    key = {"settings": SETTINGS, "screen": SCREEN, "content": start_picture.content_key(bundle, None, data)}
    meta = {"width": 4, "height": 2, "ratio": 1.0, "fullscreen": False, "title": "Information point"}
    assert start_picture.write(cache, key, start_picture.Picture(meta, bytes(range(32))))
    return {"bundle": bundle, "data": data, "cache": cache, "key": key}


def read(kept, settings=SETTINGS, screen=SCREEN):
    return start_picture.read(kept["cache"], kept["data"], settings, screen)


def test_a_picture_is_read_back_while_nothing_has_changed(kept):
    picture = read(kept)
    assert picture is not None and bytes(picture.pixels) == bytes(range(32))
    assert (picture.width, picture.height, picture.title) == (4, 2, "Information point")


def test_a_number_edited_in_the_bundle_means_no_picture(kept):
    contacts = kept["bundle"] / "contacts.toml"
    contacts.write_text(contacts.read_text().replace(PHONE, "01942 828301"))
    assert read(kept) is None


@pytest.mark.parametrize("change", ["added", "removed", "renamed"])
def test_a_file_added_removed_or_renamed_in_the_bundle_means_no_picture(kept, change):
    folder = kept["bundle"]
    some = next(p for p in sorted(folder.rglob("*")) if p.is_file())
    if change == "added":
        (folder / "notes.txt").write_text("x")
    elif change == "removed":
        some.unlink()
    else:
        some.rename(some.with_name("x" + some.name))
    assert read(kept) is None


def test_a_new_installed_package_means_no_picture(kept):
    installed = kept["data"] / "bundles"
    installed.mkdir(parents=True)
    (installed / "wigan-2027.kioskbundle").write_bytes(b"package")
    assert read(kept) is None


def test_other_settings_or_another_screen_mean_no_picture(kept):
    assert read(kept, settings=("format", ("--windowed", "--language", "ar"))) is None
    assert read(kept, screen=(True, 1024, 768, 1.0)) is None
    assert read(kept, screen=(True, 800, 600, 2.0)) is None


@pytest.mark.parametrize("damage", ["torn", "changed", "missing", "key garbled"])
def test_a_damaged_picture_is_never_shown(kept, damage):
    key_file, pixel_file = start_picture.files(kept["cache"])
    if damage == "torn":
        pixel_file.write_bytes(pixel_file.read_bytes()[:-4])
    elif damage == "changed":
        pixel_file.write_bytes(bytes(reversed(range(32))))
    elif damage == "missing":
        pixel_file.unlink()
    else:
        key_file.write_bytes(b"\x00not marshal")
    assert read(kept) is None


@pytest.mark.parametrize("damage", ["torn", "changed", "missing", "empty"])
def test_damaged_pixels_under_a_key_for_this_start_are_forgotten_so_a_new_picture_is_kept(
    kept, damage, caplog
):
    """The key is unchanged, so `write` would find the same key and keep the damaged pixels for ever."""
    key_file, pixel_file = start_picture.files(kept["cache"])
    damaged = {"torn": bytes(range(28)), "changed": bytes(32), "empty": b""}
    if damage == "missing":
        pixel_file.unlink()
    else:
        pixel_file.write_bytes(damaged[damage])
    assert read(kept) is None
    assert not key_file.exists() and not pixel_file.exists()
    assert "start-up picture damaged" in caplog.text
    meta = {"width": 4, "height": 2, "ratio": 1.0, "fullscreen": False, "title": "Information point"}
    assert start_picture.write(kept["cache"], kept["key"], start_picture.Picture(meta, bytes(range(32))))
    assert read(kept) is not None


def test_the_settings_key_follows_every_file_and_variable_that_decides_the_screen(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    site = tmp_path / "kiosk.toml"
    site.write_text("[screen]\nidle_timeout = 90\n")
    env = {"HOME": str(tmp_path), "KIOSK_DATA_DIR": str(data)}

    def key(argv=("--windowed",), environ=env) -> tuple:
        return start_picture.settings_key(list(argv), site, data, "6.11.3", environ)

    first = key()
    assert key() == first
    assert key(argv=("--windowed", "--language", "pl")) != first
    assert key(environ={**env, "QT_SCALE_FACTOR": "2"}) != first
    assert key(environ={**env, "KIOSK_CONFIG": "/etc/other.toml"}) != first
    assert start_picture.settings_key(["--windowed"], site, data, "6.12.0", env) != first
    site.write_text("[screen]\nidle_timeout = 91\n")
    assert key() != first
    site.write_text("[screen]\nidle_timeout = 90\n")
    assert key() == first
    for name in (start_picture.paths.LAST_GOOD_CONFIG, start_picture.paths.LOCAL_SETTINGS):
        (data / name).write_text("changed")
        assert key() != first, name
        (data / name).unlink()


def test_the_settings_key_covers_every_file_of_the_kiosk():
    """Code, QML, catalogs and fonts: an upgrade or an edit of any of them means no picture."""
    kept = start_picture._kiosk_files()
    names = {(Path(root) / path).as_posix() for root, files in kept for path, _, _ in files}
    for wanted in (
        "kiosk/ui/qml/Kiosk/Main.qml",
        "kiosk/ui/qml/Kiosk/screens/HomeScreen.qml",
        "kiosk/ui/app.py",
        "NotoSans-Regular.ttf",
        "kiosk.mo",
    ):
        assert any(name.endswith(wanted) for name in names), wanted


# The kiosk, end to end (a process per start, as after a restart) ------------------------------


def start(data: Path, action: str = "none", *options: str) -> tuple[dict, dict]:
    """One start of the kiosk (tests/start_picture_child.py): its probe line and its report."""
    result = subprocess.run(
        [sys.executable, "-m", "tests.start_picture_child", action, *options],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=90,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "KIOSK_DATA_DIR": str(data)},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    lines = result.stdout.splitlines()
    probe = json.loads(next(line for line in lines if line.startswith("{")))
    report = json.loads(next(line for line in lines if line.startswith("REPORT ")).removeprefix("REPORT "))
    return probe, report


@pytest.mark.parametrize("language", ["en_GB", "ar"])
def test_the_second_start_shows_the_first_starts_home_screen_at_once(tmp_path, language):
    options = ("--language", language)
    probe, report = start(tmp_path / "data", "none", *options)
    assert not probe["picture"] and report["files"] == [True, True], "the first start keeps its first frame"
    kept = start_picture.files(tmp_path / "data" / "cache")[1].read_bytes()

    probe, report = start(tmp_path / "data", "none", *options)
    assert probe["picture"], "the second start shows it"
    assert probe["first_frame_ms"] < probe["live_frame_ms"]
    assert report["screen"] == "home" and not report["neutral"]
    # Nothing of the live screen was loaded when the picture went up.
    loaded = set(report["modules_with_picture"])
    assert not loaded & {"PySide6.QtQuick", "PySide6.QtQml", "kiosk.ui.app", "kiosk.core.content.model"}
    # Python's Qt Quick classes wait for the live first frame; the QR code and pictures come just after.
    assert not report["quick_at_first_frame"] and report["image_providers"]

    # Pixel for pixel the live first frame: a third start without the picture keeps the same one.
    start_picture.forget(tmp_path / "data" / "cache")
    start(tmp_path / "data", "none", *options)
    assert start_picture.files(tmp_path / "data" / "cache")[1].read_bytes() == kept


def test_after_a_number_is_edited_the_next_start_shows_no_picture(tmp_path):
    bundle = tmp_path / "bundle"
    shutil.copytree(builtin_bundle(), bundle)
    options = ("--bundle", str(bundle))
    start(tmp_path / "data", "none", *options)
    contacts = bundle / "contacts.toml"
    contacts.write_text(contacts.read_text().replace(PHONE, "01942 828301"))
    probe, _ = start(tmp_path / "data", "none", *options)
    assert not probe["picture"]


def test_leave_quickly_pressed_on_the_picture_leaves_the_live_screen(tmp_path):
    start(tmp_path / "data")
    probe, report = start(tmp_path / "data", "keys")
    assert probe["picture"]
    assert report["neutral"], "Shift three times on the picture reached the live screen"


def test_a_tap_on_the_picture_reaches_the_live_screen(tmp_path):
    _, report = start(tmp_path / "data")
    x, y = report["first_choice"]
    probe, report = start(tmp_path / "data", f"click:{x},{y}")
    assert probe["picture"]
    assert report["screen"] != "home", "the tap on the first choice opened it"


def test_a_screen_touched_before_its_first_frame_is_never_kept(tmp_path):
    _, report = start(tmp_path / "data", "touch-live")
    assert report["files"] == [False, False]


def test_a_picture_that_differs_from_the_live_screen_is_forgotten(tmp_path):
    start(tmp_path / "data")
    cache = tmp_path / "data" / "cache"
    key_file, pixel_file = start_picture.files(cache)
    import marshal
    import zlib

    pixels = bytearray(pixel_file.read_bytes())
    pixels[:4000] = b"\x00" * 4000  # a stripe the live screen does not have, with a matching check
    meta = marshal.loads(key_file.read_bytes())
    meta["crc32"] = zlib.crc32(pixels)
    pixel_file.write_bytes(pixels)
    key_file.write_bytes(marshal.dumps(meta))

    probe, report = start(tmp_path / "data", "check")
    assert probe["picture"]
    assert report["files"] == [False, False]


def test_a_garbled_picture_file_never_stops_a_start(tmp_path):
    start(tmp_path / "data")
    key_file, pixel_file = start_picture.files(tmp_path / "data" / "cache")
    key_file.write_bytes(b"garbage")
    probe, report = start(tmp_path / "data")
    assert not probe["picture"] and report["screen"] == "home"


def test_a_level_or_two_at_letter_edges_is_no_difference_but_another_digit_is(qapp, fonts):
    """OpenGL may draw the same screen a level or two apart at the edges of letters from one frame
    to the next; the check after start-up must not forget a good picture for that."""
    from PySide6.QtGui import QColor, QFont, QImage, QPainter

    from kiosk.ui.start_picture import differs

    def drawn(text: str) -> QImage:
        image = QImage(400, 80, QImage.Format.Format_RGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        painter.setFont(QFont("Noto Sans", 28))
        painter.drawText(10, 50, text)
        painter.end()
        return image

    def picture(image: QImage) -> start_picture.Picture:
        size = {"width": image.width(), "height": image.height()}
        return start_picture.Picture(size | META, bytes(image.constBits()))

    shown = drawn(PHONE)
    noisy = bytearray(shown.constBits())
    for i in range(0, len(noisy), 7):  # every channel of many pixels a level or two off
        noisy[i] = max(0, noisy[i] - 2)
    assert not differs(picture(shown), picture(drawn(PHONE)))
    noisy_picture = start_picture.Picture({"width": 400, "height": 80} | META, bytes(noisy))
    assert not differs(noisy_picture, picture(shown))
    assert differs(picture(drawn("01942 828301")), picture(shown))
    assert differs(picture(drawn(PHONE).scaled(200, 40)), picture(shown))


def test_a_site_can_turn_the_picture_off(tmp_path):
    site = tmp_path / "kiosk.toml"
    site.write_text("[screen]\nstart_picture = true\n")
    _, report = start(tmp_path / "data", "none", "--config", str(site))
    assert report["files"] == [True, True]
    site.write_text("[screen]\nstart_picture = false\n")
    for _ in range(2):
        probe, report = start(tmp_path / "data", "none", "--config", str(site))
        assert not probe["picture"] and report["files"] == [False, False]


def test_a_full_screen_picture_of_another_size_than_the_screen_is_never_shown(tmp_path):
    """A compositor may make the window full screen only after its first frame (cage does): a
    picture of that first frame would show cut off, so it is not shown."""
    bundle = tmp_path / "bundle"
    shutil.copytree(builtin_bundle(), bundle)
    data, screen = tmp_path / "data", (False, 4, 2, 1.0)
    key = {"settings": SETTINGS, "screen": screen, "content": start_picture.content_key(bundle, None, data)}
    for width, height, shown in ((4, 2, True), (8, 4, False)):
        meta = {"width": width, "height": height} | META | {"fullscreen": True}
        start_picture.write(data / "cache", key, start_picture.Picture(meta, bytes(width * height * 4)))
        picture = start_picture.read(data / "cache", data, SETTINGS, screen)
        assert (picture is not None) == shown, (width, height)


def test_a_full_screen_kiosk_keeps_the_first_frame_at_the_screens_size(qapp, tmp_path, monkeypatch):
    """Cage makes the window full screen only after its first frame: that frame is not kept, the
    first one at the screen's size is; and none once the screen has been touched."""
    from PySide6.QtCore import QObject, Signal

    from kiosk.ui import start_picture as shown

    class Window(QObject):
        frameSwapped = Signal()

        def __init__(self):
            super().__init__()
            self.size = (1920, 1080)

        def width(self):
            return self.size[0]

        def height(self):
            return self.size[1]

    kept = []

    def grab(window_of, fullscreen):  # like Qt's: a grab draws (and swaps) a frame of its own
        window_of().frameSwapped.emit()
        return window_of().size

    monkeypatch.setattr(shown, "grab", grab)
    picture = shown.StartPicture(SETTINGS, (False, 1280, 720, 1.0), tmp_path, 0.0)
    monkeypatch.setattr(picture, "keep", kept.append)
    window = Window()
    picture.window_of, picture.fullscreen, picture.content = lambda: window, True, ("content",)
    picture.frames_to_settle = shown.SETTLE_FRAMES
    picture._keep_when_settled()  # the first frame, at the size it was made with
    assert kept == []
    window.frameSwapped.emit()
    assert kept == []
    window.size = (1280, 720)  # the compositor made it full screen
    window.frameSwapped.emit()
    window.frameSwapped.emit()
    assert kept == [(1280, 720)], "kept once, at the screen's size"

    kept.clear()
    window.size = (1920, 1080)
    picture.frames_to_settle = shown.SETTLE_FRAMES
    picture._keep_when_settled()
    picture.touched = True
    window.size = (1280, 720)
    window.frameSwapped.emit()
    assert kept == [], "never after a touch"
