/* ember: FIRE6p-compatible prime-mode IBP reduction on a StarPU task graph. */
#include <stdio.h>
#include <string.h>
#include "io/diag.h"
#include "runtime/cli.h"
#include "runtime/example.h"
#include "runtime/family_cmd.h"
#include "runtime/job.h"

int main(int argc, char **argv)
{
    cli_t cli;
    if (cli_parse(argc, argv, &cli) != 0)
        return 2;
    if (cli.help) {
        cli_usage(stdout);
        return 0;
    }
    if (cli.version) {
        puts("ember " EMBER_VERSION);
        return 0;
    }
    diag_set_quiet(cli.job.quiet);
    diag_t d;
    memset(&d, 0, sizeof d);
    if (cli.write_example) {
        if (example_write(cli.write_example, &d) != 0) {
            fprintf(stderr, "ember: error: %s\n", d.message);
            return 1;
        }
        return 0;
    }
    job_summary summary;
    memset(&summary, 0, sizeof summary);
    int status;
    family_flags flags = { .force = cli.force, .symmetries = !cli.no_symmetries };
    if (cli.command && strcmp(cli.command, "export-start") == 0) {
        if (!cli.job.output) {
            fputs("ember: error: export-start: -o FILE.start is required\n", stderr);
            return 2;
        }
        status = family_export_start(cli.family_dir, cli.job.output, &flags, &d);
        if (status == 0)
            return 0;
    } else if (cli.command) {
        status = family_reduce(cli.family_dir, cli.targets, cli.point, &flags, &cli.job, &summary, &d);
    } else {
        status = cli.example ? example_run(&cli.job, &summary, &d) : job_run(&cli.job, &summary, &d);
    }
    if (status != 0) {
        fprintf(stderr, "ember: error: %s\n", d.message);
        return 1;
    }
    if (cli.job.stats && job_write_stats(cli.job.stats, &summary, &d) != 0) {
        fprintf(stderr, "ember: error: %s\n", d.message);
        return 1;
    }
    if (!cli.job.quiet)
        job_print_summary(&summary);
    return 0;
}
