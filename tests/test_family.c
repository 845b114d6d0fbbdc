/* Families without Mathematica: Kira-format files read, IBPs generated and reduced. The
 * one-loop box of FIRE's tests, written in Kira's format in examples/box, must give the masters
 * and residues of FIRE's etalon/box.tables (up to the sign of Kira's propagators); malformed
 * family files must give clear errors. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "io/diag.h"
#include "io/kira.h"
#include "io/start.h"
#include "io/tables_read.h"
#include "kernels/sector_maps.h"
#include "kernels/symmetries.h"
#include "kernels/zero_sectors.h"
#include "kernels/modp.h"
#include "runtime/family_cmd.h"
#include "tests/support/compare.h"

static char examples[4096];
static char fire_tests[4096];

/* Reads examples/<family>; fails the test on an error. */
static void read_example(const char *family, kira_family *kf)
{
    char dir[4200];
    snprintf(dir, sizeof dir, "%s/%s", examples, family);
    diag_t d;
    if (kira_read(dir, kf, &d) != 0)
        fail_msg("%s", d.message);
}

static void test_box_ibps(void **state)
{
    (void)state;
    kira_family kf;
    read_example("box", &kf);
    assert_string_equal(kf.name, "box");
    assert_int_equal(kf.def.nloops, 1);
    assert_int_equal(kf.def.nexternal, 3);
    assert_int_equal(kf.def.nprops, 4);
    gen_system sys;
    char err[256];
    assert_int_equal(ibpgen_build(&kf.def, &sys, err, sizeof err), 0);
    assert_int_equal(sys.nibps, 4);                       /* L (L + E) */
    /* d/dk . k: (d - 2 a1 - a2 - a3 - a4) F(a) + ..., as in FIRE's box.start */
    const gen_term *t = &sys.ibps[0].terms[0];
    char *c0 = fmpq_mpoly_get_str_pretty(&t->coeff[0], kf.def.symbols, kf.def.ctx);
    char *c1 = fmpq_mpoly_get_str_pretty(&t->coeff[1], kf.def.symbols, kf.def.ctx);
    assert_string_equal(c0, "d");
    assert_string_equal(c1, "-2");
    flint_free(c0);
    flint_free(c1);
    gen_system_clear(&sys, &kf.def);
    kira_clear(&kf);
}

/* Reduces targets in examples/<family> at point, modulo the prime of index prime, into
 * output; returns the run's summary. */
static job_summary run_example(const char *family, const char *point, const char *targets, bool symmetries,
                               int prime, const char *output)
{
    char dir[4200];
    snprintf(dir, sizeof dir, "%s/%s", examples, family);
    job_options o = { .prime_index = prime, .output = output, .quiet = true, .cores = 2 };
    job_summary s;
    diag_t d;
    unlink(output);
    if (family_reduce(dir, targets, point, &(family_flags){ .symmetries = symmetries }, &o, &s, &d) != 0)
        fail_msg("%s: %s", family, d.message);
    return s;
}

/* Reduces shared/fire-tests/<targets> in examples/<family> at point and compares with the etalon
 * (FIRE's -q^2 propagators against Kira's q^2 - m^2), the etalon's coefficients evaluated at
 * the given values of d (and nothing else) modulo the prime of index prime. */
static void reduce_and_compare(const char *family, const char *targets_file, const char *etalon_file,
                               const char *point, int prime, const long *d_value, int masters)
{
    char targets[4200], etalon[4200];
    snprintf(targets, sizeof targets, "%s/%s", fire_tests, targets_file);
    snprintf(etalon, sizeof etalon, "%s/%s", fire_tests, etalon_file);
    job_summary s = run_example(family, point, targets, false, prime, "family.tables");
    modp_t m;
    modp_init(&m, modp_prime_at(prime));
    const char *names[] = { "d" };
    expr_symbols_t symbols = { names, 1 };
    uint64_t values[] = { d_value ? modp_from_si(*d_value, &m) : 0 };
    char why[512];
    if (compare_tables_opposite_propagators(etalon, "family.tables", d_value ? &symbols : NULL, values,
                                            modp_prime_at(prime), why, sizeof why) != 0)
        fail_msg("%s at %s: %s", family, point, why);
    assert_int_equal(s.masters, masters);
}

