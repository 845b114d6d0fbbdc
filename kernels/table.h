/* A sector's table: an open-addressing hash from point keys to slots, each slot holding the
 * point, its index vector and, once known, its row (the equation that expresses it). */
#ifndef EMBER_TABLE_H
#define EMBER_TABLE_H

#include <stdbool.h>
#include <stdint.h>
#include "kernels/point.h"

#define TABLE_NONE UINT32_MAX

/* FIRE's level byte: who needs a point. */
#define LEVEL_MASTER 127
#define LEVEL_USER 126

/* Terms in ascending key order; the last is the pivot, the point the row belongs to, with
 * coefficient 1. Term ids are slots of the same table. */
typedef struct {
    uint32_t *ids;
    uint64_t *coeffs;
    uint32_t len;
} row_t;

typedef struct {
    point_key key;
    point_vec v;        /* indices of a real point; zero for a virtual one */
    row_t row;          /* len == 0: no row yet */
    uint8_t level;      /* highest level byte it was requested or written with */
    uint8_t mark;       /* scratch for traversals */
} slot_t;

typedef struct {
    slot_t *slots;
    point_key *keys;    /* the slots' keys again, densely, for probing and comparisons */
    uint32_t count, cap;
    uint32_t *index;    /* slot id + 1, or 0 for an empty bucket */
    uint32_t index_cap; /* power of two */
} table_t;

void table_init(table_t *t);
void table_clear(table_t *t);

uint32_t table_find(const table_t *t, const point_key *key);
/* The slot of key, created (with vector v, which may be NULL for virtual points) if absent. */
uint32_t table_insert(table_t *t, const point_key *key, const int8_t *v);
/* A new slot for a key that is never looked up (a virtual point): not in the index. */
uint32_t table_append(table_t *t, const point_key *key);

static inline bool table_has_row(const table_t *t, uint32_t id) { return t->slots[id].row.len != 0; }

/* Replaces the row of `id` (the table takes ownership of the arrays) and raises its level. */
void table_set_row(table_t *t, uint32_t id, uint32_t *ids, uint64_t *coeffs, uint32_t len, uint8_t level);

static inline void table_raise_level(table_t *t, uint32_t id, uint8_t level)
{
    if (t->slots[id].level < level)
        t->slots[id].level = level;
}

/* True when slot a's key is smaller than slot b's. */
static inline bool table_less(const table_t *t, uint32_t a, uint32_t b)
{
    return point_key_cmp(&t->keys[a], &t->keys[b]) < 0;
}

#endif
