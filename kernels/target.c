#include "kernels/target.h"

#include <stdlib.h>
#include <string.h>

void target_reduce(const family_t *f, sector_t *const *sectors, const int8_t *v, target_reduction *out)
{
    memset(out, 0, sizeof *out);
    memcpy(out->v, v, sizeof(point_vec));
    int8_t rep[EMBER_MAX_INDICES];
    point_key key = family_reference(f, v, rep);
    if (point_key_is_zero(&key)) {
        out->zero = true;
        out->key = point_key_raw(EMBER_MASTER_SECTOR, v, f->n);
        return;
    }
    const table_t *tab = &sectors[point_key_sector(&key)]->table;
    const row_t *row = &tab->slots[table_find(tab, &key)].row;
    out->key = memcmp(rep, v, EMBER_MAX_INDICES) == 0 ? key : family_key(f, v);
    out->nterms = row->len - 1;
    out->master_keys = malloc((out->nterms + 1) * sizeof(point_key));
    out->master_v = malloc((out->nterms + 1) * sizeof(point_vec));
    out->coeffs = malloc((out->nterms + 1) * sizeof(uint64_t));
    for (size_t q = 0; q < out->nterms; q++) {
        const slot_t *term = &tab->slots[row->ids[q]];
        out->master_keys[q] = term->key;
        memcpy(out->master_v[q], term->v, sizeof(point_vec));
        out->coeffs[q] = modp_neg(row->coeffs[q], &f->mod);   /* the row is F + sum c M = 0 */
    }
}

void target_reduction_clear(target_reduction *r)
{
    free(r->master_keys);
    free(r->master_v);
    free(r->coeffs);
}
