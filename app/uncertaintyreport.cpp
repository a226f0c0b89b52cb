#include "uncertaintyreport.h"

#include "montecarlorunner.h"
#include "numberformat.h"
#include "uncertaintycharts.h"

#include "analytics/summaryexport.h"
#include "format.h"
#include "workbook.h"

#include <cmath>
#include <memory>

namespace roi {

namespace {

QString esc(const std::string &s)
{
    return QString::fromStdString(s).toHtmlEscaped();
}

// Money without cents: the spread of a simulation is wider than a cent.
std::string stat(const Kpi &k, Metric metric, const std::string &currency)
{
    if (k.ok() && metric != Metric::RoiPercent && metric != Metric::Payback)
        return formatMoney(k.value, currency, 0);
    return formatStat(k, metric, currency);
}

QString cell(const std::string &s)
{
    return QStringLiteral("<td align=\"right\" class=\"n\">%1</td>").arg(esc(s));
}

/// A chart of the run, drawn from the summary the section printed (not a second run).
void appendChart(QString &out, std::vector<ReportChart> &charts,
                 const std::shared_ptr<const MonteCarloSummary> &summary, ChartKind kind,
                 int series, int contentWidth, int height)
{
    ReportChart c;
    c.kind = kind;
    c.useCase = series - 1;
    c.size = QSize(kReportChartWidth, height);
    const UncertaintyChart chart = uncertaintyChartOf(kind);
    c.draw = [summary, chart, series](QCustomPlot &plot, const NumberFormat &format) {
        drawUncertaintyChart(plot, chart, *summary, series, format.currency());
    };
    const int index = static_cast<int>(charts.size());
    charts.push_back(std::move(c));
    out +=
        QStringLiteral("<p class=\"chart\" align=\"center\"><img src=\"%1%2\" width=\"%3\" "
                       "height=\"%4\" alt=\"%5\"></p>\n")
            .arg(QLatin1String(kChartScheme))
            .arg(index)
            .arg(contentWidth)
            .arg(static_cast<int>(std::lround(height * double(contentWidth) / kReportChartWidth)))
            .arg(chartTitle(kind).toHtmlEscaped());
}

} // namespace

namespace {

MonteCarloOptions sectionOptions(const Workbook &workbook, const std::string &scenario)
{
    MonteCarloOptions options = MonteCarloOptions::fromWorkbook(workbook);
    if (!scenario.empty())
        options.scenario = scenario;
    return options;
}

} // namespace

UncertaintyRun::UncertaintyRun(const Workbook &workbook, const std::string &scenario)
    : m_plan(std::make_unique<MonteCarloPlan>(workbook, sectionOptions(workbook, scenario)))
{
    if (runs())
        m_run = std::make_unique<BackgroundMonteCarlo>(*m_plan, false);
}

UncertaintyRun::~UncertaintyRun() = default;

bool UncertaintyRun::runs() const
{
    return m_plan->ok() && !m_plan->inputs().empty();
}

std::shared_ptr<const MonteCarloSummary> UncertaintyRun::summary()
{
    if (!m_summary) {
        const BackgroundMonteCarlo::Outcome &done = m_run->get();
        m_summary = done.summary ? done.summary : std::make_shared<const MonteCarloSummary>();
    }
    return m_summary;
}

QString uncertaintySectionHtml(const Workbook &workbook, const QLocale &locale)
{
    QString out;
    std::vector<ReportChart> charts;
    appendUncertaintySection(out, charts, workbook, {}, locale, 700);
    return out;
}

void appendUncertaintySection(QString &out, std::vector<ReportChart> &charts,
                              const Workbook &workbook, const std::string &scenario,
                              const QLocale &locale, int contentWidth)
{
    UncertaintyRun run(workbook, scenario);
    appendUncertaintySection(out, charts, workbook, run, locale, contentWidth);
}

void appendUncertaintySection(QString &out, std::vector<ReportChart> &charts,
                              const Workbook &workbook, UncertaintyRun &run, const QLocale &locale,
                              int contentWidth)
{
    out += uncertaintyHeading();
    appendUncertaintyBody(out, charts, workbook, run, locale, contentWidth);
}

QString uncertaintyHeading()
{
    return QStringLiteral("<h1 class=\"page\">Uncertainty and sensitivity</h1>\n");
}

void appendUncertaintyBody(QString &out, std::vector<ReportChart> &charts, const Workbook &workbook,
                           UncertaintyRun &run, const QLocale &locale, int contentWidth)
{
    const MonteCarloPlan &plan = run.plan();
    if (!run.runs()) {
        out += QStringLiteral("<p>No simulation: %1.</p>\n")
                   .arg(plan.ok() ? QStringLiteral("no input is uncertain (the Worst and Best "
                                                   "scenarios move nothing and none is set up)")
                                  : esc(plan.error()));
        return;
    }
    const std::shared_ptr<const MonteCarloSummary> shared = run.summary();
    const MonteCarloSummary &s = *shared;
    const std::string cur = workbook.settings.currency;
    const NumberFormat nf(QString::fromStdString(cur), locale);
    out += QStringLiteral(
               "<p>A Monte Carlo simulation of %9 trials (seed %2, %3 sampling, scenario %4) "
               "draws %5 uncertain inputs%6. These figures are reproduced by</p>\n"
               "<p style=\"font-family: monospace; margin-left: 16px\">roi-workbench analyze FILE "
               "--trials %1 --seed %2 --sampling %7%8</p>\n")
               .arg(s.trials)
               .arg(s.seed)
               .arg(s.sampling == SamplingMethod::Random ? QStringLiteral("random")
                                                         : QStringLiteral("Latin Hypercube"))
               .arg(esc(s.scenario))
               .arg(s.inputs.size())
               .arg(workbook.uncertainty.inputs.empty()
                        ? QStringLiteral(", each a PERT from its Worst, Base and Best values")
                        : QString())
               .arg(QString::fromUtf8(name(s.sampling).data(),
                                      static_cast<qsizetype>(name(s.sampling).size())),
                    s.scenario == kBaseScenario
                        ? QString()
                        : QStringLiteral(" --scenario \"%1\"").arg(esc(s.scenario)))
               .arg(nf.number(s.trials, 0));
    if (s.correlation.repaired)
        out += QStringLiteral("<p>The rank correlations set up cannot hold together; the "
                              "nearest valid matrix was used (Frobenius distance %1).</p>\n")
                   .arg(s.correlation.distance, 0, 'f', 4);
    // The portfolio (or the lone use case) in full; several use cases then in one table.
    const std::size_t first = s.series.size() == 2 ? 1 : 0;
    for (std::size_t i = first; i <= first; ++i) {
        const SeriesSummary &ss = s.series[i];
        out += QStringLiteral("<h2>%1</h2>\n").arg(esc(ss.name));
        out += QStringLiteral(
            "<table class=\"grid\" width=\"100%\" cellspacing=\"0\" "
            "cellpadding=\"4\">\n<thead><tr>"
            "<th align=\"left\" width=\"16%\"></th><th align=\"right\" width=\"12%\">Mean</th>"
            "<th align=\"right\" width=\"12%\">SD</th>");
        for (std::size_t p = 0; p < kPercentiles.size(); ++p)
            out += QStringLiteral("<th align=\"right\" width=\"12%\">%1</th>")
                       .arg(QString::fromStdString(percentileLabel(p)));
        out += QStringLiteral("</tr></thead>\n<tbody>\n");
        for (int m = 0; m < kMetricCount; ++m) {
            const Metric metric = static_cast<Metric>(m);
            const OutputStats &st = ss.stats(metric);
            out += QStringLiteral("<tr><td align=\"left\">%1</td>")
                       .arg(QString::fromUtf8(metricLabel(metric).data(),
                                              static_cast<qsizetype>(metricLabel(metric).size())));
            out += cell(stat(st.mean, metric, cur));
            out += metric == Metric::Payback && st.sd.ok()
                       ? cell(formatNumber(st.sd.value, 1) + " months")
                       : cell(stat(st.sd, metric, cur));
            for (const Kpi &k : st.percentiles)
                out += cell(stat(k, metric, cur));
            out += QStringLiteral("</tr>\n");
        }
        out += QStringLiteral("</tbody></table>\n");
        out += QStringLiteral("<p><b>P(ROI &gt; 0) %1</b> · P(NPV &gt; 0) %2 · P(payback within "
                              "%3 months) %4 · standard error of the mean NPV %5</p>\n")
                   .arg(nf.percent(ss.pRoiPositive), nf.percent(ss.pNpvPositive))
                   .arg(s.months)
                   .arg(nf.percent(ss.pPayback), nf.money(ss.npvStandardError));
        appendChart(out, charts, shared, ChartKind::UncertaintyFan, static_cast<int>(i),
                    contentWidth, 360);
        appendChart(out, charts, shared, ChartKind::UncertaintyHistogram, static_cast<int>(i),
                    contentWidth, 330);
        appendChart(out, charts, shared, ChartKind::UncertaintyRoiHistogram, static_cast<int>(i),
                    contentWidth, 330);
        if (!ss.sensitivity.empty()) {
            out += QStringLiteral("<h3>What drives NPV</h3>\n<table class=\"grid\" width=\"100%\" "
                                  "cellspacing=\"0\" cellpadding=\"4\">\n<thead><tr>"
                                  "<th align=\"left\" width=\"60%\">Uncertain input</th>"
                                  "<th align=\"right\" width=\"20%\">Rank correlation with NPV</th>"
                                  "<th align=\"right\" width=\"20%\">Share of variance</th>"
                                  "</tr></thead>\n<tbody>\n");
            const std::size_t shown = std::min<std::size_t>(ss.sensitivity.size(), 6);
            for (std::size_t k = 0; k < shown; ++k) {
                const InputSensitivity &e = ss.sensitivity[k];
                out += QStringLiteral("<tr><td align=\"left\">%1</td><td align=\"right\" "
                                      "class=\"n\">%2</td><td align=\"right\" "
                                      "class=\"n\">%3</td></tr>\n")
                           .arg(esc(s.inputs[static_cast<std::size_t>(e.input)]))
                           .arg(e.rankCorrelation, 0, 'f', 2)
                           .arg(nf.percent(e.varianceShare));
            }
            out += QStringLiteral("</tbody></table>\n");
        }
    }
    if (s.series.size() > 2) {
        out += QStringLiteral("<h2>By use case</h2>\n<table class=\"grid\" width=\"100%\" "
                              "cellspacing=\"0\" cellpadding=\"4\">\n<thead><tr>"
                              "<th align=\"left\" width=\"22%\">Use case</th>"
                              "<th align=\"right\" width=\"13%\">NPV P10</th>"
                              "<th align=\"right\" width=\"13%\">NPV P50</th>"
                              "<th align=\"right\" width=\"13%\">NPV P90</th>"
                              "<th align=\"right\" width=\"13%\">P(ROI &gt; 0)</th>"
                              "<th align=\"right\" width=\"13%\">P(NPV &gt; 0)</th>"
                              "<th align=\"right\" width=\"13%\">P(payback)</th>"
                              "</tr></thead>\n<tbody>\n");
        for (std::size_t i = 1; i < s.series.size(); ++i) {
            const SeriesSummary &ss = s.series[i];
            const OutputStats &npv = ss.stats(Metric::Npv);
            out += QStringLiteral("<tr><td align=\"left\">%1</td>").arg(esc(ss.name));
            for (std::size_t p : {1u, 2u, 3u})
                out += cell(stat(npv.percentiles[p], Metric::Npv, cur));
            out += QStringLiteral("<td align=\"right\" class=\"n\">%1</td><td align=\"right\" "
                                  "class=\"n\">%2</td><td align=\"right\" class=\"n\">%3</td>"
                                  "</tr>\n")
                       .arg(nf.percent(ss.pRoiPositive), nf.percent(ss.pNpvPositive),
                            nf.percent(ss.pPayback));
        }
        out += QStringLiteral("</tbody></table>\n");
    }
    // The one-at-a-time tornado follows (sensitivityreport.h), in this section.
}

} // namespace roi
