"""The staff PIN: stored only as a salted scrypt hash, checked in constant time, locked after 5 tries."""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys

import pytest

from kiosk.core import pin
from kiosk.core.pin import Lockout, hash_pin, parse_hash, pin_problem, verify_pin

GOOD = "246813"


@pytest.fixture(scope="module")
def cheap_hash():
    """A real scrypt hash with tiny parameters, so lockout tests run fast."""
    return hash_pin(GOOD, n=16, r=1, p=1)


class Clock:
    def __init__(self, now: float = 1_750_000_000.0):
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def test_hash_has_its_parameters_and_a_fresh_salt():
    first, second = hash_pin(GOOD), hash_pin(GOOD)
    scheme, n, r, p, salt, digest = first.split("$")
    assert (scheme, n, r, p) == ("scrypt", str(2**15), "8", "1")
    assert len(base64.b64decode(salt)) == 16 and len(base64.b64decode(digest)) == 32
    assert first != second, "every hash gets its own salt"
    assert GOOD not in first
    assert verify_pin(GOOD, first) and verify_pin(GOOD, second)


def test_wrong_pin_does_not_verify():
    stored = hash_pin(GOOD)
    for attempt in ("246812", "2468130", "", " 246813", "24681"):
        assert not verify_pin(attempt, stored)


def test_hashes_made_with_other_parameters_still_verify():
    stored = hash_pin(GOOD, n=2**10, r=4, p=2)
    assert parse_hash(stored)[:3] == (2**10, 4, 2)
    assert verify_pin(GOOD, stored) and not verify_pin("135792", stored)


def test_verify_compares_in_constant_time(monkeypatch):
    import hmac

    seen = []
    real = hmac.compare_digest
    monkeypatch.setattr(hmac, "compare_digest", lambda a, b: seen.append((a, b)) or real(a, b))
    assert verify_pin(GOOD, hash_pin(GOOD, n=16))
    assert len(seen) == 1


@pytest.mark.parametrize(
    ("stored", "why"),
    [
        ("", "not a PIN hash"),
        ("246813", "not a PIN hash"),
        ("pbkdf2$1$2$3$4$5", "not a PIN hash"),
        ("scrypt$x$8$1$AAAA$AAAA", "damaged"),
        ("scrypt$16384$8$1$not base64!$AAAA", "damaged"),
        (f"scrypt${2**30}$8$1$" + "A" * 24 + "$" + "A" * 44, "out of range"),
        ("scrypt$1000$8$1$" + "A" * 24 + "$" + "A" * 44, "out of range"),
        ("scrypt$16384$8$1$AAAA$" + "A" * 44, "too short"),
    ],
)
def test_damaged_or_dangerous_hashes_are_refused(stored, why):
    with pytest.raises(ValueError, match=why):
        parse_hash(stored)
    assert not verify_pin(GOOD, stored)


@pytest.mark.parametrize(
    ("candidate", "why"),
    [
        ("12a4", "digits only"),
        ("١٢٣٤٥٦", "digits only"),  # Arabic-Indic digits: the keypad sends ASCII
        ("123", "4 to 12"),
        ("1234567890123", "4 to 12"),
        ("0000", "too easy"),
        ("1234", "too easy"),
        ("98765", "too easy"),
    ],
)
def test_weak_or_malformed_pins_are_refused(candidate, why):
    assert why in pin_problem(candidate)
    with pytest.raises(ValueError, match=why):
        hash_pin(candidate)


def test_a_reasonable_pin_is_accepted():
    assert pin_problem(GOOD) is None and pin_problem("1357") is None


def test_hashing_uses_a_real_work_factor():
    """The cost is in the stored parameters (timing belongs in benchmarks, not tests)."""
    stored = parse_hash(hash_pin(GOOD))
    assert stored.n >= 2**14 and stored.r >= 8


def test_five_wrong_tries_lock_for_30_s_then_doubling_to_a_cap(cheap_hash):
    clock = Clock()
    lockout = Lockout(clock=clock)
    expected = [30, 60, 120, 240, 480, 900, 900]
    for duration in expected:
        for left in (4, 3, 2, 1):
            verdict = lockout.try_pin("111222", cheap_hash)
            assert (verdict.ok, verdict.reason, verdict.tries_left) == (False, "wrong", left)
        verdict = lockout.try_pin("111222", cheap_hash)
        assert (verdict.reason, verdict.locked_for) == ("locked", duration)
        clock.advance(duration - 1)
        assert lockout.remaining() == pytest.approx(1)
        assert lockout.try_pin(GOOD, cheap_hash).reason == "locked", "even the right PIN waits"
        clock.advance(1)
        assert lockout.remaining() == 0 and lockout.status().reason == "ok"


