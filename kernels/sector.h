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

void sector_init(sector_t *s, const family_t *f, unsigned number);
void sector_clear(sector_t *s);

/* Asks sector s for the row of point (key, v); level is FIRE's level byte of the request. */
void sector_request(sector_t *s, const point_key *key, const int8_t *v, uint8_t level);

#endif
