/* kernels/forward and kernels/backward without the runtime: the built-in bubble family is
 * reduced sector by sector, and every IBP at every seed of a box of seeds must then hold
 * exactly when each integral is replaced by its reduction to masters. This checks the
 * reduction itself, independently of FIRE. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "tests/support/compare.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "io/start.h"
#include "kernels/backward.h"
#include "kernels/forward.h"
#include "runtime/example.h"

enum { A1_LO = 0, A1_HI = 4, A2_LO = -2, A2_HI = 4 };   /* integrals requested */

typedef struct {
    family_t f;
    sector_t **sectors;
} reduction_t;

static void load_bubble(reduction_t *r, uint64_t prime)
{
    diag_t d;
    assert_int_equal(example_write(".", &d), 0);
    const char *names[] = { "d", "s", "m2" };
    expr_symbols_t symbols = { names, 3 };
    modp_t m;
    modp_init(&m, prime);
    const uint64_t values[] = { modp_from_si(37, &m), modp_from_si(11, &m), modp_from_si(3, &m) };
    if (start_read("bubble.start", prime, &symbols, values, &r->f, &d) != 0)
        fail_msg("%s", d.message);
    r->f.problem_number = 1;
    char err[256];
    assert_int_equal(family_number_sectors(&r->f, err, sizeof err), 0);
    family_finalize_preferred(&r->f);
    r->sectors = calloc((size_t)r->f.max_sector + 1, sizeof(sector_t *));
    for (unsigned s = 2; s <= r->f.max_sector; s++) {
        r->sectors[s] = malloc(sizeof(sector_t));
        sector_init(r->sectors[s], &r->f, s);
    }
}

static void request(reduction_t *r, int a1, int a2)
{
    int8_t v[EMBER_MAX_INDICES] = { (int8_t)a1, (int8_t)a2 }, rep[EMBER_MAX_INDICES];
    point_key k = family_reference(&r->f, v, rep);
    if (!point_key_is_zero(&k))
        sector_request(r->sectors[point_key_sector(&k)], &k, rep, LEVEL_USER);
}

/* The runtime's graph, run sequentially: forward top-down, backward bottom-up. */
static void reduce(reduction_t *r)
{
    forward_options opt = { .all_ibps = false, .presolve = true };
    char err[512];
    for (unsigned s = r->f.max_sector; s >= 2; s--) {
        sector_t *sec = r->sectors[s];
        if (forward_run(&r->f, sec, &opt, err, sizeof err) != 0)
            fail_msg("%s", err);
        for (size_t k = 0; k < sec->nlower; k++)
            sector_request(r->sectors[point_key_sector(&sec->lower[k].key)], &sec->lower[k].key,
                           sec->lower[k].v, (uint8_t)(2 * sec->level + 1));
    }
    for (unsigned s = 2; s <= r->f.max_sector; s++)
        if (backward_run(&r->f, r->sectors[s], r->sectors, err, sizeof err) != 0)
            fail_msg("%s", err);
}

/* The reduction of F(v) as coefficients of the two masters (raw sector-1 keys m[0], m[1]). */
static void reduction_of(const reduction_t *r, const int8_t *v, const point_key *masters, uint64_t *out)
{
    out[0] = out[1] = 0;
    int8_t rep[EMBER_MAX_INDICES];
    point_key k = family_reference(&r->f, v, rep);
    if (point_key_is_zero(&k))
        return;
    const table_t *t = &r->sectors[point_key_sector(&k)]->table;
    uint32_t id = table_find(t, &k);
    assert_true(id != TABLE_NONE && table_has_row(t, id));
    const row_t *row = &t->slots[id].row;
    for (uint32_t j = 0; j + 1 < row->len; j++) {
        const point_key *mk = &t->slots[row->ids[j]].key;
        int which = point_key_eq(mk, &masters[0]) ? 0 : point_key_eq(mk, &masters[1]) ? 1 : -1;
        if (which < 0)
            fail_msg("the reduction of {%d,%d} has a term that is not a master", v[0], v[1]);
        out[which] = modp_neg(row->coeffs[j], &r->f.mod);    /* F + sum c m = 0 */
    }
}

static void free_reduction(reduction_t *r)
{
    for (unsigned s = 2; s <= r->f.max_sector; s++) {
        sector_clear(r->sectors[s]);
        free(r->sectors[s]);
    }
    free(r->sectors);
    family_clear(&r->f);
}

