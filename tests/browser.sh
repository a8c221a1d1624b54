#!/usr/bin/env bash
# tests/browser.sh BUILD — the browser tests (web/test/browser.mjs) in
# Debian's Chromium, headless, against `dateline serve` on a loopback port
# over a store of the seed article and the PolNeAR dev articles.
# Screenshots go to BUILD/screenshots/. Ends "browser: N passed, N failed".
set -u
cd "$(dirname "$0")/.."
B=${1:-build}
dl="$PWD/$B/dateline"
SHARED=${SHARED:-$(cd .. && pwd)/shared}
if [ ! -x /usr/bin/chromium ] || [ ! -d web/node_modules/playwright-core ]; then
    echo "not ok - chromium or playwright-core missing (run scripts/setup)"
    echo "browser: 0 passed, 1 failed"
    exit 1
fi
tmp=$(mktemp -d)
spid=""
trap '[ -n "$spid" ] && kill "$spid" 2>/dev/null; rm -rf "$tmp"' EXIT
node web/test/polnear-jsonl.mjs "$SHARED" "$tmp/pn.jsonl" >/dev/null
"$dl" ingest --quiet --db "$tmp/web.db" "$SHARED/corpus/seed" "$tmp/pn.jsonl" >/dev/null 2>&1
# --port 0: the system picks a free port, which the server names on stderr
"$dl" serve --db "$tmp/web.db" --port 0 --host 127.0.0.1 >"$tmp/serve.log" 2>&1 &
spid=$!
port=
for _ in $(seq 100); do
    [ -n "$port" ] || port=$(sed -n 's|.* on http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$tmp/serve.log")
    [ -n "$port" ] && curl -s "127.0.0.1:$port/api/stats" >/dev/null 2>&1 && break
    sleep 0.1
done
node web/test/browser.mjs "http://127.0.0.1:$port" "$B/screenshots"
rc=$?
kill -TERM "$spid"; wait "$spid" 2>/dev/null; spid=""
exit $rc
