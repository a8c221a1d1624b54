/*
 * features.c — feature templates of the tagger and the parser.
 *
 * The tagger's templates are the classic ones of greedy averaged-
 * perceptron taggers: the word, its affixes and shape, its neighbours
 * and the two tags already chosen. The parser's are those of Zhang and
 * Nivre (2011) for a transition parser, reduced to what an arc-hybrid
 * system can see: the top three stack words, the first three buffer
 * words, the outer children of s0 and b0 with their labels, distance and
 * valency, and conjunctions of them. Every feature is one 64-bit hash of
 * (template number, values); the model stores only the hashes it saw.
 *
 * Changing any template or atom changes DL__SYN_FEATURES (model_file.h).
 */
#include "syntax/features.h"

#include <string.h>

static inline uint64_t mix(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return h;
}

static inline uint64_t f1(unsigned t, uint64_t a)
{
    return mix((uint64_t)t * 0x9E3779B97F4A7C15ULL ^ mix(a + 1));
}
static inline uint64_t f2(unsigned t, uint64_t a, uint64_t b)
{
    return mix(f1(t, a) ^ mix(b + 0x632BE59BD9B4E019ULL));
}
static inline uint64_t f3(unsigned t, uint64_t a, uint64_t b, uint64_t c)
{
    return mix(f2(t, a, b) ^ mix(c + 0x8CB92BA72F3D8DD7ULL));
}

