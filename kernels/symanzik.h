/* The Symanzik polynomials of a family at a random kinematic point: with every index a
 * Feynman parameter x_a, sum_a x_a D_a = k.A.k + 2 k.B + C in the loop momenta k, and
 * U = det A,  F = B.adj(A).B - C det A. The parametric representation depends on the
 * indices only through U and F, so a permutation of the x_a keeping both is a symmetry. */
#ifndef EMBER_SYMANZIK_H
#define EMBER_SYMANZIK_H

#include <flint/nmod_mpoly.h>
#include "kernels/ibpgen.h"
#include "kernels/random_point.h"

typedef struct {
    random_point rp;
    nmod_mpoly_ctx_t ctx;        /* nprops variables x_a, modulo rp's prime */
    nmod_mpoly_t U, F;
} symanzik_t;

/* U and F at the random point drawn from seed. */
void symanzik_init(symanzik_t *s, const family_def *fd, unsigned seed);
void symanzik_clear(symanzik_t *s);

#endif
