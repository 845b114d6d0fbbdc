#include "io/start.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "io/text.h"

typedef struct {
    const char *path;
    const expr_symbols_t *symbols;
    const uint64_t *values;
    family_t *f;
    bool have_dimension;
    int nibps_declared;
} start_state;

/* One block: Head[args] = value, its text starting at `line`. */
typedef struct {
    char head[64];
    mnode_t args;           /* a list node holding the bracket's arguments */
    mnode_t value;
    int line;
} block_t;

static void block_free(block_t *b)
{
    mnode_free(&b->args);
    mnode_free(&b->value);
}

/* Splits "Head[a, b, ...] = value"; returns 1 for a block of another shape (skipped), 0 on
 * success, -1 on a malformed block. */
static int parse_block(const char *path, const char *s, size_t len, int line, block_t *b, diag_t *d)
{
    memset(b, 0, sizeof *b);
    b->line = line;
    size_t i = 0;
    while (i < len && isspace((unsigned char)s[i]))
        i++;
    /* Save output opens with a lone Null */
    if (len - i >= 4 && memcmp(s + i, "Null", 4) == 0 && (len - i == 4 || isspace((unsigned char)s[i + 4]))) {
        i += 4;
        while (i < len && isspace((unsigned char)s[i]))
            line += s[i++] == '\n';
        s += i;
        len -= i;
        i = 0;
        b->line = line;
    }
    size_t h = i;
    while (i < len && (isalnum((unsigned char)s[i]) || s[i] == '$'))
        i++;
    if (i == h || i >= len || s[i] != '[' || i - h >= sizeof b->head)
        return 1;
    snprintf(b->head, sizeof b->head, "%.*s", (int)(i - h), s + h);
    /* the arguments: parse "{...}" over the bracket's contents */
    size_t open = i, depth = 0, close = i;
    for (; close < len; close++) {
        if (s[close] == '[')
            depth++;
        else if (s[close] == ']' && --depth == 0)
            break;
    }
    if (close >= len)
        return diag_error(d, path, line, "%s: unclosed '['", b->head);
    int args_line = line;
    for (size_t k = 0; k < open; k++)
        args_line += s[k] == '\n';
    mreader_t r;
    mreader_init(&r, path, s + open + 1, close - open - 1, args_line);
    b->args.is_list = true;
    b->args.line = args_line;
    size_t cap = 0;
    while (mreader_peek(&r) >= 0) {
        if (b->args.count == cap) {
            cap = cap ? 2 * cap : 4;
            b->args.items = realloc(b->args.items, cap * sizeof(mnode_t));
        }
        if (mreader_node(&r, &b->args.items[b->args.count], d) != 0)
            return -1;
        b->args.count++;
        int c = mreader_peek(&r);
        if (c == ',') {
            r.pos++;
        } else if (c >= 0) {
            return diag_error(d, path, r.line, "%s: expected ',' between arguments", b->head);
        }
    }
    size_t k = close + 1;
    int value_line = args_line;
    for (size_t q = open; q < k; q++)
        value_line += s[q] == '\n';
    while (k < len && isspace((unsigned char)s[k])) {
        value_line += s[k] == '\n';
        k++;
    }
    if (k >= len || s[k] != '=')
        return diag_error(d, path, value_line, "%s: expected '=' after the arguments", b->head);
    k++;
    mreader_init(&r, path, s + k, len - k, value_line);
    if (mreader_node(&r, &b->value, d) != 0)
        return -1;
    if (mreader_peek(&r) >= 0)
        return diag_error(d, path, r.line, "%s: unexpected text after the value", b->head);
    return 0;
}

static int need_dimension(start_state *st, const block_t *b, diag_t *d)
{
    if (!st->have_dimension)
        return diag_error(d, st->path, b->line, "%s before ExampleDimension: the number of indices is unknown", b->head);
    return 0;
}

