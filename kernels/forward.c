#include "kernels/forward.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kernels/accum.h"
#include "kernels/compat_sort.h"
#include "kernels/presolve.h"

/* One instantiated equation: terms in ascending key order. */
typedef struct {
    point_key key;
    point_vec v;
    uint64_t c;
} eq_term;

typedef struct {
    eq_term *terms;
    uint32_t len;
} equation_t;

/* A (seed, IBP) pair and the estimated top integral it produces. */
typedef struct {
    point_key top;
    uint32_t seed;
    uint32_t ibp;
} candidate_t;

typedef struct {
    const family_t *f;
    sector_t *s;
    const forward_options *opt;
    ibp_t *ibps;
    int nibps;
    point_vec *lead_degree;     /* per IBP: how far its leading shift lowers each index */
    size_t *delta_first;        /* per IBP: its first term's entry in term_delta */
    int *term_delta;            /* per IBP term: change of the ordering rows along its shift */
    accum_t acc;
    int8_t corner[EMBER_MAX_INDICES];
    uint8_t row_level;          /* FIRE's level byte for rows written here: 2 * level */
    /* A superset of the needed points' closure (the same-sector points their rows reach),
     * kept up to date as rows are written, and how many of its points still lack a row:
     * zero means the stage may stop before the level is exhausted. */
    bool tracking;
    uint8_t *in_closure;
    size_t closure_cap;
    size_t rowless;
    uint32_t *stack;
    size_t nstack, stack_cap;
    /* scratch reused from equation to equation */
    uint32_t *used, *kept;
    uint64_t *kept_c;
    size_t used_cap, kept_cap;
    eq_term *pool;              /* the terms of one group of equations */
    size_t pool_cap;
} work_t;

/* ---- small helpers ---------------------------------------------------------------- */

static bool is_own_real(const work_t *w, const point_key *k)
{
    return point_key_sector(k) == w->s->number && !point_key_is_virtual(k);
}

static void push_u32(uint32_t **a, size_t *n, size_t *cap, uint32_t x)
{
    if (*n == *cap) {
        *cap = *cap ? 2 * *cap : 64;
        *a = realloc(*a, *cap * sizeof(uint32_t));
    }
    (*a)[(*n)++] = x;
}

/* ---- the tracked closure --------------------------------------------------------------- */

static bool tracked(const work_t *w, uint32_t id)
{
    return id < w->closure_cap && w->in_closure[id];
}

/* Adds id, and what its row reaches, to the tracked closure. */
static void track(work_t *w, uint32_t id)
{
    const table_t *t = &w->s->table;
    if (t->count > w->closure_cap) {
        size_t cap = w->closure_cap ? w->closure_cap : 1024;
        while (cap < t->count)
            cap *= 2;
        w->in_closure = realloc(w->in_closure, cap);
        memset(w->in_closure + w->closure_cap, 0, cap - w->closure_cap);
        w->closure_cap = cap;
    }
    if (w->in_closure[id])
        return;
    w->in_closure[id] = 1;
    push_u32(&w->stack, &w->nstack, &w->stack_cap, id);
    while (w->nstack > 0) {
        uint32_t x = w->stack[--w->nstack];
        const row_t *r = &t->slots[x].row;
        if (r->len == 0) {
            w->rowless++;
            continue;
        }
        for (uint32_t k = 0; k + 1 < r->len; k++) {
            uint32_t term = r->ids[k];
            if (point_key_sector(&t->slots[term].key) == w->s->number && !w->in_closure[term]) {
                w->in_closure[term] = 1;
                push_u32(&w->stack, &w->nstack, &w->stack_cap, term);
            }
        }
    }
}

/* Starts tracking from the needed points. */
static void track_reset(work_t *w, const uint32_t *needed, size_t nneeded)
{
    if (w->in_closure)
        memset(w->in_closure, 0, w->closure_cap);
    w->rowless = 0;
    w->tracking = w->opt->stop_early;
    for (size_t k = 0; w->tracking && k < nneeded; k++)
        track(w, needed[k]);
}

/* A row was (re)written for a tracked point: it has a row now, and reaches its terms. */
static void track_row(work_t *w, uint32_t id, bool had_row)
{
    if (!w->tracking || !tracked(w, id))
        return;
    if (!had_row)
        w->rowless--;
    const table_t *t = &w->s->table;
    const row_t *r = &t->slots[id].row;
    for (uint32_t k = 0; k + 1 < r->len; k++)
        if (point_key_sector(&t->slots[r->ids[k]].key) == w->s->number)
            track(w, r->ids[k]);
}

