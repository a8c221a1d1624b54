/*
 * fuzz.h — what the libFuzzer targets in fuzz/ share with their replay in
 * tests/test_fuzz_regress.c. Each target defines a static
 * fuzz_<name>_one(data, size) and, unless DL_FUZZ_REPLAY is defined (the
 * unit test includes the target's .c to call the very same function),
 * LLVMFuzzerTestOneInput. FUZZ_ASSERT states an invariant of the library:
 * under libFuzzer a broken one aborts (a crash with a reproducer), in the
 * unit test it is a failed check.
 */
#ifndef DL_FUZZ_H
#define DL_FUZZ_H

#include "dateline.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef DL_FUZZ_REPLAY
#include "test.h"
#define FUZZ_ASSERT(c)                                                   \
    do {                                                                 \
        if (!(c))                                                        \
            dl_test_fail(__FILE__, __LINE__, "invariant %s", #c);       \
    } while (0)
#else
#define FUZZ_ASSERT(c)                                                   \
    do {                                                                 \
        if (!(c)) {                                                      \
            fprintf(stderr, "%s:%d: invariant broken: %s\n", __FILE__,   \
                    __LINE__, #c);                                       \
            abort();                                                     \
        }                                                                \
    } while (0)
#endif

/* A copy of the input in a buffer of exactly its size, so that AddressSanitizer
 * catches a read one byte past the end (libFuzzer's buffer is exact too,
 * the replay's is not). Caller frees. */
static inline char *fuzz_copy(const uint8_t *data, size_t size)
{
    char *p = malloc(size ? size : 1);
    if (p != NULL && size)
        memcpy(p, data, size);
    return p;
}

#endif
