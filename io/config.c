#include "io/config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "io/text.h"

static char *dup_range(const char *s, size_t n)
{
    char *r = malloc(n + 1);
    memcpy(r, s, n);
    r[n] = '\0';
    return r;
}

static char *trim(char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    size_t n = strlen(s);
    while (n > 0 && isspace((unsigned char)s[n - 1]))
        s[--n] = '\0';
    return s;
}

static bool parse_int(const char *s, long lo, long hi, long *out)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (end == s || *trim(end) != '\0' || v < lo || v > hi)
        return false;
    *out = v;
    return true;
}

/* name or name->value, for #variables and --variables */
static int add_variable(config_t *cfg, const char *item, int line, const char *file, diag_t *d)
{
    char *copy = strdup(item);
    char *text = trim(copy);
    char *arrow = strstr(text, "->");
    char *value = NULL;
    if (arrow) {
        *arrow = '\0';
        value = trim(arrow + 2);
    }
    char *name = trim(text);
    int status = 0;
    bool name_ok = isalpha((unsigned char)name[0]) != 0;
    for (const char *c = name; *c && name_ok; c++)
        name_ok = isalnum((unsigned char)*c) != 0;
    if (!name_ok) {
        status = diag_error(d, file, line, "expected a variable name in '%s'", item);
    } else if (value && (*value == '\0')) {
        status = diag_error(d, file, line, "variable '%s' has '->' but no value", name);
    } else {
        int k = 0;
        while (k < cfg->nvariables && strcmp(cfg->variables[k].name, name) != 0)
            k++;
        if (k == cfg->nvariables) {
            cfg->variables = realloc(cfg->variables, (size_t)(k + 1) * sizeof(config_variable));
            cfg->variables[k].name = strdup(name);
            cfg->variables[k].value = NULL;
            cfg->nvariables++;
        }
        if (value) {
            free(cfg->variables[k].value);
            cfg->variables[k].value = strdup(value);
        }
        cfg->variables[k].line = line;
    }
    free(copy);
    return status;
}

static int parse_variables(config_t *cfg, const char *spec, int line, const char *file, diag_t *d)
{
    char *copy = strdup(spec);
    int status = 0;
    char *save = NULL;
    for (char *item = strtok_r(copy, ",", &save); item && status == 0; item = strtok_r(NULL, ",", &save))
        status = add_variable(cfg, item, line, file, d);
    free(copy);
    return status;
}

int config_override_variables(config_t *cfg, const char *spec, diag_t *d)
{
    return parse_variables(cfg, spec, 0, "--variables", d);
}

/* #problem pn [|a,b| or |b|] file */
static int parse_problem(config_t *cfg, char *args, int line, diag_t *d)
{
    char *end;
    long pn = strtol(args, &end, 10);
    if (end == args)
        return diag_error(d, cfg->path, line, "#problem: expected a problem number, then a file");
    char *rest = trim(end);
    if (*rest == '|') {
        long a = 0, b = 0;
        char *close = strchr(rest + 1, '|');
        if (!close)
            return diag_error(d, cfg->path, line, "#problem: unclosed |a,b| range");
        *close = '\0';
        char *comma = strchr(rest + 1, ',');
        if (comma) {
            *comma = '\0';
            if (!parse_int(rest + 1, 1, 32, &a) || !parse_int(comma + 1, 1, 32, &b) || a > b)
                return diag_error(d, cfg->path, line, "#problem: expected |a,b| with 1 <= a <= b");
        } else {
            a = 1;
            if (!parse_int(rest + 1, 1, 32, &b))
                return diag_error(d, cfg->path, line, "#problem: expected |b| with b >= 1");
        }
        cfg->positive_first = (int)a;
        cfg->positive_last = (int)b;
        rest = trim(close + 1);
    }
    if (*rest == '\0')
        return diag_error(d, cfg->path, line, "#problem: missing the .start or .sbases file name");
    cfg->problem_number = (int)pn;
    free(cfg->problem_file);
    cfg->problem_file = strdup(rest);
    cfg->problem_line = line;
    return 0;
}

/* Directives that tune FIRE's own machinery (databases, fermat, processes): no effect here. */
static const char *const ignored_directives[] = {
    "#fthreads", "#sthreads", "#lthreads", "#database", "#storage", "#bucket", "#compressor",
    "#wrap", "#fermat", "#memory", "#port", "#nolock", "#keepall", "#clean", "#external",
    "#small", "#ksub", "#print", "#calc", "#clean_databases", "#printall", NULL
};

