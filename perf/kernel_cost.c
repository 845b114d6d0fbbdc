/* The cost of one multiply-add of the elimination kernel: a row scaled by a fixed residue
 * (Shoup product) added into the dense scatter accumulator, as kernels/accum does it, measured
 * on rows of 50 terms spread over a table of 100,000 slots. Prints nanoseconds per
 * multiply-add for p = 2017 and for the largest prime of FIRE's table. Not a test. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "kernels/modp.h"

enum { SLOTS = 100000, ROW = 50, ROWS = 4096, ROUNDS = 200 };

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static double ns_per_madd(uint64_t p)
{
    modp_t m;
    modp_init(&m, p);
    uint64_t *acc = calloc(SLOTS, sizeof(uint64_t));
    uint32_t *ids = malloc((size_t)ROWS * ROW * sizeof(uint32_t));
    uint64_t *coeffs = malloc((size_t)ROWS * ROW * sizeof(uint64_t));
    uint64_t *scale = malloc(ROWS * sizeof(uint64_t));
    srand(12345);
    for (size_t k = 0; k < (size_t)ROWS * ROW; k++) {
        ids[k] = (uint32_t)((unsigned)rand() % SLOTS);
        coeffs[k] = ((uint64_t)rand() * 2654435761u) % p;
    }
    for (size_t r = 0; r < ROWS; r++)
        scale[r] = ((uint64_t)rand() * 40503u + 1) % p;
    double best = 1e30;
    for (int round = 0; round < ROUNDS; round++) {
        double t0 = now();
        for (size_t r = 0; r < ROWS; r++) {
            modp_scalar_t s = modp_scalar(scale[r], &m);
            const uint32_t *rid = ids + r * ROW;
            const uint64_t *rc = coeffs + r * ROW;
            for (size_t k = 0; k < ROW; k++)
                acc[rid[k]] = modp_add(acc[rid[k]], modp_scalar_mul(s, rc[k], &m), &m);
        }
        double t = now() - t0;
        if (t < best)
            best = t;
    }
    uint64_t check = 0;
    for (size_t k = 0; k < SLOTS; k++)
        check ^= acc[k];
    free(acc);
    free(ids);
    free(coeffs);
    free(scale);
    if (check == 42)
        fputs("", stderr);                      /* keeps the work observable */
    return best * 1e9 / ((double)ROWS * ROW);
}

int main(void)
{
    printf("{\"ns_per_madd_p2017\": %.3f, \"ns_per_madd_p64\": %.3f}\n", ns_per_madd(modp_prime_at(0)),
           ns_per_madd(modp_prime_at(1)));
    return 0;
}
