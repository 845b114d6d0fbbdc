#include "kernels/presolve.h"

#include <stdlib.h>
#include <string.h>
#include "kernels/compat_sort.h"

typedef struct {
    const family_t *f;
    sector_mask s;
} order_ctx;

/* FIRE's vector_smaller_in_sector on shifts: sign-adjusted differences through the ordering. */
static bool shift_smaller(const order_ctx *c, const int8_t *a, const int8_t *b)
{
    if (memcmp(a, b, EMBER_MAX_INDICES) == 0)
        return false;
    return family_vec_smaller_in_sector(c->f, a, b, c->s);
}

static bool term_bigger(const void *a, const void *b, void *ctx)
{
    return shift_smaller(ctx, ((const ibp_term *)b)->shift, ((const ibp_term *)a)->shift);
}

/* Relations with the bigger leading shift first; equal leading shifts: fewer terms first. */
static bool ibp_before(const void *a, const void *b, void *ctx)
{
    const ibp_t *l = a, *r = b;
    if (shift_smaller(ctx, r->terms[0].shift, l->terms[0].shift))
        return true;
    if (shift_smaller(ctx, l->terms[0].shift, r->terms[0].shift))
        return false;
    return l->nterms < r->nterms;
}

/* The single component in which either coefficient vector is nonzero, or -1. */
static int matching_index(const uint64_t *a, const uint64_t *b, int n)
{
    int found = -1;
    for (int k = 0; k <= n; k++) {
        if (a[k] || b[k]) {
            if (found >= 0)
                return -1;
            found = k;
        }
    }
    return found;
}

static void push_term(ibp_t *r, const int8_t *shift, const uint64_t *coeff, int n)
{
    ibp_term *t = &r->terms[r->nterms++];
    memset(t, 0, sizeof *t);
    memcpy(t->shift, shift, EMBER_MAX_INDICES);
    memcpy(t->coeff, coeff, (size_t)(n + 1) * sizeof(uint64_t));
}

/* mul_a * a - mul_b * b, merged by shift in the sector's order. */
static ibp_t combine_ibps(const order_ctx *c, uint64_t mul_a, uint64_t mul_b, const ibp_t *a, const ibp_t *b)
{
    const modp_t *m = &c->f->mod;
    int n = c->f->n;
    ibp_t r = { malloc((size_t)(a->nterms + b->nterms) * sizeof(ibp_term)), 0 };
    int i = 0, j = 0;
    uint64_t v[EMBER_MAX_INDICES + 1];
    while (i + j != a->nterms + b->nterms) {
        if (j == b->nterms || (i != a->nterms && shift_smaller(c, b->terms[j].shift, a->terms[i].shift))) {
            for (int k = 0; k <= n; k++)
                v[k] = modp_mul(mul_a, a->terms[i].coeff[k], m);
            push_term(&r, a->terms[i].shift, v, n);
            i++;
        } else if (i == a->nterms || (j != b->nterms && shift_smaller(c, a->terms[i].shift, b->terms[j].shift))) {
            for (int k = 0; k <= n; k++)
                v[k] = modp_neg(modp_mul(mul_b, b->terms[j].coeff[k], m), m);
            push_term(&r, b->terms[j].shift, v, n);
            j++;
        } else {
            bool nonzero = false;
            for (int k = 0; k <= n; k++) {
                v[k] = modp_sub(modp_mul(mul_a, a->terms[i].coeff[k], m),
                                modp_mul(mul_b, b->terms[j].coeff[k], m), m);
                nonzero |= v[k] != 0;
            }
            if (nonzero)
                push_term(&r, a->terms[i].shift, v, n);
            i++;
            j++;
        }
    }
    return r;
}

static bool shift_is_zero(const int8_t *shift)
{
    static const point_vec zero = { 0 };
    return memcmp(shift, zero, EMBER_MAX_INDICES) == 0;
}

ibp_t *presolve_ibps(const family_t *f, sector_mask s, bool combine, int *count)
{
    order_ctx c = { f, s };
    int n = f->n;
    int total = f->nibps;
    ibp_t *ibps = malloc((size_t)(total ? total : 1) * sizeof(ibp_t));
    for (int i = 0; i < total; i++) {
        ibps[i] = ibp_copy(&f->ibps[i]);
        compat_sort(ibps[i].terms, (size_t)ibps[i].nterms, sizeof(ibp_term), term_bigger, &c);
    }
    if (combine) {
        compat_sort(ibps, (size_t)total, sizeof(ibp_t), ibp_before, &c);
        for (int i = 0; i < total; i++) {
            for (int j = i + 1; j < total; j++) {
                if (memcmp(ibps[i].terms[0].shift, ibps[j].terms[0].shift, EMBER_MAX_INDICES) != 0)
                    break;
                int index = matching_index(ibps[i].terms[0].coeff, ibps[j].terms[0].coeff, n);
                if (index < 0)
                    continue;
                uint64_t mul_i = ibps[j].terms[0].coeff[index];
                uint64_t mul_j = ibps[i].terms[0].coeff[index];
                ibp_t res = combine_ibps(&c, mul_i, mul_j, &ibps[i], &ibps[j]);
                if (res.nterms == 0) {
                    ibp_clear(&res);
                    ibp_clear(&ibps[j]);
                    memmove(&ibps[j], &ibps[j + 1], (size_t)(total - j - 1) * sizeof(ibp_t));
                    total--;
                } else if (shift_is_zero(res.terms[0].shift)) {
                    /* a zero top shift can hide cancelling coefficients: keep relation j */
                    ibp_clear(&res);
                    j++;
                } else {
                    ibp_clear(&ibps[j]);
                    ibps[j] = res;
                    compat_sort(ibps + j, (size_t)(total - j), sizeof(ibp_t), ibp_before, &c);
                }
                j--;
            }
        }
    }
    *count = total;
    return ibps;
}

void presolve_free(ibp_t *ibps, int count)
{
    for (int i = 0; i < count; i++)
        ibp_clear(&ibps[i]);
    free(ibps);
}
