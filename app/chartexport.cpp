#include "chartexport.h"

#include "filebytes.h"

#include <qcustomplot.h>

#include <QApplication>
#include <QBuffer>
#include <QFileInfo>
#include <QFontInfo>
#include <QImageWriter>
#include <QPdfWriter>
#include <QRegularExpression>
#include <QSvgGenerator>

#include <cmath>
#include <string>
#include <string_view>
#include <vector>

namespace roi {

using namespace Qt::StringLiterals;

namespace {

constexpr int kDpi = 96;

/// QSvgGenerator writes every drawing call in a group of its own that repeats the whole state
/// (fill, stroke, transform, font: about 250 bytes), even when nothing is drawn: a bar chart of
/// 120 months was 250 KB. This drops the empty groups and merges a group into the one before it
/// when their opening tags are the same (same state, so the same inherited attributes), which
/// leaves what is drawn, and its order, as it was.
QByteArray compactSvgGroups(const QByteArray &svg)
{
    using std::string_view;
    constexpr string_view kOpen = "<g ";
    constexpr string_view kClose = "</g>";
    auto space = [](char ch) {
        return ch == ' ' || ch == '\n' || ch == '\r' || ch == '\t';
    };
    const string_view in(svg.constData(), static_cast<std::size_t>(svg.size()));
    // Pass 1: without the groups that hold nothing.
    std::string kept;
    kept.reserve(in.size());
    std::size_t at = 0;
    while (at < in.size()) {
        const std::size_t open = in.find(kOpen, at);
        const std::size_t end = open == string_view::npos ? open : in.find('>', open);
        if (end == string_view::npos) {
            kept.append(in.substr(at));
            break;
        }
        std::size_t next = end + 1;
        while (next < in.size() && space(in[next]))
            ++next;
        if (in.substr(next, kClose.size()) == kClose) {
            kept.append(in.substr(at, open - at));
            at = next + kClose.size();
            while (at < in.size() && space(in[at]))
                ++at;
            continue;
        }
        kept.append(in.substr(at, end + 1 - at));
        at = end + 1;
    }
    // Pass 2: "</g> <g SAME>" goes, the group goes on.
    const string_view k(kept);
    QByteArray out;
    out.reserve(static_cast<qsizetype>(k.size()));
    std::vector<string_view> openTags;
    at = 0;
    while (at < k.size()) {
        const std::size_t open = k.find(kOpen, at);
        const std::size_t close = k.find(kClose, at);
        if (open == string_view::npos && close == string_view::npos) {
            out.append(k.data() + at, static_cast<qsizetype>(k.size() - at));
            break;
        }
        if (open != string_view::npos && (close == string_view::npos || open < close)) {
            const std::size_t end = k.find('>', open);
            if (end == string_view::npos) {
                out.append(k.data() + at, static_cast<qsizetype>(k.size() - at));
                break;
            }
            openTags.push_back(k.substr(open, end + 1 - open));
            out.append(k.data() + at, static_cast<qsizetype>(end + 1 - at));
            at = end + 1;
            continue;
        }
        std::size_t next = close + kClose.size();
        while (next < k.size() && space(k[next]))
            ++next;
        if (!openTags.empty() && k.substr(next, openTags.back().size()) == openTags.back()) {
            // The same state again: the next group's content continues this one.
            out.append(k.data() + at, static_cast<qsizetype>(close - at));
            at = next + openTags.back().size();
            continue;
        }
        if (!openTags.empty())
            openTags.pop_back();
        out.append(k.data() + at, static_cast<qsizetype>(close + kClose.size() - at));
        at = close + kClose.size();
    }
    return out;
}

} // namespace

QFont reportFont(double pointSize)
{
    QFont font;
    font.setFamilies(
        {u"Noto Sans"_s, u"Liberation Sans"_s, u"Arimo"_s, u"Arial"_s, u"DejaVu Sans"_s});
    font.setStyleHint(QFont::SansSerif);
    font.setPointSizeF(pointSize);
    // Name the family found, so SVG text (which records one family) names a real font.
    font.setFamily(QFontInfo(font).family());
    // A hair of letter spacing turns ligatures off, so "fi" is copied and found as two letters.
    font.setLetterSpacing(QFont::AbsoluteSpacing, 0.02);
    return font;
}

void useReportFonts(QCustomPlot &plot)
{
    const QFont font = reportFont(9);
    plot.setFont(font);
    for (QCPAxis *axis : plot.axisRect()->axes()) {
        axis->setTickLabelFont(font);
        axis->setLabelFont(font);
    }
    plot.legend->setFont(font);
}

QByteArray renderPlotPng(QCustomPlot &plot, QSize size, double scale)
{
    QImage image = plot.toPixmap(size.width(), size.height(), scale).toImage();
    // Record the scaled density so viewers that honour it show the logical size.
    const int dotsPerMeter = static_cast<int>(std::lround(kDpi * scale / 0.0254));
    image.setDotsPerMeterX(dotsPerMeter);
    image.setDotsPerMeterY(dotsPerMeter);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QImageWriter writer(&buffer, "png");
    if (!writer.write(image))
        return {};
    return bytes;
}

QByteArray renderPlotPdf(QCustomPlot &plot, QSize size, const QString &title)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    {
        QPdfWriter writer(&buffer);
        writer.setResolution(kDpi);
        writer.setTitle(title);
        writer.setCreator(u"ROI Workbench "_s + QLatin1String(ROI_VERSION));
        // A page exactly the chart's size: one pixel is one 96-dpi pixel, as on screen.
        const QSizeF points(size.width() * 72.0 / kDpi, size.height() * 72.0 / kDpi);
        writer.setPageLayout(
            QPageLayout(QPageSize(points, QPageSize::Point, QString(), QPageSize::ExactMatch),
                        QPageLayout::Portrait, QMarginsF(0, 0, 0, 0)));
        QCPPainter painter;
        if (!painter.begin(&writer))
            return {};
        painter.setMode(QCPPainter::pmVectorized);
        painter.setWindow(0, 0, size.width(), size.height());
        plot.toPainter(&painter, size.width(), size.height());
        if (!painter.end())
            return {};
    }
    return bytes;
}

