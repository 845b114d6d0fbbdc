#include "kernels/sector.h"

#include <stdlib.h>
#include <string.h>

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
