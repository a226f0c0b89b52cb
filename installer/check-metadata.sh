#!/bin/sh
# ctest installer_metadata: validates the desktop entry, the AppStream metainfo, the MIME type and
# the icons, and checks they agree with each other and with the project version.
# Usage: check-metadata.sh INSTALLER_SOURCE_DIR PROJECT_VERSION
set -eu
src=$1
version=$2
id=io.github.roiworkbench.RoiWorkbench
fail() { echo "FAIL: $*" >&2; exit 1; }

echo "== desktop-file-validate"
desktop-file-validate "$src/$id.desktop"
echo "== appstreamcli validate --no-net"
appstreamcli validate --no-net "$src/$id.metainfo.xml"
if command -v xmllint >/dev/null 2>&1; then
    echo "== xmllint"
    xmllint --noout "$src/roi-workbench-mime.xml" "$src/$id.metainfo.xml" "$src/icons/$id.svg"
fi

echo "== the files agree"
grep -qx "Icon=$id" "$src/$id.desktop" || fail "desktop Icon is not $id"
grep -qx "Exec=roi-workbench %f" "$src/$id.desktop" || fail "desktop Exec"
grep -qx "MimeType=application/x-roi-workbench;" "$src/$id.desktop" || fail "desktop MimeType"
grep -qx "Categories=Office;Finance;" "$src/$id.desktop" || fail "desktop Categories"
grep -q "<launchable type=\"desktop-id\">$id.desktop</launchable>" "$src/$id.metainfo.xml" \
    || fail "metainfo launchable is not $id.desktop"
grep -q "<id>$id</id>" "$src/$id.metainfo.xml" || fail "metainfo id"
# The newest release comes first; it must be this version (bump it with the project version).
newest=$(sed -n 's/.*<release version="\([^"]*\)".*/\1/p' "$src/$id.metainfo.xml" | head -n 1)
[ "$newest" = "$version" ] || fail "metainfo's newest release is '$newest', project is $version"

echo "== icons"
for size in 16 22 24 32 48 64 128 256; do
    png=$src/icons/hicolor/${size}x${size}/apps/$id.png
    file "$png" | grep -q "PNG image data, $size x $size," || fail "$png is not a ${size}px PNG"
done

echo "== shared-mime-info"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/data/mime/packages"
cp /usr/share/mime/packages/freedesktop.org.xml "$tmp/data/mime/packages/"
cp "$src/roi-workbench-mime.xml" "$tmp/data/mime/packages/roi-workbench.xml"
# update-mime-database only warns about some mistakes: treat any output on stderr as failure.
# (No fsync: a throw-away database.)
PKGSYSTEM_ENABLE_FSYNC=0 XDG_DATA_HOME="$tmp/data" XDG_DATA_DIRS="$tmp/data" \
    update-mime-database "$tmp/data/mime" 2>"$tmp/umd.err" || fail "update-mime-database failed"
if [ -s "$tmp/umd.err" ]; then cat "$tmp/umd.err" >&2; fail "update-mime-database warned"; fi
grep -q "^[0-9]*:application/x-roi-workbench:\*\.roiwb$" "$tmp/data/mime/globs2" \
    || fail "no *.roiwb glob"
grep -qx "application/x-roi-workbench application/json" "$tmp/data/mime/subclasses" \
    || fail "not a sub-class of application/json"
grep -q '"format": "roi-workbench"' "$tmp/data/mime/magic" || fail "no magic"
if command -v gio >/dev/null 2>&1; then
    # Detection through GLib's reader of the database: by name, and by content alone.
    printf '{\n  "format": "roi-workbench",\n  "version": 1\n}\n' >"$tmp/workbook.roiwb"
    cp "$tmp/workbook.roiwb" "$tmp/no-extension"
    for f in workbook.roiwb no-extension; do
        type=$(XDG_DATA_HOME="$tmp/data" XDG_DATA_DIRS="$tmp/data" \
            gio info -a standard::content-type "$tmp/$f" | sed -n 's/.*standard::content-type: //p')
        [ "$type" = "application/x-roi-workbench" ] || fail "$f is detected as '$type'"
    done
fi
echo "all metadata checks passed"
