"""The whole journey on every bundle we ship (Wigan and a fictional partnership), so nothing
Wigan-specific hides in code: every number a resident sees comes from the bundle in use."""

from __future__ import annotations

import pytest

from kiosk.core.content.loader import load_bundle
from kiosk.core.content.text import plain
from kiosk.core.resources import data_dir
from kiosk.core.slips.render import SlipRequest, render_slip
from tests.driver import card_numbers, expected_numbers

BUNDLES = sorted(p.name for p in data_dir("bundles").iterdir() if (p / "bundle.toml").is_file())


@pytest.fixture(params=BUNDLES)
def any_bundle(request):
    return load_bundle(data_dir("bundles") / request.param)


def published(bundle) -> set[str]:
    return {v for c in bundle.contacts.values() for v in (c.phone, c.email) if v}


def test_both_bundles_ship():
    assert {"wigan", "example"} <= set(BUNDLES)


def test_every_path_by_tapping(make_kiosk, any_bundle):
    r = make_kiosk(content=any_bundle)
    assert plain(any_bundle.title) in r.texts()
    numbers = published(any_bundle)
    for choice in any_bundle.home:
        r.tap(f"go:{choice.target}")
        kind, _, arg = choice.target.partition(":")
        assert r.screen == kind
        if kind == "question":
            for option in any_bundle.questions[arg].options:
                r.tap(f"go:{option.target}")
                answer = any_bundle.answers[option.target.partition(":")[2]]
                shown = {t for t in r.texts() if t in numbers}
                wanted = {v for c in answer.contacts for v in (any_bundle.contacts[c].phone,) if v}
                assert wanted <= shown, (option.target, shown)
                r.tap(f"go:take:{answer.concern}")
                r.scroll_to("qrCode")
                (payload,) = r.qr_payloads()
                assert card_numbers(payload) == expected_numbers(any_bundle, answer.concern)
                r.tap("back")
                r.tap("back")
        if r.has("home"):
            r.tap("home")
        assert r.screen == "home"


def test_every_abuse_page_opens(make_kiosk, any_bundle):
    r = make_kiosk(content=any_bundle)
    r.tap("go:abuse-types")
    for abuse in any_bundle.abuse_types:
        r.tap(f"go:abuse:{abuse.id}")
        assert abuse.title in r.texts()
        assert any_bundle.contacts[abuse.contact].primary in r.texts()
        r.tap("back")


def test_every_slip_carries_this_bundles_numbers(any_bundle, slip_text):
    for concern in any_bundle.concerns:
        text = slip_text(render_slip(any_bundle, SlipRequest(concern=concern)))
        phones, emails = expected_numbers(any_bundle, concern)
        for number in phones + emails:
            assert number in text
        others = {c.phone for c in any_bundle.contacts.values() if c.phone} - set(phones)
        assert not [n for n in others if n in text]
