"""Every path a resident can take, by tapping, checking what the screen then shows."""

from __future__ import annotations

import pytest

from kiosk.core.slips.render import SlipRequest, render_slip
from tests.driver import card_numbers, expected_numbers

PUBLISHED = {"999", "01942 828300", "01942 828777", "0800 028 0285", "help@nspcc.org.uk"}


def test_home_offers_every_choice_the_partnership_lists(make_kiosk, bundle):
    r = make_kiosk()
    assert r.screen == "home"
    assert "Worried about a child or an adult?" in r.texts()
    for choice in bundle.home:
        assert r.find(f"go:{choice.target}")
        assert choice.label in r.texts()


@pytest.mark.parametrize("question", ["child", "adult", "worker"])
def test_danger_now_always_leads_to_999(make_kiosk, question):
    r = make_kiosk()
    r.tap(f"go:question:{question}")
    assert r.screen == "question"
    r.tap("go:answer:danger")
    assert r.screen == "answer"
    assert "Call 999 now" in r.texts()
    assert "999" in r.texts()


def test_danger_from_home_is_one_tap(make_kiosk):
    r = make_kiosk()
    r.tap("go:answer:danger")
    assert (r.screen, r.kiosk.session.arg) == ("answer", "danger")
    assert "999" in r.texts()


@pytest.mark.parametrize(
    "question, number, who",
    [
        ("child", "01942 828300", "Wigan Children's Social Care"),
        ("adult", "01942 828777", "Wigan Adults Social Care"),
        ("worker", "0800 028 0285", "NSPCC whistleblowing helpline"),
    ],
)
def test_worried_path_ends_on_one_clear_number(make_kiosk, question, number, who):
    r = make_kiosk()
    r.tap(f"go:question:{question}")
    r.tap(f"go:answer:{question}")
    texts = r.texts()
    assert number in texts, "the number stands alone, in its own large text"
    assert who in texts
    assert "They may ask you" in texts
    big = [i for i in r.items() if i.objectName() == "number"]
    assert big and big[0].property("font").pixelSize() >= 80


def test_worker_answer_gives_the_email_too(make_kiosk):
    r = make_kiosk()
    r.tap("go:question:worker")
    r.tap("go:answer:worker")
    assert "help@nspcc.org.uk" in r.texts()
    assert any("manager or the head teacher" in t for t in r.texts())


@pytest.mark.parametrize("concern", ["danger", "child", "adult", "worker"])
def test_answer_to_take_away_shows_the_same_numbers_as_the_qr_code(make_kiosk, bundle, concern):
    r = make_kiosk()
    r.tap("go:answer:danger" if concern == "danger" else f"go:question:{concern}")
    if concern != "danger":
        r.tap(f"go:answer:{concern}")
    r.tap(f"go:take:{concern}")
    assert r.screen == "take"
    phones, emails = expected_numbers(bundle, concern)
    for number in phones + emails:
        assert number in r.texts()
    shown = {t for t in r.texts() if t in PUBLISHED}
    assert shown == set(phones + emails), "no other contact's number is shown"
    r.scroll_to("qrCode")
    payloads = r.qr_payloads()
    assert len(payloads) == 1
    assert card_numbers(payloads[0]) == (phones, emails)


def test_take_the_numbers_from_home_has_every_contact(make_kiosk, bundle):
    r = make_kiosk()
    r.tap("go:take:all")
    assert {t for t in r.texts() if t in PUBLISHED} == PUBLISHED
    r.scroll_to("qrCode")
    (payload,) = r.qr_payloads()
    assert card_numbers(payload) == expected_numbers(bundle, "all")


def test_a_qr_code_asked_for_before_its_image_provider_is_there_comes_with_it(make_kiosk, bundle):
    # The image providers are added just after the first frame; a tap held on the start-up picture
    # can reach the take-away screen before that.
    r = make_kiosk()
    r.qtbot.waitUntil(lambda: r.kiosk.qr_provider is not None)
    r.kiosk.content._images = False
    r.kiosk.content.imagesChanged.emit()
    r.tap("go:take:all")
    r.scroll_to("qrCode")
    assert r.find("qrCode").property("source").toString() == ""
    r.kiosk.content.images_ready()
    r.settle()
    (payload,) = r.qr_payloads()
    assert card_numbers(payload) == expected_numbers(bundle, "all")


