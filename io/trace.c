#include "io/trace.h"

#include <stdio.h>
#include "io/output_file.h"

int trace_write(const char *path, const trace_slice *slices, size_t count, diag_t *d)
{
    output_file out;
    if (output_open(&out, path, false, d) != 0)
        return -1;
    FILE *fp = out.fp;
    fputs("{\"displayTimeUnit\": \"ms\", \"traceEvents\": [\n", fp);
    fputs("{\"name\": \"process_name\", \"ph\": \"M\", \"pid\": 1, \"args\": {\"name\": \"ember\"}}", fp);
    for (size_t k = 0; k < count; k++) {
        const trace_slice *s = &slices[k];
        if (!s->ran)
            continue;
        fprintf(fp,
                ",\n{\"name\": \"%s %u\", \"cat\": \"%s\", \"ph\": \"X\", \"pid\": 1, \"tid\": %d, "
                "\"ts\": %.3f, \"dur\": %.3f, \"args\": {\"sector\": %u, \"level\": %d, \"phase\": \"%s\", "
                "\"worker\": %d, \"equations\": %llu, \"rows\": %llu, \"after\": [",
                s->phase, s->sector, s->phase, s->worker, s->start_us, s->end_us - s->start_us, s->sector,
                s->level, s->phase, s->worker, (unsigned long long)s->equations, (unsigned long long)s->rows);
        for (size_t a = 0; a < s->nafter; a++)
            fprintf(fp, "%s%u", a ? ", " : "", s->after[a]);
        fputs("]}}", fp);
    }
    fputs("\n]}\n", fp);
    return output_commit(&out, d);
}
