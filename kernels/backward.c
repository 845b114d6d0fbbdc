#include "kernels/backward.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kernels/accum.h"
#include "kernels/compat_sort.h"

static bool closure_less(const void *a, const void *b, void *ctx)
{
    const table_t *t = ctx;
    return table_less(t, *(const uint32_t *)a, *(const uint32_t *)b);
}

/* Ascending key order of the closure (FIRE substitutes lowest first, so that every
 * same-sector term is final when it is used). */
static void sort_closure(sector_t *s)
{
    compat_sort(s->closure, s->nclosure, sizeof(uint32_t), closure_less, &s->table);
}

/* Adds c * (row without pivot) of slot `id` of table `src` into acc, whose slots are those
 * of table `dst` (points are looked up by key when the tables differ). */
static void add_final_row(accum_t *acc, table_t *dst, const table_t *src, uint32_t id, uint64_t c,
                          const modp_t *m)
{
    const row_t *r = &src->slots[id].row;
    modp_scalar_t sc = modp_scalar(c, m);
    if (src == dst) {
        accum_axpy(acc, sc, r->ids, r->coeffs, r->len - 1, m);
        return;
    }
    for (uint32_t k = 0; k + 1 < r->len; k++) {
        const slot_t *term = &src->slots[r->ids[k]];
        uint32_t local = table_insert(dst, &term->key, term->v);
        accum_add(acc, local, modp_scalar_mul(sc, r->coeffs[k], m), m);
    }
    acc->madds += r->len - 1;
}

int backward_run(const family_t *f, sector_t *s, sector_t *const *sectors, char *err, size_t errlen)
{
    const modp_t *m = &f->mod;
    table_t *t = &s->table;
    sort_closure(s);
    accum_t acc;
    accum_init(&acc, t);
    int status = 0;
    for (size_t k = 0; k < s->nclosure && status == 0; k++) {
        uint32_t id = s->closure[k];
        /* the row's arrays stay put while the table's slots may move as points are added */
        const uint32_t *row_ids = t->slots[id].row.ids;
        const uint64_t *row_coeffs = t->slots[id].row.coeffs;
        uint32_t row_len = t->slots[id].row.len;
        if (row_len == 0)
            continue;
        bool changed = false;
        for (uint32_t j = 0; j + 1 < row_len; j++) {
            uint32_t term = row_ids[j];
            const point_key key = t->slots[term].key;
            unsigned sn = point_key_sector(&key);
            if (sn == EMBER_MASTER_SECTOR) {
                accum_add(&acc, term, row_coeffs[j], m);
                continue;
            }
            const table_t *src = t;
            uint32_t src_id = term;
            if (sn != s->number) {
                src = &sectors[sn]->table;
                src_id = table_find(src, &key);
            }
            if (src_id == TABLE_NONE || !table_has_row(src, src_id)) {
                char id_text[96];
                point_key_id(&key, f->n, id_text);
                snprintf(err, errlen, "sector %u: point %s has no row in the backward stage", s->number, id_text);
                status = -1;
                break;
            }
            add_final_row(&acc, t, src, src_id, modp_neg(row_coeffs[j], m), m);
            changed = true;
        }
        if (status != 0 || !changed) {
            uint32_t pid;
            uint64_t v;
            while (accum_pop_max(&acc, &pid, &v))
                ;
            continue;
        }
        /* collect the master terms, ascending, then the pivot */
        uint32_t cap = 16, len = 0;
        uint32_t *ids = malloc(cap * sizeof(uint32_t));
        uint64_t *co = malloc(cap * sizeof(uint64_t));
        uint32_t pid;
        uint64_t v;
        while (accum_pop_max(&acc, &pid, &v)) {
            if (len + 1 == cap) {
                cap *= 2;
                ids = realloc(ids, cap * sizeof(uint32_t));
                co = realloc(co, cap * sizeof(uint64_t));
            }
            ids[len] = pid;
            co[len++] = v;
        }
        for (uint32_t a = 0, b = len ? len - 1 : 0; a < b; a++, b--) {
            uint32_t ti = ids[a];
            ids[a] = ids[b];
            ids[b] = ti;
            uint64_t tc = co[a];
            co[a] = co[b];
            co[b] = tc;
        }
        ids[len] = id;
        co[len++] = 1;
        table_set_row(t, id, ids, co, len, 0);
    }
    s->madds += acc.madds;
    accum_clear(&acc);
    return status;
}
