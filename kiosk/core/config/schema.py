"""Every setting of the site file, in one table: the only place a setting is described.

The kiosk checks a file against this table (checks.py, reading.py), `kiosk config check` shows the
settings in its order, and the list of settings in docs/configuration.md is made from it (docs.py).
A new setting is one new row, so the code, the checks and the documentation cannot drift apart.
"""

from __future__ import annotations

from collections import namedtuple
from typing import Any, NamedTuple

from kiosk.core import slips
from kiosk.core.languages import SHIPPED

MIN_IDLE_S, MAX_IDLE_S = 30, 3600

# --- the kinds of value a setting takes, as data; checks.py holds what each one accepts --------
# A kind with nothing more to say is a plain class: each NamedTuple costs 0.1 ms at start-up.


class Text(NamedTuple):
    """One line of text in quotes."""

    limit: int  # characters


class Flag:
    """true or false."""


class Seconds(NamedTuple):
    """A number of seconds, more than `low` and at most `high`."""

    low: float
    high: float
    why: str = ""  # added to "out of range", so IT see why the limit is there


class Months(NamedTuple):
    """A whole number of months, from `low` to `high`."""

    low: int
    high: int


class OneOf(NamedTuple):
    """One of a few fixed words; each comes with what it means to someone choosing."""

    choices: tuple[tuple[str, str], ...]  # (word, what it means)
    noun: str  # what one of them is, for "... is not a slip layout"


class Language:
    """A language the kiosk ships (kiosk.core.languages.SHIPPED)."""


class Languages:
    """A list of languages the kiosk ships, each once."""


class PinHash:
    """A hash made by `kiosk pin hash`, or "" for no PIN."""


class Folder:
    """A folder's path, relative to the site file's folder; "" for none. Whether the folder is
    there is not checked: that is for each start (a USB stick may be out for a while)."""

    limit = 1024  # characters


class PublicKeys:
    """A list of Ed25519 public keys in quotes, as `kiosk bundle keygen` prints them."""

    limit = 20  # keys


Rule = Text | Flag | Seconds | Months | OneOf | Language | Languages | PinHash | Folder | PublicKeys

SLIP_LAYOUTS = tuple((layout.id, layout.what) for layout in slips.LAYOUTS)


class Key(NamedTuple):
    """One setting: where it sits in the file, the `Settings` field it fills, and what it takes."""

    section: str
    name: str
    field: str
    rule: Rule
    default: Any  # safe for a public place
    doc: str  # what it does, for docs/configuration.md; the rule's limits are added there

    @property
    def dotted(self) -> str:
        return f"{self.section}.{self.name}"


