#include "runtime/family_cmd.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "io/kira.h"
#include "io/lbases_write.h"
#include "io/output_file.h"
#include "io/start_write.h"
#include "io/targets.h"
#include "kernels/family.h"
#include "kernels/sector_maps.h"
#include "kernels/symmetries.h"
#include "kernels/zero_sectors.h"

static int identity_only(int n, int8_t (**sym)[EMBER_MAX_INDICES])
{
    *sym = calloc(1, sizeof **sym);
    for (int i = 0; i < n; i++)
        (**sym)[i] = (int8_t)i;
    return 1;
}

/* Everything a FIRE problem needs, derived from the family: IBPs, symmetries, zero sectors and
 * the maps between sectors (with the unmapped sectors marked SBasisN when there are maps). */
typedef struct {
    gen_system sys;
    bool *zero, *lsector;
    int8_t (*sym)[EMBER_MAX_INDICES];
    int nsym;
    sector_maps maps;
} family_problem;

static int problem_build(const kira_family *kf, const char *dir, bool symmetries, family_problem *p, diag_t *d)
{
    memset(p, 0, sizeof *p);
    char err[512];
    if (ibpgen_build(&kf->def, &p->sys, err, sizeof err) != 0)
        return diag_error(d, dir, 0, "family '%s': %s", kf->name, err);
    int n = kf->def.nprops;
    size_t nmasks = (size_t)1 << n;
    p->zero = calloc(nmasks, sizeof(bool));
    p->nsym = symmetries ? symmetries_find(&kf->def, 1, &p->sym) : identity_only(n, &p->sym);
    zero_sectors_find(&kf->def, &p->sys, 1, (const int8_t(*)[EMBER_MAX_INDICES])p->sym, p->nsym, p->zero);
    if (!symmetries)
        return 0;
    bool *candidate = calloc(nmasks, sizeof(bool));
    for (unsigned mask = 0; mask < nmasks; mask++)
        candidate[mask] = !p->zero[mask] && kira_in_top_sectors(kf, mask);
    sector_maps_find(&kf->def, candidate, (const int8_t(*)[EMBER_MAX_INDICES])p->sym, p->nsym, 1, &p->maps);
    if (p->maps.count > 0) {
        p->lsector = calloc(nmasks, sizeof(bool));
        for (unsigned mask = 0; mask < nmasks; mask++)
            p->lsector[mask] = !p->zero[mask];
        for (int k = 0; k < p->maps.count; k++)
            for (int g = 0; g < p->nsym; g++)       /* the mapped sector's whole orbit */
                p->lsector[mask_permute(p->maps.maps[k].from, p->sym[g], n)] = false;
    }
    free(candidate);
    return 0;
}

static void problem_clear(family_problem *p, const kira_family *kf)
{
    sector_maps_clear(&p->maps, &kf->def);
    gen_system_clear(&p->sys, &kf->def);
    free(p->zero);
    free(p->lsector);
    free(p->sym);
}

/* The .start file, and the .lbases file (for #problem 1) when there are sector maps. */
static int problem_write(const family_problem *p, const kira_family *kf, const char *start, const char *lbases,
                         diag_t *d)
{
    int status = start_write(start, &kf->def, &p->sys, p->zero, (const int8_t(*)[EMBER_MAX_INDICES])p->sym, p->nsym,
                             p->lsector, d);
    if (status == 0 && p->maps.count > 0)
        status = lbases_write(lbases, &kf->def, &p->maps, 1, d);
    return status;
}

/* F.lbases beside F.start (FILE.lbases for any other name FILE); false if it does not fit. */
static bool lbases_path(const char *start, char *out, size_t size)
{
    size_t len = strlen(start);
    if (len > 6 && strcmp(start + len - 6, ".start") == 0)
        len -= 6;
    return (size_t)snprintf(out, size, "%.*s.lbases", (int)len, start) < size;
}

