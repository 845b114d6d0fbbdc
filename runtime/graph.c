#include "runtime/graph.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <starpu.h>
#include "kernels/backward.h"
#include "kernels/compat_sort.h"
#include "kernels/reach.h"

typedef struct graph graph_t;

typedef struct {
    graph_t *g;
    unsigned sector;
} task_arg;

struct graph {
    const family_t *f;
    sector_t **sectors;
    const graph_options *opt;
    unsigned nsectors;             /* numbered sectors: 2 .. max_sector */
    unsigned **receivers;          /* per sector: sectors its rows may reference */
    size_t *nreceivers;
    unsigned **below;              /* per sector, after its forward: sectors its rows do reference */
    size_t *nbelow;
    atomic_int *holders;           /* per sector: tasks that still need its rows, plus itself */
    starpu_data_handle_t *requests_h, *rows_h;
    task_arg *args;
    starpu_tag_t tag_base;
    atomic_int forward_done, backward_done;
    atomic_ullong equations;
    pthread_mutex_t lock;
    struct timespec start;
    bool failed;
    char error[1024];
};

static void fail(graph_t *g, const char *message)
{
    pthread_mutex_lock(&g->lock);
    if (!g->failed)
        snprintf(g->error, sizeof g->error, "%s", message);
    g->failed = true;
    pthread_mutex_unlock(&g->lock);
}

static bool has_failed(graph_t *g)
{
    pthread_mutex_lock(&g->lock);
    bool r = g->failed;
    pthread_mutex_unlock(&g->lock);
    return r;
}

static double elapsed_us(const graph_t *g)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return 1e6 * (double)(now.tv_sec - g->start.tv_sec) + 1e-3 * (double)(now.tv_nsec - g->start.tv_nsec);
}

/* ---- trace slices --------------------------------------------------------------------- */

static trace_slice *slice_begin(graph_t *g, unsigned sector, int phase)
{
    if (!g->opt->trace)
        return NULL;
    trace_slice *t = &g->opt->trace[2 * sector + (unsigned)phase];
    t->sector = sector;
    t->level = g->sectors[sector]->level;
    t->phase = phase == 0 ? "forward" : "backward";
    t->worker = starpu_worker_get_id();
    t->start_us = elapsed_us(g);
    return t;
}

/* The forward tasks a forward task waited for: the sectors that may send it requests. */
static void note_senders(graph_t *g, trace_slice *t, unsigned sector)
{
    t->after = malloc(((size_t)g->nsectors + 1) * sizeof(unsigned));
    for (unsigned u = 2; u <= g->f->max_sector; u++)
        for (size_t r = 0; r < g->nreceivers[u]; r++)
            if (g->receivers[u][r] == sector) {
                t->after[t->nafter++] = u;
                break;
            }
}

static void slice_end(graph_t *g, trace_slice *t, unsigned sector)
{
    if (!t)
        return;
    t->end_us = elapsed_us(g);
    t->equations = g->sectors[sector]->equations_used;
    t->rows = g->sectors[sector]->table.count;
    t->ran = true;
}

/* ---- releasing rows nobody reads any more ----------------------------------------------- */

/* One holder of sector s's rows is done; the last one frees them (the targets' rows stay). */
static void release(graph_t *g, unsigned s)
{
    if (atomic_fetch_sub(&g->holders[s], 1) != 1)
        return;
    table_t *t = &g->sectors[s]->table;
    bool keep = g->opt->keep && g->opt->keep[s];
    for (uint32_t id = 0; id < t->count; id++) {
        slot_t *slot = &t->slots[id];
        if (keep && slot->level >= LEVEL_USER)      /* targets (126), some of them masters (127) */
            continue;
        free(slot->row.ids);
        free(slot->row.coeffs);
        slot->row.ids = NULL;
        slot->row.coeffs = NULL;
        slot->row.len = 0;
    }
}

/* ---- the tasks ---------------------------------------------------------------------------- */

static void forward_task(void *buffers[], void *cl_arg)
{
    (void)buffers;
    const task_arg *a = cl_arg;
    graph_t *g = a->g;
    if (has_failed(g))
        return;
    trace_slice *slice = slice_begin(g, a->sector, 0);
    if (slice)
        note_senders(g, slice, a->sector);
    char err[512];
    if (forward_run(g->f, g->sectors[a->sector], &g->opt->forward, err, sizeof err) != 0)
        fail(g, err);
    atomic_fetch_add(&g->equations, g->sectors[a->sector]->equations_used);
    atomic_fetch_add(&g->forward_done, 1);
    slice_end(g, slice, a->sector);
}

