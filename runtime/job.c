#include "runtime/job.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>
#include "io/config.h"
#include "io/json.h"
#include "io/lbases.h"
#include "io/output_file.h"
#include "io/rules.h"
#include "io/start.h"
#include "io/tables.h"
#include "io/targets.h"
#include "kernels/family.h"
#include "kernels/sector.h"
#include "kernels/target.h"
#include "runtime/graph.h"

typedef struct {
    config_t cfg;
    family_t f;
    litered_t litered;
    bool has_litered;
    rule_list rules;
    char **names;
    uint64_t *values;
    expr_symbols_t symbols;
    target_list targets;
    sector_t **sectors;
    char *output;
} job_t;

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* Variable values as residues: prime mode needs every variable numeric. */
static int evaluate_variables(job_t *j, diag_t *d)
{
    const config_t *c = &j->cfg;
    j->names = calloc((size_t)c->nvariables + 1, sizeof(char *));
    j->values = calloc((size_t)c->nvariables + 1, sizeof(uint64_t));
    for (int i = 0; i < c->nvariables; i++) {
        const config_variable *v = &c->variables[i];
        const char *where = v->line ? c->path : "--variables";
        if (!v->value)
            return diag_error(d, where, v->line,
                              "variable '%s' has no value; prime mode needs every variable numeric (write %s->VALUE)",
                              v->name, v->name);
        char err[160];
        expr_t *e = expr_compile(v->value, strlen(v->value), NULL, &j->f.mod, err, sizeof err);
        uint64_t r = 0;
        int status = e ? expr_eval(e, NULL, &j->f.mod, &r) : -1;
        expr_free(e);
        if (!e)
            return diag_error(d, where, v->line, "value of '%s': %s", v->name, err);
        if (status != 0)
            return diag_error(d, where, v->line, "value of '%s' divides by zero modulo the prime", v->name);
        j->names[i] = v->name;
        j->values[i] = r;
    }
    j->symbols.names = (const char *const *)j->names;
    j->symbols.count = (size_t)c->nvariables;
    return 0;
}

static int load_problem(job_t *j, const job_options *o, diag_t *d)
{
    config_t *c = &j->cfg;
    if (config_read(o->config_path, c, d) != 0)
        return -1;
    if (o->variables && config_override_variables(c, o->variables, d) != 0)
        return -1;
    int k = o->prime_index >= 0 ? o->prime_index : c->prime_index;
    if (k < 0)
        return diag_error(d, c->path, 0, "no #prime: prime mode needs a prime index from 0 to 127");
    if (k >= MODP_TABLE_SIZE)
        return diag_error(d, "--prime", 0, "prime index %d out of range: expected 0 to 127", k);
    modp_init(&j->f.mod, modp_prime_at(k));
    if (evaluate_variables(j, d) != 0)
        return -1;

    char *start = config_resolve(c, c->problem_file);
    int status = start_read(start, modp_prime_at(k), &j->symbols, j->values, &j->f, d);
    free(start);
    if (status != 0)
        return -1;
    family_t *f = &j->f;
    if (c->positive_first > 0) {
        if (c->positive_last > f->n)
            return diag_error(d, c->path, c->problem_line, "#problem range |%d,%d| exceeds the %d indices",
                              c->positive_first, c->positive_last, f->n);
        f->positive_first = c->positive_first;
        f->positive_last = c->positive_last;
    }
    f->problem_number = c->problem_number;
    f->pos_pref = c->pos_pref;
    char err[256];
    if (family_number_sectors(f, err, sizeof err) != 0)
        return diag_error(d, c->path, c->problem_line, "%s", err);

    if (c->lbases_file) {
        char *path = config_resolve(c, c->lbases_file);
        litered_init(&j->litered, f, j->values, c->nvariables);
        j->has_litered = true;
        status = lbases_read(path, f, c->problem_number, (const char *const *)j->names, c->nvariables,
                             &j->litered, d);
        free(path);
        if (status != 0)
            return -1;
    }

    if (c->rules_file) {
        char *path = config_resolve(c, c->rules_file);
        status = rules_read(path, c->problem_number, f->n, &j->symbols, j->values, &f->mod, &j->rules, d);
        free(path);
        if (status != 0)
            return -1;
    }
    /* FIRE adds default preferred points where #integrals stands: preferred points named
     * before it suppress a sector's defaults, those named after it add to them */
    for (int pass = 0; pass < 2; pass++) {
        bool before = pass == 0;
        for (int i = 0; i < c->npreferred; i++) {
            if ((c->preferred_lines[i] < c->integrals_line) != before)
                continue;
            char *path = config_resolve(c, c->preferred_files[i]);
            target_list pref;
            status = targets_read(path, f->problem_number, f->n, &pref, d);
            free(path);
            if (status != 0)
                return -1;
            for (int q = 0; q < pref.count; q++)
                if (f->number[family_mask_of_vec(f, pref.v[q])] != SECTOR_ZERO)
                    family_add_preferred(f, pref.v[q]);
            targets_clear(&pref);
        }
        if (c->rules_file && (c->rules_line < c->integrals_line) == before)
            rules_add_preferred(f, &j->rules);
        if (before)
            family_finalize_preferred(f);
    }
    family_sort_preferred(f);

    char *integrals = config_resolve(c, c->integrals_file);
    status = targets_read(integrals, f->problem_number, f->n, &j->targets, d);
    free(integrals);
    if (status != 0)
        return -1;

    if (o->output) {
        j->output = strdup(o->output);
    } else if (c->output_file) {
        j->output = config_resolve(c, c->output_file);
    } else {
        return diag_error(d, c->path, 0, "no #output directive and no -o FILE: nowhere to write the tables");
    }
    if (c->output_keep_existing && !o->output && access(j->output, F_OK) == 0)
        return diag_error(d, c->path, c->output_line, "#output !%s: the file exists and '!' forbids overwriting it",
                          c->output_file);
    return 0;
}