static bool tracked_done(const work_t *w)
{
    return w->tracking && w->rowless == 0;
}

/* Stores a monic row (ascending ids, pivot last), taking ownership of the arrays. */
static void store_row(work_t *w, uint32_t *ids, uint64_t *coeffs, uint32_t len, uint8_t level)
{
    uint32_t pivot = ids[len - 1];
    bool had = table_has_row(&w->s->table, pivot);
    table_set_row(&w->s->table, pivot, ids, coeffs, len, level);
    track_row(w, pivot, had);
}

/* FIRE's split: a row whose tail (lower-sector and virtual terms) is not empty gets that tail
 * replaced by a fresh virtual point V, stored as the row "tail - V", and the pivot's row
 * becomes "V + head" (the caller's arrays are consumed). */
static void split_and_store(work_t *w, uint32_t *ids, uint64_t *coeffs, uint32_t len)
{
    table_t *t = &w->s->table;
    const modp_t *m = &w->f->mod;
    uint32_t tail = 0;
    while (tail < len && !is_own_real(w, &t->slots[ids[tail]].key))
        tail++;
    if (tail == 0) {
        store_row(w, ids, coeffs, len, w->row_level);
        return;
    }
    point_key vkey = point_key_virtual(w->s->number, ++w->s->virtual_serial);
    uint32_t vid = table_append(t, &vkey);

    uint32_t *vids = malloc((tail + 1) * sizeof(uint32_t));
    uint64_t *vco = malloc((tail + 1) * sizeof(uint64_t));
    for (uint32_t k = 0; k < tail; k++) {
        vids[k] = ids[k];
        vco[k] = modp_neg(coeffs[k], m);
    }
    vids[tail] = vid;
    vco[tail] = 1;
    store_row(w, vids, vco, tail + 1, w->row_level);

    uint32_t hlen = len - tail + 1;
    uint32_t *hids = malloc(hlen * sizeof(uint32_t));
    uint64_t *hco = malloc(hlen * sizeof(uint64_t));
    hids[0] = vid;
    hco[0] = 1;
    memcpy(hids + 1, ids + tail, (len - tail) * sizeof(uint32_t));
    memcpy(hco + 1, coeffs + tail, (len - tail) * sizeof(uint64_t));
    free(ids);
    free(coeffs);
    store_row(w, hids, hco, hlen, w->row_level);
}

/* ---- equations ---------------------------------------------------------------------- */

static bool eq_term_less(const void *a, const void *b, void *ctx)
{
    (void)ctx;
    return point_key_cmp(&((const eq_term *)a)->key, &((const eq_term *)b)->key) < 0;
}

/* FIRE's apply: the IBP at the seed, terms outside the sector's subsectors skipped, points
 * mapped to their orbit representatives, equal points merged, zeros dropped. A term that stays
 * in the sector gets its key from the seed's ordering rows plus the term's precomputed change. */
static bool instantiate(const work_t *w, int ibp_index, const int8_t *seed, const int *seed_rows, eq_term *storage,
                        equation_t *eq)
{
    const family_t *f = w->f;
    const ibp_t *ibp = &w->ibps[ibp_index];
    int n = f->n;
    sector_mask own = w->s->mask;
    bool incremental = f->nsym <= 1;
    eq->terms = storage;
    eq->len = 0;
    for (int k = 0; k < ibp->nterms; k++) {
        const ibp_term *t = &ibp->terms[k];
        eq_term *out = &eq->terms[eq->len];
        memset(out->v, 0, sizeof out->v);
        for (int i = 0; i < n; i++)
            out->v[i] = (int8_t)(seed[i] + t->shift[i]);
        sector_mask sm = family_mask_of_vec(f, out->v);
        if (sm & ~own)
            continue;                    /* a higher sector: its coefficient vanishes */
        out->c = ibp_term_value(t, seed, n, &f->mod);
        if (out->c == 0)
            continue;
        if (sm == own && incremental) {
            const int *delta = w->term_delta + (w->delta_first[ibp_index] + (size_t)k) * (size_t)n;
            int rows[EMBER_MAX_INDICES];
            for (int i = 0; i < n; i++)
                rows[i] = seed_rows[i] + delta[i];
            out->key = family_key_rows(f, w->s->number, out->v, rows);
        } else {
            int8_t rep[EMBER_MAX_INDICES];
            out->key = family_reference(f, out->v, rep);
            if (point_key_is_zero(&out->key))
                continue;
            memcpy(out->v, rep, sizeof out->v);
        }
        eq->len++;
    }
    compat_sort(eq->terms, eq->len, sizeof(eq_term), eq_term_less, NULL);
    uint32_t k = 0;
    for (uint32_t i = 0; i < eq->len;) {
        eq->terms[k] = eq->terms[i];
        uint32_t j = i + 1;
        for (; j < eq->len && point_key_eq(&eq->terms[j].key, &eq->terms[k].key); j++)
            eq->terms[k].c = modp_add(eq->terms[k].c, eq->terms[j].c, &f->mod);
        if (eq->terms[k].c != 0)
            k++;
        i = j;
    }
    eq->len = k;
    return k > 0;
}

