/* io/: the .config, .start and .m readers (well-formed and malformed input) and the
 * .tables writer read back. */
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
#include "io/config.h"
#include "io/json.h"
#include "io/start.h"
#include "io/tables.h"
#include "io/tables_read.h"
#include "io/targets.h"

static void write_text(const char *path, const char *text)
{
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs(text, fp);
    fclose(fp);
}

/* The error message of reading `text` as a config; NULL when it reads fine. */
static const char *config_error(const char *text)
{
    static diag_t d;
    write_text("t.config", text);
    config_t c;
    int status = config_read("t.config", &c, &d);
    config_clear(&c);
    return status == 0 ? NULL : d.message;
}

static void test_config(void **state)
{
    (void)state;
    write_text("t.config", "## a comment\n#threads 3\n#variables d->100, s->-7,t\n#prime 5\n#pos_pref 2\n"
                           "#compressor none\n#start\n#folder sub/\n#problem 4 |2,5| x.start\n"
                           "#preferred p.m\n#rules r.m\n#lbases l.lbases\n#integrals t.m\n#output !out.tables\n");
    config_t c;
    diag_t d;
    assert_int_equal(config_read("t.config", &c, &d), 0);
    assert_int_equal(c.threads, 3);
    assert_int_equal(c.prime_index, 5);
    assert_int_equal(c.pos_pref, 2);
    assert_int_equal(c.nvariables, 3);
    assert_string_equal(c.variables[1].name, "s");
    assert_string_equal(c.variables[1].value, "-7");
    assert_null(c.variables[2].value);
    assert_int_equal(c.problem_number, 4);
    assert_int_equal(c.positive_first, 2);
    assert_int_equal(c.positive_last, 5);
    assert_string_equal(c.problem_file, "x.start");
    assert_int_equal(c.npreferred, 1);
    assert_string_equal(c.rules_file, "r.m");       /* #lbases after #rules keeps both */
    assert_string_equal(c.lbases_file, "l.lbases");
    assert_true(c.output_keep_existing);
    assert_int_equal(config_override_variables(&c, "t->9,u->1", &d), 0);
    assert_string_equal(c.variables[2].value, "9");
    assert_int_equal(c.nvariables, 4);
    char *path = config_resolve(&c, "t.m");
    assert_non_null(strstr(path, "sub/t.m"));
    free(path);
    config_clear(&c);
}

static void test_config_errors(void **state)
{
    (void)state;
    const char *ok = "#threads 1\n#prime 0\n#start\n#problem 1 x.start\n#integrals t.m\n";
    assert_null(config_error(ok));
    assert_non_null(strstr(config_error("#threads 1\n#prime 0\n#start\n#problem 1 x.start\n#integrals t.m\n#bogus 1\n"),
                           "t.config:6: unknown directive '#bogus' after #start"));
    assert_non_null(strstr(config_error("#prime 300\n#start\n"), "t.config:1: #prime"));
    assert_non_null(strstr(config_error("#variables d->\n#start\n"), "t.config:1: variable 'd'"));
    assert_non_null(strstr(config_error("#threads 1\n#start\n#integrals t.m\n"), "no #problem"));
    assert_non_null(strstr(config_error("#threads 1\n#start\n#problem 1 x.start\n"), "no #integrals"));
    assert_non_null(strstr(config_error("#threads 1\n#problem 1 x.start\n"), "t.config:2: unknown directive '#problem' before #start"));
    assert_non_null(strstr(config_error("threads 1\n"), "t.config:1: expected a directive"));
    assert_non_null(strstr(config_error("#start\n#problem 1 |3,2| x.start\n"), "t.config:2: #problem"));
}

static const char *const sym_names[] = { "d" };
static const expr_symbols_t symbols = { sym_names, 1 };
static const uint64_t d_value[] = { 10 };

static const char *start_error(const char *text, family_t *f)
{
    static diag_t d;
    write_text("t.start", text);
    int status = start_read("t.start", 2017, &symbols, d_value, f, &d);
    return status == 0 ? NULL : d.message;
}

static const char good_start[] =
    "Null\nExampleDimension[1] = 2\n \nProblemNumber = 1\n \nSBasis0L[1] = 1\n \n"
    "SBasis0D[1, 1] = {{0, 0}, \n     {1, 0}}\n \n"
    "SBasis0C[1, 1, {0, 0}] = {{d - 4, 0}, {-2, 1}}\n \n"
    "SBasis0C[1, 1, {1, -1}] = {{3, 2}, \n     {123456789012345678901234567890, 0}}\n \n"
    "SBasisR[1, {-1, -1}] = True\n \nSBasisR[1, {1, -1}] = False\n \n"
    "SBasisS[1] = {{{1, 2}, {1, 1}, {0, 0}}, {{2, 1}, {1, 1}, {0, 0}}}\n";

