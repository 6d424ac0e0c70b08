"""Bundle tools as an editor and IT use them: check, new, pack, sign, verify, and kiosk updates."""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
import zipfile
from datetime import date
from pathlib import Path

import pytest

from kiosk.core.content import pack, scaffold, signing, updates
from kiosk.core.content.check import check_bundle, errors
from kiosk.core.content.loader import BundleError, load_bundle
from kiosk.core.resources import builtin_bundle

TODAY = date(2026, 12, 1)
EXAMPLE = builtin_bundle("example")


def lines(findings) -> list[str]:
    return [str(f) for f in findings]


def edit(folder: Path, name: str, old: str, new: str, count: int = 1) -> None:
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


@pytest.fixture
def example(tmp_path: Path) -> Path:
    folder = tmp_path / "riverford"
    shutil.copytree(EXAMPLE, folder)
    return folder


@pytest.fixture(scope="module")
def keys() -> tuple[signing.Ed25519PrivateKey, str]:
    pem, public = signing.generate_key()
    return signing.load_private_key(pem), public


@pytest.fixture(scope="module")
def other_keys() -> tuple[signing.Ed25519PrivateKey, str]:
    pem, public = signing.generate_key()
    return signing.load_private_key(pem), public


@pytest.fixture(scope="module")
def signed_example(keys) -> bytes:
    data, _ = pack.pack_bytes(EXAMPLE)
    return signing.sign(data, keys[0])


# --- check -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["wigan", "example"])
def test_shipped_bundles_pass_check_with_nothing_to_say(name: str) -> None:
    assert lines(check_bundle(builtin_bundle(name), today=TODAY)) == []


def test_example_is_fictional_and_its_numbers_are_ofcom_drama_numbers() -> None:
    bundle = load_bundle(EXAMPLE)
    assert "FICTIONAL" in bundle.name
    for contact in bundle.contacts.values():
        if contact.phone == "999":
            continue
        assert re.fullmatch(r"01632 960\d{3}|0808 157 0\d{3}", contact.phone), contact.phone
        assert contact.email is None or contact.email.endswith(".example")
    wigan = load_bundle(builtin_bundle())
    assert not set(c.phone for c in bundle.contacts.values()) - {"999"} & {
        c.phone for c in wigan.contacts.values()
    }


def test_a_screen_reached_only_from_an_unreachable_one_is_an_error(example: Path) -> None:
    with (example / "journey.toml").open("a", encoding="utf-8") as fh:
        fh.write(
            '\n[[question]]\nid = "loop-a"\ntitle = "A?"\n'
            '[[question.option]]\nlabel = "Go"\ntarget = "question:loop-b"\n'
            '\n[[question]]\nid = "loop-b"\ntitle = "B?"\n'
            '[[question.option]]\nlabel = "Go"\ntarget = "question:loop-a"\n'
        )
    load_bundle(example)  # the loader is content: each question has a choice leading to it
    found = lines(errors(check_bundle(example, today=TODAY)))
    assert any(
        re.match(r"error: journey\.toml:\d+: question\[3\]: .*'loop-a' cannot be reached", f) for f in found
    )
    assert any("'loop-b' cannot be reached" in f for f in found)


def test_no_urgent_way_to_999_from_home_is_an_error(example: Path) -> None:
    edit(example, "journey.toml", 'style = "urgent"\nicon = "danger"', 'icon = "danger"')
    assert any(
        "leads straight to an answer calling the emergency number" in f
        for f in lines(check_bundle(example, today=TODAY))
    )


def test_translation_that_drops_a_placeholder_is_an_error_with_its_po_line(example: Path) -> None:
    po = "translations/pl/LC_MESSAGES/kiosk.po"
    edit(example, po, "pod numer {adult_care}.", "pod numer 01632 960200.")
    found = lines(check_bundle(example, today=TODAY))
    hits = [f for f in found if f.startswith(f"error: {po}:")]
    assert hits, found
    assert "placeholders differ" in hits[0] and "(pl)" in hits[0]
    assert "has a digit typed in" in " ".join(hits)


