/* Tables are byte-identical whatever the core count, the StarPU scheduler and the schedule
 * (fused graph or FIRE's level barriers): on ember's example, and on the double box with
 * several targets when ../shared is present. */
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
#include "runtime/example.h"
#include "runtime/job.h"
#include "tests/support/compare.h"

static const char *doublebox_start;

static uint64_t run_mode(const char *config, int cores, const char *sched, bool full_levels, bool levels,
                         const char *out)
{
    job_options o = { .config_path = config, .cores = cores, .sched = sched, .prime_index = -1, .output = out,
                      .quiet = true, .full_levels = full_levels, .schedule_levels = levels };
    job_summary s;
    diag_t d;
    if (job_run(&o, &s, &d) != 0)
        fail_msg("%s (cores %d, %s): %s", config, cores, sched, d.message);
    return s.equations_used;
}

static void run(const char *config, int cores, const char *sched, bool levels, const char *out)
{
    run_mode(config, cores, sched, false, levels, out);
}

/* Stopping a sector as soon as its integrals are reduced changes no table, only the count of
 * equations, which must not grow. */
static void check_modes_agree(const char *config)
{
    uint64_t early = run_mode(config, 2, NULL, false, false, "early.tables");
    uint64_t full = run_mode(config, 2, NULL, true, false, "full.tables");
    if (files_identical("early.tables", "full.tables") != 1)
        fail_msg("%s: --full-levels changes the tables", config);
    assert_true(early <= full);
}

static void check_all_runs_agree(const char *config)
{
    const int cores[] = { 1, 2, 4 };
    const char *scheds[] = { "lws", "ws", "eager" };
    run(config, 1, "lws", false, "reference.tables");
    for (size_t c = 0; c < 3; c++)
        for (size_t s = 0; s < 3; s++)
            for (int levels = 0; levels < 2; levels++) {
                run(config, cores[c], scheds[s], levels, "other.tables");
                if (files_identical("reference.tables", "other.tables") != 1)
                    fail_msg("%s: --cores %d --sched %s --schedule %s differs from --cores 1 --sched lws", config,
                             cores[c], scheds[s], levels ? "levels" : "fused");
            }
}

static void test_example(void **state)
{
    (void)state;
    diag_t d;
    assert_int_equal(example_write(".", &d), 0);
    check_all_runs_agree("bubble.config");
    check_modes_agree("bubble.config");
}

static void test_doublebox(void **state)
{
    (void)state;
    if (!doublebox_start)
        skip();
    FILE *fp = fopen("doublebox.m", "w");
    fputs("{{1,{1,1,1,1,1,1,1,-1,-1}},{1,{1,1,1,1,1,1,2,-1,0}},{1,{2,1,1,1,1,1,1,0,-1}},"
          "{1,{1,1,0,1,1,1,1,-2,0}}}\n", fp);
    fclose(fp);
    fp = fopen("doublebox.config", "w");
    fprintf(fp, "#threads 2\n#variables d->100,s->101,t->1\n#prime 0\n#start\n#problem 1 %s\n"
                "#integrals doublebox.m\n#output doublebox.tables\n", doublebox_start);
    fclose(fp);
    check_all_runs_agree("doublebox.config");
    check_modes_agree("doublebox.config");
}

int main(int argc, char **argv)
{
    static char start[4096];
    if (argc > 1 && realpath(argv[1], start) && access(start, R_OK) == 0)
        doublebox_start = start;
    if (enter_work_dir(EMBER_TEST_WORK, "determinism") != 0)
        return 1;
    diag_set_quiet(true);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_example),
        cmocka_unit_test(test_doublebox),
    };
    return cmocka_run_group_tests_name("determinism", tests, NULL, NULL);
}
