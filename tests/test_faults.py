"""Faults a kiosk meets in a library or a GP surgery, each tried on the real kiosk.

Every test starts `kiosk --startup-probe` (or runs `kiosk config check`) as its own process, on a
data folder of its own, and checks what a resident and IT would see: that it starts, which bundle
it runs, the children's number on the screen (read from the model the screens show), the line in
kiosk.log, and that no temporary file is left behind. The rule under test (ENGINEERING.md,
"Crash-only start-up"): on a fault, keep the last good state, tell staff and the log, never show
what was not published.

A full disk is a small tmpfs, and read-only or unreadable folders are tried as a second account:
both need root, as CI runs. Where this machine's Python cannot be run by another account (it lives
in a folder only root may enter), root without the capabilities that let it pass file permissions
stands in for that account.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import pwd
import shutil
import stat
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import pytest

from kiosk.core.resources import builtin_bundle

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
WIGAN, WIGAN_CHILDREN = "wigan", "01942 828300"
RIVERFORD, RIVERFORD_CHILDREN = "riverford-example", "01632 960100"
LEFTOVERS = (".tmp", ".part")  # what a write cut short would leave (and .incoming-* folders)
PAGE = 4096
ROOT_ONLY = "needs root (CI runs as root): mounts a tmpfs or uses a second account"


class Started(NamedTuple):
    code: int
    probe: dict | None  # the probe's JSON line, if it printed one
    log: str  # what this start wrote to kiosk.log
    stderr: str


class Account(NamedTuple):
    prefix: list[str]  # what runs a command as the account
    uid: int
    gid: int


# --- running the kiosk --------------------------------------------------------------------------


def environment(data: Path, config: Path | None, home: Path | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KIOSK_", "QT_", "XDG_"))}
    env.update(
        QT_QPA_PLATFORM="offscreen",
        KIOSK_DATA_DIR=str(data),
        XDG_CONFIG_DIRS=str(data.parent / "no-system-config"),  # never this machine's kiosk.toml
        HOME=str(home or data.parent),
        PYTHONDONTWRITEBYTECODE="1",
    )
    if config is not None:
        env["KIOSK_CONFIG"] = str(config)
    return env


def run(
    args: list[str], data: Path, config: Path | None, account: Account | None = None, timeout: float = 60
) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "kiosk", *args]
    return subprocess.run(
        [*(account.prefix if account else []), *command],
        cwd=ROOT,  # the checkout's kiosk, as the rest of the tests
        env=environment(data, config, home=data.parent),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def start(
    data: Path, config: Path | None = None, account: Account | None = None, timeout: float = 60
) -> Started:
    log = data / "logs" / "kiosk.log"
    before = log.stat().st_size if log.is_file() else 0
    result = run(["--startup-probe"], data, config, account, timeout)
    lines = [ln for ln in result.stdout.splitlines() if ln.startswith("{")]
    written = log.read_bytes()[before:].decode("utf-8", "replace") if log.is_file() else ""
    return Started(result.returncode, json.loads(lines[-1]) if lines else None, written, result.stderr)


def assert_shows(started: Started, bundle: str, number: str) -> None:
    """It started, runs `bundle`, and a resident worried about a child is given `number`."""
    assert started.code == 0 and started.probe is not None, started.stderr[-3000:]
    assert "Traceback" not in started.stderr and "Logging error" not in started.stderr, started.stderr[-3000:]
    assert started.probe["bundle"]["id"] == bundle, started.log
    assert started.probe["children_number"] == number


def leftovers(*folders: Path) -> list[Path]:
    found = []
    for folder in folders:
        for path in folder.rglob("*"):
            if path.name.endswith(LEFTOVERS) or path.name.startswith(".incoming-"):
                found.append(path)
    return found


def site(folder: Path, text: str) -> Path:
    path = folder / "kiosk.toml"
    path.write_text(text, encoding="utf-8")
    return path


# --- content ------------------------------------------------------------------------------------


class Packages(NamedTuple):
    first: bytes  # Riverford 2026.11.1, signed
    second: bytes  # Riverford 2026.12.1, signed with the same key
    public: str  # the key a kiosk must trust
    other: str  # a key that signed nothing here


@pytest.fixture(scope="module")
def packages(tmp_path_factory) -> Packages:
    from kiosk.core.content import pack, signing

    key = signing.load_private_key(signing.generate_key()[0])
    newer = tmp_path_factory.mktemp("newer") / "riverford"
    shutil.copytree(builtin_bundle("example"), newer)
    toml = newer / "bundle.toml"
    text = toml.read_text(encoding="utf-8")
    toml.write_text(
        text.replace('version = "2026.11.1"', 'version = "2026.12.1"').replace(
            "date = 2026-11-26", "date = 2026-12-01"
        ),
        encoding="utf-8",
    )
    return Packages(
        signing.sign(pack.pack_bytes(builtin_bundle("example"))[0], key),
        signing.sign(pack.pack_bytes(newer)[0], key),
        signing.public_text(key.public_key()),
        signing.generate_key()[1],
    )


def updates_site(folder: Path, inbox: Path, key: str, extra: str = "") -> Path:
    return site(folder, f'[content]\nbundle = "{inbox}"\ntrusted_keys = ["{key}"]\n{extra}')


def inbox_with(folder: Path, **packages: bytes) -> Path:
    inbox = folder / "usb"
    inbox.mkdir(exist_ok=True)
    for name, data in packages.items():
        (inbox / f"{name}.kbundle").write_bytes(data)
    return inbox


def installed_as(account: Account, shared: Path, packages: Packages) -> tuple[Path, Path, Path]:
    """Riverford installed from an update folder by a kiosk running as `account`: (its data
    folder, the update folder, the site file)."""
    data, inbox = shared / "data", inbox_with(shared, riverford=packages.first)
    owned_by(account, data)
    config = updates_site(shared, inbox, packages.public)
    assert_shows(start(data, config, account), RIVERFORD, RIVERFORD_CHILDREN)
    return data, inbox, config


def installed(data: Path) -> Path:
    state = json.loads((data / "bundles" / "state.json").read_text(encoding="utf-8"))
    return data / "bundles" / state["current"]


# --- root: a tmpfs, a second account ----------------------------------------------------------


def unavailable(reason: str) -> None:
    """Skip with the reason, except in CI (root, as .ci/run runs), where these faults must be tried."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI must try this fault, but {reason}; see .ci/run", pytrace=False)
    pytest.skip(reason)


