/* Zero sectors found from the IBPs themselves. Sectors are taken from the fewest positive
 * indices up; a sector is zero when its corner integral (positive indices 1, the others 0) is
 * isolated by the sector's own IBPs, seeded at the corner and at its neighbours with one dot or
 * one numerator: some combination of them has the corner as its only term, once the integrals of
 * sectors already found zero are set to zero (those of non-zero sectors stay unknowns). Such a
 * combination proves the corner, hence the sector, zero; a zero sector this seeding cannot
 * isolate stays non-zero, which costs time, not correctness. A sector above a non-zero one is
 * non-zero without a test (zero sectors are closed under removing lines). Checked at a random
 * point modulo a 64-bit prime. */
#ifndef EMBER_ZERO_SECTORS_H
#define EMBER_ZERO_SECTORS_H

#include <stdbool.h>
#include "kernels/ibpgen.h"
#include "kernels/point.h"

/* Writes zero[mask] for every sign pattern of the indices (mask bit n-1-i: index i positive);
 * seed picks the random point. Sectors mapped onto each other by the nsym symmetries (0-based
 * permutations, kernels/symmetries) are equal: one of each orbit is tested. */
void zero_sectors_find(const family_def *fd, const gen_system *sys, unsigned seed,
                       const int8_t (*sym)[EMBER_MAX_INDICES], int nsym, bool *zero);

#endif
