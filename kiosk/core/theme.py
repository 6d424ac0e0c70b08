"""Colours and text sizes, checked against WCAG 2.2: standard theme AA (4.5:1), high contrast AAA (7:1).

Pure data, so the contrast of every pair the screens use is tested without Qt.
"""

from __future__ import annotations

# Every colour the QML uses, by role. "*Ink" is the text drawn on the colour of the same stem.
STANDARD = {
    "background": "#f3f5f7",
    "surface": "#ffffff",
    "ink": "#14181d",
    "inkMuted": "#3f464e",
    "primary": "#0b4a7d",
    "primaryInk": "#ffffff",
    "urgent": "#a8192e",
    "urgentInk": "#ffffff",
    "exit": "#14181d",
    "exitInk": "#ffffff",
    "border": "#6b737c",
    "focus": "#ffdd00",
    "focusInk": "#14181d",
    "focusOutline": "#14181d",
    "neutral": "#e9eef2",
    "overlay": "#f014181d",
}
HIGH_CONTRAST = {
    "background": "#000000",
    "surface": "#000000",
    "ink": "#ffffff",
    "inkMuted": "#ffffff",
    "primary": "#ffdd00",
    "primaryInk": "#000000",
    "urgent": "#ff8a8a",
    "urgentInk": "#000000",
    "exit": "#ffffff",
    "exitInk": "#000000",
    "border": "#ffffff",
    "focus": "#00e5ff",
    "focusInk": "#000000",
    "focusOutline": "#000000",
    "neutral": "#000000",
    "overlay": "#f5000000",
}
PALETTES = {"standard": STANDARD, "high-contrast": HIGH_CONTRAST}

# (text colour, background colour) pairs drawn anywhere on screen.
TEXT_PAIRS = [
    ("ink", "background"),
    ("ink", "surface"),
    ("inkMuted", "background"),
    ("inkMuted", "surface"),
    ("primaryInk", "primary"),
    ("urgentInk", "urgent"),
    ("exitInk", "exit"),
    ("focusInk", "focus"),
    ("ink", "neutral"),
]
# Non-text contrast (WCAG 1.4.11): borders and the focus ring against what they sit on, 3:1.
UI_PAIRS = [("border", "background"), ("border", "surface")]
# The focus ring is two rings (focus outside, focusOutline inside): one of them must stand out 3:1
# against every colour a focused control can sit on or be filled with.
FOCUS_GROUNDS = ["background", "surface", "primary", "urgent", "exit"]

# Text size steps: standard, large, largest (multipliers of every font size; touch targets stay).
TEXT_SCALES = (1.0, 1.25, 1.5)


def _linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    """Relative luminance of '#rrggbb' (a leading alpha byte, '#aarrggbb', is ignored)."""
    hex_ = colour.lstrip("#")[-6:]
    r, g, b = (int(hex_[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _linear(r) + 0.7152 * _linear(g) + 0.0722 * _linear(b)


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


# Colours a content bundle may set ([theme] in bundle.toml), on top of the standard palette. The
# high-contrast palette is never changed: a resident who chose it needs it exactly as it is.
BUNDLE_COLOURS = {
    "primary": "buttons and the top bar",
    "urgent": "the 'someone is in danger now' button",
}


def palette_problems(colours: dict[str, str], minimum: float = 4.5) -> list[str]:
    """Every colour pair of `colours` that fails WCAG 2.2 (text `minimum`, borders and focus 3:1)."""
    problems = []
    for text, ground in TEXT_PAIRS:
        ratio = contrast(colours[text], colours[ground])
        if ratio < minimum:
            problems.append(f"{text} on {ground} is {ratio:.1f}:1 (needs {minimum}:1)")
    for part, ground in UI_PAIRS:
        ratio = contrast(colours[part], colours[ground])
        if ratio < 3:
            problems.append(f"{part} on {ground} is {ratio:.1f}:1 (needs 3:1)")
    for ground in FOCUS_GROUNDS:
        best = max(contrast(colours[ring], colours[ground]) for ring in ("focus", "focusOutline"))
        if best < 3:
            problems.append(f"the focus ring on {ground} is {best:.1f}:1 (needs 3:1)")
    return problems


def with_bundle_colours(colours: dict[str, str]) -> dict[str, str]:
    """The standard palette with a bundle's own colours in place (already checked by the loader)."""
    return {**STANDARD, **{k: v for k, v in colours.items() if k in BUNDLE_COLOURS}}
