"""A bundle's own translations, colours, logo and languages reach the screen and the slip; a bad
one is left out, with a notice for staff, and never stops the content or changes a number."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from kiosk.core import i18n, theme
from kiosk.core.content.loader import load_bundle
from kiosk.core.resources import builtin_bundle
from kiosk.core.slips.render import SlipRequest, render_slip

EXAMPLE = builtin_bundle("example")
CHILDREN = "Riverford Children's Services"
CHILDREN_PL = "Służby ds. dzieci w Riverford (Children's Services)"


@pytest.fixture
def example(tmp_path: Path) -> Path:
    folder = tmp_path / "riverford"
    shutil.copytree(EXAMPLE, folder)
    return folder


def edit(folder: Path, name: str, old: str, new: str) -> None:
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def po(folder: Path, code: str = "pl") -> str:
    return f"translations/{code}/LC_MESSAGES/kiosk.po"


def test_bundle_text_comes_from_the_bundles_own_catalog_then_the_kiosks():
    _ = i18n.translation("pl", EXAMPLE).gettext
    assert _(CHILDREN) == CHILDREN_PL  # only in the bundle's catalog
    assert _("Leave quickly") == i18n.translation("pl").gettext("Leave quickly") != "Leave quickly"
    assert i18n.translation("pl").gettext(CHILDREN) == CHILDREN  # the kiosk's own catalog lacks it


def test_a_bundle_translation_that_would_change_a_number_is_never_used(example: Path):
    edit(
        example,
        po(example),
        'msgstr "Służby ds. dzieci w Riverford (Children\'s Services)"',
        'msgstr "Służby ds. dzieci, tel. 01632 960555"',
    )
    edit(example, po(example), 'msgstr "Urząd Riverford (dzieci)"', 'msgstr "Urząd {children_services}"')
    _ = i18n.translation("pl", example).gettext
    assert _(CHILDREN) == CHILDREN
    assert _("Riverford Council (children)") == "Riverford Council (children)"
    assert _("Riverford Adult Care") == "Opieka nad dorosłymi w Riverford (Adult Care)"  # the rest stays


def test_fuzzy_and_unreadable_bundle_catalogs_fall_back_to_english(example: Path):
    edit(
        example,
        po(example),
        '#: bundles/example/contacts.toml:20\nmsgid "Riverford Children',
        '#: bundles/example/contacts.toml:20\n#, fuzzy\nmsgid "Riverford Children',
    )
    assert i18n.translation("pl", example).gettext(CHILDREN) == CHILDREN
    (example / po(example)).write_bytes(b"\xff\xfe not a catalog")
    _ = i18n.translation("pl", example).gettext
    assert _(CHILDREN) == CHILDREN
    assert _("Leave quickly") == i18n.translation("pl").gettext("Leave quickly")


def test_look_is_loaded_and_checked():
    bundle = load_bundle(EXAMPLE)
    assert bundle.logo == EXAMPLE / "images" / "logo.png"
    assert bundle.theme == {"primary": "#1d5c4d", "urgent": "#a8192e"}
    assert bundle.languages == ("en_GB", "pl")
    assert bundle.look_problems == ()
    assert theme.palette_problems(theme.with_bundle_colours(bundle.theme)) == []
    wigan = load_bundle(builtin_bundle())
    assert (wigan.logo, wigan.theme, wigan.languages) == (None, {}, ())


def test_a_bad_look_is_left_out_with_the_file_field_and_fix(example: Path):
    edit(example, "bundle.toml", 'primary = "#1d5c4d"', 'primary = "#88ccaa"')
    edit(example, "bundle.toml", 'logo = "images/logo.png"', 'logo = "../../etc/passwd"')
    edit(example, "bundle.toml", 'languages = ["en_GB", "pl"]', 'languages = ["pl", "xx"]')
    bundle = load_bundle(example)  # the content itself still loads
    assert (bundle.logo, bundle.theme, bundle.languages) == (None, {}, ())
    found = [str(p) for p in bundle.look_problems]
    assert any(f.startswith("bundle.toml:19: theme.primary: #88ccaa against #ffffff") for f in found), found
    assert any(f.startswith("bundle.toml:12: logo: '../../etc/passwd'") for f in found), found
    assert any("'xx' is not a language this kiosk ships" in f for f in found), found
    assert any("must include en_GB" in f for f in found), found
    assert len(bundle.contacts) == len(load_bundle(EXAMPLE).contacts)


def _images(pdf: bytes) -> int:
    """Pictures drawn on the pages, also inside forms (the A4 sheet repeats one slip as a form)."""

    def count(resources) -> int:  # noqa: ANN001
        found = 0
        for ref in (resources or {}).get("/XObject", {}).values():
            x = ref.get_object()
            if x["/Subtype"] == "/Image":
                found += 1
            elif x["/Subtype"] == "/Form":
                found += count(x.get("/Resources"))
        return found

    return sum(count(page["/Resources"]) for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.mark.parametrize("fmt", ["a6", "a4-sheet", "receipt-80mm"])
def test_the_slip_carries_the_logo_except_when_discreet(fmt, slip_text):
    bundle = load_bundle(EXAMPLE)
    shown = render_slip(bundle, SlipRequest(format=fmt, language="pl"))
    assert _images(shown) >= 1
    assert "01632 960100" in slip_text(shown)
    assert CHILDREN_PL.split(" (")[0] in slip_text(shown).replace("\n", " ")
    assert _images(render_slip(bundle, SlipRequest(format=fmt, discreet=True))) == 0
    assert _images(render_slip(load_bundle(builtin_bundle()), SlipRequest(format=fmt))) == 0


def test_the_kiosk_shows_the_bundles_colours_logo_languages_and_words(make_kiosk):
    bundle = load_bundle(EXAMPLE)
    r = make_kiosk(content=bundle)
    assert r.kiosk.display.palette["primary"] == "#1d5c4d"
    assert r.kiosk.display.palette["urgent"] == "#a8192e"
    r.kiosk.display.setHighContrast(True)
    assert r.kiosk.display.palette == theme.HIGH_CONTRAST  # a resident's choice wins
    r.kiosk.display.setHighContrast(False)
    logo = r.find("partnershipLogo")
    assert logo.isVisible() and logo.height() >= 72
    painted = logo.property("paintedWidth")
    assert 200 < painted <= 320, "the logo's image loaded and keeps its shape (360x96)"
    assert [lang["code"] for lang in r.kiosk.session.languages] == ["en_GB", "pl"]
    r.kiosk.session.setLanguage("pl")
    r.settle()
    r.show("answer:child")
    assert any(CHILDREN_PL in t for t in r.texts()), r.texts()


def test_a_kiosk_whose_default_language_the_bundle_lacks_starts_in_english(make_kiosk):
    r = make_kiosk(content=load_bundle(EXAMPLE), default_language="ar")
    assert r.kiosk.session.language == "en_GB"


def test_staff_see_why_a_look_was_left_out(make_kiosk, example: Path):
    edit(example, "bundle.toml", 'urgent = "#a8192e"', 'urgent = "red"')
    r = make_kiosk(content=load_bundle(example))
    assert r.kiosk.display.palette["primary"] == theme.STANDARD["primary"]
    assert any("theme.urgent" in n and "should be a colour" in n for n in r.kiosk.staff_notices())


def test_staff_notices_follow_the_content_that_is_running(make_kiosk, example: Path, tmp_path: Path):
    old = shutil.copytree(builtin_bundle(), tmp_path / "wigan")
    for folder in (old, example):
        text = (folder / "contacts.toml").read_text(encoding="utf-8")
        text = re.sub(r"last_checked = \S+", "last_checked = 2020-01-01", text)
        (folder / "contacts.toml").write_text(text, encoding="utf-8")
    wigan, example = load_bundle(old), load_bundle(example)
    r = make_kiosk(content=wigan, review_months=1, bundle_problems=["the configured bundle was refused"])
    before = r.kiosk.staff_notices()
    assert "the configured bundle was refused" in before
    assert any("Children's Social Care" in n and "last checked" in n for n in before), before
    r.kiosk.use_bundle(example)
    after = r.kiosk.staff_notices()
    assert "the configured bundle was refused" not in after
    assert not any("Children's Social Care" in n for n in after)
    assert any(CHILDREN in n and "last checked" in n for n in after), after
    assert [lang["code"] for lang in r.kiosk.session.languages] == ["en_GB", "pl"]
    assert r.kiosk.display.palette["primary"] == "#1d5c4d"
