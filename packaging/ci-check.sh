#!/usr/bin/env bash
# Build the Linux installers, install the .deb on this machine, and check the installed kiosk the
# way a kiosk PC would run it. Exits non-zero, saying what failed, at the first failure.
#
#   sudo packaging/ci-check.sh              build (packaging/build.sh), install, check, purge
#   sudo packaging/ci-check.sh --no-build   use the .deb already in out/packaging/
#   sudo packaging/ci-check.sh --keep       leave the package installed (e.g. for benchmarks/installed.py)
#
# Needs root (apt-get install) on Debian 12 or similar; takes under 2 minutes on two cores. The
# checks run /usr/bin/kiosk in an empty environment and a scratch folder, so nothing from the
# checkout or .venv can help it. A package this script installed is purged again at the end (which
# checks that removal works), so the machine is left as it was; one that was installed before stays.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
OUT="$ROOT/out/packaging"
# Tools the checks use: desktop-file-validate, pdftotext, Xvfb for a real X11 window, and cage
# (with the Xwayland it insists on) for the locked-down Wayland session docs/install.md describes.
CHECK_DEPS=(desktop-file-utils poppler-utils xvfb xauth cage xwayland)

build=1
keep=0
for arg in "$@"; do
    case $arg in
    --no-build) build=0 ;;
    --keep) keep=1 ;;
    -h | --help)
        sed -n '2,13s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"
        exit 0
        ;;
    *)
        echo "ci-check.sh: unknown option $arg (try --help)" >&2
        exit 2
        ;;
    esac
done

fail() {
    printf '\nci-check.sh: FAILED: %s\n' "$*" >&2
    exit 1
}
step() { printf '\n=== %s\n' "$*"; }
ok() { printf 'ok: %s\n' "$*"; }

[[ $(id -u) == 0 ]] || fail "run as root: it installs the .deb with apt-get"
command -v apt-get >/dev/null || fail "apt-get not found: this check is for Debian and its derivatives"
export DEBIAN_FRONTEND=noninteractive
started=$SECONDS

apt_install() {
    # A stale package list is the usual reason an install cannot find a dependency: refresh once.
    apt-get install --yes --no-install-recommends "$@" >"$OUT/apt.log" 2>&1 ||
        { apt-get update >>"$OUT/apt.log" 2>&1 && apt-get install --yes --no-install-recommends "$@" >>"$OUT/apt.log" 2>&1; }
}

