/* Coefficient expressions (polynomials or rational functions in named symbols with
 * integer coefficients of any size) compiled once and evaluated modulo p many times. */
#ifndef EMBER_EXPR_H
#define EMBER_EXPR_H

#include <stddef.h>
#include <stdint.h>
#include "kernels/modp.h"

typedef struct expr expr_t;

/* The symbols an expression may use; symbol i takes values[i] at evaluation. */
typedef struct {
    const char *const *names;
    size_t count;
} expr_symbols_t;

/* Compiles text[0..len). Returns NULL and writes a message to err on a syntax error or an
 * unknown symbol. Integer literals are reduced modulo m's prime here. */
expr_t *expr_compile(const char *text, size_t len, const expr_symbols_t *symbols,
                     const modp_t *m, char *err, size_t errlen);

/* Evaluates at values[]. Returns 0, or -1 when a division by zero modulo p occurs. */
int expr_eval(const expr_t *e, const uint64_t *values, const modp_t *m, uint64_t *result);

void expr_free(expr_t *e);

#endif
