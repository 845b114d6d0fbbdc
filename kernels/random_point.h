/* A random numeric point for a family's symbols (d and the invariants) and the residues of exact
 * coefficients there, modulo a 64-bit prime: how ember checks properties that hold for generic
 * kinematics (zero sectors, symmetries) without symbolic algebra. */
#ifndef EMBER_RANDOM_POINT_H
#define EMBER_RANDOM_POINT_H

#include <flint/fmpq.h>
#include "kernels/ibpgen.h"
#include "kernels/modp.h"

typedef struct {
    fmpq *values;        /* [nsymbols] */
    fmpq **point;        /* pointers into values, as fmpq_mpoly_evaluate_all_fmpq wants */
    int nsymbols;
    modp_t m;
} random_point;

/* Draws the point from seed. */
void random_point_init(random_point *rp, const family_def *fd, unsigned seed);
void random_point_clear(random_point *rp);

/* poly at the point, modulo the prime (0 if a denominator vanishes there). */
uint64_t random_point_residue(const random_point *rp, const fmpq_mpoly_t poly, const family_def *fd);
/* A rational number modulo the prime. */
uint64_t random_point_rational(const random_point *rp, const fmpq_t q);

#endif
