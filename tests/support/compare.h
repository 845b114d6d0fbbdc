/* Test support: do two .tables agree? Same masters and, for every reduced integral, the same
 * coefficient of every master, the reference's coefficients (numbers or rational functions)
 * evaluated modulo p at the given point. IDs may differ: integrals are matched by indices. */
#ifndef EMBER_TEST_COMPARE_H
#define EMBER_TEST_COMPARE_H

#include <stddef.h>
#include <stdint.h>
#include "kernels/expr.h"

/* Returns 0 when they agree; otherwise -1 with the first difference in why. */
int compare_tables(const char *reference, const char *candidate, const expr_symbols_t *symbols,
                   const uint64_t *values, uint64_t prime, char *why, size_t whylen);

/* The same when the candidate's propagators are the reference's times -1 (Kira's q^2 - m^2
 * against FIRE's -q^2): each coefficient then differs by (-1)^(sum of target indices - sum of
 * master indices). */
int compare_tables_opposite_propagators(const char *reference, const char *candidate, const expr_symbols_t *symbols,
                                        const uint64_t *values, uint64_t prime, char *why, size_t whylen);

/* Creates EMBER_TEST_WORK/name (fresh) and makes it the current directory; 0 on success. */
int enter_work_dir(const char *work_root, const char *name);

/* 1 if the two files have identical bytes, 0 if not, -1 if one cannot be read. */
int files_identical(const char *a, const char *b);

#endif