static starpu_tag_t backward_tag(const graph_t *g, unsigned s)
{
    return g->tag_base + s;
}

static struct starpu_codelet backward_cl;

static int submit_backward(graph_t *g, unsigned s)
{
    if (g->nbelow[s] > 0) {
        starpu_tag_t deps[g->nbelow[s]];
        for (size_t k = 0; k < g->nbelow[s]; k++)
            deps[k] = backward_tag(g, g->below[s][k]);
        starpu_tag_declare_deps_array(backward_tag(g, s), (unsigned)g->nbelow[s], deps);
    }
    struct starpu_task *task = starpu_task_create();
    task->cl = &backward_cl;
    task->cl_arg = &g->args[s];
    task->handles[0] = g->rows_h[s];
    task->use_tag = 1;
    task->tag_id = backward_tag(g, s);
    return starpu_task_submit(task);
}

/* Hands forward(S)'s requests to the sectors below, notes which of them S's backward stage
 * will read, and (fused mode) submits that backward task with exactly those dependencies. */
static void post_task(void *buffers[], void *cl_arg)
{
    (void)buffers;
    const task_arg *a = cl_arg;
    graph_t *g = a->g;
    sector_t *s = g->sectors[a->sector];
    bool *seen = calloc((size_t)g->f->max_sector + 1, sizeof(bool));
    g->below[a->sector] = malloc((s->nlower + 1) * sizeof(unsigned));
    uint8_t level = (uint8_t)(2 * s->level + 1);
    for (size_t k = 0; k < s->nlower && !has_failed(g); k++) {
        unsigned target = point_key_sector(&s->lower[k].key);
        bool declared = false;
        for (size_t r = 0; r < g->nreceivers[a->sector] && !declared; r++)
            declared = g->receivers[a->sector][r] == target;
        if (!declared) {
            char err[160];
            snprintf(err, sizeof err, "sector %u requested an integral of sector %u, which it cannot reach",
                     a->sector, target);
            fail(g, err);
            break;
        }
        sector_request(g->sectors[target], &s->lower[k].key, s->lower[k].v, level);
        if (!seen[target]) {
            seen[target] = true;
            g->below[a->sector][g->nbelow[a->sector]++] = target;
            atomic_fetch_add(&g->holders[target], 1);
        }
    }
    free(seen);
    if (!g->opt->levels && submit_backward(g, a->sector) != 0)
        fail(g, "StarPU refused a backward task");
}

static void backward_task(void *buffers[], void *cl_arg)
{
    (void)buffers;
    const task_arg *a = cl_arg;
    graph_t *g = a->g;
    if (!has_failed(g)) {
        trace_slice *slice = slice_begin(g, a->sector, 1);
        if (slice) {
            slice->after = malloc((g->nbelow[a->sector] + 1) * sizeof(unsigned));
            memcpy(slice->after, g->below[a->sector], g->nbelow[a->sector] * sizeof(unsigned));
            slice->nafter = g->nbelow[a->sector];
        }
        char err[512];
        if (backward_run(g->f, g->sectors[a->sector], g->sectors, err, sizeof err) != 0)
            fail(g, err);
        slice_end(g, slice, a->sector);
    }
    for (size_t k = 0; k < g->nbelow[a->sector]; k++)
        release(g, g->below[a->sector][k]);
    release(g, a->sector);
    atomic_fetch_add(&g->backward_done, 1);
}

static struct starpu_codelet forward_cl = {
    .cpu_funcs = { forward_task }, .nbuffers = 2, .modes = { STARPU_RW, STARPU_W }, .name = "forward",
};

static struct starpu_codelet post_cl = {
    .cpu_funcs = { post_task }, .nbuffers = STARPU_VARIABLE_NBUFFERS, .name = "post",
};

static struct starpu_codelet backward_cl = {
    .cpu_funcs = { backward_task }, .nbuffers = 1, .modes = { STARPU_RW }, .name = "backward",
};

/* ---- building and submitting the graph ------------------------------------------------------ */

/* Forward order: higher level first; within a level FIRE's numbering puts the LiteRed sectors
 * lower, and the others, which may request from them, run first. */
static bool forward_before(const void *a, const void *b, void *ctx)
{
    const family_t *f = ctx;
    unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;
    int lx = mask_level(f->mask_of[x]), ly = mask_level(f->mask_of[y]);
    if (lx != ly)
        return lx > ly;
    return x > y;
}

