"""Find packaged data (assets, bundles, catalogs) by name, never relative to the working directory.

In a wheel these folders sit inside the package; in a source checkout they sit beside it.
"""

from __future__ import annotations

from pathlib import Path

# The package's own folder. importlib.resources.files("kiosk") gives the same folder for every way
# the kiosk is installed (wheel, PyInstaller one-folder), but costs ~6 ms of imports at start-up.
_PACKAGE = Path(__file__).resolve().parent.parent
_CHECKOUT = _PACKAGE.parent


def data_dir(name: str) -> Path:
    """Return the folder `name` ("assets", "bundles", "translations")."""
    bases = [_PACKAGE]
    if (_CHECKOUT / "pyproject.toml").is_file():  # a source checkout, not site-packages
        bases.append(_CHECKOUT)
    for base in bases:
        candidate = base / name
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"kiosk data folder {name!r} not found in {_PACKAGE} or {_CHECKOUT}")


def asset(relative: str) -> Path:
    """Return an asset file such as "fonts/NotoSans-Regular.ttf", listing what exists if not found."""
    root = data_dir("assets")
    path = root / relative
    if not path.is_file():
        known = sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())
        raise FileNotFoundError(f"no asset {relative!r}; known assets: {', '.join(known)}")
    return path


def builtin_bundle(name: str = "wigan") -> Path:
    return data_dir("bundles") / name


def translations_dir() -> Path:
    """Compiled catalogs: inside the wheel, or compiled in place by `make catalogs` in a checkout."""
    return data_dir("translations")