static void test_box_matches_fire(void **state)
{
    (void)state;
    if (!fire_tests[0])
        skip();
    const long ds[] = { 37, 101, 1234567 };
    for (size_t k = 0; k < 3; k++) {
        char point[64];
        snprintf(point, sizeof point, "d=%ld,T=1", ds[k]);
        /* the box and the s- and t-channel bubbles */
        reduce_and_compare("box", "box/box.m", "etalon/box.tables", point, 1, &ds[k], 3);
    }
}

/* The planar double box in Kira's format against FIRE's prime etalon (p = 2017). */
static void test_doublebox_matches_fire(void **state)
{
    (void)state;
    if (!fire_tests[0])
        skip();
    reduce_and_compare("doublebox", "doublebox/doublebox.m", "etalon/prime.tables", "d=100,s=101,t=1", 0, NULL, 12);
}

/* Zero sectors found by ember against FIRE's SBasisR: every sector FIRE marks zero is found
 * zero; the box agrees exactly. For the double box ember finds more (FIRE's file leaves, for
 * example, a8 = a9 = 0 products of two bubbles with light-like momenta non-zero): each extra
 * one is checked independently by reducing its corner integral with FIRE's own IBPs, which
 * must give zero. Returns the number of extra zero sectors. */
static int check_zero_sectors(const char *family, const char *start, const char *problem_dir)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/%s", fire_tests, start);
    kira_family kf;
    read_example(family, &kf);
    diag_t d;
    gen_system sys;
    char err[256];
    assert_int_equal(ibpgen_build(&kf.def, &sys, err, sizeof err), 0);
    int n = kf.def.nprops;
    bool *zero = calloc((size_t)1 << n, sizeof(bool));
    zero_sectors_find(&kf.def, &sys, 7, NULL, 0, zero);
    const char *names[] = { "d", "s", "t" };
    expr_symbols_t symbols = { names, 3 };
    const uint64_t values[] = { 100, 101, 1 };
    family_t fire;
    if (start_read(path, 2017, &symbols, values, &fire, &d) != 0)
        fail_msg("%s", d.message);
    /* the corners of the extra zero sectors, to be reduced with FIRE's IBPs */
    FILE *fp = fopen("corners.m", "w");
    fputc('{', fp);
    int extra = 0;
    for (unsigned mask = 1; mask < (1u << n); mask++) {
        if (fire.zero_mask[mask] && !zero[mask])
            fail_msg("%s: sector %#x is zero in FIRE's SBasisR but not found zero", family, mask);
        if (zero[mask] && !fire.zero_mask[mask]) {
            fprintf(fp, "%s{1,{", extra ? "," : "");
            for (int i = 0; i < n; i++)
                fprintf(fp, "%s%d", i ? "," : "", (mask >> (n - 1 - i)) & 1u);
            fputs("}}", fp);
            extra++;
        }
    }
    fputs("}\n", fp);
    fclose(fp);
    if (extra > 0) {
        fp = fopen("corners.config", "w");
        fprintf(fp, "#threads 2\n#variables d->100,s->101,t->1\n#prime 0\n#start\n#folder %s/%s/\n"
                    "#problem 1 %s\n#integrals %s/corners.m\n#output %s/corners.tables\n",
                fire_tests, problem_dir, strrchr(start, '/') + 1, getcwd(path, sizeof path), path);
        fclose(fp);
        job_options o = { .config_path = "corners.config", .prime_index = -1, .quiet = true };
        job_summary s;
        if (job_run(&o, &s, &d) != 0)
            fail_msg("%s", d.message);
        assert_int_equal(s.masters, 0);        /* every corner reduced to zero */
    }
    family_clear(&fire);
    free(zero);
    gen_system_clear(&sys, &kf.def);
    kira_clear(&kf);
    return extra;
}