/* FIRE's equations_less: compare from the highest term down; a prefix sorts first. */
static bool equation_less(const void *a, const void *b, void *ctx)
{
    (void)ctx;
    const equation_t *l = a, *r = b;
    uint32_t i = l->len, j = r->len;
    while (i != 0 && j != 0) {
        int c = point_key_cmp(&l->terms[i - 1].key, &r->terms[j - 1].key);
        if (c != 0)
            return c < 0;
        i--;
        j--;
    }
    return j != 0;
}

/* Reduces row `target` (monic, ascending) against the rows in `lower_rows` (ascending pivots,
 * all below target's pivot) in one ascending pass. Returns true if anything changed. */
static bool reduce_against(work_t *w, uint32_t **ids, uint64_t **coeffs, uint32_t *len,
                           uint32_t *const *lids, uint64_t *const *lco, const uint32_t *llen,
                           size_t nlower)
{
    const modp_t *m = &w->f->mod;
    table_t *t = &w->s->table;
    bool changed = false;
    for (size_t j = 0; j < nlower; j++) {
        uint32_t pivot = lids[j][llen[j] - 1];
        uint32_t pos = 0;
        while (pos < *len && (*ids)[pos] != pivot)
            pos++;
        if (pos == *len)
            continue;
        changed = true;
        uint64_t c = modp_neg((*coeffs)[pos], m);
        /* merge target + c * lower (the pivot cancels) */
        uint32_t cap = *len + llen[j];
        uint32_t *nids = malloc(cap * sizeof(uint32_t));
        uint64_t *nco = malloc(cap * sizeof(uint64_t));
        uint32_t a = 0, b = 0, out = 0;
        modp_scalar_t sc = modp_scalar(c, m);
        while (a < *len || b < llen[j]) {
            int cmp;
            if (a == *len)
                cmp = 1;
            else if (b == llen[j])
                cmp = -1;
            else
                cmp = point_key_cmp(&t->slots[(*ids)[a]].key, &t->slots[lids[j][b]].key);
            uint64_t v;
            uint32_t id;
            if (cmp < 0) {
                id = (*ids)[a];
                v = (*coeffs)[a++];
            } else if (cmp > 0) {
                id = lids[j][b];
                v = modp_scalar_mul(sc, lco[j][b++], m);
            } else {
                id = (*ids)[a];
                v = modp_add((*coeffs)[a++], modp_scalar_mul(sc, lco[j][b++], m), m);
            }
            if (v != 0) {
                nids[out] = id;
                nco[out++] = v;
            }
        }
        w->acc.madds += llen[j];
        free(*ids);
        free(*coeffs);
        *ids = nids;
        *coeffs = nco;
        *len = out;
    }
    return changed;
}

static void copy_row(const row_t *r, uint32_t **ids, uint64_t **coeffs, uint32_t *len)
{
    *ids = malloc(r->len * sizeof(uint32_t));
    *coeffs = malloc(r->len * sizeof(uint64_t));
    memcpy(*ids, r->ids, r->len * sizeof(uint32_t));
    memcpy(*coeffs, r->coeffs, r->len * sizeof(uint64_t));
    *len = r->len;
}

