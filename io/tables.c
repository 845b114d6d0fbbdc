#include "io/tables.h"

#include "io/output_file.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
    output_file out;
    if (output_open(&out, path, keep_existing, d) != 0)
        return -1;
    qsort(entries, count, sizeof *entries, entry_desc);
    write_entries(out.fp, problem_number, n, entries, count);
    return output_commit(&out, d);
}
