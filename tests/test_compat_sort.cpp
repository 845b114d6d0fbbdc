// compat_sort must leave equal-ranked elements in exactly the order GCC's std::sort leaves
// them (FIRE's seeds and equations are ordered by std::sort). Random arrays with many ties,
// of sizes around the insertion-sort threshold and far above it, are sorted both ways.
#include <algorithm>
#include <cstdio>
#include <random>
#include <vector>

extern "C" {
#include "kernels/compat_sort.h"
}

struct item {
    int rank;   // what is compared
    int id;     // tells equal-ranked elements apart
};

static bool less_c(const void *a, const void *b, void *)
{
    return static_cast<const item *>(a)->rank < static_cast<const item *>(b)->rank;
}

int main()
{
    std::mt19937 rng(12345);
    const int sizes[] = { 0, 1, 2, 3, 15, 16, 17, 31, 100, 1000, 5000 };
    int failures = 0, cases = 0;
    for (int size : sizes) {
        for (int distinct : { 1, 2, 5, 50, 1000000 }) {
            for (int round = 0; round < 20; round++) {
                std::vector<item> a(size);
                std::uniform_int_distribution<int> pick(0, distinct - 1);
                for (int i = 0; i < size; i++)
                    a[i] = { pick(rng), i };
                if (round % 5 == 1)
                    std::sort(a.begin(), a.end(), [](const item &x, const item &y) { return x.rank < y.rank; });
                if (round % 5 == 2)
                    std::reverse(a.begin(), a.end());
                std::vector<item> b = a;
                std::sort(a.begin(), a.end(), [](const item &x, const item &y) { return x.rank < y.rank; });
                compat_sort(b.data(), b.size(), sizeof(item), less_c, nullptr);
                cases++;
                for (int i = 0; i < size; i++) {
                    if (a[i].id != b[i].id) {
                        std::printf("size %d, %d distinct ranks, round %d: position %d holds id %d, std::sort has %d\n",
                                    size, distinct, round, i, b[i].id, a[i].id);
                        failures++;
                        break;
                    }
                }
            }
        }
    }
    std::printf("%d passed, %d failed\n", cases - failures, failures);
    return failures != 0;
}
