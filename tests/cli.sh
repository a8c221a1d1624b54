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
"$dl" export --format plover | python3 -c 'import json,sys; r=[json.loads(l) for l in sys.stdin]; assert r and all(x["date"] and isinstance(x["actor"], list) for x in r)' && ok "export plover: JSON lines" || no "export plover"
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

# --- tables for people: on a terminal (script(1) gives one) or --format
# table, aligned columns sized to the width, a header, numbers right-aligned
script -qec "stty cols 70 2>/dev/null; $bin events --limit 5" /dev/null > "$tmp/tty.out" 2>&1
python3 - "$tmp/tty.out" 70 <<'PY' && ok "events on a terminal: a table fitted to 70 columns" || no "tty table" "$(cat "$tmp/tty.out")"
import sys
lines = [l.rstrip("\r") for l in open(sys.argv[1], encoding="utf-8").read().split("\n") if l.strip()]
lines = [l for l in lines if not l.startswith("(")]
assert lines[0].split()[0] == "date" and "source" in lines[0], lines[0]
assert set(lines[1].replace(" ", "")) == {"-"}, lines[1]
assert len(lines) == 7, len(lines)
assert all(len(l) <= int(sys.argv[2]) for l in lines), max(map(len, lines))
assert "\t" not in "".join(lines)
PY
COLUMNS=64 "$dl" events --format table > "$tmp/t.out" 2>"$tmp/t.err"
python3 - "$tmp/t.out" <<'PY' && ok "--format table: cut with an ellipsis to \$COLUMNS, numbers right-aligned" || no "table format" "$(cat "$tmp/t.out" "$tmp/t.err")"
import sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
assert all(len(l) <= 64 for l in lines), max(map(len, lines))
assert any("\u2026" in l for l in lines[2:])
import re
spans = [m.span() for m in re.finditer(r"-+", lines[1])]          # the columns
col = [i for i, (a, b) in enumerate(spans) if lines[0][a:b].startswith("golds")][0]
a, b = spans[col]
vals = [l[a:b] for l in lines[2:]]
assert all(v[-1].isdigit() and v.strip().lstrip("-").replace(".", "").isdigit() for v in vals), vals
PY
grep -q 'left out' "$tmp/t.err" && ok "a table that leaves columns out says so" || no "left-out note" "$(cat "$tmp/t.err")"
COLUMNS=64 "$dl" events --format table --wide | grep -q 'Putin, in response, warned Poland' && ok "--wide keeps text whole" || no "--wide"
"$dl" stats | head -n 1 | grep -q "^what	count$" && ok "stats not on a terminal: TSV" || no "stats default TSV" "$("$dl" stats | head -n 3)"
"$dl" stats --format table | sed -n 3p | grep -Eq '^documents +1$' && ok "stats --format table: one row per count" || no "stats table" "$("$dl" stats --format table)"
for c in "events" "stats" "search Wagner" "quotes" "actors" "timeline"; do
    "$dl" $c --format xml >/dev/null 2>"$tmp/f.err"; rc=$?
    [ $rc = 2 ] && grep -q -- "--format is one of table, tsv, csv, jsonl" "$tmp/f.err" || { no "$c --format xml: exit $rc" "$(cat "$tmp/f.err")"; continue; }
done
"$dl" ingest --format jsonl "$seed" >/dev/null 2>&1; rc1=$?
"$dl" annotate --format tsv "$tmp/none.jsonl" >/dev/null 2>&1; rc2=$?
[ $rc1 = 2 ] && [ $rc2 = 2 ] && ok "--format refused where it has no meaning, unknown names everywhere" || no "--format refused: ingest $rc1 annotate $rc2"

# --- arguments validated in one place: exit 2 naming the option
while IFS='|' read -r args want; do
    "$dl" events $args >/dev/null 2>"$tmp/a.err"; rc=$?
    [ $rc = 2 ] && grep -q -- "$want" "$tmp/a.err" && ok "events $args: exit 2, '$want'" || no "events $args: exit $rc" "$(cat "$tmp/a.err")"
