/* kernels/point, levels and family: FIRE's keys and IDs, sector numbering, orderings,
 * orbit representatives and seed levels, on the massless box of FIRE's tests (whose sector
 * numbers and IDs are known from its reference tables). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "kernels/family.h"
#include "kernels/levels.h"

/* The box: 4 indices; zero sectors as in FIRE's box.start; optional symmetry {2,1,4,3}. */
static void make_box(family_t *f, bool symmetric)
{
    family_init(f, 4, 2017);
    const char *zero[] = { "----", "---+", "--+-", "--++", "-+--", "-++-", "+---", "+--+", "++--" };
    for (size_t k = 0; k < sizeof zero / sizeof zero[0]; k++) {
        sector_mask s = 0;
        for (int i = 0; i < 4; i++)
            s = (s << 1) | (zero[k][i] == '+');
        f->zero_mask[s] = true;
    }
    f->nsym = symmetric ? 2 : 1;
    f->sym = calloc((size_t)f->nsym, sizeof *f->sym);
    const int8_t id[4] = { 0, 1, 2, 3 }, swap[4] = { 1, 0, 3, 2 };
    memcpy(f->sym[0], id, 4);
    if (symmetric)
        memcpy(f->sym[1], swap, 4);
    char err[128];
    assert_int_equal(family_number_sectors(f, err, sizeof err), 0);
    family_finalize_preferred(f);
}

/* Sector numbers live in 15 bits of a key: a family with more non-zero sectors is refused,
 * never numbered with wrapped keys. */
static void test_too_many_sectors(void **state)
{
    (void)state;
    family_t f;
    family_init(&f, 15, 2017);
    f.zero_mask[0] = true;                       /* 32767 non-zero sectors */
    char err[256];
    assert_int_equal(family_number_sectors(&f, err, sizeof err), -1);
    assert_non_null(strstr(err, "more than 32765 non-zero sectors"));
    family_clear(&f);
    family_init(&f, 15, 2017);
    for (sector_mask s = 0; s < 3; s++)          /* 32765: the most there may be */
        f.zero_mask[s] = true;
    assert_int_equal(family_number_sectors(&f, err, sizeof err), 0);
    assert_int_equal(f.max_sector, 32766);
    family_clear(&f);
}

static void id_of(const family_t *f, int a, int b, int c, int d, char *buf)
{
    int8_t v[EMBER_MAX_INDICES] = { (int8_t)a, (int8_t)b, (int8_t)c, (int8_t)d };
    int8_t rep[EMBER_MAX_INDICES];
    point_key k = family_reference(f, v, rep);
    point_key_id(&k, f->n, buf);
}

static void test_box_ids_match_fire(void **state)
{
    (void)state;
    family_t f;
    make_box(&f, false);
    assert_int_equal(f.max_sector, 8);            /* 7 non-zero sectors, numbered from 2 */
    char id[64];
    id_of(&f, 3, 3, 3, 3, id);
    assert_string_equal(id, "17008002002002");    /* etalon/box.tables */
    int8_t corner[EMBER_MAX_INDICES] = { 1, 1, 1, 1 };
    point_key raw = point_key_raw(EMBER_MASTER_SECTOR, corner, 4);
    point_key_id(&raw, 4, id);
    assert_string_equal(id, "2128128128128");
    family_clear(&f);
}

static void test_symmetry_maps_to_fire_representative(void **state)
{
    (void)state;
    family_t f;
    make_box(&f, true);
    char id[64];
    id_of(&f, 3, 3, 3, 3, id);
    assert_string_equal(id, "11008002002002");    /* etalon/boxs.tables: one sector fewer per orbit */
    int8_t v[EMBER_MAX_INDICES] = { 0, 1, 0, 1 }, rep[EMBER_MAX_INDICES];
    family_reference(&f, v, rep);
    const int8_t want[4] = { 1, 0, 1, 0 };        /* the master boxs.tables keeps */
    assert_memory_equal(rep, want, 4);
    family_clear(&f);
}

static void test_key_order(void **state)
{
    (void)state;
    family_t f;
    make_box(&f, false);
    int8_t a[EMBER_MAX_INDICES] = { 2, 1, 1, 1 }, b[EMBER_MAX_INDICES] = { 1, 1, 1, 1 };
    int8_t c[EMBER_MAX_INDICES] = { 1, 1, 1, 0 };
    point_key ka = family_key(&f, a), kb = family_key(&f, b), kc = family_key(&f, c);
    assert_true(point_key_cmp(&kb, &ka) < 0);     /* fewer dots is simpler */
    assert_true(point_key_cmp(&kc, &kb) < 0);     /* lower sectors are simpler */
    point_key v = point_key_virtual(point_key_sector(&kb), 7);
    assert_true(point_key_cmp(&v, &kb) < 0 && point_key_cmp(&kc, &v) < 0);   /* virtuals in between */
    assert_true(point_key_is_virtual(&v) && !point_key_is_virtual(&kb));
    family_clear(&f);
}

static void test_ordering_rows(void **state)
{
    (void)state;
    family_t f;
    make_box(&f, false);
    /* sector {+,+,+,-}: rows ones, numerators, e_0, e_1 (last positive and last
     * non-positive index have no row of their own) */
    int8_t v[EMBER_MAX_INDICES] = { 2, 3, 1, -2 };
    unsigned sn = f.number[family_mask_of_vec(&f, v)];
    int row[EMBER_MAX_INDICES];
    family_rows(&f, sn, v, row);
    assert_int_equal(row[0], 1 + 2 + 0 + 2);
    assert_int_equal(row[1], 2);
    assert_int_equal(row[2], 1);
    assert_int_equal(row[3], 2);
    family_clear(&f);
}

static void test_levels(void **state)
{
    (void)state;
    family_t f;
    make_box(&f, false);
    int8_t corner[EMBER_MAX_INDICES] = { 1, 1, 1, 0 };
    level_points_t pts;
    level_points(&f, corner, 2, 1, &pts);         /* 2 dots over 3 lines: 6 ways; 1 numerator */
    assert_int_equal(pts.count, 6);
    for (size_t k = 0; k < pts.count; k++) {
        int dots, num;
        point_vec_level(pts.v[k], 4, &dots, &num);
        assert_int_equal(dots, 2);
        assert_int_equal(num, 1);
        if (k > 0)
            assert_true(point_vec_cmp(pts.v[k - 1], pts.v[k]) < 0);
    }
    level_points_clear(&pts);
    level_t lv[16];
    assert_int_equal(under_levels(2, 3, lv, 16), 6);
    level_t a = { 1, 2 }, b = { 2, 1 }, c = { 1, 1 };
    assert_true(level_cmp(&c, &a) < 0 && level_cmp(&a, &b) < 0);
    family_clear(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_box_ids_match_fire),
        cmocka_unit_test(test_too_many_sectors),
        cmocka_unit_test(test_symmetry_maps_to_fire_representative),
        cmocka_unit_test(test_key_order),
        cmocka_unit_test(test_ordering_rows),
        cmocka_unit_test(test_levels),
    };
    return cmocka_run_group_tests_name("points", tests, NULL, NULL);
}