static void check_ibps_hold(uint64_t prime)
{
    reduction_t r;
    load_bubble(&r, prime);
    for (int a1 = A1_LO; a1 <= A1_HI; a1++)
        for (int a2 = A2_LO; a2 <= A2_HI; a2++)
            request(&r, a1, a2);
    reduce(&r);
    uint64_t masters_found = 0;
    for (unsigned s = 2; s <= r.f.max_sector; s++)
        masters_found += r.sectors[s]->masters;
    assert_int_equal(masters_found, 2);               /* the tadpole and the bubble */
    const int8_t tadpole[EMBER_MAX_INDICES] = { 1, 0 }, bubble[EMBER_MAX_INDICES] = { 1, 1 };
    const point_key masters[2] = { point_key_raw(EMBER_MASTER_SECTOR, tadpole, 2),
                                   point_key_raw(EMBER_MASTER_SECTOR, bubble, 2) };
    const modp_t *m = &r.f.mod;
    int relations = 0;
    for (int a1 = A1_LO + 1; a1 < A1_HI; a1++) {
        for (int a2 = A2_LO + 1; a2 < A2_HI; a2++) {
            int8_t seed[EMBER_MAX_INDICES] = { (int8_t)a1, (int8_t)a2 };
            for (int i = 0; i < r.f.nibps; i++) {
                uint64_t sum[2] = { 0, 0 };
                const ibp_t *ibp = &r.f.ibps[i];
                for (int t = 0; t < ibp->nterms; t++) {
                    int8_t v[EMBER_MAX_INDICES] = { (int8_t)(a1 + ibp->terms[t].shift[0]),
                                                    (int8_t)(a2 + ibp->terms[t].shift[1]) };
                    uint64_t c = ibp_term_value(&ibp->terms[t], seed, 2, m), red[2];
                    if (c == 0)
                        continue;
                    reduction_of(&r, v, masters, red);
                    sum[0] = modp_add(sum[0], modp_mul(c, red[0], m), m);
                    sum[1] = modp_add(sum[1], modp_mul(c, red[1], m), m);
                }
                if (sum[0] || sum[1])
                    fail_msg("IBP %d at {%d,%d} does not hold after reduction (p = %llu)", i + 1, a1, a2,
                             (unsigned long long)prime);
                relations++;
            }
        }
    }
    assert_true(relations > 20);
    free_reduction(&r);
}

static void test_ibps_hold_small_prime(void **state)
{
    (void)state;
    check_ibps_hold(modp_prime_at(0));
}

static void test_ibps_hold_word_prime(void **state)
{
    (void)state;
    check_ibps_hold(modp_prime_at(1));
}

/* The massive tadpole with Kira's propagator k^2 - m2: F(2,0) = (d-2)/(2 m2) F(1,0), from
 * Gamma(a-d/2)/Gamma(a) (-m2)^(d/2-a). */
static void test_tadpole_dot(void **state)
{
    (void)state;
    reduction_t r;
    load_bubble(&r, modp_prime_at(1));
    request(&r, 2, 0);
    reduce(&r);
    const int8_t tadpole[EMBER_MAX_INDICES] = { 1, 0 }, bubble[EMBER_MAX_INDICES] = { 1, 1 };
    const point_key masters[2] = { point_key_raw(EMBER_MASTER_SECTOR, tadpole, 2),
                                   point_key_raw(EMBER_MASTER_SECTOR, bubble, 2) };
    const int8_t v[EMBER_MAX_INDICES] = { 2, 0 };
    uint64_t red[2];
    reduction_of(&r, v, masters, red);
    const modp_t *m = &r.f.mod;
    uint64_t want = modp_mul(modp_from_si(37 - 2, m), modp_inv(modp_from_si(2 * 3, m), m), m);
    assert_true(red[0] == want);
    assert_true(red[1] == 0);
    free_reduction(&r);
}

int main(void)
{
    if (enter_work_dir(EMBER_TEST_WORK, "reduction") != 0)
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ibps_hold_small_prime),
        cmocka_unit_test(test_ibps_hold_word_prime),
        cmocka_unit_test(test_tadpole_dot),
    };
    return cmocka_run_group_tests_name("reduction", tests, NULL, NULL);
}
