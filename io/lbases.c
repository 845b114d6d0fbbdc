#include "io/lbases.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "io/text.h"

typedef struct {
    const char *path;
    const family_t *f;
    int problem_number;
    litered_t *lr;
    expr_symbols_t lee_symbols;      /* variables, then xxx[1..n] */
    expr_symbols_t sym_symbols;      /* variables only */
    diag_t *d;
} reader_t;

/* {pn, {sector}}: the sector number the entry is for, 0 when FIRE would skip it. */
static int entry_sector(reader_t *r, const mnode_t *head, unsigned *sn)
{
    const family_t *f = r->f;
    long pn, v[EMBER_MAX_INDICES];
    if (!head->is_list || head->count != 2)
        return diag_error(r->d, r->path, head->line, "expected {problem, {sector}} at the head of an entry");
    if (mnode_int(&head->items[0], r->path, -1000000, 1000000, "problem number", &pn, r->d) != 0
        || mnode_int_list(&head->items[1], r->path, f->n, -1, 1, "sector", v, EMBER_MAX_INDICES, NULL, r->d) != 0)
        return -1;
    if (pn != r->problem_number)
        return diag_error(r->d, r->path, head->line, "entry for problem %ld, but #problem is %d", pn, r->problem_number);
    sector_mask s = 0;
    for (int i = 0; i < f->n; i++)
        s = (s << 1) | (v[i] > 0 ? 1u : 0u);
    unsigned number = f->number[s];
    *sn = (number >= 2 && number <= f->max_sector) ? number : 0;
    return 0;
}

static expr_t *compile(reader_t *r, const mnode_t *n, const expr_symbols_t *symbols)
{
    if (n->is_list) {
        diag_error(r->d, r->path, n->line, "expected a coefficient string");
        return NULL;
    }
    size_t len;
    const char *text = mnode_unquoted(n, &len);
    char err[160];
    expr_t *e = expr_compile(text, len, symbols, &r->f->mod, err, sizeof err);
    if (!e)
        diag_error(r->d, r->path, n->line, "coefficient \"%.*s\": %s", (int)(len < 60 ? len : 60), text, err);
    return e;
}

static int ints(reader_t *r, const mnode_t *n, const char *what, int *out)
{
    long v[EMBER_MAX_INDICES];
    if (mnode_int_list(n, r->path, r->f->n, -127, 127, what, v, EMBER_MAX_INDICES, NULL, r->d) != 0)
        return -1;
    for (int i = 0; i < r->f->n; i++)
        out[i] = (int)v[i];
    return 0;
}

/* {{pn, sector}, {conditions}, {terms}} */
static int read_lee_rule(reader_t *r, const mnode_t *e)
{
    const family_t *f = r->f;
    if (!e->is_list || e->count != 3 || !e->items[1].is_list || !e->items[2].is_list)
        return diag_error(r->d, r->path, e->line, "expected a Lee rule {{problem, sector}, {conditions}, {terms}}");
    unsigned sn;
    if (entry_sector(r, &e->items[0], &sn) != 0)
        return -1;
    if (sn == 0)
        return 0;
    lee_rule rule = { 0 };
    rule.conds = calloc(e->items[1].count + 1, sizeof(lee_condition));
    rule.terms = calloc(e->items[2].count + 1, sizeof(lee_term));
    int status = 0;
    for (size_t c = 0; c < e->items[1].count && status == 0; c++) {
        const mnode_t *cond = &e->items[1].items[c];
        long free_term, flag;
        if (!cond->is_list || cond->count != 3) {
            status = diag_error(r->d, r->path, cond->line, "expected a condition {{coefficients}, constant, 0|1}");
            break;
        }
        lee_condition *lc = &rule.conds[rule.nconds++];
        status = ints(r, &cond->items[0], "condition coefficients", lc->coef);
        if (status == 0)
            status = mnode_int(&cond->items[1], r->path, -100000, 100000, "condition constant", &free_term, r->d);
        if (status == 0)
            status = mnode_int(&cond->items[2], r->path, 0, 1, "condition flag", &flag, r->d);
        lc->free = (int)free_term;
        lc->must_vanish = flag == 1;
    }
    for (size_t t = 0; t < e->items[2].count && status == 0; t++) {
        const mnode_t *term = &e->items[2].items[t];
        if (!term->is_list || term->count != 2 || !term->items[1].is_list || term->items[1].count != (size_t)f->n) {
            status = diag_error(r->d, r->path, term->line, "expected a term {\"coefficient\", {{{row}, shift} x %d}}", f->n);
            break;
        }
        lee_term *lt = &rule.terms[rule.nterms];
        lt->coeff = compile(r, &term->items[0], &r->lee_symbols);
        if (!lt->coeff) {
            status = -1;
            break;
        }
        rule.nterms++;
        for (int i = 0; i < f->n && status == 0; i++) {
            const mnode_t *map = &term->items[1].items[i];
            long shift;
            if (!map->is_list || map->count != 2) {
                status = diag_error(r->d, r->path, map->line, "expected an index map {{row}, shift}");
                break;
            }
            status = ints(r, &map->items[0], "index map row", lt->row[i]);
            if (status == 0)
                status = mnode_int(&map->items[1], r->path, -127, 127, "index map shift", &shift, r->d);
            lt->shift[i] = (int)shift;
        }
    }
    sector_litered *sl = &r->lr->sectors[sn];
    sl->lee = realloc(sl->lee, (size_t)(sl->nlee + 1) * sizeof(lee_rule));
    sl->lee[sl->nlee++] = rule;        /* kept even on error, so that clearing frees it */
    return status;
}

