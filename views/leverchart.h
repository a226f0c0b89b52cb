// The savings waterfall: the cost of the layers that have levers without them, one step per
// lever (its saving net of its own costs: down when it saves, up when it costs more than it
// saves), and the cost with them. Drawn with real floating bars, not an invisible base bar.
#pragma once

#include "numberformat.h"
#include "results.h"
#include "workbook.h"

#include <QString>
#include <QVector>

class QCustomPlot;

namespace roi {

struct WaterfallStep
{
    QString label;
    double from = 0;    // level before the step
    double to = 0;      // level after it
    bool total = false; // the baseline and optimised bars, drawn from zero
};

/// The steps of the waterfall of a result (a use case or the portfolio) over the horizon:
/// baseline bar, one step per lever in the engine's order, optimised bar. Empty when the result
/// has no lever.
QVector<WaterfallStep> waterfallSteps(const Workbook &workbook, const CaseResult &result);

/// Clears `plot` and draws the waterfall with title and axis labels. Does not replot.
void drawWaterfall(QCustomPlot &plot, const Workbook &workbook, const CaseResult &result,
                   const NumberFormat &format);

} // namespace roi
