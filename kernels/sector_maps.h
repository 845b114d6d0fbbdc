/* Sectors that are other sectors in other momenta. A sector S is mapped onto a sector S' with
 * as many lines when a change of momenta phi (loop momenta k -> A k + B p with det A = +-1, and
 * a relabelling p -> C p of the external momenta that keeps every invariant p_e.p_f) turns each
 * line of S into a line of S' (q -> +-q', same mass). Then every integral of S equals one of S'
 * with the lines renamed and each numerator D_j (j not a line of S) replaced by D_j after phi,
 * a linear combination of the family's D_b: LiteRed's external symmetries (FIRE's .lbases,
 * part 2). They hold where the family as a whole has no symmetry, e.g. between the subsectors
 * of the non-planar double box. Candidate line bijections are those carrying the Symanzik
 * polynomials of S onto those of S' (kernels/symmetries); phi is then solved exactly. */
#ifndef EMBER_SECTOR_MAPS_H
#define EMBER_SECTOR_MAPS_H

#include <stdbool.h>
#include "kernels/ibpgen.h"

typedef struct {
    unsigned from, to;                   /* masks: bit n-1-i set when index i is positive */
    int8_t line_to[EMBER_MAX_INDICES];   /* line i of from -> line of to; -1 for the other indices */
    fmpq_mpoly_struct *numerator;        /* [n][n+1]: row j (j not a line of from) is D_j after phi,
                                          * sum_b c_b D_b + c_n; the rows of lines are zero */
} sector_map;

typedef struct {
    sector_map *maps;
    int count;
    int n;
} sector_maps;

/* Takes one sector of each orbit (under the nsym global symmetries, 0-based, identity first)
 * holding a candidate, the orbit's first in FIRE's order (fewer lines first, then
 * reverse-lexicographic): the one FIRE numbers. Maps each onto an earlier one of as many lines
 * when it can, so that every target is itself unmapped; the whole orbit of a mapped sector must
 * then lose its SBasisN mark, for FIRE to keep that representative. seed picks the random point
 * of the polynomial test. */
void sector_maps_find(const family_def *fd, const bool *candidate, const int8_t (*sym)[EMBER_MAX_INDICES],
                      int nsym, unsigned seed, sector_maps *out);
void sector_maps_clear(sector_maps *m, const family_def *fd);

static inline fmpq_mpoly_struct *sector_map_numerator(const sector_map *m, int n, int j)
{
    return m->numerator + (size_t)j * (size_t)(n + 1);
}

#endif