/* FIRE's reduce_in_level step for one equation; returns true if it produced a new row. */
static bool process_equation(work_t *w, const equation_t *eq)
{
    table_t *t = &w->s->table;
    const modp_t *m = &w->f->mod;
    accum_t *acc = &w->acc;

    for (uint32_t k = 0; k < eq->len; k++) {
        uint32_t id = table_insert(t, &eq->terms[k].key, eq->terms[k].v);
        accum_add(acc, id, eq->terms[k].c, m);
    }

    uint32_t *used = w->used;
    size_t nused = 0, used_cap = w->used_cap;
    uint32_t *kept = w->kept;           /* surviving terms, highest first */
    uint64_t *kept_c = w->kept_c;
    size_t nkept = 0, kept_cap = w->kept_cap;
    bool walking = true;
    uint32_t id;
    uint64_t x;
    while (accum_pop_max(acc, &id, &x)) {
        if (walking && is_own_real(w, &t->slots[id].key) && table_has_row(t, id)) {
            const row_t *r = &t->slots[id].row;   /* monic: subtract x * row */
            accum_axpy(acc, modp_scalar(modp_neg(x, m), m), r->ids, r->coeffs, r->len - 1, m);
            push_u32(&used, &nused, &used_cap, id);
            continue;
        }
        if (!is_own_real(w, &t->slots[id].key))
            walking = false;              /* lower sectors, virtuals, masters: stop eliminating */
        if (nkept == kept_cap) {
            kept_cap = kept_cap ? 2 * kept_cap : 32;
            kept = realloc(kept, kept_cap * sizeof(uint32_t));
            kept_c = realloc(kept_c, kept_cap * sizeof(uint64_t));
        }
        kept[nkept] = id;
        kept_c[nkept++] = x;
    }

    bool new_row = nkept > 0 && is_own_real(w, &t->slots[kept[0]].key);
    if (new_row) {
        uint32_t len = (uint32_t)nkept;
        uint32_t *ids = malloc(len * sizeof(uint32_t));
        uint64_t *co = malloc(len * sizeof(uint64_t));
        modp_scalar_t inv = modp_scalar(modp_inv(kept_c[0], m), m);
        for (uint32_t k = 0; k < len; k++) {
            ids[k] = kept[len - 1 - k];
            co[k] = modp_scalar_mul(inv, kept_c[len - 1 - k], m);
        }
        split_and_store(w, ids, co, len);
    }
    w->kept = kept;
    w->kept_c = kept_c;
    w->kept_cap = kept_cap;

    /* The rows used are reduced against each other, lowest pivot first, and stored again. */
    if (nused > 1) {
        uint32_t **rid = malloc(nused * sizeof *rid);
        uint64_t **rco = malloc(nused * sizeof *rco);
        uint32_t *rlen = malloc(nused * sizeof *rlen);
        for (size_t i = 0; i < nused; i++) {
            uint32_t pivot = used[nused - 1 - i];
            copy_row(&t->slots[pivot].row, &rid[i], &rco[i], &rlen[i]);
            if (reduce_against(w, &rid[i], &rco[i], &rlen[i], rid, rco, rlen, i)) {
                split_and_store(w, rid[i], rco[i], rlen[i]);
                copy_row(&t->slots[pivot].row, &rid[i], &rco[i], &rlen[i]);
            }
        }
        for (size_t i = 0; i < nused; i++) {
            free(rid[i]);
            free(rco[i]);
        }
        free(rid);
        free(rco);
        free(rlen);
    }
    w->used = used;
    w->used_cap = used_cap;
    return new_row;
}

/* ---- seeds and levels ----------------------------------------------------------------- */

static void orbit_lowest(const family_t *f, sector_mask s, const int8_t *v, int8_t *out)
{
    memcpy(out, v, EMBER_MAX_INDICES);
    for (int g = 0; g < f->nsym; g++) {
        int8_t image[EMBER_MAX_INDICES] = { 0 };
        for (int i = 0; i < f->n; i++)
            image[i] = v[f->sym[g][i]];
        if (family_mask_of_vec(f, image) == s && memcmp(image, out, EMBER_MAX_INDICES) != 0
            && family_vec_smaller_in_sector(f, image, out, s))
            memcpy(out, image, EMBER_MAX_INDICES);
    }
}

static void seeds_of_level(const work_t *w, level_t lv, level_points_t *seeds)
{
    const family_t *f = w->f;
    level_seed_points(f, w->corner, lv.dots, lv.numerators, seeds);
    if (f->nsym > 1) {
        for (size_t k = 0; k < seeds->count; k++) {
            int8_t low[EMBER_MAX_INDICES];
            orbit_lowest(f, w->s->mask, seeds->v[k], low);
            memcpy(seeds->v[k], low, EMBER_MAX_INDICES);
        }
        level_points_unique(seeds);
    }
}

