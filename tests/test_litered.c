/* io/lbases and kernels/litered: Lee rules (conditions, affine index maps, coefficient
 * strings in the indices), external symmetries (the expanded product of sums), and
 * malformed .lbases input, on a two-index family made here. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "io/lbases.h"
#include "tests/support/compare.h"

static const char *const variable_names[] = { "d" };
enum { D_VALUE = 10 };

/* Indices (a1, a2); only the sector with both non-positive is zero; {-,+} is LiteRed's. */
static void make_family(family_t *f)
{
    family_init(f, 2, 2017);
    f->zero_mask[0] = true;
    f->lsector[1] = true;                      /* mask 01: a2 > 0 only */
    f->nsym = 1;
    f->sym = calloc(1, sizeof *f->sym);
    f->sym[0][1] = 1;
    char err[128];
    assert_int_equal(family_number_sectors(f, err, sizeof err), 0);
    family_finalize_preferred(f);
}

static void write_text(const char *path, const char *text)
{
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs(text, fp);
    fclose(fp);
}

static const char *read_error(const char *text, family_t *f, litered_t *lr)
{
    static diag_t d;
    const uint64_t values[] = { D_VALUE };
    write_text("t.lbases", text);
    litered_init(lr, f, values, 1);
    int status = lbases_read("t.lbases", f, 1, variable_names, 1, lr, &d);
    return status == 0 ? NULL : d.message;
}

/* A Lee rule for the sector with both indices positive: F(a1,a2) = (a1/(a2-1) + d) F(a1-1,a2)
 * whenever a2 != 1. An external symmetry for {+,-}: F(a1,a2) = d^(-a2) F(a2, a1), written as
 * permutation {0,1} (F(0, a1)) times (d x^(-1,0))^(-a2). */
static const char lee_text[] =
    "{{{{1, {1, 1}}, {{{0, 1}, -1, 0}},\n"
    "   {{\"xxx[1]/(xxx[2] - 1) + d\", {{{1, 0}, -1}, {{0, 1}, 0}}}}}},\n"
    " {{{1, {1, -1}}, {0, 1}, {{{{\"d\", {-1, 0}}}, 2}}}},\n"
    " {}}\n";

static sector_t *sector_of(const family_t *f, sector_t **sectors, int a1, int a2)
{
    int8_t v[EMBER_MAX_INDICES] = { (int8_t)a1, (int8_t)a2 };
    return sectors[f->number[family_mask_of_vec(f, v)]];
}

static const row_t *row_of(const family_t *f, sector_t **sectors, int a1, int a2)
{
    int8_t v[EMBER_MAX_INDICES] = { (int8_t)a1, (int8_t)a2 };
    point_key k = family_key(f, v);
    const table_t *t = &sector_of(f, sectors, a1, a2)->table;
    uint32_t id = table_find(t, &k);
    return id == TABLE_NONE ? NULL : &t->slots[id].row;
}

static void request(const family_t *f, sector_t **sectors, int a1, int a2)
{
    int8_t v[EMBER_MAX_INDICES] = { (int8_t)a1, (int8_t)a2 };
    point_key k = family_key(f, v);
    sector_request(sector_of(f, sectors, a1, a2), &k, v, LEVEL_USER);
}

