/* Writing a FIRE .start file from generated IBPs, so that FIRE users can use ember's families. */
#ifndef EMBER_START_WRITE_H
#define EMBER_START_WRITE_H

#include <stdbool.h>
#include "io/diag.h"
#include "kernels/ibpgen.h"

/* zero[mask] marks the zero sectors (mask bit n-1-i set when index i is positive); sym holds
 * nsym permutations (0-based, the identity first) written as SBasisS; lsector, when not NULL,
 * marks the sectors written as SBasisN (those an .lbases file may map other sectors onto). */
int start_write(const char *path, const family_def *fd, const gen_system *sys, const bool *zero,
                const int8_t (*sym)[EMBER_MAX_INDICES], int nsym, const bool *lsector, diag_t *d);

#endif
