#include "kernels/point.h"

#include <stdio.h>

static void set_h1(point_key *k, uint16_t h1)
{
    k->w[2] = (k->w[2] & ~((uint64_t)0xffff << 48)) | ((uint64_t)h1 << 48);
}

point_key point_key_raw(unsigned sector, const int8_t *v, int n)
{
    point_key k = { { 0, 0, 0 } };
    set_h1(&k, (uint16_t)(sector << 1));
    for (int i = 0; i < n; i++)
        point_key_set_byte(&k, 21 - i, (uint8_t)(128 + v[i]));
    return k;
}

point_key point_key_virtual(unsigned sector, uint32_t serial)
{
    point_key k = { { 0, 0, 0 } };
    set_h1(&k, (uint16_t)(sector << 1));
    for (int b = 0; b < 4; b++)
        point_key_set_byte(&k, 17 + b, (uint8_t)(serial >> (8 * b)));
    return k;
}

#if !defined(__BYTE_ORDER__) || __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "point keys are assembled from bytes in little-endian order"
#endif

point_key point_key_ordered(unsigned sector, bool not_preferred, const int *row, int n)
{
    uint8_t bytes[24] = { 0 };
    for (int i = 0; i < n; i++)
        bytes[21 - i] = (uint8_t)(1 + row[i]);
    uint16_t h1 = (uint16_t)((sector << 1) | (not_preferred ? 1u : 0u));
    bytes[22] = (uint8_t)h1;
    bytes[23] = (uint8_t)(h1 >> 8);
    point_key k;
    memcpy(k.w, bytes, sizeof bytes);
    return k;
}

void point_key_id(const point_key *k, int n, char *buf)
{
    int len = sprintf(buf, "%u", (unsigned)point_key_h1(k));
    for (int i = 0; i < n; i++)
        len += sprintf(buf + len, "%03d", (int)point_key_byte(k, 21 - i) - 1);
}
