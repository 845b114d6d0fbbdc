/* Integral points packed into FIRE's 24-byte keys.
 *
 * A key compares as three 64-bit words, most significant first, which orders points exactly
 * as FIRE does: by sector number, then the not-preferred bit, then the rows of the sector's
 * ordering matrix applied to the degree vector (dots a_i - 1, numerator powers -a_i).
 * Byte 22..23 hold h1 = 2*sector + not_preferred; byte 21-i holds 1 + row i. Masters and
 * zero-mapped integrals live in sector 1 with raw indices (128 + a_i). A virtual point
 * (a masked tail of lower-sector terms) has byte 21 = 0 and a 32-bit counter in bytes 17..20,
 * so it sorts below every real point of its sector. */
#ifndef EMBER_POINT_H
#define EMBER_POINT_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#define EMBER_MAX_INDICES 22
#define EMBER_MASTER_SECTOR 1
#define EMBER_MAX_SECTOR 32767   /* h1 = 2 * sector + 1 fits 16 bits */

typedef struct {
    uint64_t w[3];   /* w[2] is the most significant word */
} point_key;

typedef int8_t point_vec[EMBER_MAX_INDICES];   /* indices a_1..a_n; unused tail is zero */

static inline int point_key_cmp(const point_key *a, const point_key *b)
{
    for (int i = 2; i >= 0; i--)
        if (a->w[i] != b->w[i])
            return a->w[i] < b->w[i] ? -1 : 1;
    return 0;
}

static inline bool point_key_eq(const point_key *a, const point_key *b)
{
    return a->w[0] == b->w[0] && a->w[1] == b->w[1] && a->w[2] == b->w[2];
}

static inline bool point_key_is_zero(const point_key *k)
{
    return (k->w[0] | k->w[1] | k->w[2]) == 0;
}

static inline uint8_t point_key_byte(const point_key *k, int b)
{
    return (uint8_t)(k->w[b / 8] >> (8 * (b % 8)));
}

static inline void point_key_set_byte(point_key *k, int b, uint8_t v)
{
    uint64_t shift = 8 * (uint64_t)(b % 8);
    k->w[b / 8] = (k->w[b / 8] & ~((uint64_t)0xff << shift)) | ((uint64_t)v << shift);
}

static inline uint16_t point_key_h1(const point_key *k) { return (uint16_t)(k->w[2] >> 48); }
static inline unsigned point_key_sector(const point_key *k) { return point_key_h1(k) >> 1; }
static inline bool point_key_is_virtual(const point_key *k) { return point_key_byte(k, 21) == 0; }

/* A key in the given sector number with raw indices (sector 1 or a symmetry-mapped sector). */
point_key point_key_raw(unsigned sector, const int8_t *v, int n);

/* A virtual point of `sector` with counter `serial`. */
point_key point_key_virtual(unsigned sector, uint32_t serial);

/* A key from ordering rows: row[i] is the row value (without FIRE's +1 offset). */
point_key point_key_ordered(unsigned sector, bool not_preferred, const int *row, int n);

/* FIRE's table ID: h1 in decimal, then three digits per index (stored byte minus 1).
 * buf needs at least 6 + 3*n + 1 bytes. */
void point_key_id(const point_key *k, int n, char *buf);

/* Lexicographic comparison of index vectors as unsigned bytes (FIRE's point_fast order). */
static inline int point_vec_cmp(const int8_t *a, const int8_t *b)
{
    return memcmp(a, b, EMBER_MAX_INDICES);
}

#endif
