// Case-health findings about the actuals: a price book that disagrees with the reported cost
// (stale or wrong rates), usage of models the price book cannot price, rules that name no use
// case, and low coverage.
#pragma once

#include "../results.h"
#include "../workbook.h"

namespace roi::actuals {

/// Reported cost more than this share away from the price book (both ways) is a finding.
inline constexpr double kPriceTolerance = 0.05;
/// Coverage below this share is a finding.
inline constexpr double kCoverageFloor = 0.8;

/// Appends the actuals findings about `workbook` to `results.findings`.
void checkActuals(const Workbook &workbook, Results &results);

} // namespace roi::actuals
