#include "kernels/modp.h"

uint64_t modp_prime_at(int k)
{
    /* Cached walk down from 2^64; each call only extends the walk as far as needed. */
    static uint64_t table[MODP_TABLE_SIZE];
    static int known = 0;
    if (k == 0)
        return 2017;
    if (known == 0) {
        table[0] = 2017;
        known = 1;
    }
    uint64_t candidate = known == 1 ? UINT64_MAX : table[known - 1] - 2;
    while (known <= k) {
        if (n_is_prime(candidate))
            table[known++] = candidate;
        candidate -= 2;
    }
    return table[k];
}

void modp_init(modp_t *m, uint64_t p)
{
    nmod_init(&m->mod, p);
    m->shoup = p < (UINT64_C(1) << 63);
}

uint64_t modp_inv(uint64_t a, const modp_t *m)
{
    return n_invmod(a, m->mod.n);
}

uint64_t modp_from_si(int64_t v, const modp_t *m)
{
    if (v >= 0)
        return (uint64_t)v % m->mod.n;
    uint64_t r = (uint64_t)(-(v + 1)) % m->mod.n;   /* -(v+1) avoids overflow at INT64_MIN */
    return modp_neg(modp_add(r, 1 % m->mod.n, m), m);
}