def test_missing_translation_is_a_warning_naming_the_text(example: Path) -> None:
    edit(example, "contacts.toml", 'who_for = "Evenings, nights', 'who_for = "Late evenings, nights')
    (finding,) = check_bundle(example, today=TODAY)
    assert not finding.is_error
    assert str(finding).startswith("warning: contacts.toml:45: contact[3].who_for: has no pl translation")


def test_a_language_without_any_catalog_is_reported(example: Path, tmp_path: Path) -> None:
    edit(example, "bundle.toml", 'languages = ["en_GB", "pl"]', 'languages = ["en_GB", "pl", "ro"]')
    found = lines(check_bundle(example, today=TODAY, kiosk_translations=tmp_path / "none"))
    assert any("no ro catalog" in f for f in found)


def test_unknown_language_is_an_error(example: Path) -> None:
    edit(example, "bundle.toml", '["en_GB", "pl"]', '["en_GB", "pl", "xx"]')
    assert any("'xx' is not a language this kiosk ships" in f for f in lines(check_bundle(example)))


@pytest.mark.parametrize(
    ("logo", "expected"),
    [
        ("images/missing.png", "is not in the bundle"),
        ("../../etc/passwd", "must not contain '..'"),
        ("/etc/passwd", "not an absolute path"),
        ("C:/logo.png", "not an absolute path or a drive"),
        ("images\\\\logo.png", "no backslashes"),
        ("bundle.toml", "images live in the images/ folder"),
    ],
)
def test_logo_must_be_an_image_inside_the_bundle(example: Path, logo: str, expected: str) -> None:
    edit(example, "bundle.toml", 'logo = "images/logo.png"', f'logo = "{logo}"')
    found = lines(errors(check_bundle(example, today=TODAY)))
    assert any(f.startswith("error: bundle.toml:12: logo:") and expected in f for f in found), found


def test_logo_that_is_not_a_png_is_an_error(example: Path) -> None:
    (example / "images" / "logo.png").write_bytes(b"<svg>not a png</svg>")
    assert "error: bundle.toml:12: logo: 'images/logo.png' is not a PNG image" in " ".join(
        lines(check_bundle(example))
    )


def test_symlink_in_a_bundle_is_an_error_and_not_followed(example: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 100)
    (example / "images" / "logo.png").unlink()
    (example / "images" / "logo.png").symlink_to(secret)
    found = lines(check_bundle(example, today=TODAY))
    assert any("images/logo.png: (file): is a symbolic link" in f for f in found)
    assert any("logo: 'images/logo.png' is not in the bundle" in f for f in found)


def test_text_too_long_and_long_sentences_are_warnings_with_lines(example: Path) -> None:
    edit(
        example,
        "abuse_types.toml",
        'summary = "When someone hurts a child\'s body on purpose"',
        'summary = "When someone hurts a child\'s body on purpose, again and again and again"',
    )
    edit(
        example,
        "guidance.toml",
        '"Listen calmly. Let them talk."',
        '"Listen calmly and let them talk for as long as they need to, and do not hurry them or ask '
        'them lots of questions."',
    )
    found = check_bundle(example, today=TODAY, kiosk_translations=builtin_bundle().parent / "x")
    text = lines(found)
    assert not errors(found)
    assert any(
        f.startswith("warning: abuse_types.toml:19: abuse_type[0].summary: is 71 characters; at most 60")
        for f in text
    ), text
    assert any(
        re.match(
            r"warning: guidance\.toml:\d+: section\[0\]\.paragraphs\[0\]: has a sentence of 2\d words", f
        )
        for f in text
    )


def test_contacts_past_the_review_period_are_warnings(example: Path) -> None:
    found = check_bundle(example, today=date(2028, 1, 1))
    assert len(found) == 5 and not errors(found)
    assert str(found[0]).startswith(
        "warning: contacts.toml:16: contact[0].last_checked: emergency: last checked"
    )
    assert check_bundle(example, today=date(2028, 1, 1), review_months=24) == []


