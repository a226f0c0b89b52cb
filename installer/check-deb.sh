#!/bin/sh
# ctest installer_deb: builds the .deb (and the .tar.gz) with cpack from the build tree, checks the
# control fields and the file list, unpacks the .deb into a temporary root with dpkg-deb -x, and
# runs the unpacked binary on the unpacked example from a directory outside the source tree.
# Usage: check-deb.sh BUILD_DIR SOURCE_DIR PROJECT_VERSION CONFIG
set -eu
build=$(cd "$1" && pwd -P)
src=$(cd "$2" && pwd -P)
version=$3
config=${4:-Release}
id=io.github.roiworkbench.RoiWorkbench
fail() { echo "FAIL: $*" >&2; exit 1; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/roi-deb.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
tmp=$(cd "$tmp" && pwd -P)
case "$tmp/" in "$src"/* | "$build"/*) fail "the temporary directory $tmp is in the tree" ;; esac

echo "== cpack -G DEB;TGZ -C $config"
arch=$(dpkg --print-architecture)
deb=$build/roi-workbench_${version}_$arch.deb
tgz=$build/roi-workbench-$version-Linux.tar.gz
rm -f "$deb" "$tgz"
(cd "$build" && cpack -G "DEB;TGZ" -C "$config" --config "$build/CPackConfig.cmake" -B "$build") \
    >"$tmp/cpack.log" 2>&1 || { cat "$tmp/cpack.log" >&2; fail "cpack failed"; }
[ -f "$deb" ] || { cat "$tmp/cpack.log" >&2; fail "no $deb"; }
[ -f "$tgz" ] || { cat "$tmp/cpack.log" >&2; fail "no $tgz"; }

echo "== control fields"
dpkg-deb -I "$deb"
field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = roi-workbench ] || fail "Package is '$(field Package)'"
[ "$(field Version)" = "$version" ] || fail "Version is '$(field Version)', project is $version"
[ "$(field Architecture)" = "$arch" ] || fail "Architecture is '$(field Architecture)'"
[ "$(field Section)" = science ] || fail "Section is '$(field Section)'"
field Maintainer | grep -q '^[^<]\+ <[^>]\+@[^>]\+>$' || fail "Maintainer '$(field Maintainer)'"
field Homepage | grep -q '^https://' || fail "Homepage '$(field Homepage)'"
depends=$(field Depends)
# dpkg-shlibdeps must have named the package of every library the binary needs.
for dep in libqt6core6 libqt6gui6 libqt6widgets6 libqcustomplot2.1-qt6 libc6 libstdc++6; do
    echo "$depends" | grep -q "\(^\|, \)$dep\( \|,\|$\)" || fail "Depends lacks $dep: $depends"
done
exe_built=$build/app/roi-workbench
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH)
for soname in $(readelf -d "$exe_built" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
    pkg=$(dpkg -S "*/$soname" 2>/dev/null | grep "/$multiarch/$soname\$" | head -n 1 | cut -d: -f1)
    [ -n "$pkg" ] || fail "no Debian package ships $soname"
    echo "$depends" | grep -q "\(^\|, \)$pkg\( \|,\|$\)" \
        || fail "Depends lacks $pkg (for $soname): $depends"
    echo "  $soname -> $pkg"
done
description=$(field Description)
synopsis=$(echo "$description" | head -n 1)
[ -n "$synopsis" ] && [ ${#synopsis} -le 80 ] || fail "synopsis '$synopsis'"
[ "$(echo "$description" | wc -l)" -ge 5 ] || fail "no extended description: $description"

echo "== file list"
dpkg-deb -c "$deb" | awk '{print $NF}' | sed 's|^\./|/|' >"$tmp/files"
for f in \
    /usr/bin/roi-workbench \
    /usr/share/roi-workbench/examples/support-assistant.roiwb \
    /usr/share/roi-workbench/examples/portfolio.roiwb \
    /usr/share/roi-workbench/pricebook.json \
    /usr/share/applications/$id.desktop \
    /usr/share/metainfo/$id.metainfo.xml \
    /usr/share/mime/packages/roi-workbench.xml \
    /usr/share/icons/hicolor/scalable/apps/$id.svg \
    /usr/share/doc/roi-workbench/copyright \
    /usr/share/doc/roi-workbench/LICENSE \
    /usr/share/doc/roi-workbench/changelog.gz \
    /usr/share/man/man1/roi-workbench.1.gz; do
    grep -qx "$f" "$tmp/files" || fail "$f is not in the package"
done
for size in 16 22 24 32 48 64 128 256; do
    f=/usr/share/icons/hicolor/${size}x${size}/apps/$id.png
    grep -qx "$f" "$tmp/files" || fail "$f is not in the package"
done
if grep -v '^/usr/\(bin\|share\)\(/\|$\)' "$tmp/files" | grep -v '^/$\|^/usr/$'; then
    fail "files outside /usr/bin and /usr/share (above)"
fi
dpkg-deb -c "$deb" | grep './usr/bin/roi-workbench$' | grep -q '^-rwxr-xr-x root/root' \
    || fail "the binary is not -rwxr-xr-x root/root"
if dpkg-deb -c "$deb" | grep -v '^-rwxr-xr-x.*/usr/bin/roi-workbench$' \
    | grep -v '^drwxr-xr-x root/root' | grep -v '^-rw-r--r-- root/root'; then
    fail "files with unexpected owners or modes (above)"
fi

echo "== unpack"
root=$tmp/root
dpkg-deb -x "$deb" "$root"
exe=$root/usr/bin/roi-workbench
example=$root/usr/share/roi-workbench/examples/support-assistant.roiwb
if readelf -d "$exe" | grep -q 'RPATH\|RUNPATH'; then
    fail "the installed binary has an RPATH: $(readelf -d "$exe" | grep 'RPATH\|RUNPATH')"
fi
cmp -s "$example" "$src/resources/examples/support-assistant.roiwb" \
    || fail "the packaged example differs from resources/examples"
cmp -s "$root/usr/share/roi-workbench/pricebook.json" "$src/resources/pricebook.json" \
    || fail "the packaged price book differs from resources/pricebook.json"
zcat "$root/usr/share/doc/roi-workbench/changelog.gz" | head -n 1 \
    | grep -q "^roi-workbench ($version) " || fail "changelog: first entry not $version"
grep -q "ROI Workbench $version" "$src/installer/roi-workbench.1" \
    || fail "installer/roi-workbench.1 is not for version $version"
desktop-file-validate "$root/usr/share/applications/$id.desktop"
appstreamcli validate --no-net "$root/usr/share/metainfo/$id.metainfo.xml" >/dev/null

echo "== run the unpacked binary outside the source tree"
mkdir "$tmp/work"
cd "$tmp/work"
run() { env -u ROI_WORKBENCH_DATA_DIR HOME="$tmp/work" QT_QPA_PLATFORM=offscreen "$exe" "$@"; }

out=$(run --version)
[ "$out" = "roi-workbench $version" ] || fail "--version printed '$out'"

run compute "$example" >compute.txt || fail "compute failed: $(cat compute.txt)"
cat compute.txt
grep -q 'TCO \$5,037.50 a month' compute.txt || fail "compute lacks the run-rate TCO \$5,037.50"
grep -q '\$0.10075 per conversation' compute.txt || fail "compute lacks \$0.10075 per conversation"

run report "$example" --format json -o report.json || fail "report --format json failed"
grep -q '"tco": 5037.5' report.json || fail "report.json lacks the run-rate tco 5037.5"
run report "$example" --format csv -o report.csv || fail "report --format csv failed"
[ -s report.csv ] || fail "report.csv is empty"

# Prove the run used the unpacked files only: trace every file the binary touches and refuse
# any path in the source tree (which holds the build tree too).
have_strace=""
if command -v strace >/dev/null 2>&1 && strace -f -qq -o /dev/null true 2>/dev/null; then
    have_strace=yes
fi
if [ -n "$have_strace" ]; then
    env -u ROI_WORKBENCH_DATA_DIR HOME="$tmp/work" QT_QPA_PLATFORM=offscreen \
        strace -f -qq -e trace=%file -o trace.txt \
        "$exe" report "$example" --format json -o traced.json >/dev/null
    grep -q "\"$example\"" trace.txt || fail "the trace does not show the unpacked example opened"
    if grep -F -e "\"$src/" -e "\"$build/" trace.txt; then
        fail "the unpacked binary touched the source or build tree (above)"
    fi
    echo "strace: no access to $src or $build"
else
    echo "strace unavailable: skipped the file-access trace"
fi

echo "== open the unpacked example in the window (offscreen)"
# Still running after 5 s (timeout's 124) means the window came up on the file without a crash,
# a missing plugin or an error dialog's early exit.
mkdir -m 700 "$tmp/runtime"
trace=""
if [ -n "$have_strace" ]; then trace="strace -f -qq -e trace=%file -o gui-trace.txt"; fi
set +e
env -u ROI_WORKBENCH_DATA_DIR HOME="$tmp/work" XDG_RUNTIME_DIR="$tmp/runtime" \
    QT_QPA_PLATFORM=offscreen timeout 5 $trace "$exe" "$example" >gui.log 2>&1
rc=$?
set -e
cat gui.log
[ $rc -eq 124 ] || fail "the window exited with $rc within 5 s"
if grep -i 'could not\|failed to load\|cannot load' gui.log; then
    fail "the window reported a loading problem (above)"
fi
if [ -n "$have_strace" ]; then
    grep -q "\"$example\"" gui-trace.txt || fail "the window did not open the unpacked example"
    if grep -F -e "\"$src/" -e "\"$build/" gui-trace.txt; then
        fail "the window touched the source or build tree (above)"
    fi
    echo "strace: the window opened the unpacked example, no access to $src or $build"
fi

echo "== tar.gz"
tar -tzf "$tgz" >"$tmp/tgz-files"
for f in bin/roi-workbench share/roi-workbench/examples/support-assistant.roiwb \
    share/roi-workbench/pricebook.json \
    share/applications/$id.desktop share/doc/roi-workbench/copyright; do
    grep -qx "roi-workbench-$version-Linux/$f" "$tmp/tgz-files" || fail "$f is not in $tgz"
done

echo "package checks passed: $deb"