@pytest.fixture
def tmpfs() -> Iterator:
    """mount(size_kb) -> a folder on a tmpfs of that size, unmounted afterwards."""
    if os.geteuid() != 0:
        unavailable(ROOT_ONLY)
    mounted: list[Path] = []

    def mount(size_kb: int) -> Path:
        folder = Path(tempfile.mkdtemp(prefix="kiosk-full-disk-"))
        options = f"size={size_kb}k,mode=0755"
        done = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)], capture_output=True
        )
        if done.returncode != 0:
            folder.rmdir()
            unavailable(f"a tmpfs cannot be mounted here ({done.stderr.decode().strip()})")
        mounted.append(folder)
        return folder

    yield mount
    for folder in mounted:
        subprocess.run(["umount", "--lazy", str(folder)], check=False)
        with contextlib.suppress(OSError):
            folder.rmdir()


@pytest.fixture(scope="module")
def account() -> Iterator[Account]:
    """A second account the kiosk runs as, removed afterwards."""
    if os.geteuid() != 0 or not shutil.which("setpriv"):
        unavailable(ROOT_ONLY)
    name = f"kioskfault{os.getpid()}"
    made = subprocess.run(
        ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", name], capture_output=True
    )
    try:
        entry = pwd.getpwnam(name) if made.returncode == 0 else None
        if entry is not None:
            prefix = ["setpriv", f"--reuid={entry.pw_uid}", f"--regid={entry.pw_gid}", "--clear-groups"]
            if subprocess.run([*prefix, sys.executable, "-c", ""], capture_output=True).returncode == 0:
                yield Account(prefix, entry.pw_uid, entry.pw_gid)
                return
        # This machine's Python cannot be run by another account: root without the capabilities
        # that let it pass file permissions is held to them like any account.
        yield Account(["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner"], 0, 0)
    finally:
        if made.returncode == 0:
            subprocess.run(["userdel", name], capture_output=True)


@pytest.fixture
def shared() -> Iterator[Path]:
    """A folder every account may enter (pytest's tmp_path is root's alone)."""
    folder = Path(tempfile.mkdtemp(prefix="kiosk-faults-"))
    folder.chmod(0o755)
    yield folder
    for path in folder.rglob("*"):  # what a test made unreadable, so it can be removed
        with contextlib.suppress(OSError):
            path.chmod(0o700 if path.is_dir() else 0o600)
    shutil.rmtree(folder, ignore_errors=True)


