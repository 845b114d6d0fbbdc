/* Acceptance against FIRE 6.4.2's own reference tables (../shared/fire-tests): the prime
 * runs byte for byte, the rational ones evaluated modulo p at the same point. Skipped
 * (exit 77) when ../shared is absent. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "io/diag.h"
#include "kernels/modp.h"
#include "runtime/job.h"
#include "tests/support/compare.h"

static char fire_tests[4096];

/* FIRE's configs name their files relative to FIRE's root as tests/...; run from a directory
 * where tests/ is the shared copy, as FIRE's own test makefile does. */
static int setup(void **state)
{
    (void)state;
    if (enter_work_dir(EMBER_TEST_WORK, "fire-etalons") != 0 || symlink(fire_tests, "tests") != 0)
        return -1;
    return 0;
}

static void run(const char *config, const char *variables, int prime, int cores, const char *sched, const char *out)
{
    job_options o = { .config_path = config, .cores = cores, .sched = sched, .prime_index = prime,
                      .variables = variables, .output = out, .quiet = true };
    job_summary s;
    diag_t d;
    int status = job_run(&o, &s, &d);
    if (status != 0)
        fail_msg("%s: %s", config, d.message);
}

static void test_prime_doublebox_byte_identical(void **state)
{
    (void)state;
    run("tests/prime_hint.config", NULL, -1, 2, NULL, "prime.tables");
    assert_int_equal(files_identical("prime.tables", "tests/etalon/prime.tables"), 1);
}

static void test_modular_doublebox_byte_identical(void **state)
{
    (void)state;
    run("tests/modular.config", "d->100,s->100", 1, 2, NULL, "modular.tables");
    assert_int_equal(files_identical("modular.tables", "tests/etalon/modular.tables"), 1);
}

/* The rational box table evaluated at d, against a prime run at d. */
static void check_rational(const char *config, const char *etalon, const char *names[], const long *point,
                           size_t nnames, int prime)
{
    char spec[256] = "";
    uint64_t values[8];
    modp_t m;
    modp_init(&m, modp_prime_at(prime));
    for (size_t i = 0; i < nnames; i++) {
        size_t len = strlen(spec);
        snprintf(spec + len, sizeof spec - len, "%s%s->%ld", i ? "," : "", names[i], point[i]);
        values[i] = modp_from_si(point[i], &m);
    }
    run(config, spec, prime, 1, NULL, "rational.tables");
    expr_symbols_t symbols = { names, nnames };
    char why[512];
    if (compare_tables(etalon, "rational.tables", &symbols, values, modp_prime_at(prime), why, sizeof why) != 0)
        fail_msg("%s at %s: %s", config, spec, why);
}

static void test_box_three_values_of_d(void **state)
{
    (void)state;
    const char *names[] = { "d" };
    const long ds[] = { 37, 101, 1234567 };
    for (size_t k = 0; k < 3; k++)
        check_rational("tests/c_none.config", "tests/etalon/box.tables", names, &ds[k], 1, 1);
}

static void test_box_with_symmetry(void **state)
{
    (void)state;
    const char *names[] = { "d" };
    const long d = 53;
    check_rational("tests/boxs.config", "tests/etalon/boxs.tables", names, &d, 1, 1);
}

static void test_doublebox_rational(void **state)
{
    (void)state;
    const char *names[] = { "d", "s", "t" };
    const long point[] = { 41, 7, 1 };
    check_rational("tests/db_storage.config", "tests/etalon/db_storage.tables", names, point, 3, 2);
}

/* LiteRed input (v2: .sbases orderings, lsectors, Lee rules and symmetries). */
static void test_litered_v2(void **state)
{
    (void)state;
    const char *names[] = { "d" };
    const long ds[] = { 53, 1001, 77777 };
    for (size_t k = 0; k < 3; k++) {
        check_rational("tests/lbases.config", "tests/etalon/lbases.tables", names, &ds[k], 1, 1);
        check_rational("tests/lbases.config", "tests/etalon/lbases.tables", names, &ds[k], 1, 7);
    }
}

/* #preferred and #rules on the double box. */
static void test_preferred_and_rules(void **state)
{
    (void)state;
    const char *names[] = { "d", "s", "t" };
    const long points[][3] = { { 53, 7, 3 }, { 1234, 55, 101 } };
    for (size_t k = 0; k < 2; k++)
        check_rational("tests/pref_rules.config", "tests/etalon/preferred_rules.tables", names, points[k], 3, 1);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s FIRE_TESTS_DIR\n", argv[0]);
        return 2;
    }
    if (realpath(argv[1], fire_tests) == NULL || access(fire_tests, R_OK) != 0) {
        printf("skipped: %s not found (../shared is absent)\n", argv[1]);
        return 77;
    }
    diag_set_quiet(true);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_prime_doublebox_byte_identical),
        cmocka_unit_test(test_modular_doublebox_byte_identical),
        cmocka_unit_test(test_box_three_values_of_d),
        cmocka_unit_test(test_box_with_symmetry),
        cmocka_unit_test(test_doublebox_rational),
        cmocka_unit_test(test_litered_v2),
        cmocka_unit_test(test_preferred_and_rules),
    };
    return cmocka_run_group_tests_name("fire_etalons", tests, setup, NULL);
}
