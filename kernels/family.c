#include "kernels/family.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kernels/compat_sort.h"
#include "kernels/levels.h"

void family_init(family_t *f, int n, uint64_t prime)
{
    memset(f, 0, sizeof *f);
    f->n = n;
    modp_init(&f->mod, prime);
    f->positive_first = 1;
    f->positive_last = n;
    f->zero_mask = calloc((size_t)1 << n, sizeof(bool));
    f->lsector = calloc((size_t)1 << n, sizeof(bool));
    f->ordering_given = calloc((size_t)1 << n, sizeof(int8_t *));
    f->pos_pref = 1;
}

void family_clear(family_t *f)
{
    for (int i = 0; i < f->nibps; i++)
        ibp_clear(&f->ibps[i]);
    free(f->ibps);
    free(f->zero_mask);
    free(f->lsector);
    if (f->ordering_given)
        for (size_t m = 0; m < (size_t)1 << f->n; m++)
            free(f->ordering_given[m]);
    free(f->ordering_given);
    free(f->sym);
    free(f->number);
    if (f->ordering)
        for (unsigned s = 0; s <= f->max_sector; s++)
            free(f->ordering[s]);
    free(f->ordering);
    if (f->ordering_terms)
        for (unsigned s = 0; s <= f->max_sector; s++) {
            free(f->ordering_terms[s]);
            free(f->ordering_row_start[s]);
        }
    free(f->ordering_terms);
    free(f->ordering_row_start);
    free(f->mask_of);
    free(f->preferred);
    free(f->preferred_begin);
    memset(f, 0, sizeof *f);
}

int mask_level(sector_mask s)
{
    return __builtin_popcount(s);
}

/* FIRE's sector order: fewer positive indices first, then LiteRed sectors (lsectors) below
 * the others, then reverse-lexicographic on the +-1 vectors from the last index. */
static bool sector_less(const family_t *f, sector_mask a, sector_mask b)
{
    int la = mask_level(a), lb = mask_level(b);
    if (la != lb)
        return la < lb;
    if (f->lsector[a] != f->lsector[b])
        return f->lsector[a];
    for (int i = f->n - 1; i >= 0; i--) {
        int va = mask_positive(f, a, i), vb = mask_positive(f, b, i);
        if (va != vb)
            return va < vb;
    }
    return false;
}

static bool sector_less_cb(const void *a, const void *b, void *ctx)
{
    return sector_less(ctx, *(const sector_mask *)a, *(const sector_mask *)b);
}

/* The orbit images FIRE keeps: no positive index beyond the #problem range. */
static bool image_in_range(const family_t *f, sector_mask s)
{
    for (int i = f->positive_last; i < f->n; i++)
        if (mask_positive(f, s, i))
            return false;
    return true;
}

static bool mask_in_range(const family_t *f, sector_mask s)
{
    for (int i = 0; i < f->n; i++)
        if (mask_positive(f, s, i) && (i + 1 < f->positive_first || i + 1 > f->positive_last))
            return false;
    return true;
}

static void make_ordering(const family_t *f, sector_mask s, int8_t *mat)
{
    int n = f->n;
    int last_pos = -1, last_neg = -1;
    for (int i = 0; i < n; i++) {
        if (mask_positive(f, s, i))
            last_pos = i;
        else
            last_neg = i;
    }
    memset(mat, 0, (size_t)n * n);
    int row = 0;
    for (int j = 0; j < n; j++)
        mat[j] = 1;                       /* total dots + numerators */
    row++;
    if (last_pos < 0 || last_neg < 0) {   /* all positive or all non-positive */
        for (int i = 0; i + 1 < n; i++, row++)
            mat[row * n + i] = 1;
        return;
    }
    for (int j = 0; j < n; j++)
        mat[row * n + j] = mask_positive(f, s, j) ? 0 : 1;   /* total numerators */
    row++;
    /* unit rows for positive indices; for non-positive ones, the numerators after them */
    for (int i = 0; i + 1 < n; i++) {
        if (mask_positive(f, s, i)) {
            if (i != last_pos)
                mat[row++ * n + i] = 1;
        } else if (i != last_neg) {
            for (int j = i + 1; j < n; j++)
                mat[row * n + j] = mask_positive(f, s, j) ? 0 : 1;
            row++;
        }
    }
}

