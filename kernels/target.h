/* The reduction of one requested integral, read from its sector's table once the backward
 * stage is done: F(v) = sum_q coeffs[q] M_q over master integrals M_q. */
#ifndef EMBER_TARGET_H
#define EMBER_TARGET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "kernels/family.h"
#include "kernels/sector.h"

typedef struct {
    point_vec v;                  /* the integral as requested */
    point_key key;                /* its own key: a target mapped by symmetry keeps its ID */
    bool zero;                    /* in a zero sector: no terms */
    point_key *master_keys;       /* ascending */
    point_vec *master_v;
    uint64_t *coeffs;
    size_t nterms;
} target_reduction;

/* Reads v's reduction from the tables of sectors (indexed by sector number). */
void target_reduce(const family_t *f, sector_t *const *sectors, const int8_t *v, target_reduction *out);
void target_reduction_clear(target_reduction *r);

#endif
