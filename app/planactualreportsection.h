// The "Plan vs actual" section of the PDF and HTML reports (issue 13): the basis the actuals are
// compared with (snapshot label, date, who), the executive three numbers by month (and by week
// where the usage was daily), a chart and a month table for the portfolio and each use case with
// actuals (forecast line, actual bars, variance, tolerance band), the overrun findings and the
// recalibrated KPIs (actual to date + forecast, the actual months named).
#pragma once

#include "reportcontent.h"

#include "planactual/planactualreport.h"

#include <QString>

#include <vector>

namespace roi {

class NumberFormat;

/// Appends the section (starting on a new page) to `html` and its charts to `charts`; writes
/// nothing when the workbook has no actuals. `scenario`: the live forecast's scenario.
void appendPlanActualSection(QString &html, std::vector<ReportChart> &charts,
                             const Workbook &workbook, const Results &results, int scenario,
                             const NumberFormat &format, int contentWidth);

/// The section's HTML for a report already built (tests; charts dropped).
QString planActualSectionHtml(const Workbook &workbook, const PlanActualReport &report,
                              const Results &results, int scenario, const NumberFormat &format);

/// Draws the plan-vs-actual chart of `pa`: forecast cost as a line, the tolerance band above it,
/// actual cost as bars, each month's variance % over its bar (red when above the band).
void drawPlanActualChart(QCustomPlot &plot, const PlanActual &pa, const NumberFormat &format);

} // namespace roi
