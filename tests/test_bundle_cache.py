"""The verified bundle cache: start-up skips the TOML only while every file is as it was checked."""

from __future__ import annotations

import shutil

import pytest

from kiosk.core.content import cache, loader
from kiosk.core.resources import builtin_bundle
from kiosk.core.startup import load_content

PHONE = "01942 828300"


@pytest.fixture
def folder(tmp_path):
    copy = tmp_path / "bundle"
    shutil.copytree(builtin_bundle(), copy)
    return copy


@pytest.mark.parametrize("name", ["wigan", "example"])
def test_every_record_comes_back_from_the_cache_exactly(name):
    bundle = loader.load_bundle(builtin_bundle(name))
    assert cache.decode(cache.encode(bundle)) == bundle


def test_an_unchanged_bundle_comes_from_the_cache(folder, tmp_path, monkeypatch):
    first = cache.load_cached(folder, tmp_path / "cache")

    def not_again(path):
        raise AssertionError("loaded from TOML although nothing changed")

    monkeypatch.setattr(loader, "load_bundle", not_again)
    assert cache.load_cached(folder, tmp_path / "cache") == first


def test_a_number_edited_after_caching_is_refused_at_start_up(folder, tmp_path):
    """A hand edit that breaks a published number: the cache no longer matches, so the bundle is
    checked again, refused, and the built-in content runs with the reason for staff."""
    bundle, problems = load_content(folder, tmp_path / "cache")
    assert bundle.path.resolve() == folder.resolve() and not problems
    contacts = folder / "contacts.toml"
    contacts.write_text(contacts.read_text().replace(PHONE, "01942 82830O"))
    bundle, problems = load_content(folder, tmp_path / "cache")
    assert bundle.path.resolve() != folder.resolve(), "the edited bundle was refused"
    assert any("contacts.toml" in p for p in problems)


def test_a_number_changed_on_disk_is_shown_not_the_cached_one(folder, tmp_path):
    cache.load_cached(folder, tmp_path / "cache")
    contacts = folder / "contacts.toml"
    contacts.write_text(contacts.read_text().replace(PHONE, "01942 828301"))
    bundle = cache.load_cached(folder, tmp_path / "cache")
    assert "01942 828301" in bundle.contact_numbers().values()
    assert PHONE not in bundle.contact_numbers().values()


@pytest.mark.parametrize("change", ["added", "removed"])
def test_a_file_added_or_removed_means_a_fresh_check(folder, tmp_path, change):
    before = cache.fingerprint(folder)
    if change == "added":
        (folder / "notes.txt").write_text("x")
    else:
        (folder / "guidance.toml").unlink()
    assert cache.fingerprint(folder) != before


def test_a_damaged_cache_is_ignored_and_written_afresh(folder, tmp_path):
    first = cache.load_cached(folder, tmp_path / "cache")
    (written,) = (tmp_path / "cache").glob("*.cache")
    written.write_bytes(b"\x00 not a cache")
    assert cache.load_cached(folder, tmp_path / "cache") == first
    assert written.read_bytes() != b"\x00 not a cache"


def test_a_refused_bundle_is_never_cached(folder, tmp_path):
    (folder / "contacts.toml").write_text("broken = [")
    with pytest.raises(loader.BundleError):
        cache.load_cached(folder, tmp_path / "cache")
    assert not list((tmp_path / "cache").glob("*.cache"))


def test_a_file_the_loader_refuses_is_refused_though_its_bytes_match_the_cache(folder, tmp_path):
    """A bundle file replaced by a link to the same bytes: the loader refuses links, so the cache,
    written before, must not vouch for it."""
    cache.load_cached(folder, tmp_path / "cache")
    contacts = folder / "contacts.toml"
    moved = tmp_path / "contacts-elsewhere.toml"
    contacts.rename(moved)
    contacts.symlink_to(moved)
    with pytest.raises(loader.BundleError, match="contacts.toml"):
        cache.load_cached(folder, tmp_path / "cache")


def test_a_refused_folders_stamp_is_never_the_built_in_bundles(folder, tmp_path, monkeypatch):
    """Start-up hands load_content the fingerprint it took of the folder; when that folder is
    refused, the built-in bundle is cached under its own fingerprint, so the next start uses it."""
    from kiosk.core.content.stamp import fingerprint

    contacts = folder / "contacts.toml"
    contacts.write_text(contacts.read_text().replace(PHONE, "01942 82830O"))
    bundle, problems = load_content(folder, tmp_path / "cache", stamp=fingerprint(folder))
    assert bundle.path.resolve() == builtin_bundle().resolve() and problems

    def not_again(path):
        raise AssertionError("the built-in bundle was not cached under its own fingerprint")

    monkeypatch.setattr(loader, "load_bundle", not_again)
    assert load_content(None, tmp_path / "cache")[0] == bundle


def test_a_digit_changed_inside_the_cache_is_caught_by_its_own_sha256(folder, tmp_path, caplog):
    """The bundle's files are unchanged, so only the cache's own digest can tell."""
    cache.load_cached(folder, tmp_path / "cache")
    (written,) = (tmp_path / "cache").glob("*.cache")
    written.write_bytes(written.read_bytes().replace(b"01942 828300", b"01942 828301"))
    bundle = cache.load_cached(folder, tmp_path / "cache")
    assert bundle.contacts["childrens_social_care"].phone == "01942 828300"
    assert "is damaged (its records do not match their SHA-256)" in caplog.text
    assert b"01942 828301" not in written.read_bytes(), "written afresh"