def test_unknown_field_is_a_warning(example: Path) -> None:
    edit(example, "journey.toml", 'also = [\n  "You do not', 'alsoo = [\n  "You do not')
    found = lines(check_bundle(example, today=TODAY))
    assert any(
        re.match(r"warning: journey\.toml:\d+: answer\[1\]\.alsoo: is not a field the kiosk reads", f)
        for f in found
    )


def test_low_contrast_theme_colour_is_an_error(example: Path) -> None:
    edit(example, "bundle.toml", 'primary = "#1d5c4d"', 'primary = "#88ccaa"')
    found = lines(check_bundle(example, today=TODAY))
    assert any(
        f.startswith("error: bundle.toml:19: theme.primary: #88ccaa against #ffffff (the text on it) has")
        for f in found
    )


def test_loader_problems_are_errors_too(example: Path) -> None:
    edit(example, "contacts.toml", '"01632 960100"', '"01632 96O100"')
    (finding,) = errors(check_bundle(example, today=TODAY))
    assert str(finding).startswith("error: contacts.toml:22: contact[1].phone:")


def test_cli_check_exit_status_and_output(example: Path, capsys) -> None:
    from kiosk.cli import main

    assert main(["bundle", "check", str(example)]) == 0
    assert "0 error(s), 0 warning(s): ready to pack" in capsys.readouterr().err
    edit(example, "journey.toml", 'target = "question:adult"', 'target = "question:adults"')
    assert main(["bundle", "check", str(example)]) == 1
    out = capsys.readouterr()
    assert re.search(
        r"^error: journey\.toml:\d+: home\.choice\[2\]\.target: 'question:adults'", out.out, re.M
    )
    assert "cannot be shipped" in out.err


# --- new -------------------------------------------------------------------------------------


def test_new_bundle_loads_and_check_lists_every_change_me(tmp_path: Path, capsys) -> None:
    from kiosk.cli import main

    folder = tmp_path / "newtown"
    assert main(["bundle", "new", str(folder)]) == 0
    assert "Replace every CHANGE-ME" in capsys.readouterr().out
    bundle = load_bundle(folder)
    assert bundle.id == "newtown"
    wigan = load_bundle(builtin_bundle())
    published = {c.phone for c in wigan.contacts.values()} - {"999"}
    assert not published & {c.phone for c in bundle.contacts.values()}
    assert all(
        c.phone == "999" or re.fullmatch(r"01632 960\d{3}|0808 157 0\d{3}", c.phone)
        for c in bundle.contacts.values()
    )
    found = errors(check_bundle(folder, today=TODAY))
    assert found and all("CHANGE-ME" in f.message for f in found)
    assert {"bundle.toml", "contacts.toml", "journey.toml", "guidance.toml", "abuse_types.toml"} <= {
        f.file for f in found
    }
    assert main(["bundle", "new", str(folder)]) == 2  # never overwrites
    assert "not empty" in capsys.readouterr().err


def test_new_from_another_bundle(tmp_path: Path) -> None:
    scaffold.new_bundle(tmp_path / "b", source=EXAMPLE)
    assert load_bundle(tmp_path / "b").contacts["out_of_hours"].phone.startswith("01632 960")


# --- pack and unpack -------------------------------------------------------------------------


def test_pack_is_deterministic_and_round_trips(tmp_path: Path) -> None:
    first, manifest = pack.pack_bytes(EXAMPLE)
    second, _ = pack.pack_bytes(EXAMPLE)
    assert first == second
    package = pack.read_package(first)
    assert package.manifest == manifest
    assert manifest.id == "riverford-example" and manifest.version == "2026.11.1"
    dest = pack.unpack(package, tmp_path / "out")
    for rel in pack.bundle_files(EXAMPLE):
        assert (dest / rel).read_bytes() == (EXAMPLE / rel).read_bytes()
    assert pack.bundle_files(dest) == pack.bundle_files(EXAMPLE)
    assert pack.verify_folder(dest, manifest) == []
    assert check_bundle(dest, today=TODAY) == []
    with zipfile.ZipFile(io.BytesIO(first)) as zf:
        assert zf.namelist()[0] == pack.MANIFEST
        listed = json.loads(zf.read(pack.MANIFEST))["files"]
        assert (
            listed["contacts.toml"]["sha256"]
            == hashlib.sha256((EXAMPLE / "contacts.toml").read_bytes()).hexdigest()
        )


