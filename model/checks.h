// Model checks: the red flags a finance reviewer raises about a business case (a baseline dated
// after launch, the invoice taken for the cost, benefits counted twice...). Each finding names the
// input concerned and a one-line fix.
#pragma once

#include "calendar.h"
#include "results.h"
#include "workbook.h"

namespace roi {

/// Appends the findings about `workbook` to `results.findings` (the engine calls this after
/// computing, so checks can use the results). `today` dates the price quotes.
void runChecks(const Workbook &workbook, Results &results, Date today);

} // namespace roi
