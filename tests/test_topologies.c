/* Every feynman-bench train topology in ../shared reduces all of its sample targets in one
 * run to byte-identical tables with 1 and 2 cores, fused and with FIRE's level barriers
 * (LiteRed .sbases/.lbases input). Skipped when ../shared is absent. */
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
#include "runtime/job.h"
#include "tests/support/compare.h"

static char bench[4096];

/* The text of "key":<value> in a JSON line, value up to the matching bracket or comma. */
static int json_field(const char *line, const char *key, char *out, size_t len)
{
    char pattern[64];
    snprintf(pattern, sizeof pattern, "\"%s\":", key);
    const char *p = strstr(line, pattern);
    if (!p)
        return -1;
    p += strlen(pattern);
    while (*p == ' ')
        p++;
    const char *q = p;
    int depth = 0;
    bool string = false;
    for (; *q; q++) {
        if (string) {
            string = *q != '"';
            continue;
        }
        if (*q == '"')
            string = true;
        else if (*q == '[' || *q == '{')
            depth++;
        else if (*q == ']' || *q == '}') {
            if (depth == 0)
                break;
            if (--depth == 0) {
                q++;
                break;
            }
        } else if (*q == ',' && depth == 0)
            break;
    }
    if (*p == '"' && q > p + 1 && q[-1] == '"')          /* a string: without its quotes */
        snprintf(out, len, "%.*s", (int)(q - p - 2), p + 1);
    else
        snprintf(out, len, "%.*s", (int)(q - p), p);
    return 0;
}

/* "{"d":6347,"s":4605}" -> "d->6347,s->4605" */
static void variables_of(const char *params, char *out, size_t len)
{
    size_t k = 0;
    for (const char *p = params; *p && k + 3 < len; p++) {
        if (*p == '{' || *p == '}' || *p == '"' || *p == ' ')
            continue;
        if (*p == ':') {
            out[k++] = '-';
            out[k++] = '>';
        } else {
            out[k++] = *p;
        }
    }
    out[k] = '\0';
}

static void run(int cores, bool levels, const char *out)
{
    job_options o = { .config_path = "job.config", .cores = cores, .prime_index = -1, .output = out, .quiet = true,
                      .schedule_levels = levels };
    job_summary s;
    diag_t d;
    if (job_run(&o, &s, &d) != 0)
        fail_msg("%s", d.message);
}

static void test_every_topology_same_with_one_and_two_cores(void **state)
{
    (void)state;
    char path[4200];
    snprintf(path, sizeof path, "%s/ground_truth_train_sample.jsonl", bench);
    FILE *fp = fopen(path, "r");
    assert_non_null(fp);
    static char line[1 << 16];
    char topo[256] = "", params[512] = "", current[256] = "", current_params[512] = "";
    FILE *targets = NULL;
    int topologies = 0;
    for (bool more = true; more;) {
        more = fgets(line, sizeof line, fp) != NULL;
        if (more) {
            char integral[256];
            json_field(line, "topology_path", topo, sizeof topo);
            json_field(line, "params", params, sizeof params);
            json_field(line, "integrals", integral, sizeof integral);
            if (strcmp(topo, current) == 0 && strcmp(params, current_params) == 0) {
                integral[strlen(integral) - 2] = '\0';                   /* [[a, b]] -> {0,{a, b}} */
                fprintf(targets, ",{0,{%s}}", integral + 2);
                continue;
            }
        }
        if (targets) {                                                   /* reduce the finished group */
            fputs("}\n", targets);
            fclose(targets);
            targets = NULL;
            run(1, false, "one.tables");
            run(2, false, "two.tables");
            run(2, true, "levels.tables");
            if (files_identical("one.tables", "two.tables") != 1)
                fail_msg("%s: --cores 1 and --cores 2 differ", current);
            if (files_identical("two.tables", "levels.tables") != 1)
                fail_msg("%s: --schedule levels and fused differ", current);
            topologies++;
        }
        if (!more)
            break;
        char integral[256], vars[512];
        json_field(line, "integrals", integral, sizeof integral);
        integral[strlen(integral) - 2] = '\0';
        variables_of(params, vars, sizeof vars);
        const char *name = strrchr(topo, '/') + 1;
        FILE *cfg = fopen("job.config", "w");
        fprintf(cfg, "#threads 1\n#variables %s\n#prime 0\n#start\n#problem 0 %s/topologies/%s/fire/%s.sbases\n"
                     "#lbases %s/topologies/%s/fire/%s.lbases\n#integrals targets.m\n#output out.tables\n",
                vars, bench, topo, name, bench, topo, name);
        fclose(cfg);
        targets = fopen("targets.m", "w");
        fprintf(targets, "{{0,{%s}}", integral + 2);
        snprintf(current, sizeof current, "%s", topo);
        snprintf(current_params, sizeof current_params, "%s", params);
    }
    fclose(fp);
    assert_true(topologies >= 10);
}

int main(int argc, char **argv)
{
    if (argc < 2 || !realpath(argv[1], bench) || access(bench, R_OK) != 0) {
        printf("skipped: feynman-bench data not found (../shared is absent)\n");
        return 77;
    }
    if (enter_work_dir(EMBER_TEST_WORK, "topologies") != 0)
        return 1;
    diag_set_quiet(true);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_topology_same_with_one_and_two_cores),
    };
    return cmocka_run_group_tests_name("topologies", tests, NULL, NULL);
}
