#include "kernels/symmetries.h"

#include <stdlib.h>
#include <string.h>
#include "kernels/family.h"
#include "kernels/symanzik.h"

typedef struct {
    int n;
    const nmod_mpoly_struct *poly[2];   /* U and F */
    uint64_t *pair[2];                  /* [n*n]: weight of the pair (i, j) in U and F */
    nmod_mpoly_ctx_struct *ctx;
    int8_t perm[EMBER_MAX_INDICES];
    bool used[EMBER_MAX_INDICES];
    int8_t (*found)[EMBER_MAX_INDICES];
    int nfound, cap;
} search_t;

/* An arbitrary weight of an exponent, so that a pair's weight sums what its terms hold. */
static uint64_t exponent_weight(ulong e)
{
    return 1 + 0x9E3779B1u * (uint64_t)e;
}

/* pair[i*n+j] = sum over terms c x^e of c w(e_i) w'(e_j): a symmetry maps the terms onto each
 * other, so pair(sigma i, sigma j) = pair(i, j). */
static void pair_weights(const nmod_mpoly_t p, int n, const nmod_mpoly_ctx_t ctx, uint64_t *pair)
{
    ulong e[EMBER_MAX_INDICES];
    memset(pair, 0, (size_t)(n * n) * sizeof(uint64_t));
    for (slong t = 0; t < nmod_mpoly_length(p, ctx); t++) {
        uint64_t c = nmod_mpoly_get_term_coeff_ui(p, t, ctx);
        nmod_mpoly_get_term_exp_ui(e, p, t, ctx);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) {
                uint64_t w = exponent_weight(e[i]) * (exponent_weight(e[j]) ^ 0x5bd1e995u) % ctx->mod.n;
                pair[i * n + j] = nmod_add(pair[i * n + j], nmod_mul(c, w, ctx->mod), ctx->mod);
            }
    }
}

/* p with x_i replaced by x_perm(i) equals p? */
static bool keeps(const nmod_mpoly_t p, const int8_t *perm, int n, const nmod_mpoly_ctx_t ctx)
{
    ulong e[EMBER_MAX_INDICES], image[EMBER_MAX_INDICES];
    nmod_mpoly_t q;
    nmod_mpoly_init(q, ctx);
    for (slong t = 0; t < nmod_mpoly_length(p, ctx); t++) {
        nmod_mpoly_get_term_exp_ui(e, p, t, ctx);
        for (int i = 0; i < n; i++)
            image[perm[i]] = e[i];
        nmod_mpoly_push_term_ui_ui(q, nmod_mpoly_get_term_coeff_ui(p, t, ctx), image, ctx);
    }
    nmod_mpoly_sort_terms(q, ctx);
    nmod_mpoly_combine_like_terms(q, ctx);
    bool same = nmod_mpoly_equal(p, q, ctx);
    nmod_mpoly_clear(q, ctx);
    return same;
}

static bool pair_matches(const search_t *s, int i, int j)
{
    for (int k = 0; k <= i; k++) {
        int image = k == i ? j : s->perm[k];
        for (int u = 0; u < 2; u++)
            if (s->pair[u][k * s->n + i] != s->pair[u][image * s->n + j]
                || s->pair[u][i * s->n + k] != s->pair[u][j * s->n + image])
                return false;
    }
    return true;
}

static void extend(search_t *s, int i)
{
    if (i == s->n) {
        if (!keeps(s->poly[0], s->perm, s->n, s->ctx) || !keeps(s->poly[1], s->perm, s->n, s->ctx))
            return;
        if (s->nfound == s->cap) {
            s->cap *= 2;
            s->found = realloc(s->found, (size_t)s->cap * sizeof *s->found);
        }
        memset(s->found[s->nfound], 0, EMBER_MAX_INDICES);
        memcpy(s->found[s->nfound], s->perm, (size_t)s->n);
        s->nfound++;
        return;
    }
    for (int j = 0; j < s->n; j++) {
        if (s->used[j] || !pair_matches(s, i, j))
            continue;
        s->perm[i] = (int8_t)j;
        s->used[j] = true;
        extend(s, i + 1);
        s->used[j] = false;
    }
}

int symmetries_find(const family_def *fd, unsigned seed, int8_t (**out)[EMBER_MAX_INDICES])
{
    int n = fd->nprops;
    random_point rp;
    random_point_init(&rp, fd, seed);
    nmod_mpoly_ctx_t ctx;
    nmod_mpoly_ctx_init(ctx, n, ORD_LEX, rp.m.mod.n);
    nmod_mpoly_t U, F;
    nmod_mpoly_init(U, ctx);
    nmod_mpoly_init(F, ctx);
    symanzik_compute(fd, &rp, U, F, ctx);

    search_t s = { .n = n, .poly = { U, F }, .ctx = ctx, .cap = 8 };
    for (int u = 0; u < 2; u++) {
        s.pair[u] = malloc((size_t)(n * n) * sizeof(uint64_t));
        pair_weights(s.poly[u], n, ctx, s.pair[u]);
    }
    s.found = malloc((size_t)s.cap * sizeof *s.found);
    extend(&s, 0);   /* in lexicographic order: the identity comes first */

    for (int u = 0; u < 2; u++)
        free(s.pair[u]);
    nmod_mpoly_clear(U, ctx);
    nmod_mpoly_clear(F, ctx);
    nmod_mpoly_ctx_clear(ctx);
    random_point_clear(&rp);
    *out = s.found;
    return s.nfound;
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
