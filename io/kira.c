#include "io/kira.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

typedef struct {
    const char *path;
    yaml_document_t doc;
    diag_t *d;
} yfile;

static int yload(yfile *f, const char *path, diag_t *d)
{
    f->path = path;
    f->d = d;
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return diag_error(d, path, 0, "cannot open: no such file (a Kira family needs config/integralfamilies.yaml "
                                      "and config/kinematics.yaml)");
    yaml_parser_t parser;
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_file(&parser, fp);
    int ok = yaml_parser_load(&parser, &f->doc);
    int status = 0;
    if (!ok)
        status = diag_error(d, path, (int)parser.problem_mark.line + 1, "malformed YAML: %s",
                            parser.problem ? parser.problem : "?");
    else if (!yaml_document_get_root_node(&f->doc))
        status = diag_error(d, path, 0, "empty YAML document");
    if (!ok || status != 0) {
        if (ok)
            yaml_document_delete(&f->doc);
        memset(&f->doc, 0, sizeof f->doc);
    }
    yaml_parser_delete(&parser);
    fclose(fp);
    return status;
}

static int line_of(const yaml_node_t *n)
{
    return (int)n->start_mark.line + 1;
}

static const char *scalar(const yaml_node_t *n)
{
    return n && n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

/* The value of key in a mapping node, or NULL. */
static yaml_node_t *get(yfile *f, const yaml_node_t *map, const char *key)
{
    if (!map || map->type != YAML_MAPPING_NODE)
        return NULL;
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
        const char *k = scalar(yaml_document_get_node(&f->doc, p->key));
        if (k && strcmp(k, key) == 0)
            return yaml_document_get_node(&f->doc, p->value);
    }
    return NULL;
}

static size_t seq_len(const yaml_node_t *n)
{
    return n && n->type == YAML_SEQUENCE_NODE ? (size_t)(n->data.sequence.items.top - n->data.sequence.items.start) : 0;
}

static yaml_node_t *seq_at(yfile *f, const yaml_node_t *n, size_t k)
{
    return yaml_document_get_node(&f->doc, n->data.sequence.items.start[k]);
}

static yaml_node_t *need_seq(yfile *f, const yaml_node_t *parent, const char *key, bool required)
{
    yaml_node_t *n = get(f, parent, key);
    if (!n) {
        if (required)
            diag_error(f->d, f->path, line_of(parent), "missing key '%s'", key);
        return NULL;
    }
    if (n->type != YAML_SEQUENCE_NODE) {
        diag_error(f->d, f->path, line_of(n), "key '%s': expected a list", key);
        return NULL;
    }
    return n;
}

/* ---- momenta and expressions ---------------------------------------------------------------- */

typedef struct {
    char **names;                /* loop momenta, then independent externals, then the dependent one */
    int count;
    int nloops, nexternal;
    fmpq *dependent;             /* the eliminated momentum as a combination of the others, or NULL */
} momenta_t;

