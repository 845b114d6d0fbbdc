#include "runtime/family_cmd.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "io/kira.h"
#include "io/output_file.h"
#include "io/start_write.h"
#include "io/targets.h"
#include "kernels/family.h"
#include "kernels/symmetries.h"
#include "kernels/zero_sectors.h"

static int identity_only(int n, int8_t (**sym)[EMBER_MAX_INDICES])
{
    *sym = calloc(1, sizeof **sym);
    for (int i = 0; i < n; i++)
        (**sym)[i] = (int8_t)i;
    return 1;
}

/* The IBPs, symmetries and zero sectors of the family read from dir, as a .start file. */
static int write_start(const kira_family *kf, const char *dir, const char *path, bool symmetries, diag_t *d)
{
    gen_system sys;
    char err[512];
    if (ibpgen_build(&kf->def, &sys, err, sizeof err) != 0)
        return diag_error(d, dir, 0, "family '%s': %s", kf->name, err);
    int n = kf->def.nprops;
    bool *zero = calloc((size_t)1 << n, sizeof(bool));
    int8_t(*sym)[EMBER_MAX_INDICES] = NULL;
    int nsym = symmetries ? symmetries_find(&kf->def, 1, &sym) : identity_only(n, &sym);
    zero_sectors_find(&kf->def, &sys, 1, (const int8_t(*)[EMBER_MAX_INDICES])sym, nsym, zero);
    int status = start_write(path, &kf->def, &sys, zero, (const int8_t(*)[EMBER_MAX_INDICES])sym, nsym, d);
    free(sym);
    free(zero);
    gen_system_clear(&sys, &kf->def);
    return status;
}

int family_export_start(const char *dir, const char *path, const family_flags *flags, diag_t *d)
{
    if (!flags->force && access(path, F_OK) == 0)
        return diag_error(d, path, 0, "exists; give -o with another name, or --force to overwrite it");
    kira_family kf;
    if (kira_read(dir, &kf, d) != 0)
        return -1;
    int status = write_start(&kf, dir, path, flags->symmetries, d);
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
    char start[600], config[600], abs_targets[4096];
    snprintf(start, sizeof start, "%s/family.start", tmp);
    snprintf(config, sizeof config, "%s/family.config", tmp);
    status = realpath(targets, abs_targets) ? 0 : diag_error(d, targets, 0, "cannot open: %s", strerror(errno));
    if (status == 0)
        status = write_start(&kf, dir, start, flags->symmetries, d);
    kira_clear(&kf);
    if (status == 0) {
        /* "d=37,s=11" in FIRE's "d->37,s->11" */
        char vars[2048];
        size_t k = 0;
        for (const char *p = point ? point : ""; *p && k + 3 < sizeof vars; p++) {
            if (*p == '=') {
                vars[k++] = '-';
                vars[k++] = '>';
            } else {
                vars[k++] = *p;
            }
        }
        vars[k] = '\0';
        char text[8192];
        snprintf(text, sizeof text, "#threads 1\n%s%s%s#prime %d\n#start\n#problem 1 %s\n#integrals %s\n",
                 k ? "#variables " : "", vars, k ? "\n" : "", base->prime_index >= 0 ? base->prime_index : 1, start,
                 abs_targets);
        status = output_write_text(config, text, d);
    }
    if (status == 0) {
        job_options o = *base;
        o.config_path = config;
        status = job_run(&o, summary, d);
    }
    unlink(start);
    unlink(config);
    rmdir(tmp);
    return status;
}
