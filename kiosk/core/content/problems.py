"""What is wrong with a bundle, said the same way wherever it was found: `file:line: field: message`.

Below every other content module, so the loader, the look, the check, packages and signatures
all report in one form that a content editor can follow to the line.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Self


@dataclass(frozen=True)
class Problem:
    file: str
    field: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.field}: {self.message}"


class BundleError(Exception):
    """The bundle cannot be used; `problems` lists every reason."""

    def __init__(self, path: Path, problems: list[Problem]):
        self.path = path
        self.problems = problems
        lines = "\n".join(f"  {p}" for p in problems)
        super().__init__(f"content bundle {path} has {len(problems)} problem(s):\n{lines}")

    @classmethod
    def of(cls, path: str | Path, message: str, entry: str = "(package)", field: str = "(file)") -> Self:
        """One problem with a whole file or entry (field "(file)"), as the bundle tools word it."""
        return cls(Path(path), [Problem(entry, field, message)])
