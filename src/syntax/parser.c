/*
 * parser.c — dependency parsing at run time: greedy arc-hybrid moves
 * (transition.c), each the best-scoring legal one under the averaged
 * perceptron. Linear in the sentence: 2n moves, each ~57 feature probes.
 * Written by hand rather than through a parsing library because the point
 * is thousands of sentences a second inside one binary, with the model
 * mapped as it is; the transition system and features are shared with
 * the trainer, so what is trained is what runs.
 */
#include "syntax/model.h"
#include "syntax/transition.h"

void dl__syn_parse(const dl__syn_model *m, const dl__syn_atoms *atoms,
                   const int *tags, int n, void *mem, int *heads, int *labels)
{
    dl__syn_config c;
    dl__syn_config_init(&c, mem, n, atoms, tags);
    int nmoves = dl__syn_nmoves(m->nlabels);
    int32_t scores[1024] __attribute__((aligned(32)));
    uint64_t feats[DL__SYN_PARSE_NFEAT];
    if (nmoves > 1024)
        nmoves = 1024;
    while (!dl__syn_done(&c)) {
        unsigned legal = dl__syn_legal(&c);
        int move;
        if (legal == 1) {
            move = DL__SYN_SHIFT;
        } else {
            int k = dl__syn_parse_features(&c, feats);
            memset(scores, 0, sizeof(int32_t) * m->parser.stride);
            dl__syn_table_score(&m->parser, feats, k, scores);
            move = -1;
            for (int a = 0; a < nmoves; a++) {
                if (!(legal & (1u << dl__syn_move_kind(a))))
                    continue;
                if (move < 0 || scores[a] > scores[move])
                    move = a;
            }
            /* the root takes only the root label */
            if (c.sp == 2 && c.b > c.n)
                move = dl__syn_right(m->root_label);
        }
        dl__syn_apply(&c, move);
    }
    for (int i = 1; i <= n; i++) {
        heads[i] = c.head[i] < 0 ? 0 : c.head[i];
        labels[i] = c.label[i];
    }
}