int family_export_start(const char *dir, const char *path, const family_flags *flags, diag_t *d)
{
    if (!flags->force && access(path, F_OK) == 0)
        return diag_error(d, path, 0, "exists; give -o with another name, or --force to overwrite it");
    kira_family kf;
    if (kira_read(dir, &kf, d) != 0)
        return -1;
    family_problem p;
    char lbases[4096];
    if (!lbases_path(path, lbases, sizeof lbases)) {
        kira_clear(&kf);
        return diag_error(d, path, 0, "path too long for the .lbases file beside it");
    }
    int status = problem_build(&kf, dir, flags->symmetries, &p, d);
    bool old_lbases = status == 0 && access(lbases, F_OK) == 0;
    if (old_lbases && p.maps.count > 0 && !flags->force)
        status = diag_error(d, lbases, 0, "exists (the sector maps go there); remove it, or give --force");
    if (status == 0)
        status = problem_write(&p, &kf, path, lbases, d);
    if (status == 0 && p.maps.count > 0)
        printf("%d sectors mapped onto others: %s holds the maps; give it to FIRE as '#lbases %s' after "
               "'#problem 1 %s'\n", p.maps.count, lbases, lbases, path);
    else if (status == 0 && old_lbases)
        fprintf(stderr, "ember: warning: %s is not from this export (no sector maps now): do not give it to FIRE "
                "with %s\n", lbases, path);
    problem_clear(&p, &kf);
    kira_clear(&kf);
    return status;
}

/* The family's symbols that need a value: all but the one Kira sets to one. */
static void list_symbols(const kira_family *kf, char *out, size_t size)
{
    size_t k = 0;
    out[0] = '\0';
    for (int v = 0; v < kf->nsymbols && k < size; v++)
        if (!kf->one || strcmp(kf->symbols[v], kf->one) != 0)
            k += (size_t)snprintf(out + k, size - k, "%s%s=...", k ? "," : "", kf->symbols[v]);
}

static bool is_number(const char *text, size_t len)
{
    size_t i = text[0] == '-' ? 1 : 0, digits = 0, slash = 0;
    bool zero_denominator = true;
    for (; i < len; i++) {
        if (text[i] == '/' && digits > 0 && slash == 0) {
            slash = i;
        } else if (text[i] >= '0' && text[i] <= '9') {
            digits++;
            if (slash && text[i] != '0')
                zero_denominator = false;
        } else {
            return false;
        }
    }
    return digits > 0 && text[len - 1] != '/' && (!slash || !zero_denominator);
}

/* --point "d=37,s=11": every symbol of the family once, each an integer or a fraction. */
static int check_point(const kira_family *kf, const char *point, diag_t *d)
{
    char want[1024];
    list_symbols(kf, want, sizeof want);
    bool *given = calloc((size_t)kf->nsymbols, sizeof(bool));
    int status = 0;
    for (const char *item = point; status == 0 && *item;) {
        size_t len = strcspn(item, ","), name_len = strcspn(item, "=");
        int v = -1;
        for (int k = 0; k < kf->nsymbols && v < 0; k++)
            if (strlen(kf->symbols[k]) == name_len && strncmp(kf->symbols[k], item, name_len) == 0)
                v = k;
        if (name_len >= len || !is_number(item + name_len + 1, len - name_len - 1))
            status = diag_error(d, NULL, 0, "--point: expected name=number (an integer or p/q), found '%.*s'",
                                (int)len, item);
        else if (v < 0 || (kf->one && strcmp(kf->symbols[v], kf->one) == 0))
            status = diag_error(d, NULL, 0, "--point: '%.*s' is not a free symbol of family '%s' (it has %s)",
                                (int)name_len, item, kf->name, want);
        else if (given[v])
            status = diag_error(d, NULL, 0, "--point: '%s' given twice", kf->symbols[v]);
        else
            given[v] = true;
        item += len + (item[len] == ',');
    }
    for (int v = 0; status == 0 && v < kf->nsymbols; v++)
        if (!given[v] && (!kf->one || strcmp(kf->symbols[v], kf->one) != 0))
            status = diag_error(d, NULL, 0, "--point: no value for '%s' (family '%s' needs %s)", kf->symbols[v],
                                kf->name, want);
    free(given);
    return status;
}

