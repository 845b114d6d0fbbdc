#include "io/tables.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int entry_desc(const void *a, const void *b)
{
    return -point_key_cmp(&((const tables_entry *)a)->key, &((const tables_entry *)b)->key);
}

static void write_entries(FILE *out, int pn, int n, const tables_entry *e, size_t count)
{
    char id[8 + 3 * EMBER_MAX_INDICES];
    char term_id[8 + 3 * EMBER_MAX_INDICES];
    fputs("{\n    {\n", out);
    for (size_t k = 0; k < count; k++) {
        point_key_id(&e[k].key, n, id);
        fprintf(out, "        {%s,\n            {\n", id);
        if (e[k].master) {
            fprintf(out, "{%s,\"1\"}}}", id);
        } else {
            for (size_t j = 0; j < e[k].nterms; j++) {
                point_key_id(&e[k].term_keys[j], n, term_id);
                fprintf(out, "                {%s,\"%llu\"}%s\n", term_id,
                        (unsigned long long)e[k].term_values[j], j + 1 < e[k].nterms ? "," : "");
            }
            fputs("            }\n        }", out);
        }
        if (k + 1 < count)
            fputs(",\n", out);
    }
    fputs("\n    },\n    {\n", out);
    for (size_t k = 0; k < count; k++) {
        point_key_id(&e[k].key, n, id);
        fprintf(out, "        {%s,{%d,{", id, pn);
        for (int i = 0; i < n; i++)
            fprintf(out, "%s%d", i ? "," : "", e[k].v[i]);
        fprintf(out, "}}}%s\n", k + 1 < count ? "," : "");
    }
    fputs("    }\n}\n", out);
}

int tables_write(const char *path, bool keep_existing, int problem_number, int n,
                 tables_entry *entries, size_t count, diag_t *d)
{
    if (keep_existing && access(path, F_OK) == 0)
        return diag_error(d, path, 0, "exists and #output ! forbids overwriting it");
    qsort(entries, count, sizeof *entries, entry_desc);
    size_t len = strlen(path) + 16;
    char *tmp = malloc(len);
    snprintf(tmp, len, "%s.tmp.XXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        int e = errno;
        free(tmp);
        return diag_error(d, path, 0, "cannot create the output: %s", strerror(e));
    }
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);            /* mkstemp creates files readable by the owner only */
    FILE *out = fdopen(fd, "w");
    write_entries(out, problem_number, n, entries, count);
    bool failed = ferror(out) != 0;
    failed |= fclose(out) != 0;
    int status = 0;
    if (failed) {
        status = diag_error(d, path, 0, "write error");
    } else if (keep_existing) {
        /* link() refuses an existing target, so a file appearing meanwhile is not clobbered */
        if (link(tmp, path) != 0)
            status = diag_error(d, path, 0, "cannot create the output: %s", strerror(errno));
    } else if (rename(tmp, path) != 0) {
        status = diag_error(d, path, 0, "cannot write the output: %s", strerror(errno));
    }
    unlink(tmp);
    free(tmp);
    return status;
}
