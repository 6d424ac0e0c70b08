"""Daily usage files on the site's share: finished days only, atomic, and no count lost when the share
is missing, read-only or full (real faults: a small tmpfs, full or remounted read-only, as root)."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
from datetime import date, datetime

import pytest

from kiosk.core import stats_share
from kiosk.core.stats import Stats
from kiosk.core.stats_share import STATE_FILE, DamagedFile, Day, ShareProblem
from tests.test_stats import Clock


@pytest.fixture
def kiosk_data(tmp_path):
    """stats.db with counts on 1, 2 and 3 June 2025 (a Sunday, Monday and Tuesday)."""
    db = tmp_path / "data" / "stats.db"
    clock = Clock(datetime(2025, 6, 1, 10))
    figures = Stats(db, clock=clock)
    for day, hour, event, key in [
        (1, 10, "session_started", ""),
        (1, 11, "session_started", ""),
        (1, 11, "concern_chosen", "child"),
        (2, 9, "session_started", ""),
        (2, 9, "slip_printed", "a6/pl"),
        (3, 15, "quick_exit", ""),
    ]:
        clock.when = datetime(2025, 6, day, hour)
        figures.count(event, key)
    figures.close()
    return db, tmp_path / "data" / STATE_FILE


@contextlib.contextmanager
def small_share(tmp_path, size: str = "64k"):
    """A real file system of its own (tmpfs) that can fill up or turn read-only; root only."""
    folder = tmp_path / "share"
    folder.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a small share needs root")
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], check=False)
    if result.returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def test_only_finished_days_are_written_as_day_totals(kiosk_data, tmp_path):
    db, state = kiosk_data
    share = tmp_path / "share"
    share.mkdir()
    result = stats_share.sync(db, share, state, "Leigh Library", "LEIGH-K1", today=date(2025, 6, 3))
    assert result == (2, 0, None), "1 and 2 June; the 3rd is not over"
    names = sorted(p.name for p in share.iterdir())
    assert names == [
        "leigh-library_leigh-k1_2025-06-01.kiosk-day.json",
        "leigh-library_leigh-k1_2025-06-02.kiosk-day.json",
    ]
    day = stats_share.read(share / names[0])
    assert day == Day(
        "Leigh Library",
        "LEIGH-K1",
        date(2025, 6, 1),
        {("session_started", ""): 2, ("concern_chosen", "child"): 1},
    )
    assert "hour" not in (share / names[0]).read_text(), "the hour is dropped"
    # The next day, only the 3rd is new.
    assert stats_share.sync(db, share, state, "Leigh Library", "LEIGH-K1", today=date(2025, 6, 4)) == (
        1,
        0,
        None,
    )


def test_a_missing_share_is_never_made_and_no_day_is_lost(kiosk_data, tmp_path):
    db, state = kiosk_data
    share = tmp_path / "share"
    result = stats_share.sync(db, share, state, "Leigh", "k1", today=date(2025, 6, 10))
    assert (result.written, result.waiting, result.problem.kind) == (0, 3, "missing")
    assert not share.exists()
    share.mkdir()  # mounted again
    assert stats_share.sync(db, share, state, "Leigh", "k1", today=date(2025, 6, 10)) == (3, 0, None)


def test_a_full_share_keeps_the_days_and_leaves_no_partial_file(kiosk_data, tmp_path):
    db, state = kiosk_data
    with small_share(tmp_path, "64k") as share:
        filler = share / "filler"
        with contextlib.suppress(OSError), open(filler, "wb") as fh:
            fh.write(b"x" * 1024 * 1024)  # fill it
        result = stats_share.sync(db, share, state, "Leigh", "k1", today=date(2025, 6, 10))
        assert result.problem is not None and result.problem.kind == "full", result
        assert result.waiting == 3
        assert sorted(p.name for p in share.iterdir()) == ["filler"], "no half-written or temporary file"
        filler.unlink()
        assert stats_share.sync(db, share, state, "Leigh", "k1", today=date(2025, 6, 10)) == (3, 0, None)


def test_a_read_only_share_keeps_the_days(kiosk_data, tmp_path):
    db, state = kiosk_data
    with small_share(tmp_path) as share:
        subprocess.run(["mount", "-o", "remount,ro", str(share)], check=True)
        result = stats_share.sync(db, share, state, "Leigh", "k1", today=date(2025, 6, 10))
        assert (result.written, result.waiting, result.problem.kind) == (0, 3, "read-only")
        assert "cannot be written (read-only" in str(result.problem)
        subprocess.run(["mount", "-o", "remount,rw", str(share)], check=True)
        assert stats_share.sync(db, share, state, "Leigh", "k1", today=date(2025, 6, 10)) == (3, 0, None)


def test_a_lost_state_file_writes_the_same_files_again(kiosk_data, tmp_path):
    db, state = kiosk_data
    share = tmp_path / "share"
    share.mkdir()
    stats_share.sync(db, share, state, "Leigh", "k1", today=date(2025, 6, 10))
    before = {p.name: p.read_bytes() for p in share.iterdir()}
    state.unlink()
    stats_share.sync(db, share, state, "Leigh", "k1", today=date(2025, 6, 10))
    assert {p.name: p.read_bytes() for p in share.iterdir()} == before


@pytest.mark.parametrize(
    ("damage", "says"),
    [
        (lambda b: b[: len(b) // 2], "not complete JSON"),
        (lambda b: b"", "not complete JSON"),
        (lambda b: b.replace(b'["session_started", "", 2]', b'["session_started", "", 20]'), "checksum"),
        (lambda b: b'{"format": "something else"}', "is not a kiosk-daily-usage/1 file"),
        (lambda b: b"\xff\xfe" * 10, "not complete JSON"),
    ],
)
def test_a_damaged_file_is_named_not_believed(kiosk_data, tmp_path, damage, says):
    db, state = kiosk_data
    share = tmp_path / "share"
    share.mkdir()
    stats_share.sync(db, share, state, "Leigh", "k1", today=date(2025, 6, 2))
    (path,) = share.iterdir()
    path.write_bytes(damage(path.read_bytes()))
    with pytest.raises(DamagedFile, match=says):
        stats_share.read(path)


def test_share_problems_say_what_is_wrong(tmp_path):
    assert "is full" in str(ShareProblem("full", tmp_path))
    assert "does not exist or is not reachable" in str(ShareProblem("missing", tmp_path))
    assert json.loads(stats_share.document(Day("A", "b", date(2025, 1, 1), {})))["counts"] == []


# --- the running kiosk --------------------------------------------------------------------------


def test_the_kiosk_carries_on_and_tells_staff_while_the_share_is_missing(make_kiosk, kiosk_data, tmp_path):
    from kiosk.ui.usage import UsageShare

    db, state = kiosk_data
    r = make_kiosk()
    share = tmp_path / "share"
    sync = UsageShare(r.kiosk, db, share, state, "Leigh Library")
    r.kiosk.notice_sources.append(sync.notices)
    sync.start()
    r.qtbot.waitUntil(lambda: sync.ok is False, timeout=10000)
    (notice,) = [n for n in r.kiosk.staff_notices() if "usage figures share" in n]
    assert notice.startswith(f"The usage figures share {share} does not exist or is not reachable")
    assert "3 day(s) of usage figures wait on this kiosk (nothing is lost)" in notice
    assert sync.state() == (False, 3)
    r.tap("go:question:child")
    assert r.screen == "question", "the kiosk carries on"
    share.mkdir()
    sync.sync()
    r.qtbot.waitUntil(lambda: sync.ok is True, timeout=10000)
    assert sync.state() == (True, 0) and sync.notices() == []
    assert len(list(share.iterdir())) == 3
    sync.stop()
