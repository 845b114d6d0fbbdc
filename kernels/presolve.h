/* Per-sector preparation of the IBP templates (FIRE's "presolve"): terms sorted by the
 * sector's ordering, relations sorted by their leading shift, and relations sharing a leading
 * shift combined so that their leading coefficient cancels where a single monomial allows. */
#ifndef EMBER_PRESOLVE_H
#define EMBER_PRESOLVE_H

#include <stdbool.h>
#include "kernels/family.h"

/* A prepared copy of the family's IBPs for sector s; *count receives their number. */
ibp_t *presolve_ibps(const family_t *f, sector_mask s, bool combine, int *count);
void presolve_free(ibp_t *ibps, int count);

#endif
