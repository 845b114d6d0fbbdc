/* The reduction as one StarPU task graph: forward(S) and backward(S) for every sector S,
 * ordered only through per-sector data handles (requests, rows), never by barriers. */
#ifndef EMBER_GRAPH_H
#define EMBER_GRAPH_H

#include <stdbool.h>
#include "io/diag.h"
#include "kernels/forward.h"
#include "kernels/sector.h"

typedef struct {
    int cores;               /* CPU workers requested */
    const char *sched;       /* StarPU scheduler; NULL: lws */
    forward_options forward;
} graph_options;

/* Runs forward and backward stages of every sector (sectors[2..f->max_sector]; the user's
 * requests already posted). Returns 0, or -1 with an error in d. *cores_used gets the number
 * of workers StarPU ran. */
int graph_run(const family_t *f, sector_t **sectors, const graph_options *opt, int *cores_used, diag_t *d);

/* The most CPU workers the installed StarPU allows. */
int graph_max_cores(void);

#endif
