#include "kernels/ibpgen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <flint/fmpq_mat.h>

void family_def_init(family_def *fd, int nloops, int nexternal, int nprops, const char **symbols, int nsymbols)
{
    memset(fd, 0, sizeof *fd);
    fd->nloops = nloops;
    fd->nexternal = nexternal;
    fd->nprops = nprops;
    fd->symbols = symbols;
    fd->nsymbols = nsymbols;
    fmpq_mpoly_ctx_init(fd->ctx, (slong)nsymbols, ORD_LEX);
    size_t nmom = (size_t)nprops * (size_t)(nloops + nexternal);
    fd->momenta = malloc((nmom + 1) * sizeof(fmpq));
    for (size_t k = 0; k < nmom; k++)
        fmpq_init(&fd->momenta[k]);
    fd->mass2 = malloc(((size_t)nprops + 1) * sizeof(fmpq_mpoly_struct));
    for (int a = 0; a < nprops; a++)
        fmpq_mpoly_init(&fd->mass2[a], fd->ctx);
    size_t next = (size_t)nexternal * (size_t)nexternal;
    fd->external = malloc((next + 1) * sizeof(fmpq_mpoly_struct));
    for (size_t k = 0; k < next; k++)
        fmpq_mpoly_init(&fd->external[k], fd->ctx);
}

void family_def_clear(family_def *fd)
{
    size_t nmom = (size_t)fd->nprops * (size_t)(fd->nloops + fd->nexternal);
    for (size_t k = 0; k < nmom; k++)
        fmpq_clear(&fd->momenta[k]);
    for (int a = 0; a < fd->nprops; a++)
        fmpq_mpoly_clear(&fd->mass2[a], fd->ctx);
    for (size_t k = 0; k < (size_t)fd->nexternal * (size_t)fd->nexternal; k++)
        fmpq_mpoly_clear(&fd->external[k], fd->ctx);
    for (size_t k = 0; k < (size_t)fd->nlegs * (size_t)fd->nexternal; k++)
        fmpq_clear(&fd->legs[k]);
    free(fd->legs);
    free(fd->momenta);
    free(fd->mass2);
    free(fd->external);
    fmpq_mpoly_ctx_clear(fd->ctx);
    memset(fd, 0, sizeof *fd);
}

void family_def_set_legs(family_def *fd, int nlegs)
{
    size_t count = (size_t)nlegs * (size_t)fd->nexternal;
    fd->nlegs = nlegs;
    fd->legs = malloc((count + 1) * sizeof(fmpq));
    for (size_t k = 0; k < count; k++)
        fmpq_init(&fd->legs[k]);
}

/* ---- linear forms in the propagators: sum_b f[b] D_b + f[nprops] ---------------------------- */

typedef struct {
    fmpq_mpoly_struct *c;
    int n;                       /* nprops + 1 */
} linear_form;

static void form_init(linear_form *f, int nprops, const family_def *fd)
{
    f->n = nprops + 1;
    f->c = malloc((size_t)f->n * sizeof(fmpq_mpoly_struct));
    for (int k = 0; k < f->n; k++)
        fmpq_mpoly_init(&f->c[k], fd->ctx);
}

static void form_clear(linear_form *f, const family_def *fd)
{
    for (int k = 0; k < f->n; k++)
        fmpq_mpoly_clear(&f->c[k], fd->ctx);
    free(f->c);
}

/* f += s * g */
static void form_addmul(linear_form *f, const fmpq_t s, const linear_form *g, const family_def *fd)
{
    fmpq_mpoly_t t;
    fmpq_mpoly_init(t, fd->ctx);
    for (int k = 0; k < f->n; k++) {
        fmpq_mpoly_scalar_mul_fmpq(t, &g->c[k], s, fd->ctx);
        fmpq_mpoly_add(&f->c[k], &f->c[k], t, fd->ctx);
    }
    fmpq_mpoly_clear(t, fd->ctx);
}

/* ---- scalar products k_i.k_j (i <= j) and k_i.p_e, numbered ------------------------------- */

static int sp_loop_loop(const family_def *fd, int i, int j)
{
    if (i > j) {
        int t = i;
        i = j;
        j = t;
    }
    return i * fd->nloops - i * (i - 1) / 2 + (j - i);
}