static int submit_forward(graph_t *g, unsigned s, struct starpu_data_descr *descr)
{
    int ret = starpu_task_insert(&forward_cl, STARPU_RW, g->requests_h[s], STARPU_W, g->rows_h[s],
                                 STARPU_CL_ARGS_NFREE, &g->args[s], sizeof(task_arg), 0);
    if (ret != 0)
        return ret;
    descr[0] = (struct starpu_data_descr){ g->rows_h[s], STARPU_R };
    for (size_t r = 0; r < g->nreceivers[s]; r++)
        descr[1 + r] = (struct starpu_data_descr){ g->requests_h[g->receivers[s][r]], STARPU_RW | STARPU_COMMUTE };
    return starpu_task_insert(&post_cl, STARPU_DATA_MODE_ARRAY, descr, (int)(1 + g->nreceivers[s]),
                              STARPU_CL_ARGS_NFREE, &g->args[s], sizeof(task_arg), 0);
}

/* The sectors of one half-wave: level, LiteRed or not (FIRE's order). */
static bool in_wave(const graph_t *g, unsigned s, int level, bool lsectors)
{
    const family_t *f = g->f;
    return mask_level(f->mask_of[s]) == level && family_is_lsector(f, s) == lsectors;
}

static int submit_graph(graph_t *g, const unsigned *order, diag_t *d)
{
    size_t max_recv = 0;
    for (unsigned k = 0; k < g->nsectors; k++)
        if (g->nreceivers[order[k]] > max_recv)
            max_recv = g->nreceivers[order[k]];
    struct starpu_data_descr *descr = malloc((max_recv + 1) * sizeof *descr);
    int status = 0;
    if (!g->opt->levels) {
        for (unsigned k = 0; k < g->nsectors && status == 0; k++)
            status = submit_forward(g, order[k], descr);
    } else {
        /* FIRE: every (level, half-wave) ends at a barrier, forward top-down, backward bottom-up */
        int top = mask_level(g->f->mask_of[order[0]]), bottom = mask_level(g->f->mask_of[order[g->nsectors - 1]]);
        for (int level = top; level >= bottom && status == 0; level--)
            for (int half = 0; half < 2 && status == 0; half++) {
                for (unsigned k = 0; k < g->nsectors && status == 0; k++)
                    if (in_wave(g, order[k], level, half == 1))
                        status = submit_forward(g, order[k], descr);
                starpu_task_wait_for_all();
            }
        for (int level = bottom; level <= top && status == 0; level++)
            for (int half = 0; half < 2 && status == 0; half++) {
                for (unsigned k = g->nsectors; k-- > 0 && status == 0;)
                    if (in_wave(g, order[k], level, half == 0))
                        status = submit_backward(g, order[k]);
                starpu_task_wait_for_all();
            }
    }
    free(descr);
    return status == 0 ? 0 : diag_error(d, NULL, 0, "StarPU refused a task (%d)", status);
}

static void build_receivers(graph_t *g)
{
    const family_t *f = g->f;
    g->receivers = calloc((size_t)f->max_sector + 1, sizeof(unsigned *));
    g->nreceivers = calloc((size_t)f->max_sector + 1, sizeof(size_t));
    bool *seen = calloc((size_t)f->max_sector + 1, sizeof(bool));
    for (unsigned s = 2; s <= f->max_sector; s++) {
        g->receivers[s] = malloc(((size_t)f->max_sector + 1) * sizeof(unsigned));
        g->nreceivers[s] = reach_sectors(f, g->opt->forward.litered, s, g->receivers[s], seen);
    }
    free(seen);
}

/* ---- the progress line --------------------------------------------------------------------- */

typedef struct {
    graph_t *g;
    atomic_bool stop;
} progress_t;

static void *progress_loop(void *arg)
{
    progress_t *p = arg;
    graph_t *g = p->g;
    unsigned total = 2 * g->nsectors;
    struct timespec pause = { 0, 200000000 };
    bool shown = false;
    while (!atomic_load(&p->stop)) {
        nanosleep(&pause, NULL);
        double seconds = elapsed_us(g) * 1e-6;
        if (seconds < 0.5)
            continue;
        unsigned done = (unsigned)atomic_load(&g->forward_done) + (unsigned)atomic_load(&g->backward_done);
        double fraction = (double)done / total;
        char eta[32] = "?";
        if (fraction > 0.05)
            snprintf(eta, sizeof eta, "%.0f s", seconds * (1 - fraction) / fraction);
        fprintf(stderr, "\r\033[Kember: sectors %u/%u forward, %u/%u backward, %llu equations, %.1f s, ETA %s",
                (unsigned)atomic_load(&g->forward_done), g->nsectors, (unsigned)atomic_load(&g->backward_done),
                g->nsectors, (unsigned long long)atomic_load(&g->equations), seconds, eta);
        shown = true;
    }
    if (shown)
        fputs("\r\033[K", stderr);
    return NULL;
}

