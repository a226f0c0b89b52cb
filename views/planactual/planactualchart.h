// The plan-vs-actual charts, drawn onto any QCustomPlot in the look of the other charts
// (chartstyle.h): forecast line, actual bars (those above the tolerance band in red), the band
// shaded around the forecast and the variance % on the right axis; and the recalibrated series
// of a use case (actual to date + forecast) with its actual months shaded.
#pragma once

#include "numberformat.h"

#include "planactual/planvsactual.h"

#include <QString>

class QCustomPlot;

namespace roi {

/// Names of the plottables, so tests and exports can find them.
inline constexpr const char *kForecastSeries = "Forecast";
inline constexpr const char *kActualSeries = "Actual";
inline constexpr const char *kActualAboveSeries = "Actual above tolerance";
inline constexpr const char *kVarianceSeries = "Variance % (right axis)";

/// Clears the plot first; does not replot.
void drawPlanVsActual(QCustomPlot &plot, const PlanActual &pa, const NumberFormat &format,
                      const QString &subject);

/// Monthly cost and benefit of `r` over the horizon from `startMonth`, the months that are
/// actual shaded and named in the subtitle. Clears the plot first; does not replot.
void drawRecalibrated(QCustomPlot &plot, const Recalibrated &r, const YearMonth &startMonth,
                      const NumberFormat &format, const QString &subject);

/// "Jan–Apr 2026" (or "Nov 2025–Feb 2026") for the actual months of `r`; empty when none.
QString actualMonthsText(const Recalibrated &r, const YearMonth &startMonth);

} // namespace roi