static void test_zero_sectors_agree_with_fire(void **state)
{
    (void)state;
    if (!fire_tests[0])
        skip();
    assert_int_equal(check_zero_sectors("box", "box/box.start", "box"), 0);
    assert_true(check_zero_sectors("doublebox", "doublebox/doublebox.start", "doublebox") > 0);
}

/* The box's symmetries from U = x1+x2+x3+x4 and F ~ S x1 x3 + T x2 x4: exactly the swaps of
 * lines 1, 3 and of lines 2, 4 (the s- and t-channel cuts stay as they are). */
static void test_box_symmetries(void **state)
{
    (void)state;
    kira_family kf;
    read_example("box", &kf);
    int8_t(*sym)[EMBER_MAX_INDICES];
    int nsym = symmetries_find(&kf.def, 3, &sym);
    const int8_t want[4][4] = { { 0, 1, 2, 3 }, { 0, 3, 2, 1 }, { 2, 1, 0, 3 }, { 2, 3, 0, 1 } };
    assert_int_equal(nsym, 4);
    for (int g = 0; g < 4; g++)
        assert_memory_equal(sym[g], want[g], 4);
    free(sym);
    kira_clear(&kf);
}

/* The box's sector maps without its global symmetries: the two triangles with the s-channel
 * cut (lines 1,2,3 and 1,3,4) are one triangle with relabelled legs, and so are the two with
 * the t-channel cut; in FIRE's order {1,2,3} and {1,2,4} come first and stay. With the
 * global symmetries these pairs are orbits already, and no map is left. */
static void test_box_sector_maps(void **state)
{
    (void)state;
    kira_family kf;
    read_example("box", &kf);
    gen_system sys;
    char err[256];
    assert_int_equal(ibpgen_build(&kf.def, &sys, err, sizeof err), 0);
    int8_t(*sym)[EMBER_MAX_INDICES];
    int nsym = symmetries_find(&kf.def, 3, &sym);
    const int8_t identity[1][EMBER_MAX_INDICES] = { { 0, 1, 2, 3 } };
    bool zero[16], candidate[16];
    memset(zero, 1, sizeof zero);           /* what the array held before must not matter */
    zero_sectors_find(&kf.def, &sys, 3, identity, 1, zero);
    for (int mask = 0; mask < 16; mask++)
        candidate[mask] = !zero[mask];
    sector_maps maps;
    sector_maps_find(&kf.def, candidate, identity, 1, 3, &maps);
    assert_int_equal(maps.count, 2);
    const unsigned from[2] = { 0xB, 0x7 }, to[2] = { 0xE, 0xD };
    for (int k = 0; k < 2; k++) {
        const sector_map *m = &maps.maps[k];
        assert_int_equal(m->from, from[k]);
        assert_int_equal(m->to, to[k]);
        unsigned image = 0;
        for (int i = 0; i < 4; i++) {
            bool line = m->from >> (3 - i) & 1u;
            assert_true(line == (m->line_to[i] >= 0));
            if (line)
                image |= 1u << (3 - m->line_to[i]);
            /* the missing line becomes a numerator: some combination, never nothing */
            bool none = true;
            for (int b = 0; b <= 4; b++)
                none = none && fmpq_mpoly_is_zero(&sector_map_numerator(m, 4, i)[b], kf.def.ctx);
            assert_true(none == line);
        }
        assert_int_equal(image, m->to);
    }
    sector_maps_clear(&maps, &kf.def);
    sector_maps_find(&kf.def, candidate, (const int8_t(*)[EMBER_MAX_INDICES])sym, nsym, 3, &maps);
    assert_int_equal(maps.count, 0);
    sector_maps_clear(&maps, &kf.def);
    free(sym);
    gen_system_clear(&sys, &kf.def);
    kira_clear(&kf);
}

