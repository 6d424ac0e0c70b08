"""Easy Read: one idea per line, a simple picture beside each idea, text of at least 16 pt."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import QPointF, QSize

from kiosk.core import easyread, i18n, languages
from kiosk.core.content.text import display_number, fill, plain
from kiosk.core.easyread import GENERIC, Idea, ideas, lines, picture_for
from kiosk.core.resources import data_dir

ICONS = data_dir("assets") / "icons"
SVG = "{http://www.w3.org/2000/svg}"
MIN_PX = 16 * 96 / 72  # 16 pt on a 96 dpi screen: 21.3 px
# Texts the screens show through Para besides the bundle's own (qsTr in the QML).
QML_PARAS = (
    "A sign is not proof. You do not need to be sure to share a worry.",
    "Choose a type of abuse to read what it is and the signs you might notice.",
    "Point your phone camera at the code to save these numbers as a contact.",
    "Please ask at the desk if you need help.",
)


# Splitting into ideas


def test_one_idea_per_sentence_and_per_line():
    assert lines("Stay calm.\nListen to the child. Do not ask lots of questions!  Is it now? Yes.") == [
        "Stay calm.",
        "Listen to the child.",
        "Do not ask lots of questions!",
        "Is it now?",
        "Yes.",
    ]
    assert lines("  \n\nOne idea.\n") == ["One idea."]
    assert lines("") == []


def test_numbers_emails_placeholders_and_quotes_stay_whole():
    number = display_number("0800 028 0285")  # as the screen shows it: isolated, no-break spaces
    text = f"Call the helpline on {number}. Or send an email to help@nspcc.org.uk. Then wait."
    assert lines(text) == [
        f"Call the helpline on {number}.",
        "Or send an email to help@nspcc.org.uk.",
        "Then wait.",
    ]
    assert lines("Call {childrens_social_care}. Ask for {name}.") == [
        "Call {childrens_social_care}.",
        "Ask for {name}.",
    ]
    assert lines("They said 'stop.' Then they left.") == ["They said 'stop.'", "Then they left."]
    # Not sentence ends: a small letter follows, or an abbreviation.
    assert lines("Bring proof, e.g. a letter. Ask Dr. Patel.") == [
        "Bring proof, e.g. a letter.",
        "Ask Dr. Patel.",
    ]


def test_ideas_keep_every_character_of_the_text():
    text = "Are you worried about an adult?\nCall Wigan Adults Social Care on {adults}."
    assert [i.text for i in ideas(text)] == text.split("\n")
    assert all(isinstance(i, Idea) for i in ideas(text))


# Choosing the picture


@pytest.mark.parametrize(
    ("line", "icon"),
    [
        ("If a child is in danger now, call 999.", "emergency"),  # 999 before "call"
        (f"If you are in danger, call {display_number('999')}.", "emergency"),
        ("Are they in danger now?", "warning"),
        ("Call Wigan Children's Social Care on 01942 828300.", "phone"),
        ("He rang and called the helpline.", "phone"),
        ("It could be calling the child nasty names.", "shout"),  # not a phone call
        ("Or send an email to help@nspcc.org.uk.", "email"),
        ("Listen calmly.", "listen"),
        ("You can still tell someone about your worry.", "tell"),  # "tell" before "worry"
        ("The child seems very sad, quiet or scared.", "feelings"),
        ("It is never your fault.", "heart"),
        ("The child has new gifts, money or a phone.", "gift"),
        ("Bills are not paid.", "money"),
        ("This could be hitting, shaking, kicking, burning or biting.", "hurt"),
        ("The child misses school a lot.", "school"),
        ("Forced marriage is a crime.", "police"),
        ("You are worried about a child or young person.", "child"),
        ("Who is it about?", "question"),
        ("This screen will clear in 30 seconds.", "clock"),
        ("Is it the blue one?", "question"),  # no rule: a question still gets a question mark
        ("Xyzzy plugh.", GENERIC),
    ],
)
def test_the_most_specific_rule_picks_the_picture(line, icon):
    assert picture_for(line, emergency=("999",)) == icon


def test_keywords_match_whole_words_and_simple_forms_only():
    assert picture_for("They worried.") == picture_for("They worry.") == "feelings"
    assert picture_for("She is scared.") == "feelings"
    assert picture_for("Stop hitting.") == "hurt"
    assert picture_for("I recall the ringtone.") == GENERIC  # "call" and "ring" inside other words
    assert picture_for("THE CHILD'S FAULT") == "heart"


# The pictures themselves


def _svgs():
    return sorted(ICONS.glob("*.svg"))


def test_every_picture_the_rules_name_is_drawn_and_every_drawing_is_used():
    drawn = {p.stem for p in _svgs()}
    named = set(easyread.icon_names())
    assert named - drawn == set(), "rules name pictures that have no SVG"
    assert drawn - named == set(), "SVG files no rule can choose"
    assert 25 <= len(drawn) <= 45


@pytest.mark.parametrize("path", _svgs(), ids=lambda p: p.stem)
def test_picture_is_a_small_48_px_svg_in_current_colour_only(path):
    source = path.read_text(encoding="utf-8")
    root = ET.fromstring(source)
    assert root.tag == f"{SVG}svg"
    assert root.get("viewBox") == "0 0 48 48"
    assert len(source) < 1200, "keep pictures simple"
    for element in root.iter():
        assert element.tag.removeprefix(SVG) in {"svg", "g", "path", "circle", "ellipse", "rect"}, element.tag
        assert element.get("style") is None
        for attribute in ("fill", "stroke", "color", "stop-color"):
            assert element.get(attribute) in (None, "none", "currentColor"), (
                attribute,
                element.get(attribute),
            )
    assert not re.search(r"#[0-9a-fA-F]{3,8}\b|rgb\(", source)


@pytest.mark.parametrize("name", ["phone", "emergency", "child"])
def test_provider_draws_the_picture_in_the_colour_asked_for(qapp, name):
    from kiosk.ui.icons import IconImageProvider

    size = QSize()
    image = IconImageProvider().requestImage(f"{name}/#c00000", size, QSize(64, 64))
    assert (size.width(), size.height()) == (64, 64)
    colours = {
        image.pixelColor(x, y).name()
        for x in range(64)
        for y in range(64)
        if image.pixelColor(x, y).alpha() == 255
    }
    assert colours == {"#c00000"}
    filled = sum(image.pixelColor(x, y).alpha() > 0 for x in range(64) for y in range(64))
    assert 0.05 < filled / 64**2 < 0.6


def test_provider_never_copies_a_strange_colour_into_the_svg():
    from kiosk.ui.icons import svg_colour

    assert svg_colour("#1a2b3c") == "#1a2b3c"
    assert svg_colour("#ff1a2b3c") == "#1a2b3c"
    assert svg_colour('red"/><script') == "#000000"


# Over everything the kiosk shows in Easy Read


def _easy_read_paragraphs(bundle) -> list[str]:
    """Every paragraph and point the screens show through Para and BulletList, as shown in Easy Read."""
    _ = i18n.translation(languages.EASY_READ).gettext
    shown = {k: v if "@" in v else display_number(v) for k, v in bundle.contact_numbers().items()}
    texts = [bundle.subtitle, *QML_PARAS]
    texts += [c.who_for for c in bundle.contacts.values()]
    for q in bundle.questions.values():
        texts += q.body
    for a in bundle.answers.values():
        texts += [a.who_answers, *a.what_to_say, *a.also]
    texts += [g.intro for g in bundle.abuse_groups]
    for t in bundle.abuse_types:
        texts += [*t.what_it_is, *t.signs, *t.what_you_can_do]
    for s in bundle.guidance:
        texts += [*s.paragraphs, *s.points]
    return [fill(_(t), shown.__getitem__) for t in texts if t]


def test_easy_read_catalog_is_short_lines_and_nearly_every_line_has_a_real_picture(bundle):
    found = [idea for text in _easy_read_paragraphs(bundle) for idea in ideas(text)]
    assert len(found) > 300
    words = {idea.text: len(idea.text.split(" ")) for idea in found}  # a shown number is one word
    longest = max(words, key=words.get)
    assert words[longest] <= 15, longest
    for idea in found:
        assert lines(idea.text) == [idea.text], "one idea per line"
    generic = [idea.text for idea in found if idea.icon == GENERIC]
    assert len(generic) / len(found) <= 0.10, generic
    # No single picture stands for everything.
    most = max(sum(i.icon == icon for i in found) for icon in easyread.icon_names())
    assert most / len(found) < 0.15


# On screen


def _pictures(r):
    return [
        i
        for i in r.items()
        if i.inherits("QQuickImage") and i.property("source").toString().startswith("image://icon/")
    ]


def _idea_rows(r):
    """(picture, its line of text) for every idea shown on the current screen."""
    rows = []
    for picture in _pictures(r):
        line = picture.parentItem()
        (text,) = [t for t in line.childItems()[-1].childItems() if t.inherits("QQuickText")]
        rows.append((picture, text))
    return rows


def _expected_ideas(r, texts) -> list[str]:
    return [idea["text"] for text in texts for idea in r.kiosk.content.ideas(text)]


def test_easy_read_puts_a_picture_beside_each_idea(make_kiosk, bundle):
    r = make_kiosk()
    r.tap("easyRead")
    assert r.kiosk.session.easyRead

    r.show("abuse:child-physical")
    info = r.kiosk.content.abuseType("child-physical")
    note = i18n.translation(languages.EASY_READ).gettext(QML_PARAS[0])
    texts = [*info["whatItIs"], *info["signs"], note, *info["whatYouCanDo"], info["contact"]["whoFor"]]
    expected = _expected_ideas(r, texts)
    rows = _idea_rows(r)
    ink = r.kiosk.display.palette["ink"].lower()
    assert [text.property("text") for _, text in rows] == expected
    assert len(expected) >= 12
    assert {plain(t) for t in expected} <= set(r.texts()), "each idea is a text people (and Listen) read"

    for picture, text in rows:
        assert picture.property("progress") == 1.0 and picture.implicitWidth() > 0, "the picture loaded"
        assert picture.property("sourceSize").width() >= 1.6 * text.property("font").pixelSize()
        assert picture.property("source").toString().lower().endswith("/" + ink)
        left = picture.mapToScene(QPointF(0, 0))
        start = text.mapToScene(QPointF(0, 0))
        assert left.x() + picture.width() <= start.x(), "picture on the leading side"
        assert start.y() < left.y() + picture.height() and left.y() < start.y() + text.height(), "level"
        assert text.property("font").pixelSize() >= MIN_PX, "Easy Read text is at least 16 pt"

    # The pictures show: dark ink where each picture in view is drawn, on a light page.
    shot = r.grab()
    in_view = [p for p, _ in rows if 0 <= p.mapToScene(QPointF(0, p.height())).y() <= r.window.height() - 150]
    assert len(in_view) >= 3
    for picture in in_view:
        corner = picture.mapToScene(QPointF(0, 0))
        box = shot.crop(
            (
                int(corner.x()),
                int(corner.y()),
                int(corner.x() + picture.width()),
                int(corner.y() + picture.height()),
            )
        )
        dark = sum(box.convert("L").histogram()[:70])  # pixels about as dark as the ink
        assert dark > 0.05 * box.width * box.height, (
            f"picture {picture.property('source').toString()} is empty"
        )


def test_guidance_in_easy_read_has_a_picture_per_idea_and_none_in_english(make_kiosk, bundle):
    r = make_kiosk(default_language=languages.EASY_READ)
    r.show("guidance")
    texts = [t for s in r.kiosk.content.guidance for t in [*s["paragraphs"], *s["points"]]]
    expected = _expected_ideas(r, texts)
    assert [text.property("text") for _, text in _idea_rows(r)] == expected
    icons = {p.property("source").toString().split("/")[3] for p, _ in _idea_rows(r)}
    assert {"listen", "tell", "phone", "emergency"} <= icons
    bullets = [i for i in r.items() if i.inherits("QQuickRectangle") and i.width() == i.height() == 12]
    assert bullets == [], "pictures take the bullets' place"

    r.kiosk.session.setLanguage("en_GB")
    r.settle()
    assert not r.kiosk.session.easyRead
    assert _pictures(r) == []
    paragraph = bundle.guidance[0].paragraphs[0]
    assert paragraph in r.texts(), "English paragraphs stay whole"
    r.show("abuse:child-physical")
    assert _pictures(r) == []


def test_high_contrast_draws_the_pictures_in_its_own_ink(make_kiosk):
    r = make_kiosk(default_language=languages.EASY_READ)
    r.show("answer:danger")
    before = {p.property("source").toString() for p in _pictures(r)}
    r.kiosk.display.setHighContrast(True)
    r.settle()
    ink = r.kiosk.display.palette["ink"].lower()
    after = {p.property("source").toString() for p in _pictures(r)}
    assert before and after and before != after
    assert all(source.lower().endswith("/" + ink) for source in after)


def test_the_easy_read_slip_has_one_idea_a_line_each_with_its_picture(bundle, slip_text):
    from kiosk.core.slips.content import slip_text as words
    from kiosk.core.slips.render import SlipRequest, render_slip
    from tests.test_bundle_look import _images

    for fmt in ("a6", "a4-sheet", "receipt-80mm"):
        request = SlipRequest(concern="child", language="en_GB@easyread", format=fmt)
        said = words(bundle, request)
        assert len(said["pictures"]) == len(said["lines"]) >= 4
        assert "danger" in said["pictures"][-1] or said["pictures"][-1] == "emergency"
        pdf = render_slip(bundle, request)
        text = slip_text(pdf)
        assert "01942 828300" in text
        assert not re.search(r"[a-z]\.[A-Z]", text), "two ideas run together on one line"
        assert _images(pdf) >= len(set(said["pictures"]))
    english = words(bundle, SlipRequest(concern="child"))
    assert english["pictures"] == ()


def test_the_printed_copies_of_the_pictures_are_up_to_date(qapp):
    from PySide6.QtGui import QImage

    from kiosk.core.resources import data_dir
    from kiosk.ui.icons import printed_copy

    folder = data_dir("assets") / "icons"
    svgs = sorted(p.stem for p in folder.glob("*.svg"))
    assert sorted(p.stem for p in (folder / "png").glob("*.png")) == svgs, "run `make icons`"
    for name in svgs:
        printed = QImage(str(folder / "png" / f"{name}.png")).convertToFormat(QImage.Format.Format_ARGB32)
        fresh = printed_copy(name).convertToFormat(QImage.Format.Format_ARGB32)
        assert printed == fresh, f"{name}.png is older than {name}.svg: run `make icons`"


def test_pictures_load_on_the_screen_in_use_when_easy_read_is_chosen(make_kiosk, qtlog):
    r = make_kiosk()
    r.show("guidance")
    r.tap("easyRead")
    r.settle()
    pictures = [i for i in r.items() if i.objectName() == "ideaPicture"]
    assert len(pictures) >= 10
    assert all(p.property("progress") == 1.0 and p.implicitWidth() > 0 for p in pictures)
    assert not [m.message for m in qtlog.records if "image provider" in m.message.lower()]