/* Parses "k1 + 2*p1 - p3/2" into coefficients over the momenta (the dependent one expanded). */
static int parse_momentum(yfile *f, int line, const char *text, const momenta_t *mom, fmpq *out, const char *what)
{
    int width = mom->nloops + mom->nexternal;
    for (int k = 0; k < width; k++)
        fmpq_zero(&out[k]);
    const char *s = text;
    fmpq_t c;
    fmpq_init(c);
    int status = 0;
    while (*s && status == 0) {
        while (isspace((unsigned char)*s))
            s++;
        int sign = 1;
        while (*s == '+' || *s == '-' || isspace((unsigned char)*s)) {
            if (*s == '-')
                sign = -sign;
            s++;
        }
        long num = 1, den = 1;
        if (isdigit((unsigned char)*s)) {
            num = strtol(s, (char **)&s, 10);
            while (isspace((unsigned char)*s))
                s++;
            if (*s == '*')
                s++;
            while (isspace((unsigned char)*s))
                s++;
        }
        const char *start = s;
        while (isalnum((unsigned char)*s) || *s == '_')
            s++;
        if (s == start) {
            status = diag_error(f->d, f->path, line, "%s '%s': expected a linear combination of momenta", what, text);
            break;
        }
        while (isspace((unsigned char)*s))
            s++;
        if (*s == '/') {
            den = strtol(s + 1, (char **)&s, 10);
            if (den == 0) {
                status = diag_error(f->d, f->path, line, "%s '%s': division by zero", what, text);
                break;
            }
        }
        int which = -1;
        size_t nl = 0;
        while (isalnum((unsigned char)start[nl]) || start[nl] == '_')
            nl++;
        for (int k = 0; k < mom->count; k++)
            if (strlen(mom->names[k]) == nl && strncmp(mom->names[k], start, nl) == 0)
                which = k;
        if (which < 0) {
            status = diag_error(f->d, f->path, line, "%s '%s': unknown momentum '%.*s'", what, text, (int)nl, start);
            break;
        }
        fmpq_set_si(c, sign * num, (ulong)den);
        if (which < width) {
            fmpq_add(&out[which], &out[which], c);
        } else {                                  /* the eliminated momentum */
            for (int k = 0; k < width; k++) {
                fmpq_t t;
                fmpq_init(t);
                fmpq_mul(t, c, &mom->dependent[k]);
                fmpq_add(&out[k], &out[k], t);
                fmpq_clear(t);
            }
        }
        while (isspace((unsigned char)*s))
            s++;
        if (*s && *s != '+' && *s != '-') {
            status = diag_error(f->d, f->path, line, "%s '%s': expected a linear combination of momenta (a propagator "
                                "is [momentum, mass squared], quadratic in the momentum)", what, text);
        }
    }
    fmpq_clear(c);
    return status;
}

static int parse_poly(yfile *f, const yaml_node_t *n, const kira_family *kf, fmpq_mpoly_t out, const char *what)
{
    const char *text = scalar(n);
    if (!text)
        return diag_error(f->d, f->path, line_of(n), "%s: expected an expression", what);
    if (fmpq_mpoly_set_str_pretty(out, text, (const char **)kf->symbols, kf->def.ctx) != 0)
        return diag_error(f->d, f->path, line_of(n), "%s '%s': unknown symbol (declare it in kinematic_invariants)",
                          what, text);
    if (kf->one) {                                /* the symbol Kira sets to one */
        fmpq_t one;
        fmpq_init(one);
        fmpq_one(one);
        for (int v = 0; v < kf->nsymbols; v++)
            if (strcmp(kf->symbols[v], kf->one) == 0)
                fmpq_mpoly_evaluate_one_fmpq(out, out, v, one, kf->def.ctx);
        fmpq_clear(one);
    }
    return 0;
}

static char **names_of(yfile *f, const yaml_node_t *seq, int *count, const char *what)
{
    size_t n = seq_len(seq);
    char **names = calloc(n + 1, sizeof(char *));
    for (size_t k = 0; k < n; k++) {
        const char *s = scalar(seq_at(f, seq, k));
        if (!s) {
            diag_error(f->d, f->path, line_of(seq_at(f, seq, k)), "%s: expected a name", what);
            for (size_t j = 0; j < k; j++)
                free(names[j]);
            free(names);
            return NULL;
        }
        names[k] = strdup(s);
    }
    *count = (int)n;
    return names;
}

/* ---- the two files ----------------------------------------------------------------------------- */

typedef struct {
    yfile kin, fam;
    yaml_node_t *kinematics, *family;
    momenta_t mom;
    char **externals;            /* all external momenta as declared */
    int nexternals_all;
} reader_t;

static int read_invariants(reader_t *r, kira_family *kf, diag_t *d)
{
    yaml_node_t *inv = need_seq(&r->kin, r->kinematics, "kinematic_invariants", false);
    if (!inv && d->message[0])
        return -1;
    size_t n = seq_len(inv);
    kf->symbols = calloc(n + 2, sizeof(char *));
    kf->symbols[kf->nsymbols++] = strdup("d");
    for (size_t k = 0; k < n; k++) {
        yaml_node_t *e = seq_at(&r->kin, inv, k);
        const char *name = e->type == YAML_SEQUENCE_NODE && seq_len(e) >= 1 ? scalar(seq_at(&r->kin, e, 0)) : scalar(e);
        if (!name)
            return diag_error(d, r->kin.path, line_of(e), "kinematic_invariants: expected [name, mass dimension]");
        kf->symbols[kf->nsymbols++] = strdup(name);
    }
    const char *one = scalar(get(&r->kin, r->kinematics, "symbol_to_replace_by_one"));
    kf->one = one ? strdup(one) : NULL;
    return 0;
}

