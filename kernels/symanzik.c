#include "kernels/symanzik.h"

#include <stdlib.h>

/* Determinant of the rows in rows and the columns in cols (equal counts) of an L x L matrix,
 * by expansion along the first row: L is the number of loops, a handful. */
static void minor_det(nmod_mpoly_t out, nmod_mpoly_struct *a, int L, unsigned rows, unsigned cols,
                      const nmod_mpoly_ctx_t ctx)
{
    if (rows == 0) {
        nmod_mpoly_one(out, ctx);
        return;
    }
    int r = __builtin_ctz(rows);
    nmod_mpoly_t sub, term;
    nmod_mpoly_init(sub, ctx);
    nmod_mpoly_init(term, ctx);
    nmod_mpoly_zero(out, ctx);
    int sign = 1;
    for (int c = 0; c < L; c++) {
        if (!(cols >> c & 1u))
            continue;
        minor_det(sub, a, L, rows & ~(1u << r), cols & ~(1u << c), ctx);
        nmod_mpoly_mul(term, &a[r * L + c], sub, ctx);
        if (sign > 0)
            nmod_mpoly_add(out, out, term, ctx);
        else
            nmod_mpoly_sub(out, out, term, ctx);
        sign = -sign;
    }
    nmod_mpoly_clear(sub, ctx);
    nmod_mpoly_clear(term, ctx);
}

static void symanzik_compute(const family_def *fd, const random_point *rp, nmod_mpoly_t U, nmod_mpoly_t F,
                             const nmod_mpoly_ctx_t ctx)
{
    const modp_t *m = &rp->m;
    int L = fd->nloops, E = fd->nexternal, n = fd->nprops;
    /* coefficients of q_a at the point, and G_ab = P_a.P_b for the external parts P_a of q_a */
    uint64_t *c = malloc((size_t)n * (size_t)(L + E) * sizeof(uint64_t));
    for (int a = 0; a < n; a++)
        for (int k = 0; k < L + E; k++)
            c[a * (L + E) + k] = random_point_rational(rp, family_def_momentum(fd, a, k));
    uint64_t *ext = malloc((size_t)(E * E + 1) * sizeof(uint64_t));
    for (int e = 0; e < E * E; e++)
        ext[e] = random_point_residue(rp, &fd->external[e], fd);
    uint64_t *G = calloc((size_t)n * (size_t)n, sizeof(uint64_t));
    for (int a = 0; a < n; a++)
        for (int b = 0; b < n; b++)
            for (int e = 0; e < E; e++)
                for (int g = 0; g < E; g++) {
                    uint64_t t = modp_mul(c[a * (L + E) + L + e], c[b * (L + E) + L + g], m);
                    G[a * n + b] = modp_add(G[a * n + b], modp_mul(t, ext[e * E + g], m), m);
                }

    nmod_mpoly_struct *x = malloc((size_t)n * sizeof(nmod_mpoly_struct));
    for (int a = 0; a < n; a++) {
        nmod_mpoly_init(&x[a], ctx);
        nmod_mpoly_gen(&x[a], a, ctx);
    }
    nmod_mpoly_t t, C;
    nmod_mpoly_init(t, ctx);
    nmod_mpoly_init(C, ctx);
    /* A_ij = sum_a x_a c_ai c_aj;  C = sum_a x_a (P_a^2 - m_a^2) */
    nmod_mpoly_struct *A = malloc((size_t)(L * L) * sizeof(nmod_mpoly_struct));
    for (int i = 0; i < L; i++)
        for (int j = 0; j < L; j++) {
            nmod_mpoly_init(&A[i * L + j], ctx);
            for (int a = 0; a < n; a++) {
                nmod_mpoly_scalar_mul_ui(t, &x[a], modp_mul(c[a * (L + E) + i], c[a * (L + E) + j], m), ctx);
                nmod_mpoly_add(&A[i * L + j], &A[i * L + j], t, ctx);
            }
        }
    for (int a = 0; a < n; a++) {
        uint64_t mass2 = random_point_residue(rp, &fd->mass2[a], fd);
        nmod_mpoly_scalar_mul_ui(t, &x[a], modp_sub(G[a * n + a], mass2, m), ctx);
        nmod_mpoly_add(C, C, t, ctx);
    }
    unsigned all = (1u << L) - 1;
    minor_det(U, A, L, all, all, ctx);
    /* F = sum_ij adj(A)_ij B_i.B_j - C U, with B_i.B_j = sum_ab x_a x_b c_ai c_bj G_ab and
     * adj(A)_ij = (-1)^(i+j) times the minor without row j and column i */
    nmod_mpoly_t bb, cof;
    nmod_mpoly_init(bb, ctx);
    nmod_mpoly_init(cof, ctx);
    nmod_mpoly_mul(F, C, U, ctx);
    nmod_mpoly_neg(F, F, ctx);
    for (int i = 0; i < L; i++)
        for (int j = 0; j < L; j++) {
            nmod_mpoly_zero(bb, ctx);
            for (int a = 0; a < n; a++)
                for (int b = 0; b < n; b++) {
                    uint64_t w = modp_mul(modp_mul(c[a * (L + E) + i], c[b * (L + E) + j], m), G[a * n + b], m);
                    if (w == 0)
                        continue;
                    nmod_mpoly_mul(t, &x[a], &x[b], ctx);
                    nmod_mpoly_scalar_addmul_ui(bb, bb, t, w, ctx);
                }
            minor_det(cof, A, L, all & ~(1u << j), all & ~(1u << i), ctx);
            nmod_mpoly_mul(t, cof, bb, ctx);
            if ((i + j) % 2 == 0)
                nmod_mpoly_add(F, F, t, ctx);
            else
                nmod_mpoly_sub(F, F, t, ctx);
        }
    nmod_mpoly_clear(bb, ctx);
    nmod_mpoly_clear(cof, ctx);
    for (int k = 0; k < L * L; k++)
        nmod_mpoly_clear(&A[k], ctx);
    for (int a = 0; a < n; a++)
        nmod_mpoly_clear(&x[a], ctx);
    nmod_mpoly_clear(t, ctx);
    nmod_mpoly_clear(C, ctx);
    free(A);
    free(x);
    free(G);
    free(ext);
    free(c);
}

void symanzik_init(symanzik_t *s, const family_def *fd, unsigned seed)
{
    random_point_init(&s->rp, fd, seed);
    nmod_mpoly_ctx_init(s->ctx, fd->nprops, ORD_LEX, s->rp.m.mod.n);
    nmod_mpoly_init(s->U, s->ctx);
    nmod_mpoly_init(s->F, s->ctx);
    symanzik_compute(fd, &s->rp, s->U, s->F, s->ctx);
}

void symanzik_clear(symanzik_t *s)
{
    nmod_mpoly_clear(s->U, s->ctx);
    nmod_mpoly_clear(s->F, s->ctx);
    nmod_mpoly_ctx_clear(s->ctx);
    random_point_clear(&s->rp);
}
