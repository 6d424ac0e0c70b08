"""A fault the kiosk works round, said once: one line for the staff PIN screen, logged when it
changes, and a line in the log when it is over."""

from __future__ import annotations

import logging


class StaffNotice:
    def __init__(self, log: logging.Logger):
        self.log = log
        self.text = ""

    def set(self, text: str, level: int = logging.WARNING) -> None:
        if text != self.text:
            self.log.log(level, "%s", text)
        self.text = text

    def clear(self, over: str) -> None:
        if self.text:
            self.log.info("%s", over)
        self.text = ""

    def lines(self) -> list[str]:
        return [self.text] if self.text else []