static int read_momenta(reader_t *r, kira_family *kf, diag_t *d)
{
    (void)kf;
    int nin = 0, nout = 0, nloops = 0;
    yaml_node_t *in = need_seq(&r->kin, r->kinematics, "incoming_momenta", true);
    if (!in)
        return -1;
    char **incoming = names_of(&r->kin, in, &nin, "incoming_momenta");
    yaml_node_t *outn = need_seq(&r->kin, r->kinematics, "outgoing_momenta", false);
    char **outgoing = outn ? names_of(&r->kin, outn, &nout, "outgoing_momenta") : calloc(1, sizeof(char *));
    yaml_node_t *loops = need_seq(&r->fam, r->family, "loop_momenta", true);
    if (!incoming || !outgoing || !loops) {
        free(incoming);
        free(outgoing);
        return -1;
    }
    char **loop = names_of(&r->fam, loops, &nloops, "loop_momenta");
    if (!loop)
        return -1;
    /* momentum_conservation: [p, expression]: p is eliminated */
    const char *dependent = NULL;
    yaml_node_t *cons = get(&r->kin, r->kinematics, "momentum_conservation");
    yaml_node_t *cons_expr = NULL;
    if (cons) {
        if (cons->type != YAML_SEQUENCE_NODE || seq_len(cons) != 2 || !scalar(seq_at(&r->kin, cons, 0)))
            return diag_error(d, r->kin.path, line_of(cons), "momentum_conservation: expected [momentum, expression]");
        dependent = scalar(seq_at(&r->kin, cons, 0));
        cons_expr = seq_at(&r->kin, cons, 1);
    }
    momenta_t *m = &r->mom;
    m->names = calloc((size_t)(nloops + nin + nout) + 1, sizeof(char *));
    for (int k = 0; k < nloops; k++)
        m->names[m->count++] = loop[k];
    m->nloops = nloops;
    for (int k = 0; k < nin + nout; k++) {
        char *name = k < nin ? incoming[k] : outgoing[k - nin];
        if (!dependent || strcmp(name, dependent) != 0)
            m->names[m->count++] = name;
    }
    m->nexternal = m->count - nloops;
    if (dependent) {
        bool found = false;
        for (int k = 0; k < nin + nout; k++) {
            char *name = k < nin ? incoming[k] : outgoing[k - nin];
            if (strcmp(name, dependent) == 0) {
                m->names[m->count++] = name;
                found = true;
            }
        }
        if (!found)
            return diag_error(d, r->kin.path, line_of(cons), "momentum_conservation: '%s' is not an external momentum",
                              dependent);
        m->dependent = malloc((size_t)(nloops + m->nexternal) * sizeof(fmpq));
        for (int k = 0; k < nloops + m->nexternal; k++)
            fmpq_init(&m->dependent[k]);
        int width = m->count;
        m->count--;                               /* the expression may not use the dependent momentum */
        int status = parse_momentum(&r->kin, line_of(cons_expr), scalar(cons_expr) ? scalar(cons_expr) : "",
                                    m, m->dependent, "momentum_conservation");
        m->count = width;
        if (status != 0)
            return -1;
    }
    free(loop);
    free(incoming);
    free(outgoing);
    return 0;
}

/* The external momenta as declared, the eliminated one through momentum conservation: the
 * candidates for relabelling the legs (kernels/sector_maps). */
static void set_legs(const momenta_t *mom, family_def *fd)
{
    int L = mom->nloops, E = mom->nexternal, nlegs = mom->count - L;
    family_def_set_legs(fd, nlegs);
    for (int e = 0; e < E; e++)
        fmpq_one(family_def_leg(fd, e, e));
    if (mom->dependent)
        for (int e = 0; e < E; e++)
            fmpq_set(family_def_leg(fd, E, e), &mom->dependent[L + e]);
}

