#include "kernels/compat_sort.h"

#include <stdlib.h>
#include <string.h>

enum { INSERTION_THRESHOLD = 16 };

typedef struct {
    char *base;
    size_t size;
    compat_less_fn less;
    void *ctx;
    char *tmp;       /* one element of scratch */
} sorter_t;

#define AT(s, i) ((s)->base + (size_t)(i) * (s)->size)

/* Copies one element; the common sizes get fixed-size copies the compiler inlines. */
static inline void move(const sorter_t *s, void *dst, const void *src)
{
    switch (s->size) {
    case 4: memcpy(dst, src, 4); break;
    case 8: memcpy(dst, src, 8); break;
    case 16: memcpy(dst, src, 16); break;
    case 24: memcpy(dst, src, 24); break;
    case 32: memcpy(dst, src, 32); break;
    case 56: memcpy(dst, src, 56); break;
    default: memcpy(dst, src, s->size); break;
    }
}

static bool lt(const sorter_t *s, size_t i, size_t j) { return s->less(AT(s, i), AT(s, j), s->ctx); }

static void swap(sorter_t *s, size_t i, size_t j)
{
    if (i == j)
        return;
    move(s, s->tmp, AT(s, i));
    move(s, AT(s, i), AT(s, j));
    move(s, AT(s, j), s->tmp);
}

/* Shifts element `last` left while it is smaller than its neighbour (no lower bound check). */
static void unguarded_linear_insert(sorter_t *s, size_t last, char *val)
{
    move(s, val, AT(s, last));
    size_t next = last - 1;
    while (s->less(val, AT(s, next), s->ctx)) {
        move(s, AT(s, last), AT(s, next));
        last = next;
        next--;
    }
    move(s, AT(s, last), val);
}

static void insertion_sort(sorter_t *s, size_t first, size_t last, char *val)
{
    if (first == last)
        return;
    for (size_t i = first + 1; i < last; i++) {
        if (lt(s, i, first)) {
            move(s, val, AT(s, i));
            memmove(AT(s, first + 1), AT(s, first), (i - first) * s->size);
            move(s, AT(s, first), val);
        } else {
            unguarded_linear_insert(s, i, val);
        }
    }
}

/* Heap of the range [first, first+len), as std::make_heap / std::sort_heap build it. */
static void adjust_heap(sorter_t *s, size_t first, size_t hole, size_t len, char *val)
{
    size_t top = hole;
    size_t child = hole;
    while (child < (len - 1) / 2) {
        child = 2 * (child + 1);
        if (lt(s, first + child, first + child - 1))
            child--;
        move(s, AT(s, first + hole), AT(s, first + child));
        hole = child;
    }
    if ((len & 1) == 0 && child == (len - 2) / 2) {
        child = 2 * (child + 1);
        move(s, AT(s, first + hole), AT(s, first + child - 1));
        hole = child - 1;
    }
    /* push val back up from the hole */
    size_t parent = hole > 0 ? (hole - 1) / 2 : 0;
    while (hole > top && s->less(AT(s, first + parent), val, s->ctx)) {
        move(s, AT(s, first + hole), AT(s, first + parent));
        hole = parent;
        parent = hole > 0 ? (hole - 1) / 2 : 0;
    }
    move(s, AT(s, first + hole), val);
}

static void heap_sort(sorter_t *s, size_t first, size_t last, char *val)
{
    size_t len = last - first;
    if (len < 2)
        return;
    for (size_t parent = (len - 2) / 2;; parent--) {
        move(s, val, AT(s, first + parent));
        adjust_heap(s, first, parent, len, val);
        if (parent == 0)
            break;
    }
    while (last - first > 1) {
        last--;
        move(s, val, AT(s, last));
        move(s, AT(s, last), AT(s, first));
        adjust_heap(s, first, 0, last - first, val);
    }
}

static void move_median_to_first(sorter_t *s, size_t result, size_t a, size_t b, size_t c)
{
    if (lt(s, a, b)) {
        if (lt(s, b, c))
            swap(s, result, b);
        else if (lt(s, a, c))
            swap(s, result, c);
        else
            swap(s, result, a);
    } else if (lt(s, a, c)) {
        swap(s, result, a);
    } else if (lt(s, b, c)) {
        swap(s, result, c);
    } else {
        swap(s, result, b);
    }
}

static size_t unguarded_partition(sorter_t *s, size_t first, size_t last, size_t pivot)
{
    for (;;) {
        while (lt(s, first, pivot))
            first++;
        last--;
        while (lt(s, pivot, last))
            last--;
        if (!(first < last))
            return first;
        swap(s, first, last);
        first++;
    }
}

static void introsort_loop(sorter_t *s, size_t first, size_t last, size_t depth, char *val)
{
    while (last - first > INSERTION_THRESHOLD) {
        if (depth == 0) {
            heap_sort(s, first, last, val);
            return;
        }
        depth--;
        size_t mid = first + (last - first) / 2;
        move_median_to_first(s, first, first + 1, mid, last - 1);
        size_t cut = unguarded_partition(s, first + 1, last, first);
        introsort_loop(s, cut, last, depth, val);
        last = cut;
    }
}

void compat_sort(void *base, size_t count, size_t size, compat_less_fn less, void *ctx)
{
    if (count < 2)
        return;
    char *scratch = malloc(2 * size);
    sorter_t s = { base, size, less, ctx, scratch };
    char *val = scratch + size;
    size_t lg = 0;
    for (size_t n = count; n > 1; n >>= 1)
        lg++;
    introsort_loop(&s, 0, count, 2 * lg, val);
    if (count > INSERTION_THRESHOLD) {
        insertion_sort(&s, 0, INSERTION_THRESHOLD, val);
        for (size_t i = INSERTION_THRESHOLD; i < count; i++)
            unguarded_linear_insert(&s, i, val);
    } else {
        insertion_sort(&s, 0, count, val);
    }
    free(scratch);
}
