#include "kernels/sector_maps.h"

#include <stdlib.h>
#include <string.h>
#include <flint/fmpq_mat.h>
#include "kernels/family.h"
#include "kernels/symanzik.h"
#include "kernels/symmetries.h"

/* ---- relabellings of the external momenta that keep every invariant ----------------------- */

typedef struct {
    fmpq_mat_struct *c;          /* E x E: p_e -> sum_f c[e][f] p_f */
    int count, cap;
} relabellings;

/* sum_gh C_eg C_fh p_g.p_h == p_e.p_f for all e, f? */
static bool keeps_invariants(const family_def *fd, const fmpq_mat_t C)
{
    int E = fd->nexternal;
    fmpq_mpoly_t sum, t;
    fmpq_mpoly_init(sum, fd->ctx);
    fmpq_mpoly_init(t, fd->ctx);
    fmpq_t x;
    fmpq_init(x);
    bool same = true;
    for (int e = 0; e < E && same; e++)
        for (int f = 0; f < E && same; f++) {
            fmpq_mpoly_zero(sum, fd->ctx);
            for (int g = 0; g < E; g++)
                for (int h = 0; h < E; h++) {
                    fmpq_mul(x, fmpq_mat_entry(C, e, g), fmpq_mat_entry(C, f, h));
                    fmpq_mpoly_scalar_mul_fmpq(t, &fd->external[g * E + h], x, fd->ctx);
                    fmpq_mpoly_add(sum, sum, t, fd->ctx);
                }
            same = fmpq_mpoly_equal(sum, &fd->external[e * E + f], fd->ctx);
        }
    fmpq_clear(x);
    fmpq_mpoly_clear(t, fd->ctx);
    fmpq_mpoly_clear(sum, fd->ctx);
    return same;
}

static void relabellings_push(relabellings *r, const fmpq_mat_t C)
{
    if (r->count == r->cap) {
        r->cap = r->cap ? 2 * r->cap : 8;
        r->c = realloc(r->c, (size_t)r->cap * sizeof(fmpq_mat_struct));
    }
    fmpq_mat_init_set(&r->c[r->count++], C);
}

/* Row e of C is +-(leg e's image); every injective choice of legs and signs is tried. */
static void relabel_extend(const family_def *fd, fmpq_mat_t C, int e, bool *used, relabellings *r)
{
    int E = fd->nexternal;
    if (e == E) {
        fmpq_t det;
        fmpq_init(det);
        fmpq_mat_det(det, C);
        if (!fmpq_is_zero(det) && !fmpq_mat_is_one(C) && keeps_invariants(fd, C))
            relabellings_push(r, C);
        fmpq_clear(det);
        return;
    }
    for (int leg = 0; leg < fd->nlegs; leg++) {
        if (used[leg])
            continue;
        used[leg] = true;
        for (int sign = 1; sign >= -1; sign -= 2) {
            for (int f = 0; f < E; f++) {
                fmpq_set(fmpq_mat_entry(C, e, f), family_def_leg(fd, leg, f));
                if (sign < 0)
                    fmpq_neg(fmpq_mat_entry(C, e, f), fmpq_mat_entry(C, e, f));
            }
            relabel_extend(fd, C, e + 1, used, r);
        }
        used[leg] = false;
    }
}

/* The identity first, so that a change of loop momenta alone is preferred. */
static void relabellings_find(const family_def *fd, relabellings *r)
{
    memset(r, 0, sizeof *r);
    fmpq_mat_t C;
    fmpq_mat_init(C, fd->nexternal, fd->nexternal);
    fmpq_mat_one(C);
    relabellings_push(r, C);
    bool used[EMBER_MAX_INDICES + 1] = { false };
    if (fd->nlegs <= EMBER_MAX_INDICES)
        relabel_extend(fd, C, 0, used, r);
    fmpq_mat_clear(C);
}

static void relabellings_clear(relabellings *r)
{
    for (int k = 0; k < r->count; k++)
        fmpq_mat_clear(&r->c[k]);
    free(r->c);
}

/* ---- the change of momenta for one bijection of lines ------------------------------------- */

typedef struct {
    const family_def *fd;
    const relabellings *rel;
    fmpq_mat_t alpha, beta;      /* n x L and n x E: loop and external parts of every q_a */
    const int *lines;            /* of the mapped sector */
    int nlines;
    sector_map *map;             /* filled when found */
    bool found;
} solver_t;

static bool rows_equal(const fmpq_mat_t a, int i, const fmpq_mat_t b, int j, int sign)
{
    fmpq_t x;
    fmpq_init(x);
    bool same = true;
    for (int c = 0; c < fmpq_mat_ncols(a) && same; c++) {
        fmpq_mul_si(x, fmpq_mat_entry(b, j, c), sign);
        same = fmpq_equal(fmpq_mat_entry(a, i, c), x);
    }
    fmpq_clear(x);
    return same;
}

