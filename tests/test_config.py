"""The site configuration: every bad line, key and value named; safe defaults; the last good settings."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.core import config, paths
from kiosk.core.config import Problem, Settings, load_config
from kiosk.core.languages import SHIPPED
from kiosk.core.pin import hash_pin

DOCS = Path(__file__).resolve().parent.parent / "docs" / "configuration.md"

GOOD = """\
[site]
name = "Wigan Central Library"
collection_point = "the front desk"

[screen]
idle_timeout = 90
attract = false

[languages]
enabled = ["en_GB", "pl", "ur"]
default = "pl"

[printing]
slip_layout = "receipt-80mm"
"""


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    """A private data directory, and no system-wide file from the machine running the tests."""
    folder = tmp_path / "data"
    monkeypatch.setenv("KIOSK_DATA_DIR", str(folder))
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(tmp_path / "xdg"))
    monkeypatch.delenv("KIOSK_CONFIG", raising=False)
    return folder


@pytest.fixture
def site(tmp_path):
    def write(text: str, name: str = "kiosk.toml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


def problems_of(path: Path) -> list[Problem]:
    return config.check_file(path)[1]


def only(problems: list[Problem], key: str) -> Problem:
    found = [p for p in problems if p.key == key]
    assert len(found) == 1, problems
    return found[0]


def test_defaults_are_safe_for_a_public_place():
    s = Settings()
    assert s.idle_timeout == 120 and s.idle_timeout > 30
    assert s.pin_hash == "", "no PIN means staff access stays shut, not open"
    assert s.languages == SHIPPED and s.default_language == "en_GB"
    assert (s.slip_layout, s.bundle, s.review_months, s.attract_screen) == ("a6", None, 12, True)
    assert s.trusted_keys == () and not s.reviewed_only and not s.discreet_default
    with pytest.raises(AttributeError):
        s.idle_timeout = 5  # type: ignore[misc]


def test_a_good_file_loads_cleanly(data_dir, site):
    settings, problems = load_config(site(GOOD))
    assert problems == []
    assert settings == Settings(
        site_name="Wigan Central Library",
        collection_point="the front desk",
        idle_timeout=90,
        attract_screen=False,
        languages=("en_GB", "pl", "ur"),
        default_language="pl",
        slip_layout="receipt-80mm",
    )


def test_problems_read_file_line_key_what_and_how():
    p = Problem("/etc/xdg/kiosk/kiosk.toml", 7, "screen.idle_timeout", "20 is out of range", "use 120", "120")
    assert (
        str(p) == "/etc/xdg/kiosk/kiosk.toml:7: screen.idle_timeout: 20 is out of range; use 120 [using 120]"
    )


def test_bad_toml_names_each_broken_line_and_keeps_the_good_ones(data_dir, site):
    path = site(
        "[site]\n"
        'name = "Leigh Library\n'  # 2: not closed
        "[screen]\n"
        "idle_timeout = 120s\n"  # 4: a unit
        "attract = yes\n"  # 5: not a TOML value
        "[printing]\n"
        'printer = "C:\\printers\\desk"\n'  # 7: a Windows path in double quotes
        'slip_layout = "a4-sheet"\n'
        "[languages]\n"
        'enabled = ["en_GB",\n'  # 10: a list left open
        '  "pl"\n'
        'default = "en_GB"\n'
        "[content\n"  # 13: header not closed
    )
    settings, problems = load_config(path, log_problems=False)
    lines = {p.line: p for p in problems if p.line}
    assert sorted(lines) == [2, 4, 5, 7, 10, 13]
    assert lines[2].key == "site.name" and "not closed" in lines[2].message
    assert lines[4].key == "screen.idle_timeout" and "no units" in lines[4].fix
    assert lines[5].key == "screen.attract" and "true/false in lower case" in lines[5].fix
    assert lines[7].key == "printing.printer" and "'single quotes'" in lines[7].fix
    assert lines[10].key == "languages.enabled" and "end it with ]" in lines[10].fix
    assert lines[13].key == "(syntax)" and "[section]" in lines[13].fix
    assert all(str(path) == p.file for p in problems)
    # what the broken lines held falls back; what is good still applies
    assert settings.slip_layout == "a4-sheet" and settings.default_language == "en_GB"
    assert settings.idle_timeout == 120 and settings.attract_screen is True
    assert lines[4].using == "120, the default"
    assert any(p.key == "(file)" and p.line is None and "the defaults" in p.fix for p in problems)


def test_a_file_that_is_not_utf8_is_named_and_a_notepad_bom_is_fine(data_dir, tmp_path):
    bad = tmp_path / "latin1.toml"
    bad.write_bytes(b'[site]\nname = "Caf\xe9 Library"\n[screen]\nidle_timeout = 60\n')
    settings, problems = load_config(bad, log_problems=False)
    assert only(problems, "(file)").line == 2 and "UTF-8" in problems[0].message
    assert settings.idle_timeout == 60
    bom = tmp_path / "notepad.toml"
    bom.write_bytes('\ufeff[site]\r\nname = "Café"\r\n'.encode())
    assert load_config(bom) == (Settings(site_name="Café"), [])


def test_a_huge_file_is_refused_quickly(data_dir, tmp_path):
    huge = tmp_path / "huge.toml"
    huge.write_bytes(b"[x\n" * 200_000)
    _, problems = load_config(huge, log_problems=False)
    assert "KB" in problems[0].message


def test_every_broken_line_is_named_up_to_a_limit(data_dir, site):
    path = site('[site]\nname = "Leigh"\n' + "= x\n" * 3 + "[screen]\nidle_timeout = 60\n")
    settings, problems = load_config(path, log_problems=False)
    assert [p.line for p in problems if p.key == "(syntax)"] == [3, 4, 5]
    assert (settings.site_name, settings.idle_timeout) == ("Leigh", 60)
    path.write_text('[site]\nname = "Leigh"\n' + "= x\n" * 500 + "[screen]\nidle_timeout = 60\n")
    settings, problems = load_config(path, log_problems=False)
    syntax = [p for p in problems if p.key == "(syntax)"]
    assert len(syntax) == config.MAX_SYNTAX_ERRORS + 1 and "left out" in syntax[-1].message
    assert (settings.site_name, settings.idle_timeout) == ("Leigh", 120)


def test_unknown_keys_and_sections_are_reported_not_ignored(data_dir, site):
    path = site(
        "idle_timeout = 60\n"
        "[site]\n"
        'name = "x"\n'
        'colection_point = "desk"\n'
        "[screen]\n"
        "enabled = true\n"
        "[printer]\n"
        'name = "desk"\n'
        "[wibble]\n"
        "x = 1\n"
    )
    problems = problems_of(path)
    assert [(p.line, p.key) for p in problems] == [
        (1, "idle_timeout"),
        (4, "site.colection_point"),
        (6, "screen.enabled"),
        (7, "printer"),
        (9, "wibble"),
    ]
    assert problems[0].fix == "did you mean idle_timeout in [screen]?"
    assert problems[1].fix == "did you mean collection_point in [site]?"
    assert "did you mean [printing]?" in problems[3].fix
    assert all(p.message.startswith("unknown") for p in problems)


@pytest.mark.parametrize(
    ("line", "key", "says"),
    [
        ('[screen]\nattract = "yes"', "screen.attract", "should be true or false"),
        ('[screen]\nidle_timeout = "120"', "screen.idle_timeout", "should be a number"),
        ("[screen]\nidle_timeout = true", "screen.idle_timeout", "should be a number"),
        ("[site]\nname = 42", "site.name", "should be text"),
        ('[site]\nname = """two\nlines"""', "site.name", "line break"),
        ("[site]\nname = " + '"' + "x" * 81 + '"', "site.name", "81 characters"),
        ('[languages]\nenabled = "pl"', "languages.enabled", "should be a list"),
        ("[languages]\nenabled = []", "languages.enabled", "should be a list"),
        ('[languages]\nenabled = ["pl", "pl"]', "languages.enabled", "twice"),
        ('[printing]\nslip_layout = "A6"', "printing.slip_layout", "not a slip layout"),
        ("[content]\nreview_months = 12.5", "content.review_months", "whole number"),
        ("[content]\nreview_months = 0", "content.review_months", "out of range"),
        ('[content]\ntrusted_keys = "abc"', "content.trusted_keys", "list of public keys"),
        ('[content]\ntrusted_keys = [""]', "content.trusted_keys", "list of public keys"),
        ('[staff]\npin_hash = "1234"', "staff.pin_hash", "not a PIN hash"),
        ("[statistics]\nenabled = 1", "statistics.enabled", "true or false"),
        ('site = "Wigan"', "site", "should be a section"),
    ],
)
def test_wrong_types_and_values_are_named_with_a_fix(data_dir, site, line, key, says):
    problem = only(problems_of(site(line + "\n")), key)
    assert says in problem.message and problem.fix
    assert problem.line == (1 if "\n" not in line else 2)


@pytest.mark.parametrize("seconds", [30, 29.9, 10, 0, -5, 3601])
def test_idle_timeout_must_be_over_30_s_and_at_most_an_hour(data_dir, site, seconds):
    settings, problems = load_config(site(f"[screen]\nidle_timeout = {seconds}\n"), log_problems=False)
    problem = only(problems, "screen.idle_timeout")
    assert problem.line == 2 and "out of range" in problem.message and "more than 30" in problem.fix
    assert settings.idle_timeout == 120


@pytest.mark.parametrize("seconds", [30.5, 31, 600, 3600])
def test_idle_timeouts_in_range_are_taken(data_dir, site, seconds):
    assert load_config(site(f"[screen]\nidle_timeout = {seconds}\n"))[0].idle_timeout == seconds


def test_unknown_languages_are_named_with_the_shipped_ones(data_dir, site):
    settings, problems = load_config(
        site('[languages]\nenabled = ["en_GB", "fr"]\ndefault = "cy"\n'), log_problems=False
    )
    enabled, default = only(problems, "languages.enabled"), only(problems, "languages.default")
    assert "'fr' is not a language the kiosk ships" in enabled.message and "zh_Hans" in enabled.fix
    assert (enabled.line, default.line) == (2, 3)
    assert settings.languages == SHIPPED and settings.default_language == "en_GB"


def test_the_default_language_must_be_offered(data_dir, site):
    settings, problems = load_config(site('[languages]\nenabled = ["pl", "ro"]\n'), log_problems=False)
    problem = only(problems, "languages.default")
    assert "'en_GB' is not in languages.enabled" in problem.message
    assert settings.languages == ("pl", "ro") and settings.default_language == "pl"


@pytest.fixture(scope="module")
def drafts():
    from kiosk.core.languages import review_status_of

    found = [c for c in SHIPPED if review_status_of(c) == "draft"]
    if len(found) < 2:
        pytest.skip("fewer than two draft translations left")
    return found


def test_reviewed_only_cannot_start_in_a_draft(data_dir, site, drafts):
    path = site(
        f'[languages]\nenabled = ["en_GB", "{drafts[0]}"]\ndefault = "{drafts[0]}"\nreviewed_only = true\n'
    )
    settings, problems = load_config(path, log_problems=False)
    assert "draft" in only(problems, "languages.default").message
    assert config.offered_languages(settings.languages, settings.reviewed_only) == ("en_GB",)
    assert settings.default_language == "en_GB"


def test_reviewed_only_with_only_drafts_enabled_adds_english(data_dir, site, drafts):
    a, b = drafts[:2]
    path = site(f'[languages]\nenabled = ["{a}", "{b}"]\ndefault = "{a}"\nreviewed_only = true\n')
    settings, problems = load_config(path, log_problems=False)
    problem = only(problems, "languages.reviewed_only")
    assert problem.line == 4 and "leaves no language" in problem.message
    assert (settings.languages, settings.default_language) == (("en_GB", a, b), "en_GB")
    assert config.offered_languages(settings.languages, settings.reviewed_only) == ("en_GB",)


def test_the_bundle_folder_is_relative_to_the_file_and_may_be_missing_for_now(data_dir, site, tmp_path):
    """Whether the update folder is there (a USB stick, a share not up yet) is for each start to
    find out (kiosk.core.startup): a missing one must never turn into "" (the built-in content)."""
    (tmp_path / "bundles" / "leigh").mkdir(parents=True)
    assert (
        load_config(site('[content]\nbundle = "bundles/leigh"\n'))[0].bundle == tmp_path / "bundles" / "leigh"
    )
    settings, problems = load_config(site("[content]\nbundle = '/media/usb/nowhere'\n"))
    assert settings.bundle == Path("/media/usb/nowhere") and not problems
    assert load_config(site('[content]\nbundle = ""\n'))[0].bundle is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("[screen]\nidle_timeout = " + "9" * 400, "a number of 400 digits is out of range"),
        ("[content]\nreview_months = -" + "9" * 400, "a number of 400 digits is out of range"),
        ("[screen]\nidle_timeout = " + "9" * 5000, "a number of more than 4300 digits"),
        ("[screen]\nidle_timeout = " + "[" * 20000 + "]" * 20000, "lists or tables nested too deep"),
        ("[content]\nbundle = '" + "a" * 5000 + "'", "is 5000 characters long"),
        ('[content]\nbundle = "/media/usb\\u0000x"', "control character"),
        ('[content]\ntrusted_keys = ["not a key"]', "key 1 ('not a key') is not an Ed25519 public key"),
        ('[content]\ntrusted_keys = ["AAAA"]', "is not an Ed25519 public key"),
        (
            '[languages]\nenabled = ["en_GB", "en_GB", "en_GB", "en_GB", "en_GB", "en_GB", "en_GB", "en_GB"]',
            "once",
        ),
    ],
)
def test_values_toml_allows_but_no_setting_takes_are_problems_not_crashes(data_dir, site, line, expected):
    path = site(f'[site]\nname = "Leigh Library"\n{line}\n')
    settings, problems = load_config(path, log_problems=False)
    assert any(expected in f"{p.message} {p.fix}" for p in problems), problems
    assert settings.site_name == "Leigh Library", "what the file got right still counts"


def test_a_trusted_key_as_keygen_prints_it_base64_or_pem_is_taken(data_dir, site):
    import base64

    raw = bytes(range(32))
    pem = base64.b64encode(bytes.fromhex("302a300506032b6570032100") + raw).decode()
    pem = f"-----BEGIN PUBLIC KEY-----\n{pem}\n-----END PUBLIC KEY-----"
    text = f'[content]\ntrusted_keys = ["{base64.b64encode(raw).decode()}", """{pem}"""]\n'
    settings, problems = load_config(site(text), log_problems=False)
    assert not problems and len(settings.trusted_keys) == 2


def test_a_pin_hash_from_kiosk_pin_hash_is_taken(data_dir, site):
    hashed = hash_pin("246813", n=16)
    assert load_config(site(f'[staff]\npin_hash = "{hashed}"\n'))[0].pin_hash == hashed


def test_a_clean_file_is_kept_and_a_broken_one_falls_back_to_it(data_dir, site):
    path = site(GOOD)
    good, _ = load_config(path)
    kept = data_dir / config.LAST_GOOD
    assert GOOD in kept.read_text(encoding="utf-8")

    path.write_text(
        GOOD.replace("idle_timeout = 90", "idle_timeout = 9").replace('name = "', "name = ") + "[x\n"
    )
    settings, problems = load_config(path, log_problems=False)
    assert GOOD in kept.read_text(encoding="utf-8"), "a broken file never replaces the last good copy"
    assert settings == good, "every setting the file got wrong comes from the last good settings"
    timeout = only(problems, "screen.idle_timeout")
    assert timeout.using == "90, from the last good settings"
    assert "last good copy" in only(problems, "(file)").fix

    path.write_text(GOOD.replace("idle_timeout = 90", "idle_timeout = 300"))
    fixed, problems = load_config(path)
    assert (fixed.idle_timeout, problems) == (300, [])
    assert "idle_timeout = 300" in kept.read_text(encoding="utf-8")


def test_a_bad_value_in_a_readable_file_falls_back_alone(data_dir, site):
    path = site(GOOD)
    load_config(path)
    path.write_text(GOOD.replace('"receipt-80mm"', '"a5"').replace("Wigan Central", "Leigh"))
    settings, problems = load_config(path, log_problems=False)
    assert [p.key for p in problems] == ["printing.slip_layout"]
    assert (settings.slip_layout, settings.site_name) == ("receipt-80mm", "Leigh Library")


def test_the_last_good_copy_belongs_to_one_file(data_dir, site):
    load_config(site(GOOD, "one.toml"))
    settings, problems = load_config(site("[screen]\nidle_timeout = 5\n", "two.toml"), log_problems=False)
    assert settings.idle_timeout == 120 and only(problems, "screen.idle_timeout").using == "120, the default"


def test_no_system_file_means_defaults_quietly(data_dir, tmp_path):
    assert paths.system_config_file() == tmp_path / "xdg" / "kiosk" / "kiosk.toml"
    assert load_config() == (Settings(), [])
    assert not (data_dir / config.LAST_GOOD).exists()


def test_a_system_file_that_vanishes_keeps_the_last_good_settings(data_dir, tmp_path):
    system = tmp_path / "xdg" / "kiosk" / "kiosk.toml"
    system.parent.mkdir(parents=True)
    system.write_text(GOOD)
    assert load_config()[0].idle_timeout == 90
    system.unlink()  # half-way through a Group Policy refresh, say
    settings, problems = load_config(log_problems=False)
    assert settings.idle_timeout == 90 and "not found" in problems[0].message


def test_a_named_file_that_is_missing_is_a_problem(data_dir, tmp_path, monkeypatch):
    _, problems = load_config(tmp_path / "nope.toml", log_problems=False)
    assert problems[0].key == "(file)" and "not found" in problems[0].message
    monkeypatch.setenv("KIOSK_CONFIG", str(tmp_path / "env.toml"))
    assert "env.toml" in load_config(log_problems=False)[1][0].file


def test_kiosk_config_env_and_flag_choose_the_file(data_dir, site, monkeypatch):
    path = site(GOOD)
    monkeypatch.setenv("KIOSK_CONFIG", str(path))
    assert load_config()[0].idle_timeout == 90
    assert paths.chosen_config_file("other.toml") == Path("other.toml"), "--config wins over the variable"


def test_changes_on_the_kiosk_hold_until_it_changes_the_same_setting(data_dir, site):
    path = site(GOOD)
    new_pin = hash_pin("135792", n=16)
    assert config.save_local_changes({"idle_timeout": 200, "pin_hash": new_pin}, path) == []
    settings, _ = load_config(path)
    assert (settings.idle_timeout, settings.pin_hash) == (200, new_pin)
    assert config.local_changes() == {"idle_timeout": 200, "pin_hash": new_pin}

    path.write_text(GOOD.replace("idle_timeout = 90", "idle_timeout = 45"))  # IT pushes a new timeout
    settings, _ = load_config(path)
    assert (settings.idle_timeout, settings.pin_hash) == (45, new_pin)

    config.forget_local_changes()
    assert load_config(path)[0].pin_hash == ""


def test_bad_changes_on_the_kiosk_are_refused_whole(data_dir, site):
    path = site(GOOD)
    problems = config.save_local_changes({"idle_timeout": 10, "site_name": "Leigh", "colour": "red"}, path)
    assert {p.key for p in problems} == {"screen.idle_timeout", "colour"}
    assert not (data_dir / config.LOCAL).exists()
    assert load_config(path)[0].site_name == "Wigan Central Library"


def test_an_unwritable_data_folder_still_loads(tmp_path, site, monkeypatch, caplog):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(tmp_path / "xdg"))
    settings, problems = load_config(site(GOOD), data_dir=blocker / "data")
    assert problems == [] and settings.idle_timeout == 90
    assert "cannot keep the last good settings" in caplog.text


def test_settings_written_as_toml_read_back_the_same(data_dir, site, tmp_path):
    (tmp_path / "b").mkdir()
    original = Settings(
        site_name='The "Old" Library \\ Annexe',
        idle_timeout=75.5,
        languages=("en_GB", "ar"),
        default_language="ar",
        printer="Desk printer",
        slip_layout="a4-sheet",
        statistics=False,
        bundle=tmp_path / "b",
        trusted_keys=("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",),
        review_months=6,
    )
    text = config.as_toml(original)
    assert "# pin_hash is not set" in text
    assert load_config(site(text)) == (original, [])


def test_every_default_passes_its_own_check(data_dir, site):
    assert load_config(site(config.as_toml(Settings()))) == (Settings(), [])


def test_every_problem_is_logged_at_start_up(data_dir, site, caplog):
    load_config(site("[screen]\nidle_timeout = 5\nwobble = 1\n"))
    assert caplog.text.count("configuration: ") == 2


# --- where things live --------------------------------------------------------------------------


def test_system_config_location_per_os():
    env = {"XDG_CONFIG_DIRS": "/opt/site/xdg:relative/ignored:/etc/xdg"}
    assert paths.system_config_dirs("linux", env) == [Path("/opt/site/xdg/kiosk"), Path("/etc/xdg/kiosk")]
    assert paths.system_config_dirs("linux", {}) == [Path("/etc/xdg/kiosk")]
    assert paths.system_config_file("linux", {"XDG_CONFIG_DIRS": ""}) == Path("/etc/xdg/kiosk/kiosk.toml")
    win = paths.system_config_file("win32", {"PROGRAMDATA": r"C:\ProgramData"})
    assert str(win).replace("\\", "/").endswith("C:/ProgramData/kiosk/kiosk.toml")
    mac = paths.system_config_file("darwin", {})
    assert mac == Path("/Library/Application Support/kiosk/kiosk.toml")


def test_the_first_xdg_folder_with_a_file_wins(tmp_path):
    low, high = tmp_path / "low", tmp_path / "high"
    (low / "kiosk").mkdir(parents=True)
    (low / "kiosk" / "kiosk.toml").write_text("")
    env = {"XDG_CONFIG_DIRS": f"{high}:{low}"}
    assert paths.system_config_file("linux", env) == low / "kiosk" / "kiosk.toml"


def test_data_directory_per_os():
    assert paths.data_dir("linux", {"HOME": "/home/k"}) == Path("/home/k/.local/state/kiosk")
    assert paths.data_dir("linux", {"HOME": "/home/k", "XDG_STATE_HOME": "/var/k"}) == Path("/var/k/kiosk")
    assert paths.data_dir("linux", {"HOME": "/home/k", "XDG_STATE_HOME": "rel"}) == Path(
        "/home/k/.local/state/kiosk"
    )
    local = paths.data_dir("win32", {"LOCALAPPDATA": r"C:\Users\k\AppData\Local"})
    assert str(local).replace("\\", "/").endswith("C:/Users/k/AppData/Local/kiosk")
    assert paths.data_dir("darwin", {"HOME": "/Users/k"}) == Path(
        "/Users/k/Library/Application Support/kiosk"
    )
    assert paths.data_dir("linux", {"KIOSK_DATA_DIR": "/srv/kiosk"}) == Path("/srv/kiosk")


# --- kiosk config check --------------------------------------------------------------------------


def kiosk(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})},
    )


def test_config_check_lists_every_problem_and_exits_1(site, tmp_path):
    path = site("[screen]\nidle_timeout = 20\nattract = yes\n[site]\nnmae = 'x'\n")
    result = kiosk("config", "check", str(path), env={"KIOSK_DATA_DIR": str(tmp_path / "d")})
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{path}:2: screen.idle_timeout: 20 is out of range: the screen warns for 30 s before it clears; "
        "use more than 30 and at most 3600, e.g. 120",
        f"{path}:3: screen.attract: the value does not read (Invalid value); "
        'write text in "double quotes", true/false in lower case, numbers without units',
        f"{path}:5: site.nmae: unknown key; did you mean name in [site]?",
    ]
    assert "3 problem(s)" in result.stderr
    assert not (tmp_path / "d").exists(), "checking writes nothing"


def test_config_check_prints_ok_and_the_effective_settings(site, tmp_path):
    path = site(GOOD)
    result = kiosk("--config", str(path), "config", "check", env={"KIOSK_DATA_DIR": str(tmp_path / "d")})
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("OK\n[site]\n")
    assert 'slip_layout = "receipt-80mm"' in result.stdout and "idle_timeout = 90" in result.stdout
    assert "review_months = 12" in result.stdout, "defaults are shown too"


def test_config_check_names_a_broken_bundle(site, tmp_path):
    (tmp_path / "leigh").mkdir()
    (tmp_path / "leigh" / "bundle.toml").write_text("format = 1\n")
    result = kiosk("config", "check", str(site("[content]\nbundle = 'leigh'\nallow_unsigned = true\n")))
    assert result.returncode == 1
    assert "content.bundle: contacts.toml: (file): missing" in result.stdout


def test_config_check_says_a_kiosk_refuses_a_plain_folder_without_allow_unsigned(site, tmp_path):
    from kiosk.core.resources import builtin_bundle

    result = kiosk("config", "check", str(site(f"[content]\nbundle = '{builtin_bundle('example')}'\n")))
    assert result.returncode == 1
    assert "a plain bundle folder is unsigned, so a kiosk refuses it" in result.stdout


def test_the_admin_commands_add_no_weight_to_start_up():
    code = (
        "import sys\nfrom kiosk.cli import build_parser\nbuild_parser()\n"
        "print(sorted(m for m in ('tomllib', 'sqlite3', 'hashlib', 'csv', 'kiosk.core.config', "
        "'kiosk.core.stats', 'kiosk.core.pin', 'getpass') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "[]", result.stdout + result.stderr


# --- the documentation --------------------------------------------------------------------------


def test_the_documented_example_is_clean_and_every_key_is_documented(data_dir, site):
    text = DOCS.read_text(encoding="utf-8")
    example = re.search(r"```toml\n(.*?)```", text, re.S)
    assert example, "docs/configuration.md has a ```toml example"
    assert load_config(site(example.group(1)))[1] == []
    for key in config.KEYS:
        assert f"`{key.name}`" in text and f"[{key.section}]" in text, key.dotted


def test_the_settings_table_in_the_docs_is_made_from_the_schema():
    from kiosk.core.config import docs

    text = DOCS.read_text(encoding="utf-8")
    assert docs.with_current_table(text) == text, (
        f"the settings table in {DOCS} is not what kiosk/core/config/schema.py says; "
        f"run `{docs.COMMAND}` and commit the result"
    )


def test_the_settings_table_names_every_limit_and_choice():
    from kiosk.core.config import docs

    table = docs.settings_table()
    for needle in (
        '| `[site]` | `name` | `""` |',
        "(up to 80 characters)",
        "(more than 30, at most 3600)",
        "| `[screen]` | `idle_timeout` | `120` |",
        '`"receipt-80mm"` (a receipt printer\'s 80 mm roll)',
        "| `[languages]` | `enabled` | every shipped language |",
        "`zh_Hans`",
        "(1 to 60)",
    ):
        assert needle in table, needle


def test_the_docs_command_remakes_a_stale_table(tmp_path, capsys):
    from kiosk.core.config import docs

    stale = tmp_path / "configuration.md"
    stale.write_text(DOCS.read_text(encoding="utf-8").replace("(1 to 60)", "(1 to 99)"), encoding="utf-8")
    assert docs.main([str(stale)]) == 0 and "made afresh" in capsys.readouterr().out
    assert stale.read_text(encoding="utf-8") == DOCS.read_text(encoding="utf-8")
    assert docs.main([str(stale)]) == 0 and "up to date" in capsys.readouterr().out