def test_pack_leaves_out_stray_files_and_refuses_errors(example: Path, tmp_path: Path, capsys) -> None:
    from kiosk.cli import main

    (example / "notes.txt").write_text("draft")
    (example / ".DS_Store").write_bytes(b"\0")
    data, manifest = pack.pack_bytes(example)
    assert "notes.txt" not in manifest.files and ".DS_Store" not in manifest.files
    edit(example, "contacts.toml", '"999"', '"99"')
    with pytest.raises(BundleError):
        pack.pack_bytes(example)
    assert main(["bundle", "pack", str(example), "-o", str(tmp_path / "x.kbundle")]) == 1
    assert "contact[0].phone" in capsys.readouterr().out
    assert not (tmp_path / "x.kbundle").exists()


def test_unpack_never_overwrites(tmp_path: Path) -> None:
    package = pack.read_package(pack.pack_bytes(EXAMPLE)[0])
    (tmp_path / "out").mkdir()
    with pytest.raises(FileExistsError):
        pack.unpack(package, tmp_path / "out")


def _zip(entries: dict[str, bytes], manifest: dict | None = None, **info) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        if manifest is not None:
            zf.writestr(pack.MANIFEST, json.dumps(manifest))
        for name, data in entries.items():
            zi = zipfile.ZipInfo(name, date_time=pack.ZIP_DATE)
            zi.compress_type = info.get("compress_type", zipfile.ZIP_DEFLATED)
            zi.external_attr = info.get("external_attr", 0o100644 << 16)
            zi.create_system = 3
            zf.writestr(zi, data)
    return out.getvalue()


@pytest.mark.parametrize(
    ("entry", "attr", "expected"),
    [
        ("../evil.toml", 0o100644, "must not contain '..'"),
        ("/etc/evil.toml", 0o100644, "not an absolute path"),
        ("C:/evil.toml", 0o100644, "drive"),
        ("images\\evil.png", 0o100644, "backslashes"),
        ("run.sh", 0o100755, "not part of a bundle"),
        ("images/link.png", 0o120777, "symbolic link"),
        ("translations/pl/LC_MESSAGES/", 0o040755, "empty parts"),
        ("translations", 0o040755, "is a folder entry"),
    ],
)
def test_hostile_entries_are_refused(entry: str, attr: int, expected: str) -> None:
    data = _zip({entry: b"x"}, manifest={}, external_attr=attr << 16)
    with pytest.raises(pack.PackError) as caught:
        pack.read_package(data)
    assert expected in str(caught.value)


def test_zip_bomb_is_refused_before_it_is_unpacked() -> None:
    bomb = _zip({"bundle.toml": b"\0" * 1_900_000}, manifest={})
    with pytest.raises(pack.PackError, match="zip bomb"):
        pack.read_package(bomb)
    too_big = _zip({"bundle.toml": os.urandom(pack.MAX_FILE_BYTES + 1)}, manifest={})
    with pytest.raises(pack.PackError, match="a file is at most"):
        pack.read_package(too_big)


def test_manifest_must_match_the_files() -> None:
    data = pack.pack_bytes(EXAMPLE)[0]
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        entries = {n: zf.read(n) for n in zf.namelist()}
    manifest = json.loads(entries.pop(pack.MANIFEST))
    changed = dict(entries, **{"contacts.toml": entries["contacts.toml"].replace(b"960100", b"960101")})
    with pytest.raises(pack.PackError, match="does not match the SHA-256"):
        pack.read_package(_zip(changed, manifest))
    extra = dict(entries, **{"images/extra.png": b"\x89PNG\r\n\x1a\n"})
    with pytest.raises(pack.PackError, match="not listed: images/extra.png"):
        pack.read_package(_zip(extra, manifest))
    with pytest.raises(pack.PackError, match="kiosk_bundle"):
        pack.read_package(_zip(entries, dict(manifest, kiosk_bundle=2)))


