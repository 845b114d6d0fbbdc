/* The reduction as one StarPU task graph. Per sector S:
 *   forward(S)  reads the requests posted to S and writes S's rows        (handles of S only)
 *   post(S)     hands S's requests to the sectors below        (their request handles, briefly)
 *   backward(S) makes S's rows final, after the backward tasks of exactly the sectors S's rows
 *               reference (tag dependencies, declared by post(S) once those are known)
 * In "fused" mode nothing else orders the tasks; "levels" mode adds FIRE's per-level barriers. */
#ifndef EMBER_GRAPH_H
#define EMBER_GRAPH_H

#include <stdbool.h>
#include "io/diag.h"
#include "io/trace.h"
#include "kernels/forward.h"
#include "kernels/sector.h"

typedef struct {
    int cores;               /* CPU workers requested */
    const char *sched;       /* StarPU scheduler; NULL: lws */
    bool levels;             /* FIRE's barriers after every (level, half-wave) */
    bool progress;           /* a live status line on stderr */
    forward_options forward;
    trace_slice *trace;      /* when not NULL, 2 * (max_sector + 1) slices filled per task:
                              * [2s] forward(s), [2s+1] backward(s) */
    const bool *keep;        /* [max_sector + 1]: sectors whose target rows must survive */
} graph_options;

/* Runs forward and backward stages of every sector (sectors[2..f->max_sector]; the user's
 * requests already posted). Returns 0, or -1 with an error in d. *cores_used gets the number
 * of workers StarPU ran. */
int graph_run(const family_t *f, sector_t **sectors, const graph_options *opt, int *cores_used, diag_t *d);

/* The most CPU workers the installed StarPU allows. */
int graph_max_cores(void);

#endif