/* {{pn, sector}, {permutation}, {{{{"c", {shift}}, ...}, index}, ...}} */
static int read_symmetry(reader_t *r, const mnode_t *e, sym_rule *out, unsigned *sn)
{
    const family_t *f = r->f;
    memset(out, 0, sizeof *out);
    if (!e->is_list || e->count != 3 || !e->items[2].is_list)
        return diag_error(r->d, r->path, e->line, "expected a symmetry {{problem, sector}, {permutation}, {factors}}");
    if (entry_sector(r, &e->items[0], sn) != 0)
        return -1;
    if (*sn == 0)
        return 0;
    long perm[EMBER_MAX_INDICES];
    if (mnode_int_list(&e->items[1], r->path, f->n, 0, f->n, "symmetry permutation", perm, EMBER_MAX_INDICES, NULL, r->d) != 0)
        return -1;
    for (int i = 0; i < f->n; i++)
        out->perm[i] = (int)perm[i];
    out->factors = calloc(e->items[2].count + 1, sizeof(sym_factor));
    for (size_t k = 0; k < e->items[2].count; k++) {
        const mnode_t *fac = &e->items[2].items[k];
        long index;
        if (!fac->is_list || fac->count != 2 || !fac->items[0].is_list)
            return diag_error(r->d, r->path, fac->line, "expected a factor {{{\"coefficient\", {shift}}, ...}, index}");
        if (mnode_int(&fac->items[1], r->path, 1, f->n, "factor index", &index, r->d) != 0)
            return -1;
        sym_factor *sf = &out->factors[out->nfactors++];
        sf->index = (int)index - 1;
        const mnode_t *sum = &fac->items[0];
        sf->coeffs = calloc(sum->count + 1, sizeof(uint64_t));
        sf->shifts = calloc(sum->count + 1, sizeof(point_vec));
        for (size_t t = 0; t < sum->count; t++) {
            const mnode_t *st = &sum->items[t];
            int shift[EMBER_MAX_INDICES];
            if (!st->is_list || st->count != 2)
                return diag_error(r->d, r->path, st->line, "expected a term {\"coefficient\", {shift}}");
            expr_t *c = compile(r, &st->items[0], &r->sym_symbols);
            if (!c)
                return -1;
            int bad = expr_eval(c, r->lr->values, &f->mod, &sf->coeffs[t]);
            expr_free(c);
            if (bad)
                return diag_error(r->d, r->path, st->line, "coefficient divides by zero modulo the prime");
            if (ints(r, &st->items[1], "shift", shift) != 0)
                return -1;
            for (int i = 0; i < f->n; i++)
                sf->shifts[t][i] = (int8_t)shift[i];
            sf->nterms++;
        }
    }
    return 0;
}

static void clear_symmetry(sym_rule *s)
{
    for (int k = 0; k < s->nfactors; k++) {
        free(s->factors[k].coeffs);
        free(s->factors[k].shifts);
    }
    free(s->factors);
    memset(s, 0, sizeof *s);
}

static int read_symmetries(reader_t *r, const mnode_t *part, bool external)
{
    for (size_t k = 0; k < part->count; k++) {
        sym_rule rule;
        unsigned sn = 0;
        if (read_symmetry(r, &part->items[k], &rule, &sn) != 0) {
            clear_symmetry(&rule);
            return -1;
        }
        if (sn == 0) {
            clear_symmetry(&rule);
            continue;
        }
        sector_litered *sl = &r->lr->sectors[sn];
        if (external) {
            if (sl->external) {
                clear_symmetry(&rule);
                return diag_error(r->d, r->path, part->items[k].line, "a second external symmetry for sector %u", sn);
            }
            sl->external = malloc(sizeof(sym_rule));
            *sl->external = rule;
        } else {
            sl->internal = realloc(sl->internal, (size_t)(sl->ninternal + 1) * sizeof(sym_rule));
            sl->internal[sl->ninternal++] = rule;
        }
    }
    return 0;
}

int lbases_read(const char *path, const family_t *f, int problem_number, const char *const *variable_names,
                int nvariables, litered_t *lr, diag_t *d)
{
    char *text;
    mnode_t root;
    if (text_read_list(path, "{{Lee rules}, {external symmetries}, {internal symmetries}}", &text, &root, d) != 0)
        return -1;
    const char **names = calloc((size_t)(nvariables + f->n) + 1, sizeof(char *));
    char (*index_names)[16] = calloc((size_t)f->n + 1, 16);
    for (int i = 0; i < nvariables; i++)
        names[i] = variable_names[i];
    for (int i = 0; i < f->n; i++) {
        snprintf(index_names[i], 16, "xxx[%d]", i + 1);
        names[nvariables + i] = index_names[i];
    }
    reader_t r = { path, f, problem_number, lr, { names, (size_t)(nvariables + f->n) },
                   { names, (size_t)nvariables }, d };
    int status = 0;
    if (root.count < 2 || root.count > 3) {
        status = diag_error(d, path, root.line, "expected {{Lee rules}, {external symmetries}, {internal symmetries}}");
    } else {
        for (size_t k = 0; k < root.count && status == 0; k++)
            if (!root.items[k].is_list)
                status = diag_error(d, path, root.items[k].line, "part %zu of the file is not a list", k + 1);
        for (size_t k = 0; status == 0 && k < root.items[0].count; k++)
            status = read_lee_rule(&r, &root.items[0].items[k]);
        if (status == 0)
            status = read_symmetries(&r, &root.items[1], true);
        if (status == 0 && root.count == 3)
            status = read_symmetries(&r, &root.items[2], false);
    }
    mnode_free(&root);
    free(text);
    free(names);
    free(index_names);
    return status;
}