done <<'ARGS'
--from notadate|--from wants a date YYYY-MM-DD
--from 2016-13-45|--from wants a date
--from 2015-02-29|--from wants a date
--from 20160101|--from wants a date YYYY-MM-DD
--to 2016-1-5|--to wants a date
--from 2023-07-22 --to 2023-07-21|is after --to
--limit abc|--limit wants a whole number
--limit 0|--limit wants a whole number
--limit 10x|--limit wants a whole number
--quad x|--quad wants a QuadClass 1-4
--quad 5|--quad wants a QuadClass 1-4
--dyad RUS|--dyad wants two actor codes
--dyad RUS:|--dyad wants two actor codes
--plover CONSULTS|--plover is one of AGREE, CONSULT
--cameo 04x|--cameo wants a CAMEO code
--near 91,0|--near wants LAT,LON
--near 59.9|--near wants LAT,LON
--km 5|--km needs --near
--near 59.9,30.3 --km -1|--km wants a number
--bbox 1,2,3|--bbox wants S,W,N,E
--bbox 55,14,49,24|--bbox wants S,W,N,E
ARGS
"$dl" annotate --date 2023-02-30 - </dev/null >/dev/null 2>"$tmp/a.err"; rc=$?
[ $rc = 2 ] && grep -q -- "--date wants a date" "$tmp/a.err" && ok "--date is calendar-checked" || no "--date 2023-02-30: exit $rc" "$(cat "$tmp/a.err")"
"$dl" ingest --batch 10x "$seed" >/dev/null 2>&1; rc1=$?; "$dl" ingest --jobs two "$seed" >/dev/null 2>&1; rc2=$?
"$dl" ingest --max-doc-bytes 5q "$seed" >/dev/null 2>&1; rc3=$?
[ $rc1 = 2 ] && [ $rc2 = 2 ] && [ $rc3 = 2 ] && ok "ingest numbers checked (--batch, --jobs, --max-doc-bytes)" || no "ingest numbers: $rc1 $rc2 $rc3"
"$dl" events --plover consult --from 2023-02-28 --to 2024-02-29 --format tsv | grep -q CONSULT && ok "valid filters accepted (plover in any case, leap day)" || no "valid filters"
out=$("$dl" events --from 2023-07-21 --format tsv | tail -n +2 | cut -f1 | sort -u)
[ -n "$out" ] && ! echo "$out" | grep -qv '^2023-07-2[1-9]$' && ok "--from compares dates" || no "--from 2023-07-21 gave" "$out"

# --- read commands refuse a database that does not exist; only ingest creates
for c in "events" "stats" "search Wagner" "quotes" "actors" "timeline" "export --format csv" "serve --port 1"; do
    "$dl" $c --db "$tmp/typo.db" >/dev/null 2>"$tmp/d.err"; rc=$?
    if [ $rc = 3 ] && grep -q 'no such database; `dateline ingest` creates one' "$tmp/d.err" && [ ! -e "$tmp/typo.db" ]; then
        ok "$c on a missing database: exit 3, nothing created"
    else
        no "$c --db typo.db: exit $rc" "$(cat "$tmp/d.err"; ls "$tmp/typo.db" 2>&1)"
    fi
done

# --- ingest you can script: a summary line on stderr always, --quiet, --progress
err=$("$dl" ingest --db "$tmp/s.db" "$seed" 2>&1 >/dev/null)
echo "$err" | grep -Eq '^ingest: 1 document stored, 0 already present, 0 rejected; [0-9]+ sentences, [0-9]+ events; [0-9.]+ s; ' &&
    ok "ingest off a terminal prints its summary" || no "ingest summary" "$err"
err=$("$dl" ingest --db "$tmp/s.db" "$seed" 2>&1 >/dev/null)
echo "$err" | grep -q '^ingest: 0 documents stored, 1 already present, 0 rejected' && ok "summary counts documents already present" || no "summary, second run" "$err"
err=$("$dl" ingest --quiet --db "$tmp/s.db" "$seed" 2>&1)
[ -z "$err" ] && ok "ingest --quiet prints nothing" || no "--quiet" "$err"
err=$("$dl" ingest --progress --db "$tmp/s2.db" "$seed" 2>&1 >/dev/null)
echo "$err" | grep -q '100% of 0.0 MB, 1 documents' && ok "ingest --progress forces the progress line (percent of bytes)" || no "--progress" "$err"

