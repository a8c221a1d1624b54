#!/usr/bin/env bash
# tests/deps.sh — every external command the build, the tests, the
# benchmarks and the scripts run (audited from Makefile, mk/*.mk,
# tests/*.sh, tests/*.c system() calls, bench/, fuzz/, scripts/), with the
# Debian package that provides it. Fails naming each command that is not on
# the machine, and each package scripts/setup does not install (packages
# of Debian's essential set are on every system and need not be listed).
# Ends with "deps: N passed, N failed".
set -u
cd "$(dirname "$0")/.."
pass=0
fail=0
essential=" coreutils libc-bin bash grep sed mawk findutils util-linux bsdutils diffutils gzip "
# command package
while read -r cmd pkg; do
    [ -z "$cmd" ] || [ "${cmd#\#}" != "$cmd" ] && continue
    if ! command -v "$cmd" >/dev/null 2>&1; then
        fail=$((fail + 1))
        echo "not ok - command '$cmd' is not on this machine (Debian package $pkg; run scripts/setup)"
    elif [ "${essential/ $pkg /}" = "$essential" ] && ! grep -Eq "(^|[ (])$pkg( |\)|$)" scripts/setup; then
        fail=$((fail + 1))
        echo "not ok - command '$cmd': package $pkg is not in scripts/setup"
    else
        pass=$((pass + 1))
    fi
done <<'LIST'
cc build-essential
make build-essential
ar build-essential
objdump build-essential
ldd libc-bin
install coreutils
pkg-config pkg-config
clang clang
sqlite3 sqlite3
curl curl
python3 python3
node nodejs
npm npm
valgrind valgrind
chromium chromium
md5sum coreutils
mktemp coreutils
seq coreutils
stat coreutils
nproc coreutils
timeout coreutils
sort coreutils
cmp diffutils
awk mawk
sed sed
grep grep
script bsdutils
LIST
echo "deps: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