static uint64_t fnv(const unsigned char *s, size_t n, uint64_t h)
{
    for (size_t i = 0; i < n; i++) {
        h ^= s[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

#define FNV0 0xcbf29ce484222325ULL
#define MAX_FORM 48

void dl__syn_atoms_of(const char *form, size_t len, bool first,
                      dl__syn_atoms *out)
{
    unsigned char low[MAX_FORM], shape[8];
    size_t n = len < MAX_FORM ? len : MAX_FORM, ns = 0;
    unsigned letters = 0, uppers = 0;
    uint32_t flags = first ? DL__SYN_F_FIRST : 0;
    bool alnum = false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)form[i], k;
        if (c >= 'A' && c <= 'Z') {
            low[i] = (unsigned char)(c + 32);
            letters++, uppers++;
            k = 'X';
            alnum = true;
        } else if (c >= 'a' && c <= 'z') {
            low[i] = c;
            letters++;
            k = 'x';
            alnum = true;
        } else if (c >= '0' && c <= '9') {
            low[i] = '0';
            flags |= DL__SYN_F_DIGIT;
            k = 'd';
            alnum = true;
        } else if (c >= 0x80) {
            low[i] = c; /* UTF-8 bytes: letters of other scripts */
            k = 'u';
            alnum = true;
        } else {
            low[i] = c;
            k = c;
            if (c == '-')
                flags |= DL__SYN_F_HYPHEN;
        }
        if (ns < sizeof shape && (ns == 0 || shape[ns - 1] != k))
            shape[ns++] = k;
    }
    if (n > 0 && form[0] >= 'A' && form[0] <= 'Z')
        flags |= DL__SYN_F_CAP;
    if (letters >= 2 && uppers == letters)
        flags |= DL__SYN_F_UPPER;
    if (!alnum)
        flags |= DL__SYN_F_PUNCT;
    out->w = fnv(low, n, FNV0);
    out->suf3 = fnv(low + (n > 3 ? n - 3 : 0), n > 3 ? 3 : n, FNV0 ^ 3);
    out->suf2 = fnv(low + (n > 2 ? n - 2 : 0), n > 2 ? 2 : n, FNV0 ^ 2);
    out->pre1 = fnv(low, n > 0 ? 1 : 0, FNV0 ^ 1);
    out->pre3 = fnv(low, n > 3 ? 3 : n, FNV0 ^ 4);
    out->shape = fnv(shape, ns, FNV0 ^ 5);
    out->flags = flags;
}

/* Stand-ins for words outside the sentence. */
#define NONE_W 0x1111u
#define START_W 0x2222u
#define END_W 0x3333u

static uint64_t word_at(const dl__syn_atoms *a, int n, int i)
{
    if (i < 0)
        return START_W;
    if (i >= n)
        return END_W;
    return a[i].w;
}

static uint64_t suf3_at(const dl__syn_atoms *a, int n, int i)
{
    if (i < 0)
        return START_W;
    if (i >= n)
        return END_W;
    return a[i].suf3;
}

int dl__syn_tag_features(const dl__syn_atoms *a, int n, int i,
                         const int *prev, uint64_t *out)
{
    const dl__syn_atoms *x = &a[i];
    uint64_t p1 = i >= 1 ? (uint64_t)prev[i - 1] : 999;
    uint64_t p2 = i >= 2 ? (uint64_t)prev[i - 2] : 999;
    int k = 0;
    out[k++] = f1(1, 0);
    out[k++] = f1(2, x->w);
    out[k++] = f1(3, x->suf3);
    out[k++] = f1(4, x->suf2);
    out[k++] = f1(5, x->pre1);
    out[k++] = f1(6, x->shape);
    out[k++] = f1(7, p1);
    out[k++] = f2(8, p2, p1);
    out[k++] = f2(9, p1, x->w);
    out[k++] = f1(10, word_at(a, n, i - 1));
    out[k++] = f1(11, suf3_at(a, n, i - 1));
    out[k++] = f1(12, word_at(a, n, i - 2));
    out[k++] = f1(13, word_at(a, n, i + 1));
    out[k++] = f1(14, suf3_at(a, n, i + 1));
    out[k++] = f1(15, word_at(a, n, i + 2));
    out[k++] = f1(16, x->flags);
    out[k++] = f2(17, x->w, word_at(a, n, i + 1));
    out[k++] = f2(18, word_at(a, n, i - 1), x->w);
    out[k++] = f1(19, i + 1 < n ? a[i + 1].shape : END_W);
    out[k++] = f2(20, p1, x->suf3);
    out[k++] = f1(21, x->pre3);
    out[k++] = f2(22, x->shape, x->flags & DL__SYN_F_FIRST);
    out[k++] = f2(23, p1, word_at(a, n, i + 1));
    out[k++] = f2(24, x->suf3, suf3_at(a, n, i + 1));
    return k;
}

/* ------------------------------------------------------------ parser */

#define ROOT_T 998u
#define NO_T 997u

static inline uint64_t pw(const dl__syn_config *c, int i)
{
    if (i < 0)
        return NONE_W;
    if (i == 0)
        return START_W;
    return c->atoms[i].w;
}
static inline uint64_t pt(const dl__syn_config *c, int i)
{
    if (i < 0)
        return NO_T;
    if (i == 0)
        return ROOT_T;
    return (uint64_t)c->tag[i];
}
static inline uint64_t pl(const dl__syn_config *c, int i)
{
    return i > 0 ? (uint64_t)c->label[i] : 999;
}
static inline int child(const int *arr, int i)
{
    return i > 0 ? (arr[i] > 0 ? arr[i] : -1) : -1;
}

int dl__syn_parse_features(const dl__syn_config *c, uint64_t *out)
{
    int s0 = c->sp >= 1 ? c->stack[c->sp - 1] : -1;
    int s1 = c->sp >= 2 ? c->stack[c->sp - 2] : -1;
    int s2 = c->sp >= 3 ? c->stack[c->sp - 3] : -1;
    int b0 = c->b <= c->n ? c->b : -1;
    int b1 = c->b + 1 <= c->n ? c->b + 1 : -1;
    int b2 = c->b + 2 <= c->n ? c->b + 2 : -1;
    uint64_t s0w = pw(c, s0), s0t = pt(c, s0), s1w = pw(c, s1), s1t = pt(c, s1);
    uint64_t b0w = pw(c, b0), b0t = pt(c, b0), b1w = pw(c, b1), b1t = pt(c, b1);
    uint64_t b2t = pt(c, b2), s2t = pt(c, s2);
    int s0l1 = s0 > 0 ? child(c->lc1, s0) : -1, s0l2 = s0 > 0 ? child(c->lc2, s0) : -1;
    int s0r1 = s0 > 0 ? child(c->rc1, s0) : -1, s0r2 = s0 > 0 ? child(c->rc2, s0) : -1;
    int b0l1 = b0 > 0 ? child(c->lc1, b0) : -1, b0l2 = b0 > 0 ? child(c->lc2, b0) : -1;
    int s1r1 = s1 > 0 ? child(c->rc1, s1) : -1, s1l1 = s1 > 0 ? child(c->lc1, s1) : -1;
    uint64_t dist = 0;
    if (s0 >= 0 && b0 > 0) {
        int d = b0 - s0;
        dist = d >= 10 ? 10 : d >= 6 ? 6 : (uint64_t)d;
    }
    uint64_t s0vl = s0 > 0 ? c->nleft[s0] : 0, s0vr = s0 > 0 ? c->nright[s0] : 0;
    uint64_t b0vl = b0 > 0 ? c->nleft[b0] : 0;
    uint64_t s0wt = f2(0, s0w, s0t), b0wt = f2(0, b0w, b0t);
    int k = 0;
    /* single words */
    out[k++] = f1(101, s0w);
    out[k++] = f1(102, s0t);
    out[k++] = f1(103, s0wt);
    out[k++] = f1(104, s1w);
    out[k++] = f1(105, s1t);
    out[k++] = f2(106, s1w, s1t);
    out[k++] = f1(107, b0w);
    out[k++] = f1(108, b0t);
    out[k++] = f1(109, b0wt);
    out[k++] = f1(110, b1w);
    out[k++] = f1(111, b1t);
    out[k++] = f2(112, b1w, b1t);
    out[k++] = f1(113, b2t);
    out[k++] = f1(114, s2t);
    /* pairs */
    out[k++] = f2(120, s0wt, b0wt);
    out[k++] = f2(121, s0wt, b0w);
    out[k++] = f2(122, s0w, b0wt);
    out[k++] = f2(123, s0wt, b0t);
    out[k++] = f2(124, s0t, b0wt);
    out[k++] = f2(125, s0w, b0w);
    out[k++] = f2(126, s0t, b0t);
    out[k++] = f2(127, b0t, b1t);
    out[k++] = f2(128, s1t, s0t);
    out[k++] = f2(129, s1w, s0w);
    /* three tags */
    out[k++] = f3(140, b0t, b1t, b2t);
    out[k++] = f3(141, s0t, b0t, b1t);
    out[k++] = f3(142, s1t, s0t, b0t);
    out[k++] = f3(143, s0t, pt(c, s0l1), b0t);
    out[k++] = f3(144, s0t, pt(c, s0r1), b0t);
    out[k++] = f3(145, s0t, b0t, pt(c, b0l1));
    out[k++] = f3(146, s1t, s0t, pt(c, s0l1));
    out[k++] = f3(147, s1t, pt(c, s1r1), s0t);
    out[k++] = f3(148, s2t, s1t, s0t);
    out[k++] = f3(149, s1t, s0t, pt(c, s0r1));
    /* distance and valency */
    out[k++] = f2(150, s0w, dist);
    out[k++] = f2(151, s0t, dist);
    out[k++] = f2(152, b0w, dist);
    out[k++] = f2(153, b0t, dist);
    out[k++] = f3(154, s0t, b0t, dist);
    out[k++] = f2(155, s0w, s0vr);
    out[k++] = f2(156, s0t, s0vr);
    out[k++] = f2(157, s0w, s0vl);
    out[k++] = f2(158, s0t, s0vl);
    out[k++] = f2(159, b0w, b0vl);
    out[k++] = f2(160, b0t, b0vl);
    /* children and their labels */
    out[k++] = f1(170, pt(c, s0l1));
    out[k++] = f1(171, pl(c, s0l1));
    out[k++] = f1(172, pt(c, s0r1));
    out[k++] = f1(173, pl(c, s0r1));
    out[k++] = f1(174, pt(c, b0l1));
    out[k++] = f1(175, pl(c, b0l1));
    out[k++] = f3(176, s0t, pl(c, s0l1), pl(c, s0l2));
    out[k++] = f3(177, s0t, pl(c, s0r1), pl(c, s0r2));
    out[k++] = f3(178, b0t, pl(c, b0l1), pl(c, b0l2));
    out[k++] = f2(179, s0w, pl(c, s0r1));
    out[k++] = f2(180, b0w, pl(c, b0l1));
    out[k++] = f3(181, s1t, pl(c, s1l1), pl(c, s1r1));
    return k;
}
