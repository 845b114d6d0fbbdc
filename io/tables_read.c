#include "io/tables_read.h"

#include <stdlib.h>
#include <string.h>
#include "io/text.h"

static char *atom_text(const mnode_t *n)
{
    size_t len;
    const char *s = mnode_unquoted(n, &len);
    char *r = malloc(len + 1);
    memcpy(r, s, len);
    r[len] = '\0';
    return r;
}

static int read_row(const char *path, const mnode_t *node, tables_doc_entry *e, diag_t *d)
{
    if (!node->is_list || node->count != 2 || node->items[0].is_list || !node->items[1].is_list)
        return diag_error(d, path, node->line, "expected {id, {{id, \"coefficient\"}, ...}}");
    e->id = atom_text(&node->items[0]);
    const mnode_t *terms = &node->items[1];
    e->nterms = terms->count;
    e->term_ids = calloc(terms->count + 1, sizeof(char *));
    e->term_values = calloc(terms->count + 1, sizeof(char *));
    for (size_t k = 0; k < terms->count; k++) {
        const mnode_t *t = &terms->items[k];
        if (!t->is_list || t->count != 2 || t->items[0].is_list || t->items[1].is_list)
            return diag_error(d, path, t->line, "expected a term {id, \"coefficient\"}");
        e->term_ids[k] = atom_text(&t->items[0]);
        e->term_values[k] = atom_text(&t->items[1]);
    }
    e->master = e->nterms == 1 && strcmp(e->term_ids[0], e->id) == 0 && strcmp(e->term_values[0], "1") == 0;
    return 0;
}

static int read_dictionary_entry(const char *path, tables_doc *doc, const mnode_t *node, diag_t *d)
{
    if (!node->is_list || node->count != 2 || !node->items[1].is_list || node->items[1].count != 2)
        return diag_error(d, path, node->line, "expected {id, {problem, {indices}}}");
    char *id = atom_text(&node->items[0]);
    tables_doc_entry *e = (tables_doc_entry *)tables_doc_find_id(doc, id);
    free(id);
    if (!e)
        return diag_error(d, path, node->line, "ID without a table entry");
    long pn, v[EMBER_MAX_INDICES];
    size_t n;
    if (mnode_int(&node->items[1].items[0], path, -1000000, 1000000, "problem number", &pn, d) != 0
        || mnode_int_list(&node->items[1].items[1], path, -1, -128, 127, "index", v, EMBER_MAX_INDICES, &n, d) != 0)
        return -1;
    e->problem = (int)pn;
    e->n = (int)n;
    for (size_t i = 0; i < n && i < EMBER_MAX_INDICES; i++)
        e->v[i] = (int8_t)v[i];
    return 0;
}

int tables_read(const char *path, tables_doc *doc, diag_t *d)
{
    memset(doc, 0, sizeof *doc);
    char *text;
    mnode_t root;
    int status = text_read_list(path, "{{entries}, {dictionary}}", &text, &root, d);
    if (status == 0 && (root.count != 2 || !root.items[0].is_list || !root.items[1].is_list))
        status = diag_error(d, path, root.line, "expected {{entries}, {dictionary}}");
    if (status == 0) {
        doc->entries = calloc(root.items[0].count + 1, sizeof(tables_doc_entry));
        for (size_t k = 0; k < root.items[0].count && status == 0; k++)
            status = read_row(path, &root.items[0].items[k], &doc->entries[doc->count++], d);
        for (size_t k = 0; k < root.items[1].count && status == 0; k++)
            status = read_dictionary_entry(path, doc, &root.items[1].items[k], d);
    }
    mnode_free(&root);
    free(text);
    if (status != 0)
        tables_doc_clear(doc);
    return status;
}

void tables_doc_clear(tables_doc *doc)
{
    for (size_t k = 0; k < doc->count; k++) {
        tables_doc_entry *e = &doc->entries[k];
        free(e->id);
        for (size_t j = 0; j < e->nterms; j++) {
            free(e->term_ids[j]);
            free(e->term_values[j]);
        }
        free(e->term_ids);
        free(e->term_values);
    }
    free(doc->entries);
    memset(doc, 0, sizeof *doc);
}

const tables_doc_entry *tables_doc_find_id(const tables_doc *doc, const char *id)
{
    for (size_t k = 0; k < doc->count; k++)
        if (doc->entries[k].id && strcmp(doc->entries[k].id, id) == 0)
            return &doc->entries[k];
    return NULL;
}

const tables_doc_entry *tables_doc_find_vec(const tables_doc *doc, const int8_t *v, int n)
{
    for (size_t k = 0; k < doc->count; k++)
        if (doc->entries[k].n == n && memcmp(doc->entries[k].v, v, (size_t)n) == 0)
            return &doc->entries[k];
    return NULL;
}