mkdir -p "$OUT"
mapfile -t missing < <(for pkg in "${CHECK_DEPS[@]}"; do
    dpkg-query -W -f='${db:Status-Status}\n' "$pkg" 2>/dev/null | grep -qx installed || echo "$pkg"
done)
if ((${#missing[@]})); then
    step "installing the tools the checks use: ${missing[*]}"
    apt_install "${missing[@]}" || { tail -n 20 "$OUT/apt.log" >&2; fail "apt-get install ${missing[*]}"; }
fi

if ((build)); then
    step "building (packaging/build.sh)"
    "$HERE/build.sh" || fail "packaging/build.sh"
fi
debs=("$OUT"/kiosk_*.deb)
[[ -f ${debs[0]} ]] || fail "no .deb in $OUT; run without --no-build"
((${#debs[@]} == 1)) || fail "more than one .deb in $OUT: ${debs[*]}"
DEB=${debs[0]}

step "installing $DEB with apt-get"
build_seconds=$((SECONDS - started))
reinstall=()
dpkg-query -W -f='${db:Status-Status}\n' kiosk 2>/dev/null | grep -qx installed && reinstall=(--reinstall)
apt_install "${reinstall[@]}" "$DEB" || { tail -n 30 "$OUT/apt.log" >&2; fail "apt-get install $DEB"; }
ok "installed $(dpkg-query -W -f='${Package} ${Version}' kiosk)"
purge_at_exit=$((keep == 0 && ${#reinstall[@]} == 0))

step "installed files"
for path in /opt/kiosk/kiosk /usr/bin/kiosk /usr/share/applications/kiosk.desktop \
    /usr/share/applications/kiosk-desk.desktop \
    /etc/xdg/autostart/kiosk.desktop /usr/libexec/kiosk/kiosk-autostart \
    /usr/lib/systemd/user/kiosk.service /etc/xdg/kiosk/kiosk.toml \
    /usr/share/icons/hicolor/scalable/apps/kiosk.svg; do
    [[ -e $path ]] || fail "$path is missing"
done
[[ $(readlink -f /usr/bin/kiosk) == /opt/kiosk/kiosk ]] || fail "/usr/bin/kiosk does not lead to /opt/kiosk/kiosk"
dpkg-query --showformat='${Conffiles}\n' --show kiosk | grep -q /etc/xdg/kiosk/kiosk.toml ||
    fail "/etc/xdg/kiosk/kiosk.toml is not a conffile"
getent group kiosk >/dev/null || fail "postinst did not create the kiosk group"
perms=$(stat -c '%U:%G %a' /etc/xdg/kiosk/kiosk.toml)
[[ $perms == "root:kiosk 640" ]] || fail "/etc/xdg/kiosk/kiosk.toml is $perms, not root:kiosk 640"
ok "files, conffile, kiosk group, site file root:kiosk 640"

# The installed kiosk alone: an empty environment, a scratch home and working folder.
SCRATCH=$(mktemp -d)
cleanup() {
    # The site file as the package installed it, if the one-site check below replaced it.
    if [[ -f $SCRATCH/kiosk.toml.installed ]]; then
        cp -p "$SCRATCH/kiosk.toml.installed" /etc/xdg/kiosk/kiosk.toml
    fi
    rm -rf "$SCRATCH"
    if ((purge_at_exit)); then
        apt-get purge --yes kiosk >"$OUT/apt-purge.log" 2>&1 || echo "ci-check.sh: apt-get purge kiosk failed" >&2
    fi
}
trap cleanup EXIT
run_kiosk() {
    (cd "$SCRATCH" && env -i HOME="$SCRATCH/home" PATH=/usr/bin:/bin LANG=C.UTF-8 \
        KIOSK_DATA_DIR="$SCRATCH/data" QT_QPA_PLATFORM=offscreen "$@")
}
mkdir -p "$SCRATCH/home"

step "kiosk --version"
version=$(run_kiosk /usr/bin/kiosk --version) || fail "kiosk --version"
expected="kiosk $(sed -n 's/^version *= *"\(.*\)"/\1/p' "$ROOT/pyproject.toml")"
[[ $version == "$expected" ]] || fail "kiosk --version said '$version', expected '$expected'"
ok "$version"

step "kiosk --startup-probe (offscreen)"
probe=$(run_kiosk timeout 60 /usr/bin/kiosk --startup-probe 2>"$SCRATCH/probe.err") ||
    { status=$?; cat "$SCRATCH/probe.err" >&2; fail "kiosk --startup-probe exited $status"; }
grep -q '"first_frame_ms"' <<<"$probe" || { cat "$SCRATCH/probe.err" >&2; fail "no first frame: $probe"; }
ok "$(grep -m1 '"first_frame_ms"' <<<"$probe")"

step "kiosk --startup-probe in an X11 window (Xvfb, the xcb platform plugin)"
# shellcheck disable=SC2016 # $0, $DISPLAY and $XAUTHORITY are the inner shell's, set by xvfb-run
probe=$(cd "$SCRATCH" && timeout 90 xvfb-run -a sh -c 'exec env -i HOME="$0/home" PATH=/usr/bin:/bin \
    LANG=C.UTF-8 KIOSK_DATA_DIR="$0/data" QT_QPA_PLATFORM=xcb DISPLAY="$DISPLAY" \
    XAUTHORITY="$XAUTHORITY" /usr/bin/kiosk --startup-probe' "$SCRATCH" 2>"$SCRATCH/xcb.err") ||
    { status=$?; cat "$SCRATCH/xcb.err" >&2; fail "kiosk --startup-probe under Xvfb exited $status"; }
grep -q '"first_frame_ms"' <<<"$probe" || { cat "$SCRATCH/xcb.err" >&2; fail "no first frame under Xvfb"; }
ok "$(grep -m1 '"first_frame_ms"' <<<"$probe")"

step "kiosk full screen in cage (Wayland, headless), as an account in the kiosk group"
# cage will not run as root; nobody, with the kiosk group added, stands in for the kiosk account.
chmod 0711 "$SCRATCH"
mkdir -m 0700 "$SCRATCH/cage-runtime"
mkdir -p "$SCRATCH/cage-home"
chown nobody "$SCRATCH/cage-runtime" "$SCRATCH/cage-home"
probe=$(cd "$SCRATCH/cage-home" && timeout 90 setpriv --reuid=nobody --regid=nogroup --groups=kiosk \
    env -i PATH=/usr/bin:/bin HOME="$SCRATCH/cage-home" LANG=C.UTF-8 XDG_RUNTIME_DIR="$SCRATCH/cage-runtime" \
    WLR_BACKENDS=headless WLR_LIBINPUT_NO_DEVICES=1 WLR_RENDERER=pixman \
    cage -- env QT_QPA_PLATFORM=wayland /usr/bin/kiosk --startup-probe 2>"$SCRATCH/cage.err") ||
    { status=$?; cat "$SCRATCH/cage.err" >&2; fail "kiosk --startup-probe in cage exited $status"; }
grep -q '"first_frame_ms"' <<<"$probe" || { cat "$SCRATCH/cage.err" >&2; fail "no first frame in cage"; }
if grep -q 'cannot be read' "$SCRATCH/cage.err"; then
    cat "$SCRATCH/cage.err" >&2
    fail "an account in the kiosk group cannot read /etc/xdg/kiosk/kiosk.toml"
fi
ok "$(grep -m1 '"first_frame_ms"' <<<"$probe"), and the site file was readable"

step "kiosk slip --output slip.pdf"
run_kiosk timeout 60 /usr/bin/kiosk slip --output "$SCRATCH/slip.pdf" >"$SCRATCH/slip.out" 2>&1 ||
    { status=$?; cat "$SCRATCH/slip.out" >&2; fail "kiosk slip exited $status"; }
[[ -s $SCRATCH/slip.pdf ]] || fail "kiosk slip wrote no PDF"
text=$(pdftotext "$SCRATCH/slip.pdf" -) || fail "pdftotext could not read the slip"
grep -q '01942 828300' <<<"$text" || { echo "$text" >&2; fail "the slip does not say 01942 828300"; }
ok "the slip says 01942 828300 (Wigan children's social care)"

step "one site: a signed update named in /etc/xdg/kiosk/kiosk.toml reaches the kiosk and every command"
# As docs/bundles.md tells a partnership to publish a changed number, and docs/configuration.md
# tells IT to name the update folder: the kiosk installs it at start-up, and kiosk slip, kiosk
# config check and kiosk screenshots, run after it on the same machine, give the new number.
SITE="$SCRATCH/site"
mkdir -p "$SITE/updates"
cp -a "$ROOT/bundles/wigan" "$SITE/wigan"
sed -i 's/"01942 828300"/"01632 960300"/' "$SITE/wigan/contacts.toml"
sed -i -E 's/^version = ".*"/version = "2026.12.1"/; s/^date = .*/date = 2026-12-01/' "$SITE/wigan/bundle.toml"
package="$SITE/updates/wigan-2026.12.1.kbundle"
run_kiosk /usr/bin/kiosk bundle pack "$SITE/wigan" --output "$package" >"$SCRATCH/pack.out" 2>&1 ||
    { cat "$SCRATCH/pack.out" >&2; fail "kiosk bundle pack"; }
public=$(run_kiosk /usr/bin/kiosk bundle keygen --output "$SITE/partnership.pem" | tail -n 1) ||
    fail "kiosk bundle keygen"
run_kiosk /usr/bin/kiosk bundle sign "$package" --key "$SITE/partnership.pem" >/dev/null || fail "kiosk bundle sign"
cp -p /etc/xdg/kiosk/kiosk.toml "$SCRATCH/kiosk.toml.installed"
printf '[content]\nbundle = "%s"\ntrusted_keys = ["%s"]\n' "$SITE/updates" "$public" >/etc/xdg/kiosk/kiosk.toml
run_kiosk /usr/bin/kiosk config check >"$SCRATCH/site-check.out" 2>&1 ||
    { cat "$SCRATCH/site-check.out" >&2; fail "kiosk config check refuses the documented update folder"; }
grep -q "would install wigan-2026.12.1.kbundle" "$SCRATCH/site-check.out" ||
    { cat "$SCRATCH/site-check.out" >&2; fail "kiosk config check does not name the package a kiosk installs"; }
run_kiosk timeout 60 /usr/bin/kiosk --startup-probe >/dev/null 2>"$SCRATCH/site-probe.err" ||
    { cat "$SCRATCH/site-probe.err" >&2; fail "kiosk --startup-probe on the site file exited $?"; }
grep -q '"current": "wigan-2026.12.1-' "$SCRATCH/data/bundles/state.json" ||
    { cat "$SCRATCH/site-probe.err" >&2; fail "the kiosk did not install the signed update"; }
run_kiosk timeout 60 /usr/bin/kiosk slip --concern child --output "$SITE/child.pdf" >"$SCRATCH/site-slip.out" 2>&1 ||
    { cat "$SCRATCH/site-slip.out" >&2; fail "kiosk slip on the site file"; }
text=$(pdftotext "$SITE/child.pdf" -) || fail "pdftotext could not read the site's slip"
grep -q '01632 960300' <<<"$text" && ! grep -q '01942 828300' <<<"$text" ||
    { echo "$text" >&2; fail "kiosk slip did not give the updated children's number"; }
run_kiosk timeout 120 /usr/bin/kiosk screenshots --output "$SITE/shots" --size 1366x768 >"$SCRATCH/site-shots.out" 2>&1 ||
    { tail -n 20 "$SCRATCH/site-shots.out" >&2; fail "kiosk screenshots on the site file"; }
grep -q 'content: Wigan Safeguarding Partnership 2026.12.1' "$SCRATCH/site-shots.out" ||
    { tail -n 20 "$SCRATCH/site-shots.out" >&2; fail "kiosk screenshots did not run the installed update"; }
cp -p "$SCRATCH/kiosk.toml.installed" /etc/xdg/kiosk/kiosk.toml
rm "$SCRATCH/kiosk.toml.installed"
ok "the site's slip says 01632 960300 (the update), not 01942 828300; config check and screenshots agree"

step "kiosk screenshots (every screen, Urdu: bundled fonts, right to left, QML modules)"
run_kiosk timeout 120 /usr/bin/kiosk screenshots --output "$SCRATCH/shots" --size 1080x1920 --lang ur \
    >"$SCRATCH/shots.out" 2>&1 || { status=$?; tail -n 30 "$SCRATCH/shots.out" >&2; fail "kiosk screenshots exited $status"; }
shots=$(find "$SCRATCH/shots" -name '*.png' -size +10k | wc -l)
((shots >= 20)) || fail "kiosk screenshots made only $shots pictures"
ok "$shots screens rendered"

step "kiosk config check /etc/xdg/kiosk/kiosk.toml (the example the package installs)"
run_kiosk /usr/bin/kiosk config check /etc/xdg/kiosk/kiosk.toml >"$SCRATCH/config.out" 2>&1 ||
    { cat "$SCRATCH/config.out" >&2; fail "the installed kiosk.toml does not pass kiosk config check"; }
ok "$(head -n 1 "$SCRATCH/config.out")"

step "desktop-file-validate"
desktop-file-validate /usr/share/applications/kiosk.desktop /usr/share/applications/kiosk-desk.desktop \
    /etc/xdg/autostart/kiosk.desktop || fail "desktop-file-validate"
grep -qx 'Exec=kiosk desk' /usr/share/applications/kiosk-desk.desktop || fail "Contact slips does not open kiosk desk"
ok "kiosk.desktop, Contact slips (kiosk-desk.desktop) and the autostart entry are valid"

step "the autostart entry does nothing for an account outside the kiosk group"
timeout 10 setpriv --reuid=nobody --regid=nogroup --clear-groups env -i PATH=/usr/bin:/bin \
    /usr/libexec/kiosk/kiosk-autostart || fail "kiosk-autostart exited $? for nobody"
ok "kiosk-autostart left nobody alone"

step "systemd-analyze verify (the user unit)"
if command -v systemd-analyze >/dev/null; then
    mkdir -m 0700 "$SCRATCH/runtime"
    XDG_RUNTIME_DIR="$SCRATCH/runtime" systemd-analyze --user verify /usr/lib/systemd/user/kiosk.service ||
        fail "systemd-analyze verify kiosk.service"
    grep -q '^Restart=always' /usr/lib/systemd/user/kiosk.service || fail "kiosk.service lacks Restart=always"
    ok "kiosk.service verified"
else
    echo "skipped: systemd-analyze is not installed"
fi

size=$(du -sh /opt/kiosk | cut -f1)
if ((purge_at_exit)); then
    step "apt-get purge kiosk"
    purge_at_exit=0
    apt-get purge --yes kiosk >"$OUT/apt-purge.log" 2>&1 || fail "apt-get purge kiosk"
    for path in /opt/kiosk /usr/bin/kiosk /etc/xdg/kiosk/kiosk.toml /etc/xdg/autostart/kiosk.desktop \
        /usr/lib/systemd/user/kiosk.service; do
        [[ ! -e $path && ! -L $path ]] || fail "$path is still there after apt-get purge kiosk"
    done
    ok "removed, site file and autostart entry included"
fi

step "passed in $((SECONDS - started)) s (build $build_seconds s); installed bundle $size"
echo "ci-check.sh: all checks passed"
