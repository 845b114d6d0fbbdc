/* Rules that fix masters (FIRE's #rules): F(lhs) = sum c_k F(rhs_k). The right-hand sides
 * become masters, the left-hand side gets its row in them directly, and both sides become
 * preferred points. */
#ifndef EMBER_RULES_KERNEL_H
#define EMBER_RULES_KERNEL_H

#include "kernels/family.h"
#include "kernels/sector.h"

typedef struct {
    point_vec lhs;
    point_vec *rhs;
    uint64_t *coeffs;
    int nrhs;
    int line;
} rule_t;

typedef struct {
    rule_t *rules;
    int count;
} rule_list;

void rule_list_clear(rule_list *l);

/* Both sides of every rule become preferred points (before the keys are built). */
void rules_add_preferred(family_t *f, const rule_list *l);

/* Writes the rules' rows into the sectors' tables before the reduction, as FIRE does at
 * parse time: master rows for right-hand sides, then each left-hand side's row in those
 * masters. A rule whose left-hand side is zero is ignored. */
void rules_preload(const family_t *f, sector_t **sectors, const rule_list *l);

#endif
