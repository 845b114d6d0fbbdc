#include "runtime/example.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "io/output_file.h"
#include "runtime/family_cmd.h"

/* F(a1,a2) = int d^dk / [(k^2 - m2)^a1 ((k+p)^2)^a2], p^2 = s, as a Kira family: ember derives
 * the IBPs and finds the zero sectors (the massless tadpole, a1 <= 0). Masters: the tadpole
 * F(1,0) and the bubble F(1,1). */
static const char example_families[] =
    "# ember's built-in example: the one-loop bubble with one massive line\n"
    "integralfamilies:\n"
    "  - name: \"bubble\"\n"
    "    loop_momenta: [k]\n"
    "    top_level_sectors: [3]\n"
    "    propagators:\n"
    "      - [\"k\", m2]\n"
    "      - [\"k+p\", 0]\n";

static const char example_kinematics[] =
    "kinematics:\n"
    "  incoming_momenta: [p]\n"
    "  kinematic_invariants:\n"
    "    - [s, 2]\n"
    "    - [m2, 2]\n"
    "  scalarproduct_rules:\n"
    "    - [[p, p], s]\n";

static const char example_targets[] = "{{1,{2,2}},{1,{1,2}},{1,{3,0}},{1,{2,-1}},{1,{0,3}}}\n";

static const char example_config[] =
    "## ember's built-in example: one-loop bubble, one massive line\n"
    "#threads 2\n"
    "#variables d->37, s->11, m2->3\n"
    "#prime 1\n"
    "#start\n"
    "#problem 1 bubble.start\n"
    "#integrals bubble.m\n"
    "#output bubble.tables\n";

static int write_file(const char *dir, const char *name, const char *text, diag_t *d)
{
    char path[4400];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return output_write_text(path, text, d);
}

static void print_file(const char *path)
{
    FILE *fp = fopen(path, "r");
    if (!fp)
        return;
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, fp)) > 0)
        fwrite(buf, 1, n, stdout);
    fclose(fp);
}

int example_write(const char *dir, diag_t *d)
{
    char config_dir[4200], start[4200];
    snprintf(config_dir, sizeof config_dir, "%s/config", dir);
    snprintf(start, sizeof start, "%s/bubble.start", dir);
    if (mkdir(config_dir, 0755) != 0 && errno != EEXIST)
        return diag_error(d, config_dir, 0, "cannot create: %s", strerror(errno));
    int status = write_file(config_dir, "integralfamilies.yaml", example_families, d);
    if (status == 0)
        status = write_file(config_dir, "kinematics.yaml", example_kinematics, d);
    if (status == 0)
        status = family_export_start(dir, start, &(family_flags){ .force = true, .symmetries = true }, d);
    if (status == 0)
        status = write_file(dir, "bubble.m", example_targets, d);
    if (status == 0)
        status = write_file(dir, "bubble.config", example_config, d);
    return status;
}

int example_run(const job_options *base, job_summary *summary, diag_t *d)
{
    char dir[] = "/tmp/ember-example-XXXXXX";
    if (!mkdtemp(dir))
        return diag_error(d, NULL, 0, "cannot create a temporary directory: %s", strerror(errno));
    char config[600], tables[600];
    snprintf(config, sizeof config, "%s/bubble.config", dir);
    snprintf(tables, sizeof tables, "%s/bubble.tables", dir);
    int status = example_write(dir, d);
    if (status == 0) {
        job_options o = *base;
        o.config_path = config;
        o.output = NULL;
        status = job_run(&o, summary, d);
    }
    if (status == 0) {
        print_file(tables);
        snprintf(summary->output, sizeof summary->output, "stdout");
    }
    const char *names[] = { "bubble.start", "bubble.m", "bubble.config", "bubble.tables",
                            "config/integralfamilies.yaml", "config/kinematics.yaml", "config" };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        char path[600];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        if (unlink(path) != 0)
            rmdir(path);
    }
    rmdir(dir);
    return status;
}
