"""Usage figures: counts per day and hour, nothing about anyone, and never a crash."""

from __future__ import annotations

import csv
import io
import os
import sqlite3
import subprocess
import sys
from datetime import date, datetime

import pytest

from kiosk.core import stats
from kiosk.core.stats import DAY_ONLY, EVENTS, Row, Stats


class Clock:
    def __init__(self, when: datetime):
        self.when = when

    def __call__(self) -> datetime:
        return self.when


@pytest.fixture
def clock():
    return Clock(datetime(2025, 6, 3, 9, 59, 59))


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "data" / "stats.db"


@pytest.fixture
def figures(db_path, clock):
    s = Stats(db_path, clock=clock)
    yield s
    s.close()


def test_counts_add_up_in_place(figures, db_path):
    for _ in range(3):
        figures.count("screen_viewed", "home")
    figures.count("screen_viewed", "question")
    assert stats.rows(db_path) == [
        Row("2025-06-03", 9, "screen_viewed", "home", 3),
        Row("2025-06-03", 9, "screen_viewed", "question", 1),
    ]


def test_hour_buckets_and_days(figures, db_path, clock):
    figures.count("session_started")
    clock.when = datetime(2025, 6, 3, 10, 0, 0)
    figures.count("session_started")
    figures.count("session_started")
    clock.when = datetime(2025, 6, 4, 0, 30)
    figures.count("session_started")
    assert [(r.day, r.hour, r.count) for r in stats.rows(db_path)] == [
        ("2025-06-03", 9, 1),
        ("2025-06-03", 10, 2),
        ("2025-06-04", 0, 1),
    ]


def test_what_someone_was_worried_about_is_counted_per_day_only(figures, db_path, clock):
    for hour in (9, 14, 20):
        clock.when = datetime(2025, 6, 3, hour, 5)
        figures.count("concern_chosen", "child")
        figures.count("language_used", "ur")
        figures.count("abuse_type_opened", "child-neglect")
        figures.count("slip_printed", "a6/ur")
        figures.count("qr_shown", "child")
        figures.count("idle_reset")
    found = {(r.event, r.hour): r.count for r in stats.rows(db_path)}
    for event in ("concern_chosen", "language_used", "abuse_type_opened", "slip_printed", "qr_shown"):
        assert found[event, DAY_ONLY] == 3
    assert [found["idle_reset", h] for h in (9, 14, 20)] == [1, 1, 1], "busy-ness stays hourly"


def test_every_event_in_the_list_can_be_counted(figures, db_path):
    for event in EVENTS:
        figures.count(event, "a6/en_GB" if event == "slip_printed" else "")
    assert {r.event for r in stats.rows(db_path)} == set(EVENTS)


@pytest.mark.parametrize(
    ("event", "key"),
    [
        ("typed_text", ""),
        ("concern_chosen", "my neighbour hits her kids"),
        ("concern_chosen", "x" * 49),
        ("slip_printed", "a6"),
        ("screen_viewed", "home\n"),
    ],
)
def test_unknown_events_and_free_text_are_refused(figures, db_path, event, key, caplog):
    with pytest.warns(UserWarning, match="not counted"):
        figures.count(event, key)
    assert "not counted" in caplog.text
    assert stats.rows(db_path) == []


def test_statistics_off_counts_nothing_and_makes_no_file(db_path, clock):
    off = Stats(db_path, enabled=False, clock=clock)
    off.count("session_started")
    assert not db_path.exists() and not db_path.parent.exists()


def test_the_database_opens_on_the_first_count_or_prewarm_not_at_start_up(db_path):
    figures = Stats(db_path)
    assert not db_path.exists()
    figures.prewarm()
    assert db_path.exists() and stats.rows(db_path) == []
    figures.close()
    Stats(db_path.with_name("off.db"), enabled=False).prewarm()
    assert not db_path.with_name("off.db").exists()


