/* Output files written whole or not at all: a temporary file beside the target, renamed
 * (or, when existing files must be kept, linked) into place once complete. */
#ifndef EMBER_OUTPUT_FILE_H
#define EMBER_OUTPUT_FILE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include "io/diag.h"

typedef struct {
    FILE *fp;
    char *path;
    char *tmp;
    bool keep_existing;
} output_file;

/* Opens a temporary file for path. Returns 0, or -1 with an error in d. */
int output_open(output_file *out, const char *path, bool keep_existing, diag_t *d);
/* Closes and moves the file into place; on any error the target is left untouched. */
int output_commit(output_file *out, diag_t *d);
/* Writes n integers between brackets[0] and brackets[1], separated by ", ": "{1, -1}". */
void output_ints(FILE *fp, const char *brackets, const int8_t *v, int n);
/* Writes a sector as FIRE does, 1 for a positive index and -1 otherwise: "{1, -1, 1}" (mask
 * bit n-1-i: index i positive). */
void output_sector(FILE *fp, unsigned mask, int n);
/* Writes text as the whole of path, the same way. */
int output_write_text(const char *path, const char *text, diag_t *d);

#endif
