#include "kernels/zero_sectors.h"

#include <stdlib.h>
#include <string.h>
#include <flint/nmod_mat.h>
#include "kernels/family.h"
#include "kernels/modp.h"
#include "kernels/random_point.h"
#include "kernels/symmetries.h"

/* An IBP term at the random point: coefficients mod p. */
typedef struct {
    int8_t shift[EMBER_MAX_INDICES];
    uint64_t coeff[EMBER_MAX_INDICES + 1];
} num_term;

typedef struct {
    num_term **ibps;
    int *nterms;
    int nibps;
    int n;
    modp_t m;
} numeric_system;

static void evaluate(const family_def *fd, const gen_system *sys, unsigned seed, numeric_system *out)
{
    random_point rp;
    random_point_init(&rp, fd, seed);
    out->m = rp.m;
    out->n = sys->nprops;
    out->nibps = sys->nibps;
    out->ibps = malloc((size_t)sys->nibps * sizeof(num_term *));
    out->nterms = malloc((size_t)sys->nibps * sizeof(int));
    for (int k = 0; k < sys->nibps; k++) {
        out->ibps[k] = calloc((size_t)sys->ibps[k].nterms + 1, sizeof(num_term));
        out->nterms[k] = sys->ibps[k].nterms;
        for (int q = 0; q < sys->ibps[k].nterms; q++) {
            memcpy(out->ibps[k][q].shift, sys->ibps[k].terms[q].shift, EMBER_MAX_INDICES);
            for (int j = 0; j <= sys->nprops; j++)
                out->ibps[k][q].coeff[j] = random_point_residue(&rp, &sys->ibps[k].terms[q].coeff[j], fd);
        }
    }
    random_point_clear(&rp);
}

typedef struct {
    point_vec v;
    uint64_t c;
    int row;
} entry_t;

static int entry_cmp(const void *a, const void *b)
{
    return memcmp(((const entry_t *)a)->v, ((const entry_t *)b)->v, EMBER_MAX_INDICES);
}

/* Is the corner of mask isolated by the sector's IBPs, zero sectors' integrals set to zero? */
static bool corner_is_zero(const numeric_system *ns, unsigned mask, const bool *zero)
{
    int n = ns->n;
    const modp_t *m = &ns->m;
    int8_t corner[EMBER_MAX_INDICES] = { 0 };
    for (int i = 0; i < n; i++)
        corner[i] = (mask >> (n - 1 - i)) & 1u ? 1 : 0;
    int8_t seeds[EMBER_MAX_INDICES + 1][EMBER_MAX_INDICES];
    int nseeds = 0;
    memcpy(seeds[nseeds++], corner, EMBER_MAX_INDICES);
    for (int i = 0; i < n; i++) {
        memcpy(seeds[nseeds], corner, EMBER_MAX_INDICES);
        seeds[nseeds++][i] += corner[i] ? 1 : -1;
    }
    size_t cap = 1024, count = 0;
    entry_t *e = malloc(cap * sizeof *e);
    int rows = 0;
    for (int s = 0; s < nseeds; s++) {
        for (int k = 0; k < ns->nibps; k++, rows++) {
            for (int t = 0; t < ns->nterms[k]; t++) {
                const num_term *term = &ns->ibps[k][t];
                uint64_t c = term->coeff[0];
                for (int j = 0; j < n; j++)
                    c = modp_add(c, modp_mul(term->coeff[j + 1], modp_from_si(seeds[s][j], m), m), m);
                if (c == 0)
                    continue;
                point_vec v = { 0 };
                for (int j = 0; j < n; j++)
                    v[j] = (int8_t)(seeds[s][j] + term->shift[j]);
                unsigned tm = mask_of_indices(v, n);
                if ((tm & ~mask) || zero[tm])
                    continue;            /* vanishing coefficient, or an integral known to be zero */
                if (count == cap) {
                    cap *= 2;
                    e = realloc(e, cap * sizeof *e);
                }
                memcpy(e[count].v, v, EMBER_MAX_INDICES);
                e[count].c = c;
                e[count++].row = rows;
            }
        }
    }
    qsort(e, count, sizeof *e, entry_cmp);
    int cols = 0, corner_col = -1;
    int *col = malloc((count + 1) * sizeof(int));
    for (size_t k = 0; k < count; k++) {
        if (k == 0 || memcmp(e[k].v, e[k - 1].v, EMBER_MAX_INDICES) != 0) {
            if (memcmp(e[k].v, corner, EMBER_MAX_INDICES) == 0)
                corner_col = cols;
            cols++;
        }
        col[k] = cols - 1;
    }
    bool isolated = false;
    if (corner_col >= 0) {
        /* the corner's column last: after elimination it holds a pivot exactly when the
         * corner alone is a combination of the rows */
        nmod_mat_t a;
        nmod_mat_init(a, rows, cols, m->mod.n);
        for (size_t k = 0; k < count; k++) {
            int c = col[k] == corner_col ? cols - 1 : col[k] - (col[k] > corner_col);
            uint64_t *x = &nmod_mat_entry(a, e[k].row, c);
            *x = modp_add(*x, e[k].c, m);
        }
        slong rank = nmod_mat_rref(a);
        if (rank > 0) {
            int first = 0;
            while (first < cols && nmod_mat_entry(a, rank - 1, first) == 0)
                first++;
            isolated = first == cols - 1;
        }
        nmod_mat_clear(a);
    }
    free(col);
    free(e);
    return isolated;
}

/* Zero sectors are closed under removing lines (setting x_j = 0 keeps Lee's scaling relation),
 * so a sector above a non-zero one is non-zero: only sectors whose subsectors are all zero are
 * tested. */
static bool subsectors_zero(unsigned mask, int n, const bool *zero)
{
    for (int i = 0; i < n; i++)
        if ((mask >> i & 1u) && !zero[mask & ~(1u << i)])
            return false;
    return true;
}

void zero_sectors_find(const family_def *fd, const gen_system *sys, unsigned seed,
                       const int8_t (*sym)[EMBER_MAX_INDICES], int nsym, bool *zero)
{
    numeric_system ns;
    evaluate(fd, sys, seed, &ns);
    int n = sys->nprops;
    memset(zero, 0, ((size_t)1 << n) * sizeof(bool));   /* a sector's own integrals are unknowns */
    for (int level = 0; level <= n; level++)
        for (unsigned mask = 0; mask < (1u << n); mask++)
            if (__builtin_popcount(mask) == level) {
                unsigned first = symmetries_orbit_min(sym, nsym, n, mask);   /* decided already */
                zero[mask] = first < mask ? zero[first]
                                          : level == 0 || (subsectors_zero(mask, n, zero) && corner_is_zero(&ns, mask, zero));
            }
    for (int k = 0; k < ns.nibps; k++)
        free(ns.ibps[k]);
    free(ns.ibps);
    free(ns.nterms);
}
