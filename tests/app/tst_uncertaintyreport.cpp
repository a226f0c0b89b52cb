// The report's "Uncertainty and sensitivity" section: the figures of the model's run with the
// workbook's trials, seed and method, the reproducing command, and a defined answer when there
// is nothing uncertain.
#include "uncertaintyreport.h"

#include "analytics/montecarlo.h"
#include "format.h"
#include "workbookfile.h"

#include <QTest>

#include <fstream>
#include <sstream>

using namespace roi;

class TestUncertaintyReport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void figuresMatchTheModel();
    void nothingUncertain();
};

void TestUncertaintyReport::figuresMatchTheModel()
{
    std::ifstream in(ROI_SOURCE_DIR "/resources/examples/portfolio.roiwb", std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    const LoadResult r = readWorkbook(bytes.str());
    QVERIFY(r.ok());
    Workbook wb = *r.workbook;
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

QTEST_GUILESS_MAIN(TestUncertaintyReport)
#include "tst_uncertaintyreport.moc"
