#include "kernels/table.h"

#include <stdlib.h>
#include <string.h>

static uint64_t key_hash(const point_key *k)
{
    uint64_t h = k->w[0] * UINT64_C(0x9E3779B97F4A7C15);
    h ^= (k->w[1] + (h << 6) + (h >> 2)) * UINT64_C(0xC2B2AE3D27D4EB4F);
    h ^= (k->w[2] + (h << 6) + (h >> 2)) * UINT64_C(0x165667B19E3779F9);
    return h ^ (h >> 29);
}

void table_init(table_t *t)
{
    memset(t, 0, sizeof *t);
    t->index_cap = 64;
    t->index = calloc(t->index_cap, sizeof(uint32_t));
}

void table_clear(table_t *t)
{
    for (uint32_t i = 0; i < t->count; i++) {
        free(t->slots[i].row.ids);
        free(t->slots[i].row.coeffs);
    }
    free(t->slots);
    free(t->keys);
    free(t->index);
    memset(t, 0, sizeof *t);
}

/* The bucket holding key's slot, or the empty bucket where it would go. */
static uint32_t *probe(const table_t *t, const point_key *key)
{
    uint32_t mask = t->index_cap - 1;
    for (uint32_t b = (uint32_t)key_hash(key) & mask;; b = (b + 1) & mask) {
        uint32_t e = t->index[b];
        if (e == 0 || point_key_eq(&t->keys[e - 1], key))
            return &t->index[b];
    }
}

uint32_t table_find(const table_t *t, const point_key *key)
{
    uint32_t e = *probe(t, key);
    return e ? e - 1 : TABLE_NONE;
}

static void grow_index(table_t *t)
{
    uint32_t cap = t->index_cap * 2;
    uint32_t *index = calloc(cap, sizeof(uint32_t));
    for (uint32_t i = 0; i < t->count; i++) {
        if (point_key_is_virtual(&t->keys[i]))
            continue;                           /* never indexed */
        uint32_t b = (uint32_t)key_hash(&t->keys[i]) & (cap - 1);
        while (index[b])
            b = (b + 1) & (cap - 1);
        index[b] = i + 1;
    }
    free(t->index);
    t->index = index;
    t->index_cap = cap;
}

static uint32_t new_slot(table_t *t, const point_key *key, const int8_t *v)
{
    if (t->count == t->cap) {
        t->cap = t->cap ? 2 * t->cap : 64;
        t->slots = realloc(t->slots, t->cap * sizeof(slot_t));
        t->keys = realloc(t->keys, t->cap * sizeof(point_key));
    }
    uint32_t id = t->count++;
    slot_t *s = &t->slots[id];
    memset(s, 0, sizeof *s);
    s->key = *key;
    t->keys[id] = *key;
    if (v)
        memcpy(s->v, v, sizeof(point_vec));
    return id;
}

uint32_t table_insert(table_t *t, const point_key *key, const int8_t *v)
{
    uint32_t *bucket = probe(t, key);
    if (*bucket)
        return *bucket - 1;
    if (2 * (t->count + 1) > t->index_cap) {
        grow_index(t);
        bucket = probe(t, key);
    }
    uint32_t id = new_slot(t, key, v);
    *bucket = id + 1;
    return id;
}

uint32_t table_append(table_t *t, const point_key *key)
{
    return new_slot(t, key, NULL);
}

void table_set_row(table_t *t, uint32_t id, uint32_t *ids, uint64_t *coeffs, uint32_t len, uint8_t level)
{
    slot_t *s = &t->slots[id];
    free(s->row.ids);
    free(s->row.coeffs);
    s->row.ids = ids;
    s->row.coeffs = coeffs;
    s->row.len = len;
    table_raise_level(t, id, level);
}
