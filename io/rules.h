/* FIRE's #rules files: G[pn, {a}] -> {{c1, G[pn, {b1}]}, {c2, G[pn, {b2}]}, ...};
 * each rule states an integral as a combination of others, which become masters. */
#ifndef EMBER_RULES_H
#define EMBER_RULES_H

#include "io/diag.h"
#include "kernels/expr.h"
#include "kernels/rules.h"

/* Reads path; coefficients may use the variables (symbols, evaluated at values modulo m).
 * Returns 0, or -1 with an error naming the line in d. */
int rules_read(const char *path, int problem_number, int n, const expr_symbols_t *symbols,
               const uint64_t *values, const modp_t *m, rule_list *out, diag_t *d);

#endif
