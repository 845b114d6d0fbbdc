/* One reduction job: a FIRE config read, reduced on the task graph, written as .tables. */
#ifndef EMBER_JOB_H
#define EMBER_JOB_H

#include <stdbool.h>
#include <stdint.h>
#include "io/diag.h"

typedef struct {
    const char *config_path;
    int cores;                /* 0: the config's #threads */
    const char *sched;        /* NULL: lws */
    int prime_index;          /* -1: the config's #prime */
    const char *variables;    /* "d->100,s->101" overriding #variables, or NULL */
    const char *output;       /* overrides #output when not NULL */
    const char *json;         /* also write feynman-bench JSON records here, or NULL */
    const char *trace;        /* write a Chrome trace of the tasks here, or NULL */
    const char *stats;        /* write the run's figures as JSON here, or NULL */
    bool quiet;
    bool full_levels;         /* finish every seed level, as FIRE does (its equation counts) */
    bool schedule_levels;     /* FIRE's barrier after every (level, half-wave) */
} job_options;

typedef struct {
    int targets, masters, sectors, cores;
    uint64_t equations_used, equations_tried, multiply_adds;
    double seconds;
    long peak_rss_kib;
    char output[4096];
} job_summary;

/* Returns 0, or -1 with an error in d (and no output file written). */
int job_run(const job_options *opt, job_summary *summary, diag_t *d);

void job_print_summary(const job_summary *s);

/* The summary as one JSON object (--stats FILE). */
int job_write_stats(const char *path, const job_summary *s, diag_t *d);

#endif
