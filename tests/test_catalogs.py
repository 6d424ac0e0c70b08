"""The gettext catalogs match the code, and the compiled catalog is the one the kiosk resolves."""

from __future__ import annotations

import gettext
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from kiosk.core import i18n

ROOT = Path(__file__).resolve().parents[1]
TRANSLATIONS = ROOT / "translations"
QML = ROOT / "kiosk" / "ui" / "qml"
PO_FILES = sorted(TRANSLATIONS.glob("*/LC_MESSAGES/kiosk.po"))
# A phone number is a run of digits, maybe spaced; 999 alone is one too.
PHONE_LIKE = re.compile(r"\d[\d ]{2,}\d|\b999\b")
QSTR_LITERAL = re.compile(r"""\bqsTr\(\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')""")


def _read(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as fh:
        return read_po(fh, locale=locale)


def _msgids(catalog: Catalog) -> set[str]:
    return {message.id if isinstance(message.id, str) else message.id[0] for message in catalog if message.id}


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    """What `make extract` would write now (same mapping file, same keywords)."""
    pot = tmp_path_factory.mktemp("catalogs") / "kiosk.pot"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "--quiet",
            "extract",
            "-F",
            "babel.cfg",
            "-k",
            "qsTr",
            "-o",
            str(pot),
            ".",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, f"pybabel extract failed:\n{result.stdout}{result.stderr}"
    return _read(pot)


def test_extraction_finds_python_and_qml_strings(template: Catalog) -> None:
    ids = _msgids(template)
    assert "Leave quickly" in ids
    assert "Scan with your phone camera to save these numbers." in ids


def test_every_qstr_in_qml_is_extracted(template: Catalog) -> None:
    """Babel reads QML with its JavaScript tokenizer; catch any string it silently skips."""
    ids = _msgids(template)
    seen, missed = set(), {}
    for path in sorted(QML.rglob("*.qml")):
        for match in QSTR_LITERAL.finditer(path.read_text(encoding="utf-8")):
            literal = match.group(1) if match.group(1) is not None else match.group(2)
            text = re.sub(r"\\(.)", r"\1", literal)
            seen.add(text)
            if text not in ids:
                missed[text] = path.relative_to(ROOT).as_posix()
    assert "Leave quickly" in seen, "the qsTr() scan found nothing; has the QML moved?"
    assert not missed, f"qsTr() strings Babel did not extract: {missed}"


def test_committed_template_is_up_to_date(template: Catalog) -> None:
    committed = _msgids(_read(TRANSLATIONS / "kiosk.pot"))
    current = _msgids(template)
    assert committed == current, (
        "translations/kiosk.pot is out of date; run `make extract` and commit the result. "
        f"New: {sorted(current - committed)}; gone: {sorted(committed - current)}"
    )


@pytest.mark.parametrize("po_path", PO_FILES, ids=lambda p: p.parent.parent.name)
def test_catalog_has_every_message(template: Catalog, po_path: Path) -> None:
    missing = _msgids(template) - _msgids(_read(po_path))
    assert not missing, f"{po_path.relative_to(ROOT)} lacks {sorted(missing)}; run `make extract`"


@pytest.mark.parametrize("po_path", PO_FILES, ids=lambda p: p.parent.parent.name)
def test_catalog_has_no_format_errors(po_path: Path) -> None:
    catalog = _read(po_path, locale=po_path.parent.parent.name)
    problems = [(message.id, [str(e) for e in errors]) for message, errors in catalog.check()]
    assert not problems, f"{po_path.relative_to(ROOT)}: {problems}"


def test_source_language_catalog_exists() -> None:
    assert TRANSLATIONS / i18n.SOURCE_LANGUAGE / "LC_MESSAGES" / "kiosk.po" in PO_FILES


def test_no_phone_numbers_in_translatable_text(template: Catalog) -> None:
    """Numbers come from the contact bundle, never from text a translator could mistype."""
    offending = sorted(message_id for message_id in _msgids(template) if PHONE_LIKE.search(message_id))
    assert not offending, f"translatable strings with a phone-number-like run of digits: {offending}"


def test_source_language_resolves_through_compiled_catalog() -> None:
    catalog = i18n.translation(i18n.SOURCE_LANGUAGE)
    assert isinstance(catalog, gettext.GNUTranslations), (
        f"no compiled {i18n.SOURCE_LANGUAGE} catalog under {i18n.translations_dir()}; run `make catalogs`"
    )
    assert catalog.info().get("language") == i18n.SOURCE_LANGUAGE
    for message_id in sorted(_msgids(_read(TRANSLATIONS / "kiosk.pot"))):
        assert catalog.gettext(message_id) == message_id


PLACEHOLDER = re.compile(r"\{[a-z_]+\}|%\d")
TRANSLATED = [p for p in PO_FILES if p.parent.parent.name != i18n.SOURCE_LANGUAGE]


@pytest.mark.parametrize("po_path", TRANSLATED, ids=lambda p: p.parent.parent.name)
def test_translation_is_complete_and_keeps_every_placeholder(po_path: Path) -> None:
    """Numbers come only through placeholders: a translation may not drop, add or alter one,
    nor type a number of its own (digits of any script)."""
    problems = []
    for message in _read(po_path):
        if not message.id:
            continue
        text = message.string
        if not text or message.fuzzy:
            problems.append(f"untranslated: {message.id!r}")
            continue
        if sorted(PLACEHOLDER.findall(message.id)) != sorted(PLACEHOLDER.findall(text)):
            problems.append(f"placeholders differ: {message.id!r} -> {text!r}")
        rest = PLACEHOLDER.sub("", text)
        if re.search(r"\d", rest):
            problems.append(f"a digit in {text!r}")
        if re.search(r"[{}]", rest):
            problems.append(f"a stray brace in {text!r}")
    assert not problems, problems


@pytest.mark.parametrize("po_path", TRANSLATED, ids=lambda p: p.parent.parent.name)
def test_translation_carries_its_review_status(po_path: Path) -> None:
    from kiosk.core.languages import review_status

    assert review_status(po_path) in ("draft", "reviewed")


def test_a_changed_english_text_shows_english_until_reviewed(tmp_path: Path) -> None:
    """gettext's own rule: a fuzzy entry (English changed since translation) is not used."""
    from babel.messages.mofile import write_mo

    catalog = _read(TRANSLATIONS / "pl" / "LC_MESSAGES" / "kiosk.po", locale="pl")
    message = catalog["Leave quickly"]
    assert message.string
    message.flags.add("fuzzy")
    out = tmp_path / "pl" / "LC_MESSAGES"
    out.mkdir(parents=True)
    with (out / "kiosk.mo").open("wb") as fh:
        write_mo(fh, catalog, use_fuzzy=False)
    polish = gettext.translation("kiosk", localedir=tmp_path, languages=["pl"])
    assert polish.gettext("Leave quickly") == "Leave quickly"
    assert polish.gettext("Back") == catalog["Back"].string != "Back"


def test_kiosk_languages_lists_coverage_and_review(capsys: pytest.CaptureFixture[str]) -> None:
    from kiosk.cli import main

    assert main(["languages"]) == 0
    out = capsys.readouterr().out
    assert "العربية" in out and "draft" in out and "100%" in out
