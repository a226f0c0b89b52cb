// The "Cost optimisation" section of the PDF and HTML reports: the three numbers (baseline cost,
// optimised cost, savings %), the savings waterfall and the lever table (saving, cost, net,
// payback, ROI) of a use case with savings levers.
#pragma once

#include "reportcontent.h"

#include "numberformat.h"

#include <QString>

#include <vector>

namespace roi {

/// The section's HTML for use case `useCase` under `scenario`, empty when it has no lever; adds
/// its chart to `charts` (drawn where its `roi-chart:N` image stands, `width` CSS pixels wide).
QString leversReportSection(const Workbook &workbook, const Results &results, int useCase,
                            int scenario, const NumberFormat &format, int width,
                            std::vector<ReportChart> &charts);

} // namespace roi
