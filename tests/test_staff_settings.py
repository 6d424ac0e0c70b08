"""Behind the staff PIN: settings for one-off changes, the usage figures export, content updates.

Driven as staff would: tap the menu, the steppers, the on-screen keyboard, Save; then read what the
running kiosk does, what was written to the data folder, and what a fresh start would load.
"""

from __future__ import annotations

import csv
import json
from datetime import date, datetime, timedelta

import pytest

from kiosk.core import config, stats
from kiosk.core.pin import hash_pin
from kiosk.core.resources import data_dir as shipped_data
from tests.driver import is_control
from tests.test_staff import PIN, type_pin

PIN_HASH = hash_pin(PIN, n=2**10)


@pytest.fixture
def site(tmp_path, monkeypatch):
    """A site file and an empty data folder of the kiosk's own, for this test only."""
    data = tmp_path / "data"
    monkeypatch.setenv("KIOSK_DATA_DIR", str(data))
    monkeypatch.delenv("KIOSK_CONFIG", raising=False)
    path = tmp_path / "kiosk.toml"

    def write(extra: str = "") -> tuple:
        path.write_text(
            f'[site]\nname = "Leigh Library"\n\n[screen]\nidle_timeout = 150\n\n'
            f'[staff]\npin_hash = "{PIN_HASH}"\n{extra}',
            encoding="utf-8",
        )
        return path, data

    return write


@pytest.fixture
def staff_kiosk(make_kiosk, site):
    """A kiosk started the way the CLI starts it from the site file, with the staff menu open."""

    def make(extra: str = "", **options):
        path, data = site(extra)
        settings, problems = config.load_config(path, data_dir=data)
        assert not problems
        r = make_kiosk(
            config_path=path,
            pin_hash=settings.pin_hash,
            idle_timeout_s=settings.idle_timeout,
            **options,
        )
        r.kiosk.staff.openKeypad()
        type_pin(r, PIN)
        assert r.kiosk.staff.mode == "menu"
        return r, path, data

    return make


def open_settings(r) -> None:
    """Open the settings screen and let the printer list (read off the UI thread) arrive, so
    nothing moves under the next tap."""
    r.tap("staffSettings")
    r.qtbot.waitUntil(lambda: not r.kiosk.staff.busy)
    r.settle()


def type_text(r, text: str) -> None:
    """Type on the staff keyboard, a capital with Shift first, then Done."""
    for ch in text:
        if ch == " ":
            r.tap("kb:space")
        elif ch.isupper():
            r.tap("kb:shift")
            r.tap(f"kb:{ch.lower()}")
        else:
            r.tap(f"kb:{ch}")
    r.tap("kb:done")


def stored(data) -> dict:
    return {k: v["value"] for k, v in json.loads((data / config.LOCAL).read_text("utf-8")).items()}


def test_idle_timeout_and_collection_point_are_saved_and_used_at_once(staff_kiosk):
    r, path, data = staff_kiosk()
    open_settings(r)
    assert r.find("idleValue").property("text") == "2 minutes 30 seconds"  # from the site file
    r.tap("idleMore")
    assert r.find("idleValue").property("text") == "3 minutes"
    r.tap("editCollectionPoint")
    type_text(r, "Front desk, room 2")
    assert "Not saved yet: Collection point, Idle timeout" in r.texts()
    assert r.kiosk.idle.timeout_s == 150, "nothing changes before Save"

    r.tap("settingsSave")
    assert "Saved on this kiosk:" in r.texts()
    assert "• Collection point: “Front desk, room 2”" in r.texts()
    assert "• Idle timeout: 3 minutes" in r.texts()
    # The running kiosk
    assert r.kiosk.idle.timeout_s == 180
    assert r.kiosk.slips.site[0] == "Front desk, room 2"
    # The data folder, and the next start
    assert stored(data) == {"idle_timeout": 180.0, "collection_point": "Front desk, room 2"}
    settings, problems = config.load_config(path, data_dir=data)
    assert (settings.idle_timeout, settings.collection_point) == (180, "Front desk, room 2")
    assert settings.site_name == "Leigh Library" and not problems


def test_a_bad_value_is_refused_in_plain_words_and_nothing_is_saved(staff_kiosk):
    r, path, data = staff_kiosk()
    open_settings(r)
    r.tap("idleMore")
    r.tap("editSiteName")
    r.tap("kb:clear")
    for _ in range(81):
        r.tap("kb:a")
    assert "81 of 80 characters — too long. Tap Done when it reads right." in r.texts()
    r.tap("kb:done")
    r.tap("settingsSave")
    assert "Not saved. Please put this right and save again:" in r.texts()
    assert "• Site name is 81 characters long. Shorten it to 80 or fewer." in r.texts()
    assert not (data / config.LOCAL).exists()
    assert r.kiosk.idle.timeout_s == 150, "the good change in the same save is not applied either"


