/* --trace FILE: the run's tasks as a Chrome trace-event JSON file (opens in Perfetto or
 * chrome://tracing): one complete ("X") slice per task, one track per StarPU worker. */
#ifndef EMBER_TRACE_H
#define EMBER_TRACE_H

#include <stddef.h>
#include <stdint.h>
#include "io/diag.h"

typedef struct {
    unsigned sector;
    int level;                   /* positive indices of the sector */
    const char *phase;           /* "forward" or "backward" */
    int worker;
    double start_us, end_us;     /* from the start of the graph */
    uint64_t equations;          /* equations that produced rows */
    uint64_t rows;               /* rows the sector holds after the task */
    unsigned *after;             /* sectors whose task of the same phase this one waited for */
    size_t nafter;
    bool ran;
} trace_slice;

int trace_write(const char *path, const trace_slice *slices, size_t count, diag_t *d);

#endif
