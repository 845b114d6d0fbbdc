#include <stdio.h>
#include "runtime/cli.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void cli_usage(FILE *out)
{
    fputs("usage: ember [options] CONFIG    reduce the integrals of a FIRE .config (prime mode)\n"
          "       ember --example             reduce ember's built-in example\n"
          "       ember export-start DIR -o FILE.start [--force] [--no-symmetries]\n"
          "                                   FIRE .start file of a Kira family (DIR/config/*.yaml),\n"
          "                                   and FILE.lbases when sectors map onto others\n"
          "       ember reduce DIR --targets FILE --point d=...,s=... -o FILE [--force] [options]\n"
          "                                   reduce integrals of a Kira family (its symmetries\n"
          "                                   and sector maps found from U and F unless\n"
          "                                   --no-symmetries)\n"
          "       ember --write-example DIR   write the example's input files into DIR\n"
          "options:\n"
          "  -c CONFIG            the config, as FIRE's -c (\".config\" may be omitted)\n"
          "  --cores N            CPU workers (default: the config's #threads)\n"
          "  --sched NAME         StarPU scheduler: lws (default), ws, eager, ...\n"
          "  --schedule MODE      fused (default: data-flow graph) or levels (FIRE's barriers)\n"
          "  --prime K            prime index 0..127 (overrides #prime)\n"
          "  --variables SPEC     values such as d->100,s->101 (override #variables)\n"
          "  -o FILE              write the tables to FILE (overrides #output)\n"
          "  --json FILE          also write one feynman-bench JSON record per target\n"
          "  --trace FILE         write the tasks as a Chrome trace (open it in Perfetto)\n"
          "  --stats FILE         write the summary's figures as JSON\n"
          "  --full-levels        finish every seed level as FIRE does (same tables, FIRE's\n"
          "                       equation counts) instead of stopping once all is reduced\n"
          "  --quiet              no warnings and no summary line\n"
          "  --help, --version\n", out);
}

static int need_value(int argc, char **argv, int i)
{
    if (i + 1 >= argc) {
        fprintf(stderr, "ember: error: %s needs a value\n", argv[i]);
        return -1;
    }
    return 0;
}

static int parse_number(const char *opt, const char *text, int lo, int hi, int *out)
{
    char *end;
    long v = strtol(text, &end, 10);
    if (end == text || *end != '\0' || v < lo || v > hi) {
        fprintf(stderr, "ember: error: %s: expected a whole number from %d to %d, found '%s'\n", opt, lo, hi, text);
        return -1;
    }
    *out = (int)v;
    return 0;
}

/* FIRE's -c takes the config name without ".config". */
static const char *config_name(const char *name)
{
    if (access(name, F_OK) == 0)
        return name;
    size_t n = strlen(name);
    char *with = malloc(n + 8);
    snprintf(with, n + 8, "%s.config", name);
    if (access(with, F_OK) == 0)
        return with;   /* kept for the life of the process */
    free(with);
    return name;
}

/* Options that take a file name or a word, and where the value goes. */
typedef struct {
    const char *name;
    const char **target;
} text_option;

int cli_parse(int argc, char **argv, cli_t *cli)
{
    memset(cli, 0, sizeof *cli);
    cli->job.prime_index = -1;
    const char *schedule = NULL, *config = NULL;
    int first = 1;
    if (argc > 1 && (strcmp(argv[1], "export-start") == 0 || strcmp(argv[1], "reduce") == 0)) {
        cli->command = argv[1];
        first = 2;
    }
    const text_option texts[] = {
        { "--write-example", &cli->write_example }, { "--sched", &cli->job.sched },
        { "--schedule", &schedule },                { "--variables", &cli->job.variables },
        { "-o", &cli->job.output },                 { "--stats", &cli->job.stats },
        { "--trace", &cli->job.trace },             { "--json", &cli->job.json },
        { "-c", &config },                          { "--targets", &cli->targets },
        { "--point", &cli->point },
    };
    for (int i = first; i < argc; i++) {
        const char *a = argv[i];
        const text_option *text = NULL;
        for (size_t k = 0; k < sizeof texts / sizeof texts[0] && !text; k++)
            if (strcmp(a, texts[k].name) == 0)
                text = &texts[k];
        if (text) {
            if (need_value(argc, argv, i))
                return -1;
            *text->target = argv[++i];
        } else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            cli->help = true;
        } else if (strcmp(a, "--version") == 0) {
            cli->version = true;
        } else if (strcmp(a, "--example") == 0) {
            cli->example = true;
        } else if (strcmp(a, "--force") == 0) {
            cli->force = true;
        } else if (strcmp(a, "--no-symmetries") == 0) {
            cli->no_symmetries = true;
        } else if (strcmp(a, "--full-levels") == 0) {
            cli->job.full_levels = true;
        } else if (strcmp(a, "--quiet") == 0) {
            cli->job.quiet = true;
        } else if (strcmp(a, "--cores") == 0) {
            if (need_value(argc, argv, i) || parse_number(a, argv[++i], 1, 1024, &cli->job.cores))
                return -1;
        } else if (strcmp(a, "--prime") == 0) {
            if (need_value(argc, argv, i) || parse_number(a, argv[++i], 0, 1000000, &cli->job.prime_index))
                return -1;
        } else if (a[0] == '-' && a[1] != '\0') {
            fprintf(stderr, "ember: error: unknown option '%s' (see ember --help)\n", a);
            return -1;
        } else if (config) {
            fprintf(stderr, "ember: error: more than one config given ('%s' and '%s')\n", config, a);
            return -1;
        } else {
            config = a;
        }
    }
    if (schedule && strcmp(schedule, "levels") != 0 && strcmp(schedule, "fused") != 0) {
        fprintf(stderr, "ember: error: --schedule: expected fused or levels, found '%s'\n", schedule);
        return -1;
    }
    cli->job.schedule_levels = schedule && strcmp(schedule, "levels") == 0;
    if (cli->command) {
        if (!config) {
            fprintf(stderr, "ember: error: %s: no family directory given\n", cli->command);
            return -1;
        }
        cli->family_dir = config;
        return 0;
    }
    if (config)
        cli->job.config_path = config_name(config);
    if (!cli->help && !cli->version && !cli->example && !cli->write_example && !cli->job.config_path) {
        fputs("ember: error: no config given\n", stderr);
        cli_usage(stderr);
        return -1;
    }
    return 0;
}
