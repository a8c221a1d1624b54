#!/usr/bin/env bash
# bench/run.sh BUILD — `make bench`: builds BUILD/dateline-bench, turns the
# ~924 PolNeAR articles (../shared/eval/quotes/polnear/*/text/*.txt) into
# BUILD/bench/polnear.jsonl and a repeated copy of at least BENCH_MB
# megabytes (default 100) into BUILD/bench/polnear-big.jsonl (generated,
# never committed), then prints the throughput and memory table for both.
# Every row has a wall-time budget: BENCH_BUDGET (stage rows, default
# 20 s) and BENCH_INGEST_BUDGET (default 150 s); a row that runs out stops
# reading and says how much of the input it covered. Timings are reported, never
# judged: no threshold fails this script.
set -euo pipefail
cd "$(dirname "$0")/.."
B=${1:-build}
SHARED=${SHARED:-$(cd .. && pwd)/shared}
POLNEAR=${POLNEAR:-$SHARED/eval/quotes/polnear}
MBS=${BENCH_MB:-100}

make --no-print-directory BUILD="$B" "$B/dateline-bench" >/dev/null
mkdir -p "$B/bench"
small="$B/bench/polnear.jsonl"
big="$B/bench/polnear-big.jsonl"
[ -s "$small" ] || "$B/dateline-bench" gen "$POLNEAR" "$small" 0
if [ ! -s "$big" ] || [ "$(stat -c %s "$big")" -lt $((MBS * 1024 * 1024)) ]; then
    "$B/dateline-bench" gen "$POLNEAR" "$big" "$MBS"
fi

cpu=$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')
echo "dateline bench — $(date -u +%Y-%m-%dT%H:%MZ), $cpu, $(nproc) cores (one used), $(uname -sr), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "rates are per CPU second. stage rows: dl_doc_new + dl_annotate_some per document"
echo "(reading excluded); read and ingest: the whole loop; +cpu/MB: what the stage adds;"
echo "RSS: peak of the row's own process (knowledge base included); +events = full pipeline;"
echo "phoenix, ingest-p: with the Phoenix actor, agent and CAMEO verb dictionaries loaded too;"
echo "+us/sent: microseconds a stage adds per sentence"
"$B/dateline-bench" run --budget "${BENCH_BUDGET:-20}" \
    --ingest-budget "${BENCH_INGEST_BUDGET:-150}" --db "$B/bench/bench.db" "$small" "$big"
bash bench/api.sh "$B"
bash bench/store.sh "$B" "$small"

# --- one long document: work per MB of the same text as 1 MB and as 8 MB
# in one document, in instructions (valgrind's callgrind, inside
# dl_annotate* only: the knowledge base and the JSON output left out).
# Seconds would do on an idle machine; instructions do on a busy one.
# BENCH_SCALE=0 skips this part (about two minutes).
if [ "${BENCH_SCALE:-1}" != 0 ] && command -v valgrind >/dev/null; then
    one="$B/bench/long-1mb.txt"
    eight="$B/bench/long-8mb.txt"
    if [ ! -s "$one" ]; then
        for f in "$POLNEAR"/*/text/*.txt; do cat "$f"; printf '\n\n'; done | head -c 1048576 > "$one"
        for _ in 1 2 3 4 5 6 7 8; do cat "$one"; done > "$eight"
    fi
    echo
    echo "one long document (PolNeAR text joined, all stages): instructions per MB"
    printf '%-8s %7s %12s %10s %7s\n' "row" "MB" "instructions" "per MB" "vs 1 MB"
    base=
    for f in "$one" "$eight"; do
        out=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null --collect-atstart=no \
            '--toggle-collect=dl_annotate*' "$B/dateline" annotate --date 2016-09-12 --jobs 1 "$f" \
            2>&1 >/dev/null | sed -n 's/.*Collected : \([0-9]*\).*/\1/p')
        mb=$(awk -v b="$(stat -c %s "$f")" 'BEGIN { printf "%.1f", b / 1048576 }')
        per=$(awk -v i="$out" -v m="$mb" 'BEGIN { printf "%.0f", i / m }')
        [ -n "$base" ] || base=$per
        printf '%-8s %7s %12s %10s %7s\n' "long-${mb%.*}" "$mb" "$out" "$per" \
            "$(awk -v p="$per" -v b="$base" 'BEGIN { printf "%.2f", p / b }')"
    done
fi
