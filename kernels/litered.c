#include "kernels/litered.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kernels/levels.h"

void litered_init(litered_t *lr, const family_t *f, const uint64_t *variable_values, int nvariables)
{
    memset(lr, 0, sizeof *lr);
    lr->nsectors = f->max_sector + 1;
    lr->sectors = calloc((size_t)lr->nsectors, sizeof(sector_litered));
    lr->nvalues = nvariables + f->n;
    lr->values = calloc((size_t)lr->nvalues + 1, sizeof(uint64_t));
    if (nvariables > 0)
        memcpy(lr->values, variable_values, (size_t)nvariables * sizeof(uint64_t));
}

static void sym_rule_clear(sym_rule *r)
{
    for (int k = 0; k < r->nfactors; k++) {
        free(r->factors[k].coeffs);
        free(r->factors[k].shifts);
    }
    free(r->factors);
}

void litered_clear(litered_t *lr)
{
    for (int s = 0; s < lr->nsectors; s++) {
        sector_litered *sl = &lr->sectors[s];
        for (int r = 0; r < sl->nlee; r++) {
            for (int t = 0; t < sl->lee[r].nterms; t++)
                expr_free(sl->lee[r].terms[t].coeff);
            free(sl->lee[r].terms);
            free(sl->lee[r].conds);
        }
        free(sl->lee);
        if (sl->external) {
            sym_rule_clear(sl->external);
            free(sl->external);
        }
        for (int r = 0; r < sl->ninternal; r++)
            sym_rule_clear(&sl->internal[r]);
        free(sl->internal);
    }
    free(lr->sectors);
    free(lr->values);
    memset(lr, 0, sizeof *lr);
}

/* ---- growing lists of terms ------------------------------------------------------------- */

typedef struct {
    sector_term *t;
    size_t count, cap;
} term_list;

static void push_term(term_list *l, const int8_t *v, uint64_t c)
{
    if (l->count == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 32;
        l->t = realloc(l->t, l->cap * sizeof(sector_term));
    }
    sector_term *x = &l->t[l->count++];
    memset(x, 0, sizeof *x);
    memcpy(x->v, v, EMBER_MAX_INDICES);
    x->c = c;
}

/* The entry of vector v, created with coefficient 0 if absent. */
static sector_term *entry_of(term_list *l, const int8_t *v)
{
    for (size_t k = 0; k < l->count; k++)
        if (memcmp(l->t[k].v, v, EMBER_MAX_INDICES) == 0)
            return &l->t[k];
    push_term(l, v, 0);
    return &l->t[l->count - 1];
}

/* ---- symmetries: FIRE's product of sums -------------------------------------------------- */

/* Expands F(perm(y)) * prod_factors (sum)^(-y_idx) into vectors with coefficients, zero terms
 * pruned after each factor; a factor that empties the product restarts it (FIRE's
 * calculate_product). Returns -1 when a power is negative. */
static int expand_symmetry(const family_t *f, const sym_rule *r, const int8_t *y, term_list *out)
{
    const modp_t *m = &f->mod;
    int8_t start[EMBER_MAX_INDICES] = { 0 };
    for (int j = 0; j < f->n; j++)
        start[j] = r->perm[j] == 0 ? 0 : y[r->perm[j] - 1];
    out->count = 0;
    push_term(out, start, 1);
    term_list next = { 0 };
    for (int k = 0; k < r->nfactors; k++) {
        const sym_factor *fac = &r->factors[k];
        int power = -y[fac->index];
        if (power < 0) {
            free(next.t);
            return -1;
        }
        for (int e = 0; e < power; e++) {
            next.count = 0;
            if (out->count == 0) {
                for (int t = 0; t < fac->nterms; t++) {
                    bool seen = false;
                    for (size_t q = 0; q < next.count && !seen; q++)
                        seen = memcmp(next.t[q].v, fac->shifts[t], EMBER_MAX_INDICES) == 0;
                    if (!seen)
                        push_term(&next, fac->shifts[t], fac->coeffs[t]);
                }
            } else {
                for (int t = 0; t < fac->nterms; t++) {
                    for (size_t q = 0; q < out->count; q++) {
                        int8_t v[EMBER_MAX_INDICES] = { 0 };
                        for (int j = 0; j < f->n; j++)
                            v[j] = (int8_t)(fac->shifts[t][j] + out->t[q].v[j]);
                        sector_term *x = entry_of(&next, v);
                        x->c = modp_add(x->c, modp_mul(fac->coeffs[t], out->t[q].c, m), m);
                    }
                }
            }
            out->count = 0;
            for (size_t q = 0; q < next.count; q++)
                if (next.t[q].c != 0)
                    push_term(out, next.t[q].v, next.t[q].c);
        }
    }
    free(next.t);
    return 0;
}