/* Posts the user's integrals as requests to their sectors; returns the sectors that hold
 * them (rows kept for the tables). */
static bool *post_targets(job_t *j)
{
    family_t *f = &j->f;
    j->sectors = calloc((size_t)f->max_sector + 1, sizeof(sector_t *));
    for (unsigned s = 2; s <= f->max_sector; s++) {
        j->sectors[s] = malloc(sizeof(sector_t));
        sector_init(j->sectors[s], f, s);
    }
    rules_preload(f, j->sectors, &j->rules);
    bool *keep = calloc((size_t)f->max_sector + 1, sizeof(bool));
    for (int t = 0; t < j->targets.count; t++) {
        int8_t rep[EMBER_MAX_INDICES];
        point_key key = family_reference(f, j->targets.v[t], rep);
        if (point_key_is_zero(&key))
            continue;
        sector_request(j->sectors[point_key_sector(&key)], &key, rep, LEVEL_USER);
        keep[point_key_sector(&key)] = true;
    }
    return keep;
}

static target_reduction *reduce_results(job_t *j)
{
    target_reduction *res = calloc((size_t)j->targets.count + 1, sizeof *res);
    for (int t = 0; t < j->targets.count; t++)
        target_reduce(&j->f, j->sectors, j->targets.v[t], &res[t]);
    return res;
}

static void free_results(target_reduction *res, int count)
{
    for (int t = 0; t < count; t++)
        target_reduction_clear(&res[t]);
    free(res);
}

static bool entry_has_key(const tables_entry *e, size_t count, const point_key *key)
{
    for (size_t k = 0; k < count; k++)
        if (point_key_eq(&e[k].key, key))
            return true;
    return false;
}

/* The .tables entries: each distinct target with its row, then every master used. The entries
 * borrow the results' arrays. */
static size_t tables_entries(const job_t *j, const target_reduction *res, tables_entry **out, int *nmasters)
{
    size_t cap = (size_t)j->targets.count + 16, count = 0;
    tables_entry *e = calloc(cap, sizeof *e);
    for (int t = 0; t < j->targets.count; t++) {
        if (entry_has_key(e, count, &res[t].key))
            continue;
        tables_entry *x = &e[count++];
        x->key = res[t].key;
        memcpy(x->v, j->targets.v[t], sizeof(point_vec));
        x->term_keys = res[t].master_keys;
        x->term_values = res[t].coeffs;
        x->nterms = res[t].nterms;
    }
    size_t ntargets = count;
    for (int t = 0; t < j->targets.count; t++) {
        for (size_t q = 0; q < res[t].nterms; q++) {
            if (entry_has_key(e + ntargets, count - ntargets, &res[t].master_keys[q]))
                continue;
            if (count == cap) {
                cap *= 2;
                e = realloc(e, cap * sizeof *e);
            }
            memset(&e[count], 0, sizeof e[count]);
            e[count].key = res[t].master_keys[q];
            memcpy(e[count].v, res[t].master_v[q], sizeof(point_vec));
            e[count++].master = true;
        }
    }
    *nmasters = (int)(count - ntargets);
    *out = e;
    return count;
}

static int write_json(const job_t *j, const target_reduction *res, const char *path, uint64_t steps, diag_t *d)
{
    json_param *params = calloc((size_t)j->cfg.nvariables + 1, sizeof *params);
    for (int i = 0; i < j->cfg.nvariables; i++)
        params[i] = (json_param){ j->cfg.variables[i].name, j->cfg.variables[i].value };
    int status = json_write(path, j->f.n, res, (size_t)j->targets.count, j->f.mod.mod.n, steps, params,
                            (size_t)j->cfg.nvariables, d);
    free(params);
    return status;
}

