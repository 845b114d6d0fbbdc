/* The state of one sector through its forward (Laporta) and backward (substitution) stages. */
#ifndef EMBER_SECTOR_H
#define EMBER_SECTOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "kernels/family.h"
#include "kernels/levels.h"
#include "kernels/table.h"

/* A request for the row of a point of another sector. */
typedef struct {
    point_key key;
    point_vec v;
} sector_request_t;

typedef struct {
    unsigned number;
    sector_mask mask;
    int level;                 /* number of positive indices */
    table_t table;
    uint32_t virtual_serial;

    uint32_t *requested;       /* slots asked for by the user or by higher sectors */
    size_t nrequested, requested_cap;

    /* forward results */
    uint32_t *closure;         /* slots whose rows the backward stage finalizes */
    size_t nclosure;
    sector_request_t *lower;   /* points of lower sectors that the closure's rows reference */
    size_t nlower;
    level_t *used_levels;
    size_t nused, used_cap;

    /* statistics */
    uint64_t equations_tried, equations_used, madds, masters;
} sector_t;

/* A term of a relation sum c F = 0 about to become a row. */
typedef struct {
    point_key key;
    point_vec v;
    uint64_t c;
} sector_term;

void sector_init(sector_t *s, const family_t *f, unsigned number);
void sector_clear(sector_t *s);

/* Stores the relation sum c_k F_k = 0 (terms in any order, equal points merged, zeros
 * dropped) as the row of `pivot`, which must be its highest point; the row is made monic.
 * Returns 0, or -1 when the highest remaining point is not the pivot. */
int sector_store_relation(const family_t *f, sector_t *s, sector_term *terms, size_t count,
                          const point_key *pivot, uint8_t level);

/* Makes slot `id` a master: its row says F = G1, G1 the same indices in sector 1. */
void sector_make_master(const family_t *f, sector_t *s, uint32_t id);

/* The slots of s's own points that have rows (what the backward stage finalizes when no
 * closure was computed). */
void sector_close_over_rows(sector_t *s);

/* Asks sector s for the row of point (key, v); level is FIRE's level byte of the request. */
void sector_request(sector_t *s, const point_key *key, const int8_t *v, uint8_t level);

#endif
