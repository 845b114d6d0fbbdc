#include "kernels/expr.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A stack program: constants and symbols are pushed, operators pop their operands. */
typedef enum { OP_CONST, OP_SYMBOL, OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_NEG, OP_POW } op_kind;

typedef struct {
    op_kind kind;
    uint64_t arg;     /* constant residue, symbol index, or exponent (as int64) */
} op_t;

struct expr {
    op_t *ops;
    size_t count;
    size_t depth;     /* stack depth the program needs */
};

typedef struct {
    const char *s;
    size_t pos, len;
    const expr_symbols_t *symbols;
    const modp_t *m;
    op_t *ops;
    size_t count, cap;
    size_t depth, max_depth;
    char *err;
    size_t errlen;
    bool failed;
} parser_t;

static void fail(parser_t *p, const char *what)
{
    if (!p->failed)
        snprintf(p->err, p->errlen, "%s at column %zu", what, p->pos + 1);
    p->failed = true;
}

static void emit(parser_t *p, op_kind kind, uint64_t arg)
{
    if (p->count == p->cap) {
        p->cap = p->cap ? 2 * p->cap : 16;
        p->ops = realloc(p->ops, p->cap * sizeof(op_t));
    }
    p->ops[p->count++] = (op_t){ kind, arg };
    if (kind == OP_CONST || kind == OP_SYMBOL) {
        if (++p->depth > p->max_depth)
            p->max_depth = p->depth;
    } else if (kind != OP_NEG && kind != OP_POW) {
        p->depth--;
    }
}

/* White space, including Mathematica's line continuation (a backslash ending the line). */
static void skip_space(parser_t *p)
{
    while (p->pos < p->len) {
        char c = p->s[p->pos];
        if (isspace((unsigned char)c))
            p->pos++;
        else if (c == '\\' && p->pos + 1 < p->len && (p->s[p->pos + 1] == '\n' || p->s[p->pos + 1] == '\r'))
            p->pos += 2;
        else
            break;
    }
}

static int peek(parser_t *p)
{
    skip_space(p);
    return p->pos < p->len ? (unsigned char)p->s[p->pos] : -1;
}

static bool starts_atom(int c)
{
    return c == '(' || isdigit(c) || isalpha(c) || c == '$';
}

static void parse_sum(parser_t *p);

static void parse_number(parser_t *p)
{
    uint64_t r = 0;
    for (;;) {
        if (p->pos < p->len && isdigit((unsigned char)p->s[p->pos])) {
            r = modp_add(modp_mul(r, 10 % p->m->mod.n, p->m), (uint64_t)(p->s[p->pos] - '0') % p->m->mod.n, p->m);
            p->pos++;
            continue;
        }
        /* Mathematica breaks long numbers with a backslash at the end of the line */
        size_t q = p->pos + 1;
        if (p->pos >= p->len || p->s[p->pos] != '\\')
            break;
        while (q < p->len && isspace((unsigned char)p->s[q]))
            q++;
        if (q >= p->len || !isdigit((unsigned char)p->s[q]))
            break;
        p->pos = q;
    }
    if (p->pos < p->len && p->s[p->pos] == '.')
        fail(p, "decimal numbers are not exact; expected an integer");
    emit(p, OP_CONST, r);
}

static void parse_symbol(parser_t *p)
{
    size_t start = p->pos;
    while (p->pos < p->len && (isalnum((unsigned char)p->s[p->pos]) || p->s[p->pos] == '$'))
        p->pos++;
    /* indexed symbols such as xxx[3] are one name */
    if (p->pos < p->len && p->s[p->pos] == '[') {
        while (p->pos < p->len && p->s[p->pos] != ']')
            p->pos++;
        if (p->pos == p->len) {
            fail(p, "unclosed '['");
            return;
        }
        p->pos++;
    }
    size_t n = p->pos - start;
    for (size_t i = 0; p->symbols && i < p->symbols->count; i++) {
        const char *name = p->symbols->names[i];
        if (strlen(name) == n && memcmp(name, p->s + start, n) == 0) {
            emit(p, OP_SYMBOL, i);
            return;
        }
    }
    char what[96];
    snprintf(what, sizeof what, "unknown symbol '%.*s'", (int)(n < 40 ? n : 40), p->s + start);
    p->pos = start;
    fail(p, what);
}

static void parse_atom(parser_t *p)
{
    int c = peek(p);
    if (c == '(') {
        p->pos++;
        parse_sum(p);
        if (peek(p) != ')') {
            fail(p, "expected ')'");
            return;
        }
        p->pos++;
    } else if (c >= 0 && isdigit(c)) {
        parse_number(p);
    } else if (c >= 0 && (isalpha(c) || c == '$')) {
        parse_symbol(p);
    } else {
        fail(p, c < 0 ? "unexpected end of expression" : "unexpected character");
    }
}

static void parse_unary(parser_t *p);