static int sp_loop_external(const family_def *fd, int i, int e)
{
    return fd->nloops * (fd->nloops + 1) / 2 + i * fd->nexternal + e;
}

/* Each scalar product as a linear form in the propagators (A^-1 (D - c)); -1 if A is singular. */
static int scalar_products_in_propagators(const family_def *fd, linear_form *sp, char *err, size_t errlen)
{
    int L = fd->nloops, E = fd->nexternal, P = fd->nprops;
    int N = L * (L + 1) / 2 + L * E;
    fmpq_mat_t A, Ainv;
    fmpq_mat_init(A, P, N);
    fmpq_mat_init(Ainv, N, P);
    fmpq_mpoly_struct *c = malloc((size_t)P * sizeof(fmpq_mpoly_struct));
    fmpq_t x, y;
    fmpq_init(x);
    fmpq_init(y);
    fmpq_mpoly_t t;
    fmpq_mpoly_init(t, fd->ctx);
    for (int a = 0; a < P; a++) {
        /* q_a^2 = sum alpha_i alpha_j k_i.k_j + 2 sum alpha_i beta_e k_i.p_e + sum beta_e beta_f p_e.p_f */
        const fmpq *q = fd->momenta + (size_t)a * (size_t)(L + E);
        for (int i = 0; i < L; i++)
            for (int j = 0; j < L; j++) {
                fmpq_mul(x, &q[i], &q[j]);
                fmpq_add(fmpq_mat_entry(A, a, sp_loop_loop(fd, i, j)), fmpq_mat_entry(A, a, sp_loop_loop(fd, i, j)), x);
            }
        for (int i = 0; i < L; i++)
            for (int e = 0; e < E; e++) {
                fmpq_mul(x, &q[i], &q[L + e]);
                fmpq_mul_si(x, x, 2);
                fmpq_add(fmpq_mat_entry(A, a, sp_loop_external(fd, i, e)), fmpq_mat_entry(A, a, sp_loop_external(fd, i, e)), x);
            }
        fmpq_mpoly_init(&c[a], fd->ctx);
        for (int e = 0; e < E; e++)
            for (int f = 0; f < E; f++) {
                fmpq_mul(x, &q[L + e], &q[L + f]);
                fmpq_mpoly_scalar_mul_fmpq(t, &fd->external[e * E + f], x, fd->ctx);
                fmpq_mpoly_add(&c[a], &c[a], t, fd->ctx);
            }
        fmpq_mpoly_sub(&c[a], &c[a], &fd->mass2[a], fd->ctx);
    }
    int status = 0;
    if (!fmpq_mat_inv(Ainv, A)) {
        snprintf(err, errlen, "the propagators are linearly dependent: they are no basis of the %d scalar products "
                 "of loop momenta", N);
        status = -1;
    }
    for (int s = 0; s < N && status == 0; s++) {
        form_init(&sp[s], P, fd);
        for (int a = 0; a < P; a++) {
            /* sp_s = sum_a Ainv[s][a] (D_a - c_a) */
            fmpq_mpoly_set_fmpq(&sp[s].c[a], fmpq_mat_entry(Ainv, s, a), fd->ctx);
            fmpq_mpoly_scalar_mul_fmpq(t, &c[a], fmpq_mat_entry(Ainv, s, a), fd->ctx);
            fmpq_mpoly_sub(&sp[s].c[P], &sp[s].c[P], t, fd->ctx);
        }
    }
    for (int a = 0; a < P; a++)
        fmpq_mpoly_clear(&c[a], fd->ctx);
    free(c);
    fmpq_mpoly_clear(t, fd->ctx);
    fmpq_clear(x);
    fmpq_clear(y);
    fmpq_mat_clear(A);
    fmpq_mat_clear(Ainv);
    return status;
}

/* ---- the identities ------------------------------------------------------------------------ */

