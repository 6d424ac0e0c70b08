"""Offline safeguarding-information kiosk."""

__version__ = "0.1.0"
