/* --json FILE: one line per target in feynman-bench's record format,
 * {"integrals": [[...]], "reductions": {"[a1, ..., an]": {"[m1, ..., mn]": c, ...}},
 *  "num_steps": N, "finite_field": p, "params": {...}, "solver": "ember"}. */
#ifndef EMBER_JSON_H
#define EMBER_JSON_H

#include <stddef.h>
#include <stdint.h>
#include "io/diag.h"
#include "kernels/target.h"

typedef struct {
    const char *name;
    const char *value;        /* written as a number when it is an integer, else as a string */
} json_param;

/* A target in a zero sector ran no reduction: its num_steps is null. */
int json_write(const char *path, int n, const target_reduction *records, size_t count, uint64_t prime,
               uint64_t num_steps, const json_param *params, size_t nparams, diag_t *d);

#endif