/* L lines of the sector whose loop parts are independent; false if they do not span. */
static bool loop_basis(const solver_t *s, int *basis)
{
    int L = s->fd->nloops, found = 0;
    for (int k = 0; k < s->nlines && found < L; k++) {
        fmpq_mat_t m;
        fmpq_mat_init(m, found + 1, L);
        for (int r = 0; r <= found; r++) {
            int line = r < found ? basis[r] : s->lines[k];
            for (int c = 0; c < L; c++)
                fmpq_set(fmpq_mat_entry(m, r, c), fmpq_mat_entry(s->alpha, line, c));
        }
        if (fmpq_mat_rref(m, m) == found + 1)
            basis[found++] = s->lines[k];
        fmpq_mat_clear(m);
    }
    return found == L;
}

static void numerators_clear(sector_map *map, int n, const family_def *fd)
{
    for (int k = 0; k < n * (n + 1); k++)
        fmpq_mpoly_clear(&map->numerator[k], fd->ctx);
    free(map->numerator);
    map->numerator = NULL;
}

/* D_j after the change for every index j that is not a line: q_j -> (alpha A, alpha B + beta C). */
static bool write_numerators(solver_t *s, const int8_t *perm, const fmpq_mat_t aA, const fmpq_mat_t aB)
{
    const family_def *fd = s->fd;
    int n = fd->nprops, L = fd->nloops, E = fd->nexternal;
    sector_map *map = s->map;
    map->numerator = malloc((size_t)n * (size_t)(n + 1) * sizeof(fmpq_mpoly_struct));
    for (int k = 0; k < n * (n + 1); k++)
        fmpq_mpoly_init(&map->numerator[k], fd->ctx);
    memset(map->line_to, -1, sizeof map->line_to);
    for (int k = 0; k < s->nlines; k++)
        map->line_to[s->lines[k]] = perm[s->lines[k]];
    fmpq *q = _fmpq_vec_init(L + E);
    char err[160];
    bool ok = true;
    for (int j = 0; j < n && ok; j++) {
        if (map->line_to[j] >= 0)
            continue;
        for (int c = 0; c < L; c++)
            fmpq_set(&q[c], fmpq_mat_entry(aA, j, c));
        for (int e = 0; e < E; e++)
            fmpq_set(&q[L + e], fmpq_mat_entry(aB, j, e));
        fmpq_mpoly_struct *row = sector_map_numerator(map, n, j);
        ok = ibpgen_square(fd, q, row, err, sizeof err) == 0;
        if (ok)
            fmpq_mpoly_sub(&row[n], &row[n], &fd->mass2[j], fd->ctx);
    }
    _fmpq_vec_clear(q, L + E);
    if (!ok)
        numerators_clear(map, n, fd);
    return ok;
}

/* With A fixed and the lines' signs known, try every relabelling C: B from the basis lines,
 * then every line must come out right. */
static bool solve_external(solver_t *s, const int8_t *perm, const int *basis, const int *sign, const fmpq_mat_t Minv,
                           const fmpq_mat_t aA)
{
    const family_def *fd = s->fd;
    int n = fd->nprops, L = fd->nloops, E = fd->nexternal;
    fmpq_mat_t R, bC, B, aB;
    fmpq_mat_init(R, L, E);
    fmpq_mat_init(bC, n, E);
    fmpq_mat_init(B, L, E);
    fmpq_mat_init(aB, n, E);
    bool done = false;
    for (int r = 0; r < s->rel->count && !done; r++) {
        /* alpha_b B = sign_b beta_sigma(b) - beta_b C for the basis lines b */
        fmpq_mat_mul(bC, s->beta, &s->rel->c[r]);
        for (int k = 0; k < L; k++)
            for (int e = 0; e < E; e++) {
                fmpq *x = fmpq_mat_entry(R, k, e);
                fmpq_mul_si(x, fmpq_mat_entry(s->beta, perm[basis[k]], e), sign[basis[k]]);
                fmpq_sub(x, x, fmpq_mat_entry(bC, basis[k], e));
            }
        fmpq_mat_mul(B, Minv, R);
        fmpq_mat_mul(aB, s->alpha, B);
        fmpq_mat_add(aB, aB, bC);
        bool all = true;
        for (int k = 0; k < s->nlines && all; k++)
            all = rows_equal(aB, s->lines[k], s->beta, perm[s->lines[k]], sign[s->lines[k]]);
        done = all && write_numerators(s, perm, aA, aB);
    }
    fmpq_mat_clear(R);
    fmpq_mat_clear(bC);
    fmpq_mat_clear(B);
    fmpq_mat_clear(aB);
    return done;
}

