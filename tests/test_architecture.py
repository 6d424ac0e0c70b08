"""The shape of the house: a core with no Qt, heavy libraries loaded only when needed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import kiosk

CORE = Path(kiosk.__file__).parent / "core"
ROOT = Path(__file__).resolve().parents[1]
MAX_LINES = 450  # a module a newcomer can read in one sitting
# For each import-linter contract in pyproject.toml, one import it forbids. Added to a copy of the
# package, it must break that contract and no other: a contract that cannot fail proves nothing.
FORBIDDEN = {
    "Layers: the command line above the Qt shell above the core": (
        "kiosk/core/qr.py",
        "import kiosk.cli.common",
    ),
    "Qt shell: screenshots and the desk above the kiosk window above the staff screens": (
        "kiosk/ui/staff/access.py",  # from any other staff module, it breaks the staff contract too
        "import kiosk.ui.app",
    ),
    "Staff: the staff panel above its screens, above what the screens share": (
        "kiosk/ui/staff/screen.py",
        "import kiosk.ui.staff.access",
    ),
    "Slips: render above layouts above what a slip says and how columns flow, above text lines": (
        "kiosk/core/slips/layouts.py",
        "import kiosk.core.slips.render",
    ),
    "The core never imports Qt": ("kiosk/core/qr.py", "import PySide6.QtCore"),
    "Content: model below loader below check below pack, signing, updates": (
        "kiosk/core/content/loader.py",
        "import kiosk.core.content.check",
    ),
}


def run_python(code: str, **env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **env},
    )


def test_core_never_imports_qt():
    modules = sorted(
        "kiosk.core." + ".".join(p.relative_to(CORE).with_suffix("").parts)
        for p in CORE.rglob("*.py")
        if p.name != "__init__.py"
    )
    code = (
        "import sys, importlib\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('PySide6', 'shiboken6'):\n"
        "            raise ImportError('Qt in core: ' + name)\n"
        "sys.meta_path.insert(0, Block())\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "print(len(sys.modules))\n"
    )
    result = run_python(code)
    assert result.returncode == 0, result.stderr
    assert len(modules) >= 8


def test_import_linter_contract_is_declared():
    text = (CORE.parent.parent / "pyproject.toml").read_text()
    assert 'source_modules = ["kiosk.core"]' in text and '"PySide6"' in text


def test_every_folder_of_modules_is_a_package():
    """A folder without __init__.py is a namespace package: import-linter and PyInstaller's
    collect_submodules do not see its modules, so no contract would cover them."""
    kiosk_dir = CORE.parent
    folders = {p.parent for p in kiosk_dir.rglob("*.py")}
    assert not sorted(str(f.relative_to(kiosk_dir)) for f in folders if not (f / "__init__.py").is_file())


def test_start_up_loads_no_pdf_or_qr_library():
    code = (
        "import sys\n"
        "from kiosk.cli import main\n"
        "from PySide6.QtCore import QTimer\n"
        "import kiosk.cli as cli\n"
        "rc = main(['--startup-probe'])\n"
        "heavy = sorted(m for m in ('reportlab', 'qrcode', 'PIL', 'pypdf') if m in sys.modules)\n"
        "print('HEAVY', heavy)\n"
    )
    result = run_python(code)
    assert result.returncode == 0, result.stderr
    assert "HEAVY []" in result.stdout, result.stdout


def test_no_phone_number_lives_in_code():
    """Numbers come from the bundle only; code and QML never spell one out."""
    import re

    pattern = re.compile(r"\b0\d{3,4} ?\d{3} ?\d{3,4}\b|\b999\b")
    offenders = []
    for path in list(CORE.parent.rglob("*.py")) + list(CORE.parent.rglob("*.qml")):
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            if pattern.search(line):
                offenders.append(f"{path}:{number}: {line.strip()}")
    assert not offenders, offenders


def _contracts() -> list[str]:
    with open(ROOT / "pyproject.toml", "rb") as fh:
        return [c["name"] for c in tomllib.load(fh)["tool"]["importlinter"]["contracts"]]


def _lint_imports(where: Path) -> tuple[int, str]:
    """lint-imports on the package in `where`: its exit status and its report, on one line."""
    command = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or "lint-imports"
    result = subprocess.run(
        [command, "--no-cache"], cwd=where, capture_output=True, text=True, timeout=120, env=os.environ
    )
    return result.returncode, " ".join((result.stdout + result.stderr).split())


def test_every_import_contract_has_an_import_that_must_break_it():
    assert sorted(_contracts()) == sorted(FORBIDDEN)


@pytest.mark.parametrize("contract", sorted(FORBIDDEN))
def test_a_forbidden_import_breaks_its_contract(contract, tmp_path):
    shutil.copytree(ROOT / "kiosk", tmp_path / "kiosk", ignore=shutil.ignore_patterns("__pycache__", "qml"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    assert _lint_imports(tmp_path)[0] == 0, "the copy keeps every contract before the change"
    module, line = FORBIDDEN[contract]
    path = tmp_path / module
    path.write_text(path.read_text() + f"\n{line}  # forbidden\n")
    status, report = _lint_imports(tmp_path)
    assert status != 0, report
    assert [name for name in _contracts() if f"{name} BROKEN" in report] == [contract], report


def test_no_module_is_too_long_to_read_in_one_sitting():
    package = CORE.parent
    long = {
        str(path.relative_to(package.parent)): count
        for path in sorted([*package.rglob("*.py"), *package.rglob("*.qml")])
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not long, f"over {MAX_LINES} lines: split by what each part is for: {long}"
