"""Easy Read: one idea per line, each with a simple picture beside it.

Easy Read guidance asks for short sentences, one idea per line and a picture beside each idea.
Symbol-supported text tools (Widgit, Photosymbols) choose the picture by matching the words of a
line against a vocabulary; this does the same with an ordered table of keyword rules, so a content
editor never has to pick pictures by hand and a new translation gets its pictures for free.
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from kiosk.core.content.text import plain

GENERIC = "info"  # the picture for a line that no rule matches

# The rules, most specific first: the first rule with a keyword in the line gives its picture.
# A keyword is a word or a phrase, matched as whole words, ignoring case, and with its simple
# forms ("call" also finds calls, called, calling; "scare" finds scared, scaring; "worry" finds
# worries, worried). Every picture named here is assets/icons/<name>.svg.
# fmt: off
RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    # Who the resident is worried about, as the kiosk asks it.
    ("child", ("worried about a child",)),
    ("adult", ("worried about an adult",)),
    ("work", ("staff member", "car wash", "nail bar", "farm", "slavery")),
    # Danger comes next: a line that mentions it is about danger, whatever else it says.
    ("emergency", ("emergency", "ambulance", "fire service", "medical help", "which service")),
    ("warning", ("danger", "unsafe", "not safe", "terrorism", "violence", "extreme", "act quickly")),
    ("police", ("police", "crime", "criminal", "the law")),
    ("hurt", ("genital mutilation", "fgm")),
    # How to get in touch, and what to take away.
    ("email", ("email", "e-mail", "letter")),
    ("qr", ("qr", "camera", "code")),
    ("print", ("print", "printer", "slip")),
    ("clock", ("seconds", "minutes")),  # the idle warning's countdown, before "screen" means online
    ("shout", ("shout", "names", "unkind", "hurtful", "nasty", "bully", "blaming")),  # "calling names"
    ("phone", ("call", "helpline", "ring", "on the phone")),
    # What the resident can do, and what they may hear.
    ("listen", ("listen", "hear", "heard")),
    ("tell", ("tell", "told", "share a worry", "share your worry", "whistleblowing", "report",
              "complaint")),
    ("ok", ("need to be sure", "fine", "right thing")),
    ("heart", ("fault", "love", "kind", "kindness", "believe", "respect", "fairly", "calm", "patient",
               "judge", "boyfriend", "girlfriend")),
    # What abuse is and its signs: the most telling word of a line first.
    ("group", ("race", "religion", "disability", "sexuality", "gender")),
    ("stop", ("sexual", "sex", "touching")),
    ("marry", ("marry", "marriage", "wedding", "husband", "wife")),
    ("online", ("online", "internet", "social media", "game", "message", "screen", "photo", "video")),
    ("feelings", ("feelings", "emotional", "psychological")),
    ("gift", ("gift", "present", "attention", "friendship")),
    ("medicine", ("medicine", "drug", "alcohol", "drunk", "pill")),
    ("money", ("money", "bank", "bill", "pay", "paid", "scam", "steal", "sell", "owe",
               "change their will", "a will")),
    ("health", ("doctor", "hospital", "ill", "illness", "unwell", "health", "nurse", "sore skin")),
    ("hurt", ("hurt", "harm", "hit", "kick", "bite", "burn", "bruise", "mark", "shake", "pain", "sore",
              "cut", "push", "holding someone")),
    ("secret", ("secret", "private", "privacy", "hide", "lock", "delete")),
    ("food", ("food", "hungry", "eat", "meal", "drink", "thirsty", "thin")),
    ("home", ("home", "house", "live", "room")),
    ("clothes", ("clothes", "dress", "wash", "dirty", "clean", "weather", "warm", "warmth")),
    ("sleep", ("sleep", "sleepy", "asleep", "dream", "bed", "tired", "lying")),
    ("paper", ("passport", "papers", "leaflet", "document")),
    ("safe", ("safe", "protect")),
    ("feelings", ("feel", "sad", "scare", "upset", "worry", "nervous", "jumpy", "angry", "afraid",
                  "fear", "ashamed", "alone", "quiet", "distant", "hate", "hateful")),
    ("school", ("school", "nursery", "teacher")),
    ("place", ("where", "place", "country", "trip", "travel", "town", "city", "car", "anywhere",
               "missing")),
    ("work", ("work", "job", "staff", "manager", "service", "forced")),
    ("care-worker", ("social worker", "social care", "care worker", "carer", "care")),
    ("heart", ("look after", "looked after")),
    ("stop", ("stop", "not allowed", "never", "no one", "control", "trick")),
    ("look", ("see", "saw", "seen", "look", "watch", "notice", "sign", "check", "read")),
    ("phone", ("phone",)),  # the thing itself, once "call" and the signs have had their turn
    ("help", ("help", "support", "advice", "charity")),
    ("clock", ("when it happened", "when did it happen", "time", "now", "late", "day", "again", "once",
               "early", "long", "straight away")),
    ("question", ("question", "ask", "why", "reason", "who is it about")),
    ("talk", ("talk", "say", "speak", "word", "explain", "understand")),
    ("family", ("family", "families", "parent", "mother", "father", "sister", "brother", "partner")),
    ("group", ("people", "everyone", "anyone", "gang", "group", "friend", "left out")),
    ("child", ("child", "children", "girl", "boy", "young person", "baby", "age")),
    ("adult", ("adult", "person", "someone", "woman", "man", "yourself")),
    ("hurt", ("abuse",)),  # a line about abuse that names nothing more telling
)
# fmt: on


class Idea(NamedTuple):
    icon: str
    text: str


# A sentence ends at ".", "?", "!" or "…" (perhaps followed by a closing quote or bracket) and
# spaces, where the next sentence starts with something other than a small letter. Only real
# spaces count: the no-break spaces inside a shown phone number never split it.
_SENTENCE_END = re.compile(r"(?<=[.?!…])([\"'”’)\]]*) +(?=[^a-z ])")
_ABBREVIATIONS = ("mr.", "mrs.", "ms.", "dr.", "st.", "e.g.", "i.e.", "etc.", "no.", "tel.")
_WORD = re.compile(r"[0-9a-z]+(?:[-'][0-9a-z]+)*")


def lines(text: str) -> list[str]:
    """Split `text` into one sentence per line, at newlines and at the end of each sentence."""
    out: list[str] = []
    for paragraph in text.split("\n"):
        start = 0
        for m in _SENTENCE_END.finditer(paragraph):
            before = paragraph[start : m.start()].rsplit(" ", 1)[-1].lower()
            if before.endswith(_ABBREVIATIONS):
                continue
            out.append(paragraph[start : m.end(1)])
            start = m.end()
        out.append(paragraph[start:])
    return [line.strip() for line in out if line.strip()]


def _forms(word: str) -> set[str]:
    """A word and its simple inflections: call/calls/called/calling, scare/scared, worry/worried."""
    forms = {word, word + "s", word + "es", word + "ed", word + "ing"}
    if word.endswith("e"):
        forms |= {word + "d", word[:-1] + "ing"}
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        forms |= {word[:-1] + "ies", word[:-1] + "ied"}
    if re.fullmatch(r"[a-z]*[^aeiou][aeiou][bdgkmnprt]", word):  # hit -> hitting, stop -> stopped
        forms |= {word + word[-1] + "ing", word + word[-1] + "ed"}
    return forms


@cache
def _patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    compiled = []
    for icon, keywords in RULES:
        alternatives = []
        for keyword in keywords:
            *head, last = keyword.lower().split()
            words = [re.escape(w) for w in head]
            words.append("(?:" + "|".join(sorted(map(re.escape, _forms(last)), key=len, reverse=True)) + ")")
            alternatives.append(r"\s+".join(words))
        compiled.append(
            (icon, re.compile(r"(?<![0-9a-z'-])(?:" + "|".join(alternatives) + r")(?![0-9a-z-])"))
        )
    return tuple(compiled)


def _searchable(line: str) -> str:
    """Lower case, plain characters, possessives dropped ("children's" reads as "children")."""
    text = plain(line).lower().replace("’", "'")
    return re.sub(r"'s\b", "", text)


def picture_for(line: str, emergency: tuple[str, ...] = ()) -> str:
    """The picture for one line of Easy Read text: the first rule that matches, else GENERIC.

    `emergency` holds the bundle's short emergency numbers: a line naming one is about
    an emergency. They come from the content bundle, as every number does, never from code.
    """
    text = _searchable(line)
    for icon, pattern in _patterns():
        if icon == "emergency" and any(re.search(rf"(?<!\d){re.escape(n)}(?!\d)", text) for n in emergency):
            return icon
        if pattern.search(text):
            return icon
    return "question" if text.rstrip("\"'”’) ").endswith("?") else GENERIC


def emergency_numbers(numbers) -> tuple[str, ...]:  # noqa: ANN001 - the bundle's numbers and emails
    """The short numbers among a bundle's published numbers: the emergency numbers (three digits)."""
    return tuple(n for n in numbers if n.isdigit() and len(n) <= 3)


def ideas(text: str, emergency: tuple[str, ...] = ()) -> list[Idea]:
    """Easy Read text as one idea per line, each with its picture (`emergency` as for picture_for)."""
    return [Idea(picture_for(line, emergency), line) for line in lines(text)]


def icon_names() -> list[str]:
    """Every picture the rules can choose, GENERIC included, in rule order."""
    return list(dict.fromkeys([icon for icon, _ in RULES] + [GENERIC]))