def test_toggles_languages_printer_and_layout_are_saved(staff_kiosk):
    r, path, data = staff_kiosk()
    r.kiosk.session.discreet = False
    open_settings(r)
    for name in (
        "toggleAttract",
        "toggleDiscreet",
        "toggleStatistics",
        "lang:ro",
        "default:pl",
        "layout:a4-sheet",
    ):
        r.tap(name)
    r.tap("printer:")  # the system's default printer, first in the list
    r.tap("settingsSave")
    assert "• Languages offered: " in "\n".join(r.texts())
    assert stored(data) == {
        "attract_screen": False,
        "discreet_default": True,
        "statistics": False,
        "languages": ["en_GB", "en_GB@easyread", "pl", "ur", "ar", "zh_Hans", "pt"],
        "default_language": "pl",
        "slip_layout": "a4-sheet",
    }
    k = r.kiosk
    # Languages change at once: Romanian is gone from the picker, Polish is the new default.
    assert [lang["code"] for lang in k.session.languages] == stored(data)["languages"]
    assert k.session.default_language == "pl"
    assert not k.session.attract_enabled and k.session.discreet_default
    assert k.slips.site == ("", None, "a4-sheet")
    settings, _ = config.load_config(path, data_dir=data)
    assert (settings.default_language, settings.slip_layout, settings.statistics) == ("pl", "a4-sheet", False)


def test_the_last_language_cannot_be_turned_off(staff_kiosk):
    r, _, _ = staff_kiosk('\n[languages]\nenabled = ["en_GB", "pl"]\n')
    open_settings(r)
    r.tap("lang:en_GB")
    assert r.kiosk.staff.editor.settings["languages"][0]["on"] is False
    chosen = r.kiosk.staff.editor.settings["languages"]
    assert next(lang for lang in chosen if lang["isDefault"])["code"] == "pl"
    r.tap("lang:pl")
    assert "At least one language must be offered." in r.texts()


def test_reset_to_the_site_file_undoes_every_change(staff_kiosk):
    r, path, data = staff_kiosk()
    open_settings(r)
    r.tap("idleLess")
    r.tap("settingsSave")
    assert r.kiosk.idle.timeout_s == 120
    r.tap("settingsReset")
    assert "Tap again to reset" in r.texts() and (data / config.LOCAL).exists()
    r.tap("settingsReset")
    assert any(t.startswith("Reset: the 1 setting changed on this kiosk") for t in r.texts())
    assert not (data / config.LOCAL).exists()
    assert r.kiosk.idle.timeout_s == 150
    assert r.find("idleValue").property("text") == "2 minutes 30 seconds"
    assert config.load_config(path, data_dir=data)[0].idle_timeout == 150


# --- usage figures ----------------------------------------------------------------------------


def _count_figures(db):
    today = date.today()
    for day, events in (
        (date(today.year - 1, 3, 4), [("session_started", ""), ("concern_chosen", "child")] * 2),
        (date(today.year, 1, 1), [("qr_shown", "adult"), ("session_started", "")]),
        (date(today.year - 2, 6, 1), [("quick_exit", "")]),
    ):
        figures = stats.Stats(db, clock=lambda day=day: datetime(day.year, day.month, day.day, 10))
        for event, key in events:
            figures.count(event, key)
        figures.close()


def test_usage_figures_export_to_a_usb_stick(staff_kiosk, tmp_path, monkeypatch):
    from kiosk.ui.staff import figures

    stick = tmp_path / "media" / "kiosk" / "STICK"
    stick.mkdir(parents=True)
    monkeypatch.setattr(figures, "media_roots", lambda: [stick.parent])
    monkeypatch.setattr(figures, "is_mounted", lambda p: p == stick)
    r, _, data = staff_kiosk()
    _count_figures(data / stats.DB_NAME)
    r.tap("staffExport")
    assert "USB drive “STICK”" in r.texts()
    r.tap("period:last-year")
    r.tap("exportTo:0")
    r.qtbot.waitUntil(lambda: not r.kiosk.staff.busy)
    last_year = date.today().year - 1
    written = stick / f"kiosk-usage-leigh-library-{last_year}.csv"
    assert "Exported 2 rows of usage figures (last year)." in r.texts()
    assert f"• The file is {written}" in r.texts()
    with open(written, encoding="utf-8") as fh:
        got = {(row["event"], row["key"]): int(row["count"]) for row in csv.DictReader(fh)}
    assert got == stats.totals(data / stats.DB_NAME, date(last_year, 1, 1), date(last_year, 12, 31))
    assert got == {("session_started", ""): 2, ("concern_chosen", "child"): 2}