/* Directives with an effect on the result that ember does not implement yet. */
static const char *const pending_directives[] = {
    "#hint", "#masters", "#dep_file", "#ordering", "#index_ordering",
    "#forward", "#backward", "#no_positive_increase", "#even", "#odd", "#positive",
    "#bottomonly", "#plan", "#warmup", "#one_pass", "#old_presolve", "#full_presolve", NULL
};

static bool in_list(const char *const *list, const char *word)
{
    for (int i = 0; list[i]; i++)
        if (strcmp(list[i], word) == 0)
            return true;
    return false;
}

static int handle_directive(config_t *cfg, char *word, char *args, bool started, int line, diag_t *d)
{
    const char *file = cfg->path;
    if (in_list(ignored_directives, word)) {
        diag_warn(file, line, "%s has no effect in ember (in-memory tables, one process); ignored", word);
        return 0;
    }
    if (in_list(pending_directives, word)) {
        diag_warn(file, line, "%s is not implemented in ember yet; ignored", word);
        return 0;
    }
    if (strcmp(word, "#threads") == 0) {
        long n;
        char *num = args[0] == '{' ? args + 1 : args;   /* FIRE 7: {N, level->m, ...} */
        char *comma = strchr(num, ',');
        if (comma)
            *comma = '\0';
        if (!parse_int(num, 1, 1024, &n))
            return diag_error(d, file, line, "#threads: expected a positive number of cores");
        cfg->threads = (int)n;
        return 0;
    }
    if (strcmp(word, "#variables") == 0)
        return parse_variables(cfg, args, line, file, d);
    if (strcmp(word, "#prime") == 0) {
        long k;
        if (!parse_int(args, 0, 127, &k))
            return diag_error(d, file, line, "#prime: expected a prime index from 0 to 127, found '%s'", args);
        cfg->prime_index = (int)k;
        cfg->prime_line = line;
        return 0;
    }
    if (strcmp(word, "#pos_pref") == 0) {
        long k = 1;
        if (*args && !parse_int(args, -20, 20, &k))
            return diag_error(d, file, line, "#pos_pref: expected an integer");
        cfg->pos_pref = (int)k;
        return 0;
    }
    if (strcmp(word, "#allIBP") == 0) {
        cfg->all_ibp = true;
        return 0;
    }
    if (strcmp(word, "#no_presolve") == 0) {
        cfg->no_presolve = true;
        return 0;
    }
    if (!started)
        return diag_error(d, file, line, "unknown directive '%s' before #start", word);

    if (strcmp(word, "#folder") == 0) {
        free(cfg->folder);
        cfg->folder = strdup(args);
        return 0;
    }
    if (strcmp(word, "#problem") == 0)
        return parse_problem(cfg, args, line, d);
    if (strcmp(word, "#preferred") == 0 || strcmp(word, "#prefered") == 0) {
        if (*args == '!')
            diag_warn(file, line, "#preferred !file (seeding from preferred points) is not implemented; read as #preferred");
        if (*args == '\0')
            return diag_error(d, file, line, "%s: missing the file name", word);
        if (cfg->rules_file)
            return diag_error(d, file, line, "%s must come before #rules (line %d), as in FIRE", word, cfg->rules_line);
        cfg->preferred_files = realloc(cfg->preferred_files, (size_t)(cfg->npreferred + 1) * sizeof(char *));
        cfg->preferred_lines = realloc(cfg->preferred_lines, (size_t)(cfg->npreferred + 1) * sizeof(int));
        cfg->preferred_files[cfg->npreferred] = strdup(*args == '!' ? trim(args + 1) : args);
        cfg->preferred_lines[cfg->npreferred++] = line;
        return 0;
    }
    if (strcmp(word, "#rules") == 0) {
        if (*args == '\0')
            return diag_error(d, file, line, "#rules: missing the file name");
        free(cfg->rules_file);
        cfg->rules_file = strdup(args);
        cfg->rules_line = line;
        return 0;
    }
    if (strcmp(word, "#lbases") == 0) {
        if (*args == '\0')
            return diag_error(d, file, line, "#lbases: missing the file name");
        if (!cfg->problem_file)
            return diag_error(d, file, line, "#lbases must follow #problem");
        free(cfg->lbases_file);
        cfg->lbases_file = strdup(args);
        cfg->lbases_line = line;
        return 0;
    }
    if (strcmp(word, "#integrals") == 0) {
        if (*args == '\0')
            return diag_error(d, file, line, "#integrals: missing the file name");
        free(cfg->integrals_file);
        cfg->integrals_file = strdup(args);
        cfg->integrals_line = line;
        return 0;
    }
    if (strcmp(word, "#output") == 0) {
        bool keep = *args == '!';
        char *name = keep ? trim(args + 1) : args;
        if (*name == '\0')
            return diag_error(d, file, line, "#output: missing the file name");
        free(cfg->output_file);
        cfg->output_file = strdup(name);
        cfg->output_keep_existing = keep;
        cfg->output_line = line;
        return 0;
    }
    return diag_error(d, file, line, "unknown directive '%s' after #start", word);
}