def owned_by(account: Account, *paths: Path) -> None:
    for path in paths:
        path.mkdir(parents=True, exist_ok=True)
        for p in (path, *path.rglob("*")):
            os.chown(p, account.uid, account.gid)
            p.chmod(0o755 if p.is_dir() else 0o644)


def read_only(*folders: Path) -> None:
    """Root's, and nobody may write there (the account stays out; see `account`)."""
    for folder in folders:
        for p in (folder, *folder.rglob("*")):
            os.chown(p, 0, 0)
            p.chmod(0o555 if p.is_dir() else 0o444)


# --- 1. the bundle cache ------------------------------------------------------------------------


@pytest.mark.parametrize("signed", [False, True], ids=["built-in", "signed"])
def test_a_bit_flipped_in_the_bundle_cache_never_reaches_the_screen(tmp_path, packages, signed):
    data = tmp_path / "data"
    if signed:
        config = updates_site(tmp_path, inbox_with(tmp_path, riverford=packages.first), packages.public)
        bundle, number = RIVERFORD, RIVERFORD_CHILDREN
    else:
        config, bundle, number = None, WIGAN, WIGAN_CHILDREN
    assert_shows(start(data, config), bundle, number)
    (cache,) = [p for p in (data / "cache").glob("bundle-*.cache") if number.encode() in p.read_bytes()]
    flipped = number[:-1] + "1"  # '0' to '1': one bit
    cache.write_bytes(cache.read_bytes().replace(number.encode(), flipped.encode()))

    again = start(data, config)
    assert_shows(again, bundle, number)
    assert "is damaged (its records do not match their SHA-256)" in again.log
    assert flipped.encode() not in cache.read_bytes(), "the damaged cache is replaced"
    assert not leftovers(data)


# --- 2. the update folder is missing or unreadable --------------------------------------------


def test_a_missing_update_folder_keeps_the_installed_bundle(tmp_path, packages):
    data, inbox = tmp_path / "data", inbox_with(tmp_path, riverford=packages.first)
    config = updates_site(tmp_path, inbox, packages.public)
    first = start(data, config)
    assert_shows(first, RIVERFORD, RIVERFORD_CHILDREN)

    shutil.rmtree(inbox)  # the USB stick taken out, or the share not up at boot
    again = start(data, config)
    assert_shows(again, RIVERFORD, RIVERFORD_CHILDREN)
    assert "content: Installed Riverford Safeguarding Partnership (FICTIONAL EXAMPLE) 2026.11.1" in first.log
    assert f"content: The update folder {inbox} is not there: no new content" in again.log
    assert "content: running Riverford Safeguarding Partnership (FICTIONAL EXAMPLE) 2026.11.1" in again.log
    assert not leftovers(data)


def test_an_update_folder_the_account_may_not_read_keeps_the_installed_bundle(shared, packages, account):
    data, inbox, config = installed_as(account, shared, packages)

    inbox.chmod(0)
    os.chown(inbox, 0, 0)
    again = start(data, config, account)
    assert_shows(again, RIVERFORD, RIVERFORD_CHILDREN)
    assert f"content: The update folder {inbox} cannot be read (Permission denied)" in again.log
    assert not leftovers(data)


# --- 3 and 6. values TOML allows, and settings out of bounds ------------------------------------

BAD_VALUES = {
    "400-digit number": ("[screen]\nidle_timeout = " + "9" * 400, "screen.idle_timeout"),
    "5000-digit number": ("[screen]\nidle_timeout = " + "9" * 5000, "screen.idle_timeout"),
    "nested 20,000 deep": ("[screen]\nidle_timeout = " + "[" * 20_000 + "]" * 20_000, "screen.idle_timeout"),
    "5000-character path": ("[content]\nbundle = '" + "a" * 5000 + "'", "content.bundle"),
    "NUL in a path": ('[content]\nbundle = "usb\\u0000kiosk"', "content.bundle"),
    "not a key": ('[content]\ntrusted_keys = ["not a key"]', "content.trusted_keys"),
}


@pytest.mark.parametrize("fault", list(BAD_VALUES))
def test_a_site_file_with_values_toml_allows_starts_and_says_what_is_wrong(tmp_path, fault):
    line, key = BAD_VALUES[fault]
    config = site(tmp_path, f'[site]\nname = "Leigh Library"\n{line}\n')
    data = tmp_path / "data"
    started = start(data, config)
    assert_shows(started, WIGAN, WIGAN_CHILDREN)
    assert f"WARNING kiosk.core.config: configuration: {config}:4: {key}: " in started.log

    checked = run(["config", "check", str(config)], data, None)
    assert checked.returncode == 1 and "Traceback" not in checked.stderr, checked.stderr[-2000:]
    assert f"{config}:4: {key}: " in checked.stdout and "OK" not in checked.stdout
    assert not leftovers(data)