static int read_scalar_products(reader_t *r, kira_family *kf, diag_t *d)
{
    int E = r->mom.nexternal, L = r->mom.nloops;
    bool *set = calloc((size_t)(E * E) + 1, sizeof(bool));
    yaml_node_t *rules = need_seq(&r->kin, r->kinematics, "scalarproduct_rules", E > 0);
    int status = (!rules && E > 0) ? -1 : 0;
    for (size_t k = 0; k < seq_len(rules) && status == 0; k++) {
        yaml_node_t *e = seq_at(&r->kin, rules, k);
        yaml_node_t *pair = e->type == YAML_SEQUENCE_NODE && seq_len(e) == 2 ? seq_at(&r->kin, e, 0) : NULL;
        if (!pair || pair->type != YAML_SEQUENCE_NODE || seq_len(pair) != 2) {
            status = diag_error(d, r->kin.path, line_of(e), "scalarproduct_rules: expected [[p_i, p_j], expression]");
            break;
        }
        int idx[2];
        for (int q = 0; q < 2 && status == 0; q++) {
            const char *name = scalar(seq_at(&r->kin, pair, (size_t)q));
            idx[q] = -1;
            for (int x = 0; name && x < E; x++)
                if (strcmp(r->mom.names[L + x], name) == 0)
                    idx[q] = x;
            if (idx[q] < 0)
                status = diag_error(d, r->kin.path, line_of(pair), "scalarproduct_rules: '%s' is not an independent "
                                    "external momentum", name ? name : "?");
        }
        if (status != 0)
            break;
        fmpq_mpoly_struct *p = &kf->def.external[idx[0] * E + idx[1]];
        status = parse_poly(&r->kin, seq_at(&r->kin, e, 1), kf, p, "scalar product");
        fmpq_mpoly_set(&kf->def.external[idx[1] * E + idx[0]], p, kf->def.ctx);
        set[idx[0] * E + idx[1]] = set[idx[1] * E + idx[0]] = true;
    }
    for (int a = 0; a < E && status == 0; a++)
        for (int b = a; b < E && status == 0; b++)
            if (!set[a * E + b])
                status = diag_error(d, r->kin.path, rules ? line_of(rules) : 0,
                                    "scalarproduct_rules: no rule for [%s, %s]", r->mom.names[L + a], r->mom.names[L + b]);
    free(set);
    return status;
}

static int read_propagators(reader_t *r, kira_family *kf, yaml_node_t *props, diag_t *d)
{
    for (size_t a = 0; a < seq_len(props); a++) {
        yaml_node_t *e = seq_at(&r->fam, props, a);
        if (e->type != YAML_SEQUENCE_NODE || seq_len(e) != 2 || !scalar(seq_at(&r->fam, e, 0)))
            return diag_error(d, r->fam.path, line_of(e), "propagators: entry %zu: expected [momentum, mass squared] "
                              "(quadratic propagators only)", a + 1);
        yaml_node_t *q = seq_at(&r->fam, e, 0);
        char what[48];
        snprintf(what, sizeof what, "propagator %zu", a + 1);
        if (parse_momentum(&r->fam, line_of(q), scalar(q), &r->mom, family_def_momentum(&kf->def, (int)a, 0), what) != 0
            || parse_poly(&r->fam, seq_at(&r->fam, e, 1), kf, &kf->def.mass2[a], what) != 0)
            return -1;
        bool has_loop = false;
        for (int i = 0; i < r->mom.nloops; i++)
            has_loop |= !fmpq_is_zero(family_def_momentum(&kf->def, (int)a, i));
        if (!has_loop)
            return diag_error(d, r->fam.path, line_of(q), "%s '%s': no loop momentum in it", what, scalar(q));
    }
    return 0;
}

/* top_level_sectors: Kira's sector numbers, bit i-1 set when propagator i is positive; kept as
 * ember's masks (bit n-1-i). Without the key every sector may hold targets. */