/* symmetries_visit: does a change of momenta realise this bijection of lines? */
static bool try_bijection(const int8_t *perm, void *arg)
{
    solver_t *s = arg;
    const family_def *fd = s->fd;
    int n = fd->nprops, L = fd->nloops;
    for (int k = 0; k < s->nlines; k++)
        if (!fmpq_mpoly_equal(&fd->mass2[s->lines[k]], &fd->mass2[perm[s->lines[k]]], fd->ctx))
            return false;
    int basis[EMBER_MAX_INDICES];
    if (!loop_basis(s, basis))
        return false;
    fmpq_mat_t M, Minv, Mp, A, aA;
    fmpq_mat_init(M, L, L);
    fmpq_mat_init(Minv, L, L);
    fmpq_mat_init(Mp, L, L);
    fmpq_mat_init(A, L, L);
    fmpq_mat_init(aA, n, L);
    fmpq_t det;
    fmpq_init(det);
    for (int k = 0; k < L; k++)
        for (int c = 0; c < L; c++)
            fmpq_set(fmpq_mat_entry(M, k, c), fmpq_mat_entry(s->alpha, basis[k], c));
    fmpq_mat_inv(Minv, M);
    /* alpha_b A = +-alpha_sigma(b) on the basis fixes A; every sign choice is tried */
    for (unsigned signs = 0; signs < (1u << L) && !s->found; signs++) {
        int sign[EMBER_MAX_INDICES];
        for (int k = 0; k < L; k++) {
            sign[basis[k]] = (signs >> k & 1u) ? -1 : 1;
            for (int c = 0; c < L; c++)
                fmpq_mul_si(fmpq_mat_entry(Mp, k, c), fmpq_mat_entry(s->alpha, perm[basis[k]], c), sign[basis[k]]);
        }
        fmpq_mat_mul(A, Minv, Mp);
        fmpq_mat_det(det, A);
        if (!fmpz_is_pm1(fmpq_numref(det)) || !fmpz_is_one(fmpq_denref(det)))
            continue;                    /* the measure d^dk would change */
        fmpq_mat_mul(aA, s->alpha, A);
        bool all = true;
        for (int k = 0; k < s->nlines && all; k++) {
            int i = s->lines[k];
            if (rows_equal(aA, i, s->alpha, perm[i], 1))
                sign[i] = 1;
            else if (rows_equal(aA, i, s->alpha, perm[i], -1))
                sign[i] = -1;
            else
                all = false;
        }
        s->found = all && solve_external(s, perm, basis, sign, Minv, aA);
    }
    fmpq_clear(det);
    fmpq_mat_clear(M);
    fmpq_mat_clear(Minv);
    fmpq_mat_clear(Mp);
    fmpq_mat_clear(A);
    fmpq_mat_clear(aA);
    return s->found;
}

/* ---- sectors in FIRE's order, each mapped onto an earlier unmapped one -------------------- */

typedef struct {
    unsigned mask;
    int lines[EMBER_MAX_INDICES];
    int nlines;
    nmod_mpoly_t U, F;           /* restricted to the lines */
    uint64_t sums[2];            /* their coefficient sums: equal for sectors that can map */
} sector_polys;

static uint64_t coefficient_sum(const nmod_mpoly_t p, const nmod_mpoly_ctx_t ctx)
{
    uint64_t sum = 0;
    for (slong t = 0; t < nmod_mpoly_length(p, ctx); t++)
        sum = nmod_add(sum, nmod_mpoly_get_term_coeff_ui(p, t, ctx), ctx->mod);
    return sum;
}

static unsigned reverse_bits(unsigned mask, int n)
{
    unsigned r = 0;
    for (int b = 0; b < n; b++)
        r = (r << 1) | (mask >> b & 1u);
    return r;
}

/* FIRE's sector order as a number: the level, then the mask read from the last index */
static unsigned fire_rank(unsigned mask, int n)
{
    return (unsigned)__builtin_popcount(mask) << n | reverse_bits(mask, n);
}

static int by_value(const void *a, const void *b)
{
    unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;
    return x < y ? -1 : x > y;
}

static void polys_init(sector_polys *p, unsigned mask, int n, const nmod_mpoly_t U, const nmod_mpoly_t F,
                       const nmod_mpoly_ctx_t ctx)
{
    p->mask = mask;
    p->nlines = 0;
    nmod_mpoly_init(p->U, ctx);
    nmod_mpoly_init(p->F, ctx);
    nmod_mpoly_set(p->U, U, ctx);
    nmod_mpoly_set(p->F, F, ctx);
    for (int i = 0; i < n; i++) {
        if (mask >> (n - 1 - i) & 1u) {
            p->lines[p->nlines++] = i;
        } else {
            nmod_mpoly_evaluate_one_ui(p->U, p->U, i, 0, ctx);
            nmod_mpoly_evaluate_one_ui(p->F, p->F, i, 0, ctx);
        }
    }
    p->sums[0] = coefficient_sum(p->U, ctx);
    p->sums[1] = coefficient_sum(p->F, ctx);
}

