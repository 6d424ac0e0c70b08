"""The Chromium comparison in `make bench` measures an honest equivalent of the kiosk's home screen.

No Chromium is needed: these check the page that benchmark builds, and that it stands aside cleanly
where Chromium is not installed.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

import kiosk
from benchmarks import chromium, chromium_page
from kiosk.core.content.text import placeholders, plain
from kiosk.core.resources import asset

QML_CONTROLS = Path(kiosk.__file__).parent / "ui" / "qml" / "Kiosk" / "controls"
# Three or more digits, possibly grouped: anything that could be read as a phone number.
NUMBER = re.compile(r"\d[\d ]{1,}\d")
HIDDEN = ("title", "script", "style")


class _Text(HTMLParser):
    """What a person sees on the page: text outside <title>, <script> and <style>, one string per element."""

    def __init__(self) -> None:
        super().__init__()
        self.skip = 0
        self.texts: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:  # noqa: ANN001
        self.skip += tag in HIDDEN

    def handle_endtag(self, tag) -> None:  # noqa: ANN001
        self.skip -= tag in HIDDEN

    def handle_data(self, data) -> None:  # noqa: ANN001
        if not self.skip and data.strip():
            self.texts.append(plain(data.strip()))


def shown(page: str) -> list[str]:
    parser = _Text()
    parser.feed(page)
    return parser.texts


def home_texts(bundle) -> list[str]:  # noqa: ANN001
    return [bundle.name, bundle.title, bundle.subtitle] + [
        text for choice in bundle.home for text in (choice.label, choice.detail) if text
    ]


def numbers_in(texts: list[str]) -> list[str]:
    return sorted(n for text in texts for n in NUMBER.findall(text))


def test_the_page_shows_every_home_choice_with_the_bundles_words(bundle):
    texts = shown(chromium_page.home_page(bundle))
    for choice in bundle.home:
        assert choice.label in texts
        assert not choice.detail or choice.detail in texts
    for text in (bundle.name, bundle.title, bundle.subtitle):
        assert text in texts
    assert len(bundle.home) == 7


def test_the_page_shows_exactly_the_numbers_the_home_screen_has(bundle):
    numbers = bundle.contact_numbers()
    expected = sorted(numbers[name] for text in home_texts(bundle) for name in placeholders(text))
    assert numbers_in(shown(chromium_page.home_page(bundle))) == expected


def test_a_number_on_the_home_screen_comes_from_the_bundle(bundle):
    last = bundle.home[-1]
    with_number = bundle._replace(home=(*bundle.home[:-1], last._replace(detail="Or call {emergency}")))
    texts = shown(chromium_page.home_page(with_number))
    assert numbers_in(texts) == [bundle.contacts["emergency"].phone]
    assert f"Or call {bundle.contacts['emergency'].phone}" in texts


def test_the_toolbar_words_are_the_kiosks_own():
    """Words the page types itself are the ones the kiosk's bars show (TopBar.qml, AccessBar.qml)."""
    qml = (QML_CONTROLS / "TopBar.qml").read_text() + (QML_CONTROLS / "AccessBar.qml").read_text()
    words = [chromium_page.LEAVE, chromium_page.EASY_READ, chromium_page.LANGUAGE]
    words += [word for parts in chromium_page.ACCESS_BAR for word in parts]
    for word in words:
        assert f'"{word}"' in qml, word


def test_the_page_uses_the_bundled_font_and_nothing_from_a_network(bundle):
    page = chromium_page.home_page(bundle)
    assert asset("fonts/NotoSans-Regular.ttf").as_uri() in page
    assert asset("fonts/NotoSans-Bold.ttf").as_uri() in page
    assert not re.search(r"https?://", page)
    assert page.count('elementtiming="') == len(shown(page))  # every text is waited for


def test_chromium_starts_as_a_kiosk_would(tmp_path):
    command = chromium.chromium_command("chromium", tmp_path / "home.html", tmp_path / "profile")
    assert {"--kiosk", f"--user-data-dir={tmp_path / 'profile'}", *chromium.QUIET} <= set(command)
    assert command[-1] == f"--app={(tmp_path / 'home.html').as_uri()}"


def test_without_chromium_the_row_says_not_measured(monkeypatch):
    monkeypatch.setattr(chromium.shutil, "which", lambda name: None)
    monkeypatch.setattr(chromium, "probe", pytest.fail)  # nothing is started
    (row,) = chromium.run()
    assert row.benchmark.startswith("Chromium kiosk page: not measured (no chromium")
    assert row.passed is None