static bool candidate_less(const void *a, const void *b, void *ctx)
{
    (void)ctx;
    return point_key_cmp(&((const candidate_t *)a)->top, &((const candidate_t *)b)->top) < 0;
}

/* FIRE's sort_ibps + reduce_in_level for one seed level. Returns true when it stopped early
 * because every needed point had its row. */
static bool reduce_level(work_t *w, level_t lv)
{
    const family_t *f = w->f;
    int n = f->n;
    level_points_t seeds;
    seeds_of_level(w, lv, &seeds);

    candidate_t *cand = malloc((seeds.count * (size_t)w->nibps + 1) * sizeof(candidate_t));
    size_t ncand = 0;
    for (size_t k = 0; k < seeds.count; k++) {
        const int8_t *seed = seeds.v[k];
        for (int i = 0; i < w->nibps; i++) {
            int8_t top[EMBER_MAX_INDICES] = { 0 };
            for (int j = 0; j < n; j++) {
                int v = seed[j] + w->ibps[i].terms[0].shift[j];
                if (mask_positive(f, w->s->mask, j))
                    top[j] = (int8_t)(v <= 0 ? 1 : v);
                else
                    top[j] = (int8_t)(v > 0 ? 0 : v);
            }
            cand[ncand].top = family_key(f, top);
            cand[ncand].seed = (uint32_t)k;
            cand[ncand].ibp = (uint32_t)i;
            ncand++;
            if (!w->opt->all_ibps) {
                bool over = true;
                for (int j = 0; j < n; j++) {
                    int deg = seed[j] > 0 ? seed[j] - 1 : -seed[j];
                    if (deg < w->lead_degree[i][j])
                        over = false;
                }
                if (over)
                    break;
            }
        }
    }
    compat_sort(cand, ncand, sizeof(candidate_t), candidate_less, NULL);
    w->s->equations_tried += ncand;
    int (*seed_rows)[EMBER_MAX_INDICES] = malloc((seeds.count + 1) * sizeof *seed_rows);
    for (size_t k = 0; k < seeds.count; k++)
        family_rows(f, w->s->number, seeds.v[k], seed_rows[k]);

    equation_t *group = malloc((ncand + 1) * sizeof(equation_t));
    bool stopped = tracked_done(w);
    for (size_t start = 0; start < ncand && !stopped;) {
        size_t end = start + 1;
        while (end < ncand && point_key_eq(&cand[end].top, &cand[start].top))
            end++;
        size_t need = 0;
        for (size_t k = start; k < end; k++)
            need += (size_t)w->ibps[cand[k].ibp].nterms;
        if (need > w->pool_cap) {
            w->pool_cap = 2 * need;
            w->pool = realloc(w->pool, w->pool_cap * sizeof(eq_term));
        }
        size_t neq = 0, used_terms = 0;
        for (size_t k = start; k < end; k++)
            if (instantiate(w, (int)cand[k].ibp, seeds.v[cand[k].seed], seed_rows[cand[k].seed],
                            w->pool + used_terms, &group[neq]))
                used_terms += group[neq++].len;
        compat_sort(group, neq, sizeof(equation_t), equation_less, NULL);
        for (size_t k = 0; k < neq; k++) {
            if (!stopped && process_equation(w, &group[k]))
                w->s->equations_used++;
            stopped = stopped || tracked_done(w);
        }
        start = end;
    }
    free(group);
    free(cand);
    free(seed_rows);
    level_points_clear(&seeds);
    return stopped;
}

/* ---- masters, closure and the stage itself ------------------------------------------------ */

/* Points of level (dots-1, numerators-1) that still have no row become masters. */
static void mark_masters(work_t *w, int dots, int numerators)
{
    if (dots <= 0 || numerators <= 0)
        return;
    const family_t *f = w->f;
    level_points_t pts;
    level_points(f, w->corner, dots - 1, numerators - 1, &pts);
    if (f->nsym > 1) {
        for (size_t k = 0; k < pts.count; k++) {
            int8_t low[EMBER_MAX_INDICES];
            orbit_lowest(f, w->s->mask, pts.v[k], low);
            memcpy(pts.v[k], low, EMBER_MAX_INDICES);
        }
        level_points_unique(&pts);
    }
    for (size_t k = 0; k < pts.count; k++) {
        point_key key = family_key(f, pts.v[k]);
        uint32_t id = table_insert(&w->s->table, &key, pts.v[k]);
        if (!table_has_row(&w->s->table, id))
            sector_make_master(w->f, w->s, id);
    }
    level_points_clear(&pts);
}

