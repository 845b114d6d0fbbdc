/* Writing sector maps (kernels/sector_maps) as a FIRE .lbases file: LiteRed's external
 * symmetries, {{}, {symmetries}, {}}, for the sectors the .start marks unmapped (SBasisN). */
#ifndef EMBER_LBASES_WRITE_H
#define EMBER_LBASES_WRITE_H

#include "io/diag.h"
#include "kernels/sector_maps.h"

/* Entries are written for #problem number problem_number. */
int lbases_write(const char *path, const family_def *fd, const sector_maps *maps, int problem_number, diag_t *d);

#endif
