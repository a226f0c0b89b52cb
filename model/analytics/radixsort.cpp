#include "radixsort.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <utility>

namespace roi::radix {

namespace {

constexpr int kBits = 11; // 6 passes of 2,048 buckets cover 64 bits
constexpr int kBuckets = 1 << kBits;
constexpr int kPasses = (64 + kBits - 1) / kBits;

/// An unsigned key that orders as the double does: negatives flipped whole, positives with
/// the sign bit set.
std::uint64_t keyOf(double v)
{
    const auto u = std::bit_cast<std::uint64_t>(v);
    return (u >> 63) != 0 ? ~u : u | (std::uint64_t{1} << 63);
}

/// LSD radix sort of `keys`, with `payload` (when not null) moved alongside; stable: equal keys
/// keep their order. Passes in which every key has the same digit are skipped.
template<typename Payload>
void sortKeys(std::vector<std::uint64_t> &keys, std::vector<Payload> *payload)
{
    const std::size_t n = keys.size();
    std::vector<std::array<std::uint32_t, kBuckets>> counts(kPasses);
    for (auto &c : counts)
        c.fill(0);
    for (std::uint64_t k : keys) {
        for (int p = 0; p < kPasses; ++p)
            ++counts[static_cast<std::size_t>(p)][(k >> (p * kBits)) & (kBuckets - 1)];
    }
    std::vector<std::uint64_t> keys2(n);
    std::vector<Payload> payload2(payload ? n : 0);
    for (int p = 0; p < kPasses; ++p) {
        auto &c = counts[static_cast<std::size_t>(p)];
        if (std::find(c.begin(), c.end(), static_cast<std::uint32_t>(n)) != c.end())
            continue; // one digit for all: the order stays
        std::uint32_t sum = 0;
        for (auto &x : c)
            sum += std::exchange(x, sum);
        const int shift = p * kBits;
        if (payload) {
            for (std::size_t i = 0; i < n; ++i) {
                const std::uint32_t at = c[(keys[i] >> shift) & (kBuckets - 1)]++;
                keys2[at] = keys[i];
                payload2[at] = (*payload)[i];
            }
            payload->swap(payload2);
        } else {
            for (std::size_t i = 0; i < n; ++i)
                keys2[c[(keys[i] >> shift) & (kBuckets - 1)]++] = keys[i];
        }
        keys.swap(keys2);
    }
}

bool anyNan(std::span<const double> x)
{
    return std::any_of(x.begin(), x.end(), [](double v) { return std::isnan(v); });
}

} // namespace

void sortDoubles(std::vector<double> &values)
{
    if (values.size() < 256 || anyNan(values)) {
        std::sort(values.begin(), values.end());
        return;
    }
    std::vector<std::uint64_t> keys(values.size());
    for (std::size_t i = 0; i < values.size(); ++i)
        keys[i] = keyOf(values[i]);
    // The key is the value (a bijection), so the sorted keys give back the sorted values.
    sortKeys<char>(keys, nullptr);
    for (std::size_t i = 0; i < values.size(); ++i) {
        const std::uint64_t k = keys[i];
        values[i] = std::bit_cast<double>((k >> 63) != 0 ? k & ~(std::uint64_t{1} << 63) : ~k);
    }
}

void sortedIndices(std::span<const double> x, std::vector<std::uint32_t> &order)
{
    const std::size_t n = x.size();
    order.resize(n);
    for (std::size_t i = 0; i < n; ++i)
        order[i] = static_cast<std::uint32_t>(i);
    if (n < 256 || anyNan(x)) {
        std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
            return x[a] < x[b] || (x[a] == x[b] && a < b);
        });
        return;
    }
    std::vector<std::uint64_t> keys(n);
    for (std::size_t i = 0; i < n; ++i)
        keys[i] = keyOf(x[i] + 0.0); // −0 + 0 is +0: equal values, one key
    sortKeys(keys, &order);          // stable: equal values stay in index order
}

} // namespace roi::radix
