/* IBP relations: templates affine in the indices, and their instantiation at a seed. */
#ifndef EMBER_IBP_H
#define EMBER_IBP_H

#include "kernels/modp.h"
#include "kernels/point.h"

/* One term of an IBP: (c_0 + sum_j c_j a_j) F(a + shift), coefficients as residues. */
typedef struct {
    point_vec shift;
    uint64_t coeff[EMBER_MAX_INDICES + 1];
} ibp_term;

typedef struct {
    ibp_term *terms;
    int nterms;
} ibp_t;

/* The coefficient of a term at seed a. */
uint64_t ibp_term_value(const ibp_term *t, const int8_t *seed, int n, const modp_t *m);

ibp_t ibp_copy(const ibp_t *src);
void ibp_clear(ibp_t *ibp);

#endif
