#include "kernels/accum.h"

#include <stdlib.h>
#include <string.h>

void accum_init(accum_t *a, const table_t *table)
{
    memset(a, 0, sizeof *a);
    a->table = table;
}

void accum_clear(accum_t *a)
{
    free(a->value);
    free(a->queued);
    free(a->heap);
    memset(a, 0, sizeof *a);
}

static void reserve(accum_t *a, uint32_t id)
{
    if (id < a->cap)
        return;
    size_t cap = a->cap ? a->cap : 256;
    while (cap <= id)
        cap *= 2;
    a->value = realloc(a->value, cap * sizeof(uint64_t));
    a->queued = realloc(a->queued, cap);
    memset(a->value + a->cap, 0, (cap - a->cap) * sizeof(uint64_t));
    memset(a->queued + a->cap, 0, cap - a->cap);
    a->cap = cap;
}

static bool heap_above(const accum_t *a, uint32_t x, uint32_t y)
{
    return table_less(a->table, y, x);
}

static void heap_push(accum_t *a, uint32_t id)
{
    if (a->heap_len == a->heap_cap) {
        a->heap_cap = a->heap_cap ? 2 * a->heap_cap : 256;
        a->heap = realloc(a->heap, a->heap_cap * sizeof(uint32_t));
    }
    size_t i = a->heap_len++;
    while (i > 0) {
        size_t parent = (i - 1) / 2;
        if (!heap_above(a, id, a->heap[parent]))
            break;
        a->heap[i] = a->heap[parent];
        i = parent;
    }
    a->heap[i] = id;
    a->queued[id] = 1;
}

static uint32_t heap_pop(accum_t *a)
{
    uint32_t top = a->heap[0];
    uint32_t last = a->heap[--a->heap_len];
    size_t i = 0, n = a->heap_len;
    for (;;) {
        size_t child = 2 * i + 1;
        if (child >= n)
            break;
        if (child + 1 < n && heap_above(a, a->heap[child + 1], a->heap[child]))
            child++;
        if (!heap_above(a, a->heap[child], last))
            break;
        a->heap[i] = a->heap[child];
        i = child;
    }
    if (n > 0)
        a->heap[i] = last;
    a->queued[top] = 0;
    return top;
}

void accum_add(accum_t *a, uint32_t id, uint64_t c, const modp_t *m)
{
    reserve(a, id);
    a->value[id] = modp_add(a->value[id], c, m);
    if (!a->queued[id])
        heap_push(a, id);
}

void accum_axpy(accum_t *a, modp_scalar_t s, const uint32_t *ids, const uint64_t *coeffs,
                uint32_t len, const modp_t *m)
{
    for (uint32_t k = 0; k < len; k++) {
        uint32_t id = ids[k];
        reserve(a, id);
        a->value[id] = modp_add(a->value[id], modp_scalar_mul(s, coeffs[k], m), m);
        if (!a->queued[id])
            heap_push(a, id);
    }
    a->madds += len;
}

bool accum_pop_max(accum_t *a, uint32_t *id, uint64_t *value)
{
    while (a->heap_len > 0) {
        uint32_t top = heap_pop(a);
        uint64_t v = a->value[top];
        a->value[top] = 0;
        if (v != 0) {
            *id = top;
            *value = v;
            return true;
        }
    }
    return false;
}
