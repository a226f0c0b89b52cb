// Radix sorts for the Monte Carlo summary: 100,000 trials are ranked and sorted many times per
// run, and a comparison sort of that many doubles costs several times an LSD radix sort.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace roi::radix {

/// Sorts `values` ascending by value, as std::sort does: the same values in the same order
/// (−0 and +0, which are equal, may come either way round, as with std::sort). Values should
/// not be NaN (with one, this falls back to std::sort).
void sortDoubles(std::vector<double> &values);

/// The indices 0..n−1 of `x`, ordered by value and, among equal values (−0 equals +0), by
/// index: the order of sorting (value, index) pairs. Values should not be NaN (with one, this
/// falls back to a comparison sort).
void sortedIndices(std::span<const double> x, std::vector<std::uint32_t> &order);

} // namespace roi::radix
