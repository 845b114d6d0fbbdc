/* The Symanzik polynomials of a family at a random kinematic point: with every index a
 * Feynman parameter x_a, sum_a x_a D_a = k.A.k + 2 k.B + C in the loop momenta k, and
 * U = det A,  F = B.adj(A).B - C det A. The parametric representation depends on the
 * indices only through U and F, so a permutation of the x_a keeping both is a symmetry. */
#ifndef EMBER_SYMANZIK_H
#define EMBER_SYMANZIK_H

#include <flint/nmod_mpoly.h>
#include "kernels/ibpgen.h"
#include "kernels/random_point.h"

/* ctx must have fd->nprops variables and rp's prime; U and F must be initialised in it. */
void symanzik_compute(const family_def *fd, const random_point *rp, nmod_mpoly_t U, nmod_mpoly_t F,
                      const nmod_mpoly_ctx_t ctx);

#endif
