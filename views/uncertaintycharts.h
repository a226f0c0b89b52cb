// The uncertainty charts, drawn into any QCustomPlot (the pane on screen, the report off
// screen): the fan chart of cumulative net, the NPV histogram with P10/P50/P90 and break-even,
// the S-curve (CDF) of NPV, and the sensitivity ranking.
#pragma once

#include "analytics/montecarlo.h"

#include <QString>

class QCustomPlot;

namespace roi {

enum class UncertaintyChart { Fan, Histogram, Cdf, Sensitivity };
inline constexpr UncertaintyChart kAllUncertaintyCharts[] = {
    UncertaintyChart::Fan, UncertaintyChart::Histogram, UncertaintyChart::Cdf,
    UncertaintyChart::Sensitivity};

QString uncertaintyChartTitle(UncertaintyChart chart);

/// Draws one chart of `series` (0 = portfolio) of a summary; clears the plot first.
void drawUncertaintyChart(QCustomPlot &plot, UncertaintyChart chart,
                          const MonteCarloSummary &summary, int series, const QString &currency);

} // namespace roi
