#include "sensitivityreport.h"

#include "chartstyle.h"
#include "tornadochart.h"

#include <algorithm>
#include <cmath>
#include <memory>

namespace roi {

namespace {

QString cell(const QString &text, bool numeric)
{
    return QStringLiteral("<td align=\"%1\"%2>%3</td>")
        .arg(numeric ? QStringLiteral("right") : QStringLiteral("left"),
             numeric ? QStringLiteral(" class=\"n\"") : QString(), text);
}

} // namespace

TornadoRun::TornadoRun(const Workbook &workbook, int useCase, int scenario)
    : m_useCase(useCase)
    , m_scenario(scenario)
    , m_options(defaultTornadoOptions(workbook, {useCase, scenario}))
{
    m_future = std::async(std::launch::async, [&workbook, useCase, scenario, o = m_options] {
        return tornado(workbook, {useCase, scenario}, o);
    });
}

std::shared_ptr<const TornadoResult> TornadoRun::result()
{
    if (!m_result)
        m_result = std::make_shared<const TornadoResult>(m_future.get());
    return m_result;
}

void appendTornadoSection(QString &html, std::vector<ReportChart> &charts, const Workbook &wb,
                          int useCase, int scenario, const NumberFormat &f, int contentWidth)
{
    TornadoRun run(wb, useCase, scenario);
    appendTornadoSection(html, charts, wb, run, f, contentWidth);
}

void appendTornadoSection(QString &html, std::vector<ReportChart> &charts, const Workbook &wb,
                          TornadoRun &run, const NumberFormat &f, int contentWidth)
{
    const int useCase = run.useCase();
    const int scenario = run.scenario();
    const TornadoOptions &options = run.options();
    const std::shared_ptr<const TornadoResult> shared = run.result();
    const TornadoResult &t = *shared;
    if (!t.ok() || t.bars.empty() || !t.base.ok())
        return;
    const bool worstBest = options.range == TornadoRange::WorstBest;
    const bool percentiles = options.range == TornadoRange::Custom;
    const QString subject =
        useCase < 0 ? QStringLiteral("the portfolio")
                    : QString::fromStdString(wb.useCases[static_cast<std::size_t>(useCase)].name)
                          .toHtmlEscaped();
    html += QStringLiteral("<h2>Sensitivity (tornado)</h2>\n");
    html += QStringLiteral("<p>Each %1, changed alone %2 while every other input keeps its "
                           "value; the NPV of %3 is recomputed each time. The longest bars are "
                           "the assumptions the case depends on most.</p>\n")
                .arg(percentiles ? QStringLiteral("uncertain input")
                                 : QStringLiteral("input that the scenarios move"),
                     percentiles ? QStringLiteral("to the P10 and to the P90 of its distribution")
                     : worstBest ? QStringLiteral("to its Worst and to its Best value")
                                 : QStringLiteral("by −20% and +20%"),
                     subject);
    // The chart: one row per bar (at most 12), drawn at the report's chart width.
    const int shown = std::min<int>(12, static_cast<int>(t.bars.size()));
    const int height = std::clamp(150 + 34 * shown, 260, 560);
    const QSize logical(kReportChartWidth, height);
    const int index = static_cast<int>(charts.size());
    ReportChart c;
    c.kind = ChartKind::Tornado;
    c.useCase = useCase;
    c.scenario = scenario;
    c.size = logical;
    // Drawn from the tornado computed here (drawChart(Tornado) would compute it again), as
    // drawChart draws it: the chart reset, then the bars.
    c.draw = [shared,
              subject = useCase < 0 ? QStringLiteral("Portfolio")
                                    : QString::fromStdString(
                                        wb.useCases[static_cast<std::size_t>(useCase)].name),
              range = tornadoRangeText(options)](QCustomPlot &plot, const NumberFormat &format) {
        resetChart(plot);
        drawTornado(plot, *shared, format, subject, range);
    };
    charts.push_back(std::move(c));
    const int shownHeight =
        static_cast<int>(std::lround(height * double(contentWidth) / logical.width()));
    html += QStringLiteral("<p class=\"chart\" align=\"center\"><img src=\"%1%2\" width=\"%3\" "
                           "height=\"%4\" alt=\"Tornado\"></p>\n")
                .arg(QLatin1String(kChartScheme))
                .arg(index)
                .arg(contentWidth)
                .arg(shownHeight);
    // The table: every bar, with the input values at each end.
    const QString low = percentiles ? QStringLiteral("P10")
                        : worstBest ? QStringLiteral("Worst")
                                    : QStringLiteral("−20%");
    const QString high = percentiles ? QStringLiteral("P90")
                         : worstBest ? QStringLiteral("Best")
                                     : QStringLiteral("+20%");
    html += QStringLiteral("<table class=\"data\" width=\"100%\" cellspacing=\"0\" "
                           "cellpadding=\"4\">\n<thead><tr>");
    const QStringList headers = {QStringLiteral("Input"),
                                 low,
                                 high,
                                 QStringLiteral("NPV at %1").arg(low),
                                 QStringLiteral("NPV at %1").arg(high),
                                 QStringLiteral("Swing")};
    const int widths[] = {36, 11, 11, 14, 14, 14};
    for (int i = 0; i < headers.size(); ++i) {
        html += QStringLiteral("<th align=\"%1\" width=\"%2%\">%3</th>")
                    .arg(i == 0 ? QStringLiteral("left") : QStringLiteral("right"))
                    .arg(widths[i])
                    .arg(headers[i]);
    }
    html += QStringLiteral("</tr></thead>\n<tbody>\n");
    auto money = [&](const Kpi &k) {
        return k.ok() ? f.money(k.value, 0).toHtmlEscaped()
                      : NumberFormat::stateText(k.state).toHtmlEscaped();
    };
    bool clamped = false;
    for (const TornadoBar &b : t.bars) {
        clamped = clamped || b.clamped;
        html += QStringLiteral("<tr>")
                + cell(QString::fromStdString(b.label).toHtmlEscaped()
                           + (b.clamped ? QStringLiteral(" *") : QString()),
                       false)
                + cell(inputValueText(b.input, b.lowValue, f).toHtmlEscaped(), true)
                + cell(inputValueText(b.input, b.highValue, f).toHtmlEscaped(), true)
                + cell(money(b.atLow), true) + cell(money(b.atHigh), true)
                + cell(f.money(b.swing, 0).toHtmlEscaped(), true) + QStringLiteral("</tr>\n");
    }
    html += QStringLiteral("</tbody></table>\n");
    html += QStringLiteral("<p class=\"note\">Base NPV %1. Swing: how far the NPV moves between "
                           "the two ends (and the base). One input at a time: inputs that move "
                           "together (a Monte Carlo run with correlations) can move it further.%2"
                           "</p>\n")
                .arg(f.money(t.base.value, 0).toHtmlEscaped(),
                     clamped ? QStringLiteral(" * An end fell outside the input's legal range "
                                              "and was clamped to it.")
                             : QString());
}

} // namespace roi