/* Walks the needed points and the same-sector points their rows reference. Returns true when
 * all of them have rows; rowless points are appended to *rowless when it is not NULL. */
static bool closure_walk(work_t *w, const uint32_t *needed, size_t nneeded,
                         uint32_t **rowless, size_t *nrowless, size_t *rowless_cap,
                         uint32_t **closure, size_t *nclosure)
{
    table_t *t = &w->s->table;
    for (uint32_t i = 0; i < t->count; i++)
        t->slots[i].mark = 0;
    uint32_t *stack = NULL;
    size_t nstack = 0, stack_cap = 0;
    size_t nclos = 0, clos_cap = 0;
    bool done = true;
    for (size_t k = 0; k < nneeded; k++) {
        if (!t->slots[needed[k]].mark) {
            t->slots[needed[k]].mark = 1;
            push_u32(&stack, &nstack, &stack_cap, needed[k]);
        }
    }
    while (nstack > 0) {
        uint32_t id = stack[--nstack];
        if (closure)
            push_u32(closure, &nclos, &clos_cap, id);
        const row_t *r = &t->slots[id].row;
        if (r->len == 0) {
            done = false;
            if (rowless)
                push_u32(rowless, nrowless, rowless_cap, id);
            continue;
        }
        for (uint32_t k = 0; k + 1 < r->len; k++) {
            uint32_t term = r->ids[k];
            if (point_key_sector(&t->slots[term].key) == w->s->number && !t->slots[term].mark) {
                t->slots[term].mark = 1;
                push_u32(&stack, &nstack, &stack_cap, term);
            }
        }
    }
    free(stack);
    if (nclosure)
        *nclosure = nclos;
    return done;
}

