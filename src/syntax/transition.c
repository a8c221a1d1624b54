/*
 * transition.c — the arc-hybrid system and its dynamic oracle (see
 * transition.h). Chosen over arc-eager because its oracle is exact and a
 * few lines long, and it needs no REDUCE move; written by hand because it
 * is a dozen array operations per move in the parser's inner loop.
 */
#include "syntax/transition.h"

#include <string.h>

size_t dl__syn_config_bytes(int n)
{
    size_t m = (size_t)n + 2;
    return m * sizeof(int) * 8 + m * 2;
}

void dl__syn_config_init(dl__syn_config *c, void *mem, int n,
                         const dl__syn_atoms *atoms, const int *tag)
{
    size_t m = (size_t)n + 2;
    memset(mem, 0, dl__syn_config_bytes(n));
    int *p = mem;
    c->n = n;
    c->stack = p, p += m;
    c->head = p, p += m;
    c->label = p, p += m;
    c->lc1 = p, p += m;
    c->lc2 = p, p += m;
    c->rc1 = p, p += m;
    c->rc2 = p, p += m;
    p += m;
    c->nleft = (uint8_t *)p;
    c->nright = c->nleft + m;
    for (size_t i = 0; i < m; i++)
        c->head[i] = -1;
    c->stack[0] = 0;
    c->sp = 1;
    c->b = 1;
    c->atoms = atoms;
    c->tag = tag;
}

bool dl__syn_done(const dl__syn_config *c)
{
    return c->sp == 1 && c->b > c->n;
}

unsigned dl__syn_legal(const dl__syn_config *c)
{
    unsigned m = 0;
    bool buf = c->b <= c->n;
    if (buf)
        m |= 1;
    if (c->sp >= 2 && buf)
        m |= 2;
    /* s1 is a word, or the root takes its one dependent at the very end */
    if (c->sp >= 3 || (c->sp == 2 && !buf))
        m |= 4;
    return m;
}

static void attach(dl__syn_config *c, int h, int d, int label)
{
    c->head[d] = h;
    c->label[d] = label;
    if (h == 0)
        return;
    if (d < h) {
        if (c->lc1[h] == 0 || d < c->lc1[h]) {
            c->lc2[h] = c->lc1[h];
            c->lc1[h] = d;
        } else if (c->lc2[h] == 0 || d < c->lc2[h]) {
            c->lc2[h] = d;
        }
        if (c->nleft[h] < 255)
            c->nleft[h]++;
    } else {
        if (c->rc1[h] == 0 || d > c->rc1[h]) {
            c->rc2[h] = c->rc1[h];
            c->rc1[h] = d;
        } else if (c->rc2[h] == 0 || d > c->rc2[h]) {
            c->rc2[h] = d;
        }
        if (c->nright[h] < 255)
            c->nright[h]++;
    }
}

void dl__syn_apply(dl__syn_config *c, int move)
{
    int kind = dl__syn_move_kind(move);
    if (kind == 0) {
        c->stack[c->sp++] = c->b++;
    } else if (kind == 1) {
        int s0 = c->stack[--c->sp];
        attach(c, c->b, s0, dl__syn_move_label(move));
    } else {
        int s0 = c->stack[--c->sp];
        attach(c, c->stack[c->sp - 1], s0, dl__syn_move_label(move));
    }
}

#define ILLEGAL 1000000

void dl__syn_costs(const dl__syn_config *c, const int *gold_head, int cost[3])
{
    unsigned legal = dl__syn_legal(c);
    int s0 = c->sp >= 1 ? c->stack[c->sp - 1] : -1;
    int s1 = c->sp >= 2 ? c->stack[c->sp - 2] : -1;
    int b0 = c->b <= c->n ? c->b : -1;
    cost[0] = cost[1] = cost[2] = ILLEGAL;
    if (legal & 1) {
        /* b0 leaves the buffer: its children on the stack and a head on
         * the stack below s0 can no longer be reached */
        int k = 0;
        for (int i = 0; i < c->sp; i++) {
            int d = c->stack[i];
            if (d > 0 && gold_head[d] == b0)
                k++;
            if (i < c->sp - 1 && gold_head[b0] == d)
                k++;
        }
        cost[0] = k;
    }
    if (legal & 6) {
        /* s0 is popped: its children still in the buffer are lost */
        int lost_children = 0;
        for (int d = c->b; d <= c->n; d++)
            if (gold_head[d] == s0)
                lost_children++;
        int h = gold_head[s0];
        bool h_in_buffer = h >= c->b && h <= c->n;
        if (legal & 2) /* head b0: loses a head s1 or further in the buffer */
            cost[1] = lost_children + ((h == s1 || (h_in_buffer && h != b0)) ? 1 : 0);
        if (legal & 4) /* head s1: loses a head in the buffer */
            cost[2] = lost_children + (h_in_buffer ? 1 : 0);
    }
}