# --- privacy: the schema itself cannot hold more --------------------------------------------------


def test_the_schema_holds_counts_only(figures, db_path):
    figures.count("session_started")
    db = sqlite3.connect(db_path)
    try:
        objects = db.execute("SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").fetchall()
        assert objects == [("table", "counts")], "no other table, index, view or trigger"
        columns = [(c[1], c[2]) for c in db.execute("PRAGMA table_info(counts)")]
        assert columns == [
            ("day", "TEXT"),
            ("hour", "INTEGER"),
            ("event", "TEXT"),
            ("key", "TEXT"),
            ("count", "INTEGER"),
        ]
        with pytest.raises(sqlite3.OperationalError):
            db.execute("SELECT rowid FROM counts")  # WITHOUT ROWID: no insertion order to read back
    finally:
        db.close()


@pytest.mark.parametrize(
    ("day", "hour", "event", "key"),
    [
        ("2025-06-03 14:03:22", 9, "session_started", ""),  # a timestamp in the day column
        ("2025-06-03T14", 9, "session_started", ""),
        ("yesterday!", 9, "session_started", ""),
        ("2025-06-03", 24, "session_started", ""),  # not an hour
        ("2025-06-03", 1403, "session_started", ""),  # minutes smuggled into the hour
        ("2025-06-03", 9, "typed_text", ""),  # not a known event
        ("2025-06-03", 9, "concern_chosen", "I think my neighbour"),  # free text
        ("2025-06-03", 9, "concern_chosen", "jane.doe@example.org"),
        ("2025-06-03", 9, "concern_chosen", "a" * 49),
    ],
)
def test_the_database_refuses_text_or_finer_times(figures, db_path, day, hour, event, key):
    figures.count("session_started")
    db = sqlite3.connect(db_path)
    try:
        with pytest.raises(sqlite3.IntegrityError):
            db.execute("INSERT INTO counts VALUES (?, ?, ?, ?, 1)", (day, hour, event, key))
    finally:
        db.close()


# --- export ---------------------------------------------------------------------------------------


def _fill(figures, clock):
    for day in (1, 2, 3, 4):
        clock.when = datetime(2025, 4, day, 11, 20)
        figures.count("session_started")
        figures.count("slip_printed", "a6/pl")


def test_export_writes_csv_for_the_days_asked(figures, db_path, clock):
    _fill(figures, clock)
    out = io.StringIO()
    assert figures.export_csv(out, date(2025, 4, 2), date(2025, 4, 3)) == 4
    assert out.getvalue().splitlines() == [
        "day,hour,event,key,count",
        "2025-04-02,,slip_printed,a6/pl,1",
        "2025-04-02,11,session_started,,1",
        "2025-04-03,,slip_printed,a6/pl,1",
        "2025-04-03,11,session_started,,1",
    ]
    assert stats.totals(db_path) == {("session_started", ""): 4, ("slip_printed", "a6/pl"): 4}


def test_kiosk_stats_export(figures, db_path, clock, tmp_path):
    _fill(figures, clock)
    figures.close()
    out = tmp_path / "figures.csv"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KIOSK_DATA_DIR": str(db_path.parent)}
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "stats", "export", "--from", "2025-04-03", "--csv", str(out)],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    with open(out, newline="", encoding="utf-8") as fh:
        got = list(csv.DictReader(fh))
    assert [(r["day"], r["event"], r["count"]) for r in got] == [
        ("2025-04-03", "slip_printed", "1"),
        ("2025-04-03", "session_started", "1"),
        ("2025-04-04", "slip_printed", "1"),
        ("2025-04-04", "session_started", "1"),
    ]
    assert "4 rows" in result.stderr


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--from", "2025-13-01"], "not a date like"),
        (["--from", "2025-05-01", "--to", "2025-04-01"], "is after --to"),
        (["--db", "/nonexistent/stats.db"], "no usage figures at"),
    ],
)
def test_kiosk_stats_export_explains_mistakes(args, says, tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "stats", "export", *args, "--csv", str(tmp_path / "x.csv")],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "KIOSK_DATA_DIR": str(tmp_path)},
    )
    assert result.returncode in (1, 2) and says in result.stderr


