"""The staff PIN: kept only as a salted scrypt hash, checked in constant time, guarded by a lockout.

A PIN of 4 to 12 digits has at most 10^12 values, and usually 10^4 to 10^6, so no hash makes an
offline attack on a copied configuration file impractical. The hash keeps the PIN from being read
off the file at a glance; what protects it is the file's permissions (readable by the kiosk's
account and administrators only) and the keypad lockout. The scrypt parameters (32 MiB, about
0.1 s on a 2-core kiosk PC) are kept modest so a tap on the keypad still answers promptly; they
travel in the stored string, so a stronger setting later still verifies old hashes.
"""

from __future__ import annotations

import base64
import json
import logging
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

log = logging.getLogger(__name__)

SCHEME = "scrypt"
N, R, P = 2**15, 8, 1
SALT_BYTES, HASH_BYTES = 16, 32
MIN_DIGITS, MAX_DIGITS = 4, 12
STATE_NAME = "pin-lockout.json"  # the lockout's file in the data directory
# A hash from a configuration file decides how much memory and time a check costs: keep it sane.
MAX_MEMORY = 256 * 1024 * 1024


class ScryptHash(NamedTuple):
    n: int
    r: int
    p: int
    salt: bytes
    digest: bytes

    def __str__(self) -> str:
        b64 = base64.b64encode
        return f"{SCHEME}${self.n}${self.r}${self.p}${b64(self.salt).decode()}${b64(self.digest).decode()}"


def pin_problem(pin: str) -> str | None:
    """Why `pin` cannot be a staff PIN, or None if it can."""
    if not (pin.isascii() and pin.isdigit()):
        return "a PIN is digits only (the keypad has no letters)"
    if not MIN_DIGITS <= len(pin) <= MAX_DIGITS:
        return f"a PIN has {MIN_DIGITS} to {MAX_DIGITS} digits (6 or more is better)"
    steps = {int(b) - int(a) for a, b in zip(pin, pin[1:], strict=False)}
    if steps in ({0}, {1}, {-1}):
        return "that PIN is too easy to guess (the same digit, or digits in a row); choose another"
    return None


def _scrypt(pin: str, salt: bytes, n: int, r: int, p: int, length: int) -> bytes:
    memory = 128 * r * (n + 2 + p)
    import hashlib  # when a PIN is checked, not at start-up (OpenSSL's start costs ~3 ms)

    return hashlib.scrypt(pin.encode(), salt=salt, n=n, r=r, p=p, maxmem=memory + (1 << 20), dklen=length)


def hash_pin(pin: str, *, n: int = N, r: int = R, p: int = P, salt: bytes | None = None) -> str:
    """`scrypt$n$r$p$salt$hash` (salt and hash in base64) for a PIN; ValueError for a bad PIN."""
    problem = pin_problem(pin)
    if problem:
        raise ValueError(problem)
    salt = os.urandom(SALT_BYTES) if salt is None else salt
    return str(ScryptHash(n, r, p, salt, _scrypt(pin, salt, n, r, p, HASH_BYTES)))


def parse_hash(stored: str) -> ScryptHash:
    """Read a stored hash; ValueError says what is wrong with it."""
    parts = stored.strip().split("$")
    if len(parts) != 6 or parts[0] != SCHEME:
        raise ValueError("is not a PIN hash (it should look like scrypt$N$r$p$salt$hash)")
    try:
        n, r, p = (int(v) for v in parts[1:4])
        salt = base64.b64decode(parts[4], validate=True)
        digest = base64.b64decode(parts[5], validate=True)
    except ValueError:
        raise ValueError("is damaged: its numbers or base64 parts do not read") from None
    if n < 2 or n & (n - 1) or r < 1 or p < 1 or 128 * r * (n + 2 + p) > MAX_MEMORY or p > 16:
        raise ValueError(f"has scrypt parameters out of range (n={n}, r={r}, p={p})")
    if len(salt) < 8 or not 16 <= len(digest) <= 64:
        raise ValueError("is damaged: its salt or hash is too short")
    return ScryptHash(n, r, p, salt, digest)