def test_with_no_usb_stick_the_figures_go_to_the_exports_folder(staff_kiosk, tmp_path, monkeypatch):
    from kiosk.ui.staff import figures

    monkeypatch.setattr(figures, "media_roots", lambda: [tmp_path / "nothing-mounted"])
    r, _, data = staff_kiosk()
    _count_figures(data / stats.DB_NAME)
    r.tap("staffExport")
    assert any(t.startswith("No USB stick found.") for t in r.texts())
    r.tap("period:all")
    r.tap("exportTo:0")
    r.qtbot.waitUntil(lambda: not r.kiosk.staff.busy)
    files = list((data / "exports").glob("*.csv"))
    assert len(files) == 1
    rows = list(csv.DictReader(files[0].open(encoding="utf-8")))
    assert len(rows) == len(stats.rows(data / stats.DB_NAME)) == 5
    assert "Exported 5 rows of usage figures (everything)." in r.texts()
    r.tap("exportTo:0")  # a second export never overwrites the first
    r.qtbot.waitUntil(lambda: not r.kiosk.staff.busy)
    assert len(list((data / "exports").glob("*.csv"))) == 2


# --- content updates ---------------------------------------------------------------------------


def _qr_text(kiosk) -> str:
    import zxingcpp
    from PIL import Image
    from PySide6.QtCore import QSize

    image = kiosk.qr_provider.requestImage("all/0/en_GB", QSize(), QSize(400, 400))
    image = image.convertToFormat(image.Format.Format_Grayscale8)
    pil = Image.frombytes(
        "L",
        (image.width(), image.height()),
        bytes(image.constBits())[: image.sizeInBytes()],
        "raw",
        "L",
        image.bytesPerLine(),
    )
    return zxingcpp.read_barcodes(pil)[0].text


def test_check_now_switches_the_running_kiosk_and_go_back_returns(staff_kiosk, signed_inbox, bundle):
    inbox, public = signed_inbox
    r, _, _ = staff_kiosk(f'\n[content]\nbundle = "{inbox}"\ntrusted_keys = ["{public}"]\n')
    r.kiosk.session.go("guidance")
    assert r.kiosk.bundle.id == "wigan"
    r.tap("staffUpdates")
    assert f"Update folder: {inbox}" in r.text()
    r.tap("checkNow")
    r.qtbot.waitUntil(lambda: not r.kiosk.staff.busy)
    assert r.kiosk.bundle.id == "riverford-example"
    assert any(t.startswith("• Installed Riverford Safeguarding Partnership") for t in r.texts())
    assert "The kiosk now shows Riverford Safeguarding Partnership (FICTIONAL EXAMPLE) 2026.11.1" in r.text()
    riverford = next(c.phone for c in r.kiosk.bundle.contacts.values() if c.phone)
    assert riverford.replace(" ", "") in _qr_text(r.kiosk)
    r.tap("staffBack")
    r.tap("staffClose")
    assert r.screen == "home", "the session was wiped to the home screen"
    assert "Riverford Safeguarding Partnership (FICTIONAL EXAMPLE)" in r.texts()
    assert "Wigan Safeguarding Partnership" not in r.texts()

    r.kiosk.staff.openKeypad()
    type_pin(r, PIN)
    r.tap("staffUpdates")
    r.tap("goBack")
    r.qtbot.waitUntil(lambda: not r.kiosk.staff.busy)
    assert r.kiosk.bundle.id == "wigan" and r.kiosk.content.bundle.id == "wigan"
    assert any("Rolled back from Riverford" in t for t in r.texts())
    wigan = next(c.phone for c in bundle.contacts.values() if c.phone)
    assert wigan.replace(" ", "") in _qr_text(r.kiosk)
    r.tap("checkNow")  # the package rolled back from is not taken again
    r.qtbot.waitUntil(lambda: not r.kiosk.staff.busy)
    assert r.kiosk.bundle.id == "wigan"
    assert "The content on screen is unchanged." in r.texts()


