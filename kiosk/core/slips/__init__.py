"""Printed contact slips. The paper layouts are named here, so checking a name loads no PDF code."""

from typing import NamedTuple


class Layout(NamedTuple):
    id: str  # as the site file, `kiosk slip --format` and the code name it
    name: str  # as staff and receptionists know it
    what: str  # in a few words


LAYOUTS = (
    Layout("a6", "A6 card", "one slip on an A6 card"),
    Layout("a4-sheet", "A4 sheet of 8", "eight slips on an A4 sheet, to cut out"),
    Layout("receipt-80mm", "80 mm receipt", "a receipt printer's 80 mm roll"),
)
FORMATS = tuple(layout.id for layout in LAYOUTS)
DEFAULT_FORMAT = "a6"