# --- a database that is damaged, full or read-only never stops the kiosk ----------------------


def test_a_damaged_database_is_moved_aside_and_started_afresh(db_path, clock, caplog):
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"this is not a database at all, " * 200)
    figures = Stats(db_path, clock=clock)
    figures.count("session_started")
    figures.close()
    assert stats.rows(db_path) == [Row("2025-06-03", 9, "session_started", "", 1)]
    (aside,) = db_path.parent.glob("stats.db.damaged-*")
    assert aside.read_bytes().startswith(b"this is not a database")
    assert "damaged" in caplog.text


def test_a_database_damaged_while_running_is_replaced(figures, db_path, caplog):
    figures.count("session_started")
    figures.close()
    with open(db_path, "r+b") as fh:  # scribble over the first pages
        fh.write(b"\x00garbage" * 1024)
    figures.count("session_started")
    figures.count("session_started")
    assert [r.count for r in stats.rows(db_path)] == [2]
    assert len(list(db_path.parent.glob("stats.db.damaged-*"))) == 1


def test_a_full_database_carries_on_and_says_so_once(db_path, clock, caplog):
    figures = Stats(db_path, clock=clock, max_bytes=1)  # the smallest cap: a few pages
    figures.count("screen_viewed", "home")
    for i in range(3000):
        figures.count("abuse_type_opened", f"type-{i}")  # new rows until the pages run out
    figures.count("screen_viewed", "home")  # an existing row still adds up in place
    figures.close()
    found = stats.rows(db_path)
    assert 10 < len(found) < 3000, "it filled up, and kept what it had"
    assert Row("2025-06-03", 9, "screen_viewed", "home", 2) in found
    full = [r for r in caplog.records if "not counted" in r.getMessage()]
    assert len(full) == 1 and "full" in full[0].getMessage()


def test_a_read_only_database_carries_on_without_counting(db_path, clock, monkeypatch, caplog):
    Stats(db_path, clock=clock).count("session_started")
    real = sqlite3.connect

    def read_only(path, *args, **kwargs):
        return real(f"file:{path}?mode=ro", *args, uri=True, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", read_only)
    figures = Stats(db_path, clock=clock)
    for _ in range(50):
        figures.count("session_started")
    assert "not counting for now" in caplog.text
    assert caplog.text.count("not counting for now") == 1, "no flood of warnings"
    monkeypatch.setattr(sqlite3, "connect", real)
    assert [r.count for r in stats.rows(db_path)] == [1]


def test_a_folder_that_cannot_be_made_carries_on_without_counting(tmp_path, clock, caplog):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    figures = Stats(blocker / "kiosk" / "stats.db", clock=clock)
    figures.count("session_started")
    figures.count("quick_exit")
    assert caplog.text.count("not counting for now") == 1


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root may write anywhere")
def test_a_read_only_folder_carries_on_without_counting(tmp_path, clock, caplog):
    folder = tmp_path / "ro"
    folder.mkdir(mode=0o500)
    try:
        Stats(folder / "stats.db", clock=clock).count("session_started")
        assert "not counting for now" in caplog.text
    finally:
        folder.chmod(0o700)


def test_the_last_session_is_known_to_the_hour_only(figures, db_path, clock):
    assert stats.last_session_hour(db_path) is None
    clock.when = datetime(2025, 6, 3, 14, 37, 12)
    figures.count("session_started")
    clock.when = datetime(2025, 6, 2, 20, 5)
    figures.count("session_started")
    figures.count("quick_exit")
    assert stats.last_session_hour(db_path) == datetime(2025, 6, 3, 14)
