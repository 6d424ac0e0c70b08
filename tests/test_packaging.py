"""A plain wheel works on its own: installed outside the checkout, it finds its fonts, bundle and catalogs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import tomllib
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from pypdf import PdfReader

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT_S = 60


@dataclass(frozen=True)
class Installed:
    python: Path
    bin: Path
    site_packages: Path
    workdir: Path
    env: dict[str, str]

    def run(self, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            args, cwd=self.workdir, env={**self.env, **env}, capture_output=True, text=True, timeout=TIMEOUT_S
        )


def _build_requirements_present() -> bool:
    requires = tomllib.loads((ROOT / "pyproject.toml").read_text())["build-system"]["requires"]
    for spec in map(Requirement, requires):
        try:
            if not spec.specifier.contains(metadata.version(spec.name), prereleases=True):
                return False
        except metadata.PackageNotFoundError:
            return False
    return True


def _check(result: subprocess.CompletedProcess[str], what: str) -> None:
    assert result.returncode == 0, f"{what} exited {result.returncode}:\n{result.stdout}\n{result.stderr}"


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    tmp = tmp_path_factory.mktemp("packaging")
    # Build in isolation only when this environment lacks the build requirements: it needs the network
    # and takes longer. `make setup` installs the project with isolation, proving the declared ones.
    isolation = ["--no-isolation"] if _build_requirements_present() else []
    result = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", *isolation, "--outdir", str(tmp / "dist"), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S * 3,
    )
    _check(result, "python -m build --wheel")
    (wheel,) = (tmp / "dist").glob("kiosk-*.whl")

    venv = tmp / "venv"
    _check(
        subprocess.run(
            [sys.executable, "-m", "venv", "--without-pip", str(venv)], capture_output=True, text=True
        ),
        "python -m venv",
    )
    python = venv / "bin" / "python"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--no-index",
            "--no-deps",
            "--no-warn-script-location",
            str(wheel),
        ],
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
    )
    _check(result, "pip install kiosk.whl")
    site_packages = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    )

    # The dependencies (PySide6 alone is some 200 MB) come from the environment running the tests,
    # through a .pth file, instead of being downloaded again. Its entries come after the new venv's
    # own site-packages, so the kiosk imported there is the one from the wheel. It is written after
    # the install so that pip never sees, or touches, a kiosk installed in the outer environment.
    outer = dict.fromkeys(sysconfig.get_paths()[key] for key in ("purelib", "platlib"))
    (site_packages / "_outer_dependencies.pth").write_text("".join(f"{path}\n" for path in outer))

    workdir = tmp / "elsewhere"
    workdir.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP"}}
    env["PYTHONNOUSERSITE"] = "1"
    return Installed(python, venv / "bin", site_packages, workdir, env)


def test_wheel_carries_fonts_bundle_and_compiled_catalog(installed: Installed) -> None:
    package = installed.site_packages / "kiosk"
    for relative in (
        "assets/fonts/NotoSans-Regular.ttf",
        "bundles/wigan/contacts.toml",
        "translations/en_GB/LC_MESSAGES/kiosk.mo",
    ):
        assert (package / relative).is_file(), f"the wheel lacks kiosk/{relative}"


def test_wheel_carries_every_module(installed: Installed) -> None:
    source, package = ROOT / "kiosk", installed.site_packages / "kiosk"
    modules = [p.relative_to(source) for p in source.rglob("*.py")]
    assert not [str(m) for m in modules if not (package / m).is_file()], "the wheel lacks these modules"
    # The bundle check imports its modules only when it runs: run it from the wheel.
    result = installed.run(
        str(installed.bin / "kiosk"), "bundle", "check", str(package / "bundles" / "example")
    )
    _check(result, "kiosk bundle check")


def test_kiosk_imports_from_the_installed_wheel(installed: Installed) -> None:
    result = installed.run(
        str(installed.python),
        "-c",
        "import kiosk.core.resources as r, kiosk; print(kiosk.__file__); print(r.translations_dir())",
    )
    _check(result, "import kiosk")
    module, translations = (Path(line) for line in result.stdout.splitlines())
    assert module == installed.site_packages / "kiosk" / "__init__.py"
    assert translations == installed.site_packages / "kiosk" / "translations"


def test_installed_kiosk_writes_a_slip(installed: Installed) -> None:
    result = installed.run(str(installed.bin / "kiosk"), "slip", "--concern", "child", "--output", "x.pdf")
    _check(result, "kiosk slip")
    pdf = installed.workdir / "x.pdf"
    assert pdf.is_file()
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "01942 828300" in text


def test_installed_kiosk_starts_and_reports_its_first_frame(installed: Installed) -> None:
    result = installed.run(str(installed.bin / "kiosk"), "--startup-probe", QT_QPA_PLATFORM="offscreen")
    _check(result, "kiosk --startup-probe")
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert len(lines) == 1, f"expected one JSON line on stdout, got: {result.stdout!r}"
    probe = json.loads(lines[0])
    for key in ("first_frame_ms", "peak_rss_mb"):
        assert isinstance(probe[key], int | float) and probe[key] > 0, probe
