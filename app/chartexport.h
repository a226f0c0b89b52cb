// Renders one chart offscreen to PNG (at a scale, for sharp slides), PDF or SVG (vectors).
// QCustomPlot 2.1 has no SVG export: QSvgGenerator + QCustomPlot::toPainter draws one.
#pragma once

#include "reportexporter.h"

#include <QByteArray>
#include <QFont>

class QCustomPlot;

namespace roi {

/// The fonts report and exported charts use, whatever the desktop's font: set before drawChart.
void useReportFonts(QCustomPlot &plot);
/// The report's sans-serif font (TrueType families first: the PDF engine embeds those as subsets
/// with a text layer).
QFont reportFont(double pointSize);

/// Renders an already drawn plot at `size` (logical pixels); empty on failure.
QByteArray renderPlotPng(QCustomPlot &plot, QSize size, double scale);
QByteArray renderPlotPdf(QCustomPlot &plot, QSize size, const QString &title);
QByteArray renderPlotSvg(QCustomPlot &plot, QSize size, const QString &title);

} // namespace roi
