"""One site, one truth: every way out of the kiosk gives the numbers the kiosk screen gives.

A site is set up as docs/configuration.md tells IT to: a site file in the system location (here
$XDG_CONFIG_DIRS/kiosk/kiosk.toml), naming an update folder of signed packages and the key that
signs them. The partnership publishes a changed children's number in a signed package with a
later version. The kiosk screen (its text, the QR code decoded from it, what Listen reads), `kiosk
slip`, `kiosk print` into the real CUPS queue, `kiosk screenshots` and the desk's print must all
give the new number, never the old one. A Riverford site prints Riverford's numbers everywhere.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

# Before any kiosk is made in this process: see tests/test_desk.py.
from kiosk.ui.desk.window import DeskWindow  # noqa: F401
from tests.test_slips import needs_pdftoppm

ROOT = Path(__file__).resolve().parents[1]
OLD = "01942 828300"  # the built-in children's number
NEW = "01632 960300"  # "published" in the update (a number kept for drama: it reaches nobody)
RIVERFORD_CHILD = "01632 960100"


@pytest.fixture(autouse=True)
def _a_kiosk_before_any_desk(make_kiosk):
    """This module drives kiosks and desks in one process, which `kiosk` and `kiosk desk` never
    share. PySide 6.11 breaks the kiosk's QML controls when the first engine of a process was a
    desk's (Fusion style), so a kiosk comes first here whichever test runs alone."""
    make_kiosk()


