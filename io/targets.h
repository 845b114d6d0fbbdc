/* Lists of integrals {{pn, {a1, ..., an}}, ...}: FIRE's .m targets and #preferred files. */
#ifndef EMBER_TARGETS_H
#define EMBER_TARGETS_H

#include "io/diag.h"
#include "kernels/point.h"

typedef struct {
    point_vec *v;
    int *line;
    int count;
} target_list;

/* Reads a list whose entries must have problem number pn and n indices. */
int targets_read(const char *path, int pn, int n, target_list *out, diag_t *d);
void targets_clear(target_list *t);

#endif
