/* ember's built-in example: the one-loop bubble with one massive line, reduced and printed. */
#ifndef EMBER_EXAMPLE_H
#define EMBER_EXAMPLE_H

#include "io/diag.h"
#include "runtime/job.h"

/* Writes the example family (dir/config/ with the two YAML files), the .start ember derives, bubble.m and
 * bubble.config into dir. Returns 0 or -1 (error in d). */
int example_write(const char *dir, diag_t *d);

/* Writes the example's files to a temporary directory, reduces them with the given options
 * (config and output ignored), prints the tables on stdout and removes the directory. */
int example_run(const job_options *base, job_summary *summary, diag_t *d);

#endif
