"""Where the resident is in the journey, and the way back: a history of screens, nothing else."""

from __future__ import annotations

from dataclasses import dataclass

HOME = "home"
SCREENS = ("home", "question", "answer", "abuse-types", "abuse", "guidance", "take")


@dataclass(frozen=True)
class Screen:
    kind: str
    arg: str = ""

    @classmethod
    def parse(cls, target: str) -> Screen:
        """'question:child' -> Screen('question', 'child'); 'guidance' -> Screen('guidance')."""
        kind, _, arg = target.partition(":")
        if kind not in SCREENS:
            raise ValueError(f"unknown screen {target!r}; screens are {', '.join(SCREENS)}")
        return cls(kind, arg)

    @property
    def target(self) -> str:
        return f"{self.kind}:{self.arg}" if self.arg else self.kind


class Navigator:
    """A stack of screens that starts and resets at home."""

    def __init__(self) -> None:
        self._stack = [Screen(HOME)]

    @property
    def current(self) -> Screen:
        return self._stack[-1]

    @property
    def depth(self) -> int:
        return len(self._stack)

    def go(self, target: str) -> Screen:
        screen = Screen.parse(target)
        if screen.kind == HOME:
            return self.reset()
        if screen != self.current:
            self._stack.append(screen)
        return screen

    def back(self) -> Screen:
        if len(self._stack) > 1:
            self._stack.pop()
        return self.current

    def reset(self) -> Screen:
        self._stack = [Screen(HOME)]
        return self.current
