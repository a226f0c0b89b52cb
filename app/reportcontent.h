// The content of the PDF and HTML reports, written once as HTML in the subset QTextDocument
// renders (which browsers render too). Charts and the logo are placeholders each renderer fills
// in: vector drawings on the PDF page, SVG and PNG data URIs in the HTML file.
#pragma once

#include "charts.h"
#include "reportexporter.h"

#include <QImage>
#include <QSize>
#include <QString>

#include <functional>
#include <vector>

namespace roi {

/// A chart of the report, drawn where `<img src="roi-chart:N" width height>` stands (N: its
/// index; width and height: the size on the page, in CSS pixels).
struct ReportChart
{
    ChartKind kind = ChartKind::CumulativeNet;
    int useCase = 0; // -1: the portfolio
    int scenario = 0;
    QSize size; // logical size the chart is drawn at, then scaled to the page
    bool allScenarios = false;
    /// Draws the chart instead of drawChart(kind): for a chart of a computation the report made
    /// once (the Monte Carlo run of the uncertainty section). Called on the GUI thread.
    std::function<void(QCustomPlot &, const NumberFormat &)> draw = nullptr;
};

/// Draws a report chart: its own `draw`, else drawChart.
inline void drawReportChart(QCustomPlot &plot, const ReportChart &chart, const ChartInput &input)
{
    if (chart.draw)
        chart.draw(plot, input.format);
    else
        drawChart(plot, chart.kind, input);
}

/// The logical width report charts are drawn at.
inline constexpr int kReportChartWidth = 800;

struct ReportContent
{
    QString title;       // the workbook name, plain text
    QString headerLeft;  // running header, plain text
    QString headerRight; // the report date
    QString footerLeft;  // "Prepared by ..."
    QString body;        // HTML body content; user text escaped
    std::vector<ReportChart> charts;
    QImage logo; // null when the workbook has none (or it does not decode); "roi-logo"
    int headlineScenario = 0;
};

inline constexpr char kChartScheme[] = "roi-chart:";
inline constexpr char kLogoName[] = "roi-logo";

/// The style sheet both renderers use (QTextDocument honours a subset; the HTML file adds more).
QString reportStyleSheet();

/// Builds the report. `contentWidth` is the printable width in CSS pixels (charts are sized to
/// it).
ReportContent buildReportContent(const Workbook &workbook, const Results &results,
                                 const ReportOptions &options, int contentWidth);

/// The headline scenario for the options: the chosen one, else Base, else the first.
int headlineScenario(const Results &results, const ReportOptions &options);

/// Decodes the workbook logo (base64 PNG); a null image when empty or not a PNG.
QImage decodeLogo(const std::string &base64Png);

} // namespace roi
