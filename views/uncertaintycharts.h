// The uncertainty charts, drawn into any QCustomPlot (the pane on screen, the report off
// screen): the fan chart of cumulative net, the NPV and ROI histograms with P10/P50/P90 and
// break-even, the S-curve (CDF) of NPV, and the sensitivity ranking.
#pragma once

#include "analytics/montecarlo.h"

#include <QString>

class QCustomPlot;

namespace roi {

enum class UncertaintyChart { Fan, Histogram, Cdf, Sensitivity, RoiHistogram };
/// In the pane's tab order.
inline constexpr UncertaintyChart kAllUncertaintyCharts[] = {
    UncertaintyChart::Fan, UncertaintyChart::Histogram, UncertaintyChart::RoiHistogram,
    UncertaintyChart::Cdf, UncertaintyChart::Sensitivity};
inline constexpr int kUncertaintyChartCount = 5;

QString uncertaintyChartTitle(UncertaintyChart chart);

/// Draws one chart of `series` (0 = portfolio) of a summary; clears the plot first.
void drawUncertaintyChart(QCustomPlot &plot, UncertaintyChart chart,
                          const MonteCarloSummary &summary, int series, const QString &currency);

} // namespace roi
