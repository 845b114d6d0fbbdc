/* The command line: ember [options] CONFIG (or -c CONFIG, as FIRE's). */
#ifndef EMBER_CLI_H
#define EMBER_CLI_H

#include <stdbool.h>
#include "runtime/job.h"

typedef struct {
    job_options job;
    bool example;        /* run the embedded example */
    const char *write_example;   /* write the example's input files to this directory */
    bool help, version;
    /* subcommands on a Kira family directory */
    const char *command;         /* "export-start", "reduce" or NULL */
    const char *family_dir;
    const char *targets, *point;
    bool force;
    bool no_symmetries;          /* leave the family's symmetries out */
} cli_t;

/* Returns 0, or -1 after printing a usage error. */
int cli_parse(int argc, char **argv, cli_t *cli);
void cli_usage(FILE *out);

#endif