# --- sign and verify -------------------------------------------------------------------------


def test_signed_package_verifies_with_base64_or_pem_key(signed_example: bytes, keys) -> None:
    _, public = keys
    verified = signing.verify(signed_example, [public])
    assert verified.signer == signing.fingerprint(signing.parse_public_key(public))
    assert verified.data == pack.pack_bytes(EXAMPLE)[0]
    pem = signing.public_pem(public).decode("ascii")
    assert signing.verify(signed_example, [pem]).signer == verified.signer
    with zipfile.ZipFile(io.BytesIO(signed_example)) as zf:  # still a zip any tool opens
        assert zf.comment.startswith(signing.PREFIX)


def test_every_changed_byte_is_refused(signed_example: bytes, keys) -> None:
    _, public = keys
    n = len(signed_example)
    positions = sorted(set(range(max(0, n - 400), n)) | set(range(0, n, 97)))
    for i in positions:
        for flip in (0x01, 0x80):
            tampered = bytearray(signed_example)
            tampered[i] ^= flip
            for allow_unsigned in (False, True):
                with pytest.raises(signing.PackError):
                    signing.verify(bytes(tampered), [public], allow_unsigned=allow_unsigned)


def test_unknown_key_is_refused(signed_example: bytes, other_keys) -> None:
    with pytest.raises(signing.SignatureError, match="which this kiosk does not trust"):
        signing.verify(signed_example, [other_keys[1]])
    with pytest.raises(signing.SignatureError, match="does not trust"):
        signing.verify(signed_example, [], allow_unsigned=True)


def test_unsigned_is_refused_unless_allowed() -> None:
    data = pack.pack_bytes(EXAMPLE)[0]
    with pytest.raises(signing.SignatureError, match="is not signed"):
        signing.verify(data, [])
    assert signing.verify(data, [], allow_unsigned=True) == signing.Verified(data, None)


def test_resigning_replaces_the_signature(signed_example: bytes, keys, other_keys) -> None:
    resigned = signing.sign(signed_example, other_keys[0])
    assert signing.verify(resigned, [other_keys[1]]).data == signing.verify(signed_example, [keys[1]]).data
    with pytest.raises(signing.SignatureError):
        signing.verify(resigned, [keys[1]])


def test_non_canonical_base64_in_the_signature_is_refused(signed_example: bytes, keys) -> None:
    comment = signed_example[-signing.COMMENT_SIZE :]
    key_b64 = comment[len(signing.PREFIX) : len(signing.PREFIX) + 44]
    alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    last = alphabet.index(key_b64[42:43])
    twin = key_b64[:42] + alphabet[last ^ 1 : (last ^ 1) + 1] + b"="  # same key bytes, other spelling
    assert signing.base64.b64decode(twin) == signing.base64.b64decode(key_b64)
    forged = signed_example.replace(key_b64, twin)
    with pytest.raises(signing.SignatureError):
        signing.verify(forged, [keys[1]])


def test_a_bad_trusted_key_is_a_configuration_error(signed_example: bytes) -> None:
    with pytest.raises(signing.SignatureError, match="trusted key 1 not base64"):
        signing.verify(signed_example, ["not a key!"])
    with pytest.raises(ValueError, match="is 3 bytes"):
        signing.parse_public_key("AAAA")


def test_sign_refuses_what_a_kiosk_would_refuse(keys) -> None:
    with pytest.raises(BundleError):
        signing.sign(b"PK\x05\x06" + b"\0" * 18, keys[0])


