#!/usr/bin/env bash
# tests/selftest.sh — the test runner shows why a test failed: a failing
# traced command's line, stderr and exit code appear under "not ok", and
# t_show (what tests/run.sh prints) keeps them. Ends with
# "selftest: N passed, N failed".
set -u
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
source tests/lib.sh
# a suite with one passing and one failing test, run through the helpers
cat > "$tmp/suite.sh" <<'SH'
source tests/lib.sh
t_init "$1"
t_wrap no-such-command-here
traced true && ok "passes"
traced sh -c 'echo "the real reason" >&2; exit 7' && ok "fails" || no "fails"
no-such-command-here --flag >/dev/null 2>&1 && ok "missing" || no "missing command"
echo "inner: $pass passed, $fail failed"
SH
mkdir -p "$tmp/s"
bash "$tmp/suite.sh" "$tmp/s" > "$tmp/out" 2>/dev/null
t_show "$tmp/out" > "$tmp/shown"
p=0; f=0
want() { if grep -qF -- "$1" "$tmp/shown"; then p=$((p + 1)); echo "ok - shown: $1"; else f=$((f + 1)); echo "not ok - not shown: $1"; sed 's/^/    /' "$tmp/shown"; fi; }
want "not ok - fails"
want "\$ sh -c echo \"the real reason\" >&2; exit 7"
want "the real reason"
want "(exit 7)"
want "not ok - missing command"
want "no-such-command-here: command not found"
want "(exit 127)"
want "inner: 1 passed, 2 failed"
if grep -q 'ok - passes' "$tmp/shown"; then f=$((f + 1)); echo "not ok - passing tests are not shown"; else p=$((p + 1)); echo "ok - passing tests are not shown"; fi
echo "selftest: $p passed, $f failed"
[ "$f" -eq 0 ]
