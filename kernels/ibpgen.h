/* IBP relations from an integral family as physicists write it: propagators D_a = q_a^2 - m_a^2
 * with q_a a combination of loop momenta k_i and independent external momenta p_e. Each
 * identity  int d/dk_i . v (1 / prod D_a^{a_a}) = 0,  v in {k_1..k_L, p_1..p_E}, is expressed
 * in the D_a, which needs the propagators to be a basis of the L(L+1)/2 + L E scalar products
 * k.k and k.p. Coefficients are exact polynomials in d and the invariants, affine in the
 * indices: exactly FIRE's SBasis0C form. */
#ifndef EMBER_IBPGEN_H
#define EMBER_IBPGEN_H

#include <stddef.h>
#include <flint/fmpq.h>
#include <flint/fmpq_mpoly.h>
#include "kernels/point.h"

typedef struct {
    int nloops, nexternal;        /* loop momenta, independent external momenta */
    int nprops;
    fmpq *momenta;                /* [nprops][nloops + nexternal]: coefficients of q_a */
    fmpq_mpoly_struct *mass2;     /* [nprops]: m_a^2 */
    fmpq_mpoly_struct *external;  /* [nexternal][nexternal]: p_e . p_f */
    fmpq *legs;                   /* [nlegs][nexternal]: every external momentum as declared, in the p_e */
    int nlegs;
    const char **symbols;         /* "d", then the invariants: the variables of the polynomials */
    int nsymbols;
    fmpq_mpoly_ctx_t ctx;
} family_def;

/* sum_j coeff[j] a_j + coeff[0] times F(a + shift); coeff has nprops + 1 entries. */
typedef struct {
    point_vec shift;
    fmpq_mpoly_struct *coeff;
} gen_term;

typedef struct {
    gen_term *terms;
    int nterms;
} gen_ibp;

typedef struct {
    gen_ibp *ibps;
    int nibps;
    int nprops;
} gen_system;

/* Allocates the definition's arrays for the given sizes, all zero. */
void family_def_init(family_def *fd, int nloops, int nexternal, int nprops, const char **symbols, int nsymbols);
void family_def_clear(family_def *fd);
/* Allocates legs for nlegs external momenta, all zero. */
void family_def_set_legs(family_def *fd, int nlegs);
static inline fmpq *family_def_leg(const family_def *fd, int leg, int e)
{
    return fd->legs + (size_t)leg * (size_t)fd->nexternal + (size_t)e;
}
static inline fmpq *family_def_momentum(const family_def *fd, int prop, int k)
{
    return fd->momenta + (size_t)prop * (size_t)(fd->nloops + fd->nexternal) + (size_t)k;
}

/* Builds the L(L+E) IBPs. Returns 0, or -1 with a message in err when the propagators are not
 * a basis of the scalar products. */
int ibpgen_build(const family_def *fd, gen_system *out, char *err, size_t errlen);
void gen_system_clear(gen_system *s, const family_def *fd);

/* q^2 for q = sum_i q[i] k_i + sum_e q[L + e] p_e as sum_b out[b] D_b + out[nprops] (out holds
 * nprops + 1 initialised polynomials): how a numerator reads after a change of momenta.
 * Returns -1 with a message in err when the propagators are no basis. */
int ibpgen_square(const family_def *fd, const fmpq *q, fmpq_mpoly_struct *out, char *err, size_t errlen);

#endif