KEYS = (
    Key(
        "site",
        "name",
        "site_name",
        Text(80),
        default="",
        doc="the site's name, for staff screens and the figures",
    ),
    Key(
        "site",
        "collection_point",
        "collection_point",
        Text(120),
        default="",
        doc='where residents collect printed slips, e.g. `"the front desk"`',
    ),
    Key(
        "screen",
        "idle_timeout",
        "idle_timeout",
        Seconds(MIN_IDLE_S, MAX_IDLE_S, why=": the screen warns for 30 s before it clears"),
        default=120.0,
        doc="seconds without a touch before the 30-second warning and the reset",
    ),
    Key(
        "screen",
        "attract",
        "attract_screen",
        Flag(),
        default=True,
        doc='after a reset, show the calm "Touch to start" screen in each offered language in turn',
    ),
    Key(
        "screen",
        "start_picture",
        "start_picture",
        Flag(),
        default=True,
        doc="after a restart, show the home screen at once as it was first drawn at the last start "
        "(a picture in the data folder's `cache/`, used only while nothing that decides it has "
        "changed), while the kiosk loads behind it; `false`: the live home screen is the first "
        "frame, and no picture (8 MB at 1920x1080) is kept",
    ),
    Key(
        "screen",
        "attract_seconds",
        "attract_seconds_per_language",
        Seconds(1, 60),
        default=6.0,
        doc="seconds each language stays on the attract screen",
    ),
    Key(
        "languages",
        "enabled",
        "languages",
        Languages(),
        default=SHIPPED,
        doc="the languages residents can choose",
    ),
    Key(
        "languages",
        "default",
        "default_language",
        Language(),
        default="en_GB",
        doc="the language the kiosk starts in and returns to; must be in `enabled`",
    ),
    Key(
        "languages",
        "reviewed_only",
        "reviewed_only",
        Flag(),
        default=False,
        doc="offer only languages a qualified translator has reviewed (drafts are hidden)",
    ),
    Key(
        "printing",
        "printer",
        "printer",
        Text(200),
        default="",
        doc="the printer's name as the system knows it; `\"\"` is the system's default printer",
    ),
    Key(
        "printing",
        "slip_layout",
        "slip_layout",
        OneOf(SLIP_LAYOUTS, "a slip layout"),
        default="a6",
        doc="how printed slips are laid out",
    ),
    Key(
        "printing",
        "discreet_default",
        "discreet_default",
        Flag(),
        default=False,
        doc='start each session with "Use a plain title" on',
    ),
    Key(
        "statistics",
        "enabled",
        "statistics",
        Flag(),
        default=True,
        doc="keep the anonymous usage figures described below",
    ),
    # --- IT's monitoring and the partnership's report across kiosks (docs/monitoring.md) -----------
    Key(
        "statistics",
        "share",
        "stats_share",
        Text(260),
        default="",
        doc="a folder, e.g. a network share, where the kiosk writes one file of its counts per finished "
        "day for `kiosk stats report`; an absolute path; it is never created, and days wait on the "
        'kiosk while it cannot be written; `""`: none',
    ),
    Key(
        "statistics",
        "fewer_than",
        "disclosure_threshold",
        OneOf(
            (
                ("3", 'counts of 1 or 2 show as "fewer than 3"'),
                ("5", 'counts of 1 to 4 show as "fewer than 5", as most official statistics do'),
                ("10", 'counts of 1 to 9 show as "fewer than 10"'),
            ),
            "a disclosure threshold",
        ),
        default="5",
        doc="in `kiosk stats report`, any figure finer than a month per site that is below this shows "
        'as "fewer than ...", so a quiet site never reveals one resident',
    ),
    Key(
        "monitoring",
        "textfile_dir",
        "textfile_dir",
        Text(260),
        default="",
        doc="the folder node_exporter's (Linux) or windows_exporter's (Windows) textfile collector "
        "reads; the kiosk writes its health there as `kiosk.prom`; an absolute path; it is never "
        'created; `""`: no health file',
    ),
    Key(
        "monitoring",
        "interval",
        "monitoring_interval",
        Seconds(5, 60),
        default=30.0,
        doc="seconds between refreshes of the health file (it is also written at start-up, when a "
        "slip fails and when the content changes)",
    ),
    Key(
        "staff",
        "pin_hash",
        "pin_hash",
        PinHash(),
        default="",
        doc='the staff PIN\'s hash from `kiosk pin hash`; `""` shuts staff access',
    ),
    Key(
        "content",
        "bundle",
        "bundle",
        Folder(),
        default=None,
        doc="where content comes from: a folder of signed packages (`*.kbundle`, e.g. a network share or"
        ' USB stick), or a plain bundle folder (only with `allow_unsigned`); `""` is the built-in content;'
        " relative to this file's folder. A folder that is not there or cannot be read at a start (a"
        " USB stick taken out, a share not up yet) means no new content then: the installed content keeps"
        " running",
    ),
    Key(
        "content",
        "trusted_keys",
        "trusted_keys",
        PublicKeys(),
        default=(),
        doc="public keys (from `kiosk bundle keygen`) whose signed packages the kiosk accepts",
    ),
    Key(
        "content",
        "allow_unsigned",
        "allow_unsigned",
        Flag(),
        default=False,
        doc="run unsigned packages and plain bundle folders; for trying content out, never on a public kiosk",
    ),
    Key(
        "content",
        "review_months",
        "review_months",
        Months(1, 60),
        default=12,
        doc="how many months the content may go unchecked before staff are reminded",
    ),
)
BY_FIELD = {k.field: k for k in KEYS}
BY_DOTTED = {k.dotted: k for k in KEYS}
SECTIONS = tuple(dict.fromkeys(k.section for k in KEYS))

# Made from KEYS, so a setting's field and default are written once. A named tuple, not a frozen
# dataclass: it is built at every start-up, and costs 1 ms less.
Settings = namedtuple("Settings", [k.field for k in KEYS], defaults=[k.default for k in KEYS])
Settings.__doc__ = (
    "What the kiosk runs with: one field per row of KEYS, `bundle` None for the built-in content."
)
