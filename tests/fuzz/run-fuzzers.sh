#!/bin/sh
# Runs every libFuzzer target for SECONDS each (default 60), seeded from tests/fuzz/corpus/<target>
# and tests/fuzz/regression/<target>, and prints executions per second and total executions.
# Fails when any target crashes, times out or leaks; the input is saved under the run folder
# (copy it to tests/fuzz/regression/<target>/ once fixed, so fuzz-regression replays it).
#
# Usage: tests/fuzz/run-fuzzers.sh [SECONDS] [BUILD_DIR]
#   BUILD_DIR   the fuzz preset's build folder (default build/fuzz)
#   FUZZ_TARGETS="workbook dates"   run only these targets
#   FUZZ_OUT=DIR                    where runs keep logs, new inputs and crashes
#                                   (default BUILD_DIR/fuzz-runs)
#   FUZZ_MERGE=1                    afterwards, merge new coverage into tests/fuzz/corpus
set -eu

seconds=${1:-60}
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${2:-$root/build/fuzz}
out=${FUZZ_OUT:-$build/fuzz-runs}
targets=${FUZZ_TARGETS:-workbook inputpath dates filename import_focus import_openai import_anthropic import_litellm import_csv revenue_csv}
status=0

stat() { # stat NAME LOG: a value of libFuzzer's -print_final_stats block
    sed -n "s/^stat::$1: *//p" "$2" | tail -n 1
}

printf '%-16s %8s %12s %10s %8s  %s\n' target seconds executions exec/s "new" result
for target in $targets; do
    binary=$build/tests/fuzz/fuzz_$target
    if [ ! -x "$binary" ]; then
        echo "run-fuzzers: $binary is missing; build the fuzz preset first:" >&2
        echo "  cmake --preset fuzz && cmake --build --preset fuzz" >&2
        exit 2
    fi
    # Limits per target: the largest input worth mutating and the slowest acceptable one.
    case $target in
    workbook) max_len=65536 timeout=10 dict=$root/tests/fuzz/workbook.dict ;;
    inputpath) max_len=512 timeout=5 dict=$root/tests/fuzz/inputpath.dict ;;
    filename) max_len=1024 timeout=5 dict= ;;
    import_*) max_len=16384 timeout=10 dict= ;;
    revenue_csv) max_len=4096 timeout=5 dict= ;;
    *) max_len=64 timeout=5 dict= ;;
    esac
    work=$out/$target
    rm -rf "$work"
    mkdir -p "$work/corpus" "$work/artifacts"
    seeds=$root/tests/fuzz/corpus/$target
    regression=$root/tests/fuzz/regression/$target
    [ -d "$regression" ] || regression=
    log=$work/log.txt
    set +e
    # The first folder receives new inputs; the repository's seed folders are only read.
    "$binary" -max_total_time="$seconds" -max_len="$max_len" -timeout="$timeout" \
        -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$work/artifacts/" \
        ${dict:+-dict="$dict"} "$work/corpus" "$seeds" ${regression:+"$regression"} \
        >"$log" 2>&1
    rc=$?
    set -e
    execs=$(stat number_of_executed_units "$log")
    rate=$(stat average_exec_per_sec "$log")
    added=$(stat new_units_added "$log")
    if [ "$rc" -eq 0 ]; then
        result=ok
    else
        result="FAILED (exit $rc)"
        status=1
    fi
    printf '%-16s %8s %12s %10s %8s  %s\n' "$target" "$seconds" "${execs:-?}" "${rate:-?}" \
        "${added:-?}" "$result"
    if [ "$rc" -ne 0 ]; then
        echo "---- $target: end of $log" >&2
        tail -n 40 "$log" >&2
        echo "---- inputs saved:" >&2
        ls -l "$work/artifacts" >&2
    elif [ "${FUZZ_MERGE:-0}" = 1 ]; then
        "$binary" -merge=1 -max_len="$max_len" "$seeds" "$work/corpus" >"$work/merge.txt" 2>&1
    fi
done
exit $status
