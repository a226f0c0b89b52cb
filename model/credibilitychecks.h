// Model checks that catch the too-good case: an implausible ROI, labor value above the team's
// whole payroll, value counted before the build is done, payback inside the ramp-up and a stale
// baseline. Called by runChecks (checks.h) with the computed results.
#pragma once

#include "calendar.h"
#include "results.h"
#include "workbook.h"

namespace roi {

/// ROI over the horizon above which a use case is flagged, in per cent.
inline constexpr double kPlausibleRoiPercent = 1000.0;
/// Days after which a baseline is stale (measured at go-live, or today when later).
inline constexpr int kStaleBaselineDays = 365;

/// Appends the findings to `results.findings` (base scenario).
void runCredibilityChecks(const Workbook &workbook, Results &results, Date today);

} // namespace roi
