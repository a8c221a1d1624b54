#!/usr/bin/env bash
# bench/api.sh BUILD — API latency on a store of at least 1 million events
# (make bench runs it after bench/run.sh): the PolNeAR articles ingested
# once (BUILD/bench/polnear.jsonl, made by bench/run.sh), then their events
# copied in SQL (the shapes real ingest gives, dates spread over ten
# years) until the store holds BENCH_EVENTS (default 1000000) events.
# `dateline serve` on a loopback port: "cold ms" is each answer computed
# once by a server that keeps none (--cache 0), what the store costs the
# first time; then the server as it runs (answers kept until the store
# changes, the first view computed ahead at start) under wrk with 20
# connections for BENCH_API_SECONDS (default 5) per endpoint: requests/s
# and the 50th/99th percentile latency; the paging rows ask for a random
# one of the first 100 pages on every request (bench/pages.lua), so each
# page is computed and only the selection's total is kept. Reports, never
# judges.
set -euo pipefail
cd "$(dirname "$0")/.."
B=${1:-build}
N=${BENCH_EVENTS:-1000000}
SECS=${BENCH_API_SECONDS:-5}
db="$B/bench/api.db"
command -v wrk >/dev/null || { echo "api bench: wrk missing (apt-get install wrk)"; exit 0; }
have=$( [ -s "$db" ] && sqlite3 "$db" "SELECT count(*) FROM events" 2>/dev/null || echo 0)
if [ "$have" -lt "$N" ]; then
    rm -f "$db" "$db-wal" "$db-shm"
    "$B/dateline" ingest --quiet --db "$db" "$B/bench/polnear.jsonl" >/dev/null 2>&1
    base=$(sqlite3 "$db" "SELECT count(*) FROM events")
    copies=$(( (N + base - 1) / base ))
    t0=$(date +%s.%N)
    sqlite3 "$db" <<SQL
PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;
CREATE TEMP TABLE k(n INTEGER PRIMARY KEY);
WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < $copies - 1) INSERT INTO k SELECT n FROM c;
INSERT INTO events (doc, idx, sentence, date, date_precision, source_code, source_country,
  source_sector, source_text, target_code, target_country, target_sector, target_text, cameo,
  root, quad_class, goldstein, plover, mode, negated, modality, place, place_name, lat, lon,
  quote, evidence_start, evidence_end, trigger, confidence, why, source_start, source_end,
  source_actor, target_start, target_end, target_actor, trigger_start, trigger_end)
  SELECT e.doc, e.idx + k.n * 100000, e.sentence,
  CASE WHEN length(e.date) = 10 THEN date(e.date, '-' || (k.n % 3650) || ' days') ELSE e.date END,
  e.date_precision, e.source_code, e.source_country, e.source_sector, e.source_text,
  e.target_code, e.target_country, e.target_sector, e.target_text, e.cameo, e.root,
  e.quad_class, e.goldstein, e.plover, e.mode, e.negated, e.modality, e.place, e.place_name,
  e.lat, e.lon, e.quote, e.evidence_start, e.evidence_end, e.trigger, e.confidence, e.why,
  e.source_start, e.source_end, e.source_actor, e.target_start, e.target_end, e.target_actor,
  e.trigger_start, e.trigger_end
  FROM events e, k WHERE e.idx < 100000;
ANALYZE;
SQL
    t1=$(date +%s.%N)
    printf 'api bench: store of %s events made in %.1f s\n' "$(sqlite3 "$db" "SELECT count(*) FROM events")" "$(awk "BEGIN {print $t1 - $t0}")"
