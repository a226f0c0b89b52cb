// Plan vs actual as data: the CSV tables (months, recalibrated KPIs, executive numbers) that the
// CSV export writes beside its other files, and the JSON object `compute --format json` adds.
// Plain text from a PlanActualReport; no Qt.
#pragma once

#include "planactualreport.h"

#include <nlohmann/json_fwd.hpp>

#include <string>

namespace roi {

/// One row per use case (then "Portfolio") and month with actuals: forecast and actual cost,
/// variance (money, %), token cost, calls / requests, outcomes, above the tolerance band.
std::string planActualMonthsCsv(const PlanActualReport &report);
/// One row per use case: actual to date + forecast (TCO, benefit, net, ROI), with the months
/// that are actual.
std::string planActualRecalibratedCsv(const PlanActualReport &report);
/// One row per period (months, then ISO weeks when there are weekly figures): baseline cost,
/// realised cost, savings %.
std::string planActualExecutiveCsv(const PlanActualReport &report);

/// The whole report as one JSON object ("basis", "tolerance", "useCases", "portfolio",
/// "recalibrated", "findings", "executive").
nlohmann::json planActualJson(const PlanActualReport &report);

/// "2026-02, 2026-03" or "2026-01 to 2026-04": the months of `r` that are actual.
std::string actualMonthsText(const Recalibrated &r, YearMonth start);

} // namespace roi