/* A symmetry must send zero sectors to zero sectors: one that does not is not a symmetry of
 * the family, and orbit minima would be lost. Returns the offending (sector, image) or false. */
static bool symmetry_breaks_zero(const family_t *f, int g, sector_mask *from, sector_mask *to)
{
    for (sector_mask s = 0; s < ((sector_mask)1 << f->n); s++) {
        sector_mask image = mask_permute(s, f->sym[g], f->n);
        if (mask_in_range(f, s) && image_in_range(f, image) && f->zero_mask[s] != f->zero_mask[image]) {
            *from = s;
            *to = image;
            return true;
        }
    }
    return false;
}

static void write_mask(const family_t *f, sector_mask s, char *out)
{
    for (int i = 0; i < f->n; i++)
        out[i] = mask_positive(f, s, i) ? '1' : '0';
    out[f->n] = '\0';
}

int family_number_sectors(family_t *f, char *err, size_t errlen)
{
    int n = f->n;
    size_t nmasks = (size_t)1 << n;
    for (int g = 0; g < f->nsym; g++) {
        sector_mask from, to;
        if (symmetry_breaks_zero(f, g, &from, &to)) {
            char a[EMBER_MAX_INDICES + 1], b[EMBER_MAX_INDICES + 1];
            write_mask(f, from, a);
            write_mask(f, to, b);
            snprintf(err, errlen, "SBasisS: symmetry %d maps sector %s onto %s, but only one of them is zero "
                     "(SBasisR): not a symmetry of the family", g + 1, a, b);
            return -1;
        }
    }
    f->number = malloc(nmasks * sizeof(uint16_t));
    sector_mask *all = malloc(nmasks * sizeof(sector_mask));
    size_t count = 0;
    for (size_t s = 0; s < nmasks; s++) {
        if (!mask_in_range(f, (sector_mask)s))
            f->lsector[s] = false;
        bool nonzero = mask_in_range(f, (sector_mask)s) && !f->zero_mask[s];
        f->number[s] = nonzero ? SECTOR_UNNUMBERED : SECTOR_ZERO;
        if (nonzero)
            all[count++] = (sector_mask)s;
    }
    compat_sort(all, count, sizeof(sector_mask), sector_less_cb, f);

    f->mask_of = malloc((count + 3) * sizeof(sector_mask));
    f->mask_of[0] = f->mask_of[1] = 0;
    unsigned current = 2;
    int status = 0;
    for (size_t k = 0; k < count && status == 0; k++) {
        if (mask_level(all[k]) > 15) {
            snprintf(err, errlen, "sector with %d positive indices: at most 15 are supported",
                     mask_level(all[k]));
            status = -1;
            break;
        }
        sector_mask lowest = all[k];
        for (int g = 0; g < f->nsym; g++) {
            sector_mask image = mask_permute(all[k], f->sym[g], f->n);
            if (image_in_range(f, image) && sector_less(f, image, lowest))
                lowest = image;
        }
        if (f->number[lowest] == SECTOR_UNNUMBERED) {
            if (current >= EMBER_MAX_SECTOR) {     /* the virtual sector needs the next number */
                snprintf(err, errlen, "more than %d non-zero sectors: a point's key holds 2 x sector in 16 bits "
                         "(FIRE's limit too); mark zero sectors (SBasisR) or narrow the #problem range",
                         EMBER_MAX_SECTOR - 2);
                status = -1;
                break;
            }
            f->number[lowest] = (uint16_t)current;
            f->mask_of[current++] = lowest;
        }
    }
    f->virtual_sector = (uint16_t)current;
    f->max_sector = (uint16_t)(current - 1);
    for (size_t k = 0; k < count; k++)
        if (f->number[all[k]] == SECTOR_UNNUMBERED)
            f->number[all[k]] = f->virtual_sector;
    free(all);
    if (status != 0)
        return status;
    if (f->max_sector < 2) {
        snprintf(err, errlen, "every sector is zero: nothing to reduce");
        return -1;
    }
    f->ordering = calloc((size_t)f->max_sector + 1, sizeof(int8_t *));
    f->ordering_terms = calloc((size_t)f->max_sector + 1, sizeof *f->ordering_terms);
    f->ordering_row_start = calloc((size_t)f->max_sector + 1, sizeof *f->ordering_row_start);
    for (unsigned s = 2; s <= f->max_sector; s++) {
        f->ordering[s] = malloc((size_t)n * n);
        if (f->ordering_given[f->mask_of[s]])
            memcpy(f->ordering[s], f->ordering_given[f->mask_of[s]], (size_t)n * n);
        else
            make_ordering(f, f->mask_of[s], f->ordering[s]);
        f->ordering_terms[s] = malloc((size_t)n * n * sizeof(struct ordering_term));
        f->ordering_row_start[s] = malloc(((size_t)n + 1) * sizeof(uint16_t));
        uint16_t k = 0;
        for (int i = 0; i < n; i++) {
            f->ordering_row_start[s][i] = k;
            for (int j = 0; j < n; j++)
                if (f->ordering[s][i * n + j])
                    f->ordering_terms[s][k++] = (struct ordering_term){ (uint8_t)j, f->ordering[s][i * n + j] };
        }
        f->ordering_row_start[s][n] = k;
    }
    return 0;
}

