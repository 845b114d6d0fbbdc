#include "kernels/sector.h"

#include <stdlib.h>
#include <string.h>
#include "kernels/compat_sort.h"

void sector_init(sector_t *s, const family_t *f, unsigned number)
{
    memset(s, 0, sizeof *s);
    s->number = number;
    s->mask = f->mask_of[number];
    s->level = mask_level(s->mask);
    table_init(&s->table);
}

void sector_clear(sector_t *s)
{
    table_clear(&s->table);
    free(s->requested);
    free(s->closure);
    free(s->lower);
    free(s->used_levels);
    memset(s, 0, sizeof *s);
}

void sector_request(sector_t *s, const point_key *key, const int8_t *v, uint8_t level)
{
    uint32_t before = s->table.count;
    uint32_t id = table_insert(&s->table, key, v);
    if (id == before || s->table.slots[id].level == 0) {
        if (s->nrequested == s->requested_cap) {
            s->requested_cap = s->requested_cap ? 2 * s->requested_cap : 16;
            s->requested = realloc(s->requested, s->requested_cap * sizeof(uint32_t));
        }
        s->requested[s->nrequested++] = id;
    }
    /* FIRE keeps an existing row's level when an empty request arrives */
    if (!table_has_row(&s->table, id))
        table_raise_level(&s->table, id, level);
}

static bool term_less(const void *a, const void *b, void *ctx)
{
    (void)ctx;
    return point_key_cmp(&((const sector_term *)a)->key, &((const sector_term *)b)->key) < 0;
}

int sector_store_relation(const family_t *f, sector_t *s, sector_term *terms, size_t count,
                          const point_key *pivot, uint8_t level)
{
    const modp_t *m = &f->mod;
    compat_sort(terms, count, sizeof *terms, term_less, NULL);
    size_t out = 0;
    for (size_t i = 0; i < count;) {
        sector_term t = terms[i];
        size_t j = i + 1;
        for (; j < count && point_key_eq(&terms[j].key, &t.key); j++)
            t.c = modp_add(t.c, terms[j].c, m);
        if (t.c != 0)
            terms[out++] = t;
        i = j;
    }
    if (out == 0 || !point_key_eq(&terms[out - 1].key, pivot))
        return -1;
    modp_scalar_t inv = modp_scalar(modp_inv(terms[out - 1].c, m), m);
    uint32_t *ids = malloc(out * sizeof(uint32_t));
    uint64_t *co = malloc(out * sizeof(uint64_t));
    for (size_t k = 0; k < out; k++) {
        ids[k] = table_insert(&s->table, &terms[k].key, terms[k].v);
        co[k] = modp_scalar_mul(inv, terms[k].c, m);
    }
    table_set_row(&s->table, ids[out - 1], ids, co, (uint32_t)out, level);
    return 0;
}

void sector_make_master(const family_t *f, sector_t *s, uint32_t id)
{
    table_t *t = &s->table;
    point_vec v;
    memcpy(v, t->slots[id].v, sizeof v);   /* inserting may move the slots */
    point_key raw = point_key_raw(EMBER_MASTER_SECTOR, v, f->n);
    uint32_t master = table_insert(t, &raw, v);
    uint32_t *ids = malloc(2 * sizeof(uint32_t));
    uint64_t *co = malloc(2 * sizeof(uint64_t));
    ids[0] = master;
    co[0] = modp_neg(1, &f->mod);
    ids[1] = id;
    co[1] = 1;
    table_set_row(t, id, ids, co, 2, LEVEL_MASTER);
    s->masters++;
}

void sector_close_over_rows(sector_t *s)
{
    free(s->closure);
    s->closure = malloc((s->table.count + 1) * sizeof(uint32_t));
    s->nclosure = 0;
    for (uint32_t id = 0; id < s->table.count; id++)
        if (table_has_row(&s->table, id) && point_key_sector(&s->table.slots[id].key) == s->number)
            s->closure[s->nclosure++] = id;
}
