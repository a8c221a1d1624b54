# tests/lib.sh — sourced by the shell test suites (tests/cli.sh, ...):
# ok/no counting and command tracing, so that a failing test prints its
# own commands, their stderr and exit codes under its "not ok" line.
#
#   t_init DIR          start (DIR: a scratch folder of the suite)
#   traced CMD ARGS...  run CMD, recording "$ CMD ARGS", its stderr and its
#                       exit code for the current test (stderr still goes
#                       to the caller's stderr, after the command ends)
#   ok NAME / no NAME [DETAIL]   close the current test
#   t_wrap CMD...       make each CMD a traced function (curl, python3, ...)
#   t_show FILE         the lines of a suite's output a summary shows:
#                       "not ok" lines with the indented lines under them
#                       and the totals line

t_init() {
    _t_dir=$1
    _t_trace="$_t_dir/.trace"
    : > "$_t_trace"
    pass=0
    fail=0
}

traced() {
    local e="$_t_dir/.err.$BASHPID.$RANDOM" rc
    command "$@" 2>"$e"
    rc=$?
    {
        printf '$ %s\n' "$*"
        head -c 4000 "$e" | head -n 15 | sed 's/^/  /'
        echo "  (exit $rc)"
    } >> "$_t_trace"
    cat "$e" >&2
    rm -f "$e"
    return $rc
}

t_wrap() {
    local c
    for c in "$@"; do
        eval "$c() { traced $c \"\$@\"; }"
    done
}

ok() {
    pass=$((pass + 1))
    echo "ok - $1"
    : > "$_t_trace"
}

no() {
    fail=$((fail + 1))
    echo "not ok - $1"
    if [ -n "${2:-}" ]; then
        echo "$2" | head -n 20 | sed 's/^/    /'
    fi
    if [ -s "$_t_trace" ]; then
        tail -n 40 "$_t_trace" | sed 's/^/    /'
    fi
    : > "$_t_trace"
}

t_show() {
    awk '/^not ok/ {show = 1; print; next}
         show && /^    / {print; next}
         {show = 0}
         /^[a-z-]+: [0-9]+ passed, [0-9]+ failed/ {print}' "$1"
}

t_reset() { # forget the commands traced so far (a polling loop's tries)
    : > "$_t_trace"
}
