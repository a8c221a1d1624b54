#!/usr/bin/env bash
# bench/store.sh BUILD INPUT — the store rows of `make bench`: `dateline
# annotate` against `dateline ingest` into SQLite (CPU seconds per MiB of
# input, one job), the SQLite file's bytes per input byte, and, when
# PostgreSQL is installed, ingest into a throwaway cluster on 127.0.0.1
# (tests/pgcluster.sh) with one writer and with four writers on four
# quarters of the input at once: the client's and the server's CPU
# seconds (the server's read from the postmaster's reaped children).
# Reported, never judged.
set -uo pipefail
B=${1:-build}
IN=$2
dl="$B/dateline"
here=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
source "$here/tests/pgcluster.sh"
trap 'pgc_stop_all; rm -rf "$tmp"' EXIT

mib=$(awk -v b="$(stat -c %s "$IN")" 'BEGIN { printf "%.2f", b / 1048576 }')
cpu() { # CMD...: runs it, prints its user+sys CPU seconds
    /usr/bin/time -f '%U %S' -o "$tmp/t" "$@" >/dev/null 2>"$tmp/err" || { cat "$tmp/err" >&2; }
    awk '{ printf "%.2f", $1 + $2 }' "$tmp/t"
}
echo
echo "store: $IN ($mib MiB), one job; CPU s per MiB of input; SQLite bytes per input byte"
printf '%-22s %8s %9s %10s\n' "row" "CPU s" "s/MiB" "vs annot."
a=$(cpu "$dl" annotate --jobs 1 "$IN")
printf '%-22s %8s %9s %10s\n' "annotate" "$a" "$(awk -v c="$a" -v m="$mib" 'BEGIN { printf "%.3f", c / m }')" "1.00"
s=$(cpu "$dl" ingest --quiet --jobs 1 --db "$tmp/s.db" "$IN")
printf '%-22s %8s %9s %10s\n' "ingest sqlite" "$s" "$(awk -v c="$s" -v m="$mib" 'BEGIN { printf "%.3f", c / m }')" \
    "$(awk -v c="$s" -v a="$a" 'BEGIN { printf "%.2f", c / a }')"
echo "sqlite file: $(stat -c %s "$tmp/s.db") bytes, $(awk -v d="$(stat -c %s "$tmp/s.db")" -v i="$(stat -c %s "$IN")" 'BEGIN { printf "%.2f", d / i }') x the input"

if [ -z "$pgc_bin" ] || ! pgc_start bench 2>"$tmp/pg.err"; then
    echo "postgresql: not installed or not started, rows left out"
    exit 0
fi
postmaster_cpu() { # CPU seconds of the server's finished backends
    awk '{ printf "%.2f", ($16 + $17) / 100 }' "/proc/$(head -n 1 "$PGC_DIR_bench/data/postmaster.pid")/stat"
}
pg_row() { # NAME SCHEMA FILE...: ingest each file at once into SCHEMA
    local name=$1 schema=$2 f pids=() c0 s0 t0 t1
    shift 2
    pgc_psql bench -c "CREATE SCHEMA $schema AUTHORIZATION dateline" >/dev/null
    s0=$(postmaster_cpu)
    t0=$(date +%s.%N)
    local i=0
    for f in "$@"; do
        /usr/bin/time -f '%U %S' -o "$tmp/pt$i" "$dl" ingest --quiet --jobs 1 \
            --db "$PGC_URL_bench?options=-csearch_path%3D$schema" "$f" &
        pids+=($!)
        i=$((i + 1))
    done
    wait "${pids[@]}"
    t1=$(date +%s.%N)
    c0=$(cat "$tmp"/pt* | awk '{ s += $1 + $2 } END { printf "%.2f", s }')
    rm -f "$tmp"/pt*
    local srv
    srv=$(awk -v a="$(postmaster_cpu)" -v b="$s0" 'BEGIN { printf "%.2f", a - b }')
    printf '%-22s %8s %9s %10s %8s %8s\n' "$name" "$c0" "$srv" \
        "$(awk -v c="$c0" -v s="$srv" -v m="$mib" 'BEGIN { printf "%.3f", (c + s) / m }')" \
        "$(awk -v a="$t1" -v b="$t0" 'BEGIN { printf "%.1f", a - b }')" \
        "$(pgc_psql bench -c "SELECT count(*) FROM $schema.documents")"
}
split -n l/4 -d "$IN" "$tmp/q"
echo "postgresql ($("$pgc_bin/postgres" --version | awk '{ print $3 }'), loopback, fsync off): client and server CPU s"
printf '%-22s %8s %9s %10s %8s %8s\n' "row" "client" "server" "s/MiB" "wall s" "docs"
pg_row "ingest pg, 1 writer" one "$IN"
pg_row "ingest pg, 4 writers" four "$tmp"/q0*