static char *join(const char *a, const char *b, const char *c)
{
    size_t n = strlen(a) + strlen(b) + strlen(c) + 1;
    char *r = malloc(n);
    snprintf(r, n, "%s%s%s", a, b, c);
    return r;
}

/* FIRE reads relative paths from the current directory joined with #folder; a job started
 * from elsewhere finds its files beside the config instead. */
static void choose_base(config_t *cfg)
{
    /* the folder, or without one the problem file, tells where the job's files are */
    const char *probe = cfg->folder[0] ? cfg->folder : cfg->problem_file;
    bool from_cwd = probe[0] == '/' || access(probe, F_OK) == 0;
    cfg->base = strdup(from_cwd ? "" : cfg->dir);
}

int config_read(const char *path, config_t *cfg, diag_t *d)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->path = strdup(path);
    const char *slash = strrchr(path, '/');
    cfg->dir = slash ? dup_range(path, (size_t)(slash - path + 1)) : strdup("");
    cfg->prime_index = -1;
    cfg->pos_pref = 1;
    cfg->folder = strdup("");

    size_t len;
    char *text = text_load(path, &len, d);
    if (!text)
        return -1;
    bool started = false;
    int status = 0;
    int line = 0;
    for (char *p = text; p && status == 0;) {
        char *nl = strchr(p, '\n');
        if (nl)
            *nl = '\0';
        line++;
        char *s = trim(p);
        p = nl ? nl + 1 : NULL;
        if (*s == '\0' || strncmp(s, "##", 2) == 0)
            continue;
        if (*s != '#') {
            status = diag_error(d, path, line, "expected a directive starting with '#', found '%.40s'", s);
            break;
        }
        size_t wl = 1;
        while (s[wl] && !isspace((unsigned char)s[wl]))
            wl++;
        char *args = trim(s + wl);
        char word[64];
        snprintf(word, sizeof word, "%.*s", (int)(wl < 63 ? wl : 63), s);
        if (strcmp(word, "#start") == 0) {
            started = true;
            continue;
        }
        status = handle_directive(cfg, word, args, started, line, d);
    }
    free(text);
    if (status != 0)
        return status;
    if (!started)
        return diag_error(d, path, 0, "no #start directive: the problem part is missing");
    if (!cfg->problem_file)
        return diag_error(d, path, 0, "no #problem directive after #start");
    if (!cfg->integrals_file)
        return diag_error(d, path, 0, "no #integrals directive after #start");
    choose_base(cfg);
    return 0;
}

void config_clear(config_t *cfg)
{
    for (int i = 0; i < cfg->nvariables; i++) {
        free(cfg->variables[i].name);
        free(cfg->variables[i].value);
    }
    free(cfg->variables);
    for (int i = 0; i < cfg->npreferred; i++)
        free(cfg->preferred_files[i]);
    free(cfg->preferred_files);
    free(cfg->preferred_lines);
    free(cfg->path);
    free(cfg->dir);
    free(cfg->base);
    free(cfg->folder);
    free(cfg->problem_file);
    free(cfg->integrals_file);
    free(cfg->lbases_file);
    free(cfg->rules_file);
    free(cfg->output_file);
    memset(cfg, 0, sizeof *cfg);
}


char *config_resolve(const config_t *cfg, const char *name)
{
    if (name[0] == '/')
        return strdup(name);
    if (cfg->folder[0] == '/')
        return join(cfg->folder, name, "");
    return join(cfg->base, cfg->folder, name);
}