static void test_start(void **state)
{
    (void)state;
    family_t f;
    assert_null(start_error(good_start, &f));
    assert_int_equal(f.n, 2);
    assert_int_equal(f.nibps, 1);
    assert_int_equal(f.ibps[0].nterms, 2);
    assert_int_equal(f.ibps[0].terms[0].coeff[0], 6);            /* d - 4 at d = 10 */
    assert_int_equal(f.ibps[0].terms[0].coeff[1], 2015);         /* -2 mod 2017 */
    assert_int_equal(f.ibps[0].terms[1].shift[1], -1);
    modp_t m;
    modp_init(&m, 2017);
    /* 123456789012345678901234567890 mod 2017, by Horner in 64-bit arithmetic */
    uint64_t big = 0;
    for (const char *c = "123456789012345678901234567890"; *c; c++)
        big = (big * 10 + (uint64_t)(*c - '0')) % 2017;
    assert_int_equal(f.ibps[0].terms[1].coeff[0], big);
    assert_int_equal(f.ibps[0].terms[1].coeff[2], 3);
    assert_true(f.zero_mask[0]);
    assert_false(f.zero_mask[2]);
    assert_int_equal(f.nsym, 2);
    assert_int_equal(f.sym[1][0], 1);
    family_clear(&f);
}

static void expect_start_error(const char *text, const char *want)
{
    family_t f;
    const char *msg = start_error(text, &f);
    family_clear(&f);
    if (!msg || !strstr(msg, want))
        fail_msg("expected an error containing '%s', got '%s'", want, msg ? msg : "(none)");
}

static void test_start_errors(void **state)
{
    (void)state;
    expect_start_error("Null\nSBasis0L[1] = 1\n", "t.start:2: SBasis0L before ExampleDimension");
    expect_start_error("ExampleDimension[1] = 2\n \nSBasis0C[1, 1, {0, 0}] = {{1, 0}}\n",
                       "t.start:3: SBasis0C before SBasis0L");
    expect_start_error("ExampleDimension[1] = 2\n \nSBasis0L[1] = 1\n \nSBasis0C[1, 1, {0, 0, 0}] = {{1, 0}}\n",
                       "t.start:5: SBasis0C shift has 3 entries, expected 2");
    expect_start_error("ExampleDimension[1] = 2\n \nSBasis0L[1] = 1\n \nSBasis0C[1, 2, {0, 0}] = {{1, 0}}\n",
                       "t.start:5: SBasis0C IBP number 2 out of range");
    expect_start_error("ExampleDimension[1] = 2\n \nSBasis0L[1] = 1\n \nSBasis0C[1, 1, {0, 0}] = {{1, 0}, {zz, 1}}\n",
                       "t.start:5: SBasis0C coefficient 'zz': unknown symbol 'zz'");
    expect_start_error("ExampleDimension[1] = 2\n \nSBasis0L[1] = 1\n \nSBasis0C[1, 1, {0, 0}] = {{1, 0}\n",
                       "t.start:5: list opened here is not closed");
    expect_start_error("ExampleDimension[1] = 2\n \nSBasisR[1, {1, 0}] = True\n",
                       "t.start:3: SBasisR sector: sector entries must be 1 or -1");
    expect_start_error("ExampleDimension[1] = 2\n \nSBasisR[1, {1, 1}] = Maybe\n",
                       "t.start:3: SBasisR: expected True or False");
    expect_start_error("ExampleDimension[1] = 2\n \nSBasisS[1] = {{{1, 1}, {1, 1}, {0, 0}}}\n",
                       "t.start:3: SBasisS: {1, ...} is not a permutation");
    expect_start_error("ExampleDimension[1] = 2\n \nSBasis0L[1] = 2\n \nSBasis0C[1, 1, {0, 0}] = {{1, 0}}\n",
                       "IBP 2 of 2 has no SBasis0C terms");
    expect_start_error("Null\n", "no ExampleDimension block");
}

