#include "io/start_write.h"

#include <stdio.h>
#include <string.h>
#include "io/output_file.h"

int start_write(const char *path, const family_def *fd, const gen_system *sys, const bool *zero,
                const int8_t (*sym)[EMBER_MAX_INDICES], int nsym, const bool *lsector, diag_t *d)
{
    output_file out;
    if (output_open(&out, path, false, d) != 0)
        return -1;
    FILE *fp = out.fp;
    int n = sys->nprops;
    fprintf(fp, "Null\nExampleDimension[0] = %d\n \nSBasis0L[0] = %d\n \n", n, sys->nibps);
    for (int k = 0; k < sys->nibps; k++) {
        for (int t = 0; t < sys->ibps[k].nterms; t++) {
            const gen_term *term = &sys->ibps[k].terms[t];
            fprintf(fp, "SBasis0C[0, %d, ", k + 1);
            output_ints(fp, "{}", term->shift, n);
            fputs("] = {", fp);
            bool first = true;
            for (int j = 0; j <= n; j++) {
                if (fmpq_mpoly_is_zero(&term->coeff[j], fd->ctx))
                    continue;
                char *c = fmpq_mpoly_get_str_pretty(&term->coeff[j], fd->symbols, fd->ctx);
                fprintf(fp, "%s{%s, %d}", first ? "" : ", ", c, j);
                flint_free(c);
                first = false;
            }
            fputs("}\n \n", fp);
        }
    }
    /* {permutation, signs, region}: FIRE reads the permutation only */
    int8_t perm[EMBER_MAX_INDICES], ones[EMBER_MAX_INDICES], zeros[EMBER_MAX_INDICES] = { 0 };
    memset(ones, 1, sizeof ones);
    fputs("SBasisS[0] = {", fp);
    for (int g = 0; g < nsym; g++) {
        for (int i = 0; i < n; i++)
            perm[i] = (int8_t)(sym[g][i] + 1);
        fputs(g ? ", {" : "{", fp);
        output_ints(fp, "{}", perm, n);
        fputs(", ", fp);
        output_ints(fp, "{}", ones, n);
        fputs(", ", fp);
        output_ints(fp, "{}", zeros, n);
        fputs("}", fp);
    }
    fputs("}\n", fp);
    for (unsigned mask = 0; mask < (1u << n); mask++) {
        fputs(" \nSBasisR[0, ", fp);
        output_sector(fp, mask, n);
        fprintf(fp, "] = %s\n", zero[mask] ? "True" : "False");
    }
    for (unsigned mask = 0; lsector && mask < (1u << n); mask++) {
        if (!lsector[mask])
            continue;
        fputs(" \nSBasisN[0, ", fp);
        output_sector(fp, mask, n);
        fputs("] = {}\n", fp);
    }
    return output_commit(&out, d);
}
