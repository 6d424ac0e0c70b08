#!/usr/bin/env bash
# Package the PyInstaller one-folder kiosk as a Debian package, with dpkg-deb (no debhelper).
#
#   packaging/build-deb.sh [APP_DIR [OUT_DIR]]
#       APP_DIR  the one-folder app (default out/packaging/dist/kiosk, made by packaging/build.sh)
#       OUT_DIR  where kiosk_<version>_<arch>.deb goes (default out/packaging)
#
# What the package installs:
#   /opt/kiosk/                          the one-folder app
#   /usr/bin/kiosk                       a link to /opt/kiosk/kiosk
#   /usr/share/applications/kiosk.desktop     the menu entry
#   /usr/share/applications/kiosk-desk.desktop   "Contact slips": the reception desk (kiosk desk)
#   /etc/xdg/autostart/kiosk.desktop     starts the kiosk at login, for the "kiosk" group only (conffile)
#   /usr/libexec/kiosk/kiosk-autostart   what that entry runs
#   /usr/lib/systemd/user/kiosk.service  restarts the kiosk whenever it stops (Restart=always)
#   /etc/xdg/kiosk/kiosk.toml            the site configuration, every setting commented out (conffile)
#   /usr/share/icons/hicolor/...         the icon;  /usr/share/doc/kiosk/  the guides
#
# Depends: is worked out from the bundle's own ELF files with dpkg-shlibdeps, because the spec
# leaves the system's libraries (libGL, libxkbcommon, fontconfig, OpenSSL, ...) out of the bundle.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
APP=$(realpath -m "${1:-$ROOT/out/packaging/dist/kiosk}")
OUT=$(realpath -m "${2:-$ROOT/out/packaging}")

die() {
    echo "build-deb.sh: $*" >&2
    exit 1
}

[[ -x $APP/kiosk && -d $APP/_internal ]] || die "no one-folder app at $APP; build it first: packaging/build.sh"
for tool in dpkg-deb dpkg-shlibdeps; do
    command -v "$tool" >/dev/null || die "$tool not found (Debian: apt-get install dpkg-dev)"
done

# The version is pyproject's, and the bundle must be the same kiosk (not a stale build).
PY_VERSION=$(sed -n 's/^version *= *"\(.*\)"/\1/p' "$ROOT/pyproject.toml")
[[ -n $PY_VERSION ]] || die "no version in $ROOT/pyproject.toml"
APP_VERSION=$("$APP/kiosk" --version 2>/dev/null) || die "$APP/kiosk --version failed"
[[ $APP_VERSION == "kiosk $PY_VERSION" ]] ||
    die "the app in $APP says '$APP_VERSION' but pyproject.toml says $PY_VERSION; rebuild it (packaging/build.sh)"
# PEP 440 pre-releases sort before the release in Debian only with a tilde: 1.0rc1 -> 1.0~rc1.
VERSION=$(sed -E 's/\.?(a|b|rc|dev)([0-9]+)/~\1\2/g' <<<"$PY_VERSION")
ARCH=$(dpkg --print-architecture)
DEB="$OUT/kiosk_${VERSION}_${ARCH}.deb"

TREE="$OUT/deb-root"
rm -rf "$TREE"
mkdir -p "$TREE/DEBIAN" "$TREE/opt" "$TREE/usr/bin" "$OUT"

cp -a "$APP" "$TREE/opt/kiosk"
ln -s /opt/kiosk/kiosk "$TREE/usr/bin/kiosk"
install -D -m 0644 "$HERE/debian/kiosk.desktop" "$TREE/usr/share/applications/kiosk.desktop"
install -D -m 0644 "$HERE/debian/kiosk-desk.desktop" "$TREE/usr/share/applications/kiosk-desk.desktop"
install -D -m 0644 "$HERE/debian/kiosk-autostart.desktop" "$TREE/etc/xdg/autostart/kiosk.desktop"
install -D -m 0755 "$HERE/debian/kiosk-autostart" "$TREE/usr/libexec/kiosk/kiosk-autostart"
install -D -m 0644 "$HERE/debian/kiosk.service" "$TREE/usr/lib/systemd/user/kiosk.service"
install -D -m 0644 "$HERE/debian/kiosk.toml" "$TREE/etc/xdg/kiosk/kiosk.toml"
install -D -m 0644 "$HERE/icons/kiosk.svg" "$TREE/usr/share/icons/hicolor/scalable/apps/kiosk.svg"
install -D -m 0644 "$HERE/icons/kiosk.png" "$TREE/usr/share/icons/hicolor/256x256/apps/kiosk.png"
install -D -m 0644 "$HERE/debian/copyright" "$TREE/usr/share/doc/kiosk/copyright"
for doc in install.md configuration.md; do
    if [[ -f $ROOT/docs/$doc ]]; then
        install -D -m 0644 "$ROOT/docs/$doc" "$TREE/usr/share/doc/kiosk/$doc"
    fi
