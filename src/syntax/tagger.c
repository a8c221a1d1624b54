/*
 * tagger.c — part-of-speech tagging at run time: greedy, left to right,
 * an averaged perceptron over the features of features.c. Frequent words
 * whose tag never varied in training take it from the tag dictionary
 * without scoring. Written by hand: it is one hash probe per feature and
 * an arg-max, the second-hottest loop of the pipeline.
 */
#include "syntax/model.h"
#include "syntax/features.h"

void dl__syn_tag(const dl__syn_model *m, const dl__syn_atoms *atoms, int n,
                 int *tags)
{
    int32_t scores[1024] __attribute__((aligned(32)));
    uint64_t feats[DL__SYN_TAG_NFEAT];
    int nt = m->ntags < 1024 ? m->ntags : 1024;
    for (int i = 0; i < n; i++) {
        int t = dl__syn_tagdict_get(m, atoms[i].w);
        if (t >= 0 && t < nt) {
            tags[i] = t;
            continue;
        }
        int k = dl__syn_tag_features(atoms, n, i, tags, feats);
        memset(scores, 0, sizeof(int32_t) * m->tagger.stride);
        dl__syn_table_score(&m->tagger, feats, k, scores);
        int best = 0;
        for (int c = 1; c < nt; c++)
            if (scores[c] > scores[best])
                best = c;
        tags[i] = best;
    }
}