static void write_targets(const char *path, const int8_t (*v)[EMBER_MAX_INDICES], int count, int n)
{
    FILE *fp = fopen(path, "w");
    fputc('{', fp);
    for (int k = 0; k < count; k++) {
        fprintf(fp, "%s{1,{", k ? "," : "");
        for (int i = 0; i < n; i++)
            fprintf(fp, "%s%d", i ? "," : "", v[k][i]);
        fputs("}}", fp);
    }
    fputs("}\n", fp);
    fclose(fp);
}

static tables_doc reduce_example(const char *family, const char *point, const char *targets, bool symmetries,
                                 int masters)
{
    job_summary s = run_example(family, point, targets, symmetries, 1, "composed.tables");
    assert_int_equal(s.masters, masters);
    diag_t d;
    tables_doc doc;
    if (tables_read("composed.tables", &doc, &d) != 0)
        fail_msg("%s", d.message);
    return doc;
}

/* The coefficient of the master with indices master in the reduction of v, modulo m. */
static uint64_t coefficient(const tables_doc *doc, const int8_t *v, const int8_t *master, int n)
{
    const tables_doc_entry *e = tables_doc_find_vec(doc, v, n);
    if (!e)
        fail_msg("an integral is missing from the tables");
    for (size_t t = 0; t < e->nterms; t++) {
        const tables_doc_entry *m = tables_doc_find_id(doc, e->term_ids[t]);
        if (m && memcmp(m->v, master, (size_t)n) == 0)
            return strtoull(e->term_values[t], NULL, 10);
    }
    return e->master && memcmp(e->v, master, (size_t)n) == 0 ? 1 : 0;
}

/* Symmetries must agree with the IBPs: each of the plain masters M'_j (IBPs alone) is reduced
 * with the symmetries, M'_j = sum_k b_jk M_k, and for every target the plain reduction a_t
 * times b must give the symmetric one c_t. A wrong symmetry, or a wrong numerator in a sector
 * map, makes the two routes differ. */
static void check_symmetries_compose(const char *family, const char *point, const int8_t (*targets)[EMBER_MAX_INDICES],
                                     int ntargets, int n, int nplain, int nsym)
{
    write_targets("composed_targets.m", targets, ntargets, n);
    tables_doc plain = reduce_example(family, point, "composed_targets.m", false, nplain);
    int8_t(*all)[EMBER_MAX_INDICES] = calloc(plain.count + (size_t)ntargets, sizeof *all);
    memcpy(all, targets, (size_t)ntargets * sizeof *all);
    int count = ntargets, found = 0;
    const tables_doc_entry **plain_masters = calloc(plain.count + 1, sizeof *plain_masters);
    for (size_t k = 0; k < plain.count; k++)
        if (plain.entries[k].master) {
            plain_masters[found++] = &plain.entries[k];
            memcpy(all[count++], plain.entries[k].v, (size_t)n);
        }
    assert_int_equal(found, nplain);
    write_targets("composed_all.m", (const int8_t(*)[EMBER_MAX_INDICES])all, count, n);
    tables_doc sym = reduce_example(family, point, "composed_all.m", true, nsym);
    modp_t m;
    modp_init(&m, modp_prime_at(1));
    int nsym_masters = 0;
    for (size_t k = 0; k < sym.count; k++) {
        if (!sym.entries[k].master)
            continue;
        nsym_masters++;
        const int8_t *master = sym.entries[k].v;
        for (int t = 0; t < ntargets; t++) {
            uint64_t composed = 0;
            for (int j = 0; j < nplain; j++)
                composed = modp_add(composed, modp_mul(coefficient(&plain, targets[t], plain_masters[j]->v, n),
                                                       coefficient(&sym, plain_masters[j]->v, master, n), &m), &m);
            assert_true(composed == coefficient(&sym, targets[t], master, n));
        }
    }
    assert_int_equal(nsym_masters, nsym);
    tables_doc_clear(&plain);
    tables_doc_clear(&sym);
    free(plain_masters);
    free(all);
}