fi
[ "${BENCH_API_BUILD_ONLY:-0}" = 1 ] && exit 0
port=$((20000 + RANDOM % 20000))
spid=""
trap '[ -n "$spid" ] && kill $spid 2>/dev/null' EXIT
serve() { # OPTIONS...: a server on $port, waited for
    "$B/dateline" serve --db "$db" --port $port --host 127.0.0.1 "$@" >>"$B/bench/api-serve.log" 2>&1 &
    spid=$!
    for _ in $(seq 100); do curl -s -o /dev/null "127.0.0.1:$port/" 2>/dev/null && break; sleep 0.1; done
}
stop() { kill -TERM $spid 2>/dev/null; wait $spid 2>/dev/null; spid=""; }
ms() { case "$1" in *us) echo "$1" | awk '{printf "%.2f", $1/1000}';; *ms) echo "$1" | awk '{printf "%.1f", $1+0}';; *s) echo "$1" | awk '{printf "%.0f", $1*1000}';; *) echo "?";; esac; }
urls=("events?limit=50" "events?limit=50&offset=500000" "events?actor=USA&limit=50"
    "events?dyad=USA:USAOPP&limit=50" "events?from=2014-01-01&to=2014-03-31&limit=50"
    "events?merged=1&limit=50" "overview?limit=10" "timeline?bin=auto" "network?limit=120" "places"
    "search?q=Trump&limit=50" "stats" "/")
full() { [ "$1" = "/" ] && echo "http://127.0.0.1:$port/" || echo "http://127.0.0.1:$port/api/$1"; }

# cold: each answer computed once by a server that keeps none (--cache 0):
# what the store costs, the first time a selection is asked for
declare -A cold
serve --cache 0
for url in "${urls[@]}"; do
    cold[$url]=$(curl -s -o /dev/null -w '%{time_total}' "$(full "$url")" | awk '{printf "%.0f", $1 * 1000}')
done
fv_cold=$( [ -x /usr/bin/chromium ] && node web/test/firstview.mjs "http://127.0.0.1:$port" 1 2>/dev/null | cut -d' ' -f1 || echo "?")
stop

# warm: the server as it runs (answers kept until the store changes, the
# first view computed ahead); wrk once the first view is ready
serve
t0=$(date +%s.%N)
for u in "stats" "overview?limit=10" "timeline?bin=auto"; do curl -s -o /dev/null "$(full "$u")"; done
t1=$(date +%s.%N)
printf '\napi bench: %s events; the first view (stats, overview, timeline) ready %.1f s after start\n' \
    "$(sqlite3 "$db" "SELECT count(*) FROM events")" "$(awk "BEGIN {print $t1 - $t0}")"
fv=$( [ -x /usr/bin/chromium ] && node web/test/firstview.mjs "http://127.0.0.1:$port" 5 2>/dev/null || echo "? ?")
printf 'api bench: the page first view in headless Chromium: %s-%s ms (5 loads; %s ms with no cache)\n' \
    "${fv% *}" "${fv#* }" "$fv_cold"
printf '%-52s %8s %9s %9s %9s %7s\n' "endpoint (wrk, 20 connections, ${SECS}s)" "cold ms" "req/s" "p50 ms" "p99 ms" "errors"
row() { # LABEL URL [wrk options]
    local label=$1 url=$2 out rps p50 p99 errs
    shift 2
    out=$(wrk -t2 -c20 -d"${SECS}s" --latency --timeout 10s "$@" "$(full "$url")" 2>&1)
    rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
    p50=$(echo "$out" | awk '$1 == "50%" {print $2}')
    p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
    errs=$(echo "$out" | awk '/Non-2xx|Socket errors/ {n++} END {print n + 0}')
    printf '%-52s %8s %9s %9s %9s %7s\n' "$label" "${cold[$url]:--}" "${rps:-?}" "$(ms "${p50:-?}")" "$(ms "${p99:-?}")" "$errs"
}
for url in "${urls[@]}"; do row "$url" "$url"; done
# paging: a new page of one selection each request (its total counted once)
row "events?limit=50 + a random page of the first 100" "events?limit=50" -s bench/pages.lua
row "events?actor=USA&limit=50 + a random page" "events?actor=USA&limit=50" -s bench/pages.lua
row "events?quad=4&sort=date&limit=50 + a random page" "events?quad=4&sort=date&limit=50" -s bench/pages.lua
stop