/* A sector given as a list of +1/-1, as a mask. */
static int read_sector(start_state *st, const mnode_t *node, const char *what, sector_mask *out, diag_t *d)
{
    long v[EMBER_MAX_INDICES];
    if (mnode_int_list(node, st->path, st->f->n, -1, 1, what, v, EMBER_MAX_INDICES, NULL, d) != 0)
        return -1;
    sector_mask s = 0;
    for (int i = 0; i < st->f->n; i++) {
        if (v[i] == 0)
            return diag_error(d, st->path, node->line, "%s: sector entries must be 1 or -1", what);
        s = (s << 1) | (v[i] > 0 ? 1u : 0u);
    }
    *out = s;
    return 0;
}

static int on_dimension(start_state *st, const block_t *b, diag_t *d)
{
    long n;
    if (mnode_int(&b->value, st->path, 1, EMBER_MAX_INDICES, "ExampleDimension", &n, d) != 0)
        return -1;
    if (st->have_dimension) {        /* files made for several problem numbers repeat it */
        if (n != st->f->n)
            return diag_error(d, st->path, b->line, "ExampleDimension %ld differs from the earlier %d", n, st->f->n);
        return 0;
    }
    uint64_t p = st->f->mod.mod.n;
    family_init(st->f, (int)n, p);
    st->have_dimension = true;
    return 0;
}

static int on_ibp_count(start_state *st, const block_t *b, diag_t *d)
{
    long k;
    if (need_dimension(st, b, d) != 0
        || mnode_int(&b->value, st->path, 1, 100000, "SBasis0L (number of IBPs)", &k, d) != 0)
        return -1;
    if (st->nibps_declared)
        return diag_error(d, st->path, b->line, "SBasis0L given twice");
    st->nibps_declared = (int)k;
    st->f->ibps = calloc((size_t)k, sizeof(ibp_t));
    st->f->nibps = (int)k;
    return 0;
}

/* SBasis0C[pn, k, {shift}] = {{c, j}, ...}: term F(a + shift) with coefficient sum c a_j. */
static int on_ibp_term(start_state *st, const block_t *b, diag_t *d)
{
    family_t *f = st->f;
    if (need_dimension(st, b, d) != 0)
        return -1;
    if (!st->nibps_declared)
        return diag_error(d, st->path, b->line, "SBasis0C before SBasis0L: the number of IBPs is unknown");
    if (b->args.count != 3)
        return diag_error(d, st->path, b->line, "SBasis0C: expected [problem, ibp, {shift}]");
    long k;
    if (mnode_int(&b->args.items[1], st->path, 1, st->nibps_declared, "SBasis0C IBP number", &k, d) != 0)
        return -1;
    long shift[EMBER_MAX_INDICES];
    if (mnode_int_list(&b->args.items[2], st->path, f->n, -100, 100, "SBasis0C shift", shift,
                       EMBER_MAX_INDICES, NULL, d) != 0)
        return -1;
    if (!b->value.is_list)
        return diag_error(d, st->path, b->value.line, "SBasis0C: expected a list {{coefficient, index}, ...}");
    ibp_t *ibp = &f->ibps[k - 1];
    ibp->terms = realloc(ibp->terms, (size_t)(ibp->nterms + 1) * sizeof(ibp_term));
    ibp_term *t = &ibp->terms[ibp->nterms++];
    memset(t, 0, sizeof *t);
    for (int i = 0; i < f->n && i < EMBER_MAX_INDICES; i++)
        t->shift[i] = (int8_t)shift[i];
    for (size_t q = 0; q < b->value.count; q++) {
        const mnode_t *pair = &b->value.items[q];
        if (!pair->is_list || pair->count != 2 || pair->items[0].is_list)
            return diag_error(d, st->path, pair->line, "SBasis0C: expected a pair {coefficient, index}");
        long j;
        if (mnode_int(&pair->items[1], st->path, 0, f->n, "SBasis0C index", &j, d) != 0)
            return -1;
        char err[160];
        expr_t *e = expr_compile(pair->items[0].text, pair->items[0].len, st->symbols, &f->mod, err, sizeof err);
        if (!e)
            return diag_error(d, st->path, pair->line, "SBasis0C coefficient '%.*s': %s",
                              (int)(pair->items[0].len < 60 ? pair->items[0].len : 60), pair->items[0].text, err);
        uint64_t c;
        int status = expr_eval(e, st->values, &f->mod, &c);
        expr_free(e);
        if (status != 0)
            return diag_error(d, st->path, pair->line, "SBasis0C coefficient '%.*s' divides by zero modulo the prime",
                              (int)(pair->items[0].len < 60 ? pair->items[0].len : 60), pair->items[0].text);
        t->coeff[j] = modp_add(t->coeff[j], c, &f->mod);
    }
    return 0;
}