/* ---- a max-first work list of slots, visited once ----------------------------------------- */

typedef struct {
    uint32_t *ids;
    size_t count, cap;
} work_list;

static void work_push(work_list *w, table_t *t, uint32_t id)
{
    if (t->slots[id].mark)
        return;
    t->slots[id].mark = 1;
    if (w->count == w->cap) {
        w->cap = w->cap ? 2 * w->cap : 64;
        w->ids = realloc(w->ids, w->cap * sizeof(uint32_t));
    }
    w->ids[w->count++] = id;
}

static bool work_pop_max(work_list *w, const table_t *t, uint32_t *id)
{
    if (w->count == 0)
        return false;
    size_t best = 0;
    for (size_t k = 1; k < w->count; k++)
        if (table_less(t, w->ids[best], w->ids[k]))
            best = k;
    *id = w->ids[best];
    w->ids[best] = w->ids[--w->count];
    return true;
}

static void add_lower(sector_t *s, const sector_term *t, size_t *cap)
{
    for (size_t k = 0; k < s->nlower; k++)
        if (point_key_eq(&s->lower[k].key, &t->key))
            return;
    if (s->nlower == *cap) {
        *cap = *cap ? 2 * *cap : 32;
        s->lower = realloc(s->lower, *cap * sizeof(sector_request_t));
    }
    s->lower[s->nlower].key = t->key;
    memcpy(s->lower[s->nlower].v, t->v, sizeof(point_vec));
    s->nlower++;
}

static void id_text(const family_t *f, const int8_t *v, char *buf, size_t len)
{
    int k = snprintf(buf, len, "{");
    for (int i = 0; i < f->n && (size_t)k < len; i++)
        k += snprintf(buf + k, len - (size_t)k, "%s%d", i ? "," : "", v[i]);
    if ((size_t)k < len)
        snprintf(buf + k, len - (size_t)k, "}");
}

/* ---- Lee rules ---------------------------------------------------------------------------- */

static bool conditions_hold(const lee_rule *r, const int8_t *y, int n)
{
    for (int c = 0; c < r->nconds; c++) {
        long sum = r->conds[c].free;
        for (int i = 0; i < n; i++)
            sum += (long)r->conds[c].coef[i] * y[i];
        if ((sum == 0) != r->conds[c].must_vanish)
            return false;
    }
    return true;
}

/* The relation of the first rule that applies to point y: F(y) = sum coeff * F(map(y)). */
static int apply_lee_rule(const family_t *f, litered_t *lr, const lee_rule *r, const int8_t *y,
                          term_list *terms, char *err, size_t errlen)
{
    const modp_t *m = &f->mod;
    uint64_t *index_values = lr->values + (lr->nvalues - f->n);
    for (int i = 0; i < f->n; i++)
        index_values[i] = modp_from_si(y[i], m);
    terms->count = 0;
    for (int t = 0; t < r->nterms; t++) {
        const lee_term *lt = &r->terms[t];
        int8_t v[EMBER_MAX_INDICES] = { 0 };
        for (int i = 0; i < f->n; i++) {
            int x = lt->shift[i];
            for (int j = 0; j < f->n; j++)
                x += lt->row[i][j] * y[j];
            v[i] = (int8_t)x;
        }
        uint64_t c;
        if (expr_eval(lt->coeff, lr->values, m, &c) != 0) {
            char at[128];
            id_text(f, y, at, sizeof at);
            snprintf(err, errlen, "a Lee rule coefficient divides by zero modulo the prime at %s", at);
            return -1;
        }
        sector_term *x = entry_of(terms, v);
        x->c = modp_add(x->c, c, m);
    }
    return 0;
}

