"""Compile the gettext catalogs into the wheel, so `pip install .` ships working languages: the .mo
files Python reads, and the .qm files QML's engine reads (kiosk/core/qm.py)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CompileCatalogs(BuildHookInterface):
    def initialize(self, version: str, build_data: dict) -> None:
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        source = Path(self.root) / "translations"
        self._tmp = tempfile.TemporaryDirectory(prefix="kiosk-mo-")
        out = Path(self._tmp.name)
        for po_path in sorted(source.glob("*/LC_MESSAGES/*.po")):
            with po_path.open("rb") as fh:
                catalog = read_po(fh, locale=po_path.parent.parent.name)
            if catalog.fuzzy:
                # As `pybabel compile` does: a catalog marked fuzzy as a whole is not ready to ship.
                self.app.display_warning(f"skipping {po_path}: its header is marked fuzzy")
                continue
            target = out / po_path.relative_to(source).with_suffix(".mo")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(po_path, target.with_suffix(".po"))  # for `kiosk languages` coverage
            with target.open("wb") as fh:
                write_mo(fh, catalog)
        shutil.copyfile(source / "kiosk.pot", out / "kiosk.pot")
        qm_out = Path(self._tmp.name + "-qm")
        _qm_module(Path(self.root)).write_all(out, qm_out)
        build_data.setdefault("force_include", {})[str(out)] = "kiosk/translations"
        build_data["force_include"][str(qm_out)] = "kiosk/ui/qml/Kiosk/i18n"

    def finalize(self, version: str, build_data: dict, artifact_path: str) -> None:
        shutil.rmtree(self._tmp.name + "-qm", ignore_errors=True)
        self._tmp.cleanup()


def _qm_module(root: Path):  # noqa: ANN202 - kiosk/core/qm.py: Babel and the standard library only
    """The .qm writer from the source tree (the kiosk itself is not installed while it builds)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("kiosk_qm", root / "kiosk" / "core" / "qm.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