# --- 4. damaged state -------------------------------------------------------------------------


def test_a_damaged_last_good_copy_is_replaced(tmp_path):
    config, data = site(tmp_path, '[site]\nname = "Leigh Library"\n'), tmp_path / "data"
    data.mkdir()
    last_good = data / "last-good.toml"
    last_good.write_bytes(
        f"# kiosk last good copy of: {json.dumps(str(config))}\n[site]\nname = '\xff\xfe'\n".encode("latin-1")
    )
    started = start(data, config)
    assert_shows(started, WIGAN, WIGAN_CHILDREN)
    assert f"configuration {config} loaded cleanly; kept as the last good settings" in started.log
    assert "Leigh Library" in last_good.read_text(encoding="utf-8"), "written afresh from the clean file"
    assert not leftovers(data)


def test_a_file_where_the_bundles_folder_belongs_is_moved_aside(tmp_path, packages):
    data = tmp_path / "data"
    data.mkdir()
    (data / "bundles").write_text("not a folder")
    config = updates_site(tmp_path, inbox_with(tmp_path, riverford=packages.first), packages.public)
    started = start(data, config)
    assert_shows(started, RIVERFORD, RIVERFORD_CHILDREN)
    assert (
        f"content: {data / 'bundles'} was not a folder: moved aside to bundles.not-a-folder." in started.log
    )
    assert (data / "bundles.not-a-folder").read_text() == "not a folder"
    assert not leftovers(data)


def test_a_damaged_state_file_keeps_the_installed_bundle(tmp_path, packages):
    data, inbox = tmp_path / "data", inbox_with(tmp_path, riverford=packages.first)
    config = updates_site(tmp_path, inbox, packages.public)
    assert_shows(start(data, config), RIVERFORD, RIVERFORD_CHILDREN)
    state = data / "bundles" / "state.json"
    state.write_bytes(state.read_bytes()[:20])  # torn
    shutil.rmtree(inbox)  # so it is not simply installed again
    again = start(data, config)
    assert_shows(again, RIVERFORD, RIVERFORD_CHILDREN)
    assert f"content: {state} was damaged; made again from the installed packages" in again.log
    assert json.loads(state.read_text(encoding="utf-8"))["current"].startswith(RIVERFORD)
    assert not leftovers(data)


def test_a_read_only_data_folder_keeps_the_installed_bundle_when_a_new_one_comes(shared, packages, account):
    data, inbox, config = installed_as(account, shared, packages)

    read_only(data, data / "bundles")
    owned_by(account, data / "logs")  # so the log says what happened
    inbox_with(shared, riverford2=packages.second)
    again = start(data, config, account)
    assert_shows(again, RIVERFORD, RIVERFORD_CHILDREN)
    assert again.probe["bundle"]["version"] == "2026.11.1"
    assert "content: Could not install riverford2.kbundle: Permission denied" in again.log
    assert "Still running Riverford Safeguarding Partnership (FICTIONAL EXAMPLE) 2026.11.1" in again.log
    assert not leftovers(data)


# --- 5. a full disk ---------------------------------------------------------------------------