static void polys_clear(sector_polys *p, const nmod_mpoly_ctx_t ctx)
{
    nmod_mpoly_clear(p->U, ctx);
    nmod_mpoly_clear(p->F, ctx);
}

/* One sector per orbit of candidates, in FIRE's order: the orbit's first sector in that order,
 * which is the one FIRE numbers (the others are remapped onto it), so that a map written for it
 * is the one FIRE reads. Returns how many. */
static int fire_order(const bool *candidate, const int8_t (*sym)[EMBER_MAX_INDICES], int nsym, int n,
                      unsigned *order)
{
    bool *taken = calloc((size_t)1 << n, sizeof(bool));
    int count = 0;
    for (unsigned mask = 1; mask < (1u << n); mask++) {
        if (!candidate[mask])
            continue;
        unsigned first = mask;
        for (int g = 0; g < nsym; g++) {
            unsigned image = mask_permute(mask, sym[g], n);
            if (fire_rank(image, n) < fire_rank(first, n))
                first = image;
        }
        if (!taken[first]) {
            taken[first] = true;
            order[count++] = fire_rank(first, n);
        }
    }
    free(taken);
    qsort(order, (size_t)count, sizeof(unsigned), by_value);
    for (int k = 0; k < count; k++)
        order[k] = reverse_bits(order[k] & ((1u << n) - 1), n);
    return count;
}

static void solver_init(solver_t *s, const family_def *fd, const relabellings *rel)
{
    int n = fd->nprops, L = fd->nloops, E = fd->nexternal;
    memset(s, 0, sizeof *s);
    s->fd = fd;
    s->rel = rel;
    fmpq_mat_init(s->alpha, n, L);
    fmpq_mat_init(s->beta, n, E);
    for (int a = 0; a < n; a++) {
        for (int c = 0; c < L; c++)
            fmpq_set(fmpq_mat_entry(s->alpha, a, c), family_def_momentum(fd, a, c));
        for (int e = 0; e < E; e++)
            fmpq_set(fmpq_mat_entry(s->beta, a, e), family_def_momentum(fd, a, L + e));
    }
}

void sector_maps_find(const family_def *fd, const bool *candidate, const int8_t (*sym)[EMBER_MAX_INDICES],
                      int nsym, unsigned seed, sector_maps *out)
{
    int n = fd->nprops;
    memset(out, 0, sizeof *out);
    out->n = n;
    unsigned *order = malloc(((size_t)1 << n) * sizeof(unsigned));
    int count = fire_order(candidate, sym, nsym, n, order);
    symanzik_t uf;
    symanzik_init(&uf, fd, seed);
    const nmod_mpoly_ctx_struct *ctx = uf.ctx;
    relabellings rel;
    relabellings_find(fd, &rel);
    solver_t s;
    solver_init(&s, fd, &rel);

    sector_polys *unique = malloc(((size_t)count + 1) * sizeof(sector_polys));
    int nunique = 0;
    out->maps = calloc((size_t)count + 1, sizeof(sector_map));
    for (int k = 0; k < count; k++) {
        sector_polys p;
        polys_init(&p, order[k], n, uf.U, uf.F, ctx);
        const nmod_mpoly_struct *const from[2] = { p.U, p.F };
        sector_map *map = &out->maps[out->count];
        s.found = false;
        s.lines = p.lines;
        s.nlines = p.nlines;
        s.map = map;
        for (int u = 0; u < nunique && !s.found; u++) {
            if (unique[u].nlines != p.nlines || unique[u].sums[0] != p.sums[0] || unique[u].sums[1] != p.sums[1])
                continue;
            const nmod_mpoly_struct *const to[2] = { unique[u].U, unique[u].F };
            symmetries_match(from, to, p.lines, unique[u].lines, p.nlines, ctx, try_bijection, &s);
            if (s.found) {
                map->from = p.mask;
                map->to = unique[u].mask;
                out->count++;
            }
        }
        if (s.found)
            polys_clear(&p, ctx);
        else
            unique[nunique++] = p;
    }

    for (int u = 0; u < nunique; u++)
        polys_clear(&unique[u], ctx);
    free(unique);
    fmpq_mat_clear(s.alpha);
    fmpq_mat_clear(s.beta);
    relabellings_clear(&rel);
    symanzik_clear(&uf);
    free(order);
}

void sector_maps_clear(sector_maps *m, const family_def *fd)
{
    for (int k = 0; k < m->count; k++)
        numerators_clear(&m->maps[k], m->n, fd);
    free(m->maps);
    memset(m, 0, sizeof *m);
}
