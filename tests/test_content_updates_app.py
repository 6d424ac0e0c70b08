"""The kiosk starts on the newest signed bundle from the site's folder, and tells staff why not."""

from __future__ import annotations

import os

from kiosk.core.config import Settings
from kiosk.core.resources import data_dir
from kiosk.core.startup import content_location


def test_no_setting_runs_the_builtin_content(tmp_path):
    assert content_location(Settings(), tmp_path) == (None, [])


def test_a_plain_folder_is_refused_unless_the_site_allows_unsigned_content(tmp_path):
    folder = data_dir("bundles") / "example"
    path, notices = content_location(Settings(bundle=folder), tmp_path)
    assert path is None  # the built-in content, as nothing signed was installed before
    assert "refused" in notices[0] and "allow_unsigned = true" in notices[0]
    path, notices = content_location(Settings(bundle=folder, allow_unsigned=True), tmp_path)
    assert path == folder and "unsigned" in notices[0]


def test_allow_unsigned_is_a_site_setting(tmp_path):
    from kiosk.core.config import load_config

    site = tmp_path / "kiosk.toml"
    site.write_text("[content]\nallow_unsigned = true\n", encoding="utf-8")
    settings, problems = load_config(site, data_dir=tmp_path, remember=False, local=False)
    assert settings.allow_unsigned and not problems
    site.write_text('[content]\nallow_unsigned = "yes"\n', encoding="utf-8")
    settings, problems = load_config(site, data_dir=tmp_path, remember=False, local=False)
    assert not settings.allow_unsigned
    assert [(p.line, p.key) for p in problems] == [(2, "content.allow_unsigned")]


def test_a_signed_package_in_the_inbox_is_installed_and_run(tmp_path, signed_inbox):
    inbox, public = signed_inbox
    path, notices = content_location(Settings(bundle=inbox, trusted_keys=(public,)), tmp_path / "data")
    assert path is not None and (path / "bundle.toml").is_file()
    # An unknown key: refused, and the kiosk runs the built-in content.
    other, notices = content_location(Settings(bundle=inbox, trusted_keys=()), tmp_path / "data2")
    assert other is None and notices


def test_a_missing_update_folder_keeps_the_installed_bundle_and_says_so(tmp_path, signed_inbox, caplog):
    import shutil

    inbox, public = signed_inbox
    settings = Settings(bundle=inbox, trusted_keys=(public,))
    installed, _ = content_location(settings, tmp_path / "data")
    shutil.rmtree(inbox)  # the USB stick taken out
    path, notices = content_location(settings, tmp_path / "data")
    assert path == installed
    assert notices[0].startswith(f"The update folder {inbox} is not there: no new content")
    assert f"content: {notices[0]}" in caplog.text


def test_the_update_folder_s_state_is_found_at_each_start_without_raising(tmp_path):
    from kiosk.core.startup import folder_problem, is_plain_bundle

    (tmp_path / "file").write_text("")
    assert folder_problem(tmp_path) is None
    assert folder_problem(tmp_path / "gone") == "is not there"
    assert folder_problem(tmp_path / "file") == "is not a folder"
    assert not is_plain_bundle(tmp_path / "gone") and is_plain_bundle(data_dir("bundles") / "example")


def test_what_an_install_cut_short_left_behind_is_removed_at_the_next_start(tmp_path, signed_inbox):
    inbox, public = signed_inbox
    settings, data = Settings(bundle=inbox, trusted_keys=(public,)), tmp_path / "data"
    installed, _ = content_location(settings, data)
    bundles = data / "bundles"
    orphan = bundles / "riverford-example-2026.12.1-0123abcd"  # unpacked, but state.json never said so
    orphan.mkdir()
    (bundles / f"{orphan.name}.kbundle").write_bytes(b"PK")
    (bundles / ".state.json.tmp").write_text("{")
    assert content_location(settings, data)[0] == installed
    assert orphan.exists(), "not yet: another kiosk program may be installing it now"
    for path in (orphan, bundles / f"{orphan.name}.kbundle", bundles / ".state.json.tmp"):
        os.utime(path, (0, 0))  # as if left a while ago
    assert content_location(settings, data)[0] == installed
    assert sorted(p.name for p in bundles.iterdir()) == sorted(
        [installed.name, f"{installed.name}.kbundle", "state.json"]
    )
