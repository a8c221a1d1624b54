#!/usr/bin/env python3
"""tests/scale.py BUILD - one long document costs in proportion to its
length: the work of annotating the same text once and repeated 8 times
as one document, counted in instructions (valgrind's callgrind, counting
inside dl_annotate* only, so loading the knowledge base and writing JSON
are left out), must grow at most 20% faster than the length (ratio <= 9.6).
A stage that scans a whole layer for every token, cue or event (the quote
speaker search did) makes the ratio grow with the document.

The text is PolNeAR news (../shared, read at run time), 48 KB of it.
Instruction counts are deterministic for a given build, unlike seconds.
Under a sanitizer build (valgrind cannot run those) the test says so and
passes. Ends with "scale: N passed, N failed"."""
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile

build = sys.argv[1] if len(sys.argv) > 1 else "build"
dl = os.path.join(build, "dateline")
shared = os.environ.get("DL_SHARED", "../shared")
KB = int(os.environ.get("DL_SCALE_KB", "48"))
LIMIT = 8 * 1.2


def instructions(path):
    out = tempfile.NamedTemporaryFile(delete=False)
    out.close()
    try:
        p = subprocess.run(
            ["valgrind", "--tool=callgrind", "--callgrind-out-file=" + out.name,
             "--collect-atstart=no", "--toggle-collect=dl_annotate*",
             dl, "annotate", "--date", "2016-09-12", "--jobs", "1", path],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=600)
        m = re.search(rb"Collected : (\d+)", p.stderr)
        if p.returncode != 0 or m is None:
            raise RuntimeError(p.stderr.decode(errors="replace")[-2000:])
        lines = p.stdout.count(b"\n")
        return int(m.group(1)), lines
    finally:
        os.unlink(out.name)


def main():
    with open(dl, "rb") as f:
        binary = f.read()
    if b"__asan_init" in binary or b"__ubsan_handle" in binary or b"__tsan_init" in binary:
        print("ok - scale: skipped, a sanitizer build (valgrind cannot count it)")
        print("scale: 1 passed, 0 failed")
        return 0
    if shutil.which("valgrind") is None:
        print("not ok - scale: valgrind is not installed (scripts/setup installs it)")
        print("scale: 0 passed, 1 failed")
        return 1
    texts = sorted(glob.glob(os.path.join(shared, "eval/quotes/polnear/dev/text/*.txt")))
    one = b""
    for t in texts:
        with open(t, "rb") as f:
            one += f.read().strip() + b"\n\n"
        if len(one) >= KB * 1024:
            break
    tmp = tempfile.mkdtemp()
    try:
        p1 = os.path.join(tmp, "x1.txt")
        p8 = os.path.join(tmp, "x8.txt")
        with open(p1, "wb") as f:
            f.write(one)
        with open(p8, "wb") as f:
            f.write(one * 8)
        i1, n1 = instructions(p1)
        i8, n8 = instructions(p8)
    finally:
        shutil.rmtree(tmp)
    ratio = i8 / i1
    name = ("scale: 8x the document costs %.2fx the instructions (%.1fM for %d KB, %.1fM for 8x)"
            % (ratio, i1 / 1e6, len(one) // 1024, i8 / 1e6))
    if n1 == 1 and n8 == 1 and ratio <= LIMIT:
        print("ok - " + name)
        print("scale: 1 passed, 0 failed")
        return 0
    print("not ok - " + name)
    print("    limit %.1fx; output lines %d and %d (one document each)" % (LIMIT, n1, n8))
    print("scale: 0 passed, 1 failed")
    return 1


if __name__ == "__main__":
    sys.exit(main())
