/*
 * query.c — what the backends share about a query's text: the plain-words
 * form of a full-text query (punctuation is no syntax: "U.S.", "Putin's",
 * "Clinton-Trump" are words). The filters themselves are checked before
 * they reach the library, by the CLI's and the API's one parser
 * (cli/args.c).
 */
#include "store/store.h"

#include <ctype.h>

void dl__fts_plain(const char *text, dl__buf *out)
{
    /* every run of non-space characters becomes one quoted FTS5 string
     * (a phrase of its tokens): U.S. -> "U.S.", Putin's -> "Putin's" */
    const char *p = text;
    bool any = false;
    while (*p) {
        while (*p && isspace((unsigned char)*p))
            p++;
        if (!*p)
            break;
        bool word = false;
        const char *s = p;
        while (*p && !isspace((unsigned char)*p)) {
            word |= isalnum((unsigned char)*p) || (unsigned char)*p >= 0x80;
            p++;
        }
        if (!word)
            continue; /* punctuation alone matches nothing */
        if (any)
            dl__buf_putc(out, ' ');
        dl__buf_putc(out, '"');
        for (; s < p; s++) {
            if (*s == '"')
                dl__buf_putc(out, '"');
            dl__buf_putc(out, *s);
        }
        dl__buf_putc(out, '"');
        any = true;
    }
    if (!any)
        dl__buf_puts(out, "\"\"");
}