/* Maps the relation's vectors to keys; checks they go to lower sectors (or, when same_level_ok,
 * to LiteRed sectors of the same level) or to the pivot's own sector only at `pivot`. */
static int reference_terms(const family_t *f, const sector_t *s, term_list *terms, bool same_level_ok,
                           const point_key *pivot, bool own_sector_ok, char *err, size_t errlen)
{
    size_t out = 0;
    for (size_t k = 0; k < terms->count; k++) {
        sector_term t = terms->t[k];
        if (t.c == 0)
            continue;
        int8_t rep[EMBER_MAX_INDICES];
        t.key = family_reference(f, t.v, rep);
        memcpy(t.v, rep, EMBER_MAX_INDICES);
        if (point_key_is_zero(&t.key))
            continue;
        unsigned sn = point_key_sector(&t.key);
        bool ok;
        if (sn == s->number)
            ok = own_sector_ok || point_key_eq(&t.key, pivot);
        else if (sn == EMBER_MASTER_SECTOR)
            ok = false;
        else
            ok = family_sector_below(f, s->number, sn, same_level_ok);
        if (!ok) {
            char at[128];
            id_text(f, rep, at, sizeof at);
            snprintf(err, errlen, "sector %u: a LiteRed rule maps into %s, which is not below the sector", s->number, at);
            return -1;
        }
        terms->t[out++] = t;
    }
    terms->count = out;
    return 0;
}

/* The rows of the requested points, highest first, from the sector's Lee rules or, for a
 * sector without them, its external symmetry. Same-sector points a Lee rule reaches join the
 * work list; points of other sectors become requests. */
typedef struct {
    const family_t *f;
    litered_t *lr;
    sector_t *s;
    const sector_litered *sl;
    work_list *work;
    term_list terms;
    size_t lower_cap;
    char *err;
    size_t errlen;
} rule_run;

static int lee_point(rule_run *run, uint32_t id, const int8_t *y, const point_key *pivot)
{
    const family_t *f = run->f;
    sector_t *s = run->s;
    int r = 0;
    while (r < run->sl->nlee && !conditions_hold(&run->sl->lee[r], y, f->n))
        r++;
    if (r == run->sl->nlee) {
        sector_make_master(f, s, id);
        return 0;
    }
    term_list *terms = &run->terms;
    if (apply_lee_rule(f, run->lr, &run->sl->lee[r], y, terms, run->err, run->errlen) != 0
        || reference_terms(f, s, terms, false, pivot, true, run->err, run->errlen) != 0)
        return -1;
    size_t nrule = terms->count;
    push_term(terms, y, modp_neg(1, &f->mod));
    terms->t[terms->count - 1].key = *pivot;
    for (size_t k = 0; k < nrule; k++) {
        if (point_key_sector(&terms->t[k].key) != s->number)
            add_lower(s, &terms->t[k], &run->lower_cap);
        else
            work_push(run->work, &s->table, table_insert(&s->table, &terms->t[k].key, terms->t[k].v));
    }
    if (sector_store_relation(f, s, terms->t, terms->count, pivot, (uint8_t)(2 * s->level)) != 0) {
        snprintf(run->err, run->errlen, "sector %u: a Lee rule's terms are not below the integral it reduces",
                 s->number);
        return -1;
    }
    return 0;
}

