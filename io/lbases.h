/* LiteRed's .lbases file (FIRE's TransformRules output):
 * {{Lee rules}, {external symmetries}, {internal symmetries}} (old files lack the third). */
#ifndef EMBER_LBASES_H
#define EMBER_LBASES_H

#include "io/diag.h"
#include "kernels/litered.h"

/* Reads path into lr (initialised by the caller). Lee rule coefficients may use the variables
 * (variable_names, their residues already in lr) and xxx[1..n]; symmetry coefficients only
 * the variables. Entries for zero or symmetry-mapped sectors are skipped, as FIRE skips them. */
int lbases_read(const char *path, const family_t *f, int problem_number, const char *const *variable_names,
                int nvariables, litered_t *lr, diag_t *d);

#endif
