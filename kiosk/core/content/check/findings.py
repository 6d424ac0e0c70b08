"""What `kiosk bundle check` reports: a problem with a severity, each reported once."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from kiosk.core.content.problems import Problem

ERROR, WARNING = "error", "warning"


@dataclass(frozen=True)
class Finding(Problem):
    """A Problem with a severity: an error stops the bundle being shipped, a warning does not."""

    severity: Literal["error", "warning"] = ERROR

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def __str__(self) -> str:
        return f"{self.severity}: {super().__str__()}"


def errors(findings: Iterable[Problem]) -> list[Problem]:
    return [f for f in findings if getattr(f, "severity", ERROR) == ERROR]


class Findings:
    """The findings so far, in the order found; the same finding twice is kept once."""

    def __init__(self) -> None:
        self.items: list[Finding] = []

    def add(self, finding: Finding) -> None:
        if finding not in self.items:
            self.items.append(finding)

    def error(self, file: str, field: str, message: str, line: int | None = None) -> None:
        self.add(Finding(file, field, message, line, ERROR))

    def warning(self, file: str, field: str, message: str, line: int | None = None) -> None:
        self.add(Finding(file, field, message, line, WARNING))

    def sorted(self) -> list[Finding]:
        """Errors first, each kind in the order found."""
        return sorted(self.items, key=lambda f: (f.severity != ERROR,))
