/* An introsort that orders equal elements exactly as GCC's std::sort does.
 *
 * FIRE sorts its seeds and equations with std::sort, which is not stable; which of two
 * equal-ranked equations comes first decides the shape of the rows it stores, and so which
 * lower-sector integrals it requests. Reproducing that order keeps ember's requests, and
 * hence its seeding in lower sectors, identical to FIRE's. */
#ifndef EMBER_COMPAT_SORT_H
#define EMBER_COMPAT_SORT_H

#include <stdbool.h>
#include <stddef.h>

typedef bool (*compat_less_fn)(const void *a, const void *b, void *ctx);

void compat_sort(void *base, size_t count, size_t size, compat_less_fn less, void *ctx);

#endif
