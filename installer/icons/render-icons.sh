#!/bin/sh
# Renders the hicolor PNG sizes of the application icon from its SVG. The PNGs are committed;
# rerun this after editing the SVG: installer/icons/render-icons.sh
# Needs rsvg-convert (apt-get install librsvg2-bin) or, failing that, ImageMagick's convert.
set -eu
cd "$(dirname "$0")"
name=io.github.roiworkbench.RoiWorkbench
for size in 16 22 24 32 48 64 128 256; do
    dir=hicolor/${size}x${size}/apps
    mkdir -p "$dir"
    if command -v rsvg-convert >/dev/null 2>&1; then
        rsvg-convert --width "$size" --height "$size" "$name.svg" --output "$dir/$name.png"
    else
        convert -background none -density 384 "$name.svg" -resize "${size}x${size}" \
            -strip "PNG32:$dir/$name.png"
    fi
    echo "$dir/$name.png"
done
# The Windows icon (installer, shortcuts): the PNGs above in one .ico.
convert hicolor/16x16/apps/$name.png hicolor/24x24/apps/$name.png hicolor/32x32/apps/$name.png \
    hicolor/48x48/apps/$name.png hicolor/64x64/apps/$name.png hicolor/256x256/apps/$name.png \
    "$name.ico"
echo "$name.ico"
