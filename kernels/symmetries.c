#include "kernels/symmetries.h"

#include <stdlib.h>
#include <string.h>
#include "kernels/family.h"
#include "kernels/symanzik.h"

typedef struct {
    int n, m;                           /* variables of the context; of the bijection */
    const nmod_mpoly_struct *from[2];   /* U and F */
    const nmod_mpoly_struct *to[2];
    uint64_t *from_pair[2], *to_pair[2];/* [n*n]: weight of the pair (i, j) in U and F */
    const int *src, *dst;
    const nmod_mpoly_ctx_struct *ctx;
    int8_t perm[EMBER_MAX_INDICES];
    bool used[EMBER_MAX_INDICES];
    symmetries_visit visit;
    void *arg;
    bool stop;
} search_t;

/* An arbitrary weight of an exponent, so that a pair's weight sums what its terms hold. */
static uint64_t exponent_weight(ulong e)
{
    return 1 + 0x9E3779B1u * (uint64_t)e;
}

/* pair[i*n+j] = sum over terms c x^e of c w(e_i) w'(e_j): a bijection carrying one polynomial
 * onto another carries its terms onto the other's, so pair(i, j) = pair'(sigma i, sigma j). */
static uint64_t *pair_weights(const nmod_mpoly_t p, int n, const nmod_mpoly_ctx_t ctx)
{
    ulong e[EMBER_MAX_INDICES];
    uint64_t *pair = calloc((size_t)(n * n), sizeof(uint64_t));
    for (slong t = 0; t < nmod_mpoly_length(p, ctx); t++) {
        uint64_t c = nmod_mpoly_get_term_coeff_ui(p, t, ctx);
        nmod_mpoly_get_term_exp_ui(e, p, t, ctx);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) {
                uint64_t w = exponent_weight(e[i]) * (exponent_weight(e[j]) ^ 0x5bd1e995u) % ctx->mod.n;
                pair[i * n + j] = nmod_add(pair[i * n + j], nmod_mul(c, w, ctx->mod), ctx->mod);
            }
    }
    return pair;
}

/* p with x_i renamed x_perm(i) equals q? (p has no other variables than those perm moves) */
static bool carries(const nmod_mpoly_t p, const nmod_mpoly_t q, const search_t *s)
{
    ulong e[EMBER_MAX_INDICES], image[EMBER_MAX_INDICES];
    nmod_mpoly_t r;
    nmod_mpoly_init(r, s->ctx);
    for (slong t = 0; t < nmod_mpoly_length(p, s->ctx); t++) {
        nmod_mpoly_get_term_exp_ui(e, p, t, s->ctx);
        memset(image, 0, sizeof image);
        for (int k = 0; k < s->m; k++)
            image[s->perm[s->src[k]]] = e[s->src[k]];
        nmod_mpoly_push_term_ui_ui(r, nmod_mpoly_get_term_coeff_ui(p, t, s->ctx), image, s->ctx);
    }
    nmod_mpoly_sort_terms(r, s->ctx);
    nmod_mpoly_combine_like_terms(r, s->ctx);
    bool same = nmod_mpoly_equal(r, q, s->ctx);
    nmod_mpoly_clear(r, s->ctx);
    return same;
}

/* Can src[i] go to dst[j], given where src[0..i) went? */
static bool pair_matches(const search_t *s, int i, int j)
{
    int n = s->n, a = s->src[i], b = s->dst[j];
    for (int k = 0; k <= i; k++) {
        int x = s->src[k], image = k == i ? b : s->perm[x];
        for (int u = 0; u < 2; u++)
            if (s->from_pair[u][x * n + a] != s->to_pair[u][image * n + b]
                || s->from_pair[u][a * n + x] != s->to_pair[u][b * n + image])
                return false;
    }
    return true;
}

static void extend(search_t *s, int i)
{
    if (i == s->m) {
        if (carries(s->from[0], s->to[0], s) && carries(s->from[1], s->to[1], s))
            s->stop = s->visit(s->perm, s->arg);
        return;
    }
    for (int j = 0; j < s->m && !s->stop; j++) {
        if (s->used[j] || !pair_matches(s, i, j))
            continue;
        s->perm[s->src[i]] = (int8_t)s->dst[j];
        s->used[j] = true;
        extend(s, i + 1);
        s->used[j] = false;
    }
}

void symmetries_match(const nmod_mpoly_struct *const from[2], const nmod_mpoly_struct *const to[2], const int *src,
                      const int *dst, int m, const nmod_mpoly_ctx_t ctx, symmetries_visit visit, void *arg)
{
    int n = (int)ctx->minfo->nvars;
    search_t s = { .n = n, .m = m, .src = src, .dst = dst, .ctx = ctx, .visit = visit, .arg = arg };
    for (int i = 0; i < n; i++)
        s.perm[i] = (int8_t)i;
    for (int u = 0; u < 2; u++) {
        s.from[u] = from[u];
        s.to[u] = to[u];
        s.from_pair[u] = pair_weights(from[u], n, ctx);
        s.to_pair[u] = from[u] == to[u] ? s.from_pair[u] : pair_weights(to[u], n, ctx);
    }
    extend(&s, 0);   /* in lexicographic order of the images */
    for (int u = 0; u < 2; u++) {
        if (s.to_pair[u] != s.from_pair[u])
            free(s.to_pair[u]);
        free(s.from_pair[u]);
    }
}

typedef struct {
    int n;
    int8_t (*found)[EMBER_MAX_INDICES];
    int nfound, cap;
} group_t;

static bool collect(const int8_t *perm, void *arg)
{
    group_t *g = arg;
    if (g->nfound == g->cap) {
        g->cap *= 2;
        g->found = realloc(g->found, (size_t)g->cap * sizeof *g->found);
    }
    memset(g->found[g->nfound], 0, EMBER_MAX_INDICES);
    memcpy(g->found[g->nfound], perm, (size_t)g->n);
    g->nfound++;
    return false;
}

int symmetries_find(const family_def *fd, unsigned seed, int8_t (**out)[EMBER_MAX_INDICES])
{
    int n = fd->nprops;
    symanzik_t uf;
    symanzik_init(&uf, fd, seed);

    int all[EMBER_MAX_INDICES];
    for (int i = 0; i < n; i++)
        all[i] = i;
    const nmod_mpoly_struct *const polys[2] = { uf.U, uf.F };
    group_t g = { .n = n, .cap = 8 };
    g.found = malloc((size_t)g.cap * sizeof *g.found);
    symmetries_match(polys, polys, all, all, n, uf.ctx, collect, &g);   /* the identity comes first */
    symanzik_clear(&uf);
    *out = g.found;
    return g.nfound;
}

unsigned symmetries_orbit_min(const int8_t (*sym)[EMBER_MAX_INDICES], int nsym, int n, unsigned mask)
{
    unsigned best = mask;
    for (int g = 0; g < nsym; g++) {
        unsigned image = mask_permute(mask, sym[g], n);
        if (image < best)
            best = image;
    }
    return best;
}
