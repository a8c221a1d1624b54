#!/usr/bin/env bash
# tests/cli.sh BUILD — the command-line contract: ingest of the seed
# (idempotent), a batch mixing the seed with every kind of bad input (one
# FILE:LINE error each, exit 1, the seed stored), search, annotate, code,
# explain, --help/--version and exit codes. Ends with "cli: N passed, N failed".
set -u
build=${1:-build}
bin="$build/dateline"
shared=${DL_SHARED:-../shared}
seed="$shared/corpus/seed/000_19f7a3bb0be46a5e.txt"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# a failing test prints its commands, their stderr and exit codes (tests/lib.sh)
source "$(dirname "$0")/lib.sh"
t_init "$tmp"
dl_run() { traced "$bin" "$@"; }
dl=dl_run
t_wrap curl python3 sqlite3
check() { # check NAME COMMAND... : passes when the command succeeds
    local name=$1; shift
    local out
    if out=$("$@" 2>&1); then ok "$name"; else no "$name" "$out"; fi
}

export DATELINE_DB="$tmp/t.db"

# --- ingest the seed twice: one document
"$dl" ingest "$seed" >/dev/null 2>&1; rc1=$?
"$dl" ingest "$seed" >/dev/null 2>&1; rc2=$?
n=$(sqlite3 "$DATELINE_DB" 'SELECT count(*) FROM documents')
[ "$rc1" = 0 ] && [ "$rc2" = 0 ] && [ "$n" = 1 ] && ok "seed ingested twice is stored once" || no "idempotent ingest" "rc=$rc1,$rc2 docs=$n"
d=$(sqlite3 "$DATELINE_DB" 'SELECT date FROM documents')
[ "$d" = 2023-07-23 ] && ok "inline dateline read" || no "inline dateline" "$d"

# --- search finds Wagner sentences with the seed's date
out=$("$dl" search Wagner --format tsv 2>&1)
lines=$(echo "$out" | tail -n +2 | grep -c 2023-07-23)
[ "$lines" -ge 4 ] && echo "$out" | grep -q '\[Wagner\]' && ok "search Wagner: $lines sentences, dated, highlighted" || no "search Wagner" "$out"
out=$("$dl" search 'Wagner AND Belarusian' --format jsonl)
echo "$out" | grep -q 'special forces' && ok "search with FTS5 syntax" || no "search FTS5 syntax" "$out"
"$dl" search 'bad"query' >/dev/null 2>&1; [ $? = 2 ] && ok "bad FTS query is a usage error" || no "bad FTS query exit"

# --- the PostgreSQL store, when a server is given (.ci/run starts one)
if [ -n "${DATELINE_TEST_PG_URL:-}" ]; then
    "$dl" ingest --db "$DATELINE_TEST_PG_URL" "$seed" >/dev/null 2>&1; rc=$?
    out=$("$dl" search --db "$DATELINE_TEST_PG_URL" Wagner --format tsv 2>&1)
    lines=$(echo "$out" | tail -n +2 | grep -c 2023-07-23)
    [ $rc = 0 ] && [ "$lines" -ge 4 ] && echo "$out" | grep -q '\[Wagner\]' && ok "postgresql: ingest + search Wagner: $lines sentences" || no "postgresql ingest + search (rc=$rc)" "$out"
fi

# --- stored events carry their evidence sentence, byte-exact
"$dl" events --format jsonl > "$tmp/ev.jsonl"
python3 - "$seed" "$tmp/ev.jsonl" <<'PY' && ok "events: evidence is a sentence of the seed" || no "events evidence"
import json, sys
text = open(sys.argv[1], encoding="utf-8").read()
rows = [json.loads(l) for l in open(sys.argv[2])]
assert rows, "no events"
for r in rows:
    assert r["evidence"] and r["evidence"] in text, r["evidence"]
    assert r["date"] and r["source"], r
PY

