"""Fictional usage figures for the example bundle's fictional partnership (Riverford), as a share of
daily files, for the example report in docs/ and for tests. Made from a fixed seed, so the same
files every time. One file is left cut short, as a kiosk that lost power might leave it.

    python -m kiosk.core.report.example FOLDER
"""

from __future__ import annotations

import random
import sys
from datetime import date, timedelta
from pathlib import Path

from kiosk.core.stats_share import Day, document, file_name

START, END = date(2025, 4, 1), date(2026, 3, 31)
# site, its kiosks, residents a day on average, open on Sundays
SITES = (
    ("Riverford Central Library", ("RIV-CL-K1", "RIV-CL-K2"), 9.0, False),
    ("Millbrook Health Centre", ("MHC-K1",), 5.0, False),
    ("Eastgate Library", ("EGL-K1",), 2.5, False),
    ("Hollins Lane Surgery", ("HLS-K1",), 0.6, False),
)
CONCERNS = (("child", 0.42), ("adult", 0.33), ("danger", 0.08), ("worker", 0.05), ("all", 0.12))
ABUSE_TYPES = (
    ("child-neglect", 0.2),
    ("child-physical", 0.15),
    ("child-emotional", 0.15),
    ("child-online", 0.12),
    ("child-sexual", 0.05),
    ("adult-financial", 0.13),
    ("adult-neglect", 0.1),
    ("adult-physical", 0.06),
    ("adult-self-neglect", 0.04),
)
LANGUAGES = (("pl", 0.5), ("ur", 0.25), ("ro", 0.15), ("ar", 0.1))


def _pick(rng: random.Random, choices: tuple[tuple[str, float], ...]) -> str:
    return rng.choices([c for c, _ in choices], weights=[w for _, w in choices])[0]


def _poisson(rng: random.Random, mean: float) -> int:
    count, limit, product = 0, 2.718281828459045**-mean, rng.random()
    while product > limit:
        count += 1
        product *= rng.random()
    return count


def days(seed: int = 2025) -> list[Day]:
    rng = random.Random(seed)
    out = []
    day = START
    while day <= END:
        season = 1.25 if day.month in (1, 2, 3, 10, 11) else 0.85 if day.month in (7, 8) else 1.0
        for site, kiosks, mean, sundays in SITES:
            if day.weekday() == 6 and not sundays:
                continue
            for kiosk in kiosks:
                counts: dict[tuple[str, str], int] = {}

                def add(event: str, key: str = "", counts: dict = counts) -> None:
                    counts[event, key] = counts.get((event, key), 0) + 1

                for _ in range(_poisson(rng, mean * season / len(kiosks))):
                    add("session_started")
                    add("screen_viewed", "home")
                    concern = _pick(rng, CONCERNS)
                    add("concern_chosen", concern)
                    if rng.random() < 0.35:
                        add("abuse_type_opened", _pick(rng, ABUSE_TYPES))
                    language = _pick(rng, LANGUAGES) if rng.random() < 0.12 else "en_GB"
                    if language != "en_GB":
                        add("language_used", language)
                    if rng.random() < 0.45:
                        add("qr_shown", concern)
                    if rng.random() < 0.22:
                        if rng.random() < 0.06:
                            add("print_failure", _pick(rng, (("out-of-paper", 0.7), ("paused", 0.3))))
                        else:
                            add("slip_printed", f"a6/{language}")
                    ending = rng.random()
                    if ending < 0.06:
                        add("quick_exit")
                    elif ending < 0.7:
                        add("idle_reset")
                if counts:
                    out.append(Day(site, kiosk, day, counts))
        day += timedelta(days=1)
    return out


def write_share(folder: Path, seed: int = 2025) -> list[Path]:
    """The fictional share: one file per kiosk per day, and one of them cut short."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for day in days(seed):
        path = folder / file_name(day.site, day.kiosk, day.day)
        path.write_bytes(document(day))
        written.append(path)
    cut = folder / file_name("Eastgate Library", "EGL-K1", date(2026, 1, 14))
    if cut.exists():
        cut.write_bytes(cut.read_bytes()[:90])  # the kiosk lost power mid-write (on a share without renames)
    return written


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m kiosk.core.report.example FOLDER", file=sys.stderr)
        return 2
    print(f"{len(write_share(Path(args[0])))} daily files in {args[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
