#include "runtime/graph.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <starpu.h>
#include "kernels/backward.h"
#include "kernels/compat_sort.h"

typedef struct graph graph_t;

typedef struct {
    graph_t *g;
    unsigned sector;
} task_arg;

struct graph {
    const family_t *f;
    sector_t **sectors;
    const graph_options *opt;
    uint16_t *representative;     /* [1<<n]: number of the sector a mask's points map to */
    unsigned **receivers;         /* per sector: sectors it may send requests to */
    size_t *nreceivers;
    starpu_data_handle_t *requests_h, *rows_h;
    task_arg *args;
    pthread_mutex_t lock;
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

/* The numbered sector whose points stand for the points of mask m (itself, or the lowest
 * member of its symmetry orbit). */
static uint16_t representative_of(const family_t *f, sector_mask m)
{
    uint16_t sn = f->number[m];
    if (sn != f->virtual_sector)
        return sn;
    for (int g = 0; g < f->nsym; g++) {
        sector_mask image = 0;
        for (int i = 0; i < f->n; i++)
            image = (image << 1) | (mask_positive(f, m, f->sym[g][i]) ? 1u : 0u);
        uint16_t in = f->number[image];
        if (in != SECTOR_ZERO && in != f->virtual_sector)
            return in;
    }
    return SECTOR_ZERO;
}

static void add_receiver(unsigned **list, size_t *count, size_t *cap, bool *seen, unsigned t)
{
    if (seen[t])
        return;
    seen[t] = true;
    if (*count == *cap) {
        *cap *= 2;
        *list = realloc(*list, *cap * sizeof(unsigned));
    }
    (*list)[(*count)++] = t;
}

/* Sectors a sector's rows can reference. Plain IBPs only reach the representatives of its
 * proper subsectors; LiteRed rules and symmetries may reach any sector of a lower level, and
 * an external symmetry also the LiteRed sectors of its own level. */
static void build_receivers(graph_t *g)
{
    const family_t *f = g->f;
    const litered_t *lr = g->opt->forward.litered;
    size_t nmasks = (size_t)1 << f->n;
    g->representative = malloc(nmasks * sizeof(uint16_t));
    for (size_t m = 0; m < nmasks; m++)
        g->representative[m] = representative_of(f, (sector_mask)m);
    g->receivers = calloc((size_t)f->max_sector + 1, sizeof(unsigned *));
    g->nreceivers = calloc((size_t)f->max_sector + 1, sizeof(size_t));
    bool *seen = calloc((size_t)f->max_sector + 1, sizeof(bool));
    for (unsigned s = 2; s <= f->max_sector; s++) {
        sector_mask mask = f->mask_of[s];
        int level = mask_level(mask);
        size_t count = 0, cap = 8;
        unsigned *list = malloc(cap * sizeof(unsigned));
        for (sector_mask sub = (mask - 1) & mask;; sub = (sub - 1) & mask) {
            if (g->representative[sub] >= 2)
                add_receiver(&list, &count, &cap, seen, g->representative[sub]);
            if (sub == 0)
                break;
        }
        const sector_litered *sl = lr ? &lr->sectors[s] : NULL;
        if (sl && (sl->nlee > 0 || sl->external || sl->ninternal > 0)) {
            for (unsigned t = 2; t <= f->max_sector; t++) {
                int tl = mask_level(f->mask_of[t]);
                if (tl < level || (sl->external && t != s && tl == level && family_is_lsector(f, t)))
                    add_receiver(&list, &count, &cap, seen, t);
            }
        }
        for (size_t k = 0; k < count; k++)
            seen[list[k]] = false;
        g->receivers[s] = list;
        g->nreceivers[s] = count;
    }
    free(seen);
}

static void forward_task(void *buffers[], void *cl_arg)
{
    (void)buffers;
    const task_arg *a = cl_arg;
    graph_t *g = a->g;
    if (has_failed(g))
        return;
    const family_t *f = g->f;
    sector_t *s = g->sectors[a->sector];
    char err[512];
    if (forward_run(f, s, &g->opt->forward, err, sizeof err) != 0) {
        fail(g, err);
        return;
    }
    /* post the requests to lower sectors (this task holds their request handles) */
    uint8_t level = (uint8_t)(2 * s->level + 1);
    for (size_t k = 0; k < s->nlower; k++) {
        unsigned target = point_key_sector(&s->lower[k].key);
        bool declared = false;
        for (size_t r = 0; r < g->nreceivers[a->sector] && !declared; r++)
            declared = g->receivers[a->sector][r] == target;
        if (!declared) {
            snprintf(err, sizeof err, "sector %u requested an integral of sector %u, which is not below it",
                     a->sector, target);
            fail(g, err);
            return;
        }
        sector_request(g->sectors[target], &s->lower[k].key, s->lower[k].v, level);
    }
}

static void backward_task(void *buffers[], void *cl_arg)
{
    (void)buffers;
    const task_arg *a = cl_arg;
    graph_t *g = a->g;
    if (has_failed(g))
        return;
    char err[512];
    if (backward_run(g->f, g->sectors[a->sector], g->sectors, err, sizeof err) != 0)
        fail(g, err);
}

static struct starpu_codelet forward_cl = {
    .cpu_funcs = { forward_task },
    .nbuffers = STARPU_VARIABLE_NBUFFERS,
    .name = "forward",
};

static struct starpu_codelet backward_cl = {
    .cpu_funcs = { backward_task },
    .nbuffers = STARPU_VARIABLE_NBUFFERS,
    .name = "backward",
};

/* Forward order: higher level first; within a level, higher number first. */
static bool forward_before(const void *a, const void *b, void *ctx)
{
    const family_t *f = ctx;
    unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;
    int lx = mask_level(f->mask_of[x]), ly = mask_level(f->mask_of[y]);
    if (lx != ly)
        return lx > ly;
    return x > y;
}

static int submit(graph_t *g, struct starpu_codelet *cl, unsigned s, struct starpu_data_descr *descr, int count,
                  diag_t *d)
{
    int ret = starpu_task_insert(cl, STARPU_DATA_MODE_ARRAY, descr, count,
                                 STARPU_CL_ARGS_NFREE, &g->args[s], sizeof(task_arg), 0);
    if (ret != 0)
        return diag_error(d, NULL, 0, "StarPU refused a task (%d)", ret);
    return 0;
}

static int submit_graph(graph_t *g, diag_t *d)
{
    const family_t *f = g->f;
    unsigned nsectors = f->max_sector - 1u;
    unsigned *order = malloc(nsectors * sizeof(unsigned));
    for (unsigned k = 0; k < nsectors; k++)
        order[k] = k + 2;
    compat_sort(order, nsectors, sizeof(unsigned), forward_before, (void *)f);
    size_t max_recv = 0;
    for (unsigned s = 2; s <= f->max_sector; s++)
        if (g->nreceivers[s] > max_recv)
            max_recv = g->nreceivers[s];
    struct starpu_data_descr *descr = malloc((max_recv + 2) * sizeof *descr);
    int status = 0;
    /* forward, top-down: a sector's request handle is written (commuting) by every sector
     * that may request from it, and read by its own forward task after all of them */
    for (unsigned k = 0; k < nsectors && status == 0; k++) {
        unsigned s = order[k];
        descr[0] = (struct starpu_data_descr){ g->requests_h[s], STARPU_RW };
        descr[1] = (struct starpu_data_descr){ g->rows_h[s], STARPU_W };
        for (size_t r = 0; r < g->nreceivers[s]; r++)
            descr[2 + r] = (struct starpu_data_descr){ g->requests_h[g->receivers[s][r]], STARPU_RW | STARPU_COMMUTE };
        status = submit(g, &forward_cl, s, descr, (int)(2 + g->nreceivers[s]), d);
    }
    /* backward, bottom-up: a sector's rows become final after those of its lower sectors */
    for (unsigned k = nsectors; k-- > 0 && status == 0;) {
        unsigned s = order[k];
        descr[0] = (struct starpu_data_descr){ g->rows_h[s], STARPU_RW };
        for (size_t r = 0; r < g->nreceivers[s]; r++)
            descr[1 + r] = (struct starpu_data_descr){ g->rows_h[g->receivers[s][r]], STARPU_R };
        status = submit(g, &backward_cl, s, descr, (int)(1 + g->nreceivers[s]), d);
    }
    free(descr);
    free(order);
    return status;
}

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

int graph_run(const family_t *f, sector_t **sectors, const graph_options *opt, int *cores_used, diag_t *d)
{
    graph_t g = { .f = f, .sectors = sectors, .opt = opt };
    pthread_mutex_init(&g.lock, NULL);
    build_receivers(&g);

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
    int status = 0;
    int ret = starpu_init(&conf);
    if (ret != 0) {
        status = diag_error(d, NULL, 0, "StarPU failed to start (%d)", ret);
    } else {
        *cores_used = (int)starpu_cpu_worker_get_count();
        size_t count = (size_t)f->max_sector + 1;
        g.requests_h = calloc(count, sizeof(starpu_data_handle_t));
        g.rows_h = calloc(count, sizeof(starpu_data_handle_t));
        g.args = calloc(count, sizeof(task_arg));
        for (unsigned s = 2; s <= f->max_sector; s++) {
            starpu_void_data_register(&g.requests_h[s]);
            starpu_void_data_register(&g.rows_h[s]);
            g.args[s] = (task_arg){ &g, s };
        }
        status = submit_graph(&g, d);
        starpu_task_wait_for_all();
        for (unsigned s = 2; s <= f->max_sector; s++) {
            starpu_data_unregister(g.requests_h[s]);
            starpu_data_unregister(g.rows_h[s]);
        }
        starpu_shutdown();
        free(g.requests_h);
        free(g.rows_h);
        free(g.args);
        if (status == 0 && g.failed)
            status = diag_error(d, NULL, 0, "%s", g.error);
    }
    for (unsigned s = 2; s <= f->max_sector; s++)
        free(g.receivers[s]);
    free(g.receivers);
    free(g.nreceivers);
    free(g.representative);
    pthread_mutex_destroy(&g.lock);
    return status;
}