# --- SIGINT/SIGTERM during ingest: what was read is stored, exit 130/143,
# the store is sound, and a second run completes without duplicates. One
# transaction for the whole run, so before this was handled a signal lost
# everything read.
python3 -c '
import json, sys
for i in range(400000):
    print(json.dumps({"id": "s%d" % i, "date": "2024-05-01", "text": "Russia and Ukraine exchanged prisoners on Monday. Turkey praised deal %d." % i}))
' > "$tmp/big.jsonl"
for sig in INT TERM; do
    rm -f "$tmp/int.db"*
    # $bin itself, so that the signal reaches it (a background job of this
    # script starts with SIGINT ignored; dateline installs its own handler)
    "$bin" ingest --progress --batch 10000000 --db "$tmp/int.db" "$tmp/big.jsonl" 2>"$tmp/int.err" &
    pid=$!
    # signal once documents are coded (the progress line counts them;
    # a sanitizer build starts slowly)
    for _ in $(seq 300); do
        grep -Eq ' [1-9][0-9]* documents' "$tmp/int.err" 2>/dev/null && break
        sleep 0.1
    done
    kill -s $sig $pid
    wait $pid; rc=$?
    want=$([ $sig = INT ] && echo 130 || echo 143)
    said=$(tr '\r' '\n' < "$tmp/int.err" | sed -n 's/^ingest: interrupted by SIG[A-Z]*: \([0-9]*\) documents\{0,1\} stored$/\1/p')
    n=$(sqlite3 "$tmp/int.db" "SELECT count(*) FROM documents" 2>&1)
    ic=$(sqlite3 "$tmp/int.db" "PRAGMA integrity_check" 2>&1)
    if [ "$rc" = "$want" ] && [ -n "$said" ] && [ "$said" = "$n" ] && [ "$n" -gt 0 ] && [ "$ic" = ok ]; then
        ok "SIG$sig during ingest: exit $rc, the $n documents read are stored, integrity ok"
    else
        no "SIG$sig during ingest: exit $rc (want $want), said '$said', stored '$n', integrity '$ic'" "$(cat "$tmp/int.err")"
    fi
done
head -n $((n + 2000)) "$tmp/big.jsonl" > "$tmp/part.jsonl"
"$dl" ingest --quiet --db "$tmp/int.db" "$tmp/part.jsonl"; rc=$?
m=$(sqlite3 "$tmp/int.db" "SELECT count(*) || ' ' || count(DISTINCT id) FROM documents")
[ $rc = 0 ] && [ "$m" = "$((n + 2000)) $((n + 2000))" ] && ok "an interrupted ingest resumes: $m, none twice" || no "resume after a signal: exit $rc, '$m'"
rm -f "$tmp/big.jsonl" "$tmp/part.jsonl"

# --- dates and metadata from where corpora keep them (PolNeAR dev)
polnear="$shared/eval/quotes/polnear"
"$dl" ingest --db "$tmp/pn.db" "$polnear/dev/text" >/dev/null 2>"$tmp/pn.err"; rc=$?
n=$(grep -c 'no document date' "$tmp/pn.err")
[ $rc = 1 ] && [ "$n" -ge 80 ] && ok "PolNeAR texts without a date option: $n rejected, undated" || no "polnear undated: exit $rc, $n" "$(tail -n 3 "$tmp/pn.err")"
"$dl" ingest --date-from-name --db "$tmp/pn1.db" "$polnear/dev/text" >/dev/null 2>"$tmp/pn.err"; rc=$?
bad=$(sqlite3 "$tmp/pn1.db" "SELECT count(*) FROM documents WHERE date NOT BETWEEN '2016-01-01' AND '2016-12-31'")
all=$(sqlite3 "$tmp/pn1.db" "SELECT count(*) FROM documents")
[ $rc = 0 ] && [ "$all" = "$n" ] && [ "$bad" = 0 ] && ok "ingest --date-from-name: $all PolNeAR dev articles dated by their file names" || no "--date-from-name: exit $rc, $all stored, $bad off" "$(tail -n 3 "$tmp/pn.err")"
"$dl" ingest --metadata "$polnear/metadata.tsv" --db "$tmp/pn2.db" "$polnear/dev/text" >/dev/null 2>"$tmp/pn.err"; rc=$?
python3 - "$tmp/pn2.db" "$tmp/pn1.db" "$polnear/metadata.tsv" <<'PY' && [ $rc = 0 ] && ok "ingest --metadata metadata.tsv: dates, titles and publishers from the table" || no "--metadata: exit $rc" "$(tail -n 3 "$tmp/pn.err")"
import csv, sqlite3, sys
meta = {r["filename"]: r for r in csv.DictReader(open(sys.argv[3], encoding="utf-8"), delimiter="\t")}
rows = sqlite3.connect(sys.argv[1]).execute("SELECT date, title, source FROM documents").fetchall()
byname = sqlite3.connect(sys.argv[2]).execute("SELECT date FROM documents ORDER BY date").fetchall()
assert len(rows) >= 80
titles = {m["title"]: m for m in meta.values()}
for date, title, source in rows:
    m = titles[title]
    assert (date, source) == (m["publication_date"], m["publisher"]), (date, source, m)
