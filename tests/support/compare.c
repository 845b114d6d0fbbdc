#include "tests/support/compare.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "io/tables_read.h"
#include <unistd.h>

static int eval_text(const char *text, const expr_symbols_t *symbols, const uint64_t *values,
                     const modp_t *m, uint64_t *out)
{
    char err[128];
    expr_t *e = expr_compile(text, strlen(text), symbols, m, err, sizeof err);
    if (!e)
        return -1;
    int status = expr_eval(e, values, m, out);
    expr_free(e);
    return status;
}

static void vec_text(const tables_doc_entry *e, char *buf, size_t len)
{
    size_t k = (size_t)snprintf(buf, len, "{");
    for (int i = 0; i < e->n && k < len; i++)
        k += (size_t)snprintf(buf + k, len - k, "%s%d", i ? "," : "", e->v[i]);
    if (k < len)
        snprintf(buf + k, len - k, "}");
}

static size_t count_masters(const tables_doc *doc)
{
    size_t n = 0;
    for (size_t k = 0; k < doc->count; k++)
        n += doc->entries[k].master;
    return n;
}

static int index_sum(const tables_doc_entry *e)
{
    int s = 0;
    for (int i = 0; i < e->n; i++)
        s += e->v[i];
    return s;
}

static int compare(const char *reference, const char *candidate, const expr_symbols_t *symbols,
                   const uint64_t *values, uint64_t prime, bool opposite, char *why, size_t whylen)
{
    diag_t d;
    tables_doc ref, cand;
    if (tables_read(reference, &ref, &d) != 0) {
        snprintf(why, whylen, "%s", d.message);
        return -1;
    }
    if (tables_read(candidate, &cand, &d) != 0) {
        snprintf(why, whylen, "%s", d.message);
        tables_doc_clear(&ref);
        return -1;
    }
    modp_t m;
    modp_init(&m, prime);
    int status = 0;
    char vtext[128];
    if (count_masters(&ref) != count_masters(&cand)) {
        snprintf(why, whylen, "%zu masters in the reference, %zu in the candidate", count_masters(&ref),
                 count_masters(&cand));
        status = -1;
    }
    for (size_t k = 0; k < ref.count && status == 0; k++) {
        const tables_doc_entry *r = &ref.entries[k];
        const tables_doc_entry *c = tables_doc_find_vec(&cand, r->v, r->n);
        vec_text(r, vtext, sizeof vtext);
        if (!c) {
            snprintf(why, whylen, "integral %s missing from the candidate", vtext);
            status = -1;
            break;
        }
        if (r->master != c->master) {
            snprintf(why, whylen, "integral %s is a master in only one of the files", vtext);
            status = -1;
            break;
        }
        if (r->master)
            continue;
        if (r->nterms != c->nterms) {
            snprintf(why, whylen, "integral %s: %zu terms in the reference, %zu in the candidate", vtext,
                     r->nterms, c->nterms);
            status = -1;
            break;
        }
        for (size_t t = 0; t < r->nterms && status == 0; t++) {
            const tables_doc_entry *rm = tables_doc_find_id(&ref, r->term_ids[t]);
            const tables_doc_entry *cm = rm ? tables_doc_find_vec(&cand, rm->v, rm->n) : NULL;
            size_t q = 0;
            while (cm && q < c->nterms && strcmp(c->term_ids[q], cm->id) != 0)
                q++;
            if (!cm || q == c->nterms) {
                snprintf(why, whylen, "integral %s: master %s of the reference is not in the candidate's row",
                         vtext, r->term_ids[t]);
                status = -1;
                break;
            }
            uint64_t want, got;
            int bad = eval_text(r->term_values[t], symbols, values, &m, &want) != 0
                      || eval_text(c->term_values[q], symbols, values, &m, &got) != 0;
            if (!bad && opposite && (index_sum(r) - index_sum(rm)) % 2 != 0)
                got = modp_neg(got, &m);
            if (bad) {
                snprintf(why, whylen, "integral %s: a coefficient cannot be evaluated", vtext);
                status = -1;
            } else if (want != got) {
                char mtext[128];
                vec_text(rm, mtext, sizeof mtext);
                snprintf(why, whylen, "integral %s, master %s: reference %llu, candidate %llu", vtext, mtext,
                         (unsigned long long)want, (unsigned long long)got);
                status = -1;
            }
        }
    }
    tables_doc_clear(&ref);
    tables_doc_clear(&cand);
    return status;
}

int compare_tables(const char *reference, const char *candidate, const expr_symbols_t *symbols,
                   const uint64_t *values, uint64_t prime, char *why, size_t whylen)
{
    return compare(reference, candidate, symbols, values, prime, false, why, whylen);
}

int compare_tables_opposite_propagators(const char *reference, const char *candidate, const expr_symbols_t *symbols,
                                        const uint64_t *values, uint64_t prime, char *why, size_t whylen)
{
    return compare(reference, candidate, symbols, values, prime, true, why, whylen);
}

int files_identical(const char *a, const char *b)
{
    FILE *fa = fopen(a, "rb"), *fb = fopen(b, "rb");
    int result = -1;
    if (fa && fb) {
        result = 1;
        int ca, cb;
        do {
            ca = fgetc(fa);
            cb = fgetc(fb);
            if (ca != cb)
                result = 0;
        } while (ca != EOF && cb != EOF && result == 1);
    }
    if (fa)
        fclose(fa);
    if (fb)
        fclose(fb);
    return result;
}

int enter_work_dir(const char *work_root, const char *name)
{
    char cmd[8400];
    snprintf(cmd, sizeof cmd, "rm -rf '%s/%s' && mkdir -p '%s/%s'", work_root, name, work_root, name);
    if (system(cmd) != 0)
        return -1;
    snprintf(cmd, sizeof cmd, "%s/%s", work_root, name);
    return chdir(cmd);
}
