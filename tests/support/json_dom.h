/* Test support: a small JSON reader (RFC 8259 values into a tree), enough to check the
 * structure of ember's trace and record files. */
#ifndef EMBER_TEST_JSON_DOM_H
#define EMBER_TEST_JSON_DOM_H

#include <stdbool.h>
#include <stddef.h>

typedef enum { JSON_NULL, JSON_BOOL, JSON_NUMBER, JSON_STRING, JSON_ARRAY, JSON_OBJECT } json_kind;

typedef struct json_value {
    json_kind kind;
    double number;
    bool boolean;
    char *string;                /* JSON_STRING; member names of an object's items too */
    struct json_value *items;    /* JSON_ARRAY elements or JSON_OBJECT members */
    char **names;                /* JSON_OBJECT member names */
    size_t count;
} json_value;

/* Parses a whole text; returns 0, or -1 with the byte offset of the error in *where. */
int json_parse(const char *text, json_value *out, size_t *where);
void json_free(json_value *v);
/* The member called name of an object, or NULL. */
const json_value *json_get(const json_value *object, const char *name);

#endif