def test_with_no_update_folder_staff_are_told_plainly(staff_kiosk):
    r, _, _ = staff_kiosk()
    r.tap("staffUpdates")
    assert "No update folder is configured." in r.text()
    r.tap("checkNow")
    assert any(
        t.startswith("No update folder is configured, so there is nothing to check.") for t in r.texts()
    )
    assert r.kiosk.bundle.id == "wigan"


def test_staff_actions_are_logged_without_resident_data(staff_kiosk, caplog):
    caplog.set_level("INFO")
    r, _, _ = staff_kiosk()
    open_settings(r)
    r.tap("idleMore")
    r.tap("settingsSave")
    r.tap("staffBack")
    r.tap("staffClose")
    lines = [rec.getMessage() for rec in caplog.records if rec.name.startswith("kiosk")]
    assert "staff opened the settings" in lines
    assert "staff saved settings: screen.idle_timeout" in lines
    assert "staff menu closed" in lines
    assert not any(PIN in line for line in lines)


def test_every_staff_screen_fits_and_scrolls(staff_kiosk):
    """Each page's buttons are at least 72 px and inside the card at every supported size."""
    for width, height in ((1920, 1080), (1080, 1920), (1366, 768)):
        r, _, _ = staff_kiosk(width=width, height=height)
        staff = r.kiosk.staff
        openers = {
            "settings": staff.editor.open,
            "PIN change": staff.openPinChange,
            "export": staff.figures.open,
            "updates": staff.updates.open,
        }
        for opener, open_screen in openers.items():
            open_screen()
            r.qtbot.waitUntil(lambda r=r: not r.kiosk.staff.busy)  # the printers are listed
            r.settle()
            card = r.find("staffScroll")
            top = card.mapToScene(card.boundingRect().topLeft()).y()
            buttons = [i for i in r.items() if i.objectName() and is_control(i)]
            assert len(buttons) >= (20 if opener == "settings" else 3), opener
            for item in buttons:
                assert item.height() >= 72, (opener, item.objectName(), item.height())
                r.scroll_to(item.objectName())
                y = item.mapToScene(item.boundingRect().topLeft()).y()
                assert y >= 0 and y + item.height() <= height, (width, height, opener, item.objectName(), y)
            assert top >= 0
            r.kiosk.staff.backToMenu()
        r.kiosk.shutdown()


def test_an_idle_reset_closes_the_staff_menu(staff_kiosk):
    r, _, _ = staff_kiosk()
    open_settings(r)
    r.kiosk.idle.expired.emit()
    r.settle()
    assert r.kiosk.staff.mode == "closed"
    assert not r.has("staffPanel")


def test_every_period_is_a_calendar_year_or_everything():
    from kiosk.ui.staff.figures import period
    from kiosk.ui.staff.words import step_idle

    today = date(2026, 3, 9)
    assert period("this-year", today)[:2] == (date(2026, 1, 1), today)
    assert period("last-year", today)[:2] == (date(2025, 1, 1), date(2025, 12, 31))
    assert period("all", today)[:2] == (None, today)
    steps = [step_idle(45, -1), step_idle(100, 1), step_idle(100, -1), step_idle(3600, 1)]
    assert steps == [45, 120, 90, 3600]
    assert timedelta(seconds=step_idle(120, 1)) == timedelta(minutes=2, seconds=30)


def test_the_content_folder_is_typed_saved_and_used_at_once(staff_kiosk, signed_inbox):
    inbox, public = signed_inbox
    r, _, data = staff_kiosk(f'\n[content]\ntrusted_keys = ["{public}"]\n')
    assert r.kiosk.bundle.id == "wigan"
    open_settings(r)
    r.tap("editBundle")
    type_text(r, str(inbox))
    r.tap("settingsSave")
    r.qtbot.waitUntil(lambda: not r.kiosk.staff.busy)
    assert r.kiosk.bundle.id == "riverford-example", r.texts()
    assert stored(data)["bundle"] == str(inbox)
    assert any(t.startswith("Saved. The kiosk now shows Riverford") for t in r.texts()), r.texts()
    # A plain bundle folder is unsigned: refused, as at start-up, and the signed content stays.
    r.tap("editBundle")
    r.tap("kb:clear")
    type_text(r, str(shipped_data("bundles") / "example"))
    r.tap("settingsSave")
    r.qtbot.waitUntil(lambda: not r.kiosk.staff.busy)
    assert r.kiosk.bundle.id == "riverford-example"
    assert "Saved. The content on screen is unchanged." in r.texts()
    assert any("refused: a plain bundle folder is unsigned" in t for t in r.texts()), r.texts()
