/* ember's built-in example: the one-loop bubble with one massive line, reduced and printed. */
#ifndef EMBER_EXAMPLE_H
#define EMBER_EXAMPLE_H

#include "io/diag.h"
#include "runtime/job.h"

/* Writes the example's files to a temporary directory, reduces them with the given options
 * (config and output ignored), prints the tables on stdout and removes the directory. */
int example_run(const job_options *base, job_summary *summary, diag_t *d);

#endif
