"""`kiosk bundle ...`: the tools a partnership's content editor and IT use to make and ship a bundle.

    kiosk bundle new DIR                     start a bundle from the built-in one
    kiosk bundle check DIR                   everything a kiosk needs; exit 1 on any error
    kiosk bundle pack DIR -o FILE.kbundle    one versioned file
    kiosk bundle keygen -o KEY.pem           a signing key (keep it secret) and its public key
    kiosk bundle sign FILE --key KEY.pem     sign a package
    kiosk bundle verify FILE --trust KEY     what a kiosk would say about a package

Imported to build the parser whenever a command is given, so it imports nothing heavy until a
command runs.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_parsers(sub: argparse._SubParsersAction) -> None:
    bundle = sub.add_parser("bundle", help="make, check, pack, sign and verify content bundles")
    tools = bundle.add_subparsers(dest="bundle_command", metavar="TOOL", required=True)

    check = tools.add_parser("check", help="check a bundle folder; exit status 1 on any error")
    check.add_argument("folder", type=Path, metavar="DIR")
    check.add_argument(
        "--review-months",
        type=int,
        default=12,
        metavar="N",
        help="warn about contacts not checked for N months (default 12)",
    )
    check.add_argument("--errors-only", action="store_true", help="do not print warnings")
    check.set_defaults(func=_check)

    new = tools.add_parser("new", help="start a new bundle from the built-in one, with CHANGE-ME marks")
    new.add_argument("folder", type=Path, metavar="DIR")
    new.add_argument("--id", help="the bundle's id (default: from the folder name)")
    new.add_argument("--from", dest="source", type=Path, metavar="DIR", help="start from this bundle instead")
    new.set_defaults(func=_new)

    pack = tools.add_parser("pack", help="pack a checked bundle folder into one file")
    pack.add_argument("folder", type=Path, metavar="DIR")
    pack.add_argument("--output", "-o", type=Path, required=True, metavar="FILE.kbundle")
    pack.set_defaults(func=_pack)

    keygen = tools.add_parser("keygen", help="make an Ed25519 signing key and print its public key")
    keygen.add_argument("--output", "-o", type=Path, required=True, metavar="KEY.pem")
    keygen.add_argument("--passphrase", action="store_true", help="protect the key with a passphrase (asked)")
    keygen.set_defaults(func=_keygen)

    sign = tools.add_parser("sign", help="sign a package with the partnership's key (in place)")
    sign.add_argument("package", type=Path, metavar="FILE")
    sign.add_argument("--key", type=Path, required=True, metavar="KEY.pem")
    sign.add_argument("--output", "-o", type=Path, metavar="OUT", help="write here instead of in place")
    sign.set_defaults(func=_sign)

    verify = tools.add_parser("verify", help="check a package the way a kiosk does")
    verify.add_argument("package", type=Path, metavar="FILE")
    verify.add_argument(
        "--trust",
        action="append",
        default=[],
        metavar="KEY",
        help="a trusted public key: base64 text, or a .pub/.pem file (repeat for more)",
    )
    verify.add_argument("--allow-unsigned", action="store_true", help="accept an unsigned package")
    verify.set_defaults(func=_verify)


def _fail(message: str, status: int = 2) -> int:
    print(f"kiosk bundle: {message}", file=sys.stderr)
    return status


def _check(args: argparse.Namespace) -> int:
    from kiosk.core.content.check import check_bundle

    findings = check_bundle(args.folder, review_months=args.review_months)
    errors = [f for f in findings if f.is_error]
    warnings = [f for f in findings if not f.is_error]
    for finding in errors + ([] if args.errors_only else warnings):
        print(finding)
    verdict = "cannot be shipped" if errors else "ready to pack"
    print(f"{args.folder}: {len(errors)} error(s), {len(warnings)} warning(s): {verdict}.", file=sys.stderr)
    return 1 if errors else 0


def _new(args: argparse.Namespace) -> int:
    from kiosk.core.content.loader import BundleError
    from kiosk.core.content.scaffold import new_bundle

    try:
        changes = new_bundle(args.folder, bundle_id=args.id, source=args.source)
    except BundleError as exc:
        return _fail(str(exc))
    print(f"Made {args.folder}. Replace every CHANGE-ME ({changes} of them), then run:")
    print(f"  kiosk bundle check {args.folder}")
    print(f"  kiosk --bundle {args.folder} --windowed")
    return 0


def _pack(args: argparse.Namespace) -> int:
    from kiosk.core.content.loader import BundleError
    from kiosk.core.content.pack import SUFFIX, pack, suggested_name

    try:
        manifest = pack(args.folder, args.output)
    except BundleError as exc:
        for problem in exc.problems:
            print(problem)
        return _fail(f"{args.folder} was not packed: fix the errors above (`kiosk bundle check`)", 1)
    print(f"Packed {manifest.label}, {len(manifest.files)} files, into {args.output}")
    if args.output.suffix != SUFFIX:
        print(f"Kiosks pick up only files ending {SUFFIX}: rename it, e.g. {suggested_name(manifest)}")
    print(f"Sign it before it goes to kiosks: kiosk bundle sign {args.output} --key KEY.pem")
    return 0


def _passphrase(prompt: str) -> bytes | None:
    import getpass

    text = getpass.getpass(prompt)
    return text.encode("utf-8") if text else None


def _keygen(args: argparse.Namespace) -> int:
    import os

    from kiosk.core.content import signing

    public_path = args.output.with_suffix(".pub")
    for path in (args.output, public_path):
        if path.exists():
            return _fail(f"{path} already exists; a signing key is never overwritten")
    passphrase = None
    if args.passphrase:
        passphrase = _passphrase("Passphrase for the new key: ")
        if passphrase != _passphrase("The same again: "):
            return _fail("the passphrases differ")
    pem, public = signing.generate_key(passphrase)
    fd = os.open(args.output, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(pem)
    public_path.write_bytes(signing.public_pem(public))
    raw = signing.parse_public_key(public)
    print(f"Private key: {args.output} (keep it secret and backed up; it never goes on a kiosk)")
    print(f"Public key:  {public_path}")
    print(f"Key {signing.fingerprint(raw)}; for the kiosks' site configuration, trust:")
    print(public)
    return 0


def _sign(args: argparse.Namespace) -> int:
    import os

    from kiosk.core.content import signing
    from kiosk.core.content.loader import BundleError

    try:
        pem = args.key.read_bytes()
        data = args.package.read_bytes()
    except OSError as exc:
        return _fail(f"cannot read {exc.filename}: {exc.strerror}")
    try:
        key = signing.load_private_key(pem)
    except ValueError:
        try:
            key = signing.load_private_key(pem, _passphrase(f"Passphrase for {args.key}: "))
        except ValueError as exc:
            return _fail(f"{args.key}: {exc}")
    try:
        signed = signing.sign(data, key, args.package.name)
    except BundleError as exc:
        return _fail(str(exc), 1)
    output = args.output or args.package
    tmp = output.with_name(f".{output.name}.tmp")
    tmp.write_bytes(signed)
    os.replace(tmp, output)
    fingerprint = signing.fingerprint(signing.parse_public_key(signing.public_text(key.public_key())))
    print(f"Signed {output} with key {fingerprint}")
    return 0


def _verify(args: argparse.Namespace) -> int:
    import shutil
    import tempfile

    from kiosk.core.content import pack, signing
    from kiosk.core.content.check import check_bundle
    from kiosk.core.content.loader import BundleError

    trusted = []
    for entry in args.trust:
        path = Path(entry)
        try:
            trusted.append(path.read_text(encoding="ascii") if path.is_file() else entry)
        except (OSError, UnicodeDecodeError) as exc:
            return _fail(f"cannot read the key {entry}: {exc}")
    try:
        data = args.package.read_bytes()
        verified = signing.verify(data, trusted, allow_unsigned=args.allow_unsigned, source=args.package.name)
        package = pack.read_package(verified.data, args.package.name)
    except OSError as exc:
        return _fail(f"cannot read {args.package}: {exc.strerror}")
    except BundleError as exc:
        for problem in exc.problems:
            print(f"refused: {problem}")
        return 1
    work = Path(tempfile.mkdtemp(prefix="kiosk-verify-"))
    try:
        findings = check_bundle(pack.unpack(package, work / "bundle"))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for finding in findings:
        print(finding)
    errors = [f for f in findings if f.is_error]
    signer = f"signed with trusted key {verified.signer}" if verified.signer else "UNSIGNED"
    if errors:
        print(f"refused: {package.manifest.label} is {signer} but has {len(errors)} error(s)")
        return 1
    print(f"OK: {package.manifest.label}, {signer}, {len(package.files)} files")
    return 0
