// The charts of ROI Workbench, drawn onto a QCustomPlot: the window shows them live and the
// reports render the same plots to PDF, SVG and PNG, so both always agree.
#pragma once

#include "numberformat.h"
#include "results.h"
#include "workbook.h"

#include <QColor>
#include <QString>
#include <QVector>

class QCustomPlot;

namespace roi {

enum class ChartKind {
    CumulativeNet,     // cumulative net for every scenario, payback points marked
    CostVsBenefit,     // monthly cost stacked by category against hard benefit
    InvoiceVsTrueCost, // run-rate TCO by layer: how small the model fee is
    Adoption,          // adoption ramp and handled units
    Comparison,        // use cases side by side: NPV, TCO, hard benefit
    Tornado,           // the NPV's sensitivity to each input (reports; not in kAllChartKinds)
    SavingsWaterfall,  // savings levers: baseline → each lever → optimised (leverchart.h)
    // Monte Carlo (reports; not in kAllChartKinds): drawn from the workbook's uncertainty
    // set-up on the chart's scenario, see uncertaintycharts.h.
    UncertaintyFan,         // P10/P50/P90 of cumulative net per month
    UncertaintyHistogram,   // NPV histogram with P10/P50/P90 and break-even marked
    UncertaintyRoiHistogram // ROI histogram, the same marks
};
// The window's chart tabs and the chart command; the waterfall lives on the Levers tab.
inline constexpr ChartKind kAllChartKinds[] = {ChartKind::CumulativeNet, ChartKind::CostVsBenefit,
                                               ChartKind::InvoiceVsTrueCost, ChartKind::Adoption,
                                               ChartKind::Comparison};

struct ChartInput
{
    const Workbook *workbook = nullptr;
    const Results *results = nullptr;
    int useCase = 0; // -1: the portfolio
    int scenario = 0;
    NumberFormat format;
    /// Overlay every scenario where a chart shows one (cost vs benefit, adoption).
    bool allScenarios = false;
};

enum class UncertaintyChart; // uncertaintycharts.h
/// The Monte Carlo chart an Uncertainty* kind draws (Fan for any other kind).
UncertaintyChart uncertaintyChartOf(ChartKind kind);
QString chartTitle(ChartKind kind);
/// A file-name friendly identifier: "cumulative-net".
QString chartId(ChartKind kind);

/// Clears `plot` and draws the chart with title, axis labels and legend. Does not replot: the
/// window queues a replot, exporters render directly.
void drawChart(QCustomPlot &plot, ChartKind kind, const ChartInput &input);

/// The colours charts use, so tiles and tables can match them.
QColor scenarioColor(int scenario);
QColor categoryColor(CostCategory category);

} // namespace roi
