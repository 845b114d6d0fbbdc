/* Reading a .tables file back (ember's or FIRE's, prime or rational coefficients). */
#ifndef EMBER_TABLES_READ_H
#define EMBER_TABLES_READ_H

#include <stdbool.h>
#include <stddef.h>
#include "io/diag.h"
#include "kernels/point.h"

typedef struct {
    char *id;
    int problem;
    point_vec v;
    int n;
    bool master;            /* {id, {{id, "1"}}} */
    char **term_ids;        /* for a reduced integral: master IDs and coefficient texts */
    char **term_values;
    size_t nterms;
} tables_doc_entry;

typedef struct {
    tables_doc_entry *entries;
    size_t count;
} tables_doc;

int tables_read(const char *path, tables_doc *doc, diag_t *d);
void tables_doc_clear(tables_doc *doc);

/* The entry with the given ID, or NULL. */
const tables_doc_entry *tables_doc_find_id(const tables_doc *doc, const char *id);
/* The entry of the integral with indices v (n of them), or NULL. */
const tables_doc_entry *tables_doc_find_vec(const tables_doc *doc, const int8_t *v, int n);

#endif
