"""The shape of the house: a core with no Qt, heavy libraries loaded only when needed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import kiosk

CORE = Path(kiosk.__file__).parent / "core"


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


def test_content_modules_read_in_one_sitting():
    """One module, one job: the content modules aim at under 400 lines; 450 is the limit."""
    lengths = {
        str(p.relative_to(CORE)): len(p.read_text().splitlines()) for p in (CORE / "content").rglob("*.py")
    }
    assert not {name: n for name, n in lengths.items() if n > 450}


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
