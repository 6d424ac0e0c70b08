"""Ed25519 signatures on bundle packages, so no one can change a number on a kiosk unnoticed.

The signature covers every byte of the package and travels in the zip's comment, so a signed
package is still one file that any zip tool opens. To check it, the comment is cut off and the
comment length set back to zero: that gives back exactly the bytes that were signed.

    signed = unsigned[:-2] + len(comment) as 2 bytes + comment
    comment = b"kiosk-bundle-signature 1 ed25519 " + base64(public key) + b" " + base64(signature)

A kiosk trusts the public keys in its site configuration: base64 text (as `kiosk bundle keygen`
prints) or PEM. It refuses a package that is unsigned (unless the site allows that), signed by a
key it does not trust, or changed in any byte after signing.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from kiosk.core.content.pack import PackError, read_package
from kiosk.core.content.problems import Problem

PREFIX = b"kiosk-bundle-signature 1 ed25519 "
# What is signed: this context, then the unsigned package. Keeps a bundle signature from ever
# being valid for anything else signed with the same key.
CONTEXT = b"kiosk-bundle-v1\n"
EOCD = b"PK\x05\x06"
EOCD_SIZE = 22
COMMENT_SIZE = len(PREFIX) + 44 + 1 + 88
COMMENT = re.compile(rb"kiosk-bundle-signature 1 ed25519 ([A-Za-z0-9+/]{43}=) ([A-Za-z0-9+/]{86}==)")


class SignatureError(PackError):
    """The package's signature is missing, unknown or does not match."""


class Verified(NamedTuple):
    data: bytes  # the package as packed, without its signature: a plain zip
    signer: str | None  # the signing key's fingerprint; None for an allowed unsigned package


def fingerprint(public_key: bytes) -> str:
    """A short, stable name for a key, shown to staff: 16 hex digits of its SHA-256."""
    return hashlib.sha256(public_key).hexdigest()[:16]


def generate_key(passphrase: bytes | None = None) -> tuple[bytes, str]:
    """A new private key as PEM (encrypted if a passphrase is given), and its public key as base64."""
    from cryptography.hazmat.primitives import serialization

    key = Ed25519PrivateKey.generate()
    encryption = (
        serialization.BestAvailableEncryption(passphrase) if passphrase else serialization.NoEncryption()
    )
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption)
    return pem, public_text(key.public_key())


def public_text(key: Ed25519PublicKey) -> str:
    return base64.b64encode(key.public_bytes_raw()).decode("ascii")


def public_pem(public_key_text: str) -> bytes:
    from cryptography.hazmat.primitives import serialization

    key = Ed25519PublicKey.from_public_bytes(parse_public_key(public_key_text))
    return key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)


def load_private_key(pem: bytes, passphrase: bytes | None = None) -> Ed25519PrivateKey:
    """The Ed25519 key in `pem`; ValueError says why not (wrong passphrase, other key type)."""
    from cryptography.hazmat.primitives import serialization

    try:
        key = serialization.load_pem_private_key(pem, password=passphrase)
    except TypeError as exc:  # encrypted without a passphrase, or a passphrase for a plain key
        raise ValueError(str(exc)) from None
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError("this is not an Ed25519 key; make one with `kiosk bundle keygen`")
    return key


def parse_public_key(text: str) -> bytes:
    """The 32 raw bytes of an Ed25519 public key given as base64 text or PEM; ValueError if not one."""
    text = text.strip()
    if text.startswith("-----BEGIN"):
        from cryptography.hazmat.primitives import serialization

        try:
            key = serialization.load_pem_public_key(text.encode("ascii"))
        except (ValueError, UnicodeEncodeError) as exc:
            raise ValueError(f"not a PEM public key: {exc}") from None
        if not isinstance(key, Ed25519PublicKey):
            raise ValueError("the PEM key is not an Ed25519 key")
        return key.public_bytes_raw()
    try:
        raw = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise ValueError("not base64 text or PEM") from None
    if len(raw) != 32:
        raise ValueError(f"is {len(raw)} bytes; an Ed25519 public key is 32")
    return raw


def trusted_keys(texts: Sequence[str]) -> dict[str, bytes]:
    """Fingerprint -> raw key for every trusted key; ValueError names an entry that is not a key."""
    keys = {}
    for i, text in enumerate(texts):
        try:
            raw = parse_public_key(text)
        except ValueError as exc:
            raise ValueError(f"trusted key {i + 1} {exc}") from None
        keys[fingerprint(raw)] = raw
    return keys


def split(data: bytes, source: str | Path = "package") -> tuple[bytes, tuple[bytes, bytes] | None]:
    """(the package as packed, (public key, signature) or None if unsigned); SignatureError if damaged."""
    n = COMMENT_SIZE
    if len(data) >= EOCD_SIZE and data[-EOCD_SIZE:-18] == EOCD and data[-2:] == b"\0\0":
        return data, None
    if (
        len(data) >= EOCD_SIZE + n
        and data[-(EOCD_SIZE + n) : -(18 + n)] == EOCD
        and data[-(n + 2) : -n] == n.to_bytes(2, "little")
    ):
        match = COMMENT.fullmatch(data[-n:])
        if match:
            key, sig = (base64.b64decode(g, validate=True) for g in match.groups())
            # base64 has spare bits: only the one canonical spelling counts, so no byte can change.
            if (base64.b64encode(key), base64.b64encode(sig)) == match.groups():
                return data[: -(n + 2)] + b"\0\0", (key, sig)
    raise SignatureError.of(
        source, "is damaged or not a bundle package: its end is neither a plain package nor a signature"
    )


def sign(data: bytes, private_key: Ed25519PrivateKey, source: str | Path = "package") -> bytes:
    """The package signed with `private_key` (an earlier signature is replaced)."""
    unsigned, _ = split(data, source)
    read_package(unsigned, source)  # never sign something a kiosk would refuse
    signature = private_key.sign(CONTEXT + unsigned)
    comment = (
        PREFIX
        + base64.b64encode(private_key.public_key().public_bytes_raw())
        + b" "
        + base64.b64encode(signature)
    )
    assert len(comment) == COMMENT_SIZE
    return unsigned[:-2] + len(comment).to_bytes(2, "little") + comment


def verify(
    data: bytes, trusted: Sequence[str], *, allow_unsigned: bool = False, source: str | Path = "package"
) -> Verified:
    """Check the signature against the trusted keys; SignatureError says why a package is refused.

    An unsigned package passes only with allow_unsigned; a signed one must always verify, whatever
    allow_unsigned says, so a tampered package cannot pass as an unsigned one.
    """
    try:
        keys = trusted_keys(trusted)
    except ValueError as exc:
        raise SignatureError(
            Path(str(source)), [Problem("(site configuration)", "trusted keys", str(exc))]
        ) from None
    unsigned, signature = split(data, source)
    if signature is None:
        if allow_unsigned:
            return Verified(unsigned, None)
        raise SignatureError.of(
            source,
            "is not signed; this kiosk takes only bundles signed with a trusted key "
            "(sign it with `kiosk bundle sign`)",
        )
    key, sig = signature
    signer = fingerprint(key)
    if signer not in keys:
        known = ", ".join(sorted(keys)) or "none"
        raise SignatureError.of(
            source, f"is signed with key {signer}, which this kiosk does not trust (trusted: {known})"
        )
    try:
        Ed25519PublicKey.from_public_bytes(keys[signer]).verify(sig, CONTEXT + unsigned)
    except InvalidSignature:
        raise SignatureError.of(
            source, f"does not match its signature (key {signer}): it was changed or damaged after signing"
        ) from None
    return Verified(unsigned, signer)