static int read_top_sectors(reader_t *r, kira_family *kf, diag_t *d)
{
    yaml_node_t *list = need_seq(&r->fam, r->family, "top_level_sectors", false);
    if (!list)
        return get(&r->fam, r->family, "top_level_sectors") ? -1 : 0;
    int n = kf->def.nprops;
    kf->top_masks = calloc(seq_len(list) + 1, sizeof(unsigned));
    for (size_t k = 0; k < seq_len(list); k++) {
        yaml_node_t *item = seq_at(&r->fam, list, k);
        const char *text = scalar(item);
        char *end = NULL;
        long id = text ? strtol(text, &end, 10) : 0;
        if (!text || *end != '\0' || id < 1 || id >= (1L << n))
            return diag_error(d, r->fam.path, line_of(item),
                              "top_level_sectors: expected a sector number from 1 to %ld (bit i-1 for propagator i), "
                              "found '%s'", (1L << n) - 1, text ? text : "(not a number)");
        unsigned mask = 0;
        for (int i = 0; i < n; i++)
            if (id >> i & 1L)
                mask |= 1u << (n - 1 - i);
        kf->top_masks[kf->ntop++] = mask;
    }
    return 0;
}

bool kira_in_top_sectors(const kira_family *kf, unsigned mask)
{
    for (int k = 0; k < kf->ntop; k++)
        if ((mask & ~kf->top_masks[k]) == 0)
            return true;
    return kf->ntop == 0;
}

int kira_read(const char *dir, kira_family *out, diag_t *d)
{
    memset(out, 0, sizeof *out);
    memset(d->message, 0, sizeof d->message);
    char kin_path[4200], fam_path[4200];
    snprintf(kin_path, sizeof kin_path, "%s/config/kinematics.yaml", dir);
    snprintf(fam_path, sizeof fam_path, "%s/config/integralfamilies.yaml", dir);
    reader_t r;
    memset(&r, 0, sizeof r);
    if (yload(&r.kin, kin_path, d) != 0)
        return -1;
    int status = yload(&r.fam, fam_path, d);
    if (status == 0) {
        r.kinematics = get(&r.kin, yaml_document_get_root_node(&r.kin.doc), "kinematics");
        yaml_node_t *families = need_seq(&r.fam, yaml_document_get_root_node(&r.fam.doc), "integralfamilies", true);
        if (!r.kinematics)
            status = diag_error(d, kin_path, 1, "missing key 'kinematics'");
        else if (!families)
            status = -1;
        else if (seq_len(families) == 0)
            status = diag_error(d, fam_path, line_of(families), "integralfamilies: no family");
        else
            r.family = seq_at(&r.fam, families, 0);
    }
    if (status == 0) {
        const char *name = scalar(get(&r.fam, r.family, "name"));
        out->name = strdup(name ? name : "family");
        status = read_invariants(&r, out, d);
    }
    if (status == 0)
        status = read_momenta(&r, out, d);
    yaml_node_t *props = status == 0 ? need_seq(&r.fam, r.family, "propagators", true) : NULL;
    if (status == 0 && !props)
        status = -1;
    if (status == 0) {
        family_def_init(&out->def, r.mom.nloops, r.mom.nexternal, (int)seq_len(props), (const char **)out->symbols,
                        out->nsymbols);
        status = read_scalar_products(&r, out, d);
    }
    if (status == 0)
        status = read_propagators(&r, out, props, d);
    if (status == 0)
        status = read_top_sectors(&r, out, d);
    if (status == 0)
        set_legs(&r.mom, &out->def);
    for (int k = 0; k < r.mom.count; k++)
        free(r.mom.names[k]);
    free(r.mom.names);
    if (r.mom.dependent) {
        for (int k = 0; k < r.mom.nloops + r.mom.nexternal; k++)
            fmpq_clear(&r.mom.dependent[k]);
        free(r.mom.dependent);
    }
    if (r.kin.doc.nodes.start)
        yaml_document_delete(&r.kin.doc);
    if (r.fam.doc.nodes.start)
        yaml_document_delete(&r.fam.doc);
    if (status != 0)
        kira_clear(out);
    return status;
}

void kira_clear(kira_family *k)
{
    if (k->def.momenta)
        family_def_clear(&k->def);
    for (int s = 0; s < k->nsymbols; s++)
        free(k->symbols[s]);
    free(k->symbols);
    free(k->name);
    free(k->top_masks);
    free(k->one);
    memset(k, 0, sizeof *k);
}
