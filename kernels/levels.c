#include "kernels/levels.h"

#include <stdlib.h>
#include <string.h>

void level_points_push(level_points_t *pts, const int8_t *v)
{
    if (pts->count == pts->cap) {
        pts->cap = pts->cap ? 2 * pts->cap : 64;
        pts->v = realloc(pts->v, pts->cap * sizeof(point_vec));
    }
    memcpy(pts->v[pts->count++], v, sizeof(point_vec));
}

/* Distributes `left` units over the indices from i on: dots on positive indices, numerator
 * units on the others (`positive` selects which kind this pass fills). */
static void distribute(const family_t *f, sector_mask s, int8_t *v, int i, int left, bool positive,
                       int numerators_after, level_points_t *out)
{
    int n = f->n;
    while (i < n && mask_positive(f, s, i) != positive)
        i++;
    if (i == n) {
        if (left != 0)
            return;
        if (positive) {
            distribute(f, s, v, 0, numerators_after, false, 0, out);
            return;
        }
        level_points_push(out, v);
        return;
    }
    int base = v[i];
    for (int k = 0; k <= left; k++) {
        if ((positive && base + k > 127) || (!positive && base - k < -128))
            break;
        v[i] = (int8_t)(positive ? base + k : base - k);
        distribute(f, s, v, i + 1, left - k, positive, numerators_after, out);
    }
    v[i] = (int8_t)base;
}

void level_points_append(const family_t *f, const int8_t *corner, int dots, int numerators,
                         level_points_t *out)
{
    point_vec v = { 0 };
    memcpy(v, corner, (size_t)f->n);
    distribute(f, family_mask_of_vec(f, corner), v, 0, dots, true, numerators, out);
}

void level_points(const family_t *f, const int8_t *corner, int dots, int numerators,
                  level_points_t *out)
{
    memset(out, 0, sizeof *out);
    level_points_append(f, corner, dots, numerators, out);
    level_points_unique(out);
}

static int vec_qsort_cmp(const void *a, const void *b)
{
    return point_vec_cmp(a, b);
}

void level_points_unique(level_points_t *pts)
{
    if (pts->count == 0)
        return;
    qsort(pts->v, pts->count, sizeof(point_vec), vec_qsort_cmp);
    size_t out = 0;
    for (size_t i = 0; i < pts->count; i++)
        if (out == 0 || point_vec_cmp(pts->v[out - 1], pts->v[i]) != 0)
            memmove(pts->v[out++], pts->v[i], sizeof(point_vec));
    pts->count = out;
}

void level_points_clear(level_points_t *pts)
{
    free(pts->v);
    memset(pts, 0, sizeof *pts);
}

size_t under_levels(int p0, int m0, level_t *out, size_t cap)
{
    size_t count = 0;
    for (int p = 1; p <= p0; p++)
        for (int m = 1; m <= m0; m++)
            if (count < cap)
                out[count++] = (level_t){ p, m };
    return count;
}

int level_cmp(const level_t *a, const level_t *b)
{
    int sa = a->dots + a->numerators, sb = b->dots + b->numerators;
    if (sa != sb)
        return sa < sb ? -1 : 1;
    if (a->dots != b->dots)
        return a->dots < b->dots ? -1 : 1;
    return 0;
}

void level_seed_points(const family_t *f, const int8_t *corner, int dots, int numerators, level_points_t *out)
{
    memset(out, 0, sizeof *out);
    level_points_append(f, corner, dots, numerators, out);
    if (numerators == 1)
        level_points_append(f, corner, dots, 0, out);
    if (dots == 1)
        level_points_append(f, corner, 0, numerators, out);
    if (dots == 1 && numerators == 1)
        level_points_append(f, corner, 0, 0, out);
    level_points_unique(out);
}
