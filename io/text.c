#include "io/text.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *text_load(const char *path, size_t *len, diag_t *d)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        diag_error(d, path, 0, "cannot open: %s", strerror(errno));
        return NULL;
    }
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    size_t got;
    while ((got = fread(buf + n, 1, cap - n - 1, fp)) > 0) {
        n += got;
        if (n + 1 == cap) {
            cap *= 2;
            buf = realloc(buf, cap);
        }
    }
    bool failed = ferror(fp);
    fclose(fp);
    if (failed) {
        free(buf);
        diag_error(d, path, 0, "read error");
        return NULL;
    }
    buf[n] = '\0';
    if (memchr(buf, '\0', n)) {
        free(buf);
        diag_error(d, path, 0, "binary data where text was expected");
        return NULL;
    }
    *len = n;
    return buf;
}

void mreader_init(mreader_t *r, const char *file, const char *s, size_t len, int line)
{
    r->file = file;
    r->s = s;
    r->pos = 0;
    r->len = len;
    r->line = line;
}

static void advance(mreader_t *r)
{
    if (r->s[r->pos] == '\n')
        r->line++;
    r->pos++;
}

int mreader_peek(mreader_t *r)
{
    while (r->pos < r->len && isspace((unsigned char)r->s[r->pos]))
        advance(r);
    return r->pos < r->len ? (unsigned char)r->s[r->pos] : -1;
}

void mnode_free(mnode_t *n)
{
    for (size_t i = 0; i < n->count; i++)
        mnode_free(&n->items[i]);
    free(n->items);
    n->items = NULL;
    n->count = 0;
}

static int read_atom(mreader_t *r, mnode_t *out, diag_t *d)
{
    size_t start = r->pos;
    int depth = 0;
    bool in_string = false;
    while (r->pos < r->len) {
        char c = r->s[r->pos];
        if (in_string) {
            if (c == '"')
                in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '(' || c == '[') {
            depth++;
        } else if (c == ')' || c == ']') {
            if (depth == 0)
                break;
            depth--;
        } else if ((c == ',' || c == '}' || c == '{') && depth == 0) {
            break;
        }
        advance(r);
    }
    if (in_string || depth != 0)
        return diag_error(d, r->file, out->line, "unbalanced %s", in_string ? "string quote" : "bracket");
    size_t end = r->pos;
    while (end > start && isspace((unsigned char)r->s[end - 1]))
        end--;
    if (end == start)
        return diag_error(d, r->file, r->line, "expected a value, found '%c'",
                          r->pos < r->len ? r->s[r->pos] : '?');
    out->text = r->s + start;
    out->len = end - start;
    return 0;
}

int mreader_node(mreader_t *r, mnode_t *out, diag_t *d)
{
    memset(out, 0, sizeof *out);
    int c = mreader_peek(r);
    out->line = r->line;
    if (c < 0)
        return diag_error(d, r->file, r->line, "unexpected end of input, expected a value");
    if (c != '{')
        return read_atom(r, out, d);
    out->is_list = true;
    advance(r);
    size_t cap = 0;
    if (mreader_peek(r) == '}') {
        advance(r);
        return 0;
    }
    for (;;) {
        if (out->count == cap) {
            cap = cap ? 2 * cap : 4;
            out->items = realloc(out->items, cap * sizeof(mnode_t));
        }
        if (mreader_node(r, &out->items[out->count], d) != 0) {
            mnode_free(out);
            return -1;
        }
        out->count++;
        c = mreader_peek(r);
        if (c == ',') {
            advance(r);
            continue;
        }
        if (c == '}') {
            advance(r);
            return 0;
        }
        int line = c < 0 ? out->line : r->line;
        if (c < 0) {
            mnode_free(out);
            return diag_error(d, r->file, line, "list opened here is not closed: expected '}'");
        }
        mnode_free(out);
        return diag_error(d, r->file, line, "expected ',' or '}' in a list");
    }
}

int mnode_int(const mnode_t *n, const char *file, long lo, long hi, const char *what, long *out, diag_t *d)
{
    if (n->is_list)
        return diag_error(d, file, n->line, "expected an integer for %s, found a list", what);
    char buf[64];
    size_t k = 0;
    for (size_t i = 0; i < n->len && k + 1 < sizeof buf; i++)
        if (!isspace((unsigned char)n->text[i]))
            buf[k++] = n->text[i];
    buf[k] = '\0';
    char *end;
    errno = 0;
    long v = strtol(buf, &end, 10);
    if (k == 0 || *end != '\0' || errno != 0)
        return diag_error(d, file, n->line, "expected an integer for %s, found '%.*s'", what,
                          (int)(n->len < 40 ? n->len : 40), n->text);
    if (v < lo || v > hi)
        return diag_error(d, file, n->line, "%s %ld out of range [%ld, %ld]", what, v, lo, hi);
    *out = v;
    return 0;
}

int mnode_int_list(const mnode_t *n, const char *file, long count, long lo, long hi, const char *what,
                   long *out, size_t cap, size_t *got, diag_t *d)
{
    if (!n->is_list)
        return diag_error(d, file, n->line, "expected a list for %s", what);
    if (count >= 0 && n->count != (size_t)count)
        return diag_error(d, file, n->line, "%s has %zu entries, expected %ld", what, n->count, count);
    if (n->count > cap)
        return diag_error(d, file, n->line, "%s has %zu entries, at most %zu are supported", what, n->count, cap);
    for (size_t i = 0; i < n->count; i++)
        if (mnode_int(&n->items[i], file, lo, hi, what, &out[i], d) != 0)
            return -1;
    if (got)
        *got = n->count;
    return 0;
}

int text_read_list(const char *path, const char *what, char **text, mnode_t *list, diag_t *d)
{
    memset(list, 0, sizeof *list);
    size_t len;
    *text = text_load(path, &len, d);
    if (!*text)
        return -1;
    mreader_t r;
    mreader_init(&r, path, *text, len, 1);
    int status = mreader_node(&r, list, d);
    if (status == 0 && !list->is_list)
        status = diag_error(d, path, list->line, "expected a list %s", what);
    if (status == 0 && mreader_peek(&r) >= 0)
        status = diag_error(d, path, r.line, "unexpected text after the list");
    if (status != 0) {
        mnode_free(list);
        free(*text);
        *text = NULL;
    }
    return status;
}

const char *mnode_unquoted(const mnode_t *n, size_t *len)
{
    *len = n->len;
    if (n->len >= 2 && n->text[0] == '"' && n->text[n->len - 1] == '"') {
        *len = n->len - 2;
        return n->text + 1;
    }
    return n->text;
}
