/* kernels/modp and kernels/expr: FIRE's prime table, residues, Shoup products, and the
 * coefficient expressions compiled once and evaluated modulo p. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "kernels/expr.h"
#include "kernels/modp.h"

static void test_prime_table(void **state)
{
    (void)state;
    assert_true(modp_prime_at(0) == 2017);
    assert_true(modp_prime_at(1) == UINT64_C(18446744073709551557));   /* 2^64 - 59 */
    assert_true(modp_prime_at(2) == UINT64_C(18446744073709551533));
    assert_true(modp_prime_at(3) == UINT64_C(18446744073709551521));
    for (int k = 2; k < MODP_TABLE_SIZE; k++) {
        assert_true(modp_prime_at(k) < modp_prime_at(k - 1) || k == 1);
        assert_true(n_is_prime(modp_prime_at(k)));
    }
    /* no prime is skipped between consecutive entries */
    for (uint64_t c = modp_prime_at(5) + 2; c < modp_prime_at(4); c += 2)
        assert_false(n_is_prime(c));
}

static void check_products(uint64_t p)
{
    modp_t m;
    modp_init(&m, p);
    uint64_t a = p - 3, b = p / 3 + 7;
    modp_scalar_t s = modp_scalar(a, &m);
    for (uint64_t t = 0; t < 1000; t++) {
        uint64_t x = (b + t * 7919) % p;
        assert_true(modp_scalar_mul(s, x, &m) == modp_mul(a, x, &m));
    }
    assert_true(modp_mul(modp_inv(b, &m), b, &m) == 1);
    assert_true(modp_from_si(-1, &m) == p - 1);
    assert_true(modp_from_si(INT64_MIN, &m) == modp_neg((uint64_t)INT64_MAX % p + 1, &m) % p);
}

static void test_products_small_and_full_word_primes(void **state)
{
    (void)state;
    check_products(2017);
    check_products(modp_prime_at(1));           /* above 2^63: no Shoup, same results */
    check_products(UINT64_C(9223372036853727331));
}

static const char *const names[] = { "d", "s", "m2", "xxx[1]" };
static const expr_symbols_t symbols = { names, 4 };

static uint64_t eval(const char *text, const uint64_t *values, const modp_t *m)
{
    char err[128];
    expr_t *e = expr_compile(text, strlen(text), &symbols, m, err, sizeof err);
    if (!e)
        fail_msg("'%s': %s", text, err);
    uint64_t r = 0;
    assert_int_equal(expr_eval(e, values, m, &r), 0);
    expr_free(e);
    return r;
}

static void test_expressions(void **state)
{
    (void)state;
    modp_t m;
    modp_init(&m, 2017);
    const uint64_t v[] = { 5, 7, 3, 2 };
    assert_int_equal(eval("d^2-3*d+1", v, &m), 11);
    assert_int_equal(eval("2 d s", v, &m), 70);                  /* Mathematica's implicit product */
    assert_int_equal(eval("-(m2 - s)", v, &m), 4);
    assert_int_equal(eval("(d+1)/(s-1)", v, &m), 1);
    assert_int_equal(eval("xxx[1]^-1 * 2", v, &m), 1);
    assert_int_equal(eval("d^(-2)*25", v, &m), 1);
    assert_int_equal(eval("- - 3", v, &m), 3);
    /* a literal far beyond 64 bits: 10^30 = (10^10)^3 */
    assert_int_equal(eval("1000000000000000000000000000000", v, &m), eval("10000000000^3", v, &m));
    /* Mathematica breaks long numbers with a backslash-newline */
    assert_int_equal(eval("12345\\\n   67890", v, &m), eval("1234567890", v, &m));
    assert_int_equal(eval("d - \\\ns", v, &m), eval("d - s", v, &m));
}

static void test_expression_errors(void **state)
{
    (void)state;
    modp_t m;
    modp_init(&m, 2017);
    char err[128];
    const char *bad[] = { "d+", "2*(d", "d q", "3.5", "d^s", "", "d)" };
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        expr_t *e = expr_compile(bad[k], strlen(bad[k]), &symbols, &m, err, sizeof err);
        if (e)
            fail_msg("'%s' compiled", bad[k]);
        assert_true(strlen(err) > 0);
    }
    expr_compile("d q", 3, &symbols, &m, err, sizeof err);
    assert_non_null(strstr(err, "unknown symbol 'q'"));
    const uint64_t v[] = { 5, 7, 3, 2 };
    expr_t *e = expr_compile("1/(d-5)", 7, &symbols, &m, err, sizeof err);
    uint64_t r;
    assert_int_equal(expr_eval(e, v, &m, &r), -1);
    expr_free(e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_prime_table),
        cmocka_unit_test(test_products_small_and_full_word_primes),
        cmocka_unit_test(test_expressions),
        cmocka_unit_test(test_expression_errors),
    };
    return cmocka_run_group_tests_name("arith", tests, NULL, NULL);
}
