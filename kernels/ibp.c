#include "kernels/ibp.h"

#include <stdlib.h>
#include <string.h>

uint64_t ibp_term_value(const ibp_term *t, const int8_t *seed, int n, const modp_t *m)
{
    uint64_t r = t->coeff[0];
    for (int j = 0; j < n; j++)
        if (t->coeff[j + 1] && seed[j])
            r = modp_add(r, modp_mul(t->coeff[j + 1], modp_from_si(seed[j], m), m), m);
    return r;
}

ibp_t ibp_copy(const ibp_t *src)
{
    ibp_t r = { malloc((size_t)(src->nterms ? src->nterms : 1) * sizeof(ibp_term)), src->nterms };
    if (src->nterms > 0)
        memcpy(r.terms, src->terms, (size_t)src->nterms * sizeof(ibp_term));
    return r;
}

void ibp_clear(ibp_t *ibp)
{
    free(ibp->terms);
    ibp->terms = NULL;
    ibp->nterms = 0;
}