void point_vec_level(const int8_t *v, int n, int *dots, int *numerators)
{
    int p = 0, m = 0;
    for (int i = 0; i < n; i++) {
        if (v[i] > 0)
            p += v[i] - 1;
        else
            m -= v[i];
    }
    *dots = p;
    *numerators = m;
}

void family_rows(const family_t *f, unsigned sn, const int8_t *v, int *row)
{
    int n = f->n;
    int deg[EMBER_MAX_INDICES];
    for (int j = 0; j < n; j++)
        deg[j] = v[j] > 0 ? v[j] - 1 : -v[j];
    const struct ordering_term *terms = f->ordering_terms[sn];
    const uint16_t *start = f->ordering_row_start[sn];
    for (int i = 0; i < n; i++) {
        int r = 0;
        for (uint16_t k = start[i]; k < start[i + 1]; k++)
            r += terms[k].coef * deg[terms[k].column];
        row[i] = r;
    }
}

static int preferred_cmp(const struct preferred_point *a, const struct preferred_point *b)
{
    if (a->sector != b->sector)
        return a->sector < b->sector ? -1 : 1;
    return point_vec_cmp(a->v, b->v);
}

static int preferred_qsort_cmp(const void *a, const void *b)
{
    return preferred_cmp(a, b);
}

bool family_is_preferred(const family_t *f, unsigned sn, const int8_t *v)
{
    if (!f->preferred_begin || sn > (unsigned)f->max_sector + 1)
        return false;
    for (int k = f->preferred_begin[sn]; k < f->preferred_begin[sn + 1]; k++)
        if (memcmp(f->preferred[k].v, v, (size_t)f->n) == 0)
            return true;
    return false;
}

void family_add_preferred(family_t *f, const int8_t *v)
{
    unsigned sn = f->number[family_mask_of_vec(f, v)];
    if (f->npreferred == f->preferred_cap) {
        f->preferred_cap = f->preferred_cap ? 2 * f->preferred_cap : 64;
        f->preferred = realloc(f->preferred, (size_t)f->preferred_cap * sizeof *f->preferred);
    }
    struct preferred_point *p = &f->preferred[f->npreferred++];
    memset(p, 0, sizeof *p);
    p->sector = (uint16_t)sn;
    memcpy(p->v, v, (size_t)f->n);
}

void family_corner(const family_t *f, sector_mask s, int8_t *v)
{
    memset(v, 0, EMBER_MAX_INDICES);
    for (int i = 0; i < f->n; i++)
        v[i] = mask_positive(f, s, i) ? 1 : 0;
}

void family_finalize_preferred(family_t *f)
{
    if (f->npreferred > 0)
        qsort(f->preferred, (size_t)f->npreferred, sizeof *f->preferred, preferred_qsort_cmp);
    /* FIRE adds defaults to sectors 2 .. max_sector-1 (its loop stops before the top one) */
    bool *has = calloc((size_t)f->max_sector + 2, sizeof(bool));
    for (int i = 0; i < f->npreferred; i++)
        if (f->preferred[i].sector <= f->max_sector)
            has[f->preferred[i].sector] = true;
    int width = abs(f->pos_pref);
    for (unsigned s = 2; s < f->max_sector; s++) {
        if (has[s])
            continue;
        int8_t corner[EMBER_MAX_INDICES];
        family_corner(f, f->mask_of[s], corner);
        for (int j = 0; j <= width; j++) {
            level_points_t pts;
            level_points(f, corner, f->pos_pref > 0 ? j : 0, f->pos_pref > 0 ? 0 : j, &pts);
            for (size_t k = 0; k < pts.count; k++) {
                const int8_t *v = pts.v[k];
                bool add = true;
                for (int i = 0; f->pos_pref > 0 && i < f->n; i++)
                    if (v[i] > f->pos_pref)
                        add = false;
                if (add)
                    family_add_preferred(f, v);
            }
            level_points_clear(&pts);
        }
    }
    free(has);
    family_sort_preferred(f);
}

