/* Laporta "levels" of a sector: points with a given number of dots and numerator units,
 * and FIRE's schedule of seed levels. */
#ifndef EMBER_LEVELS_H
#define EMBER_LEVELS_H

#include <stddef.h>
#include "kernels/family.h"

typedef struct {
    point_vec *v;
    size_t count, cap;
} level_points_t;

/* Appends the points of corner's sector with exactly `dots` dots and `numerators` numerator
 * units. Callers sort with level_points_unique, as FIRE keeps such sets ordered. */
void level_points_append(const family_t *f, const int8_t *corner, int dots, int numerators,
                         level_points_t *out);

/* level_points_append into an empty set, then sorted and unique. */
void level_points(const family_t *f, const int8_t *corner, int dots, int numerators,
                  level_points_t *out);

/* FIRE's seeds of level (dots, numerators): its points, and with one numerator (one dot) those
 * of the same dots (numerators) and none, sorted and unique; out starts empty. */
void level_seed_points(const family_t *f, const int8_t *corner, int dots, int numerators, level_points_t *out);

void level_points_push(level_points_t *pts, const int8_t *v);
/* Sorts in FIRE's point_fast order (unsigned bytes) and removes duplicates. */
void level_points_unique(level_points_t *pts);
void level_points_clear(level_points_t *pts);

typedef struct { int dots, numerators; } level_t;

/* FIRE's under_levels(p0, m0): every (p, m) with 1 <= p <= p0 and 1 <= m <= m0. */
size_t under_levels(int p0, int m0, level_t *out, size_t cap);

/* FIRE's level order: smaller dots+numerators first, then fewer dots. */
int level_cmp(const level_t *a, const level_t *b);

#endif