/* The planar double box with its symmetries has 8 master integrals, as in J. M. Henn,
 * "Multiloop integrals in dimensional regularization made simple", Phys. Rev. Lett. 110 (2013)
 * 251601, arXiv:1304.1806 (without them 12, FIRE's doublebox etalon). */
static void test_doublebox_symmetries(void **state)
{
    (void)state;
    const int8_t targets[][EMBER_MAX_INDICES] = {
        { 1, 1, 1, 1, 1, 1, 1, -1, 0 }, { 1, 1, 1, 1, 1, 1, 1, 0, -1 }, { 1, 1, 1, 1, 1, 1, 1, -1, -1 },
        { 2, 1, 1, 1, 1, 1, 1, 0, 0 },  { 1, 1, 1, 1, 2, 1, 1, 0, 0 },
    };
    check_symmetries_compose("doublebox", "d=37,s=11,t=13", targets, 5, 9, 12, 8);
}

/* The non-planar double box has no symmetry of the whole family, only maps between subsectors
 * (with numerators rewritten): IBPs alone leave 16 masters, the maps 12. */
static void test_nonplanar_sector_maps(void **state)
{
    (void)state;
    const int8_t targets[][EMBER_MAX_INDICES] = {
        { 1, 1, 1, 1, 1, 1, 1, -1, 0 }, { 1, 1, 1, 1, 1, 1, 1, 0, -1 }, { 1, 1, 1, 1, 1, 1, 1, -1, -1 },
        { 2, 1, 1, 1, 1, 1, 1, 0, 0 },  { 1, 1, 1, 1, 2, 1, 1, 0, 0 },  { 1, 1, 1, 1, 1, 1, 2, -1, 0 },
        { 1, 0, 1, 1, 1, 1, 1, -1, 0 }, { 1, 1, 0, 1, 1, 1, 1, 0, -2 }, { 1, 1, 1, 1, 0, 1, 1, -1, -1 },
    };
    check_symmetries_compose("nonplanar", "d=37,s=11,t=13", targets, 9, 9, 16, 12);
}

/* The example families' master counts with their symmetries, at a generic point. */
static int example_masters(const char *family, const char *point)
{
    char targets[4200];
    snprintf(targets, sizeof targets, "%s/%s/targets.m", examples, family);
    return run_example(family, point, targets, true, 1, "example.tables").masters;
}

static void test_example_master_counts(void **state)
{
    (void)state;
    /* the box and the s- and t-channel bubbles; J. M. Henn, "Lectures on differential equations
     * for Feynman integrals", J. Phys. A 48 (2015) 153001, arXiv:1412.2296 */
    assert_int_equal(example_masters("box", "d=37,T=3"), 3);
    /* the equal-mass bubble and the tadpole (the two tadpoles are one by the symmetry), as in
     * the same lectures */
    assert_int_equal(example_masters("bubble", "d=37,s=11"), 2);
    /* Henn, Phys. Rev. Lett. 110 (2013) 251601, arXiv:1304.1806 (also test_doublebox_symmetries) */
    assert_int_equal(example_masters("doublebox", "d=37,s=11,t=3"), 8);
    /* the one-mass sunrise: every subsector is a product of tadpoles, one of them massless, so
     * zero. Its top sector has as many masters as G = U + F has proper critical points (R. N. Lee,
     * A. A. Pomeransky, "Critical points and number of master integrals", JHEP 11 (2013) 165,
     * arXiv:1308.6676). With U = x1x2 + x1x3 + x2x3 and G = U (1 + m2 x1) - s x1x2x3 (mass on
     * line 1), dG/dx2 - dG/dx3 = (x3 - x2)(1 + (m2 - s) x1): either x1 = 1/(s - m2), which
     * dG/dx2 = 0 turns into x1 = 0 (not proper), or x2 = x3 = y, where dG/dx1 = 0 gives
     * y = -(2 + 4 m2 x1)/(m2 - s) and dG/dx2 = 0 a quadratic in x1: two points, each with
     * G != 0 and a non-singular Hessian at generic s, m2. A count derived from that published
     * criterion (and equal to an independent Laporta reduction's), not a quoted number. */
    assert_int_equal(example_masters("sunrise", "d=37,s=11"), 2);
}

