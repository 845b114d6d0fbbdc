#include "io/targets.h"

#include <stdlib.h>
#include <string.h>
#include "io/text.h"

int targets_read(const char *path, int pn, int n, target_list *out, diag_t *d)
{
    memset(out, 0, sizeof *out);
    char *text;
    mnode_t list;
    int status = text_read_list(path, "{{problem, {indices}}, ...}", &text, &list, d);
    if (status == 0) {
        out->v = calloc(list.count + 1, sizeof(point_vec));
        out->line = calloc(list.count + 1, sizeof(int));
    }
    for (size_t k = 0; status == 0 && k < list.count; k++) {
        const mnode_t *e = &list.items[k];
        if (!e->is_list || e->count != 2) {
            status = diag_error(d, path, e->line, "expected an entry {problem, {indices}}");
            break;
        }
        long number;
        if (mnode_int(&e->items[0], path, -1000000, 1000000, "problem number", &number, d) != 0) {
            status = -1;
            break;
        }
        if (number != pn) {
            status = diag_error(d, path, e->line, "problem number %ld, but the config's #problem is %d", number, pn);
            break;
        }
        const mnode_t *idx = &e->items[1];
        if (!idx->is_list || idx->count != (size_t)n) {
            status = diag_error(d, path, idx->line, "integral with %zu indices, expected %d",
                                idx->is_list ? idx->count : 0, n);
            break;
        }
        long v[EMBER_MAX_INDICES];
        if (mnode_int_list(idx, path, n, -100, 100, "index", v, EMBER_MAX_INDICES, NULL, d) != 0) {
            status = -1;
            break;
        }
        for (int i = 0; i < n; i++)
            out->v[out->count][i] = (int8_t)v[i];
        out->line[out->count++] = e->line;
    }
    mnode_free(&list);
    free(text);
    if (status != 0)
        targets_clear(out);
    return status;
}

void targets_clear(target_list *t)
{
    free(t->v);
    free(t->line);
    memset(t, 0, sizeof *t);
}