def pages(data: bytes) -> int:
    return -(-len(data) // PAGE)


def test_a_disk_that_fills_as_an_update_is_installed_leaves_nothing_half_made(tmp_path, packages, tmpfs):
    """The disk holds the new bundle's files and its package, and then not one page for state.json:
    the install is undone and the built-in bundle runs."""
    with zipfile.ZipFile(io.BytesIO(packages.first)) as package:
        unpacked = sum(pages(package.read(n)) for n in package.namelist() if n != "kiosk-bundle.json")
    config = updates_site(tmp_path, inbox_with(tmp_path, riverford=packages.first), packages.public)
    disk = tmpfs(4096)
    data = disk / "data"
    (data / "logs").mkdir(parents=True)
    free = os.statvfs(disk).f_bavail
    # left free: the log's first page, the last good settings, the bundle's files and its package
    (disk / "filler").write_bytes(b"\0" * PAGE * (free - 2 - unpacked - pages(packages.first)))

    started = start(data, config)
    assert_shows(started, WIGAN, WIGAN_CHILDREN)
    assert "content: Could not install riverford.kbundle: No space left on device" in started.log
    assert "while recording it in state.json" in started.log, "the disk filled as the state was written"
    assert "Still running the built-in bundle." in started.log
    assert sorted(p.name for p in (data / "bundles").iterdir()) == [], "no orphaned folder or package"
    assert not leftovers(data)


def test_a_full_disk_from_the_start_runs_the_built_in_bundle_and_logs_to_the_console(
    tmp_path, packages, tmpfs
):
    config = updates_site(tmp_path, inbox_with(tmp_path, riverford=packages.first), packages.public)
    disk = tmpfs(256)
    data = disk / "data"
    (disk / "filler").write_bytes(b"\0" * PAGE * os.statvfs(disk).f_bavail)
    started = start(data, config)
    assert_shows(started, WIGAN, WIGAN_CHILDREN)  # and no "--- Logging error ---"
    assert started.stderr.count("kiosk.log cannot be written (No space left on device)") == 1
    assert "content: Could not install riverford.kbundle: No space left on device" in started.stderr
    assert not leftovers(data)


# --- 7. what the kiosk decides about its content goes to the log ---------------------------


def test_content_installed_restored_refused_and_fallen_back_from_is_logged(tmp_path, packages):
    data, inbox = tmp_path / "data", inbox_with(tmp_path, riverford=packages.first)
    config = updates_site(tmp_path, inbox, packages.public)
    assert "content: Installed Riverford" in start(data, config).log

    contacts = installed(data) / "contacts.toml"
    contacts.write_text(contacts.read_text(encoding="utf-8").replace(RIVERFORD_CHILDREN, "01632 960101"))
    (inbox / "junk.kbundle").write_bytes(os.urandom(3000))
    again = start(data, config)
    assert_shows(again, RIVERFORD, RIVERFORD_CHILDREN)
    assert "they were restored from the signed package" in again.log
    assert "WARNING kiosk.core.startup: content: Refused junk.kbundle:" in again.log

    untrusting = updates_site(tmp_path, inbox, packages.other)  # IT took the key off the list
    fallen = start(data, untrusting)
    assert_shows(fallen, WIGAN, WIGAN_CHILDREN)
    assert "content: The installed bundle riverford-example-2026.11.1-" in fallen.log
    assert "content: Running the built-in bundle instead." in fallen.log
    assert "content: running Wigan Safeguarding Partnership 2026.11.1 (2026-11-26) (built in)" in fallen.log
    assert not leftovers(data)


# --- 9. the start-up picture ------------------------------------------------------------------


def test_a_damaged_start_up_picture_is_replaced_at_the_next_start(tmp_path):
    data = tmp_path / "data"
    assert "start-up picture kept for the next start" in start(data).log
    pixels = data / "cache" / "start-picture.rgb"
    damaged = bytearray(pixels.read_bytes())
    damaged[len(damaged) // 2 : len(damaged) // 2 + 64] = bytes(64)
    pixels.write_bytes(bytes(damaged))

    again = start(data)
    assert_shows(again, WIGAN, WIGAN_CHILDREN)
    assert not again.probe["picture"]
    assert "start-up picture damaged" in again.log and "start-up picture kept" in again.log
    third = start(data)
    assert_shows(third, WIGAN, WIGAN_CHILDREN)
    assert third.probe["picture"], "the picture is back"
    assert not leftovers(data)


# --- 10. a huge file or a named pipe given as the site file -----------------------------------


def test_a_huge_site_file_is_not_read(tmp_path):
    config, data = tmp_path / "kiosk.toml", tmp_path / "data"
    with open(config, "wb") as fh:
        fh.truncate(512 * 1024 * 1024)  # sparse: no disk used
    started = start(data, config)
    assert_shows(started, WIGAN, WIGAN_CHILDREN)
    assert started.probe["peak_rss_mb"] < 300, "the file was read"
    assert f"configuration: {config}: (file): is 524288 KB" in started.log
    checked = run(["config", "check", str(config)], data, None)
    assert checked.returncode == 1 and "is 524288 KB" in checked.stdout


def test_a_named_pipe_given_as_the_site_file_is_refused_at_once(tmp_path):
    config, data = tmp_path / "kiosk.toml", tmp_path / "data"
    os.mkfifo(config)
    assert stat.S_ISFIFO(config.stat().st_mode)
    started = start(data, config, timeout=30)
    assert_shows(started, WIGAN, WIGAN_CHILDREN)
    assert f"configuration: {config}: (file): is not a plain file" in started.log
    checked = run(["config", "check", str(config)], data, None, timeout=30)
    assert checked.returncode == 1 and "is not a plain file" in checked.stdout