def verify_pin(pin: str, stored: str) -> bool:
    """True if `pin` matches the stored hash; False for a wrong PIN or an unusable hash."""
    try:
        h = parse_hash(stored)
    except ValueError:
        return False
    candidate = _scrypt(pin, h.salt, h.n, h.r, h.p, len(h.digest))
    import hmac

    return hmac.compare_digest(candidate, h.digest)


class Verdict(NamedTuple):
    ok: bool
    reason: str  # "ok", "wrong", "locked" or "no-pin" (no usable PIN hash is configured)
    tries_left: int  # wrong tries before the keypad locks
    locked_for: float  # seconds until the keypad opens again; 0 when it is open


class Lockout:
    """After `tries` wrong PINs the keypad locks: 30 s, then 60, 120, ... up to `max_lock_s`.

    A right PIN resets it. With `state_file` the count and the lock survive a restart, so pulling
    the plug does not buy more guesses. Times come from `clock` (wall-clock seconds), so a lock
    outlives a reboot; a clock set backwards never lengthens a lock beyond its own duration.
    """

    def __init__(
        self,
        state_file: Path | None = None,
        *,
        clock: Callable[[], float] = time.time,
        tries: int = 5,
        first_lock_s: float = 30.0,
        max_lock_s: float = 15 * 60.0,
    ):
        self.state_file = state_file
        self.clock = clock
        self.tries = tries
        self.first_lock_s = first_lock_s
        self.max_lock_s = max_lock_s
        self.failures = 0  # wrong tries since the last lock or the last right PIN
        self.locks = 0  # locks since the last right PIN
        self.locked_until = 0.0
        self._load()

    def lock_duration(self, locks: int) -> float:
        return min(self.first_lock_s * 2 ** max(locks - 1, 0), self.max_lock_s) if locks else 0.0

    def remaining(self) -> float:
        """Seconds until the keypad opens again (0 when open)."""
        left = self.locked_until - self.clock()
        return max(0.0, min(left, self.lock_duration(self.locks)))

    def status(self) -> Verdict:
        """What the keypad should show before anyone types."""
        locked_for = self.remaining()
        reason = "locked" if locked_for else "wrong" if self.failures else "ok"
        return Verdict(False, reason, self.tries - self.failures, locked_for)

    def try_pin(self, pin: str, stored_hash: str) -> Verdict:
        """Check a PIN typed on the keypad, counting it against the lockout."""
        locked_for = self.remaining()
        if locked_for:
            return Verdict(False, "locked", 0, locked_for)
        try:
            parse_hash(stored_hash)
        except ValueError:
            return Verdict(False, "no-pin", self.tries - self.failures, 0.0)
        if verify_pin(pin, stored_hash):
            self.failures = self.locks = 0
            self.locked_until = 0.0
            self._save()
            log.info("staff PIN accepted")
            return Verdict(True, "ok", self.tries, 0.0)
        self.failures += 1
        if self.failures >= self.tries:
            self.failures = 0
            self.locks += 1
            duration = self.lock_duration(self.locks)
            self.locked_until = self.clock() + duration
            self._save()
            log.warning("staff keypad locked for %d s after %d wrong PINs", duration, self.tries)
            return Verdict(False, "locked", 0, duration)
        self._save()
        log.info("wrong staff PIN (%d of %d before the keypad locks)", self.failures, self.tries)
        return Verdict(False, "wrong", self.tries - self.failures, 0.0)

    def _load(self) -> None:
        if self.state_file is None or not self.state_file.exists():
            return
        try:
            state = json.loads(self.state_file.read_text(encoding="utf-8"))
            failures, locks, until = int(state["failures"]), int(state["locks"]), float(state["locked_until"])
            if failures < 0 or locks < 0:
                raise ValueError("negative count")
        except (OSError, ValueError, KeyError, TypeError) as exc:
            log.warning("PIN lock state %s unreadable (%s); starting with no lock", self.state_file, exc)
            return
        self.failures, self.locks, self.locked_until = min(failures, self.tries - 1), locks, until

    def _save(self) -> None:
        if self.state_file is None:
            return
        from kiosk.core.paths import write_atomically

        state = {"failures": self.failures, "locks": self.locks, "locked_until": self.locked_until}
        try:
            write_atomically(self.state_file, json.dumps(state).encode())
        except OSError as exc:
            log.warning(
                "cannot save the PIN lock state to %s (%s); it holds until a restart", self.state_file, exc
            )
