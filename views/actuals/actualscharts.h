// The charts of the Actuals page, drawn onto any QCustomPlot: cost by month stacked by model,
// and a breakdown (feature, team, customer, use case) as ranked horizontal bars.
#pragma once

#include "numberformat.h"

#include "actuals/report.h"

#include <QColor>
#include <QString>

class QCustomPlot;

namespace roi {

/// Models (or keys) drawn apart; the rest are summed into one "Other" bar.
inline constexpr int kMaxChartSeries = 7;
inline constexpr int kMaxBreakdownBars = 12;

/// Colour of the i-th series of a stacked or ranked actuals chart.
QColor actualsSeriesColor(int index);

/// Cost by month stacked by model: `byModel` is buildReport(workbook, Dimension::Model).
/// Clears the plot first; does not replot.
void drawCostByMonth(QCustomPlot &plot, const actuals::Report &byModel, const NumberFormat &format);

/// The largest keys of `report` by total cost, as horizontal bars with their share.
void drawBreakdown(QCustomPlot &plot, const actuals::Report &report, const QString &title,
                   const NumberFormat &format);

/// "Mar 2026" for a month.
QString monthLabel(const YearMonth &month, bool shortYear = false);

} // namespace roi