static int slot_id_cmp(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

/* The closure becomes the backward stage's work list; the lower points it references become
 * requests to lower sectors. */
static void finish(work_t *w, const uint32_t *needed, size_t nneeded)
{
    sector_t *s = w->s;
    table_t *t = &s->table;
    closure_walk(w, needed, nneeded, NULL, NULL, NULL, &s->closure, &s->nclosure);
    size_t cap = 0;
    for (size_t k = 0; k < s->nclosure; k++) {
        const row_t *r = &t->slots[s->closure[k]].row;
        for (uint32_t j = 0; j + 1 < r->len; j++) {
            slot_t *term = &t->slots[r->ids[j]];
            unsigned sn = point_key_sector(&term->key);
            if (sn == s->number || sn == EMBER_MASTER_SECTOR || term->mark == 2)
                continue;
            term->mark = 2;
            if (s->nlower == cap) {
                cap = cap ? 2 * cap : 32;
                s->lower = realloc(s->lower, cap * sizeof(sector_request_t));
            }
            s->lower[s->nlower].key = term->key;
            memcpy(s->lower[s->nlower].v, term->v, sizeof(point_vec));
            s->nlower++;
        }
    }
}

static bool level_used(const sector_t *s, level_t lv)
{
    for (size_t k = 0; k < s->nused; k++)
        if (s->used_levels[k].dots == lv.dots && s->used_levels[k].numerators == lv.numerators)
            return true;
    return false;
}

static int level_qsort_cmp(const void *a, const void *b)
{
    return level_cmp(a, b);
}

/* The seed levels still to do for the needed points, in FIRE's order. */
static size_t plan_levels(const work_t *w, const uint32_t *needed, size_t nneeded, bool first_pass,
                          level_t **out)
{
    const table_t *t = &w->s->table;
    size_t count = 0, cap = 64;
    level_t *levels = malloc(cap * sizeof(level_t));
    for (size_t k = 0; k < nneeded; k++) {
        int p, m;
        point_vec_level(t->slots[needed[k]].v, w->f->n, &p, &m);
        int p0 = p + 1;
        int m0 = first_pass ? (m == 0 ? 1 : m) : m + 1;
        for (int a = 1; a <= p0; a++) {
            for (int b = 1; b <= m0; b++) {
                level_t lv = { a, b };
                if (level_used(w->s, lv))
                    continue;
                bool seen = false;
                for (size_t q = 0; q < count && !seen; q++)
                    seen = levels[q].dots == a && levels[q].numerators == b;
                if (seen)
                    continue;
                if (count == cap) {
                    cap *= 2;
                    levels = realloc(levels, cap * sizeof(level_t));
                }
                levels[count++] = lv;
            }
        }
    }
    qsort(levels, count, sizeof(level_t), level_qsort_cmp);
    *out = levels;
    return count;
}

static void mark_level_done(work_t *w, level_t lv, size_t nlevels)
{
    sector_t *s = w->s;
    if (s->nused == s->used_cap) {
        s->used_cap = s->used_cap ? 2 * s->used_cap : 16;
        s->used_levels = realloc(s->used_levels, s->used_cap * sizeof(level_t));
    }
    s->used_levels[s->nused++] = lv;
    int pos_pref = w->f->pos_pref;
    if (pos_pref > 1 && lv.dots == 1 && lv.numerators == 1 && nlevels > 1)
        return;                                    /* FIRE does not mark the corner here */
    if (pos_pref > 1 && lv.dots + lv.numerators == 3)
        mark_masters(w, 1, 1);
    mark_masters(w, lv.dots, lv.numerators);
}

/* Internal LiteRed symmetries give rows at the first levels (FIRE's write_symmetries, gated
 * by #pos_pref) before the group's equations run. */
static int write_internal_rows(work_t *w, const level_t *group, size_t count, char *err, size_t errlen)
{
    int pos_pref = w->f->pos_pref;
    for (size_t k = 0; k < count && pos_pref != 0; k++) {
        bool due = pos_pref > 0 ? group[k].dots <= pos_pref && group[k].numerators == 1
                                : group[k].dots == 1 && group[k].numerators <= -pos_pref;
        if (due && litered_internal_rows(w->f, w->opt->litered, w->s, group[k].dots, group[k].numerators,
                                         err, errlen) < 0)
            return -1;
    }
    return 0;
}

/* One group of levels with the same dots + numerators: internal-symmetry rows, the levels'
 * equations (FIRE runs them in descending (dots, numerators) order), then the masters. Returns
 * 1 when every needed point has its row, 0 to go on, -1 on an error. */
static int run_group(work_t *w, const level_t *levels, size_t first, size_t end, size_t nlevels,
                     const uint32_t *needed, size_t nneeded, char *err, size_t errlen)
{
    level_t group[64];
    size_t ng = 0;
    for (size_t k = first; k < end && ng < 64; k++)
        group[ng++] = levels[k];
    for (size_t a = 0; a < ng; a++)
        for (size_t b = a + 1; b < ng; b++)
            if (group[b].dots > group[a].dots
                || (group[b].dots == group[a].dots && group[b].numerators > group[a].numerators)) {
                level_t tmp = group[a];
                group[a] = group[b];
                group[b] = tmp;
            }
    if (write_internal_rows(w, levels + first, end - first, err, errlen) != 0)
        return -1;
    track_reset(w, needed, nneeded);
    bool stopped = false;
    for (size_t k = 0; k < ng && !stopped; k++)
        stopped = reduce_level(w, group[k]);
    w->tracking = false;
    if (stopped)
        return 1;
    for (size_t k = first; k < end; k++)
        mark_level_done(w, levels[k], nlevels);
    return closure_walk(w, needed, nneeded, NULL, NULL, NULL, NULL, NULL) ? 1 : 0;
}

static void prepare_ibps(work_t *w)
{
    if (w->ibps)
        return;
    const family_t *f = w->f;
    w->ibps = presolve_ibps(f, w->s->mask, w->opt->presolve, &w->nibps);
    w->lead_degree = calloc((size_t)(w->nibps ? w->nibps : 1), sizeof(point_vec));
    /* along a shift that keeps a point in the sector, each degree moves by the shift (its
     * opposite on non-positive indices), so the ordering rows move by a fixed amount */
    w->delta_first = calloc((size_t)w->nibps + 1, sizeof(size_t));
    size_t total = 0;
    for (int i = 0; i < w->nibps; i++) {
        w->delta_first[i] = total;
        total += (size_t)w->ibps[i].nterms;
    }
    w->term_delta = calloc(total * (size_t)f->n + 1, sizeof(int));
    for (int i = 0; i < w->nibps; i++)
        for (int k = 0; k < w->ibps[i].nterms; k++) {
            int8_t step[EMBER_MAX_INDICES] = { 0 };
            for (int j = 0; j < f->n; j++)
                step[j] = (int8_t)(mask_positive(f, w->s->mask, j) ? w->ibps[i].terms[k].shift[j]
                                                                    : -w->ibps[i].terms[k].shift[j]);
            int *delta = w->term_delta + (w->delta_first[i] + (size_t)k) * (size_t)f->n;
            for (int r = 0; r < f->n; r++)
                for (int j = 0; j < f->n; j++)
                    delta[r] += f->ordering[w->s->number][r * f->n + j] * step[j];
        }
    for (int i = 0; i < w->nibps; i++) {
        const int8_t *lead = w->ibps[i].terms[0].shift;
        for (int j = 0; j < f->n; j++) {
            int d = mask_positive(f, w->s->mask, j) ? lead[j] : -lead[j];
            w->lead_degree[i][j] = (int8_t)(d > 0 ? d : 0);
        }
    }
}

int forward_run(const family_t *f, sector_t *s, const forward_options *opt, char *err, size_t errlen)
{
    work_t w = { .f = f, .s = s, .opt = opt, .row_level = (uint8_t)(2 * s->level) };
    accum_init(&w.acc, &s->table);
    family_corner(f, s->mask, w.corner);

    uint32_t *needed = NULL;
    size_t nneeded = 0, needed_cap = 0;
    for (size_t k = 0; k < s->nrequested; k++) {
        uint32_t id = s->requested[k];
        if (!table_has_row(&s->table, id) && s->table.slots[id].level > 2 * s->level)
            push_u32(&needed, &nneeded, &needed_cap, id);
    }
    if (nneeded > 0)
        qsort(needed, nneeded, sizeof(uint32_t), slot_id_cmp);

    int status = 0;
    bool first_pass = true;
    while (nneeded > 0) {
        if (closure_walk(&w, needed, nneeded, NULL, NULL, NULL, NULL, NULL)) {
            finish(&w, needed, nneeded);
            break;
        }
        if (first_pass) {                   /* Lee rules or an external symmetry replace Laporta */
            int handled = litered_forward(f, opt->litered, s, err, errlen);
            if (handled != 0) {
                status = handled < 0 ? -1 : 0;
                break;
            }
        }
        level_t *levels;
        size_t nlevels = plan_levels(&w, needed, nneeded, first_pass, &levels);
        if (nlevels == 0) {
            snprintf(err, errlen, "sector %u: no seed levels left but integrals remain unreduced", s->number);
            status = -1;
            free(levels);
            break;
        }
        prepare_ibps(&w);
        bool done = false;
        size_t next = 0;
        for (int sum = 2; next < nlevels && !done; sum++) {
            size_t group_end = next;
            while (group_end < nlevels && levels[group_end].dots + levels[group_end].numerators <= sum)
                group_end++;
            if (group_end == next)
                continue;
            int r = run_group(&w, levels, next, group_end, nlevels, needed, nneeded, err, errlen);
            next = group_end;
            if (r < 0) {
                status = -1;
                free(levels);
                goto out;
            }
            if (r > 0) {
                finish(&w, needed, nneeded);
                done = true;
            }
        }
        free(levels);
        if (done)
            break;
        /* FIRE: "failed to resolve all integrals, increasing levels" */
        uint32_t *rowless = NULL;
        size_t nrowless = 0, rowless_cap = 0;
        closure_walk(&w, needed, nneeded, &rowless, &nrowless, &rowless_cap, NULL, NULL);
        for (size_t k = 0; k < nrowless; k++)
            push_u32(&needed, &nneeded, &needed_cap, rowless[k]);
        free(rowless);
        qsort(needed, nneeded, sizeof(uint32_t), slot_id_cmp);
        first_pass = false;
    }
out:
    s->madds += w.acc.madds;
    accum_clear(&w.acc);
    free(needed);
    free(w.in_closure);
    free(w.stack);
    free(w.used);
    free(w.kept);
    free(w.kept_c);
    free(w.pool);
    if (w.ibps)
        presolve_free(w.ibps, w.nibps);
    free(w.lead_degree);
    free(w.delta_first);
    free(w.term_delta);
    return status;
}
