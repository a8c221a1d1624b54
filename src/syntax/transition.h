/*
 * transition.h — the arc-hybrid transition system (Kuhlmann, Gómez-
 * Rodríguez and Satta 2011) and its dynamic oracle (Goldberg and Nivre
 * 2013): the state of a parse, which moves are legal, what they do, and
 * what each would cost against a gold tree. Used by the parser at run
 * time and by the trainer; no model in here.
 *
 * Moves: SHIFT (b0 onto the stack), LEFT(l) (b0 becomes the head of s0,
 * s0 popped), RIGHT(l) (s1 becomes the head of s0, s0 popped). Word 0 is
 * the root, at the bottom of the stack; it takes exactly one dependent,
 * by the last RIGHT, so every tree has one root. Trees are projective.
 */
#ifndef DL_SYNTAX_TRANSITION_H
#define DL_SYNTAX_TRANSITION_H

#include "syntax/features.h"

#define DL__SYN_SHIFT 0
static inline int dl__syn_left(int label) { return 1 + 2 * label; }
static inline int dl__syn_right(int label) { return 2 + 2 * label; }
static inline int dl__syn_move_kind(int move) /* 0 shift, 1 left, 2 right */
{
    return move == 0 ? 0 : ((move - 1) & 1) ? 2 : 1;
}
static inline int dl__syn_move_label(int move) { return (move - 1) / 2; }
static inline int dl__syn_nmoves(int nlabels) { return 1 + 2 * nlabels; }

/* Bytes of working memory a sentence of n words needs. */
size_t dl__syn_config_bytes(int n);
/* Starts a parse of words 1..n in `mem` (dl__syn_config_bytes(n) bytes,
 * suitably aligned). atoms and tag are indexed from 1. */
void dl__syn_config_init(dl__syn_config *c, void *mem, int n,
                         const dl__syn_atoms *atoms, const int *tag);
bool dl__syn_done(const dl__syn_config *c);
/* Which of the three kinds of move are legal now (bit 0 shift, 1 left,
 * 2 right). */
unsigned dl__syn_legal(const dl__syn_config *c);
void dl__syn_apply(dl__syn_config *c, int move);
/* Cost of each kind of move against gold heads/labels (indexed from 1):
 * the number of gold arcs it makes unreachable; cost[1] and cost[2] are
 * for the gold label when the arc it makes is gold (else any label costs
 * the same). Illegal kinds get a large cost. */
void dl__syn_costs(const dl__syn_config *c, const int *gold_head,
                   int cost[3]);

#endif
