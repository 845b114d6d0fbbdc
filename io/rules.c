#include "io/rules.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "io/text.h"

/* Skips white space from text[*pos] with text.c's reader, counting lines. */
static void skip_space(const char *path, const char *text, size_t len, size_t *pos, int *line)
{
    mreader_t r;
    mreader_init(&r, path, text, len, *line);
    r.pos = *pos;
    mreader_peek(&r);
    *pos = r.pos;
    *line = r.line;
}

/* G[pn, {a1, ..., an}] starting at text[*pos]; advances past the closing bracket. */
static int read_integral(const char *path, const char *text, size_t len, size_t *pos, int *line,
                         int pn, int n, int8_t *v, diag_t *d)
{
    skip_space(path, text, len, pos, line);
    if (*pos + 2 > len || text[*pos] != 'G' || text[*pos + 1] != '[')
        return diag_error(d, path, *line, "expected G[problem, {indices}]");
    size_t close = *pos;
    while (close < len && text[close] != ']')
        close++;
    if (close == len)
        return diag_error(d, path, *line, "G[...] is not closed");
    mreader_t r;
    mreader_init(&r, path, text + *pos + 2, close - *pos - 2, *line);
    mnode_t number, indices;
    if (mreader_node(&r, &number, d) != 0)
        return -1;
    int status = 0;
    long p, vals[EMBER_MAX_INDICES];
    if (mreader_peek(&r) != ',') {
        status = diag_error(d, path, *line, "expected G[problem, {indices}]");
    } else {
        r.pos++;
        status = mreader_node(&r, &indices, d);
        if (status == 0) {
            status = mnode_int(&number, path, -1000000, 1000000, "problem number", &p, d);
            if (status == 0 && p != pn)
                status = diag_error(d, path, *line, "problem number %ld, but #problem is %d", p, pn);
            if (status == 0)
                status = mnode_int_list(&indices, path, n, -100, 100, "integral indices", vals, EMBER_MAX_INDICES,
                                        NULL, d);
            mnode_free(&indices);
        }
    }
    mnode_free(&number);
    if (status != 0)
        return -1;
    memset(v, 0, EMBER_MAX_INDICES);
    for (int i = 0; i < n; i++)
        v[i] = (int8_t)vals[i];
    for (size_t k = *pos; k <= close; k++)
        *line += text[k] == '\n';
    *pos = close + 1;
    return 0;
}

static int read_rule(const char *path, const char *text, size_t len, size_t *pos, int *line, int pn, int n,
                     const expr_symbols_t *symbols, const uint64_t *values, const modp_t *m, rule_t *rule,
                     diag_t *d)
{
    memset(rule, 0, sizeof *rule);
    rule->line = *line;
    if (read_integral(path, text, len, pos, line, pn, n, rule->lhs, d) != 0)
        return -1;
    skip_space(path, text, len, pos, line);
    if (*pos + 2 > len || text[*pos] != '-' || text[*pos + 1] != '>')
        return diag_error(d, path, *line, "expected '->' after the rule's integral");
    *pos += 2;
    mreader_t r;
    mreader_init(&r, path, text + *pos, len - *pos, *line);
    mnode_t rhs;
    if (mreader_node(&r, &rhs, d) != 0)
        return -1;
    int status = 0;
    if (!rhs.is_list || rhs.count == 0)
        status = diag_error(d, path, rhs.line, "expected {{coefficient, G[...]}, ...} after '->'");
    rule->rhs = calloc(rhs.count + 1, sizeof(point_vec));
    rule->coeffs = calloc(rhs.count + 1, sizeof(uint64_t));
    for (size_t k = 0; k < rhs.count && status == 0; k++) {
        const mnode_t *term = &rhs.items[k];
        if (!term->is_list || term->count != 2 || term->items[0].is_list || term->items[1].is_list) {
            status = diag_error(d, path, term->line, "expected a term {coefficient, G[problem, {indices}]}");
            break;
        }
        char err[160];
        expr_t *e = expr_compile(term->items[0].text, term->items[0].len, symbols, m, err, sizeof err);
        if (!e || expr_eval(e, values, m, &rule->coeffs[k]) != 0) {
            status = diag_error(d, path, term->line, "coefficient '%.*s': %s", (int)term->items[0].len,
                                term->items[0].text, e ? "divides by zero modulo the prime" : err);
            expr_free(e);
            break;
        }
        expr_free(e);
        size_t ipos = 0;
        int iline = term->items[1].line;
        status = read_integral(path, term->items[1].text, term->items[1].len, &ipos, &iline, pn, n, rule->rhs[k], d);
        rule->nrhs++;
    }
    *line = r.line;
    *pos += r.pos;
    mnode_free(&rhs);
    if (status != 0)
        return -1;
    skip_space(path, text, len, pos, line);
    if (*pos >= len || text[*pos] != ';')
        return diag_error(d, path, *line, "expected ';' after a rule");
    (*pos)++;
    return 0;
}

int rules_read(const char *path, int problem_number, int n, const expr_symbols_t *symbols,
               const uint64_t *values, const modp_t *m, rule_list *out, diag_t *d)
{
    memset(out, 0, sizeof *out);
    size_t len;
    char *text = text_load(path, &len, d);
    if (!text)
        return -1;
    size_t pos = 0;
    int line = 1, status = 0, cap = 0;
    for (;;) {
        skip_space(path, text, len, &pos, &line);
        if (pos + 4 <= len && memcmp(text + pos, "Null", 4) == 0) {      /* Save output starts so */
            pos += 4;
            continue;
        }
        if (pos >= len)
            break;
        if (out->count == cap) {
            cap = cap ? 2 * cap : 8;
            out->rules = realloc(out->rules, (size_t)cap * sizeof(rule_t));
        }
        status = read_rule(path, text, len, &pos, &line, problem_number, n, symbols, values, m,
                           &out->rules[out->count], d);
        out->count++;
        if (status != 0)
            break;
    }
    free(text);
    if (status != 0)
        rule_list_clear(out);
    return status;
}
