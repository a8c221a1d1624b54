#!/usr/bin/env bash
# fuzz/run.sh — `make fuzz`: builds libdateline with clang and
# -fsanitize=fuzzer-no-link,address,undefined into build-fuzz/, links each
# fuzz/fuzz_*.c target with libFuzzer, and runs each for FUZZ_SECONDS
# (default 30) starting from its seed corpus fuzz/corpus/<target>/ (our own
# small inputs). New corpus entries go to build-fuzz/corpus/<target>/ (not
# committed). A crash is copied to fuzz/regressions/<target>/, where
# tests/test_fuzz_regress.c replays it on every `make test`; the script
# then exits 1.
#
#   FUZZ_SECONDS=300 make fuzz          longer runs
#   FUZZ_TARGETS="date doc" make fuzz   some targets only
#   FUZZ_JOBS=2                         parallel workers per target
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p "${FUZZ_BUILD:-build-fuzz}"

B=${FUZZ_BUILD:-build-fuzz}
SECONDS_EACH=${FUZZ_SECONDS:-30}
TARGETS=${FUZZ_TARGETS:-$(ls fuzz/fuzz_*.c | sed 's|fuzz/fuzz_\(.*\)\.c|\1|')}
JOBS=${FUZZ_JOBS:-1}
SAN=address,undefined

command -v clang >/dev/null || { echo "fuzz: clang is needed (scripts/setup)" >&2; exit 2; }

# The knowledge the doc target loads, built plainly (gcc, no sanitizer)
# into $B/plain/data: the data tools are not what is fuzzed here.
make --no-print-directory -j"$(nproc)" BUILD="$B/plain" data >"$B/data.log" 2>&1 ||
    { cat "$B/data.log" >&2; exit 2; }
export DATELINE_DATA="$PWD/$B/plain/data"

# The library instrumented for coverage but without libFuzzer's main
# (that comes with each target). Warnings are not errors here: clang
# warns where gcc does not, and the gcc builds keep -Werror.
make --no-print-directory -j"$(nproc)" BUILD="$B" CC=clang OPT=-O1 DL_NO_WERROR=1 \
    SANITIZE="fuzzer-no-link,$SAN" "$B/libdateline.a" >/dev/null 2>"$B/build.log" ||
    { cat "$B/build.log" >&2; exit 2; }

# The libraries the Makefile links with (its LDLIBS, whatever they are now).
LIBS=$(printf 'dl-print-libs:\n\t@echo $(LDLIBS)\n' |
       make --no-print-directory -s -f Makefile -f - dl-print-libs)
status=0
for t in $TARGETS; do
    exe="$B/fuzz_$t"
    clang -O1 -g -std=c11 -D_GNU_SOURCE -Iinclude -Ifuzz \
        -fsanitize="fuzzer,$SAN" -fno-sanitize-recover=all -fno-omit-frame-pointer \
        -Wall -Wextra -Werror "fuzz/fuzz_$t.c" "$B/libdateline.a" $LIBS -o "$exe"
    mkdir -p "$B/corpus/$t" "$B/crashes/$t" "fuzz/corpus/$t"
    rm -f "$B/crashes/$t"/*
    dict=()
    [ -f "fuzz/$t.dict" ] && dict=(-dict="fuzz/$t.dict")
    echo "fuzz: $t for ${SECONDS_EACH}s"
    set +e
    par=()
    [ "$JOBS" -gt 1 ] && par=(-fork="$JOBS")
    "$exe" "${dict[@]}" "${par[@]}" -max_total_time="$SECONDS_EACH" -max_len=8192 -timeout=10 \
        -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$B/crashes/$t/" "$B/corpus/$t" "fuzz/corpus/$t" \
        >"$B/fuzz_$t.log" 2>&1
    rc=$?
    set -e
    grep -E '^stat::number_of_executed_units|^stat::peak_rss_mb|^#[0-9]+ *DONE' "$B/fuzz_$t.log" |
        sed 's/^/    /' || true
    shopt -s nullglob
    found=("$B/crashes/$t"/crash-* "$B/crashes/$t"/leak-* "$B/crashes/$t"/timeout-* "$B/crashes/$t"/oom-*)
    shopt -u nullglob
    if [ "$rc" -ne 0 ] || [ ${#found[@]} -gt 0 ]; then
        status=1
        mkdir -p "fuzz/regressions/$t"
        for f in "${found[@]}"; do
            known=
            for k in "fuzz/regressions/$t"/*; do
                [ -f "$k" ] && cmp -s "$f" "$k" && known=$k
            done
            if [ -n "$known" ]; then
                echo "fuzz: $t: $(basename "$f") is the known $known (log: $B/fuzz_$t.log)"
            else
                cp "$f" "fuzz/regressions/$t/"
                echo "fuzz: $t: $(basename "$f") -> fuzz/regressions/$t/ (log: $B/fuzz_$t.log)"
            fi
        done
        [ ${#found[@]} -gt 0 ] || echo "fuzz: $t exited $rc (log: $B/fuzz_$t.log)"
    fi
done
exit $status
