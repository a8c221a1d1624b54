#!/usr/bin/env bash
# tests/run.sh BUILD... — runs the unit tests and the CLI tests of each
# build folder given (the normal build, then the sanitized one) and closes
# with the total as one line: "N passed, N failed". A failing shell test
# is shown with the lines under it: its commands, their stderr and exit
# codes (tests/lib.sh).
set -u
cd "$(dirname "$0")/.."
total_pass=0
total_fail=0
count() { # adds the "N passed, N failed" of a suite's output
    local line
    line=$(grep -E '[0-9]+ passed, [0-9]+ failed' "$1" | tail -n 1)
    if [ -z "$line" ]; then
        echo "   (suite printed no totals: counted as one failure)"
        total_fail=$((total_fail + 1))
        return
    fi
    local p f
    p=$(echo "$line" | grep -oE '[0-9]+ passed' | grep -oE '[0-9]+')
    f=$(echo "$line" | grep -oE '[0-9]+ failed' | grep -oE '[0-9]+')
    total_pass=$((total_pass + p))
    total_fail=$((total_fail + f))
}
source tests/lib.sh
out=$(mktemp)
echo "== the commands the tests call"
bash tests/deps.sh >"$out" 2>&1
t_show "$out"
count "$out"
echo "== the test runner itself"
bash tests/selftest.sh >"$out" 2>&1
t_show "$out"
count "$out"
echo "== $1: make install into a temporary prefix, pkg-config example"
bash tests/install.sh "$1" >"$out" 2>&1
t_show "$out"
count "$out"
for build in "$@"; do
    echo "== $build: unit tests"
    ASAN_OPTIONS=detect_leaks=1 "$build/dateline-tests" >"$out" 2>&1
    rc=$?
    grep -E '^(FAIL|  |unit:)' "$out" | tail -n 60
    if [ $rc -ne 0 ] && ! grep -q 'failed' "$out"; then
        tail -n 20 "$out"; echo "   (crashed with status $rc)"; total_fail=$((total_fail + 1))
    else
        count "$out"
    fi
    echo "== $build: command-line tests"
    bash tests/cli.sh "$build" >"$out" 2>&1
    t_show "$out" | tail -n 200
    count "$out"
    echo "== $build: server against slow and hostile clients"
    python3 tests/serve.py "$build" >"$out" 2>&1
    grep -E '^(not ok|    |serve:)' "$out" | tail -n 40
    count "$out"
    echo "== $build: HTTP API tests"
    bash tests/api.sh "$build" >"$out" 2>&1
    grep -E '^(not ok|#|api:)' "$out" | tail -n 40
    count "$out"
    if [ "$build" = "$1" ]; then # the page is the same in every build: once
        echo "== the page's JavaScript: eslint and prettier"
        bash tests/weblint.sh >"$out" 2>&1
        grep -E '^(not ok|#|weblint:)' "$out" | tail -n 40
        count "$out"
        echo "== $build: the page in a browser (screenshots in $build/screenshots)"
        bash tests/browser.sh "$build" >"$out" 2>&1
        grep -E '^(not ok|#|browser:)' "$out" | tail -n 40
        count "$out"
        echo "== $build: PostgreSQL with many writers (a throwaway cluster on 127.0.0.1)"
        bash tests/pg.sh "$build" >"$out" 2>&1
        grep -E '^(not ok|    |#|pg:)' "$out" | tail -n 40
        count "$out"
    fi
    echo "== $build: one long document costs in proportion to its length"
    python3 tests/scale.py "$build" >"$out" 2>&1
    grep -E '^(ok|not ok|    |scale:)' "$out" | tail -n 20
    count "$out"
done
rm -f "$out"
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
