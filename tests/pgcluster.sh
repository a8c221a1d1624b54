# tests/pgcluster.sh — sourced: throwaway PostgreSQL clusters on
# 127.0.0.1 for the tests that need a server of their own (tests/pg.sh:
# many writers, a partitioned coordinator with a foreign shard).
#
#   pgc_bin             the newest /usr/lib/postgresql/*/bin (empty: none)
#   pgc_start NAME      initdb + start a cluster in a temporary folder on the
#                       first free port from 5440, a role and database
#                       "dateline"; sets PGC_URL_<NAME> and PGC_PORT_<NAME>
#   pgc_psql NAME SQL   runs SQL as the superuser in database dateline
#   pgc_stop_all        stops and removes every cluster started
#
# The server refuses to run as root, so as root the cluster belongs to
# the postgres user (runuser); otherwise to the caller.

pgc_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
pgc_dirs=()

pgc_as() { # runs a command as the cluster's owner
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pgc_start() {
    local name=$1 port=${PGC_FIRST_PORT:-5440} dir
    while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || [ -e "/tmp/.s.PGSQL.$port.lock" ]; do
        port=$((port + 1))
    done
    dir=$(mktemp -d /tmp/dateline-pgc.XXXXXX) || return 1
    pgc_dirs+=("$dir")
    [ "$(id -u)" = 0 ] && chown postgres: "$dir"
    pgc_as "$pgc_bin/initdb" -D "$dir/data" -U postgres -E UTF8 --locale=C.UTF-8 \
        --auth-local=trust --auth-host=scram-sha-256 >"$dir/initdb.log" 2>&1 ||
        { cat "$dir/initdb.log" >&2; return 1; }
    # small and fast: no fsync (the cluster is thrown away), few connections
    pgc_as "$pgc_bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -o \
        "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=40 -c shared_buffers=32MB" \
        start >/dev/null 2>&1 || { cat "$dir/server.log" >&2; return 1; }
    pgc_as psql -q -h "$dir" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 \
        -c "CREATE ROLE dateline LOGIN PASSWORD 'dateline'" \
        -c "CREATE DATABASE dateline OWNER dateline" >/dev/null || return 1
    printf -v "PGC_PORT_$name" '%s' "$port"
    printf -v "PGC_DIR_$name" '%s' "$dir"
    printf -v "PGC_URL_$name" '%s' "postgresql://dateline:dateline@127.0.0.1:$port/dateline"
}

pgc_psql() { # NAME SQL...: as the superuser, in database dateline, unaligned
    local name=$1 dir port
    shift
    dir=PGC_DIR_$name
    port=PGC_PORT_$name
    pgc_as psql -X -q -At -h "${!dir}" -p "${!port}" -U postgres -d dateline -v ON_ERROR_STOP=1 "$@"
}

pgc_stop_all() {
    local dir
    for dir in "${pgc_dirs[@]}"; do
        pgc_as "$pgc_bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1
        rm -rf "$dir"
    done
    pgc_dirs=()
}
