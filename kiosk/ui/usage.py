"""Usage figures from what the resident does: counts only, through kiosk.core.stats.

Nothing here keeps a path, a time or an order: each signal adds one to a counter and is gone.
"""

from __future__ import annotations

import re
from pathlib import Path

from kiosk.core.stats import DB_NAME, Stats

SCREEN_NAMES = {"abuse-types": "abuse_types", "abuse": "abuse_detail"}


def start_counting(kiosk, data_dir: Path) -> Stats:  # noqa: ANN001 - a KioskApp
    """Open the usage figures in `data_dir` as `kiosk.stats` and count on `kiosk` from now on: at
    start-up, or when staff switch the figures on."""
    kiosk.stats = Stats(data_dir / DB_NAME)
    count_usage(kiosk, kiosk.stats)
    return kiosk.stats


def count_usage(kiosk, stats: Stats) -> None:  # noqa: ANN001 - a KioskApp
    session = kiosk.session
    started = {"yes": False}

    def screen() -> None:
        kind, arg, bundle = session.screen, session.arg, kiosk.bundle  # staff may switch the bundle
        if kind != "home" and not started["yes"]:
            started["yes"] = True
            stats.count("session_started")
        stats.count("screen_viewed", SCREEN_NAMES.get(kind, kind))
        if kind == "answer" and arg in bundle.answers:
            stats.count("concern_chosen", bundle.answers[arg].concern)
        elif kind == "abuse":
            stats.count("abuse_type_opened", arg)
        elif kind == "take":
            stats.count("qr_shown", arg)

    def wiped(why: str) -> None:
        started["yes"] = False
        if why in ("quick-exit", "idle"):  # not a switch of content by staff
            stats.count("quick_exit" if why == "quick-exit" else "idle_reset")

    def language() -> None:
        if session.language != session.default_language:  # not the reset back to the default
            stats.count("language_used", session.language)

    session.screenChanged.connect(screen)
    session.wiped.connect(wiped)
    session.languageChanged.connect(language)
    slips = kiosk.slips

    def printed(*_) -> None:  # noqa: ANN002
        stats.count(
            "slip_printed", _key(f"{getattr(slips, '_layout', '')}/{getattr(slips, '_language', '')}")
        )

    def failed(*_) -> None:  # noqa: ANN002
        stats.count("print_failure", _key(str(getattr(slips, "_problem", "") or "error")))

    if hasattr(slips, "slipPrinted"):
        slips.slipPrinted.connect(printed)
    if hasattr(slips, "slipFailed"):
        slips.slipFailed.connect(failed)


def _key(text: str) -> str:
    """A counter key: the few characters the figures allow, never free text."""
    return re.sub(r"[^A-Za-z0-9_@/-]", "_", text)[:48]
