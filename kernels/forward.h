/* The forward stage of one sector: FIRE's Laporta over (dots, numerators) levels.
 *
 * Requested points are reduced level group by level group. Each equation (an IBP at a seed)
 * is reduced against the sector's rows from its highest term down; what is left becomes the
 * row of its highest term, its lower-sector tail masked by a virtual point. Points that no
 * equation reduced by the end of a level group become masters. The stage ends when every
 * requested point and every same-sector point its rows reference has a row; the points of
 * lower sectors those rows reference become the sector's requests to lower sectors. */
#ifndef EMBER_FORWARD_H
#define EMBER_FORWARD_H

#include <stdbool.h>
#include "kernels/family.h"
#include "kernels/litered.h"
#include "kernels/sector.h"

typedef struct {
    bool all_ibps;      /* #allIBP: every IBP at every seed */
    bool presolve;      /* off with #no_presolve */
    bool stop_early;    /* end the stage as soon as every needed point has its row */
    litered_t *litered; /* LiteRed rules and symmetries (.lbases), or NULL */
} forward_options;

/* Runs the forward stage; returns 0, or -1 with a message in err. */
int forward_run(const family_t *f, sector_t *s, const forward_options *opt, char *err, size_t errlen);

#endif