/* The term of ibp with this shift, created with zero coefficients if absent. */
static gen_term *term_at(gen_ibp *ibp, const int8_t *shift, const family_def *fd)
{
    for (int k = 0; k < ibp->nterms; k++)
        if (memcmp(ibp->terms[k].shift, shift, EMBER_MAX_INDICES) == 0)
            return &ibp->terms[k];
    ibp->terms = realloc(ibp->terms, (size_t)(ibp->nterms + 1) * sizeof(gen_term));
    gen_term *t = &ibp->terms[ibp->nterms++];
    memcpy(t->shift, shift, EMBER_MAX_INDICES);
    t->coeff = malloc(((size_t)fd->nprops + 1) * sizeof(fmpq_mpoly_struct));
    for (int j = 0; j <= fd->nprops; j++)
        fmpq_mpoly_init(&t->coeff[j], fd->ctx);
    return t;
}

static void drop_zero_terms(gen_ibp *ibp, const family_def *fd)
{
    int out = 0;
    for (int k = 0; k < ibp->nterms; k++) {
        bool zero = true;
        for (int j = 0; j <= fd->nprops && zero; j++)
            zero = fmpq_mpoly_is_zero(&ibp->terms[k].coeff[j], fd->ctx);
        if (zero) {
            for (int j = 0; j <= fd->nprops; j++)
                fmpq_mpoly_clear(&ibp->terms[k].coeff[j], fd->ctx);
            free(ibp->terms[k].coeff);
        } else {
            ibp->terms[out++] = ibp->terms[k];
        }
    }
    ibp->nterms = out;
}

/* v . q_a as a linear form: v = k_m (m < L) or p_f (m = L + f). */
static void v_dot_q(const family_def *fd, const linear_form *sp, int m, int a, linear_form *out)
{
    int L = fd->nloops, E = fd->nexternal;
    const fmpq *q = fd->momenta + (size_t)a * (size_t)(L + E);
    for (int j = 0; j < L; j++) {
        if (fmpq_is_zero(&q[j]))
            continue;
        int s = m < L ? sp_loop_loop(fd, m, j) : sp_loop_external(fd, j, m - L);
        form_addmul(out, &q[j], &sp[s], fd);
    }
    fmpq_mpoly_t t;
    fmpq_mpoly_init(t, fd->ctx);
    for (int e = 0; e < E; e++) {
        if (fmpq_is_zero(&q[L + e]))
            continue;
        if (m < L) {
            form_addmul(out, &q[L + e], &sp[sp_loop_external(fd, m, e)], fd);
        } else {
            fmpq_mpoly_scalar_mul_fmpq(t, &fd->external[(m - L) * E + e], &q[L + e], fd->ctx);
            fmpq_mpoly_add(&out->c[fd->nprops], &out->c[fd->nprops], t, fd->ctx);
        }
    }
    fmpq_mpoly_clear(t, fd->ctx);
}