static void test_targets(void **state)
{
    (void)state;
    diag_t d;
    target_list t;
    write_text("t.m", "{{1,{1,2,-3}},\n {1, {0, 0, 1}}}\n");
    assert_int_equal(targets_read("t.m", 1, 3, &t, &d), 0);
    assert_int_equal(t.count, 2);
    assert_int_equal(t.v[0][2], -3);
    assert_int_equal(t.line[1], 2);
    targets_clear(&t);
    assert_int_equal(targets_read("t.m", 1, 4, &t, &d), -1);
    assert_non_null(strstr(d.message, "t.m:1: integral with 3 indices, expected 4"));
    assert_int_equal(targets_read("t.m", 2, 3, &t, &d), -1);
    assert_non_null(strstr(d.message, "t.m:1: problem number 1"));
    write_text("t.m", "{{1,{1,2,x}}}\n");
    assert_int_equal(targets_read("t.m", 1, 3, &t, &d), -1);
    assert_non_null(strstr(d.message, "t.m:1: expected an integer"));
    write_text("t.m", "{{1,{1,2,3}}\n");
    assert_int_equal(targets_read("t.m", 1, 3, &t, &d), -1);
    assert_int_equal(targets_read("missing.m", 1, 3, &t, &d), -1);
    assert_non_null(strstr(d.message, "missing.m: cannot open"));
}

static void test_tables_round_trip(void **state)
{
    (void)state;
    int8_t a[EMBER_MAX_INDICES] = { 2, 1 }, m1[EMBER_MAX_INDICES] = { 1, 1 }, m2[EMBER_MAX_INDICES] = { 1, 0 };
    int8_t z[EMBER_MAX_INDICES] = { 0, 1 };
    int row[2] = { 1, 1 };
    point_key masters[2] = { point_key_raw(1, m2, 2), point_key_raw(1, m1, 2) };
    uint64_t values[2] = { 5, 2016 };
    tables_entry e[4] = {
        { .key = point_key_raw(1, m1, 2), .master = true },
        { .key = point_key_ordered(3, true, row, 2), .term_keys = masters, .term_values = values, .nterms = 2 },
        { .key = point_key_raw(1, m2, 2), .master = true },
        { .key = point_key_raw(1, z, 2) },
    };
    memcpy(e[0].v, m1, 2);
    memcpy(e[1].v, a, 2);
    memcpy(e[2].v, m2, 2);
    memcpy(e[3].v, z, 2);
    diag_t d;
    unlink("t.tables");
    assert_int_equal(tables_write("t.tables", false, 7, 2, e, 4, &d), 0);
    assert_int_equal(tables_write("t.tables", true, 7, 2, e, 4, &d), -1);   /* #output ! */
    tables_doc doc;
    assert_int_equal(tables_read("t.tables", &doc, &d), 0);
    assert_int_equal(doc.count, 4);
    assert_string_equal(doc.entries[0].id, "7001001");                    /* highest first */
    assert_int_equal(doc.entries[0].nterms, 2);
    assert_string_equal(doc.entries[0].term_values[1], "2016");
    const tables_doc_entry *zero = tables_doc_find_vec(&doc, z, 2);
    assert_non_null(zero);
    assert_int_equal(zero->nterms, 0);
    assert_true(tables_doc_find_vec(&doc, m1, 2)->master);
    assert_int_equal(doc.entries[0].problem, 7);
    tables_doc_clear(&doc);
}

static void test_json_records(void **state)
{
    (void)state;
    point_vec masters[2] = { { 1, 0 }, { 1, 1 } };
    uint64_t coeffs[2] = { 170, 3 };
    target_reduction r[2] = { { .v = { 2, 1 }, .master_v = masters, .coeffs = coeffs, .nterms = 2 },
                              { .v = { 0, 1 }, .zero = true } };
    const json_param params[2] = { { "d", "6347" }, { "s", "1/2" } };
    diag_t d;
    assert_int_equal(json_write("t.json", 2, r, 2, 2017, 114, params, 2, &d), 0);
    FILE *fp = fopen("t.json", "r");
    char line[512];
    assert_non_null(fgets(line, sizeof line, fp));
    assert_string_equal(line, "{\"integrals\": [[2, 1]], \"reductions\": {\"[2, 1]\": {\"[1, 0]\": 170, "
                              "\"[1, 1]\": 3}}, \"num_steps\": 114, \"finite_field\": 2017, "
                              "\"params\": {\"d\": 6347, \"s\": \"1/2\"}, \"solver\": \"ember\"}\n");
    assert_non_null(fgets(line, sizeof line, fp));
    assert_non_null(strstr(line, "\"reductions\": {\"[0, 1]\": {}}, \"num_steps\": null"));
    assert_null(fgets(line, sizeof line, fp));
    fclose(fp);
}

int main(void)
{
    if (enter_work_dir(EMBER_TEST_WORK, "io") != 0)
        return 1;
    diag_set_quiet(true);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_config),
        cmocka_unit_test(test_config_errors),
        cmocka_unit_test(test_start),
        cmocka_unit_test(test_start_errors),
        cmocka_unit_test(test_targets),
        cmocka_unit_test(test_tables_round_trip),
        cmocka_unit_test(test_json_records),
    };
    return cmocka_run_group_tests_name("io", tests, NULL, NULL);
}