void family_sort_preferred(family_t *f)
{
    if (f->npreferred > 0)
        qsort(f->preferred, (size_t)f->npreferred, sizeof *f->preferred, preferred_qsort_cmp);
    int out = 0;
    for (int i = 0; i < f->npreferred; i++)
        if (out == 0 || preferred_cmp(&f->preferred[out - 1], &f->preferred[i]) != 0)
            f->preferred[out++] = f->preferred[i];
    f->npreferred = out;
    /* where each sector's entries start, for the lookups that build keys */
    unsigned top = (unsigned)f->max_sector + 2;
    f->preferred_begin = realloc(f->preferred_begin, ((size_t)top + 1) * sizeof(int));
    int k = 0;
    for (unsigned sn = 0; sn <= top; sn++) {
        while (k < f->npreferred && f->preferred[k].sector < sn)
            k++;
        f->preferred_begin[sn] = k;
    }
}

point_key family_key(const family_t *f, const int8_t *v)
{
    unsigned sn = f->number[family_mask_of_vec(f, v)];
    if (sn == EMBER_MASTER_SECTOR || sn == f->virtual_sector)
        return point_key_raw(sn, v, f->n);
    int row[EMBER_MAX_INDICES];
    family_rows(f, sn, v, row);
    return family_key_rows(f, sn, v, row);
}

point_key family_key_rows(const family_t *f, unsigned sn, const int8_t *v, const int *row)
{
    return point_key_ordered(sn, !family_is_preferred(f, sn, v), row, f->n);
}

bool family_vec_smaller_in_sector(const family_t *f, const int8_t *a, const int8_t *b, sector_mask s)
{
    int n = f->n;
    int d[EMBER_MAX_INDICES];
    for (int j = 0; j < n; j++)
        d[j] = mask_positive(f, s, j) ? a[j] - b[j] : b[j] - a[j];
    unsigned sn = f->number[s];
    const int8_t *mat = f->ordering[sn];
    for (int i = 0; i < n; i++) {
        int pr = 0;
        for (int j = 0; j < n; j++)
            if (mat[i * n + j] == 1)
                pr += d[j];
        if (pr != 0)
            return pr < 0;
    }
    return false;
}

point_key family_reference(const family_t *f, const int8_t *v, int8_t *rep)
{
    int n = f->n;
    sector_mask s = family_mask_of_vec(f, v);
    unsigned sn = f->number[s];
    memset(rep, 0, EMBER_MAX_INDICES);
    memcpy(rep, v, (size_t)n);
    if (sn == SECTOR_ZERO) {
        point_key zero = { { 0, 0, 0 } };
        return zero;
    }
    if (f->nsym > 1) {
        sector_mask best_mask = s;
        unsigned best_sn = sn;
        for (int g = 0; g < f->nsym; g++) {
            int8_t image[EMBER_MAX_INDICES] = { 0 };
            for (int i = 0; i < n; i++)
                image[i] = v[f->sym[g][i]];
            sector_mask image_mask = family_mask_of_vec(f, image);
            unsigned image_sn = f->number[image_mask];
            if (image_sn == f->virtual_sector || image_sn == SECTOR_ZERO)
                continue;
            if (best_sn == f->virtual_sector) {
                best_sn = image_sn;
                best_mask = image_mask;
                memcpy(rep, image, EMBER_MAX_INDICES);
                continue;
            }
            if (image_mask == best_mask && family_vec_smaller_in_sector(f, image, rep, best_mask))
                memcpy(rep, image, EMBER_MAX_INDICES);
        }
    }
    return family_key(f, rep);
}
