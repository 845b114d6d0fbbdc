/* Arithmetic modulo the run's prime, on FLINT's nmod, and FIRE's prime table. */
#ifndef EMBER_MODP_H
#define EMBER_MODP_H

#include <stdbool.h>
#include <stdint.h>
#include <flint/flint.h>
#include <flint/nmod_vec.h>
#include <flint/ulong_extras.h>

/* FIRE's table: index 0 is 2017, indices 1..127 the largest primes below 2^64, descending. */
#define MODP_TABLE_SIZE 128

typedef struct {
    nmod_t mod;
    bool shoup;   /* Shoup products need p < 2^63 (one correction step must fit a word) */
} modp_t;

/* The prime at table index k (0 <= k < MODP_TABLE_SIZE). */
uint64_t modp_prime_at(int k);

void modp_init(modp_t *m, uint64_t p);

static inline uint64_t modp_add(uint64_t a, uint64_t b, const modp_t *m) { return nmod_add(a, b, m->mod); }
static inline uint64_t modp_sub(uint64_t a, uint64_t b, const modp_t *m) { return nmod_sub(a, b, m->mod); }
static inline uint64_t modp_neg(uint64_t a, const modp_t *m) { return nmod_neg(a, m->mod); }
static inline uint64_t modp_mul(uint64_t a, uint64_t b, const modp_t *m) { return nmod_mul(a, b, m->mod); }
uint64_t modp_inv(uint64_t a, const modp_t *m);

/* A residue of a signed machine integer. */
uint64_t modp_from_si(int64_t v, const modp_t *m);

/* c fixed, t varying: the product c*t through a precomputed quotient when the prime allows. */
typedef struct {
    uint64_t c;
    uint64_t c_shoup;
} modp_scalar_t;

static inline modp_scalar_t modp_scalar(uint64_t c, const modp_t *m)
{
    modp_scalar_t s = { c, m->shoup ? n_mulmod_precomp_shoup(c, m->mod.n) : 0 };
    return s;
}

static inline uint64_t modp_scalar_mul(modp_scalar_t s, uint64_t t, const modp_t *m)
{
    if (m->shoup)
        return n_mulmod_shoup(s.c, t, s.c_shoup, m->mod.n);
    return nmod_mul(s.c, t, m->mod);
}

#endif
