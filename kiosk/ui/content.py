"""The bundle's words and numbers, shaped for QML. Read-only: content never changes while shown."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Property, QObject, Signal, Slot
from PySide6.QtQml import QmlNamedElement, QmlSingleton

from kiosk.core import i18n
from kiosk.core.content.model import Bundle, Choice, Contact
from kiosk.core.content.text import display_number, fill
from kiosk.ui import registry

QML_IMPORT_NAME = registry.QML_IMPORT_NAME
QML_IMPORT_MAJOR_VERSION = registry.QML_IMPORT_MAJOR_VERSION


def _shown_numbers(bundle: Bundle) -> dict[str, str]:
    numbers = bundle.contact_numbers()
    return {key: value if "@" in value else display_number(value) for key, value in numbers.items()}


@QmlNamedElement("Content")
@QmlSingleton
class ContentAdapter(QObject):
    changed = Signal()
    imagesChanged = Signal()  # noqa: N815 - QML API

    @staticmethod
    def create(engine):  # noqa: ANN001 - called by QML, once per engine
        return registry.adapter(engine, "content")

    def __init__(self, bundle: Bundle, parent: QObject | None = None):
        super().__init__(parent)
        self._bundle = bundle
        self._language = i18n.SOURCE_LANGUAGE
        self._gettext = i18n.translation(self._language, self._bundle.path).gettext
        self._shown = _shown_numbers(bundle)
        self._images = False

    @property
    def bundle(self) -> Bundle:
        return self._bundle

    def set_bundle(self, bundle: Bundle) -> None:
        """Show another bundle (staff switched the content); every screen rebuilds from it."""
        self._bundle = bundle
        self._shown = _shown_numbers(bundle)
        self._gettext = i18n.translation(self._language, bundle.path).gettext
        self.changed.emit()

    def set_language(self, code: str) -> None:
        self._language = code
        self._gettext = i18n.translation(code, self._bundle.path).gettext
        self.changed.emit()

    def text(self, value: str) -> str:
        """Bundle text in the current language, with the numbers filled in (never translated)."""
        return fill(self._gettext(value), self._shown.__getitem__) if value else ""

    def texts(self, values) -> list[str]:
        return [self.text(v) for v in values]

    def _choice(self, c: Choice) -> dict[str, str]:
        return {
            "label": self.text(c.label),
            "detail": self.text(c.detail),
            "target": c.target,
            "style": c.style,
            "icon": c.icon,
        }

    def contact(self, c: Contact) -> dict[str, Any]:
        return {
            "id": c.id,
            "name": self.text(c.name),
            "phone": c.phone or "",
            "shownPhone": display_number(c.phone) if c.phone else "",
            "email": c.email or "",
            "whoFor": self.text(c.who_for),
            "whenToUse": self.text(c.when_to_use),
        }

    @Property(bool, notify=imagesChanged)
    def images(self) -> bool:
        """Whether the QR code and the Easy Read pictures can be drawn: their image providers come
        just after the first frame (KioskApp.add_image_providers), and an image asked for before
        then would stay empty."""
        return self._images

    def images_ready(self) -> None:
        self._images = True
        self.imagesChanged.emit()

    @Property(str, notify=changed)
    def partnership(self) -> str:
        return self.text(self._bundle.name)

    @Property(str, notify=changed)
    def logo(self) -> str:
        """The partnership's logo as a file URL, or "" when the bundle has none."""
        from PySide6.QtCore import QUrl

        return QUrl.fromLocalFile(str(self._bundle.logo)).toString() if self._bundle.logo else ""

    @Property(str, notify=changed)
    def title(self) -> str:
        return self.text(self._bundle.title)

    @Property(str, notify=changed)
    def subtitle(self) -> str:
        return self.text(self._bundle.subtitle)

    @Property("QVariantList", notify=changed)
    def homeChoices(self) -> list[dict]:
        return [self._choice(c) for c in self._bundle.home]

    @Slot(str, result="QVariantMap")
    def question(self, qid: str) -> dict:
        q = self._bundle.questions[qid]
        return {
            "title": self.text(q.title),
            "body": self.texts(q.body),
            "options": [self._choice(o) for o in q.options],
        }

    @Slot(str, result="QVariantMap")
    def answer(self, aid: str) -> dict:
        a = self._bundle.answers[aid]
        return {
            "concern": a.concern,
            "heading": self.text(a.heading),
            "whoAnswers": self.text(a.who_answers),
            "whatToSay": self.texts(a.what_to_say),
            "also": self.texts(a.also),
            "contacts": [self.contact(self._bundle.contacts[c]) for c in a.contacts],
        }

    @Property("QVariantList", notify=changed)
    def abuseGroups(self) -> list[dict]:
        return [
            {
                "id": g.id,
                "title": self.text(g.title),
                "intro": self.text(g.intro),
                "types": [
                    {"id": t.id, "title": self.text(t.title), "summary": self.text(t.summary)}
                    for t in self._bundle.abuse_types_in(g.id)
                ],
            }
            for g in self._bundle.abuse_groups
        ]

    @Slot(str, result="QVariantMap")
    def abuseType(self, tid: str) -> dict:
        t = next(t for t in self._bundle.abuse_types if t.id == tid)
        return {
            "title": self.text(t.title),
            "whatItIs": self.texts(t.what_it_is),
            "signs": self.texts(t.signs),
            "whatYouCanDo": self.texts(t.what_you_can_do),
            "contact": self.contact(self._bundle.contacts[t.contact]),
            "concern": self._concern_led_by(t.contact),
        }

    @Property(str, notify=changed)
    def guidanceTitle(self) -> str:
        return self.text(self._bundle.guidance_title)

    @Property("QVariantList", notify=changed)
    def guidance(self) -> list[dict]:
        return [
            {
                "title": self.text(s.title),
                "paragraphs": self.texts(s.paragraphs),
                "points": self.texts(s.points),
            }
            for s in self._bundle.guidance
        ]

    @Slot(str, result="QVariantList")
    def ideas(self, text: str) -> list[dict]:
        """Easy Read text as one idea per line, each with the name of its picture: [{icon, text}]."""
        from kiosk.core.easyread import emergency_numbers, ideas

        emergency = emergency_numbers(self._bundle.contact_numbers().values())
        return [{"icon": idea.icon, "text": idea.text} for idea in ideas(text, emergency)]

    @Slot("QVariantList", result="QVariantList")
    def attractLines(self, codes: list) -> list[dict]:  # noqa: N802 - QML API
        """The invitation in each offered language, each in its own words, face and direction."""
        from kiosk.core import languages

        lines = []
        for code in codes:
            _ = i18n.translation(code, self._bundle.path).gettext
            lines.append(
                {
                    "code": code,
                    "title": fill(_(self._bundle.title), self._shown.__getitem__),
                    "touch": _("Touch the screen to start"),
                    "font": languages.font_for(code),
                    "rtl": languages.is_rtl(code),
                }
            )
        return lines

    @Slot(str, bool, result=str)
    def slipSpeech(self, concern: str, discreet: bool) -> str:  # noqa: N802 - QML API
        """The slip's words in reading order, so it can be heard before it is printed."""
        from kiosk.core.slips.content import SlipRequest, slip_text

        text = slip_text(
            self._bundle, SlipRequest(concern=concern, discreet=discreet, language=self._language)
        )
        lines = [text["title"], text["subtitle"]]
        for entry in text["entries"]:
            lines += [entry.label, entry.phone or "", entry.email or ""]
        lines += [*text["lines"], text["footer"]]
        return "\n".join(line for line in lines if line)

    def _concern_led_by(self, contact_id: str) -> str:
        """The concern whose slip puts this contact first (e.g. children's social care -> "child")."""
        for concern in self._bundle.concerns.values():
            if concern.contacts[:1] == (contact_id,):
                return concern.id
        return next(iter(self._bundle.concerns))

    @Slot(str, bool, result="QVariantMap")
    def takeaway(self, concern: str, discreet: bool) -> dict:
        """What the take-the-numbers screen lists: the very entries the slip and the QR card carry."""
        from kiosk.core.qr import card_entries  # with the first take-away screen, not at start-up

        c = self._bundle.concerns[concern]
        return {
            "title": self.text(self._bundle.discreet.title if discreet else c.title),
            "contacts": [
                {
                    "name": e.label,
                    "phone": e.phone or "",
                    "shownPhone": display_number(e.phone) if e.phone else "",
                    "email": e.email or "",
                }
                for e in card_entries(self._bundle, concern, discreet, self._gettext)
            ],
        }
