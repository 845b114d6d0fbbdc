/* FIRE's .start files (Mathematica Save output): the IBP system of one family. */
#ifndef EMBER_START_H
#define EMBER_START_H

#include "io/diag.h"
#include "kernels/expr.h"
#include "kernels/family.h"

/* Reads `path` into f: the number of indices, the IBPs with coefficients evaluated at
 * `values` of `symbols` modulo f's prime (f is initialised here with `prime`), the zero
 * sectors and the global symmetries. Returns 0, or -1 with an error in d. */
int start_read(const char *path, uint64_t prime, const expr_symbols_t *symbols,
               const uint64_t *values, family_t *f, diag_t *d);

#endif