static void test_lee_rule_and_external_symmetry(void **state)
{
    (void)state;
    family_t f;
    make_family(&f);
    litered_t lr;
    assert_null(read_error(lee_text, &f, &lr));
    sector_t *sectors[8] = { 0 };
    for (unsigned s = 2; s <= f.max_sector; s++) {
        sectors[s] = malloc(sizeof(sector_t));
        sector_init(sectors[s], &f, s);
    }
    request(&f, sectors, 3, 2);                 /* the Lee rule applies twice, then leaves the sector */
    request(&f, sectors, 2, 1);                 /* a2 = 1: no rule applies, a master */
    request(&f, sectors, 2, -1);                /* the external symmetry */
    char err[256];
    sector_t *top = sector_of(&f, sectors, 1, 1), *mixed = sector_of(&f, sectors, 1, -1);
    assert_int_equal(litered_forward(&f, &lr, top, err, sizeof err), 1);
    assert_int_equal(litered_forward(&f, &lr, mixed, err, sizeof err), 1);
    const modp_t *m = &f.mod;

    /* F(3,2) = (3/1 + 10) F(2,2): monic row [F(2,2): -13, F(3,2): 1] */
    const row_t *r = row_of(&f, sectors, 3, 2);
    assert_non_null(r);
    assert_int_equal(r->len, 2);
    assert_int_equal(r->coeffs[0], modp_neg(13, m));
    /* F(2,2) was reached through the rule and reduced too: 2/1 + 10 = 12 */
    r = row_of(&f, sectors, 2, 2);
    assert_non_null(r);
    assert_int_equal(r->coeffs[0], modp_neg(12, m));
    /* F(1,2) = (1 + 10) F(0,2): a lower sector, which becomes a request */
    r = row_of(&f, sectors, 1, 2);
    assert_int_equal(r->coeffs[0], modp_neg(11, m));
    assert_int_equal(top->nlower, 1);
    assert_int_equal(top->lower[0].v[0], 0);
    assert_int_equal(top->lower[0].v[1], 2);
    /* F(2,1): a master */
    r = row_of(&f, sectors, 2, 1);
    assert_int_equal(r->len, 2);
    assert_int_equal(point_key_sector(&top->table.slots[r->ids[0]].key), EMBER_MASTER_SECTOR);
    /* F(2,-1) = d^1 F(0 - 1, 2) = 10 F(-1, 2), in the same-level LiteRed sector */
    r = row_of(&f, sectors, 2, -1);
    assert_int_equal(r->len, 2);
    assert_int_equal(r->coeffs[0], modp_neg(D_VALUE, m));
    assert_int_equal(mixed->table.slots[r->ids[0]].v[0], -1);
    assert_int_equal(mixed->table.slots[r->ids[0]].v[1], 2);
    assert_int_equal(mixed->equations_used, 0);  /* FIRE counts no equations for rule sectors */

    for (unsigned s = 2; s <= f.max_sector; s++) {
        sector_clear(sectors[s]);
        free(sectors[s]);
    }
    litered_clear(&lr);
    family_clear(&f);
}

static void expect_error(const char *text, const char *want)
{
    family_t f;
    make_family(&f);
    litered_t lr;
    const char *msg = read_error(text, &f, &lr);
    if (!msg || !strstr(msg, want))
        fail_msg("expected an error containing '%s', got '%s'", want, msg ? msg : "(none)");
    litered_clear(&lr);
    family_clear(&f);
}

static void test_malformed_lbases(void **state)
{
    (void)state;
    expect_error("{{}}\n", "t.lbases:1: expected {{Lee rules}, {external symmetries}, {internal symmetries}}");
    expect_error("{{{{1, {1, 1}}, {{{0, 1}, -1, 2}}, {}}}, {}, {}}\n",
                 "t.lbases:1: condition flag 2 out of range");
    expect_error("{{{{7, {1, 1}}, {}, {}}}, {}, {}}\n", "t.lbases:1: entry for problem 7, but #problem is 1");
    expect_error("{{{{1, {1, 1}}, {},\n {{\"xxx[3]\", {{{1, 0}, 0}, {{0, 1}, 0}}}}}}, {}, {}}\n",
                 "t.lbases:2: coefficient \"xxx[3]\": unknown symbol 'xxx[3]'");
    expect_error("{{{{1, {1, 1}}, {}, {{\"1\", {{{1, 0}, 0}}}}}}, {}, {}}\n",
                 "t.lbases:1: expected a term {\"coefficient\", {{{row}, shift} x 2}}");
    expect_error("{{}, {{{1, {1, -1}}, {0, 1}, {{{{\"d\", {-1, 0}}}, 5}}}}, {}}\n",
                 "t.lbases:1: factor index 5 out of range");
    expect_error("{{}, {{{1, {1, -1}}, {0, 1}, {}}, {{1, {1, -1}}, {0, 1}, {}}}, {}}\n",
                 "a second external symmetry for sector");
    expect_error("{{}, {{{1, {1, -1}}, {0, 1}, {{{{\"1/(d-10)\", {-1, 0}}}, 2}}}}, {}}\n",
                 "divides by zero modulo the prime");
    expect_error("{{}, {}, {}\n", "t.lbases:1: list opened here is not closed");
}

int main(void)
{
    if (enter_work_dir(EMBER_TEST_WORK, "litered") != 0)
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lee_rule_and_external_symmetry),
        cmocka_unit_test(test_malformed_lbases),
    };
    return cmocka_run_group_tests_name("litered", tests, NULL, NULL);
}
