// Synthetic workbooks for the benchmarks: many realistic use cases (4-8 cost layers covering every
// layer type, 2-4 value drivers of every kind, risk, ramp-up) under Base, Best and Worst.
#pragma once

#include "workbook.h"

#include <cstdint>

namespace roibench {

/// A valid workbook of `useCases` use cases over `months` months (1..120). The same seed gives
/// the same workbook on every platform (no standard-library distributions).
roi::Workbook syntheticWorkbook(int useCases, int months, std::uint64_t seed = 1);

} // namespace roibench
