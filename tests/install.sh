#!/usr/bin/env bash
# tests/install.sh BUILD — the library installs like a C library: `make
# install` into a temporary prefix, the installed program run from there
# on examples/ with the build tree out of its reach (no DATELINE_DATA, a
# working folder elsewhere), the man page and completion present, the
# example program built against the installed library with pkg-config and
# run, then `make uninstall` leaves the prefix empty. Ends with
# "install: N passed, N failed".
set -u
build=${1:-build}
cd "$(dirname "$0")/.."
src=$PWD
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
source tests/lib.sh
t_init "$tmp"
t_wrap make pkg-config cc
prefix="$tmp/prefix"
unset DATELINE_DATA DATELINE_DB

make --no-print-directory -s BUILD="$build" install PREFIX="$prefix" >/dev/null 2>&1 &&
    ok "make install PREFIX=..." || no "make install"
for f in bin/dateline lib/libdateline.a lib/libdateline.so lib/pkgconfig/dateline.pc \
         include/dateline.h share/man/man1/dateline.1 share/bash-completion/completions/dateline \
         share/dateline/lemma.bin; do
    [ -e "$prefix/$f" ] || { no "installed: $f missing" "$(cd "$prefix" && find . | head -40)"; continue; }
done
so=$(readlink -f "$prefix/lib/libdateline.so")
soname=$(objdump -p "$so" 2>/dev/null | awk '/SONAME/ {print $2}')
[ -n "$soname" ] && [ -e "$prefix/lib/$soname" ] && [ "${so##*/}" != libdateline.so ] &&
    ok "versioned shared library ($soname -> ${so##*/})" || no "shared library: $so soname '$soname'"

# the installed program, from a folder outside the tree
mkdir -p "$tmp/run"
cp "$src"/examples/*.txt "$src"/examples/*.jsonl "$tmp/run/"
(cd "$tmp/run" && traced "$prefix/bin/dateline" ingest --db "$tmp/run/x.db" . >/dev/null) &&
    n=$(cd "$tmp/run" && "$prefix/bin/dateline" events --db x.db --format tsv | tail -n +2 | wc -l) &&
    [ "$n" -ge 1 ] && ok "installed dateline ingests examples/ ($n events) with its own knowledge" ||
    no "installed dateline on examples/"
mv "$prefix/share/dateline" "$prefix/share/dateline.away"
(cd "$tmp/run" && "$prefix/bin/dateline" ingest --db "$tmp/run/y.db" . >/dev/null 2>"$tmp/away.err"); rc=$?
mv "$prefix/share/dateline.away" "$prefix/share/dateline"
[ $rc = 3 ] && grep -q "$prefix/share/dateline" "$tmp/away.err" &&
    ok "without PREFIX/share/dateline it fails naming it (the build tree is not used)" ||
    no "knowledge moved away: exit $rc" "$(cat "$tmp/away.err")"
man -l "$prefix/share/man/man1/dateline.1" 2>/dev/null | grep -q 'dateline events' ||
    grep -q '^\.SS dateline events' "$prefix/share/man/man1/dateline.1" &&
    grep -q -- '--dyad' "$prefix/share/man/man1/dateline.1" && ok "man page from the commands' help" || no "man page"
out=$(bash -c "source '$prefix/share/bash-completion/completions/dateline'; COMP_WORDS=(dateline tim); COMP_CWORD=1; _dateline; echo \${COMPREPLY[*]}; COMP_WORDS=(dateline events --dy); COMP_CWORD=2; _dateline; echo \${COMPREPLY[*]}")
[ "$out" = "$(printf 'timeline\n--dyad')" ] && ok "bash completion of commands and options" || no "completion" "$out"

# a program built against the installed library with pkg-config
export PKG_CONFIG_PATH="$prefix/lib/pkgconfig"
flags=$(pkg-config --cflags --libs dateline)
cc -o "$tmp/count-events" "$src/examples/count-events.c" $flags >/dev/null &&
    ok "examples/count-events.c builds with pkg-config --cflags --libs dateline" || no "example build ($flags)"
out=$(cd "$tmp" && LD_LIBRARY_PATH="$prefix/lib" traced "$tmp/count-events" "Putin hosted Lukashenko in St. Petersburg on Sunday." 2023-07-23)
echo "$out" | grep -q '^043 RUSGOV -> BLRGOV$' && LD_LIBRARY_PATH="$prefix/lib" ldd "$tmp/count-events" | grep -q "$prefix/lib/libdateline.so" &&
    ok "the example runs on the installed shared library" || no "example run" "$out"
cc -o "$tmp/count-static" "$src/examples/count-events.c" -I"$prefix/include" "$prefix/lib/libdateline.a" \
    $(pkg-config --libs sqlite3 libutf8proc jansson zlib libpq) -lm -lpthread >/dev/null &&
    "$tmp/count-static" "Putin hosted Lukashenko in St. Petersburg on Sunday." 2023-07-23 | grep -q '^043 ' &&
    ok "and on the static library" || no "static example"

make --no-print-directory -s BUILD="$build" uninstall PREFIX="$prefix" >/dev/null 2>&1
left=$(find "$prefix" -type f -o -type l)
[ -z "$left" ] && ok "make uninstall removes every file" || no "left after uninstall" "$left"
echo "install: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