def test_cli_keygen_pack_sign_verify(tmp_path: Path, capsys) -> None:
    from kiosk.cli import main

    key, package = tmp_path / "riverford.pem", tmp_path / "riverford-example-2026.11.1.kbundle"
    assert main(["bundle", "keygen", "-o", str(key)]) == 0
    public = capsys.readouterr().out.strip().splitlines()[-1]
    assert oct(key.stat().st_mode & 0o777) == "0o600"
    assert main(["bundle", "keygen", "-o", str(key)]) == 2  # never overwrites a key
    assert main(["bundle", "pack", str(EXAMPLE), "-o", str(package)]) == 0
    assert main(["bundle", "verify", str(package), "--trust", public]) == 1
    assert "is not signed" in capsys.readouterr().out
    assert main(["bundle", "sign", str(package), "--key", str(key)]) == 0
    assert main(["bundle", "verify", str(package), "--trust", public]) == 0
    assert main(["bundle", "verify", str(package), "--trust", str(key.with_suffix(".pub"))]) == 0
    assert "OK: Riverford Safeguarding Partnership (FICTIONAL EXAMPLE) 2026.11.1" in capsys.readouterr().out
    data = bytearray(package.read_bytes())
    data[200] ^= 1
    package.write_bytes(bytes(data))
    assert main(["bundle", "verify", str(package), "--trust", public]) == 1
    assert "refused:" in capsys.readouterr().out


# --- updates ---------------------------------------------------------------------------------


def _version(folder: Path, version: str, day: str) -> Path:
    edit(folder, "bundle.toml", 'version = "2026.11.1"', f'version = "{version}"')
    edit(folder, "bundle.toml", "date = 2026-11-26", f"date = {day}")
    return folder


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def site(tmp_path: Path, keys) -> updates.Settings:
    inbox = tmp_path / "usb"
    inbox.mkdir()
    return updates.Settings(data_dir=tmp_path / "data", trusted_keys=[keys[1]], inbox=inbox)


def _ship(site: updates.Settings, folder: Path, key, name: str) -> Path:
    path = site.inbox / name
    path.write_bytes(signing.sign(pack.pack_bytes(folder)[0], key))
    return path


def test_update_pick_up_rollback_and_never_a_refused_bundle(site, keys, other_keys, tmp_path: Path) -> None:
    assert updates.start_up(site) == updates.Outcome(None, ())  # nothing yet: the built-in bundle

    first = _ship(site, EXAMPLE, keys[0], "riverford-1.kbundle")
    path, messages = updates.start_up(site, today=TODAY)
    assert load_bundle(path).version == "2026.11.1"
    assert path.parent == site.data_dir / "bundles" and path.name.startswith("riverford-example-2026.11.1-")
    assert messages[0].startswith(
        "Installed Riverford Safeguarding Partnership (FICTIONAL EXAMPLE) 2026.11.1"
    )
    assert updates.start_up(site) == updates.Outcome(path, ())  # the same package is not installed twice

    newer = _version(shutil.copytree(EXAMPLE, tmp_path / "v2"), "2026.12.1", "2026-12-01")
    _ship(site, newer, keys[0], "riverford-2.kbundle")
    path2, messages = updates.pick_up(site, today=TODAY)
    assert load_bundle(path2).version == "2026.12.1" and path2 != path
    assert path.is_dir(), "the previous bundle is kept for rollback"

    # A newer package signed by an unknown key, and one changed after signing: both refused.
    rogue = _version(shutil.copytree(EXAMPLE, tmp_path / "v3"), "2027.1.1", "2027-01-01")
    edit(rogue, "contacts.toml", '"01632 960100"', '"01632 960666"')
    _ship(site, rogue, other_keys[0], "riverford-3.kbundle")
    tampered = bytearray((site.inbox / "riverford-2.kbundle").read_bytes())
    tampered[100] ^= 1
    (site.inbox / "riverford-4.kbundle").write_bytes(bytes(tampered))
    before = _snapshot(site.inbox)
    path3, messages = updates.pick_up(site, today=TODAY)
    assert path3 == path2
    assert any(m.startswith("Refused riverford-3.kbundle:") and "does not trust" in m for m in messages)
    assert any(m.startswith("Refused riverford-4.kbundle:") for m in messages)
    assert all("Still running Riverford" in m for m in messages if m.startswith("Refused"))
    assert _snapshot(site.inbox) == before, "the update folder is only read"

    # An older package does not replace a newer one.
    (site.inbox / "riverford-2.kbundle").unlink()
    (site.inbox / "riverford-3.kbundle").unlink()
    (site.inbox / "riverford-4.kbundle").unlink()
    assert updates.pick_up(site).bundle_path == path2
    assert first.exists()

    # Rollback goes to the previous bundle and does not take the newer one again from the folder.
    _ship(site, newer, keys[0], "riverford-2.kbundle")
    path4, messages = updates.rollback(site)
    assert path4 == path and messages[-1].startswith("Rolled back from Riverford")
    assert updates.pick_up(site, today=TODAY).bundle_path == path
    path5, messages = updates.rollback(site)
    assert path5 is None and messages[-1].endswith("to the built-in bundle.")
    assert updates.rollback(site).messages == ("Nothing to roll back: the kiosk runs the built-in bundle.",)


