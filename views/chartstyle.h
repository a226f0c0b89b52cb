// The look every chart of the window shares (defined in charts.cpp): clearing a plot for a new
// draw, the title and subtitle rows, the axis colours, the legend strip under the axis rect and
// the compact money axis. Charts drawn outside charts.cpp use these so they all look alike.
#pragma once

#include "numberformat.h"

#include <QSharedPointer>
#include <QString>

class QCPAxis;
class QCPAxisTicker;
class QCustomPlot;

namespace roi {

/// Clears plottables, items and title rows, parks the legend, hides the right axis and resets
/// tickers and labels, then styles the axes.
void resetChart(QCustomPlot &plot);
void addChartTitle(QCustomPlot &plot, const QString &title, const QString &subtitle = {});
/// The legend in a row under the axis rect, in columns, so it never hides data.
void placeChartLegend(QCustomPlot &plot);
/// Axis labels in the workbook currency, compact ("$1.2M").
QSharedPointer<QCPAxisTicker> moneyTicker(const NumberFormat &format);
/// `lo`..`hi` with 6% padding (below only when `lo` is negative); a flat range becomes 0..1.
void setPaddedRange(QCPAxis *axis, double lo, double hi);

} // namespace roi