# --- exports: GDELT's 61 columns, PLOVER JSON, merged events, timeline
out=$("$dl" export --format gdelt)
[ -n "$out" ] && [ "$(echo "$out" | awk -F'\t' '{print NF}' | sort -u)" = 61 ] && ok "export gdelt: 61 columns" || no "export gdelt" "$out"
echo "$out" | awk -F'\t' '$27=="043" && $6=="RUSGOV" && $16=="BLRGOV" {f=1} END {exit !f}' && ok "export gdelt: the host/consult event" || no "gdelt 043 row"
"$dl" export --format plover | python3 -c 'import json,sys; r=[json.loads(l) for l in sys.stdin]; assert r and all(x["event_date"] for x in r)' && ok "export plover: JSON lines" || no "export plover"
"$dl" export --format nope >/dev/null 2>&1; [ $? = 2 ] && ok "export: unknown format is a usage error" || no "export unknown format"
n1=$("$dl" events --format tsv | tail -n +2 | wc -l); n2=$("$dl" events --merged --format tsv | tail -n +2 | wc -l)
[ "$n1" -ge "$n2" ] && [ "$n2" -ge 5 ] && ok "events --merged: $n2 events from $n1 mentions" || no "events merged $n1 $n2"
"$dl" timeline --dyad 'RUS~BLR' --format tsv | grep -q '^2023-07-23' && ok "timeline for a dyad" || no "timeline"
"$dl" quotes --speaker Putin --format tsv | grep -q 'It exists, but it has failed.' && ok "quotes --speaker Putin" || no "quotes by speaker"

# --- where: events near a point and inside a box
out=$("$dl" events --near 59.94,30.31 --km 25 --format tsv | tail -n +2)
echo "$out" | grep -q 'CONSULT' && ! echo "$out" | grep -q 'THREATEN' && ok "events --near St. Petersburg" || no "events --near" "$out"
n=$("$dl" events --bbox 49,14,55,24 --format tsv | tail -n +2 | wc -l)
m=$("$dl" events --bbox -10,-10,0,0 --format tsv | tail -n +2 | wc -l)
[ "$n" -ge 1 ] && [ "$m" = 0 ] && ok "events --bbox" || no "events --bbox $n $m"

# --- dictionaries: syntax errors and conflicts with file:line
printf 'RUS | Russia\n    adj: Russian\nthis line is not valid at all [\n' > "$tmp/bad.dict.txt"
out=$("$dl" dict check "$tmp/bad.dict.txt" ../shared/dict/phoenix/Phoenix.agents.txt 2>&1); rc=$?
[ $rc = 1 ] && echo "$out" | grep -Eq 'Phoenix.agents.txt:[0-9]+: conflict' && ok "dict check reports conflicts with file:line" || no "dict check" "$out"