static int symmetry_point(rule_run *run, const int8_t *y, const point_key *pivot)
{
    const family_t *f = run->f;
    sector_t *s = run->s;
    term_list *terms = &run->terms;
    if (expand_symmetry(f, run->sl->external, y, terms) != 0) {
        snprintf(run->err, run->errlen, "sector %u: an external symmetry needs a non-positive index", s->number);
        return -1;
    }
    sector_term *self = entry_of(terms, y);                          /* the -F(y) of the relation */
    self->c = modp_sub(self->c, 1, &f->mod);
    if (reference_terms(f, s, terms, true, pivot, false, run->err, run->errlen) != 0)
        return -1;
    for (size_t k = 0; k < terms->count; k++)
        if (point_key_sector(&terms->t[k].key) != s->number)
            add_lower(s, &terms->t[k], &run->lower_cap);
    if (sector_store_relation(f, s, terms->t, terms->count, pivot, (uint8_t)(2 * s->level + 1)) != 0) {
        snprintf(run->err, run->errlen, "sector %u: an external symmetry does not reduce the integral it maps",
                 s->number);
        return -1;
    }
    return 0;
}

int litered_forward(const family_t *f, litered_t *lr, sector_t *s, char *err, size_t errlen)
{
    if (!lr || (int)s->number >= lr->nsectors)
        return 0;
    const sector_litered *sl = &lr->sectors[s->number];
    if (sl->nlee == 0 && !sl->external)
        return 0;
    table_t *t = &s->table;
    for (uint32_t i = 0; i < t->count; i++)
        t->slots[i].mark = 0;
    work_list work = { 0 };
    for (size_t k = 0; k < s->nrequested; k++) {
        uint32_t id = s->requested[k];
        if (t->slots[id].level > 2 * s->level)
            work_push(&work, t, id);
    }
    rule_run run = { .f = f, .lr = lr, .s = s, .sl = sl, .work = &work, .err = err, .errlen = errlen };
    int status = 0;
    uint32_t id;
    while (status == 0 && work_pop_max(&work, t, &id)) {
        if (table_has_row(t, id))
            continue;
        point_vec y;
        memcpy(y, t->slots[id].v, sizeof y);
        point_key pivot = t->slots[id].key;
        status = sl->nlee > 0 ? lee_point(&run, id, y, &pivot) : symmetry_point(&run, y, &pivot);
    }
    free(run.terms.t);
    free(work.ids);
    if (status != 0)
        return -1;
    sector_close_over_rows(s);
    return 1;
}

int litered_internal_rows(const family_t *f, const litered_t *lr, sector_t *s, int dots, int numerators,
                          char *err, size_t errlen)
{
    if (!lr || (int)s->number >= lr->nsectors || lr->sectors[s->number].ninternal == 0)
        return 0;
    const sector_litered *sl = &lr->sectors[s->number];
    int8_t corner[EMBER_MAX_INDICES];
    family_corner(f, s->mask, corner);
    level_points_t pts;
    level_seed_points(f, corner, dots, numerators, &pts);
    term_list terms = { 0 };
    int written = 0;
    for (size_t k = 0; k < pts.count && written >= 0; k++) {
        const int8_t *pp = pts.v[k];
        int8_t rep[EMBER_MAX_INDICES];
        point_key pivot = family_reference(f, pp, rep);
        uint32_t id = table_insert(&s->table, &pivot, rep);
        if (table_has_row(&s->table, id))
            continue;
        for (int r = 0; r < sl->ninternal; r++) {
            if (expand_symmetry(f, &sl->internal[r], pp, &terms) != 0) {
                snprintf(err, errlen, "sector %u: an internal symmetry needs a non-positive index", s->number);
                written = -1;
                break;
            }
            sector_term *self = entry_of(&terms, pp);
            self->c = modp_sub(self->c, 1, &f->mod);
            if (reference_terms(f, s, &terms, false, &pivot, true, err, errlen) != 0) {
                written = -1;
                break;
            }
            /* a relation that does not lead with the point (trivial, or mapping higher) is skipped;
             * a later valid one replaces an earlier one, as in FIRE */
            if (sector_store_relation(f, s, terms.t, terms.count, &pivot, (uint8_t)(2 * s->level)) == 0)
                written++;
        }
    }
    free(terms.t);
    level_points_clear(&pts);
    return written;
}
