/* Reading text files and the nested Mathematica lists FIRE's files are made of. */
#ifndef EMBER_TEXT_H
#define EMBER_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "io/diag.h"

/* Loads a whole file (NUL-terminated). Returns NULL with an error in d. */
char *text_load(const char *path, size_t *len, diag_t *d);

/* A node of a Mathematica expression: a list {a, b, ...} or an atom (any other text up to
 * the next top-level ',' or closing bracket, brackets inside it balanced). */
typedef struct mnode {
    bool is_list;
    const char *text;       /* the atom's text, trimmed */
    size_t len;
    int line;               /* line where the node starts */
    struct mnode *items;
    size_t count;
} mnode_t;

typedef struct {
    const char *file;       /* for messages */
    const char *s;
    size_t pos, len;
    int line;
} mreader_t;

void mreader_init(mreader_t *r, const char *file, const char *s, size_t len, int line);
/* Parses one node at the reader's position. Returns 0, or -1 with an error in d. */
int mreader_node(mreader_t *r, mnode_t *out, diag_t *d);
/* Skips white space; returns the next character or -1 at the end. */
int mreader_peek(mreader_t *r);
void mnode_free(mnode_t *n);
/* An atom's text without its surrounding quotes, if any; its length in *len. */
const char *mnode_unquoted(const mnode_t *n, size_t *len);

/* Reads a file that holds exactly one list, described by `what` for messages. The atoms point
 * into *text, which the caller frees after mnode_free. Returns 0, or -1 with an error in d. */
int text_read_list(const char *path, const char *what, char **text, mnode_t *list, diag_t *d);

/* An atom holding a machine integer in [lo, hi]; -1 with an error naming `what` otherwise. */
int mnode_int(const mnode_t *n, const char *file, long lo, long hi, const char *what, long *out, diag_t *d);
/* A list of `count` integers in [lo, hi] (count < 0: any length). */
int mnode_int_list(const mnode_t *n, const char *file, long count, long lo, long hi, const char *what,
                   long *out, size_t cap, size_t *got, diag_t *d);

#endif
