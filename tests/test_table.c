/* kernels/table, accum and presolve: the per-sector hash table, the scatter accumulator
 * that hands entries back highest key first, and FIRE's IBP preparation. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include "kernels/accum.h"
#include "kernels/presolve.h"
#include "kernels/table.h"

static point_key key_of(unsigned sector, int a, int b)
{
    int row[2] = { a, b };
    return point_key_ordered(sector, true, row, 2);
}

static void test_table_insert_find(void **state)
{
    (void)state;
    table_t t;
    table_init(&t);
    enum { N = 5000 };                                 /* several index growths */
    for (int i = 0; i < N; i++) {
        point_key k = key_of(2 + (unsigned)(i % 7), i % 100, i / 100);
        int8_t v[EMBER_MAX_INDICES] = { (int8_t)(i % 100), (int8_t)(i / 100) };
        assert_int_equal(table_insert(&t, &k, v), (uint32_t)i);
    }
    for (int i = 0; i < N; i++) {
        point_key k = key_of(2 + (unsigned)(i % 7), i % 100, i / 100);
        uint32_t id = table_find(&t, &k);
        assert_int_equal(id, (uint32_t)i);
        assert_int_equal(t.slots[id].v[0], i % 100);
        assert_int_equal(table_insert(&t, &k, NULL), (uint32_t)i);   /* no duplicate */
    }
    point_key absent = key_of(40, 1, 1);
    assert_int_equal(table_find(&t, &absent), TABLE_NONE);
    uint32_t *ids = malloc(sizeof(uint32_t));
    uint64_t *co = malloc(sizeof(uint64_t));
    ids[0] = 3;
    co[0] = 1;
    table_set_row(&t, 3, ids, co, 1, 12);
    assert_true(table_has_row(&t, 3));
    table_raise_level(&t, 3, 5);
    assert_int_equal(t.slots[3].level, 12);            /* levels only go up */
    table_clear(&t);
}

static void test_accum_pops_highest_first_and_drops_zeros(void **state)
{
    (void)state;
    modp_t m;
    modp_init(&m, 2017);
    table_t t;
    table_init(&t);
    for (int i = 0; i < 10; i++) {
        point_key k = key_of(3, (i * 7) % 10, 0);      /* keys in scrambled slot order */
        table_insert(&t, &k, NULL);
    }
    accum_t a;
    accum_init(&a, &t);
    uint32_t ids[3] = { 1, 4, 6 };
    uint64_t co[3] = { 5, 2016, 7 };
    for (uint32_t i = 0; i < 10; i++)
        accum_add(&a, i, 1, &m);
    accum_axpy(&a, modp_scalar(2, &m), ids, co, 3, &m);   /* slot 4: 1 + 2*(-1) = -1 */
    accum_add(&a, 6, modp_neg(15, &m), &m);               /* slot 6: 1 + 14 - 15 = 0 */
    uint32_t id, last = TABLE_NONE;
    uint64_t v;
    int popped = 0;
    while (accum_pop_max(&a, &id, &v)) {
        assert_true(id != 6);
        if (last != TABLE_NONE)
            assert_true(table_less(&t, id, last));
        if (id == 1)
            assert_int_equal(v, 11);
        if (id == 4)
            assert_int_equal(v, 2016);
        last = id;
        popped++;
    }
    assert_int_equal(popped, 9);
    assert_int_equal(a.madds, 3);
    accum_clear(&a);
    table_clear(&t);
}

/* Two IBPs with the same leading shift whose leading coefficients are multiples of a_1 alone:
 * presolve replaces the second by the combination in which the leading term cancels (FIRE
 * keeps such a combination only when its new top shift is not zero). */
static void test_presolve_cancels_shared_leading_term(void **state)
{
    (void)state;
    family_t f;
    family_init(&f, 2, 2017);
    f.nsym = 1;
    f.sym = calloc(1, sizeof *f.sym);
    f.sym[0][1] = 1;
    char err[128];
    assert_int_equal(family_number_sectors(&f, err, sizeof err), 0);
    family_finalize_preferred(&f);
    f.nibps = 2;
    f.ibps = calloc(2, sizeof(ibp_t));
    for (int i = 0; i < 2; i++) {
        /* (2+i) a1 F(a+e1) + (5+i) F(a+e2) + F(a) */
        f.ibps[i].nterms = 3;
        f.ibps[i].terms = calloc(3, sizeof(ibp_term));
        f.ibps[i].terms[0].shift[0] = 1;
        f.ibps[i].terms[0].coeff[1] = (uint64_t)(2 + i);
        f.ibps[i].terms[1].shift[1] = 1;
        f.ibps[i].terms[1].coeff[0] = (uint64_t)(5 + i);
        f.ibps[i].terms[2].coeff[0] = 1;
    }
    int count;
    ibp_t *p = presolve_ibps(&f, 3, true, &count);
    assert_int_equal(count, 2);
    /* 3*(first) - 2*(second) = 3 F(a+e2) + F(a) now leads with e2 */
    assert_int_equal(p[0].terms[0].shift[0], 1);
    assert_int_equal(p[1].nterms, 2);
    assert_int_equal(p[1].terms[0].shift[1], 1);
    assert_int_equal(p[1].terms[0].coeff[0], 3);
    assert_int_equal(p[1].terms[1].coeff[0], 1);
    presolve_free(p, count);
    p = presolve_ibps(&f, 3, false, &count);           /* #no_presolve: untouched */
    assert_int_equal(p[1].nterms, 3);
    assert_int_equal(p[1].terms[0].coeff[1], 3);
    presolve_free(p, count);
    family_clear(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table_insert_find),
        cmocka_unit_test(test_accum_pops_highest_first_and_drops_zeros),
        cmocka_unit_test(test_presolve_cancels_shared_leading_term),
    };
    return cmocka_run_group_tests_name("table", tests, NULL, NULL);
}
