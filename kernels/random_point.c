#include "kernels/random_point.h"

#include <stdlib.h>

void random_point_init(random_point *rp, const family_def *fd, unsigned seed)
{
    modp_init(&rp->m, modp_prime_at(1));
    rp->nsymbols = fd->nsymbols;
    rp->values = malloc((size_t)(fd->nsymbols + 1) * sizeof(fmpq));
    rp->point = malloc((size_t)(fd->nsymbols + 1) * sizeof(fmpq *));
    uint64_t x = 0x9E3779B97F4A7C15u ^ seed;
    for (int v = 0; v < fd->nsymbols; v++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        fmpq_init(&rp->values[v]);
        fmpq_set_si(&rp->values[v], (slong)(x % 1000003) + 17, 1);     /* generic values */
        rp->point[v] = &rp->values[v];
    }
}

void random_point_clear(random_point *rp)
{
    for (int v = 0; v < rp->nsymbols; v++)
        fmpq_clear(&rp->values[v]);
    free(rp->values);
    free(rp->point);
}

uint64_t random_point_rational(const random_point *rp, const fmpq_t q)
{
    uint64_t num = fmpz_fdiv_ui(fmpq_numref(q), rp->m.mod.n);
    uint64_t den = fmpz_fdiv_ui(fmpq_denref(q), rp->m.mod.n);
    return den ? modp_mul(num, modp_inv(den, &rp->m), &rp->m) : 0;
}

uint64_t random_point_residue(const random_point *rp, const fmpq_mpoly_t poly, const family_def *fd)
{
    fmpq_t v;
    fmpq_init(v);
    fmpq_mpoly_evaluate_all_fmpq(v, poly, rp->point, fd->ctx);
    uint64_t r = random_point_rational(rp, v);
    fmpq_clear(v);
    return r;
}