def _pdf_text(pdf: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def _digits(text: str) -> str:
    """Text as a reader sees it: bidi isolates dropped, every kind of space one space."""
    return re.sub(r"\s+", " ", re.sub("[\u2066-\u2069]", "", text))


@pytest.fixture
def updated_site(tmp_path, monkeypatch):
    """A site file in the system location naming an update folder with a signed Wigan package
    whose children's number changed; the environment of a process that runs on it."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from kiosk.core.content import pack, signing
    from kiosk.core.resources import builtin_bundle

    source = tmp_path / "wigan-update"
    shutil.copytree(builtin_bundle(), source)
    contacts = source / "contacts.toml"
    assert contacts.read_text(encoding="utf-8").count(f'"{OLD}"') == 1
    contacts.write_text(
        contacts.read_text(encoding="utf-8").replace(f'"{OLD}"', f'"{NEW}"'), encoding="utf-8"
    )
    meta = source / "bundle.toml"
    text = re.sub(r'(?m)^version = ".*"$', 'version = "2026.12.1"', meta.read_text(encoding="utf-8"))
    meta.write_text(re.sub(r"(?m)^date = .*$", "date = 2026-12-01", text), encoding="utf-8")
    inbox = tmp_path / "updates"
    inbox.mkdir()
    package = inbox / "wigan-2026.12.1.kbundle"
    pack.pack(source, package)
    key = Ed25519PrivateKey.generate()
    package.write_bytes(signing.sign(package.read_bytes(), key))
    public = signing.public_text(key.public_key())
    return _system_site(
        tmp_path, monkeypatch, f'[content]\nbundle = "{inbox}"\ntrusted_keys = ["{public}"]\n'
    )


@pytest.fixture
def riverford_site(tmp_path, monkeypatch):
    from kiosk.core.resources import builtin_bundle

    return _system_site(
        tmp_path,
        monkeypatch,
        f'[content]\nbundle = "{builtin_bundle("example")}"\nallow_unsigned = true\n',
    )


def _system_site(tmp_path: Path, monkeypatch, text: str) -> dict[str, str]:
    """`text` as the site file in the system location, a fresh data folder; this process and the
    commands it runs see both, and no --config or $KIOSK_CONFIG points anywhere else."""
    site_file = tmp_path / "xdg" / "kiosk" / "kiosk.toml"
    site_file.parent.mkdir(parents=True)
    site_file.write_text(text, encoding="utf-8")
    env = {"XDG_CONFIG_DIRS": str(tmp_path / "xdg"), "KIOSK_DATA_DIR": str(tmp_path / "data")}
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("KIOSK_CONFIG", raising=False)
    return env


def kiosk(*args: str, env: dict[str, str], check: bool = True) -> subprocess.CompletedProcess[str]:
    full = {k: v for k, v in os.environ.items() if k != "KIOSK_CONFIG"}
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", *args],
        env={**full, **env, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    if check:
        assert result.returncode == 0, f"kiosk {' '.join(args)} exited {result.returncode}:\n{result.stderr}"
    return result


def _printed(result: subprocess.CompletedProcess[str], queue) -> str:  # noqa: ANN001
    job = int(re.search(r": job (\d+),", result.stdout).group(1))
    return _digits(_pdf_text(queue.received(job)))


def _screenshot_qr(folder: Path, concern: str) -> list[str]:
    import zxingcpp
    from PIL import Image

    (shot,) = folder.glob(f"*-take-{concern}.png")
    return [b.text for b in zxingcpp.read_barcodes(Image.open(shot), formats=zxingcpp.BarcodeFormat.QRCode)]


def _desk_print(qapp, qtbot, site, queue, concern: str) -> str:  # noqa: ANN001
    desk = DeskWindow(qapp, site, printer=queue.name)
    try:
        jobs: list[int] = []
        desk.desk.printed.connect(jobs.append)
        qtbot.waitExposed(desk.window)
        desk.desk.concern = concern
        desk.desk.printSlip()
        qtbot.waitUntil(lambda: bool(jobs), timeout=15000)
        return _digits(_pdf_text(queue.received(jobs[-1])))
    finally:
        desk.shutdown()
        qapp.processEvents()


@needs_pdftoppm
def test_a_signed_update_reaches_every_way_out(updated_site, queue, make_kiosk, qapp, qtbot, tmp_path):
    env = updated_site
    # The kiosk starts and installs the package, as at a site.
    kiosk("--startup-probe", env=env)
    state = json.loads((tmp_path / "data" / "bundles" / "state.json").read_text())
    assert state["current"].startswith("wigan-2026.12.1-")

    # kiosk slip, kiosk print (the real queue), kiosk screenshots (the QR code decoded).
    slip = tmp_path / "s.pdf"
    kiosk("slip", "--concern", "child", "--output", str(slip), env=env)
    text = _digits(_pdf_text(slip.read_bytes()))
    assert NEW in text and OLD not in text
    printed = _printed(kiosk("print", "--concern", "child", "--printer", queue.name, env=env), queue)
    assert NEW in printed and OLD not in printed
    shots = tmp_path / "shots"
    kiosk("screenshots", "--output", str(shots), "--size", "1366x768", env=env)
    cards = _screenshot_qr(shots, "child")
    assert cards and all(NEW.replace(" ", "") in c.replace(" ", "") for c in cards)

    # The kiosk screen, as the kiosk opens its site: the answer's text, what Listen reads, the QR code.
    from kiosk.core.site import open_site

    site = open_site()
    assert site.bundle.version == "2026.12.1" and site.config_file == tmp_path / "xdg/kiosk/kiosk.toml"
    resident = make_kiosk(content=site.bundle)
    resident.show("answer:child")
    screen = _digits(" ".join(resident.texts()))
    assert NEW in screen and OLD not in screen
    spoken = _digits(resident.kiosk.screen_text())
    assert NEW in spoken and OLD not in spoken
    resident.show("take:child")
    cards = resident.qr_payloads()
    assert cards and all(NEW.replace(" ", "") in c.replace(" ", "") for c in cards)
    assert not any(OLD.replace(" ", "") in c.replace(" ", "") for c in cards)

    # The desk, opened on the same site, prints the new number.
    desk = _desk_print(qapp, qtbot, site, queue, "child")
    assert NEW in desk and OLD not in desk


@needs_pdftoppm
def test_a_riverford_site_prints_riverfords_numbers_everywhere(riverford_site, queue, qapp, qtbot, tmp_path):
    env = riverford_site
    slip = tmp_path / "s.pdf"
    result = kiosk("slip", "--concern", "child", "--output", str(slip), env=env)
    for text in (
        _digits(_pdf_text(slip.read_bytes())),
        _printed(kiosk("print", "--concern", "child", "--printer", queue.name, env=env), queue),
    ):
        assert RIVERFORD_CHILD in text and "01942" not in text
    assert "unsigned bundle folder is in use" in result.stderr, "the command says what staff are told"
    shots = tmp_path / "shots"
    kiosk("screenshots", "--output", str(shots), "--size", "1366x768", env=env)
    cards = _screenshot_qr(shots, "child")
    assert cards and all(RIVERFORD_CHILD.replace(" ", "") in c.replace(" ", "") for c in cards)
    assert not any("01942" in c for c in cards)

    from kiosk.core.site import open_site

    desk = _desk_print(qapp, qtbot, open_site(), queue, "child")
    assert RIVERFORD_CHILD in desk and "01942" not in desk


def test_the_site_s_printer_layout_language_and_plain_title_are_the_command_line_s(
    tmp_path, monkeypatch, queue
):
    env = _system_site(
        tmp_path,
        monkeypatch,
        f'[printing]\nprinter = "{queue.name}"\nslip_layout = "receipt-80mm"\ndiscreet_default = true\n'
        '[languages]\nenabled = ["en_GB", "pl"]\ndefault = "pl"\n',
    )
    result = kiosk("print", "--concern", "child", env=env)
    assert result.stdout.startswith(f"{queue.name}: job "), "the site's printer, not the system default"
    job = int(re.search(r": job (\d+),", result.stdout).group(1))
    from pypdf import PdfReader

    page = PdfReader(io.BytesIO(queue.received(job))).pages[0]
    assert round(float(page.mediabox.width) * 25.4 / 72) == 80, "the site's receipt layout"
    text = _pdf_text(queue.received(job))
    assert "Przydatne numery" in text, "the plain title, in the site's default language (Polish)"
    assert "Social Care" not in text and OLD in text, "the discreet name beside the number"
    refused = kiosk("slip", "--language", "ur", "--output", str(tmp_path / "u.pdf"), env=env, check=False)
    assert refused.returncode == 2 and "not a language this site offers" in refused.stderr
    assert not (tmp_path / "u.pdf").exists()


def test_config_check_passes_the_documented_update_folder_and_names_a_bad_package(updated_site, tmp_path):
    env = updated_site
    site_file = tmp_path / "xdg" / "kiosk" / "kiosk.toml"
    result = kiosk("config", "check", env=env, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "would install wigan-2026.12.1.kbundle (Wigan Safeguarding Partnership 2026.12.1" in result.stdout
    assert not (tmp_path / "data").exists(), "checking installs nothing"

    bad = tmp_path / "updates" / "wigan-2026.12.2.kbundle"
    data = bytearray((tmp_path / "updates" / "wigan-2026.12.1.kbundle").read_bytes())
    data[len(data) // 2] ^= 1  # one bit flipped in transit
    bad.write_bytes(bytes(data))
    result = kiosk("config", "check", str(site_file), env=env, check=False)
    assert result.returncode == 1
    assert f"{bad}: content.bundle: package refused:" in result.stdout
    assert "would install wigan-2026.12.1.kbundle" in result.stdout, "the good one is still named"


def test_programs_sharing_a_data_folder_install_once_and_agree(updated_site, tmp_path):
    """Three commands start at once on a fresh data folder: one installs under the content lock,
    the others wait and read what it installed; all print the new number, nothing is left half done."""
    env = updated_site
    full = {**os.environ, **env, "QT_QPA_PLATFORM": "offscreen"}
    runs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "kiosk",
                "slip",
                "--concern",
                "child",
                "--output",
                str(tmp_path / f"{n}.pdf"),
            ],
            env=full,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        for n in range(3)
    ]
    outputs = [run.communicate(timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [0, 0, 0], outputs
    installs = sum(err.count("Installed Wigan Safeguarding Partnership 2026.12.1") for _, err in outputs)
    assert installs == 1, outputs
    for n in range(3):
        text = _digits(_pdf_text((tmp_path / f"{n}.pdf").read_bytes()))
        assert NEW in text and OLD not in text
    root = tmp_path / "data" / "bundles"
    assert not [p.name for p in root.iterdir() if p.name.startswith(".")], "no half-done install left"


@pytest.fixture
def editable_site(tmp_path, monkeypatch):
    """A site on a plain bundle folder (allow_unsigned) that the test edits, as a content editor
    trying content out would; the site as the kiosk opens it."""
    from kiosk.core.resources import builtin_bundle
    from kiosk.core.site import open_site

    folder = tmp_path / "riverford"
    shutil.copytree(builtin_bundle("example"), folder)
    _system_site(tmp_path, monkeypatch, f'[content]\nbundle = "{folder}"\nallow_unsigned = true\n')
    return folder, open_site()


def _edit_children_number(folder: Path, new: str) -> None:
    contacts = folder / "contacts.toml"
    text = contacts.read_text(encoding="utf-8")
    contacts.write_text(text.replace(f'"{RIVERFORD_CHILD}"', f'"{new}"'), encoding="utf-8")


def test_the_kiosk_follows_new_content_only_while_nobody_is_at_the_screen(editable_site, make_kiosk, qtbot):
    folder, site = editable_site
    resident = make_kiosk(content=site.bundle)
    kiosk = resident.kiosk
    kiosk.follow_site(site)
    resident.show("answer:child")
    _edit_children_number(folder, "01632 960301")
    kiosk.follower.check()
    qtbot.waitUntil(lambda: kiosk.follower._pending is not None, timeout=5000)  # found, held back
    assert RIVERFORD_CHILD in _digits(" ".join(resident.texts())), (
        "a resident's screen never changes under them"
    )
    kiosk.session.wipe("idle")  # they leave, or the screen times out
    qtbot.waitUntil(lambda: kiosk.bundle.contacts["childrens_services"].phone == "01632 960301", timeout=5000)
    resident.show("answer:child")
    assert "01632 960301" in _digits(" ".join(resident.texts()))


def test_the_desk_picks_up_new_content_without_a_restart(editable_site, qapp, qtbot):
    folder, site = editable_site
    desk = DeskWindow(qapp, site)
    try:
        qtbot.waitUntil(lambda: desk.desk.previewSource != "", timeout=5000)
        _edit_children_number(folder, "01632 960301")
        desk.desk.checkContent()
        qtbot.waitUntil(lambda: "New content" in desk.desk.message, timeout=10000)
        assert desk.desk.site.bundle.contacts["childrens_services"].phone == "01632 960301"
        desk.desk.concern = "child"
        qtbot.waitUntil(
            lambda: (
                desk.desk.request().concern == "child"
                and "01632 960301" in _digits(_pdf_text(desk.desk._pdf))
            ),
            timeout=10000,
        )
    finally:
        desk.shutdown()
        qapp.processEvents()


def test_the_desk_tells_the_receptionist_when_the_site_file_has_a_problem(tmp_path, monkeypatch, qapp, qtbot):
    from kiosk.core.site import open_site

    _system_site(tmp_path, monkeypatch, '[printing]\nslip_layout = "a5"\n')
    desk = DeskWindow(qapp, open_site())
    try:
        qtbot.waitExposed(desk.window)
        notice = desk.desk.siteNotice
        assert notice.startswith("Tell IT: ") and "printing.slip_layout" in notice
        assert desk.desk.layout == "a6", "the safe default, as on the kiosk"
    finally:
        desk.shutdown()
        qapp.processEvents()


@pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("setpriv"), reason="drops root's capabilities")
def test_config_check_names_an_update_folder_the_account_may_not_read(tmp_path):
    """A folder that is not there (a USB stick out) is a note; one the account may not read is a
    problem for IT to fix. Root without its capabilities stands in for the kiosk's account."""
    folder = tmp_path / "updates"
    folder.mkdir()
    shutil.chown(folder, "nobody")
    folder.chmod(0o700)
    site = tmp_path / "kiosk.toml"
    site.write_text(f'[content]\nbundle = "{folder}"\n', encoding="utf-8")
    command = ["setpriv", "--bounding-set=-all", "--inh-caps=-all", sys.executable, "-m", "kiosk"]
    env = {**os.environ, "KIOSK_DATA_DIR": str(tmp_path / "data")}
    result = subprocess.run(
        [*command, "config", "check", str(site)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=60,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "content.bundle: the folder cannot be read (Permission denied)" in result.stdout
    site.write_text(f'[content]\nbundle = "{tmp_path / "usb-stick"}"\n', encoding="utf-8")
    result = kiosk("config", "check", str(site), env=env)
    assert "is not there; a kiosk takes no new content until it can be read" in result.stdout
