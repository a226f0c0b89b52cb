// The report's "Uncertainty and sensitivity" section: the figures of the model's run with the
// workbook's trials, seed and method, the reproducing command, and a defined answer when there
// is nothing uncertain.
#include "uncertaintyreport.h"

#include "charts.h"
#include "engine.h"
#include "numberformat.h"
#include "reportcontent.h"

#include "analytics/montecarlo.h"
#include "format.h"
#include "workbookfile.h"

#include "../model/testutil.h"

#include <qcustomplot.h>

#include <QRegularExpression>
#include <QTest>

#include <algorithm>
#include <fstream>
#include <sstream>

using namespace roi;

class TestUncertaintyReport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void figuresMatchTheModel();
    void nothingUncertain();
    void chartsAndTornadoOfTheSetUp();
    void deferredAnalyticsWriteTheSameReport();
};

void TestUncertaintyReport::figuresMatchTheModel()
{
    const auto example = roitest::loadExample("portfolio.roiwb");
    QVERIFY(example);
    Workbook wb = *example;
    wb.settings.monteCarloTrials = 1500;
    wb.settings.monteCarloSeed = 77;
    const QString html = uncertaintySectionHtml(wb, QLocale(QLocale::English));
    QVERIFY(html.contains(QStringLiteral("Uncertainty and sensitivity")));
    QVERIFY(html.contains(QStringLiteral("1,500 trials (seed 77, Latin Hypercube sampling")));
    QVERIFY(html.contains(QStringLiteral("analyze FILE --trials 1500 --seed 77 --sampling lhs")));
    const auto s = runMonteCarlo(wb, MonteCarloOptions::fromWorkbook(wb));
    QVERIFY(s);
    // The portfolio's P50 NPV, in whole currency units as the report prints money.
    const std::string p50 =
        formatMoney(s->series[0].stats(Metric::Npv).percentiles[2].value, wb.settings.currency, 0);
    QVERIFY2(html.contains(QString::fromStdString(p50)), p50.c_str());
    QVERIFY(
        html.contains(QStringLiteral("P(ROI &gt; 0) %1")
                          .arg(QString::fromStdString(formatPercent(s->series[0].pRoiPositive)))));
    QVERIFY(!html.contains(QStringLiteral("nan")));
}

void TestUncertaintyReport::nothingUncertain()
{
    // No Worst/Best scenario and no set-up: the section says there is no simulation.
    Workbook wb = newWorkbook();
    wb.scenarios.resize(1); // Base only
    UseCase uc = newUseCase("Case", {2026, 1});
    wb.settings.startMonth = {2026, 1};
    wb.useCases.push_back(uc);
    const QString html = uncertaintySectionHtml(wb, QLocale(QLocale::English));
    QVERIFY(html.contains(QStringLiteral("No simulation: no input is uncertain")));
}

