#include "io/diag.h"

#include <stdarg.h>
#include <stdio.h>

static bool quiet_warnings;

void diag_set_quiet(bool quiet)
{
    quiet_warnings = quiet;
}

static int prefix(char *buf, size_t len, const char *file, int line)
{
    if (!file)
        return 0;
    if (line > 0)
        return snprintf(buf, len, "%s:%d: ", file, line);
    return snprintf(buf, len, "%s: ", file);
}

int diag_error(diag_t *d, const char *file, int line, const char *fmt, ...)
{
    int n = prefix(d->message, sizeof d->message, file, line);
    if (n < 0 || (size_t)n >= sizeof d->message)
        n = 0;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(d->message + n, sizeof d->message - (size_t)n, fmt, ap);
    va_end(ap);
    return -1;
}

void diag_warn(const char *file, int line, const char *fmt, ...)
{
    if (quiet_warnings)
        return;
    char buf[1024];
    int n = prefix(buf, sizeof buf, file, line);
    if (n < 0 || (size_t)n >= sizeof buf)
        n = 0;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf + n, sizeof buf - (size_t)n, fmt, ap);
    va_end(ap);
    fprintf(stderr, "ember: warning: %s\n", buf);
}
