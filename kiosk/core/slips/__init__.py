"""Printed contact slips. The paper layouts are named here, so checking a name loads no PDF code."""

FORMATS = ("a6", "a4-sheet", "receipt-80mm")
DEFAULT_FORMAT = "a6"