/* Every target must lie in a top-level sector of the family or below one. */
static int check_targets(const kira_family *kf, const char *targets, diag_t *d)
{
    target_list list;
    int n = kf->def.nprops;
    if (targets_read(targets, 1, n, &list, d) != 0)
        return -1;
    int status = 0;
    for (int t = 0; t < list.count && status == 0; t++) {
        if (!kira_in_top_sectors(kf, mask_of_indices(list.v[t], n)))
            status = diag_error(d, targets, list.line[t],
                                "integral %d of the list is outside the top_level_sectors of family '%s'", t + 1,
                                kf->name);
    }
    targets_clear(&list);
    return status;
}

int family_reduce(const char *dir, const char *targets, const char *point, const family_flags *flags,
                  const job_options *base, job_summary *summary, diag_t *d)
{
    if (!targets)
        return diag_error(d, NULL, 0, "reduce: --targets FILE is required (a list {{1,{a1,...,an}},...})");
    if (!base->output)
        return diag_error(d, NULL, 0, "reduce: -o FILE is required (where the tables go)");
    if (!flags->force && access(base->output, F_OK) == 0)
        return diag_error(d, base->output, 0, "exists; give -o with another name, or --force to overwrite it");
    kira_family kf;
    if (kira_read(dir, &kf, d) != 0)
        return -1;
    int status = check_point(&kf, point ? point : "", d);
    if (status == 0)
        status = check_targets(&kf, targets, d);
    char tmp[] = "/tmp/ember-family-XXXXXX";
    if (status == 0 && !mkdtemp(tmp))
        status = diag_error(d, NULL, 0, "cannot create a temporary directory: %s", strerror(errno));
    if (status != 0) {
        kira_clear(&kf);
        return status;
    }
    char start[600], lbases[600], config[600], abs_targets[4096];
    snprintf(start, sizeof start, "%s/family.start", tmp);
    snprintf(lbases, sizeof lbases, "%s/family.lbases", tmp);
    snprintf(config, sizeof config, "%s/family.config", tmp);
    status = realpath(targets, abs_targets) ? 0 : diag_error(d, targets, 0, "cannot open: %s", strerror(errno));
    family_problem p;
    if (status == 0)
        status = problem_build(&kf, dir, flags->symmetries, &p, d);
    bool has_maps = status == 0 && p.maps.count > 0;
    if (status == 0) {
        status = problem_write(&p, &kf, start, lbases, d);
        problem_clear(&p, &kf);
    }
    kira_clear(&kf);
    if (status == 0) {
        /* "d=37,s=11" in FIRE's "d->37,s->11" */
        char vars[2048];
        size_t k = 0;
        for (const char *c = point ? point : ""; *c && k + 3 < sizeof vars; c++) {
            if (*c == '=') {
                vars[k++] = '-';
                vars[k++] = '>';
            } else {
                vars[k++] = *c;
            }
        }
        vars[k] = '\0';
        char text[8192];
        snprintf(text, sizeof text, "#threads 1\n%s%s%s#prime %d\n#start\n#problem 1 %s\n%s%s%s#integrals %s\n",
                 k ? "#variables " : "", vars, k ? "\n" : "", base->prime_index >= 0 ? base->prime_index : 1, start,
                 has_maps ? "#lbases " : "", has_maps ? lbases : "", has_maps ? "\n" : "", abs_targets);
        status = output_write_text(config, text, d);
    }
    if (status == 0) {
        job_options o = *base;
        o.config_path = config;
        status = job_run(&o, summary, d);
    }
    unlink(start);
    unlink(lbases);
    unlink(config);
    rmdir(tmp);
    return status;
}