/* ---- set-up --------------------------------------------------------------------------------- */

int graph_max_cores(void)
{
    return STARPU_MAXCPUS;
}

static void prepare_environment(int cores)
{
    setenv("STARPU_SILENT", "1", 0);
    /* StarPU keeps calibration files under $HOME and aborts if it cannot write there */
    const char *home = getenv("STARPU_HOME") ? getenv("STARPU_HOME") : getenv("HOME");
    if (!home || access(home, W_OK) != 0) {
        char dir[64];
        snprintf(dir, sizeof dir, "/tmp/ember-starpu-%u", (unsigned)getuid());
        setenv("STARPU_HOME", dir, 1);
    }
    long online = sysconf(_SC_NPROCESSORS_ONLN);
    if (online > 0 && cores > online)
        setenv("STARPU_WORKERS_NOBIND", "1", 0);   /* more workers than cores: do not pin */
}

static int run_started(graph_t *g, diag_t *d)
{
    const family_t *f = g->f;
    size_t count = (size_t)f->max_sector + 1;
    g->requests_h = calloc(count, sizeof(starpu_data_handle_t));
    g->rows_h = calloc(count, sizeof(starpu_data_handle_t));
    g->args = calloc(count, sizeof(task_arg));
    unsigned *order = malloc(count * sizeof(unsigned));
    for (unsigned s = 2; s <= f->max_sector; s++) {
        starpu_void_data_register(&g->requests_h[s]);
        starpu_void_data_register(&g->rows_h[s]);
        g->args[s] = (task_arg){ g, s };
        order[s - 2] = s;
    }
    compat_sort(order, g->nsectors, sizeof(unsigned), forward_before, (void *)f);
    /* tag ids must not repeat within a process that runs several jobs */
    static starpu_tag_t next_base = 1;
    g->tag_base = next_base;
    next_base += count;

    progress_t progress = { .g = g };
    pthread_t thread;
    bool show = g->opt->progress && pthread_create(&thread, NULL, progress_loop, &progress) == 0;
    clock_gettime(CLOCK_MONOTONIC, &g->start);
    int status = submit_graph(g, order, d);
    starpu_task_wait_for_all();
    if (show) {
        atomic_store(&progress.stop, true);
        pthread_join(thread, NULL);
    }
    for (unsigned s = 2; s <= f->max_sector; s++) {
        starpu_data_unregister(g->requests_h[s]);
        starpu_data_unregister(g->rows_h[s]);
        starpu_tag_remove(backward_tag(g, s));
    }
    free(order);
    free(g->requests_h);
    free(g->rows_h);
    free(g->args);
    return status;
}

int graph_run(const family_t *f, sector_t **sectors, const graph_options *opt, int *cores_used, diag_t *d)
{
    graph_t g = { .f = f, .sectors = sectors, .opt = opt, .nsectors = f->max_sector - 1u };
    pthread_mutex_init(&g.lock, NULL);
    size_t count = (size_t)f->max_sector + 1;
    build_receivers(&g);
    g.below = calloc(count, sizeof(unsigned *));
    g.nbelow = calloc(count, sizeof(size_t));
    g.holders = calloc(count, sizeof(atomic_int));
    for (size_t s = 0; s < count; s++)
        atomic_init(&g.holders[s], 1);

    prepare_environment(opt->cores);
    struct starpu_conf conf;
    starpu_conf_init(&conf);
    conf.ncpus = opt->cores;
    conf.ncuda = 0;
    conf.nopencl = 0;
    conf.nmic = 0;
    conf.nmpi_ms = 0;
    conf.sched_policy_name = opt->sched ? opt->sched : "lws";
    conf.precedence_over_environment_variables = 1;
    int status;
    int ret = starpu_init(&conf);
    if (ret != 0) {
        status = diag_error(d, NULL, 0, "StarPU failed to start (%d)", ret);
    } else {
        *cores_used = (int)starpu_cpu_worker_get_count();
        status = run_started(&g, d);
        starpu_shutdown();
        if (status == 0 && g.failed)
            status = diag_error(d, NULL, 0, "%s", g.error);
    }
    for (unsigned s = 2; s <= f->max_sector; s++) {
        free(g.receivers[s]);
        free(g.below[s]);
    }
    free(g.receivers);
    free(g.nreceivers);
    free(g.below);
    free(g.nbelow);
    free(g.holders);
    pthread_mutex_destroy(&g.lock);
    return status;
}
