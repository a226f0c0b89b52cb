// Model checks on savings levers (case health): savings claimed without their costs or risks,
// prices that make a lever pointless, claims that add up to more than the layer costs, and
// savings measured against last month's bill instead of the baseline.
#pragma once

#include "results.h"
#include "workbook.h"

namespace roi {

/// Appends the lever findings about `workbook` to `results.findings`.
void checkLevers(const Workbook &workbook, Results &results);

} // namespace roi