assert sorted(d for d, _, _ in rows) == [d for (d,) in byname]
PY
printf 'file,date\nx.txt,2020-01-01\n' > "$tmp/m.csv"
printf 'A text.' > "$tmp/x.txt"
"$dl" annotate --input-format text --metadata "$tmp/m.csv" "$tmp/x.txt" | grep -q '"date":"2020-01-01"' && ok "--metadata CSV for annotate too" || no "annotate --metadata"
"$dl" ingest --metadata "$tmp/nope.tsv" --db "$tmp/pn3.db" "$tmp/x.txt" >/dev/null 2>"$tmp/pn.err"; rc=$?
[ $rc != 0 ] && grep -q 'nope.tsv:1: error: cannot open the metadata table' "$tmp/pn.err" && ok "a missing metadata table is an error naming it" || no "missing --metadata: exit $rc" "$(cat "$tmp/pn.err")"

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
"$dl" annotate --date 2020-01-01 "$tmp/seed.jsonl" | grep -q '"date":"2023-07-23"' && ok "document date wins over --date" || no "doc date precedence"
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
for c in ingest annotate code search events quotes actors stats explain eval export serve timeline dict; do
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
echo "$out" | python3 -c 'import json,sys; r=json.load(sys.stdin); assert r["total"] >= 4 and len(r["rows"]) == r["total"] and all(x["date"]=="2023-07-23" for x in r["rows"])' && ok "serve: /api/search" || no "serve search" "$out"
curl -s "localhost:$port/api/stats" | grep -q '"documents":1,' && ok "serve: /api/stats" || no "serve stats"
curl -s "localhost:$port/" | grep -q '<title>dateline</title>' && ok "serve: the page" || no "serve page"
code=$(curl -s -o /dev/null -w '%{http_code}' -X POST "localhost:$port/api/stats")
[ "$code" = 405 ] && ok "serve: POST refused" || no "serve POST status $code"
code=$(curl -s -o /dev/null -w '%{http_code}' "localhost:$port/api/search?fts=1&q=bad%22query")
[ "$code" = 400 ] && ok "serve: bad query is a 400" || no "serve bad query status $code"
out=$(curl -s -w ' %{http_code}' "localhost:$port/api/events?from=20160101")
echo "$out" | grep -q 'from= wants a date YYYY-MM-DD.* 400$' && ok "serve: parameters checked as the CLI checks them (400)" || no "serve from=20160101" "$out"
out=$(curl -s -w ' %{http_code}' "localhost:$port/api/events?quad=9")
echo "$out" | grep -q 'quad= wants a QuadClass.* 400$' && ok "serve: quad=9 is a 400" || no "serve quad=9" "$out"
kill -TERM $spid; wait $spid; rc=$?
[ $rc = 0 ] && ok "serve stops cleanly on SIGTERM" || no "serve exit $rc" "$(cat "$tmp/serve.log")"

# --- output that cannot be written is an error, not silent loss
"$dl" annotate "$tmp/seed.jsonl" > /dev/full 2>/dev/null; rc=$?
[ $rc = 3 ] && ok "annotate to a full disk exits 3" || no "annotate to /dev/full exit $rc"

echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