/* The equal-mass sunrise of tests/families/sunrise-equal has a global symmetry (lines 1 and 2
 * swapped) and sector maps: the tadpole products {1,1,0}, {1,0,1} and {0,1,1} are one master,
 * T(m)^2, and the top sector keeps 3 (the automorphisms of a single sector are not used). A
 * map is written for the orbit's sector FIRE numbers, and the orbit loses its SBasisN mark;
 * with another representative FIRE (and ember) skipped the map and reported 5 masters. */
static void test_sector_maps_with_global_symmetry(void **state)
{
    (void)state;
    const int8_t targets[][EMBER_MAX_INDICES] = {
        { 1, 1, 1, 0, 0 }, { 2, 1, 1, 0, 0 }, { 1, 1, 1, -1, 0 }, { 1, 1, 1, -1, -1 }, { 1, 1, 0, 0, 0 },
        { 1, 0, 1, 0, 0 }, { 0, 1, 1, 0, 0 }, { 0, 1, 1, -1, 0 }, { 1, 0, 1, 0, -1 },
    };
    check_symmetries_compose("../tests/families/sunrise-equal", "d=37,s=11", targets, 9, 5, 7, 4);
}

/* The massless non-planar (crossed) double box: every integral of its top sector reduces to
 * "two master crossed boxes plus simpler-topology diagrams", C. Anastasiou, T. Gehrmann,
 * C. Oleari, E. Remiddi, J. B. Tausk, Nucl. Phys. B 580 (2000) 577, hep-ph/0003261. The 10
 * masters of its subsectors (12 in all, once the sector maps merge equal subsectors) are a
 * regression figure, checked against the IBPs by test_nonplanar_sector_maps and equal to an
 * independent Laporta reduction's, not a quoted one. */
static void test_nonplanar_master_counts(void **state)
{
    (void)state;
    char targets[4200];
    snprintf(targets, sizeof targets, "%s/nonplanar/targets.m", examples);
    tables_doc doc = reduce_example("nonplanar", "d=37,s=11,t=3", targets, true, 12);
    int top = 0;
    for (size_t k = 0; k < doc.count; k++) {
        bool all_lines = doc.entries[k].master;
        for (int i = 0; i < 7; i++)
            all_lines = all_lines && doc.entries[k].v[i] > 0;
        top += all_lines;
    }
    assert_int_equal(top, 2);
    tables_doc_clear(&doc);
}

/* Writes a family directory from the two files' texts and returns kira_read's message. */
static const char *family_error(const char *families, const char *kinematics)
{
    static diag_t d;
    mkdir("bad", 0755);
    mkdir("bad/config", 0755);
    FILE *fp = fopen("bad/config/integralfamilies.yaml", "w");
    fputs(families, fp);
    fclose(fp);
    fp = fopen("bad/config/kinematics.yaml", "w");
    fputs(kinematics, fp);
    fclose(fp);
    kira_family kf;
    if (kira_read("bad", &kf, &d) != 0)
        return d.message;
    gen_system sys;
    char err[512];
    int status = ibpgen_build(&kf.def, &sys, err, sizeof err);
    if (status == 0)
        gen_system_clear(&sys, &kf.def);
    else
        snprintf(d.message, sizeof d.message, "%s", err);
    kira_clear(&kf);
    return status == 0 ? NULL : d.message;
}