def test_abuse_types_list_children_and_adults_and_open_each(make_kiosk, bundle):
    r = make_kiosk()
    r.tap("go:abuse-types")
    assert r.screen == "abuse-types"
    for group in bundle.abuse_groups:
        assert group.title in r.texts()
    for abuse in bundle.abuse_types:
        r.tap(f"go:abuse:{abuse.id}")
        assert (r.screen, r.kiosk.session.arg) == ("abuse", abuse.id)
        texts = r.texts()
        assert abuse.title in texts
        assert "Signs you might notice" in texts
        for sign in abuse.signs:
            assert sign in texts
        assert bundle.contacts[abuse.contact].phone in texts
        r.tap("back")
        assert r.screen == "abuse-types"
    assert len(bundle.abuse_types_in("children")) == 11
    assert len(bundle.abuse_types_in("adults")) == 10


def test_abuse_page_leads_to_the_right_numbers(make_kiosk, bundle):
    r = make_kiosk()
    r.tap("go:abuse-types")
    r.tap("go:abuse:adult-financial")
    r.tap("go:take:adult")
    assert "01942 828777" in r.texts()


def test_guidance_screen_tells_how_to_respond(make_kiosk):
    r = make_kiosk()
    r.tap("go:guidance")
    text = r.text()
    assert "Listen calmly. Let them talk." in text
    assert "Tell them it is not their fault." in text
    assert "You do not need to be sure. It is fine to share a worry." in text
    for question in (
        "Who is it about?",
        "Where are they?",
        "What did you see or hear?",
        "When did it happen?",
        "Are they in danger now?",
    ):
        assert question in text
    assert "call 999" in text
    assert "0800 028 0285" in text and "help@nspcc.org.uk" in text


def test_back_and_start_again(make_kiosk):
    r = make_kiosk()
    assert not r.has("back") and not r.has("home")
    r.tap("go:question:adult")
    r.tap("go:answer:adult")
    r.tap("back")
    assert r.screen == "question"
    r.tap("go:answer:adult")
    r.tap("home")
    assert r.screen == "home"
    assert r.kiosk.session.depth == 1


def test_print_a_slip_by_tapping_always_leaves_a_way_forward(make_kiosk, bundle):
    """Real printing is tested against CUPS in test_printing.py; whatever the printer does, the
    resident gets a message and the numbers and the QR code stay on screen."""
    r = make_kiosk()
    r.tap("go:question:child")
    r.tap("go:answer:child")
    r.tap("go:take:child")
    r.tap("makeSlip")
    r.qtbot.waitUntil(lambda: r.kiosk.slips.state in ("printed", "failed"), timeout=10000)
    assert r.find("slipStatus").property("text")
    for number in expected_numbers(bundle, "child")[0]:
        assert number in r.texts()
    assert r.find("qrCode")


def test_plain_title_changes_screen_qr_and_slip(make_kiosk, bundle, slip_text):
    r = make_kiosk()
    r.tap("go:question:worker")
    r.tap("go:answer:worker")
    r.tap("go:take:worker")
    r.tap("discreetToggle")
    assert r.kiosk.session.discreet
    assert "Useful numbers" in r.texts()
    assert "help@nspcc.org.uk" not in r.texts(), "the email names the service, so a plain card leaves it out"
    r.scroll_to("qrCode")
    (payload,) = r.qr_payloads()
    assert card_numbers(payload) == expected_numbers(bundle, "worker", discreet=True)
    # What "Print a slip" sends now (test_printing.py reads back what a real queue receives).
    text = slip_text(render_slip(bundle, SlipRequest(concern="worker", discreet=True))).lower()
    for word in bundle.discreet.forbidden_words:
        assert word not in text
        assert word not in payload.lower()


def test_a_print_failure_brings_the_qr_code_into_view(make_kiosk):
    r = make_kiosk(1366, 768)
    r.tap("go:take:all")
    r.kiosk.slips.set_site(printer="no-such-printer-here")
    r.tap("makeSlip")
    r.qtbot.waitUntil(lambda: r.kiosk.slips.state == "failed", timeout=10000)
    r.settle()
    qr = r.find("qrCode")
    top = qr.mapToScene(qr.boundingRect().topLeft()).y()
    bottom = qr.mapToScene(qr.boundingRect().bottomLeft()).y()
    assert top >= 0 and bottom <= r.window.height(), (top, bottom)