int ibpgen_build(const family_def *fd, gen_system *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    int L = fd->nloops, E = fd->nexternal, P = fd->nprops;
    int N = L * (L + 1) / 2 + L * E;
    if (P != N) {
        snprintf(err, errlen, "%d propagators, but %d loop momenta and %d independent external momenta have %d scalar "
                 "products: the propagators (with irreducible numerators) must be a basis of them", P, L, E, N);
        return -1;
    }
    if (P > EMBER_MAX_INDICES) {
        snprintf(err, errlen, "%d propagators: at most %d are supported", P, EMBER_MAX_INDICES);
        return -1;
    }
    linear_form *sp = calloc((size_t)N + 1, sizeof(linear_form));
    if (scalar_products_in_propagators(fd, sp, err, errlen) != 0) {
        free(sp);
        return -1;
    }
    out->nprops = P;
    out->nibps = L * (L + E);
    out->ibps = calloc((size_t)out->nibps, sizeof(gen_ibp));
    fmpq_mpoly_t t;
    fmpq_mpoly_init(t, fd->ctx);
    fmpq_t two_alpha;
    fmpq_init(two_alpha);
    for (int i = 0; i < L; i++) {
        for (int m = 0; m < L + E; m++) {
            gen_ibp *ibp = &out->ibps[i * (L + E) + m];
            int8_t shift[EMBER_MAX_INDICES] = { 0 };
            if (m == i)                                  /* d/dk_i . k_i = d */
                fmpq_mpoly_gen(&term_at(ibp, shift, fd)->coeff[0], 0, fd->ctx);
            for (int a = 0; a < P; a++) {
                const fmpq *alpha = family_def_momentum(fd, a, i);
                if (fmpq_is_zero(alpha))
                    continue;
                /* v . dD_a/dk_i = 2 alpha_ai v.q_a = sum_b X_b D_b + X_0, and
                 * -a_a (v.dD_a/dk_i) / D_a^{a_a+1} = -a_a [sum_b X_b F(a + e_a - e_b) + X_0 F(a + e_a)] */
                linear_form x;
                form_init(&x, P, fd);
                v_dot_q(fd, sp, m, a, &x);
                fmpq_mul_si(two_alpha, alpha, -2);
                for (int b = 0; b <= P; b++) {
                    if (fmpq_mpoly_is_zero(&x.c[b], fd->ctx))
                        continue;
                    memset(shift, 0, sizeof shift);
                    shift[a] = 1;
                    if (b < P)
                        shift[b]--;
                    gen_term *term = term_at(ibp, shift, fd);
                    fmpq_mpoly_scalar_mul_fmpq(t, &x.c[b], two_alpha, fd->ctx);
                    fmpq_mpoly_add(&term->coeff[a + 1], &term->coeff[a + 1], t, fd->ctx);
                }
                form_clear(&x, fd);
            }
            drop_zero_terms(ibp, fd);
        }
    }
    fmpq_clear(two_alpha);
    fmpq_mpoly_clear(t, fd->ctx);
    for (int s = 0; s < N; s++)
        form_clear(&sp[s], fd);
    free(sp);
    return 0;
}

int ibpgen_square(const family_def *fd, const fmpq *q, fmpq_mpoly_struct *out, char *err, size_t errlen)
{
    int L = fd->nloops, E = fd->nexternal, P = fd->nprops;
    int N = L * (L + 1) / 2 + L * E;
    linear_form *sp = calloc((size_t)N + 1, sizeof(linear_form));
    if (P != N || scalar_products_in_propagators(fd, sp, err, errlen) != 0) {
        if (P != N)
            snprintf(err, errlen, "the propagators are no basis of the scalar products");
        free(sp);
        return -1;
    }
    linear_form sum = { out, P + 1 };
    for (int k = 0; k <= P; k++)
        fmpq_mpoly_zero(&out[k], fd->ctx);
    fmpq_t x;
    fmpq_init(x);
    fmpq_mpoly_t t;
    fmpq_mpoly_init(t, fd->ctx);
    for (int i = 0; i < L; i++) {
        for (int j = 0; j < L; j++) {
            fmpq_mul(x, &q[i], &q[j]);
            form_addmul(&sum, x, &sp[sp_loop_loop(fd, i, j)], fd);
        }
        for (int e = 0; e < E; e++) {
            fmpq_mul(x, &q[i], &q[L + e]);
            fmpq_mul_si(x, x, 2);
            form_addmul(&sum, x, &sp[sp_loop_external(fd, i, e)], fd);
        }
    }
    for (int e = 0; e < E; e++)
        for (int f = 0; f < E; f++) {
            fmpq_mul(x, &q[L + e], &q[L + f]);
            fmpq_mpoly_scalar_mul_fmpq(t, &fd->external[e * E + f], x, fd->ctx);
            fmpq_mpoly_add(&out[P], &out[P], t, fd->ctx);
        }
    fmpq_mpoly_clear(t, fd->ctx);
    fmpq_clear(x);
    for (int s = 0; s < N; s++)
        form_clear(&sp[s], fd);
    free(sp);
    return 0;
}

void gen_system_clear(gen_system *s, const family_def *fd)
{
    for (int k = 0; k < s->nibps; k++) {
        for (int t = 0; t < s->ibps[k].nterms; t++) {
            for (int j = 0; j <= s->nprops; j++)
                fmpq_mpoly_clear(&s->ibps[k].terms[t].coeff[j], fd->ctx);
            free(s->ibps[k].terms[t].coeff);
        }
        free(s->ibps[k].terms);
    }
    free(s->ibps);
    memset(s, 0, sizeof *s);
}
