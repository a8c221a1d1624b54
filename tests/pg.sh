#!/usr/bin/env bash
# tests/pg.sh BUILD — the PostgreSQL store with many writers, against a
# throwaway cluster this script starts on 127.0.0.1 (tests/pgcluster.sh):
# two `dateline ingest` of the same input at once, two of the same input
# in opposite orders (each waits on a document the other's batch holds),
# four on four quarters at once. Every run must exit 0 and the store
# hold exactly what one SQLite ingest of the input holds, with the
# "N documents stored" of the runs adding up to the documents. Without
# PostgreSQL installed it says so and passes nothing. Ends with
# "pg: N passed, N failed".
set -u
build=${1:-build}
bin="$build/dateline"
shared=${DL_SHARED:-../shared}
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"
source "$here/pgcluster.sh"
tmp=$(mktemp -d)
trap 'pgc_stop_all; rm -rf "$tmp"' EXIT
t_init "$tmp"
dl_run() { traced "$bin" "$@"; }
dl=dl_run

if [ -z "$pgc_bin" ] || [ ! -x "$pgc_bin/initdb" ]; then
    echo "pg: PostgreSQL is not installed, skipped"
    echo "pg: 0 passed, 0 failed"
    exit 0
fi
if ! pgc_start w 2>"$tmp/start.err"; then
    no "a throwaway PostgreSQL cluster starts" "$(cat "$tmp/start.err")"
    echo "pg: $pass passed, $fail failed"
    exit 1
fi

# 48 PolNeAR articles as JSONL with ids and dates, and the same reversed
python3 - "$shared/eval/quotes/polnear" "$tmp" <<'EOF'
import glob, json, os, sys
src, out = sys.argv[1], sys.argv[2]
files = sorted(glob.glob(os.path.join(src, "*", "text", "*.txt")))[:48]
rows = []
for i, f in enumerate(files):
    text = open(f, encoding="utf-8").read()
    rows.append(json.dumps({"id": "pg-%02d" % i, "date": "2016-0%d-1%d" % (1 + i % 9, i % 10),
                            "text": text}))
with open(os.path.join(out, "all.jsonl"), "w") as w:
    w.write("\n".join(rows) + "\n")
with open(os.path.join(out, "rev.jsonl"), "w") as w:
    w.write("\n".join(reversed(rows)) + "\n")
for q in range(4):
    with open(os.path.join(out, "q%d.jsonl" % q), "w") as w:
        w.write("\n".join(rows[q * 12:(q + 1) * 12]) + "\n")
EOF

# what one writer stores: the reference counts, from SQLite
"$dl" ingest --quiet --jobs 1 --db "$tmp/ref.db" "$tmp/all.jsonl"
ref=$("$dl" stats --db "$tmp/ref.db" --format tsv | grep -vE '^(what|store schema)')
[ "$(echo "$ref" | sed -n 's/^documents\t//p')" = 48 ] && ok "reference: 48 documents in SQLite" ||
    no "reference ingest" "$ref"

n=0
fresh() { # a URL naming a new, empty schema
    n=$((n + 1))
    pgc_psql w -c "CREATE SCHEMA s$n AUTHORIZATION dateline" >/dev/null
    url="$PGC_URL_w?options=-csearch_path%3Ds$n"
}
# writers FILE... : one ingest per file, all at once; sets rcs and stored
writers() {
    local i=0 pids=() f
    for f in "$@"; do
        "$dl" ingest --jobs 1 --batch 4 --db "$url" "$f" 2>"$tmp/w$i.err" &
        pids+=($!)
        i=$((i + 1))
    done
    rcs=""
    for i in "${!pids[@]}"; do
        wait "${pids[$i]}"
        rcs="$rcs$?"
    done
    stored=$(cat "$tmp"/w*.err | sed -n 's/^ingest: \([0-9]*\) documents\{0,1\} stored.*/\1/p' |
        awk '{ s += $1 } END { print s + 0 }')
    errs=$(cat "$tmp"/w*.err)
    rm -f "$tmp"/w*.err
}
same_as_ref() {
    local got
    got=$("$dl" stats --db "$url" --format tsv | grep -vE '^(what|store schema)')
    [ "$got" = "$ref" ] || { echo "store: $got"; echo "reference: $ref"; return 1; }
}

fresh
writers "$tmp/all.jsonl" "$tmp/all.jsonl"
if [ "$rcs" = 00 ] && [ "$stored" = 48 ] && diff=$(same_as_ref); then
    ok "two writers of the same input: both exit 0, 48 stored between them, totals exact"
else
    no "two writers of the same input" "exit $rcs, stored $stored; $errs $diff"
fi

fresh
writers "$tmp/all.jsonl" "$tmp/rev.jsonl"
deadlocks=$(grep -c 'deadlock detected' "$PGC_DIR_w/server.log")
echo "# opposite orders: $deadlocks deadlock(s) resolved by committing early"
if [ "$rcs" = 00 ] && [ "$stored" = 48 ] && diff=$(same_as_ref); then
    ok "two writers of the same input in opposite orders: both exit 0, totals exact"
else
    no "two writers in opposite orders" "exit $rcs, stored $stored; $errs $diff"
fi

fresh
writers "$tmp/q0.jsonl" "$tmp/q1.jsonl" "$tmp/q2.jsonl" "$tmp/q3.jsonl"
if [ "$rcs" = 0000 ] && [ "$stored" = 48 ] && diff=$(same_as_ref); then
    ok "four writers on four quarters: all exit 0, totals exact"
else
    no "four writers on four quarters" "exit $rcs, stored $stored; $errs $diff"
fi

# the same queries answer from both stores (numbers left out: PostgreSQL
# prints 52 where SQLite prints 52.0)
a=$("$dl" events --db "$tmp/ref.db" --format tsv --limit 1000 | cut -f 1-5,7,8,11-16 | sort | md5sum)
b=$("$dl" events --db "$url" --format tsv --limit 1000 | cut -f 1-5,7,8,11-16 | sort | md5sum)
[ "$a" = "$b" ] && ok "events: the same rows from PostgreSQL as from SQLite" ||
    no "events differ between the stores"

echo "pg: $pass passed, $fail failed"
[ "$fail" = 0 ]
