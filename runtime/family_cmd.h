/* Families without Mathematica: `ember export-start DIR` and `ember reduce DIR`, from Kira's
 * family files (io/kira) through ember's IBP generator (kernels/ibpgen). */
#ifndef EMBER_FAMILY_CMD_H
#define EMBER_FAMILY_CMD_H

#include "io/diag.h"
#include "runtime/job.h"

typedef struct {
    bool force;        /* overwrite an existing file */
    bool symmetries;   /* find the family's symmetries (kernels/symmetries); else none */
} family_flags;

/* Writes DIR's family as a FIRE .start file to path. */
int family_export_start(const char *dir, const char *path, const family_flags *flags, diag_t *d);

/* Reduces the integrals of targets (FIRE's .m list, problem number 1) of DIR's family at the
 * point "d=...,s=..." (flags: overwrite the output?, symmetries?) and the job options of base (cores, prime, output, ...). */
int family_reduce(const char *dir, const char *targets, const char *point, const family_flags *flags,
                  const job_options *base, job_summary *summary, diag_t *d);

#endif
