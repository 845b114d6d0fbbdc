/* The backward stage of one sector: every row of the forward closure, lowest first, has its
 * non-master terms replaced by their final rows, so that it ends up in masters only. */
#ifndef EMBER_BACKWARD_H
#define EMBER_BACKWARD_H

#include <stddef.h>
#include "kernels/family.h"
#include "kernels/sector.h"

/* sectors[k] is the state of sector number k (lower ones already finished). Returns 0, or -1
 * with a message in err when a referenced point has no final row. */
int backward_run(const family_t *f, sector_t *s, sector_t *const *sectors, char *err, size_t errlen);

#endif