static int on_zero_sector(start_state *st, const block_t *b, diag_t *d)
{
    if (need_dimension(st, b, d) != 0)
        return -1;
    if (b->args.count != 2)
        return diag_error(d, st->path, b->line, "SBasisR: expected [problem, {sector}]");
    sector_mask s = 0;
    if (read_sector(st, &b->args.items[1], "SBasisR sector", &s, d) != 0)
        return -1;
    if (b->value.is_list)
        return diag_error(d, st->path, b->value.line, "SBasisR: expected True or False");
    if (b->value.len == 4 && memcmp(b->value.text, "True", 4) == 0)
        st->f->zero_mask[s] = true;
    else if (!(b->value.len == 5 && memcmp(b->value.text, "False", 5) == 0))
        return diag_error(d, st->path, b->value.line, "SBasisR: expected True or False, found '%.*s'",
                          (int)(b->value.len < 40 ? b->value.len : 40), b->value.text);
    return 0;
}

/* SBasisS[pn] = {{permutation, signs, region}, ...}: FIRE uses the permutations only. */
static int on_symmetries(start_state *st, const block_t *b, diag_t *d)
{
    family_t *f = st->f;
    if (need_dimension(st, b, d) != 0)
        return -1;
    if (!b->value.is_list || b->value.count == 0)
        return diag_error(d, st->path, b->value.line, "SBasisS: expected a non-empty list of symmetries");
    f->sym = realloc(f->sym, b->value.count * sizeof *f->sym);
    f->nsym = 0;
    for (size_t q = 0; q < b->value.count; q++) {
        const mnode_t *entry = &b->value.items[q];
        if (!entry->is_list || entry->count < 1)
            return diag_error(d, st->path, entry->line, "SBasisS: expected {permutation, signs, region}");
        long perm[EMBER_MAX_INDICES];
        if (mnode_int_list(&entry->items[0], st->path, f->n, 1, f->n, "SBasisS permutation", perm,
                           EMBER_MAX_INDICES, NULL, d) != 0)
            return -1;
        bool seen[EMBER_MAX_INDICES] = { false };
        memset(f->sym[f->nsym], 0, EMBER_MAX_INDICES);
        for (int i = 0; i < f->n; i++) {
            if (seen[perm[i] - 1])
                return diag_error(d, st->path, entry->line, "SBasisS: {%ld, ...} is not a permutation", perm[0]);
            seen[perm[i] - 1] = true;
            f->sym[f->nsym][i] = (int8_t)(perm[i] - 1);
        }
        f->nsym++;
    }
    return 0;
}

/* SBasisN[pn, {sector}] = {}: a LiteRed sector. FIRE marks it only when no SBasisR before
 * it declared the sector zero. */
static int on_lsector(start_state *st, const block_t *b, diag_t *d)
{
    if (need_dimension(st, b, d) != 0)
        return -1;
    if (b->args.count != 2)
        return diag_error(d, st->path, b->line, "SBasisN: expected [problem, {sector}]");
    sector_mask s = 0;
    if (read_sector(st, &b->args.items[1], "SBasisN sector", &s, d) != 0)
        return -1;
    if (!st->f->zero_mask[s])
        st->f->lsector[s] = true;
    return 0;
}

