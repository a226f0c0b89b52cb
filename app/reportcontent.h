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
#include <optional>
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

/// A part of the report written when a renderer reaches it, with its charts appended to the
/// report's: the analytics section, whose Monte Carlo run and tornado are computed on other
/// threads meanwhile.
using ReportPart = std::function<QString(std::vector<ReportChart> &charts)>;

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
    /// The parts written late (buildReportContent with `deferAnalytics`): `<!--roi-part:N-->` in
    /// the body stands for parts[N]; see resolveParts. Empty otherwise.
    std::vector<ReportPart> parts;
    std::vector<std::optional<QString>> writtenParts; // parts already written
};

inline constexpr char kPartMarker[] = "<!--roi-part:";

/// `html` (a piece of content.body) with each part marker replaced by its part, written on its
/// first use (its charts appended to content.charts) and the same text after.
QString resolveParts(ReportContent &content, QString html);

inline constexpr char kChartScheme[] = "roi-chart:";
inline constexpr char kLogoName[] = "roi-logo";

/// The style sheet both renderers use (QTextDocument honours a subset; the HTML file adds more).
QString reportStyleSheet();

/// Builds the report. `contentWidth` is the printable width in CSS pixels (charts are sized to
/// it).
/// With `deferAnalytics` the Monte Carlo and tornado subsections are parts written when a
/// renderer reaches them (resolveParts): they are computed on other threads meanwhile. Without,
/// the body is whole. Either way the written report is the same.
ReportContent buildReportContent(const Workbook &workbook, const Results &results,
                                 const ReportOptions &options, int contentWidth,
                                 bool deferAnalytics = false);

/// The headline scenario for the options: the chosen one, else Base, else the first.
int headlineScenario(const Results &results, const ReportOptions &options);

/// Decodes the workbook logo (base64 PNG); a null image when empty or not a PNG.
QImage decodeLogo(const std::string &base64Png);

} // namespace roi
