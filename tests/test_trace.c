/* --trace writes a Chrome trace-event file Perfetto opens: valid JSON, a "traceEvents" array
 * of complete ("X") slices with name, timestamps and the task's sector, phase, worker,
 * equations and rows, one forward and one backward slice per sector, each task starting after
 * the tasks it waited for. On ember's example and, with ../shared, on grav2l. */
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
#include "io/text.h"
#include "runtime/example.h"
#include "runtime/job.h"
#include "tests/support/compare.h"
#include "tests/support/json_dom.h"

static char grav2l[4096];

static double number(const json_value *object, const char *name)
{
    const json_value *v = json_get(object, name);
    if (!v || v->kind != JSON_NUMBER)
        fail_msg("trace slice without the number '%s'", name);
    return v->number;
}

static const json_value *find_slice(const json_value *events, const char *phase, double sector)
{
    for (size_t k = 0; k < events->count; k++) {
        const json_value *args = json_get(&events->items[k], "args");
        const json_value *p = args ? json_get(args, "phase") : NULL;
        if (p && strcmp(p->string, phase) == 0 && number(args, "sector") == sector)
            return &events->items[k];
    }
    return NULL;
}

/* Runs config with --trace and checks the file; returns the number of slices. */
static size_t check_trace(const char *config, int cores)
{
    job_options o = { .config_path = config, .cores = cores, .prime_index = -1, .output = "trace.tables",
                      .trace = "trace.json", .quiet = true };
    job_summary s;
    diag_t d;
    if (job_run(&o, &s, &d) != 0)
        fail_msg("%s", d.message);
    size_t len;
    char *text = text_load("trace.json", &len, &d);
    assert_non_null(text);
    json_value root;
    size_t where;
    if (json_parse(text, &root, &where) != 0)
        fail_msg("trace.json is not JSON (byte %zu)", where);
    free(text);
    const json_value *events = json_get(&root, "traceEvents");
    assert_non_null(events);
    assert_int_equal(events->kind, JSON_ARRAY);
    size_t slices = 0;
    for (size_t k = 0; k < events->count; k++) {
        const json_value *e = &events->items[k];
        assert_int_equal(e->kind, JSON_OBJECT);
        const json_value *ph = json_get(e, "ph"), *name = json_get(e, "name");
        assert_true(ph && ph->kind == JSON_STRING && name && name->kind == JSON_STRING);
        number(e, "pid");
        if (strcmp(ph->string, "X") != 0)
            continue;
        slices++;
        assert_true(number(e, "ts") >= 0 && number(e, "dur") >= 0);
        assert_true(number(e, "tid") >= 0 && number(e, "tid") < cores);
        const json_value *args = json_get(e, "args");
        assert_non_null(args);
        const json_value *phase = json_get(args, "phase"), *after = json_get(args, "after");
        assert_true(phase && (strcmp(phase->string, "forward") == 0 || strcmp(phase->string, "backward") == 0));
        assert_true(number(args, "worker") == number(e, "tid"));
        assert_true(number(args, "equations") >= 0 && number(args, "rows") >= 0 && number(args, "sector") >= 2);
        assert_true(after && after->kind == JSON_ARRAY);
        /* a task starts after the tasks of the same phase it waited for have ended */
        for (size_t a = 0; a < after->count; a++) {
            const json_value *before = find_slice(events, phase->string, after->items[a].number);
            assert_non_null(before);
            assert_true(number(before, "ts") + number(before, "dur") <= number(e, "ts") + 1.0);
        }
    }
    assert_int_equal(slices, 2 * (size_t)s.sectors);
    json_free(&root);
    return slices;
}

static void test_example_trace(void **state)
{
    (void)state;
    diag_t d;
    assert_int_equal(example_write(".", &d), 0);
    check_trace("bubble.config", 2);
}

static void test_grav2l_trace(void **state)
{
    (void)state;
    if (!grav2l[0])
        skip();
    FILE *fp = fopen("grav2l.m", "w");
    fputs("{{0,{2,2,2,2,2,2,2,2,-1}}}\n", fp);
    fclose(fp);
    fp = fopen("grav2l.config", "w");
    fprintf(fp, "#threads 2\n#variables d->7115,x->6440\n#prime 0\n#start\n#problem 0 %s/fire/grav2l.sbases\n"
                "#lbases %s/fire/grav2l.lbases\n#integrals grav2l.m\n#output grav2l.tables\n", grav2l, grav2l);
    fclose(fp);
    assert_true(check_trace("grav2l.config", 2) > 100);
}

int main(int argc, char **argv)
{
    if (argc > 1 && (!realpath(argv[1], grav2l) || access(grav2l, R_OK) != 0))
        grav2l[0] = '\0';
    if (enter_work_dir(EMBER_TEST_WORK, "trace") != 0)
        return 1;
    diag_set_quiet(true);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_example_trace),
        cmocka_unit_test(test_grav2l_trace),
    };
    return cmocka_run_group_tests_name("trace", tests, NULL, NULL);
}
