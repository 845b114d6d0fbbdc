/* Which sectors a sector's rows can reference, derived from the IBP shifts and the LiteRed
 * data: the only sectors that can send it requests, hence its only forward dependencies. */
#ifndef EMBER_REACH_H
#define EMBER_REACH_H

#include <stdbool.h>
#include <stddef.h>
#include "kernels/family.h"
#include "kernels/litered.h"

/* The numbered sector whose points stand for those of mask m (itself, or the lowest member
 * of its symmetry orbit); 0 for a zero sector. */
unsigned family_representative(const family_t *f, sector_mask m);

/* Writes to out (room for max_sector entries) the sectors other than s that s's rows may
 * reference; returns their number. seen is scratch of max_sector + 1 false entries. */
size_t reach_sectors(const family_t *f, const litered_t *lr, unsigned s, unsigned *out, bool *seen);

#endif
