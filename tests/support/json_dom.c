#include "tests/support/json_dom.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *s;
    size_t pos;
} cursor;

static void space(cursor *c)
{
    while (c->s[c->pos] && isspace((unsigned char)c->s[c->pos]))
        c->pos++;
}

static int value(cursor *c, json_value *v);

static int string(cursor *c, char **out)
{
    if (c->s[c->pos] != '"')
        return -1;
    size_t start = ++c->pos;
    while (c->s[c->pos] && c->s[c->pos] != '"') {
        if (c->s[c->pos] == '\\' && c->s[c->pos + 1])
            c->pos++;
        if ((unsigned char)c->s[c->pos] < 0x20)
            return -1;
        c->pos++;
    }
    if (c->s[c->pos] != '"')
        return -1;
    *out = strndup(c->s + start, c->pos - start);
    c->pos++;
    return 0;
}

static int sequence(cursor *c, json_value *v, bool object)
{
    char close = object ? '}' : ']';
    c->pos++;
    space(c);
    size_t cap = 0;
    if (c->s[c->pos] == close) {
        c->pos++;
        return 0;
    }
    for (;;) {
        if (v->count == cap) {
            cap = cap ? 2 * cap : 8;
            v->items = realloc(v->items, cap * sizeof(json_value));
            if (object)
                v->names = realloc(v->names, cap * sizeof(char *));
        }
        memset(&v->items[v->count], 0, sizeof(json_value));
        if (object) {
            space(c);
            if (string(c, &v->names[v->count]) != 0)
                return -1;
            space(c);
            if (c->s[c->pos++] != ':') {
                free(v->names[v->count]);
                return -1;
            }
        }
        int bad = value(c, &v->items[v->count]);
        v->count++;
        if (bad)
            return -1;
        space(c);
        if (c->s[c->pos] == ',') {
            c->pos++;
            continue;
        }
        if (c->s[c->pos] == close) {
            c->pos++;
            return 0;
        }
        return -1;
    }
}

static int value(cursor *c, json_value *v)
{
    space(c);
    char ch = c->s[c->pos];
    if (ch == '{' || ch == '[') {
        v->kind = ch == '{' ? JSON_OBJECT : JSON_ARRAY;
        return sequence(c, v, ch == '{');
    }
    if (ch == '"') {
        v->kind = JSON_STRING;
        return string(c, &v->string);
    }
    const char *words[] = { "true", "false", "null" };
    for (int k = 0; k < 3; k++) {
        size_t n = strlen(words[k]);
        if (strncmp(c->s + c->pos, words[k], n) == 0) {
            v->kind = k == 2 ? JSON_NULL : JSON_BOOL;
            v->boolean = k == 0;
            c->pos += n;
            return 0;
        }
    }
    char *end;
    v->kind = JSON_NUMBER;
    v->number = strtod(c->s + c->pos, &end);
    if (end == c->s + c->pos || !(ch == '-' || isdigit((unsigned char)ch)))
        return -1;
    c->pos = (size_t)(end - c->s);
    return 0;
}

int json_parse(const char *text, json_value *out, size_t *where)
{
    memset(out, 0, sizeof *out);
    cursor c = { text, 0 };
    int status = value(&c, out);
    space(&c);
    if (status == 0 && text[c.pos] != '\0')
        status = -1;
    if (status != 0) {
        *where = c.pos;
        json_free(out);
    }
    return status;
}

void json_free(json_value *v)
{
    for (size_t k = 0; k < v->count; k++) {
        json_free(&v->items[k]);
        if (v->names)
            free(v->names[k]);
    }
    free(v->items);
    free(v->names);
    free(v->string);
    memset(v, 0, sizeof *v);
}

const json_value *json_get(const json_value *object, const char *name)
{
    if (object->kind != JSON_OBJECT)
        return NULL;
    for (size_t k = 0; k < object->count; k++)
        if (strcmp(object->names[k], name) == 0)
            return &object->items[k];
    return NULL;
}
