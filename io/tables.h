/* FIRE's .tables output: every requested integral as a list of (master, coefficient), every
 * master mapped to itself, then the ID -> integral dictionary; entries highest point first. */
#ifndef EMBER_TABLES_H
#define EMBER_TABLES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "io/diag.h"
#include "kernels/point.h"

typedef struct {
    point_key key;
    point_vec v;             /* the integral's indices as printed */
    bool master;             /* printed as {id, "1"} */
    point_key *term_keys;    /* ascending; empty for an integral equal to zero */
    uint64_t *term_values;   /* residues as printed */
    size_t nterms;
} tables_entry;

/* Writes the entries (sorted here) to path through a temporary file renamed into place;
 * with keep_existing an existing file is an error and is left untouched. */
int tables_write(const char *path, bool keep_existing, int problem_number, int n,
                 tables_entry *entries, size_t count, diag_t *d);

#endif