static void parse_power(parser_t *p)
{
    parse_atom(p);
    if (p->failed || peek(p) != '^')
        return;
    p->pos++;
    int sign = 1;
    if (peek(p) == '-' || peek(p) == '+') {
        sign = p->s[p->pos] == '-' ? -1 : 1;
        p->pos++;
    }
    bool paren = peek(p) == '(';
    if (paren)
        p->pos++;
    if (paren && (peek(p) == '-' || peek(p) == '+')) {
        sign *= p->s[p->pos] == '-' ? -1 : 1;
        p->pos++;
    }
    skip_space(p);
    int64_t e = 0;
    if (p->pos >= p->len || !isdigit((unsigned char)p->s[p->pos])) {
        fail(p, "expected an integer exponent");
        return;
    }
    while (p->pos < p->len && isdigit((unsigned char)p->s[p->pos])) {
        if (e > 1000000) {
            fail(p, "exponent too large");
            return;
        }
        e = 10 * e + (p->s[p->pos++] - '0');
    }
    if (paren) {
        if (peek(p) != ')') {
            fail(p, "expected ')'");
            return;
        }
        p->pos++;
    }
    emit(p, OP_POW, (uint64_t)(sign * e));
}

static void parse_unary(parser_t *p)
{
    int c = peek(p);
    if (c == '-' || c == '+') {
        p->pos++;
        parse_unary(p);
        if (c == '-')
            emit(p, OP_NEG, 0);
        return;
    }
    parse_power(p);
}

static void parse_product(parser_t *p)
{
    parse_unary(p);
    while (!p->failed) {
        int c = peek(p);
        if (c == '*' || c == '/') {
            p->pos++;
            parse_unary(p);
            emit(p, c == '*' ? OP_MUL : OP_DIV, 0);
        } else if (c >= 0 && starts_atom(c)) {   /* Mathematica's implicit product "2 d" */
            parse_power(p);
            emit(p, OP_MUL, 0);
        } else {
            return;
        }
    }
}

static void parse_sum(parser_t *p)
{
    parse_product(p);
    while (!p->failed) {
        int c = peek(p);
        if (c != '+' && c != '-')
            return;
        p->pos++;
        parse_product(p);
        emit(p, c == '+' ? OP_ADD : OP_SUB, 0);
    }
}

expr_t *expr_compile(const char *text, size_t len, const expr_symbols_t *symbols,
                     const modp_t *m, char *err, size_t errlen)
{
    parser_t p = { .s = text, .len = len, .symbols = symbols, .m = m, .err = err, .errlen = errlen };
    parse_sum(&p);
    if (!p.failed && peek(&p) >= 0)
        fail(&p, "unexpected character");
    if (p.failed) {
        free(p.ops);
        return NULL;
    }
    expr_t *e = malloc(sizeof *e);
    e->ops = p.ops;
    e->count = p.count;
    e->depth = p.max_depth;
    return e;
}

static uint64_t power(uint64_t base, uint64_t e, const modp_t *m)
{
    uint64_t r = 1 % m->mod.n;
    while (e) {
        if (e & 1)
            r = modp_mul(r, base, m);
        base = modp_mul(base, base, m);
        e >>= 1;
    }
    return r;
}

int expr_eval(const expr_t *e, const uint64_t *values, const modp_t *m, uint64_t *result)
{
    uint64_t small[32];
    uint64_t *stack = e->depth <= 32 ? small : malloc(e->depth * sizeof(uint64_t));
    size_t top = 0;
    int status = 0;
    for (size_t i = 0; i < e->count && status == 0; i++) {
        const op_t *op = &e->ops[i];
        switch (op->kind) {
        case OP_CONST: stack[top++] = op->arg; break;
        case OP_SYMBOL: stack[top++] = values[op->arg]; break;
        case OP_ADD: top--; stack[top - 1] = modp_add(stack[top - 1], stack[top], m); break;
        case OP_SUB: top--; stack[top - 1] = modp_sub(stack[top - 1], stack[top], m); break;
        case OP_MUL: top--; stack[top - 1] = modp_mul(stack[top - 1], stack[top], m); break;
        case OP_DIV:
            top--;
            if (stack[top] == 0)
                status = -1;
            else
                stack[top - 1] = modp_mul(stack[top - 1], modp_inv(stack[top], m), m);
            break;
        case OP_NEG: stack[top - 1] = modp_neg(stack[top - 1], m); break;
        case OP_POW: {
            int64_t ex = (int64_t)op->arg;
            if (ex < 0) {
                if (stack[top - 1] == 0) {
                    status = -1;
                    break;
                }
                stack[top - 1] = modp_inv(stack[top - 1], m);
                ex = -ex;
            }
            stack[top - 1] = power(stack[top - 1], (uint64_t)ex, m);
            break;
        }
        }
    }
    if (status == 0)
        *result = stack[0];
    if (stack != small)
        free(stack);
    return status;
}

void expr_free(expr_t *e)
{
    if (e) {
        free(e->ops);
        free(e);
    }
}
