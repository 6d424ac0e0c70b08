#!/usr/bin/env bash
# Build the Linux installers in one go: the PyInstaller one-folder app and the Debian package.
#
#   packaging/build.sh
#
#   out/packaging/wheel/kiosk-<version>-py3-none-any.whl   the kiosk, built from this checkout
#   out/packaging/dist/kiosk/                               the one-folder app (run dist/kiosk/kiosk)
#   out/packaging/kiosk_<version>_<arch>.deb                the Debian package
#
# Needs the development virtualenv (`make setup`) with PyInstaller 6 in it
# (`.venv/bin/pip install '.[package]'`), and on Debian: dpkg-dev, binutils, and the system
# libraries the bundle links to (so that dpkg-shlibdeps can name their packages). Run as root, it
# installs whichever of those are missing with apt-get.
#
# Environment: KIOSK_PYTHON (default .venv/bin/python), DEB_COMPRESSION (default "zstd -z12";
# "xz -z6" makes a 15% smaller package in ten times as long).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
OUT="$ROOT/out/packaging"
PY=${KIOSK_PYTHON:-$ROOT/.venv/bin/python}

# Build tools, and every library the bundle's Qt links to that a plain Debian 12 may not have.
BUILD_DEPS=(
    dpkg-dev binutils
    libegl1 libgl1 libfontconfig1 libfreetype6 libdbus-1-3 libglib2.0-0 libxkbcommon0
    libx11-6 libx11-xcb1 libxcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
    libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0
    libwayland-client0 libwayland-cursor0 libwayland-egl1
    libcups2 libspeechd2 libpulse0 libgssapi-krb5-2 libbrotli1
)

die() {
    echo "build.sh: $*" >&2
    exit 1
}
step() { printf '\n--- %s\n' "$*"; }

started=$SECONDS

step "checking the build tools"
[[ -x $PY ]] || die "no Python at $PY; run 'make setup' first (or set KIOSK_PYTHON)"
"$PY" -c 'import PyInstaller' 2>/dev/null ||
    die "PyInstaller is not installed in $("$PY" -c 'import sys; print(sys.prefix)');" \
        "run: $PY -m pip install '.[package]'  (or: $PY -m pip install 'pyinstaller>=6.10,<7')"
"$PY" -c 'import build' 2>/dev/null || die "the 'build' package is missing; run 'make setup'"
if command -v dpkg-query >/dev/null; then
    mapfile -t missing < <(for pkg in "${BUILD_DEPS[@]}"; do
        dpkg-query -W -f='${db:Status-Status}\n' "$pkg" 2>/dev/null | grep -qx installed || echo "$pkg"
    done)
    if ((${#missing[@]})); then
        if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
            echo "installing: ${missing[*]}"
            DEBIAN_FRONTEND=noninteractive apt-get install --yes --no-install-recommends "${missing[@]}" >/dev/null ||
                die "apt-get install ${missing[*]} failed (run apt-get update first?)"
        else
            die "missing Debian packages; run as root: apt-get install ${missing[*]}"
        fi
    fi
fi

step "building the kiosk wheel from $ROOT"
rm -rf "$OUT/wheel" "$OUT/site" "$OUT/build" "$OUT/dist" "$OUT"/kiosk_*.deb
mkdir -p "$OUT"
# Without isolation when the virtualenv has the build requirements (quick, offline), as make does.
isolation=(--no-isolation)
"$PY" -c 'import hatchling, babel' 2>/dev/null || isolation=()
"$PY" -m build --wheel "${isolation[@]}" --outdir "$OUT/wheel" "$ROOT" >"$OUT/wheel.log" 2>&1 ||
    { tail -n 30 "$OUT/wheel.log" >&2; die "building the wheel failed (log: $OUT/wheel.log)"; }
wheels=("$OUT"/wheel/kiosk-*.whl)
# Unpacked on its own, so PyInstaller bundles exactly this checkout's kiosk, not whatever is in .venv.
"$PY" -m pip install --quiet --no-deps --no-compile --target "$OUT/site" "${wheels[0]}"

step "PyInstaller: the one-folder app"
# From out/packaging: `python -m` puts the working directory first on sys.path, and the checkout's
# own kiosk/ must not be found before the wheel's.
(cd "$OUT" && PYTHONPATH="$OUT/site" "$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$OUT/dist" --workpath "$OUT/build" "$HERE/kiosk.spec" >"$OUT/pyinstaller.log" 2>&1) ||
    { tail -n 40 "$OUT/pyinstaller.log" >&2; die "PyInstaller failed (log: $OUT/pyinstaller.log)"; }
grep '^kiosk.spec: bundling' "$OUT/pyinstaller.log" || true
grep -q "bundling kiosk .* from $OUT/site/kiosk" "$OUT/pyinstaller.log" ||
    die "PyInstaller did not bundle the kiosk from $OUT/site (see $OUT/pyinstaller.log)"

step "the Debian package"
DEB_COMPRESSION=${DEB_COMPRESSION:-zstd -z12} "$HERE/build-deb.sh" "$OUT/dist/kiosk" "$OUT"

step "done in $((SECONDS - started)) s"
du -sh "$OUT/dist/kiosk"
ls -l "$OUT"/kiosk_*.deb
