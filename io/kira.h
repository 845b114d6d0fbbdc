/* Kira's integral-family files: DIR/config/integralfamilies.yaml (name, loop momenta,
 * propagators [momentum, mass^2], top-level sectors) and DIR/config/kinematics.yaml (external
 * momenta, momentum conservation, invariants, scalar-product rules, the symbol set to one).
 * Propagator [q, m2] means 1/(q^2 - m2). */
#ifndef EMBER_KIRA_H
#define EMBER_KIRA_H

#include <stdbool.h>
#include "io/diag.h"
#include "kernels/ibpgen.h"

typedef struct {
    char *name;
    char **symbols;              /* "d", then the kinematic invariants */
    int nsymbols;
    char *one;                   /* symbol_to_replace_by_one, or NULL */
    unsigned *top_masks;         /* top_level_sectors as masks (bit n-1-i: index i positive) */
    int ntop;
    family_def def;
} kira_family;

/* Reads the first family of dir's config. Returns 0, or -1 with an error in d. */
int kira_read(const char *dir, kira_family *out, diag_t *d);
void kira_clear(kira_family *k);
/* Is the sector with this mask a top-level sector or below one (always, without the key)? */
bool kira_in_top_sectors(const kira_family *kf, unsigned mask);

#endif
