#!/bin/sh
# The scale benchmark of issue 15, whole processes as a user runs them: a portfolio of 3, 20, 50
# and 200 use cases over 120 months (the bundled portfolio copied), then
#   compute --format csv, the PDF report at 3/20/50/200 use cases with every use case in full
#   (seconds, pages, seconds per page), the PDF with the automatic sections, HTML and XLSX (the
#   formula model and the values-only workbook) at 200,
# each with its peak memory (/usr/bin/time). Prints one line per figure with its target.
#   tests/scale/run-scale-bench.sh BUILD_DIR [WORK_DIR]
set -eu
build=${1:?usage: run-scale-bench.sh BUILD_DIR [WORK_DIR]}
work=${2:-$(mktemp -d)}
app="$build/app/roi-workbench"
make="$build/tests/scale/roi-make-portfolio"
export QT_QPA_PLATFORM=offscreen SOURCE_DATE_EPOCH=1767225600
mkdir -p "$work"
for n in 3 20 50 200; do
    "$make" "$n" 120 "$work/p$n.roiwb"
done

# run LABEL TARGET_SECONDS TARGET_MB COMMAND...: prints seconds and peak memory.
run() {
    label=$1 target_s=$2 target_mb=$3
    shift 3
    /usr/bin/time -f "%e %M %U %S" -o "$work/time" "$@" > /dev/null
    read -r secs kb user sys < "$work/time"
    mb=$((kb / 1024))
    cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')
    printf '%-40s %7.2f s wall, %.2f s CPU (target %s s)  %5d MB (target %s MB)\n' "$label" \
        "$secs" "$cpu" "$target_s" "$mb" \
        "$target_mb"
}
pages() {
    pdfinfo "$1" | awk '/^Pages:/ { print $2 }'
}

run "compute --format csv, 200 x 120" 0.3 - "$app" compute "$work/p200.roiwb" --format csv
for n in 3 20 50 200; do
    run "PDF, $n use cases, all in full" - 300 \
        "$app" report "$work/p$n.roiwb" --format pdf --sections all -o "$work/p$n.pdf"
    p=$(pages "$work/p$n.pdf")
    awk -v s="$cpu" -v p="$p" 'BEGIN { printf "    %d pages, %.1f ms CPU a page\n", p, s * 1000 / p }'
done
run "PDF, 200 use cases, automatic sections" - 300 \
    "$app" report "$work/p200.roiwb" --format pdf -o "$work/p200-auto.pdf"
printf '    %d pages\n' "$(pages "$work/p200-auto.pdf")"
run "HTML, 200 use cases, all in full" 2 300 \
    "$app" report "$work/p200.roiwb" --format html --sections all -o "$work/p200.html"
run "XLSX formula model, 200 use cases" 1.5 - "$app" report "$work/p200.roiwb" --format xlsx \
    -o "$work/p200.xlsx"
run "XLSX values, 200 use cases" 1.5 - "$app" report "$work/p200.roiwb" --format xlsx-values \
    -o "$work/p200-values.xlsx"
