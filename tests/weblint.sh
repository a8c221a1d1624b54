#!/usr/bin/env bash
# tests/weblint.sh — the page's JavaScript (web/src, web/build.mjs, the
# browser tests in web/test) linted by eslint (web/eslint.config.mjs) and
# checked as formatted by prettier (web/.prettierrc.json), both pinned in
# web/package-lock.json and installed by scripts/setup.
# Ends "weblint: N passed, N failed".
set -u
cd "$(dirname "$0")/../web"
pass=0 fail=0
files=(src build.mjs test eslint.config.mjs)
run() { # NAME CMD...
    local name=$1 out
    shift
    if out=$("$@" 2>&1); then
        echo "ok - $name"; pass=$((pass + 1))
    else
        echo "not ok - $name"; echo "$out" | head -n 40 | sed 's/^/#   /'; fail=$((fail + 1))
    fi
}
if [ ! -x node_modules/.bin/eslint ] || [ ! -x node_modules/.bin/prettier ]; then
    echo "not ok - eslint or prettier missing in web/node_modules (run scripts/setup)"
    echo "weblint: 0 passed, 1 failed"
    exit 1
fi
run "eslint: no problems in ${files[*]}" node_modules/.bin/eslint --max-warnings 0 "${files[@]}"
run "prettier: ${files[*]} formatted (npx prettier --write to fix)" \
    node_modules/.bin/prettier --check "${files[@]}"
echo "weblint: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