def test_a_bundle_that_fails_check_is_not_installed(site, keys, tmp_path: Path) -> None:
    broken = _version(shutil.copytree(EXAMPLE, tmp_path / "b"), "2026.12.1", "2026-12-01")
    data = pack.pack_bytes(broken)[0]
    edit(broken, "journey.toml", 'target = "question:adult"', 'target = "question:nowhere"')
    with zipfile.ZipFile(io.BytesIO(data)) as zf:  # a package made by hand around a broken bundle
        entries = {n: zf.read(n) for n in zf.namelist()}
    manifest = json.loads(entries.pop(pack.MANIFEST))
    entries["journey.toml"] = (broken / "journey.toml").read_bytes()
    manifest["files"]["journey.toml"] = {
        "sha256": hashlib.sha256(entries["journey.toml"]).hexdigest(),
        "bytes": len(entries["journey.toml"]),
    }
    unsigned = _zip(entries, manifest)
    (site.inbox / "broken.kbundle").write_bytes(signing.sign(unsigned, keys[0]))
    path, messages = updates.pick_up(site, today=TODAY)
    assert path is None
    assert "Refused broken.kbundle" in messages[0] and "question:nowhere" in messages[0]
    assert "Still running the built-in bundle" in messages[0]
    assert not [p for p in (site.data_dir / "bundles").iterdir() if p.name != "state.json"]


def test_installed_bundle_changed_on_disk_is_restored(site, keys) -> None:
    _ship(site, EXAMPLE, keys[0], "r.kbundle")
    path, _ = updates.start_up(site)
    edit(path, "contacts.toml", '"01632 960100"', '"01632 960101"')
    (path / "images" / "extra.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    path2, messages = updates.installed(site)
    assert path2 == path and "contacts.toml was changed" in messages[0]
    assert load_bundle(path).contacts["childrens_services"].phone == "01632 960100"
    assert not (path / "images" / "extra.png").exists()


def test_a_key_no_longer_trusted_falls_back_to_the_built_in_bundle(site, keys, other_keys) -> None:
    _ship(site, EXAMPLE, keys[0], "r.kbundle")
    assert updates.start_up(site).bundle_path is not None
    untrusting = site._replace(trusted_keys=[other_keys[1]], inbox=None)
    path, messages = updates.start_up(untrusting)
    assert path is None
    assert "does not trust" in messages[0] and messages[-1] == "Running the built-in bundle instead."


def test_missing_update_folder_is_quiet_at_start_up_and_told_when_asked(site, tmp_path: Path) -> None:
    gone = site._replace(inbox=tmp_path / "no-usb-stick")
    assert updates.start_up(gone) == updates.Outcome(None, ())
    assert "cannot be read" in updates.pick_up(gone).messages[0]
    assert updates.pick_up(site).messages == (f"No new bundle in {site.inbox}. Running the built-in bundle.",)


def test_review_reminders_for_staff() -> None:
    from kiosk.core.content.review import review_reminders

    bundle = load_bundle(EXAMPLE)
    assert review_reminders(bundle, today=TODAY) == []
    reminders = review_reminders(bundle, today=date(2028, 1, 1))
    assert len(reminders) == 5 and reminders[0].startswith(
        "Emergency services: number last checked 2026-11-20"
    )
