"""What each kind of value in the schema accepts, and what IT are told when a value does not fit.

The same checks serve the site file and the changes staff save on the kiosk's settings screen, so
both refuse a value in the same words.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kiosk.core.config import schema
from kiosk.core.config.schema import Key
from kiosk.core.languages import SHIPPED


class BadValue(Exception):
    """A value a setting does not take: what is wrong, and how to put it right."""

    def __init__(self, message: str, fix: str):
        super().__init__(message)
        self.message, self.fix = message, fix


def check(key: Key, value: Any, base: Path) -> Any:
    """The setting `value` (as TOML gives it) makes for `key`; relative paths start at `base`.

    Raises BadValue.
    """
    return _CHECKS[type(key.rule)](key, value, base)


def kind_of(value: Any) -> str:
    """A TOML value's kind in IT staff's words, for "should be ..., not a number"."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    return {str: "text", list: "a list", dict: "a table"}.get(type(value), "a date or time")


def _text(key: Key, value: Any, _base: Path) -> str:
    limit = key.rule.limit
    if not isinstance(value, str):
        raise BadValue(f"should be text in quotes, not {kind_of(value)}", f'write {key.dotted} = "..."')
    if any(ord(c) < 32 or ord(c) == 127 for c in value):
        raise BadValue("has a line break or control character", "keep it to one line of plain text")
    if len(value) > limit:
        raise BadValue(f"is {len(value)} characters long", f"shorten it to {limit} or fewer")
    return value.strip()


def _flag(key: Key, value: Any, _base: Path) -> bool:
    if not isinstance(value, bool):
        name = key.dotted
        raise BadValue(
            f"should be true or false, not {_shown(value)}", f"write {name} = true or {name} = false"
        )
    return value


def _seconds(key: Key, value: Any, _base: Path) -> float:
    low, high, why = key.rule
    example = key.default
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise BadValue(
            f"should be a number of seconds, not {kind_of(value)}", f"write {key.dotted} = {example:g}"
        )
    if not low < value <= high:  # compared exactly, before any conversion: an int may be huge
        raise BadValue(
            f"{_number(value)} is out of range{why}",
            f"use more than {low:g} and at most {high:g}, e.g. {example:g}",
        )
    return float(value)


def _number(value: int | float) -> str:
    """A number as IT wrote it, short: TOML allows integers of thousands of digits."""
    if isinstance(value, int) and abs(value) >= 10**15:
        return f"a number of {len(str(abs(value)))} digits"
    return f"{value:g}"


def _months(key: Key, value: Any, _base: Path) -> int:
    low, high = key.rule
    if isinstance(value, bool) or not isinstance(value, int):
        raise BadValue(
            f"should be a whole number of months, not {_shown(value)}", f"write {key.dotted} = {key.default}"
        )
    if not low <= value <= high:
        raise BadValue(f"{_number(value)} is out of range", f"use {low} to {high} months, e.g. {key.default}")
    return value


def _one_of(key: Key, value: Any, _base: Path) -> str:
    words = [word for word, _ in key.rule.choices]
    if value not in words:
        fix = f'use one of {", ".join(words)}, e.g. {key.dotted} = "{key.default}"'
        raise BadValue(f"{_shown(value)} is not {key.rule.noun}", fix)
    return value


def _language(_key: Key, value: Any, _base: Path) -> str:
    if value not in SHIPPED:
        raise BadValue(
            f"{_shown(value)} is not a language the kiosk ships", f"use one of {', '.join(SHIPPED)}"
        )
    return value


def _languages(key: Key, value: Any, base: Path) -> tuple[str, ...]:
    if not isinstance(value, list) or not value or len(value) > len(SHIPPED):
        raise BadValue(
            f"should be a list of language codes, each once, not {_shown(value)}",
            f'write {key.dotted} = ["en_GB", "pl"]',
        )
    for code in value:
        _language(key, code, base)
    if len(set(value)) != len(value):
        raise BadValue("names a language twice", "list each language once")
    return tuple(value)


def _pin_hash(_key: Key, value: Any, _base: Path) -> str:
    from kiosk.core.pin import parse_hash

    if value == "":
        return ""
    try:
        parse_hash(value if isinstance(value, str) and len(value) <= MAX_PIN_HASH else "")
    except ValueError as exc:
        raise BadValue(str(exc), "make a new one with `kiosk pin hash` and paste the whole line") from None
    return value.strip()


def _folder(key: Key, value: Any, base: Path) -> Path | None:
    """The path as written, made absolute, without looking at the disk: whether the folder is there
    (a USB stick, a network share) is a question for each start, not for the configuration; a
    missing update folder means no new content now, never other content (kiosk.core.startup)."""
    limit = key.rule.limit
    if not isinstance(value, str):
        raise BadValue(
            f"should be a folder path in quotes, not {kind_of(value)}",
            f"write {key.dotted} = '/path/to/bundle'",
        )
    if any(ord(c) < 32 or ord(c) == 127 for c in value):
        raise BadValue("has a line break or control character", "write the folder's path on one line")
    if len(value) > limit:
        raise BadValue(f"is {len(value)} characters long", f"give a path of at most {limit} characters")
    if not value.strip():
        return None
    return Path(os.path.normpath(base / value.strip()))


# An Ed25519 public key in PEM is this DER prefix (SubjectPublicKeyInfo, id-Ed25519), then 32 bytes.
_ED25519_DER = bytes.fromhex("302a300506032b6570032100")
MAX_PIN_HASH = 400


def _public_keys(key: Key, value: Any, _base: Path) -> tuple[str, ...]:
    fix = f'paste each key as `kiosk bundle keygen` printed it: {key.dotted} = ["..."], or []'
    if not isinstance(value, list) or not all(isinstance(k, str) and k.strip() for k in value):
        raise BadValue("should be a list of public keys in quotes", fix)
    if len(value) > key.rule.limit:
        raise BadValue(f"lists {len(value)} keys; a kiosk trusts at most {key.rule.limit}", "remove old keys")
    for number, text in enumerate(value, start=1):
        if _raw_public_key(text.strip()) is None:
            raise BadValue(f"key {number} ({_shown(text)}) is not an Ed25519 public key", fix)
    return tuple(k.strip() for k in value)


def _raw_public_key(text: str) -> bytes | None:
    """The 32 bytes of a key written as base64 or PEM, else None; the same rule as signing's,
    without loading the cryptography package at every start-up."""
    import base64
    import binascii

    pem = text.startswith("-----BEGIN PUBLIC KEY-----") and text.endswith("-----END PUBLIC KEY-----")
    body = "".join(text.splitlines()[1:-1]) if pem else text
    try:
        raw = base64.b64decode(body, validate=True)
    except (binascii.Error, ValueError):
        return None
    if pem:
        return raw[len(_ED25519_DER) :] if len(raw) == 44 and raw.startswith(_ED25519_DER) else None
    return raw if len(raw) == 32 else None


def _shown(value: Any) -> str:
    """A value for a message: at most about 40 characters of it."""
    text = repr(value)
    return text if len(text) <= 40 else f"{text[:37]}..."


_CHECKS: dict[type, Callable[[Key, Any, Path], Any]] = {
    schema.Text: _text,
    schema.Flag: _flag,
    schema.Seconds: _seconds,
    schema.Months: _months,
    schema.OneOf: _one_of,
    schema.Language: _language,
    schema.Languages: _languages,
    schema.PinHash: _pin_hash,
    schema.Folder: _folder,
    schema.PublicKeys: _public_keys,
}
