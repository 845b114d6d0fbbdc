#include "kernels/rules.h"

#include <stdlib.h>
#include <string.h>

void rule_list_clear(rule_list *l)
{
    for (int k = 0; k < l->count; k++) {
        free(l->rules[k].rhs);
        free(l->rules[k].coeffs);
    }
    free(l->rules);
    memset(l, 0, sizeof *l);
}

void rules_add_preferred(family_t *f, const rule_list *l)
{
    for (int k = 0; k < l->count; k++) {
        family_add_preferred(f, l->rules[k].lhs);
        for (int q = 0; q < l->rules[k].nrhs; q++)
            family_add_preferred(f, l->rules[k].rhs[q]);
    }
}

void rules_preload(const family_t *f, sector_t **sectors, const rule_list *l)
{
    for (int k = 0; k < l->count; k++) {
        const rule_t *r = &l->rules[k];
        int8_t rep[EMBER_MAX_INDICES];
        point_key lhs = family_reference(f, r->lhs, rep);
        if (point_key_is_zero(&lhs))
            continue;
        sector_term *terms = calloc((size_t)r->nrhs + 1, sizeof(sector_term));
        for (int q = 0; q < r->nrhs; q++) {
            int8_t mrep[EMBER_MAX_INDICES];
            point_key master = family_reference(f, r->rhs[q], mrep);
            if (!point_key_is_zero(&master)) {
                sector_t *ms = sectors[point_key_sector(&master)];
                uint32_t id = table_insert(&ms->table, &master, mrep);
                if (!table_has_row(&ms->table, id))
                    sector_make_master(f, ms, id);
            }
            /* the left-hand side is written in sector-1 points of the indices as given */
            terms[q].key = point_key_raw(EMBER_MASTER_SECTOR, r->rhs[q], f->n);
            memcpy(terms[q].v, r->rhs[q], sizeof(point_vec));
            terms[q].c = r->coeffs[q];
        }
        terms[r->nrhs].key = lhs;
        memcpy(terms[r->nrhs].v, rep, sizeof(point_vec));
        terms[r->nrhs].c = modp_neg(1, &f->mod);
        sector_store_relation(f, sectors[point_key_sector(&lhs)], terms, (size_t)r->nrhs + 1, &lhs, LEVEL_USER);
        free(terms);
    }
}