# --- a batch mixing the seed with every kind of bad input
bad="$tmp/bad"; mkdir -p "$bad"
printf 'date 2023-07-23 bad \xff\xfe byte here\n' > "$bad/utf8.txt"
printf 'date 2023-07-23 a NUL \x00 byte\n' > "$bad/nul.txt"
: > "$bad/empty.txt"
printf 'No dateline at all.\n' > "$bad/nodate.txt"
printf 'date 2023-02-30 An impossible date.\n' > "$bad/impossible.txt"
printf '{"id":"j1","date":"2023-07-23","text":"Fine JSON line."}\n{broken json\n{"id":"j3","date":"2023-07-23"}\n{"id":"j4","date":"2023-07-23","text":"ok \\u0000 nul"}\n' > "$bad/mixed.jsonl"
python3 -c "
import sys
sys.stdout.write('{\"id\":\"huge\",\"date\":\"2023-07-23\",\"text\":\"' + 'a' * (50 * 1024 * 1024) + '\"}\n')
" > "$bad/huge.jsonl"
rm -f "$tmp/b.db"
err=$(DATELINE_DB="$tmp/b.db" "$dl" ingest "$seed" "$bad" "$tmp/does-not-exist.txt" 2>&1 >/dev/null); rc=$?
[ $rc = 1 ] && ok "bad batch exits 1" || no "bad batch exit status $rc" "$err"
for f in utf8.txt:1 nul.txt:1 empty.txt:1 nodate.txt:1 impossible.txt:1 mixed.jsonl:2 mixed.jsonl:3 mixed.jsonl:4 huge.jsonl:1 does-not-exist.txt:1; do
    name=${f%%:*}; line=${f##*:}
    echo "$err" | grep -Eq "$name:$line: error: " && ok "error names $name:$line" || no "no error line for $name:$line" "$err"
done
nerr=$(echo "$err" | grep -c ': error: ')
[ "$nerr" = 10 ] && ok "one error line per bad input" || no "error lines: $nerr, want 10" "$err"
n=$(sqlite3 "$tmp/b.db" "SELECT group_concat(id) FROM documents ORDER BY id")
echo "$n" | grep -q j1 && [ "$(sqlite3 "$tmp/b.db" 'SELECT count(*) FROM documents')" = 2 ] && ok "seed and the good JSON line stored" || no "stored after bad batch" "$n"

# --- annotate: JSONL in, SCHEMA JSONL out, seed sentences whole
python3 - "$seed" > "$tmp/seed.jsonl" <<'PY'
import json, sys
raw = open(sys.argv[1], encoding="utf-8").read()
text = raw.split("2023-07-23", 1)[1].strip()
print(json.dumps({"id": "seed", "date": "2023-07-23", "text": text}))
PY
"$dl" annotate "$tmp/seed.jsonl" > "$tmp/ann.jsonl"; rc=$?
python3 - "$tmp/seed.jsonl" "$tmp/ann.jsonl" <<'PY' && ok "annotate: schema, offsets, whole sentences" || no "annotate output"
import json, sys
doc = json.loads(open(sys.argv[1]).read())
out = json.loads(open(sys.argv[2]).read())
text = doc["text"].encode()
assert out["schema"] == 1 and out["id"] == "seed" and out["date"] == "2023-07-23"
for k in ("sentences", "timexes", "actors", "places", "quotes", "events"):
    assert isinstance(out[k], list), k
sents = [text[s["start"]:s["end"]].decode() for s in out["sentences"]]
assert any(s.startswith("U.S. General Mark Milley, chair") and s.endswith("bloody.") for s in sents)
assert any("in St. Petersburg on Sunday." in s for s in sents)
assert "Putin replied: “It exists, but it has failed.”" in sents
for layer in ("timexes", "actors", "places", "quotes"):
    for x in out[layer]:
        assert text[x["start"]:x["end"]].decode() == x["text"], (layer, x)
PY
printf '{"id":"x","date":"2023-07-23","text":"A."}\n{"id":"y","text":"undated"}\n' | "$dl" annotate - > "$tmp/a2" 2> "$tmp/e2"; rc=$?
[ $rc = 1 ] && [ "$(wc -l < "$tmp/a2")" = 1 ] && grep -q '(stdin):2: error' "$tmp/e2" && ok "annotate from stdin, bad line reported" || no "annotate stdin" "$(cat "$tmp/e2")"
printf '{"id":"y","text":"Undated but --date given."}\n' | "$dl" annotate --date 2023-01-01 - | grep -q '"date":"2023-01-01"' && ok "--date for undated JSONL" || no "--date"
"$dl" annotate --date 2023-02-30 "$tmp/seed.jsonl" >/dev/null 2>&1; [ $? = 0 ] && ok "document date wins over --date" || no "doc date precedence"
a=$("$dl" annotate "$tmp/seed.jsonl" | md5sum); b=$("$dl" annotate "$tmp/seed.jsonl" | md5sum)
for i in 1 2 3 4 5 6 7 8 9 10; do cat "$tmp/seed.jsonl"; done > "$tmp/many.jsonl"
for i in $(seq 1 150); do printf '{"id":"n%d","date":"2023-07-2%d","text":"Putin warned Poland on Friday. Lukashenko met Putin in Minsk."}\n' $i $((i % 9)); done >> "$tmp/many.jsonl"
j1=$("$dl" annotate --jobs 1 "$tmp/many.jsonl" | md5sum); j3=$("$dl" annotate --jobs 3 "$tmp/many.jsonl" | md5sum)
[ "$j1" = "$j3" ] && ok "annotate --jobs 3 gives the output of --jobs 1, in order" || no "parallel annotate differs"
[ "$a" = "$b" ] && ok "annotate output is reproducible" || no "reproducible output"
check "code runs on the seed" "$dl" code "$tmp/seed.jsonl"

# --- explain, help, version, exit codes
out=$("$dl" explain "Putin hosted Lukashenko in St. Petersburg on Sunday." --date 2023-07-23 2>&1)
echo "$out" | grep -q 'lemma=host' && echo "$out" | grep -q 'St.' && ok "explain prints tokens with lemmas" || no "explain" "$out"
"$dl" explain "No date." >/dev/null 2>&1; [ $? = 2 ] && ok "explain without a date is a usage error" || no "explain no date"
out=$("$dl" --version)
echo "$out" | grep -Eq '^dateline [0-9]+\.[0-9]+' && echo "$out" | grep -Eq '^output schema 1 .*SCHEMA.md' &&
    echo "$out" | grep -Eq '^store schema [0-9]+ \(SQLite\)' && ok "--version names the program, output and store versions" || no "--version" "$out"
for c in ingest annotate code search events quotes actors stats explain eval export serve timeline; do
    "$dl" $c --help | grep -q "usage: dateline $c" || { no "$c --help"; continue; }
done
ok "--help on every command"
"$dl" nosuchcommand >/dev/null 2>&1; [ $? = 2 ] && ok "unknown command exits 2" || no "unknown command exit"
"$dl" ingest >/dev/null 2>&1; [ $? = 2 ] && ok "ingest without input exits 2" || no "ingest no input"
"$dl" ingest --bogus x >/dev/null 2>&1; [ $? = 2 ] && ok "unknown option exits 2" || no "unknown option exit"
out=$("$dl" stats --format tsv)
echo "$out" | grep -Eq '^documents	1$' && ok "stats" || no "stats" "$out"
echo "$out" | grep -Eq '^store schema	[0-9]+$' && ok "stats: the store schema, named" || no "stats schema row" "$out"
"$dl" dict check "$tmp/no-such.dict.txt" > "$tmp/dc.out" 2>&1; rc=$?
[ $rc = 3 ] && grep -q 'no-such.dict.txt:1: error: cannot read' "$tmp/dc.out" && ! grep -q '0 error' "$tmp/dc.out" &&
    ok "dict check on a missing file fails (exit 3)" || no "dict check missing file: exit $rc" "$(cat "$tmp/dc.out")"

# --- serve: JSON API and page over the store, read-only, stops on SIGTERM
port=$((20000 + RANDOM % 20000))
"$bin" serve --port $port > "$tmp/serve.log" 2>&1 &
spid=$!
for _ in $(seq 50); do curl -s "localhost:$port/api/stats" >/dev/null 2>&1 && break; sleep 0.1; done
t_reset
out=$(curl -s "localhost:$port/api/search?q=Wagner")
echo "$out" | python3 -c 'import json,sys; r=json.load(sys.stdin); assert len(r) >= 4 and all(x["date"]=="2023-07-23" for x in r)' && ok "serve: /api/search" || no "serve search" "$out"
curl -s "localhost:$port/api/stats" | grep -q '"documents","count":"1"' && ok "serve: /api/stats" || no "serve stats"
curl -s "localhost:$port/" | grep -q '<title>dateline</title>' && ok "serve: the page" || no "serve page"
code=$(curl -s -o /dev/null -w '%{http_code}' -X POST "localhost:$port/api/stats")
[ "$code" = 405 ] && ok "serve: POST refused" || no "serve POST status $code"
code=$(curl -s -o /dev/null -w '%{http_code}' "localhost:$port/api/search?q=bad%22query")
[ "$code" = 400 ] && ok "serve: bad query is a 400" || no "serve bad query status $code"
kill -TERM $spid; wait $spid; rc=$?
[ $rc = 0 ] && ok "serve stops cleanly on SIGTERM" || no "serve exit $rc" "$(cat "$tmp/serve.log")"

# --- output that cannot be written is an error, not silent loss
"$dl" annotate "$tmp/seed.jsonl" > /dev/full 2>/dev/null; rc=$?
[ $rc = 3 ] && ok "annotate to a full disk exits 3" || no "annotate to /dev/full exit $rc"

echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