QByteArray renderPlotSvg(QCustomPlot &plot, QSize size, const QString &title)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator generator;
    generator.setOutputDevice(&buffer);
    generator.setSize(size);
    generator.setViewBox(QRect(QPoint(0, 0), size));
    // Font point sizes map to pixels as on screen.
    generator.setResolution(kDpi);
    generator.setTitle(title);
    generator.setDescription(u"Drawn by ROI Workbench"_s);
    QCPPainter painter;
    if (!painter.begin(&generator))
        return {};
    painter.setMode(QCPPainter::pmVectorized);
    plot.toPainter(&painter, size.width(), size.height());
    if (!painter.end())
        return {};
    // QSvgGenerator names one font family; add fallbacks so a viewer without it stays sans-serif.
    static const QRegularExpression family(u"font-family=\"([^\"]*)\""_s);
    QString svg = QString::fromUtf8(compactSvgGroups(bytes));
    svg.replace(family, u"font-family=\"\\1, 'Noto Sans', Arial, Helvetica, sans-serif\""_s);
    return svg.toUtf8();
}

std::optional<ChartFormat> chartFormatFromPath(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == u"png"_s)
        return ChartFormat::Png;
    if (suffix == u"pdf"_s)
        return ChartFormat::Pdf;
    if (suffix == u"svg"_s)
        return ChartFormat::Svg;
    return std::nullopt;
}

std::optional<ChartKind> chartKindFromId(const QString &id)
{
    for (ChartKind kind : kAllChartKinds) {
        if (chartId(kind).compare(id, Qt::CaseInsensitive) == 0)
            return kind;
    }
    return std::nullopt;
}

QByteArray chartBytes(const Workbook &workbook, const Results &results, ChartKind kind, int useCase,
                      int scenario, ChartFormat format, QString *error,
                      const ChartExportOptions &options)
{
    if (!qobject_cast<QApplication *>(QCoreApplication::instance())) {
        *error = u"Drawing a chart needs a QApplication"_s;
        return {};
    }
    if (useCase < -1 || useCase >= results.useCaseCount) {
        *error = u"No use case %1 in the workbook"_s.arg(useCase + 1);
        return {};
    }
    if (scenario < 0 || scenario >= static_cast<int>(results.scenarios.size())) {
        *error = u"No scenario %1 in the workbook"_s.arg(scenario + 1);
        return {};
    }
    if (!options.size.isValid() || options.size.width() > 10000 || options.size.height() > 10000
        || !(options.pngScale > 0 && options.pngScale <= 8)) {
        *error = u"Chart size out of range"_s;
        return {};
    }
    QCustomPlot plot;
    plot.resize(options.size);
    useReportFonts(plot);
    ChartInput in{&workbook,
                  &results,
                  useCase,
                  scenario,
                  NumberFormat(QString::fromStdString(workbook.settings.currency), options.locale),
                  options.allScenarios};
    drawChart(plot, kind, in);
    const QString title = chartTitle(kind);
    QByteArray bytes;
    switch (format) {
    case ChartFormat::Png:
        bytes = renderPlotPng(plot, options.size, options.pngScale);
        break;
    case ChartFormat::Pdf:
        bytes = renderPlotPdf(plot, options.size, title);
        break;
    case ChartFormat::Svg:
        bytes = renderPlotSvg(plot, options.size, title);
        break;
    }
    if (bytes.isEmpty())
        *error = u"Cannot render the %1 chart"_s.arg(title);
    return bytes;
}

bool exportChart(const Workbook &workbook, const Results &results, ChartKind kind, int useCase,
                 int scenario, const QString &path, QString *error,
                 const ChartExportOptions &options)
{
    const auto format = chartFormatFromPath(path);
    if (!format) {
        *error = u"%1: a chart is written as .png, .pdf or .svg"_s.arg(path);
        return false;
    }
    const QByteArray bytes =
        chartBytes(workbook, results, kind, useCase, scenario, *format, error, options);
    if (bytes.isEmpty())
        return false;
    return writeFileAtomically(path, bytes, false, error);
}

} // namespace roi
