/* An integral family as FIRE sees it: indices, IBP templates, zero sectors, global
 * permutation symmetries, preferred points, and FIRE's numbering and ordering of sectors. */
#ifndef EMBER_FAMILY_H
#define EMBER_FAMILY_H

#include <stdbool.h>
#include <stdint.h>
#include "kernels/ibp.h"
#include "kernels/modp.h"
#include "kernels/point.h"

/* Sign pattern of the indices: bit (n-1-i) is set when index i is positive (FIRE's SECTOR). */
typedef uint32_t sector_mask;

#define SECTOR_ZERO 0          /* number of a zero sector */
#define SECTOR_UNNUMBERED 0xffff

typedef struct {
    int n;                     /* number of indices */
    int problem_number;
    modp_t mod;

    ibp_t *ibps;
    int nibps;

    int positive_first, positive_last;   /* 1-based range of indices allowed to be positive */
    bool *zero_mask;           /* [1<<n] SBasisR True */
    bool *lsector;             /* [1<<n] SBasisN: a LiteRed sector (reduced by rules, ordered lower) */
    int8_t **ordering_given;   /* [1<<n] SBasisO matrices (n*n), NULL where FIRE's default applies */

    int nsym;                  /* permutations, 0-based; the first one is the identity */
    int8_t (*sym)[EMBER_MAX_INDICES];

    /* filled by family_number_sectors */
    uint16_t *number;          /* [1<<n]: sector number of a mask (0 zero, virtual_sector mapped) */
    uint16_t max_sector;       /* numbered sectors are 2..max_sector */
    uint16_t virtual_sector;   /* shared number of the non-minimal members of symmetry orbits */
    sector_mask *mask_of;      /* [max_sector+1] */
    int8_t **ordering;         /* [max_sector+1] n*n ordering matrix of each numbered sector */
    /* the same matrices as nonzero entries, row by row: terms [row_start[i], row_start[i+1]) */
    struct ordering_term { uint8_t column; int8_t coef; } **ordering_terms;
    uint16_t **ordering_row_start;

    /* preferred points, sorted by (sector, vector) after family_finalize_preferred */
    struct preferred_point { uint16_t sector; point_vec v; } *preferred;
    int npreferred, preferred_cap;
    int *preferred_begin;      /* [max_sector+3]: first preferred entry of each sector number */
    int pos_pref;              /* FIRE's #pos_pref; 1 unless set */
} family_t;

void family_init(family_t *f, int n, uint64_t prime);
void family_clear(family_t *f);

/* The sign pattern of n indices. */
static inline sector_mask mask_of_indices(const int8_t *v, int n)
{
    sector_mask s = 0;
    for (int i = 0; i < n; i++)
        s = (s << 1) | (v[i] > 0 ? 1u : 0u);
    return s;
}

/* The sign pattern of the permuted indices a[perm[0]], ..., a[perm[n-1]]. */
static inline sector_mask mask_permute(sector_mask s, const int8_t *perm, int n)
{
    sector_mask r = 0;
    for (int i = 0; i < n; i++)
        r = (r << 1) | ((s >> (n - 1 - perm[i])) & 1u);
    return r;
}

static inline sector_mask family_mask_of_vec(const family_t *f, const int8_t *v)
{
    return mask_of_indices(v, f->n);
}

static inline bool mask_positive(const family_t *f, sector_mask s, int i)
{
    return (s >> (f->n - 1 - i)) & 1u;
}

int mask_level(sector_mask s);

/* Numbers the non-zero sectors as FIRE does; returns 0, or -1 with a message in err. */
int family_number_sectors(family_t *f, char *err, size_t errlen);

static inline bool family_is_lsector(const family_t *f, unsigned sn)
{
    return f->lsector[f->mask_of[sn]];
}

/* Is numbered sector t below sector s: fewer positive indices, or, when same_level_lsector,
 * as many and t a LiteRed sector? Where rules and symmetries may send integrals. */
static inline bool family_sector_below(const family_t *f, unsigned s, unsigned t, bool same_level_lsector)
{
    int ls = mask_level(f->mask_of[s]), lt = mask_level(f->mask_of[t]);
    return lt < ls || (same_level_lsector && lt == ls && family_is_lsector(f, t));
}

/* The ordering rows of a vector in numbered sector sn (degrees times the matrix). */
void family_rows(const family_t *f, unsigned sn, const int8_t *v, int *row);

bool family_is_preferred(const family_t *f, unsigned sn, const int8_t *v);
void family_add_preferred(family_t *f, const int8_t *v);
/* FIRE's default preferred points (corners, or more with #pos_pref) for sectors without any,
 * at the point of the config where #integrals stands; then sorts the set. */
void family_finalize_preferred(family_t *f);
/* Sorts the preferred points again after more were added; call before any key is built. */
void family_sort_preferred(family_t *f);

/* The key of v in its own sector (no symmetry mapping); v's sector must be numbered. */
point_key family_key(const family_t *f, const int8_t *v);
/* The same when the ordering rows of v in its numbered sector sn are already known. */
point_key family_key_rows(const family_t *f, unsigned sn, const int8_t *v, const int *row);

/* FIRE's point_reference: maps v to the lowest member of its symmetry orbit and returns its
 * key, writing the representative to rep; returns a zero key for a zero sector. */
point_key family_reference(const family_t *f, const int8_t *v, int8_t *rep);

/* The corner of a sector: 1 on positive indices, 0 elsewhere. */
void family_corner(const family_t *f, sector_mask s, int8_t *v);

/* Dots (sum of a_i - 1 over positive indices) and numerator units (sum of -a_i elsewhere). */
void point_vec_level(const int8_t *v, int n, int *dots, int *numerators);

/* FIRE's comparison of two vectors of one sector by that sector's ordering (unit entries). */
bool family_vec_smaller_in_sector(const family_t *f, const int8_t *a, const int8_t *b, sector_mask s);

#endif