done
install -m 0755 "$HERE/debian/postinst" "$HERE/debian/postrm" "$TREE/DEBIAN/"
printf '%s\n' /etc/xdg/kiosk/kiosk.toml /etc/xdg/autostart/kiosk.desktop >"$TREE/DEBIAN/conffiles"

# Depends: every system library the bundle's ELF files link to, as Debian packages with minimum
# versions (dpkg-shlibdeps reads the symbols files). The bundle's own libraries (Qt, ICU,
# Pillow's) are found through -l and need no package.
shlibs_dir=$(mktemp -d)
trap 'rm -rf "$shlibs_dir"' EXIT
mkdir "$shlibs_dir/debian"
printf 'Source: kiosk\n\nPackage: kiosk\nArchitecture: any\n' >"$shlibs_dir/debian/control"
mapfile -t elf_files < <(find "$TREE/opt/kiosk" -type f \( -name '*.so' -o -name '*.so.*' -o -name kiosk \) | sort)
mapfile -t lib_dirs < <(printf '%s\n' "${elf_files[@]}" | xargs -n1 dirname | sort -u)
shlibdeps=$(cd "$shlibs_dir" && dpkg-shlibdeps -O --ignore-missing-info --warnings=0 \
    "${lib_dirs[@]/#/-l}" "${elf_files[@]}") ||
    die "dpkg-shlibdeps failed: a library the bundle links to is not installed here, so its package" \
        "cannot be named. Install it (packaging/build.sh lists them in BUILD_DEPS) and run again."
DEPENDS=$(sed -n 's/^shlibs:Depends=//p' <<<"$shlibdeps")
[[ -n $DEPENDS ]] || die "dpkg-shlibdeps found no dependencies; is $APP a Linux build?"
# Not linked, but used: addgroup in postinst.
DEPENDS="$DEPENDS, adduser"

cat >"$TREE/DEBIAN/control" <<EOF
Package: kiosk
Version: $VERSION
Architecture: $ARCH
Maintainer: ${KIOSK_DEB_MAINTAINER:-kiosk maintainers <kiosk@localhost>}
Installed-Size: $(du -sk --exclude=DEBIAN "$TREE" | cut -f1)
Section: misc
Priority: optional
Depends: $DEPENDS
Recommends: speech-dispatcher, speech-dispatcher-espeak-ng
Suggests: cage, cups
Description: offline touch-screen kiosk: who to call about a child or an adult at risk
 An offline touch-screen kiosk for libraries and GP surgeries that tells a
 resident who to call when they are worried that a child or an adult is being
 abused or neglected, explains what each type of abuse looks like, and lets
 them take the numbers away on a printed slip or a QR code.
 .
 It starts by itself, and restarts whenever it stops, for accounts in the
 "kiosk" group (XDG autostart entry and a systemd user unit). Speech
 (Listen) needs speech-dispatcher with a voice.
EOF

# zstd (dpkg 1.21.18 and later: Debian 12, Ubuntu 22.04) packs this in ~10 s on two cores;
# Debian's default xz makes it 15% smaller and takes ~90 s. DEB_COMPRESSION="xz -z6" for that.
read -r -a compression <<<"${DEB_COMPRESSION:-zstd -z12}"
dpkg-deb --root-owner-group "-Z${compression[0]}" "${compression[@]:1}" --build "$TREE" "$DEB" >/dev/null
rm -rf "$TREE"
echo "$DEB"
