"""The content bundle: the published contacts exactly, and clear errors for staff when it is wrong."""

from __future__ import annotations

import shutil
from datetime import date

import pytest

from kiosk.core.content.loader import BundleError, load_bundle
from kiosk.core.resources import builtin_bundle

# As printed in the Wigan Safeguarding Partnership Children's Annual Report 2019/20.
PUBLISHED = {
    "emergency": ("999", None),
    "childrens_social_care": ("01942 828300", None),
    "adults_social_care": ("01942 828777", None),
    "nspcc_whistleblowing": ("0800 028 0285", "help@nspcc.org.uk"),
}


def test_builtin_contacts_are_exactly_the_published_ones(bundle):
    assert {c.id: (c.phone, c.email) for c in bundle.contacts.values()} == PUBLISHED
    for contact in bundle.contacts.values():
        assert contact.source.title == "Wigan Safeguarding Partnership Children's Annual Report 2019/20"
        assert contact.source_page and contact.who_for and contact.when_to_use
        assert isinstance(contact.last_checked, date)


def test_builtin_content_covers_every_abuse_type(bundle):
    children = [t.title for t in bundle.abuse_types_in("children")]
    adults = [t.title for t in bundle.abuse_types_in("adults")]
    assert len(children) == 11 and len(adults) == 10
    for needed in (
        "Female genital mutilation",
        "Forced marriage",
        "Radicalisation",
        "Online abuse",
        "Child criminal exploitation",
        "Child sexual exploitation",
    ):
        assert any(needed in t for t in children), needed
    for needed in (
        "Modern slavery",
        "Self-neglect",
        "Organisational abuse",
        "Discriminatory abuse",
        "Financial or material abuse",
    ):
        assert any(needed in t for t in adults), needed


def test_builtin_text_is_short_sentences(bundle):
    """Reading age about 9: GOV.UK asks for sentences of about 15 words at most."""
    import re

    texts = [line for t in bundle.abuse_types for line in (*t.what_it_is, *t.signs, *t.what_you_can_do)]
    texts += [p for s in bundle.guidance for p in (*s.paragraphs, *s.points)]
    sentences = [s for text in texts for s in re.split(r"(?<=[.?!])\s+", text) if s]
    longest = max(sentences, key=lambda s: len(s.split()))
    assert len(longest.split()) <= 16, longest
    assert sum(len(s.split()) for s in sentences) / len(sentences) < 12


@pytest.fixture
def copy(tmp_path):
    folder = tmp_path / "bundle"
    shutil.copytree(builtin_bundle(), folder)
    return folder


def edit(folder, name, old, new):
    path = folder / name
    text = path.read_text()
    assert old in text, f"test setup: {old!r} not in {name}"
    path.write_text(text.replace(old, new, 1))


def problems_of(folder) -> list[str]:
    with pytest.raises(BundleError) as caught:
        load_bundle(folder)
    return [str(p) for p in caught.value.problems]


def test_missing_folder():
    (problem,) = problems_of("/nonexistent/bundle")
    assert "does not exist" in problem


def test_missing_file(copy):
    (copy / "contacts.toml").unlink()
    (problem,) = problems_of(copy)
    assert problem.startswith("contacts.toml: (file): missing")


def test_broken_toml_names_the_line(copy):
    edit(copy, "journey.toml", 'title = "Is the child in danger right now?"', 'title = "Is the child')
    (problem,) = problems_of(copy)
    assert problem.startswith("journey.toml") and "not valid TOML" in problem and "line" in problem


def test_not_utf8(copy):
    (copy / "guidance.toml").write_bytes(b'title = "caf\xe9"\n')
    (problem,) = problems_of(copy)
    assert "guidance.toml" in problem and "UTF-8" in problem


def test_changed_number_is_refused_with_file_field_and_line(copy):
    edit(copy, "contacts.toml", '"01942 828300"', '"01942 82830O"')
    (problem,) = problems_of(copy)
    assert problem.startswith("contacts.toml:19: contact[1].phone:"), problem
    assert "01942 82830O" in problem


def test_number_typed_into_text_is_refused(copy):
    edit(copy, "guidance.toml", "call {emergency}.", "call 999.")
    (problem,) = problems_of(copy)
    assert problem.startswith("guidance.toml:") and "section[2].paragraphs[0]" in problem
    assert "placeholder" in problem


def test_unknown_placeholder(copy):
    edit(copy, "abuse_types.toml", "{emergency}", "{emergancy}")
    (problem,) = problems_of(copy)
    assert "abuse_types.toml" in problem and "{emergancy}" in problem and "known:" in problem


def test_missing_field_and_wrong_type_are_all_reported(copy):
    edit(copy, "contacts.toml", 'who_for = "Someone is in danger right now."\n', "")
    edit(copy, "abuse_types.toml", 'contact = "childrens_social_care"', "contact = 7")
    problems = problems_of(copy)
    assert any("contact[0].who_for: is missing" in p for p in problems)
    assert any("contact: should be str, not int" in p for p in problems)


def test_unknown_screen_target(copy):
    edit(copy, "journey.toml", 'target = "question:child"', 'target = "question:kid"')
    problems = problems_of(copy)
    assert any("home.choice[1].target" in p and "question:kid" in p for p in problems)
    assert any("question 'child'" in p and "no choice leads here" in p for p in problems)


def test_unknown_contact_in_concern(copy):
    edit(copy, "journey.toml", 'contacts = ["emergency"]\nslip_lines', 'contacts = ["police"]\nslip_lines')
    problems = problems_of(copy)
    assert any("concern[0].contacts" in p and "'police'" in p for p in problems)


def test_discreet_text_that_gives_the_concern_away(copy):
    edit(copy, "contacts.toml", 'discreet_name = "Helpline"', 'discreet_name = "NSPCC"')
    (problem,) = problems_of(copy)
    assert "contact[3].discreet_name" in problem and "nspcc" in problem


def test_huge_file_is_refused(copy):
    (copy / "guidance.toml").write_text("# x\n" * 400_000)
    (problem,) = problems_of(copy)
    assert "guidance.toml" in problem and "larger than" in problem


def test_a_bad_configured_bundle_falls_back_to_the_builtin(copy):
    from kiosk.core.startup import load_content

    (copy / "journey.toml").write_text("nonsense = [")
    bundle, problems = load_content(copy)
    assert bundle.id == "wigan" and bundle.path == builtin_bundle()
    assert problems and problems[0].startswith("journey.toml")


def test_cli_slip_with_a_bad_bundle_names_the_problem(copy, tmp_path, capsys):
    from kiosk.cli import main

    edit(copy, "contacts.toml", '"999"', '"99"')
    assert main(["slip", "--bundle", str(copy), "--output", str(tmp_path / "x.pdf")]) == 2
    err = capsys.readouterr().err
    assert "contacts.toml:" in err and "contact[0].phone" in err
    assert not (tmp_path / "x.pdf").exists()