def test_right_pin_opens_and_resets_the_growth(cheap_hash):
    clock = Clock()
    lockout = Lockout(clock=clock)
    for _ in range(5):
        lockout.try_pin("111222", cheap_hash)
    clock.advance(30)
    for _ in range(5):
        lockout.try_pin("111222", cheap_hash)
    assert lockout.remaining() == 60
    clock.advance(60)
    assert lockout.try_pin(GOOD, cheap_hash) == (True, "ok", 5, 0.0)
    for _ in range(5):
        lockout.try_pin("111222", cheap_hash)
    assert lockout.remaining() == 30


def test_tries_while_locked_are_not_checked_or_counted(cheap_hash, monkeypatch):
    clock = Clock()
    lockout = Lockout(clock=clock)
    for _ in range(5):
        lockout.try_pin("111222", cheap_hash)
    checked = []
    monkeypatch.setattr(pin, "verify_pin", lambda *a: checked.append(a) or False)
    for _ in range(20):
        assert lockout.try_pin("111222", cheap_hash).reason == "locked"
    assert not checked
    clock.advance(30)
    assert lockout.remaining() == 0 and lockout.locks == 1


def test_no_pin_configured_is_said_and_not_counted():
    lockout = Lockout(clock=Clock())
    for _ in range(10):
        verdict = lockout.try_pin(GOOD, "")
        assert (verdict.ok, verdict.reason) == (False, "no-pin")
    assert lockout.remaining() == 0 and lockout.failures == 0


def test_a_restart_does_not_reset_the_lock_or_the_count(tmp_path, cheap_hash):
    state, clock = tmp_path / "pin-lockout.json", Clock()
    first = Lockout(state, clock=clock)
    for _ in range(3):
        first.try_pin("111222", cheap_hash)
    second = Lockout(state, clock=clock)  # the plug was pulled
    assert second.status().tries_left == 2
    second.try_pin("111222", cheap_hash)
    assert second.try_pin("111222", cheap_hash).reason == "locked"
    clock.advance(10)
    third = Lockout(state, clock=clock)
    assert third.remaining() == 20
    assert third.try_pin(GOOD, cheap_hash).reason == "locked"
    clock.advance(20)
    assert third.try_pin(GOOD, cheap_hash).ok
    assert Lockout(state, clock=clock).status() == (False, "ok", 5, 0.0)
    assert GOOD not in state.read_text() and cheap_hash not in state.read_text()


def test_a_clock_set_back_never_lengthens_a_lock(tmp_path, cheap_hash):
    state, clock = tmp_path / "pin-lockout.json", Clock()
    lockout = Lockout(state, clock=clock)
    for _ in range(5):
        lockout.try_pin("111222", cheap_hash)
    clock.advance(-86_400)  # the kiosk's clock jumps back a day
    assert Lockout(state, clock=clock).remaining() == 30


@pytest.mark.parametrize("content", ["{not json", '{"failures": "x"}', "[]", '{"failures": -3, "locks": 0}'])
def test_a_damaged_state_file_starts_afresh(tmp_path, content, caplog):
    state = tmp_path / "pin-lockout.json"
    state.write_text(content)
    lockout = Lockout(state, clock=Clock())
    assert lockout.status() == (False, "ok", 5, 0.0)
    assert "unreadable" in caplog.text


def test_an_unwritable_state_file_keeps_the_lock_in_memory(tmp_path, cheap_hash, caplog):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    lockout = Lockout(blocker / "pin-lockout.json", clock=Clock())
    for _ in range(5):
        lockout.try_pin("111222", cheap_hash)
    assert lockout.remaining() == 30
    assert "holds until a restart" in caplog.text


def test_the_log_never_holds_the_pin(cheap_hash, caplog):
    caplog.set_level("DEBUG")
    lockout = Lockout(clock=Clock())
    for attempt in ("111222", "333444", GOOD):
        lockout.try_pin(attempt, cheap_hash)
    assert "wrong staff PIN" in caplog.text and "accepted" in caplog.text
    for secret in ("111222", "333444", GOOD, cheap_hash):
        assert secret not in caplog.text


def kiosk_pin_hash(stdin: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", "pin", "hash"],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )


def test_kiosk_pin_hash_prints_a_hash_for_the_config():
    result = kiosk_pin_hash(GOOD + "\n")
    assert result.returncode == 0, result.stderr
    (line,) = result.stdout.splitlines()
    assert verify_pin(GOOD, line)
    assert GOOD not in result.stdout + result.stderr
    assert f'pin_hash = "{line}"' in result.stderr


def test_kiosk_pin_hash_refuses_a_weak_pin():
    result = kiosk_pin_hash("1111\n")
    assert result.returncode == 2 and result.stdout == ""
    assert "too easy to guess" in result.stderr


def test_state_file_is_plain_json(tmp_path, cheap_hash):
    state = tmp_path / "s.json"
    Lockout(state, clock=Clock(100.0)).try_pin("111222", cheap_hash)
    assert json.loads(state.read_text()) == {"failures": 1, "locks": 0, "locked_until": 0.0}
