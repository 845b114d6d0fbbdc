#include "io/lbases_write.h"

#include <stdio.h>
#include "io/output_file.h"

static void write_term(FILE *fp, const family_def *fd, const fmpq_mpoly_t c, int line, int n, bool first)
{
    int8_t shift[EMBER_MAX_INDICES] = { 0 };
    if (line < n)
        shift[line] = -1;          /* one more power of D_line in the numerator */
    char *text = fmpq_mpoly_get_str_pretty(c, fd->symbols, fd->ctx);
    fprintf(fp, "%s{\"%s\", ", first ? "" : ", ", text);
    flint_free(text);
    output_ints(fp, "{}", shift, n);
    fputc('}', fp);
}

/* {{pn, {sector}}, {permutation}, {{{{"c", {shift}}, ...}, index}, ...}}: the integral of the
 * mapped sector at a becomes the one with a[perm[t]] at index t of the target (0: none there),
 * times, for each non-positive index, its numerator's image to the power -a_index. */
static void write_map(FILE *fp, const family_def *fd, const sector_map *m, int problem_number)
{
    int n = fd->nprops;
    int8_t perm[EMBER_MAX_INDICES] = { 0 };
    for (int i = 0; i < n; i++)
        if (m->line_to[i] >= 0)
            perm[m->line_to[i]] = (int8_t)(i + 1);
    fprintf(fp, "{{%d, ", problem_number);
    output_sector(fp, m->from, n);
    fputs("}, ", fp);
    output_ints(fp, "{}", perm, n);
    fputs(", {", fp);
    bool first_factor = true;
    for (int j = 0; j < n; j++) {
        if (m->line_to[j] >= 0)
            continue;
        const fmpq_mpoly_struct *row = sector_map_numerator(m, n, j);
        fputs(first_factor ? "{{" : ", {{", fp);
        first_factor = false;
        bool first = true;
        for (int b = 0; b <= n; b++) {
            if (fmpq_mpoly_is_zero(&row[b], fd->ctx))
                continue;
            write_term(fp, fd, &row[b], b, n, first);
            first = false;
        }
        fprintf(fp, "}, %d}", j + 1);
    }
    fputs("}}", fp);
}

int lbases_write(const char *path, const family_def *fd, const sector_maps *maps, int problem_number, diag_t *d)
{
    output_file out;
    if (output_open(&out, path, false, d) != 0)
        return -1;
    fputs("{{}, {", out.fp);
    for (int k = 0; k < maps->count; k++) {
        fputs(k ? ",\n  " : "", out.fp);
        write_map(out.fp, fd, &maps->maps[k], problem_number);
    }
    fputs("}, {}}\n", out.fp);
    return output_commit(&out, d);
}
