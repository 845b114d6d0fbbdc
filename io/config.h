/* FIRE's .config: engine directives before #start, the problem after it. */
#ifndef EMBER_CONFIG_H
#define EMBER_CONFIG_H

#include <stdbool.h>
#include "io/diag.h"

typedef struct {
    char *name;
    char *value;        /* NULL when the config declares the variable without a value */
    int line;
} config_variable;

typedef struct {
    char *path;         /* the config file itself */
    char *dir;          /* its directory */
    char *base;         /* "" (FIRE: paths from the cwd) or dir when the files are not found there */

    int threads;        /* #threads, 0 if absent */
    int prime_index;    /* #prime, -1 if absent */
    int prime_line;
    config_variable *variables;
    int nvariables;
    int pos_pref;       /* #pos_pref, 1 by default */
    bool all_ibp, no_presolve;

    char *folder;       /* #folder, "" if absent */
    int problem_number;
    int positive_first, positive_last;   /* #problem |a,b|; 0 when absent */
    char *problem_file;
    int problem_line;
    char **preferred_files;
    int *preferred_lines;
    int npreferred;
    char *integrals_file;
    int integrals_line;
    char *lbases_file;
    int lbases_line;
    char *rules_file;
    int rules_line;
    char *output_file;
    bool output_keep_existing;           /* #output !file */
    int output_line;
} config_t;

/* Reads a .config file. Returns 0, or -1 with an error in d. Warnings for directives ember
 * ignores are printed as they are met. */
int config_read(const char *path, config_t *cfg, diag_t *d);
void config_clear(config_t *cfg);

/* Sets or adds variables from "d->100,s->101" (the command line's --variables). */
int config_override_variables(config_t *cfg, const char *spec, diag_t *d);

/* Resolves a file named in the config: FIRE reads it from the current directory joined with
 * #folder; when the folder (or the problem file) is not there, from the config's directory.
 * Caller frees. */
char *config_resolve(const config_t *cfg, const char *name);

#endif
