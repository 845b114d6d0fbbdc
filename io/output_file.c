#include "io/output_file.h"

#include "kernels/point.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int output_open(output_file *out, const char *path, bool keep_existing, diag_t *d)
{
    memset(out, 0, sizeof *out);
    if (keep_existing && access(path, F_OK) == 0)
        return diag_error(d, path, 0, "exists, and the output must not overwrite it");
    size_t len = strlen(path) + 16;
    out->tmp = malloc(len);
    snprintf(out->tmp, len, "%s.tmp.XXXXXX", path);
    int fd = mkstemp(out->tmp);
    if (fd < 0) {
        int e = errno;
        free(out->tmp);
        out->tmp = NULL;
        return diag_error(d, path, 0, "cannot create the output: %s", strerror(e));
    }
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);            /* mkstemp creates files readable by the owner only */
    out->fp = fdopen(fd, "w");
    out->path = strdup(path);
    out->keep_existing = keep_existing;
    return 0;
}

int output_commit(output_file *out, diag_t *d)
{
    bool failed = ferror(out->fp) != 0;
    failed |= fclose(out->fp) != 0;
    int status = 0;
    if (failed) {
        status = diag_error(d, out->path, 0, "write error");
    } else if (out->keep_existing) {
        /* link() refuses an existing target, so a file appearing meanwhile is not clobbered */
        if (link(out->tmp, out->path) != 0)
            status = diag_error(d, out->path, 0, "cannot create the output: %s", strerror(errno));
    } else if (rename(out->tmp, out->path) != 0) {
        status = diag_error(d, out->path, 0, "cannot write the output: %s", strerror(errno));
    }
    unlink(out->tmp);
    free(out->tmp);
    free(out->path);
    memset(out, 0, sizeof *out);
    return status;
}

int output_write_text(const char *path, const char *text, diag_t *d)
{
    output_file out;
    if (output_open(&out, path, false, d) != 0)
        return -1;
    fputs(text, out.fp);
    return output_commit(&out, d);
}

void output_ints(FILE *fp, const char *brackets, const int8_t *v, int n)
{
    fputc(brackets[0], fp);
    for (int i = 0; i < n; i++)
        fprintf(fp, "%s%d", i ? ", " : "", v[i]);
    fputc(brackets[1], fp);
}

void output_sector(FILE *fp, unsigned mask, int n)
{
    int8_t signs[EMBER_MAX_INDICES];
    for (int i = 0; i < n; i++)
        signs[i] = (mask >> (n - 1 - i)) & 1u ? 1 : -1;
    output_ints(fp, "{}", signs, n);
}
