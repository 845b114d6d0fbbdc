#include "io/json.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include "io/output_file.h"

static bool is_integer(const char *s)
{
    if (*s == '-')
        s++;
    if (!*s)
        return false;
    for (; *s; s++)
        if (!isdigit((unsigned char)*s))
            return false;
    return true;
}

static void write_string(FILE *fp, const char *s)
{
    fputc('"', fp);
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            fputc('\\', fp);
        fputc(*s, fp);
    }
    fputc('"', fp);
}

int json_write(const char *path, int n, const target_reduction *records, size_t count, uint64_t prime,
               uint64_t num_steps, const json_param *params, size_t nparams, diag_t *d)
{
    output_file out;
    if (output_open(&out, path, false, d) != 0)
        return -1;
    FILE *fp = out.fp;
    for (size_t k = 0; k < count; k++) {
        const target_reduction *r = &records[k];
        fputs("{\"integrals\": [", fp);
        output_ints(fp, "[]", r->v, n);
        fputs("], \"reductions\": {\"", fp);
        output_ints(fp, "[]", r->v, n);
        fputs("\": {", fp);
        for (size_t t = 0; t < r->nterms; t++) {
            fputs(t ? ", \"" : "\"", fp);
            output_ints(fp, "[]", r->master_v[t], n);
            fprintf(fp, "\": %llu", (unsigned long long)r->coeffs[t]);
        }
        fputs("}}, \"num_steps\": ", fp);
        if (r->zero)
            fputs("null", fp);
        else
            fprintf(fp, "%llu", (unsigned long long)num_steps);
        fprintf(fp, ", \"finite_field\": %llu, \"params\": {", (unsigned long long)prime);
        for (size_t i = 0; i < nparams; i++) {
            fputs(i ? ", " : "", fp);
            write_string(fp, params[i].name);
            fputs(": ", fp);
            if (is_integer(params[i].value))
                fputs(params[i].value, fp);
            else
                write_string(fp, params[i].value);
        }
        fputs("}, \"solver\": \"ember\"}\n", fp);
    }
    return output_commit(&out, d);
}
