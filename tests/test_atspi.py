"""What a blind resident gets, read with a real screen-reader client through AT-SPI (pyatspi under
Xvfb, as Orca reads it) and walked with keys only: home, a child question, the answer; the language
picker, Urdu; Easy Read. After every step the focus is on the new screen, every control that shows
has a clean name and the language's locale, the number is reachable by Tab, the picker traps Tab.

The kiosk runs as a real X11 window on its own Xvfb, D-Bus session and AT-SPI bus (tests/atspi_desktop.py);
the client is the system's Python with python3-pyatspi (tests/atspi_client.py). With CI=true a
missing tool fails the test instead of skipping it.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import unicodedata
from pathlib import Path

import pytest

from tests import atspi_desktop

WIDTH, HEIGHT = 1366, 768
MISSING = atspi_desktop.missing_tools()
CI = os.environ.get("CI") == "true"
pytestmark = pytest.mark.skipif(
    bool(MISSING) and not CI,
    reason=f"needs {' '.join(MISSING)} (apt-get install xvfb dbus-daemon at-spi2-core python3-pyatspi)",
)
NO_ORCA = atspi_desktop.missing_orca()
CONTROLS = {"push button", "check box", "toggle button", "radio button", "link", "menu item", "combo box"}
NUMBER = "01942 828300"
URDU = "اردو"


@pytest.fixture(scope="module")
def walked(bundle, tmp_path_factory):
    """One keyboard walk through the kiosk, recorded by the client step by step."""
    assert not MISSING, f"the AT-SPI test needs: {' '.join(MISSING)}"
    folder = tmp_path_factory.mktemp("atspi")
    home_child = next(c.label for c in bundle.home if c.target == "question:child")
    to_answer = next(o.label for o in bundle.questions["child"].options if o.target == "answer:child")
    journey = [
        {"name": "question", "tab_to": home_child},
        {"name": "answer", "tab_to": to_answer, "tab_cycle": 16},
        {"name": "picker", "tab_to": "Language", "tab_cycle": 23},
        {"name": "urdu", "tab_to": URDU},
        {"name": "picker-escape", "tab_to": "زبان", "keys": ["Escape"]},
        {"name": "easy-read", "tab_to": "Easy Read", "tab_cycle": 20},
    ]
    log = folder / "kiosk.log"
    with (
        atspi_desktop.desktop(folder, WIDTH, HEIGHT) as env,
        atspi_desktop.kiosk(env, log, "--windowed", "--size", f"{WIDTH}x{HEIGHT}") as process,
        contextlib.ExitStack() as stack,
    ):
        speech = None
        if not NO_ORCA:  # Orca listens to the same walk and says what a blind resident hears
            speech = stack.enter_context(atspi_desktop.orca(env, folder))
            env = {**env, "ATSPI_WAIT_FOR_ORCA": "1"}
        try:
            records = atspi_desktop.walk(env, journey, folder)
        finally:
            atspi_desktop.check_running(process, log)
    if speech is not None:
        out = folder / "orca.out"
        records.append(
            {
                "step": "orca",
                "spoken": atspi_desktop.spoken(speech),
                "started": any(r.get("ok") for r in records if r["step"] == "orca-started"),
                "output": out.read_text(errors="replace")[-2000:] if out.exists() else "",
            }
        )
    if os.environ.get("KIOSK_ATSPI_RECORD"):  # for a person reading what the client got
        Path(os.environ["KIOSK_ATSPI_RECORD"]).write_text(json.dumps(records, indent=1, ensure_ascii=False))
    return {record["step"]: record for record in records}


def name_problems(name: str) -> list[str]:
    problems = []
    if not name.strip():
        problems.append("empty")
    if name != name.strip():
        problems.append("spaces at an end")
    if re.search(r"[.?!:;,،؟۔。？！]\s*[.:;,،۔。]", name):
        problems.append("doubled punctuation")
    if any(unicodedata.category(c) == "Cf" for c in name):
        problems.append("invisible formatting characters (bidi isolates)")
    return problems


def showing_controls(record):
    return [n for n in record["nodes"] if n["showing"] and n["role"] in CONTROLS]


def check_focus_moved_to_new_screen(record, heading: str | None = None):
    focus = record["focus"]
    assert focus is not None, f"{record['step']}: nothing has the focus a second later"
    assert focus["role"] == "heading", f"{record['step']}: focus on {focus}, not the new screen's heading"
    if heading is not None:
        assert focus["name"] == heading
    announced = [e["name"] for e in record["focus_events"]]
    assert focus["name"] in announced, f"{record['step']}: no focus event for the heading ({announced})"


def check_clean_tree(record, locale: str):
    found = {}
    for n in record["nodes"]:
        problems = []
        if n["showing"] or n["focusable"]:
            problems += name_problems(n["name"]) if n["role"] != "filler" else []
        if n["role"] in CONTROLS and not n["showing"] and n["size"] == [0, 0]:
            problems.append("hidden control left in the tree")
        if n["role"] == "image":
            problems.append("decoration or a duplicate of its label in the tree")
        if not (n["locale"] or "").startswith(locale):
            problems.append(f"locale {n['locale']!r}")
        if n["actions"] != sorted(set(n["actions"]), key=n["actions"].index):
            problems.append(f"actions listed twice {n['actions']}")
        if problems:
            found[f"{n['role']} {n['name']!r}"] = problems
    names = [n["name"] for n in showing_controls(record)]
    twins = {name for name in names if names.count(name) > 1}
    assert not twins, f"{record['step']}: controls with the same name: {twins}"
    assert not found, f"{record['step']}: {found}"


def test_focus_moves_to_each_new_screen_and_its_heading_is_announced(walked, bundle):
    check_focus_moved_to_new_screen(walked["question"], bundle.questions["child"].title)
    check_focus_moved_to_new_screen(walked["answer"], bundle.answers["child"].heading)
    check_focus_moved_to_new_screen(walked["easy-read"])


def test_after_the_heading_tab_goes_into_the_screen_not_back_to_the_top_bar(walked):
    first = walked["answer"]["cycle"][0]["focus"]
    assert first is not None and "828300" in first["name"], first


def test_every_showing_control_has_a_clean_name_and_the_languages_locale(walked):
    for step, locale in [("start", "en"), ("question", "en"), ("answer", "en"), ("urdu", "ur")]:
        check_clean_tree(walked[step], locale)
    check_clean_tree(walked["easy-read"], "en")


def test_the_number_card_is_in_the_tab_order_with_its_digits_intact(walked):
    cycle = [step["focus"] for step in walked["answer"]["cycle"] if step["focus"]]
    names = [f["name"] for f in cycle]
    assert f"Wigan Children's Social Care, {NUMBER}" in names, names


def test_text_below_the_fold_shows_when_tab_reaches_it(walked):
    """Flat review reads only what is showing. Each text must be showing when the focus first comes
    to the Tab stop just before it (its section's heading, say), not only once Tab has gone past."""
    record = walked["answer"]
    steps = [(record["focus"], {n["name"] for n in record["nodes"] if n["showing"]})]
    steps += [(step["focus"], set(step["showing"])) for step in record["cycle"]]
    stops = {focus["name"] for focus, _ in steps if focus}
    never, anchor = {}, None
    for n in record["nodes"]:
        if n["name"] in stops:
            anchor = n["name"]
        if n["role"] in ("label", "heading") and n["name"] and anchor:
            shown = next(shown for focus, shown in steps if focus and focus["name"] == anchor)
            if n["name"] not in shown:
                never[n["name"]] = f"not showing when the focus comes to {anchor!r}"
    assert not never, never


def test_the_language_picker_is_a_modal_dialog_that_traps_tab(walked):
    record = walked["picker"]
    dialogs = [n for n in record["nodes"] if n["role"] == "dialog"]
    assert dialogs, "no dialog role"
    assert all(d["modal"] for d in dialogs), "the dialog is not modal"
    focus = record["focus"]
    assert focus is not None and focus["dialog"], f"the focus stayed under the picker: {focus}"
    covered = [n["name"] for n in showing_controls(record) if not n["dialog"]]
    assert not covered, f"controls of the covered screen still showing: {covered}"
    outside = [s["focus"]["name"] for s in record["cycle"] if s["focus"] is None or not s["focus"]["dialog"]]
    assert not outside, f"Tab left the picker: {outside}"


def test_choosing_a_language_gives_the_focus_back_to_language(walked):
    for step in ("urdu", "picker-escape"):
        record = walked[step]
        assert not [n for n in record["nodes"] if n["role"] == "dialog"], f"{step}: the picker is still open"
        focus = record["focus"]
        assert focus is not None and focus["name"].startswith("زبان"), f"{step}: focus on {focus}"


def test_urdu_controls_have_distinct_names_and_the_number_is_intact(walked):
    record = walked["urdu"]
    names = [n["name"] for n in record["nodes"] if n["role"] in CONTROLS]
    assert len(names) == len(set(names)), sorted(names)
    assert any(NUMBER in n["name"] for n in record["nodes"]), "the number in Urdu"


def test_easy_read_exposes_each_line_once_and_no_pictures(walked):
    record = walked["easy-read"]
    texts = [n["name"] for n in record["nodes"] if n["role"] in ("label", "static") and n["name"]]
    twice = {t for t in texts if texts.count(t) > 1}
    assert not twice, twice
    contained = {t for t in texts for other in texts if t != other and t in other}
    assert not contained, f"exposed twice (a paragraph and its lines): {contained}"
    assert not [n for n in record["nodes"] if n["role"] == "image"]
    cycle = [s["focus"]["name"] for s in record["cycle"] if s["focus"]]
    assert any(NUMBER in name for name in cycle), cycle


needs_orca = pytest.mark.skipif(
    bool(NO_ORCA) and not CI, reason=f"needs {' '.join(NO_ORCA)} (apt-get install orca)"
)


def said_after(spoken: list[str], control: str, key: str = "return") -> list[str]:
    """What Orca said after `key` was pressed on the control it had announced as `control`."""
    for i, utterance in enumerate(spoken):
        if utterance.startswith(control):
            rest = spoken[i + 1 :]
            keys = [j for j, said in enumerate(rest) if said.strip() == key]
            if keys and all(not said.startswith(control) for said in rest[: keys[0]]):
                return [said for said in rest[keys[0] + 1 :][:3] if said.strip() != "tab"]
    raise AssertionError(f"Orca never announced {control!r} and then {key!r}: {spoken}")


def orca_said(walked) -> list[str]:
    assert not NO_ORCA, f"the Orca test needs: {' '.join(NO_ORCA)}"
    orca = walked["orca"]
    assert orca["started"], f"Orca did not start (another Orca of this user running?): {orca['output']}"
    return orca["spoken"]


@needs_orca
def test_orca_announces_the_new_screens_heading_after_enter(walked, bundle):
    spoken = orca_said(walked)
    title = bundle.questions["child"].title
    assert said_after(spoken, "I'm worried about a child")[0] == f"{title} heading."
    answer = bundle.answers["child"].heading
    assert said_after(spoken, "No, but I am worried")[0] == f"{answer} heading."
    assert f"Wigan Children's Social Care, {NUMBER} label." in spoken


@needs_orca
def test_orca_announces_the_picker_as_a_dialog_and_comes_back_to_language(walked):
    spoken = orca_said(walked)
    opened = said_after(spoken, "Language: English")[:2]
    assert opened == ["Choose your language dialog", "English push button."]
    assert said_after(spoken, URDU)[0].startswith("زبان: اردو push button")
    assert said_after(spoken, "اردو push button", key="escape")[0].startswith("زبان: اردو push button")
