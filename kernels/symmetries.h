/* A family's global symmetries: the permutations sigma of the indices with
 * U(x_sigma(1), ..., x_sigma(n)) = U and the same for F (kernels/symanzik), so that
 * F(a_1..a_n) = F(a_sigma(1)..a_sigma(n)) for every integral: FIRE's SBasisS. Checked at a random
 * kinematic point modulo a 64-bit prime; candidates are pruned by what each pair of parameters
 * contributes to U and F, which any symmetry must preserve. */
#ifndef EMBER_SYMMETRIES_H
#define EMBER_SYMMETRIES_H

#include <stdbool.h>
#include <flint/nmod_mpoly.h>
#include "kernels/ibpgen.h"

/* Called with each bijection found (perm[src[k]] in dst, other entries the identity); returns
 * true to stop the search. */
typedef bool (*symmetries_visit)(const int8_t *perm, void *arg);

/* Visits, in lexicographic order, the bijections perm of the variables src[0..m) onto dst[0..m)
 * such that to[u] is from[u] with each x_i renamed x_perm(i), for u = U, F. from must not use
 * variables outside src, nor to outside dst. */
void symmetries_match(const nmod_mpoly_struct *const from[2], const nmod_mpoly_struct *const to[2], const int *src,
                      const int *dst, int m, const nmod_mpoly_ctx_t ctx, symmetries_visit visit, void *arg);

/* Returns the number of symmetries found (at least 1, the identity, first) and sets *out to a
 * malloc'd array of them, 0-based: image[i] = a[perm[i]] as in FIRE's SBasisS. */
int symmetries_find(const family_def *fd, unsigned seed, int8_t (**out)[EMBER_MAX_INDICES]);

/* The smallest image of a sector mask (bit n-1-i: index i positive) under the symmetries. */
unsigned symmetries_orbit_min(const int8_t (*sym)[EMBER_MAX_INDICES], int nsym, int n, unsigned mask);

#endif
