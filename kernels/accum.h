/* A dense scatter accumulator over a table's slots: adds scaled rows with Shoup products and
 * hands the nonzero entries back from the highest key down (a max-heap of touched slots). */
#ifndef EMBER_ACCUM_H
#define EMBER_ACCUM_H

#include <stddef.h>
#include <stdint.h>
#include "kernels/modp.h"
#include "kernels/table.h"

typedef struct {
    const table_t *table;
    uint64_t *value;
    uint8_t *queued;      /* 1 while the slot is in the heap */
    size_t cap;
    uint32_t *heap;
    size_t heap_len, heap_cap;
    uint64_t madds;       /* multiply-adds done, for the arithmetic floor */
} accum_t;

void accum_init(accum_t *a, const table_t *table);
void accum_clear(accum_t *a);

/* value[id] += c */
void accum_add(accum_t *a, uint32_t id, uint64_t c, const modp_t *m);

/* value += s * (ids, coeffs): the caller passes a row without its pivot. */
void accum_axpy(accum_t *a, modp_scalar_t s, const uint32_t *ids, const uint64_t *coeffs,
                uint32_t len, const modp_t *m);

/* Removes and returns the nonzero entry with the highest key; false when none is left. */
bool accum_pop_max(accum_t *a, uint32_t *id, uint64_t *value);

#endif