static const char bubble_kinematics[] =
    "kinematics:\n  incoming_momenta: [p]\n  kinematic_invariants:\n    - [s, 2]\n    - [m2, 2]\n"
    "  scalarproduct_rules:\n    - [[p, p], s]\n";

static void expect(const char *families, const char *kinematics, const char *want)
{
    const char *msg = family_error(families, kinematics);
    if (!msg || !strstr(msg, want))
        fail_msg("expected an error containing '%s', got '%s'", want, msg ? msg : "(none)");
}

static void test_malformed_families(void **state)
{
    (void)state;
    const char *good = "integralfamilies:\n  - name: b\n    loop_momenta: [k]\n    propagators:\n"
                       "      - [\"k\", m2]\n      - [\"k+p\", 0]\n";
    assert_null(family_error(good, bubble_kinematics));
    expect("integralfamilies:\n  - name: b\n    loop_momenta: [k]\n    propagators:\n"
           "      - [\"k*k\", m2]\n      - [\"k+p\", 0]\n", bubble_kinematics,
           "integralfamilies.yaml:5: propagator 1 'k*k': expected a linear combination of momenta");
    expect("integralfamilies:\n  - name: b\n    loop_momenta: [k]\n    propagators:\n      - [\"k\", m2]\n",
           bubble_kinematics, "1 propagators, but 1 loop momenta and 1 independent external momenta have 2 scalar products");
    expect("integralfamilies:\n  - name: b\n    loop_momenta: [k]\n    propagators:\n"
           "      - [\"k\", m2]\n      - [\"2*k\", 0]\n", bubble_kinematics, "linearly dependent");
    expect("integralfamilies:\n  - name: b\n    loop_momenta: [k]\n    propagators:\n"
           "      - [\"k\", mass]\n      - [\"k+p\", 0]\n", bubble_kinematics,
           "integralfamilies.yaml:5: propagator 1 'mass': unknown symbol");
    expect("integralfamilies:\n  - name: b\n    loop_momenta: [k]\n    propagators:\n"
           "      - [\"k\", m2]\n      - [\"k+q\", 0]\n", bubble_kinematics, "unknown momentum 'q'");
    expect(good, "kinematics:\n  incoming_momenta: [p]\n  kinematic_invariants:\n    - [s, 2]\n    - [m2, 2]\n",
           "kinematics.yaml:2: missing key 'scalarproduct_rules'");
    expect(good, "kinematics:\n  incoming_momenta: [p\n", "kinematics.yaml:3: malformed YAML");
}

int main(int argc, char **argv)
{
    if (argc < 2 || !realpath(argv[1], examples))
        return 2;
    if (argc > 2 && (!realpath(argv[2], fire_tests) || access(fire_tests, R_OK) != 0))
        fire_tests[0] = '\0';
    if (enter_work_dir(EMBER_TEST_WORK, "family") != 0)
        return 1;
    diag_set_quiet(true);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_box_ibps),
        cmocka_unit_test(test_box_matches_fire),
        cmocka_unit_test(test_doublebox_matches_fire),
        cmocka_unit_test(test_zero_sectors_agree_with_fire),
        cmocka_unit_test(test_box_symmetries),
        cmocka_unit_test(test_box_sector_maps),
        cmocka_unit_test(test_doublebox_symmetries),
        cmocka_unit_test(test_nonplanar_sector_maps),
        cmocka_unit_test(test_sector_maps_with_global_symmetry),
        cmocka_unit_test(test_example_master_counts),
        cmocka_unit_test(test_nonplanar_master_counts),
        cmocka_unit_test(test_malformed_families),
    };
    return cmocka_run_group_tests_name("family", tests, NULL, NULL);
}