static void job_clear(job_t *j)
{
    if (j->sectors) {
        for (unsigned s = 2; s <= j->f.max_sector; s++) {
            sector_clear(j->sectors[s]);
            free(j->sectors[s]);
        }
        free(j->sectors);
    }
    targets_clear(&j->targets);
    if (j->has_litered)
        litered_clear(&j->litered);
    rule_list_clear(&j->rules);
    family_clear(&j->f);
    config_clear(&j->cfg);
    free(j->names);
    free(j->values);
    free(j->output);
}

static int choose_cores(const job_t *j, const job_options *o)
{
    int cores = o->cores > 0 ? o->cores : (j->cfg.threads > 0 ? j->cfg.threads : 1);
    int max = graph_max_cores();
    if (cores > max) {
        diag_warn(NULL, 0, "%d cores requested; the installed StarPU allows at most %d, using %d", cores, max, max);
        cores = max;
    }
    return cores;
}

int job_run(const job_options *o, job_summary *sum, diag_t *d)
{
    double t0 = now_seconds();
    memset(sum, 0, sizeof *sum);
    job_t j;
    memset(&j, 0, sizeof j);
    int status = load_problem(&j, o, d);
    if (status == 0) {
        bool *keep = post_targets(&j);
        graph_options go = { .cores = choose_cores(&j, o), .sched = o->sched, .levels = o->schedule_levels,
                             .progress = !o->quiet && isatty(STDERR_FILENO), .keep = keep,
                             .forward = { .all_ibps = j.cfg.all_ibp, .presolve = !j.cfg.no_presolve,
                                          .litered = j.has_litered ? &j.litered : NULL,
                                          .stop_early = !o->full_levels } };
        trace_slice *slices = o->trace ? calloc(2 * ((size_t)j.f.max_sector + 1), sizeof(trace_slice)) : NULL;
        go.trace = slices;
        status = graph_run(&j.f, j.sectors, &go, &sum->cores, d);
        if (status == 0 && slices)
            status = trace_write(o->trace, slices, 2 * ((size_t)j.f.max_sector + 1), d);
        for (size_t k = 0; slices && k < 2 * ((size_t)j.f.max_sector + 1); k++)
            free(slices[k].after);
        free(slices);
        free(keep);
    }
    if (status == 0) {
        for (unsigned sn = 2; sn <= j.f.max_sector; sn++) {
            sum->equations_used += j.sectors[sn]->equations_used;
            sum->equations_tried += j.sectors[sn]->equations_tried;
            sum->multiply_adds += j.sectors[sn]->madds;
        }
        target_reduction *res = reduce_results(&j);
        tables_entry *entries;
        size_t count = tables_entries(&j, res, &entries, &sum->masters);
        status = tables_write(j.output, j.cfg.output_keep_existing && !o->output, j.f.problem_number, j.f.n,
                              entries, count, d);
        free(entries);
        if (status == 0 && o->json)
            status = write_json(&j, res, o->json, sum->equations_used, d);
        free_results(res, j.targets.count);
        sum->targets = j.targets.count;
        sum->sectors = j.f.max_sector - 1;
        snprintf(sum->output, sizeof sum->output, "%s", j.output);
    }
    job_clear(&j);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    sum->peak_rss_kib = ru.ru_maxrss;
    sum->seconds = now_seconds() - t0;
    return status;
}

int job_write_stats(const char *path, const job_summary *s, diag_t *d)
{
    output_file out;
    if (output_open(&out, path, false, d) != 0)
        return -1;
    fprintf(out.fp,
            "{\"seconds\": %.6f, \"cores\": %d, \"targets\": %d, \"masters\": %d, \"sectors\": %d, "
            "\"equations_used\": %llu, \"equations_tried\": %llu, \"multiply_adds\": %llu, "
            "\"peak_rss_kib\": %ld}\n",
            s->seconds, s->cores, s->targets, s->masters, s->sectors, (unsigned long long)s->equations_used,
            (unsigned long long)s->equations_tried, (unsigned long long)s->multiply_adds, s->peak_rss_kib);
    return output_commit(&out, d);
}

void job_print_summary(const job_summary *s)
{
    fprintf(stderr,
            "ember: %d targets, %d masters, %d non-zero sectors, %llu equations used, %.3f s, peak RSS %.1f MiB (%d cores) -> %s\n",
            s->targets, s->masters, s->sectors, (unsigned long long)s->equations_used, s->seconds,
            (double)s->peak_rss_kib / 1024.0, s->cores, s->output);
}