/* SBasisO[pn, {sector}] = n x n matrix: the sector's ordering. */
static int on_ordering(start_state *st, const block_t *b, diag_t *d)
{
    family_t *f = st->f;
    if (need_dimension(st, b, d) != 0)
        return -1;
    if (b->args.count != 2)
        return diag_error(d, st->path, b->line, "SBasisO: expected [problem, {sector}]");
    sector_mask s = 0;
    if (read_sector(st, &b->args.items[1], "SBasisO sector", &s, d) != 0)
        return -1;
    if (!b->value.is_list || b->value.count != (size_t)f->n)
        return diag_error(d, st->path, b->value.line, "SBasisO: expected a %d x %d matrix", f->n, f->n);
    int8_t *mat = malloc((size_t)f->n * (size_t)f->n);
    for (int i = 0; i < f->n; i++) {
        long row[EMBER_MAX_INDICES];
        if (mnode_int_list(&b->value.items[i], st->path, f->n, -100, 100, "SBasisO row", row,
                           EMBER_MAX_INDICES, NULL, d) != 0) {
            free(mat);
            return -1;
        }
        for (int j = 0; j < f->n; j++)
            mat[i * f->n + j] = (int8_t)row[j];
    }
    free(f->ordering_given[s]);
    f->ordering_given[s] = mat;
    return 0;
}

static int handle_block(start_state *st, const block_t *b, diag_t *d)
{
    if (strcmp(b->head, "ExampleDimension") == 0)
        return on_dimension(st, b, d);
    if (strcmp(b->head, "SBasis0L") == 0)
        return on_ibp_count(st, b, d);
    if (strcmp(b->head, "SBasis0C") == 0)
        return on_ibp_term(st, b, d);
    if (strcmp(b->head, "SBasisR") == 0)
        return on_zero_sector(st, b, d);
    if (strcmp(b->head, "SBasisS") == 0)
        return on_symmetries(st, b, d);
    if (strcmp(b->head, "SBasisN") == 0)
        return on_lsector(st, b, d);
    if (strcmp(b->head, "SBasisO") == 0)
        return on_ordering(st, b, d);
    return 0;
}

static bool blank_line(const char *s, const char *end)
{
    for (; s < end; s++)
        if (!isspace((unsigned char)*s))
            return false;
    return true;
}

int start_read(const char *path, uint64_t prime, const expr_symbols_t *symbols,
               const uint64_t *values, family_t *f, diag_t *d)
{
    size_t len;
    char *text = text_load(path, &len, d);
    if (!text)
        return -1;
    memset(f, 0, sizeof *f);
    modp_init(&f->mod, prime);
    start_state st = { .path = path, .symbols = symbols, .values = values, .f = f };
    int status = 0;
    const char *block = text;
    int block_line = 1, line = 1;
    for (const char *p = text;; ) {
        const char *nl = memchr(p, '\n', (size_t)(text + len - p));
        const char *end = nl ? nl : text + len;
        bool last = nl == NULL;
        if (blank_line(p, end) || last) {
            const char *block_end = last ? text + len : p;
            if (!blank_line(block, block_end)) {
                block_t b;
                int r = parse_block(path, block, (size_t)(block_end - block), block_line, &b, d);
                if (r == 0)
                    r = handle_block(&st, &b, d);
                block_free(&b);
                if (r < 0) {
                    status = -1;
                    break;
                }
            }
            block = end + (last ? 0 : 1);
            block_line = line + 1;
        }
        if (last)
            break;
        p = nl + 1;
        line++;
    }
    free(text);
    if (status == 0 && !st.have_dimension)
        status = diag_error(d, path, 0, "no ExampleDimension block: not a FIRE .start file");
    if (status == 0 && !st.nibps_declared)
        status = diag_error(d, path, 0, "no SBasis0L block: the IBPs are missing");
    for (int k = 0; status == 0 && k < f->nibps; k++)
        if (f->ibps[k].nterms == 0)
            status = diag_error(d, path, 0, "IBP %d of %d has no SBasis0C terms", k + 1, f->nibps);
    if (status == 0 && f->nsym == 0) {
        f->sym = calloc(1, sizeof *f->sym);
        for (int i = 0; i < f->n; i++)
            f->sym[0][i] = (int8_t)i;
        f->nsym = 1;
    }
    return status;
}
