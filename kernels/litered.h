/* LiteRed's data as FIRE uses it (.lbases): per sector, Lee reduction rules (a sector's
 * integrals expressed directly through lower ones), one external symmetry (a non-LiteRed
 * sector mapped onto lower or same-level LiteRed sectors) and internal symmetries (extra
 * relations inside a sector, written before Laporta). */
#ifndef EMBER_LITERED_H
#define EMBER_LITERED_H

#include <stdbool.h>
#include "kernels/expr.h"
#include "kernels/family.h"
#include "kernels/sector.h"

/* sum_i coef_i a_i + free == 0 (must_vanish) or != 0 (!must_vanish) */
typedef struct {
    int coef[EMBER_MAX_INDICES];
    int free;
    bool must_vanish;
} lee_condition;

/* coeff(a) * F(row * a + shift) */
typedef struct {
    expr_t *coeff;               /* in the family's variables and xxx[1..n] */
    int row[EMBER_MAX_INDICES][EMBER_MAX_INDICES];
    int shift[EMBER_MAX_INDICES];
} lee_term;

typedef struct {
    lee_condition *conds;
    int nconds;
    lee_term *terms;
    int nterms;
} lee_rule;

/* One factor of a symmetry's product: (sum_k c_k x^{v_k})^(-a_idx). */
typedef struct {
    uint64_t *coeffs;
    point_vec *shifts;
    int nterms;
    int index;                   /* 0-based index whose (non-positive) value is the power */
} sym_factor;

/* F(a) -> sum over the expanded product of F(perm(a) + shifts); perm entries are 1-based,
 * 0 putting a zero index there. */
typedef struct {
    int perm[EMBER_MAX_INDICES];
    sym_factor *factors;
    int nfactors;
} sym_rule;

typedef struct {
    lee_rule *lee;
    int nlee;
    sym_rule *external;          /* at most one */
    sym_rule *internal;
    int ninternal;
} sector_litered;

typedef struct {
    sector_litered *sectors;     /* [max_sector + 1] */
    int nsectors;
    uint64_t *values;            /* variable residues, then n slots for a_1..a_n */
    int nvalues;                 /* variables + n */
} litered_t;

void litered_init(litered_t *lr, const family_t *f, const uint64_t *variable_values, int nvariables);
void litered_clear(litered_t *lr);

/* The forward stage through Lee rules or the external symmetry, when sector s has them:
 * returns 1 if it handled the sector, 0 if Laporta must run, -1 on an error (message in err). */
int litered_forward(const family_t *f, litered_t *lr, sector_t *s, char *err, size_t errlen);

/* FIRE's write_symmetries: rows from the sector's internal symmetries for the points of seed
 * level (dots, numerators) that have none yet. Returns the number written, or -1 on an error. */
int litered_internal_rows(const family_t *f, const litered_t *lr, sector_t *s, int dots, int numerators,
                          char *err, size_t errlen);

#endif
