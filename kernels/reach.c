#include "kernels/reach.h"

unsigned family_representative(const family_t *f, sector_mask m)
{
    unsigned sn = f->number[m];
    if (sn != f->virtual_sector)
        return sn;
    for (int g = 0; g < f->nsym; g++) {
        unsigned in = f->number[mask_permute(m, f->sym[g], f->n)];
        if (in != SECTOR_ZERO && in != f->virtual_sector)
            return in;
    }
    return SECTOR_ZERO;
}

static sector_mask bit_of(const family_t *f, int i)
{
    return (sector_mask)1 << (f->n - 1 - i);
}

/* Adds the sector of mask m when it lies below s (same-level LiteRed sectors too for an
 * external symmetry). */
static void add(const family_t *f, unsigned s, sector_mask m, bool external, unsigned *out, size_t *count, bool *seen)
{
    unsigned t = family_representative(f, m);
    if (t < 2 || t == s || seen[t] || !family_sector_below(f, s, t, external))
        return;
    seen[t] = true;
    out[(*count)++] = t;
}

/* Every mask base - X + Y for X a subset of drop and Y a subset of rise. */
static void add_variations(const family_t *f, unsigned s, sector_mask base, sector_mask drop, sector_mask rise,
                           bool external, unsigned *out, size_t *count, bool *seen)
{
    sector_mask both = drop | rise;
    for (sector_mask sub = both;; sub = (sub - 1) & both) {
        sector_mask m = (base & ~(sub & drop)) | (sub & rise);
        add(f, s, m, external, out, count, seen);
        if (sub == 0)
            break;
    }
}

/* An IBP term with shift sh at a seed of s drops a positive index i exactly when sh_i < 0 and
 * the seed has a_i <= -sh_i: any subset of those indices. */
static void reach_by_ibps(const family_t *f, unsigned s, unsigned *out, size_t *count, bool *seen)
{
    sector_mask mask = f->mask_of[s];
    for (int k = 0; k < f->nibps; k++) {
        for (int t = 0; t < f->ibps[k].nterms; t++) {
            sector_mask drop = 0;
            for (int i = 0; i < f->n; i++)
                if (f->ibps[k].terms[t].shift[i] < 0 && mask_positive(f, mask, i))
                    drop |= bit_of(f, i);
            if (drop)
                add_variations(f, s, mask, drop, 0, false, out, count, seen);
        }
    }
}

/* A symmetry sends F(y) to F(perm(y) + shifts): positive where the permuted index is positive,
 * unless a negative shift lowers it; positive elsewhere only where a shift can raise it. */
static void reach_by_symmetry(const family_t *f, unsigned s, const sym_rule *r, bool external, unsigned *out,
                              size_t *count, bool *seen)
{
    sector_mask mask = f->mask_of[s], base = 0, drop = 0, rise = 0;
    for (int j = 0; j < f->n; j++)
        if (r->perm[j] != 0 && mask_positive(f, mask, r->perm[j] - 1))
            base |= bit_of(f, j);
    for (int k = 0; k < r->nfactors; k++)
        for (int t = 0; t < r->factors[k].nterms; t++)
            for (int j = 0; j < f->n; j++) {
                if (r->factors[k].shifts[t][j] < 0 && (base & bit_of(f, j)))
                    drop |= bit_of(f, j);
                if (r->factors[k].shifts[t][j] > 0 && !(base & bit_of(f, j)))
                    rise |= bit_of(f, j);
            }
    add_variations(f, s, base, drop, rise, external, out, count, seen);
}

size_t reach_sectors(const family_t *f, const litered_t *lr, unsigned s, unsigned *out, bool *seen)
{
    size_t count = 0;
    const sector_litered *sl = lr ? &lr->sectors[s] : NULL;
    if (sl && sl->nlee > 0) {
        /* Lee rules are affine maps of the indices: any lower sector (FIRE forbids others) */
        for (unsigned t = 2; t <= f->max_sector; t++)
            add(f, s, f->mask_of[t], false, out, &count, seen);
    } else if (sl && sl->external) {
        reach_by_symmetry(f, s, sl->external, true, out, &count, seen);
    } else {
        reach_by_ibps(f, s, out, &count, seen);
        for (int k = 0; sl && k < sl->ninternal; k++)
            reach_by_symmetry(f, s, &sl->internal[k], false, out, &count, seen);
    }
    for (size_t k = 0; k < count; k++)
        seen[out[k]] = false;
    return count;
}
