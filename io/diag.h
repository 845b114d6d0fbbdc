/* Error and warning messages that name the file and line at fault. */
#ifndef EMBER_DIAG_H
#define EMBER_DIAG_H

#include <stdbool.h>

typedef struct {
    char message[1024];
} diag_t;

/* Records "FILE:LINE: message" (line 0: no line) in d; returns -1 for convenience. */
int diag_error(diag_t *d, const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Prints "ember: warning: FILE:LINE: message" on stderr unless warnings are silenced. */
void diag_warn(const char *file, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

void diag_set_quiet(bool quiet);

#endif