void TestUncertaintyReport::chartsAndTornadoOfTheSetUp()
{
    // The steady support assistant with one uncertain input of its own: the volume, uniform on
    // 40,000..60,000 (P10 42,000, P90 58,000). The section places the fan chart and the NPV
    // and ROI histograms (drawn from its own run, not by chart kind), and the tornado after it
    // moves the volume between its P10 and P90, as `tornado` does for a workbook with a set-up.
    std::ifstream in(ROI_SOURCE_DIR "/tests/data/sensitivity/steady-support.roiwb",
                     std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    const LoadResult r = readWorkbook(bytes.str());
    QVERIFY(r.ok());
    Workbook wb = *r.workbook;
    UncertainInput volume;
    volume.input = "baseline.volume";
    volume.distribution.kind = DistributionKind::Uniform;
    volume.distribution.min = 40000;
    volume.distribution.max = 60000;
    wb.uncertainty.inputs = {volume};
    wb.settings.monteCarloTrials = 500;
    const Results res = compute(wb, ComputeOptions{Date{2026, 11, 23}, true});
    ReportOptions options;
    options.includeAppendix = false;
    const ReportContent c = buildReportContent(wb, res, options, 700);
    std::vector<ChartKind> kinds;
    for (const ReportChart &chart : c.charts)
        kinds.push_back(chart.kind);
    const auto at = std::find(kinds.begin(), kinds.end(), ChartKind::UncertaintyFan);
    QVERIFY(at != kinds.end());
    QCOMPARE(*(at + 1), ChartKind::UncertaintyHistogram);
    QCOMPARE(*(at + 2), ChartKind::UncertaintyRoiHistogram);
    QCOMPARE(*(at + 3), ChartKind::Tornado);
    QVERIFY(c.charts[static_cast<std::size_t>(at - kinds.begin())].draw);
    QVERIFY(c.charts[static_cast<std::size_t>(at - kinds.begin()) + 2].draw);
    // The tornado is drawn from the one the section computed (not computed again by kind), and
    // looks as drawChart(Tornado) draws it.
    const ReportChart &tornadoChart = c.charts[static_cast<std::size_t>(at - kinds.begin()) + 3];
    QVERIFY(tornadoChart.draw);
    const NumberFormat format(QString::fromStdString(wb.settings.currency),
                              QLocale(QLocale::English));
    const ChartInput input{&wb, &res, tornadoChart.useCase, tornadoChart.scenario, format, false};
    QCustomPlot fromReport;
    QCustomPlot byKind;
    fromReport.resize(tornadoChart.size);
    byKind.resize(tornadoChart.size);
    drawReportChart(fromReport, tornadoChart, input);
    drawChart(byKind, ChartKind::Tornado, input);
    const QImage drawn = fromReport.toPixmap().toImage();
    QVERIFY(!drawn.isNull());
    QCOMPARE(drawn, byKind.toPixmap().toImage());
    QVERIFY(c.body.contains(QStringLiteral("500 trials (seed 42, Latin Hypercube sampling")));
    QVERIFY(c.body.contains(QStringLiteral("to the P10 and to the P90 of its distribution")));
    QVERIFY(c.body.contains(QStringLiteral(">NPV at P10</th>")));
    QVERIFY(c.body.contains(QStringLiteral(">42,000</td>")));
    QVERIFY(c.body.contains(QStringLiteral(">58,000</td>")));
    // The charts come after the section's heading, the tornado after the charts.
    const qsizetype section = c.body.indexOf(QStringLiteral("Uncertainty and sensitivity"));
    const qsizetype fan = c.body.indexOf(QStringLiteral("roi-chart:%1\"").arg(at - kinds.begin()));
    const qsizetype tornado = c.body.indexOf(QStringLiteral("Sensitivity (tornado)"));
    QVERIFY(section >= 0 && section < fan && fan < tornado);
}

void TestUncertaintyReport::deferredAnalyticsWriteTheSameReport()
{
    // The exporters build the report with the analytics as a part written when the renderer
    // reaches it (computed on other threads meanwhile): resolved, the body is the whole one,
    // and the part's charts (fan, two histograms, tornado) come after the others.
    const auto example = roitest::loadExample("portfolio.roiwb");
    QVERIFY(example);
    Workbook wb = *example;
    wb.settings.monteCarloTrials = 300;
    const Results res = compute(wb, ComputeOptions{Date{2026, 11, 23}, true});
    ReportOptions options;
    options.today = QDate(2026, 11, 23);
    const ReportContent whole = buildReportContent(wb, res, options, 700);
    ReportContent deferred = buildReportContent(wb, res, options, 700, true);
    QVERIFY(whole.parts.empty());
    QCOMPARE(deferred.parts.size(), std::size_t(1));
    QVERIFY(deferred.body.contains(QLatin1String(kPartMarker)));
    QVERIFY(!deferred.body.contains(QStringLiteral("Sensitivity (tornado)")));
    const std::size_t before = deferred.charts.size();
    QCOMPARE(before + 4, whole.charts.size());
    // Written once: resolving again gives the same text and adds no chart.
    const QString first = resolveParts(deferred, deferred.body);
    const QString again = resolveParts(deferred, deferred.body);
    QCOMPARE(deferred.charts.size(), whole.charts.size());
    QCOMPARE(again, first);
    QVERIFY(first.contains(QStringLiteral("Sensitivity (tornado)")));
    // The same text but for the chart numbers, which follow the order the charts were added in.
    auto unnumbered = [](QString html) {
        static const QRegularExpression chart(QStringLiteral("roi-chart:[0-9]+"));
        return html.replace(chart, QStringLiteral("roi-chart:N"));
    };
    QCOMPARE(unnumbered(first), unnumbered(whole.body));
    QCOMPARE(deferred.charts.back().kind, ChartKind::Tornado);
    QCOMPARE(deferred.charts[before].kind, ChartKind::UncertaintyFan);
}

QTEST_MAIN(TestUncertaintyReport)
#include "tst_uncertaintyreport.moc"
