/*
 * count-events.c — a program using the installed libdateline: codes the
 * text given as its argument (dated by the second argument) and prints
 * each event as "CAMEO SOURCE -> TARGET". Build it against an installed
 * dateline with pkg-config:
 *
 *     cc -o count-events examples/count-events.c $(pkg-config --cflags --libs dateline)
 *     ./count-events "Putin hosted Lukashenko in St. Petersburg." 2023-07-23
 */
#include <dateline.h>

#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: count-events TEXT YYYY-MM-DD\n");
        return 2;
    }
    dl_kb *kb;
    dl_doc *doc;
    dl_error err;
    if (dl_kb_open(NULL, &kb, &err) != DL_OK) {
        fprintf(stderr, "count-events: %s\n", err.msg);
        return 3;
    }
    dl_doc_input in = {.text = argv[1], .len = strlen(argv[1]), .date = argv[2]};
    if (dl_doc_new(&in, &doc, &err) != DL_OK || dl_annotate(kb, doc, &err) != DL_OK) {
        fprintf(stderr, "count-events: %s\n", err.msg);
        dl_kb_free(kb);
        return 1;
    }
    size_t n;
    const dl_event *ev = dl_doc_events(doc, &n);
    for (size_t i = 0; i < n; i++)
        printf("%s %s -> %s\n", ev[i].cameo, ev[i].source.code ? ev[i].source.code : "-",
               ev[i].has_target && ev[i].target.code ? ev[i].target.code : "-");
    printf("%zu event%s (libdateline %s)\n", n, n == 1 ? "" : "s", DL_VERSION);
    dl_doc_free(doc);
    dl_kb_free(kb);
    return 0;
}
