// Plan vs actual (model/planactual): variance and the tolerance band, the two-months-in-a-row
// finding, recalibration, suggested recalibrations and the executive three numbers, each
// against figures computed by hand.
#include "actuals/actualsimport.h"
#include "actuals/rollup.h"
#include "planactual/planactualreport.h"
#include "planactual/planvsactual.h"

#include "../testutil.h"

#include <QTest>

using namespace roi;

namespace {

/// A snapshot by hand: 4 months from 2026-01, one use case. Each month: cost 1,000 of which
/// tokens 400, benefit 1,500, net 500; calls 1,000, 1,100, 1,210, 1,331 (10% growth), handled =
/// calls.
Snapshot approved()
{
    Snapshot s;
    s.label = "Approved";
    s.scenario = "Base";
    s.currency = "USD";
    s.startMonth = {2026, 1};
    s.months = 4;
    SnapshotCase c;
    c.name = "Case";
    c.row(SnapshotRow::Cost) = {1000, 1000, 1000, 1000};
    c.row(SnapshotRow::TokenCost) = {400, 400, 400, 400};
    c.row(SnapshotRow::Calls) = {1000, 1100, 1210, 1331};
    c.row(SnapshotRow::Handled) = {1000, 1100, 1210, 1331};
    c.row(SnapshotRow::Units) = {2000, 2200, 2420, 2662};
    c.row(SnapshotRow::Outcomes) = {800, 880, 968, 1064.8};
    c.row(SnapshotRow::Benefit) = {1500, 1500, 1500, 1500};
    c.row(SnapshotRow::Net) = {500, 500, 500, 500};
    s.useCases.push_back(c);
    return s;
}

/// Actual token cost 400, 520, 600 in January to March; requests 1,000, 1,200, 1,440 (20% a
/// month).
std::vector<ActualMonth> measured()
{
    std::vector<ActualMonth> a(3);
    a[0].month = {2026, 1};
    a[0].tokenCost = 400;
    a[0].requests = 1000;
    a[1].month = {2026, 2};
    a[1].tokenCost = 520;
    a[1].requests = 1200;
    a[2].month = {2026, 3};
    a[2].tokenCost = 600;
    a[2].requests = 1440;
    return a;
}

} // namespace

class TestPlanVsActual : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void variance_data();
    void variance();
    void totalsAndBasis();
    void findingTwoMonthsInARow();
    void noFindingForOneMonthOrWithinBand();
    void importedOtherCostReplacesPlan();
    void zeroForecastIsDefined();
    void recalibration();
    void suggestions();
    void executiveNumbers();
    void workbookReportFromImportedActuals();
    void isoWeeks_data();
    void isoWeeks();
};

void TestPlanVsActual::variance_data()
{
    QTest::addColumn<int>("month");
    QTest::addColumn<double>("actualCost");
    QTest::addColumn<double>("variance");
    QTest::addColumn<double>("percent");
    QTest::addColumn<bool>("above");
    // Actual cost = actual tokens + other layers as planned (1,000 − 400 = 600).
    QTest::newRow("January: on plan") << 0 << 1000.0 << 0.0 << 0.0 << false;
    QTest::newRow("February: 1,120, +12%") << 1 << 1120.0 << 120.0 << 12.0 << true;
    QTest::newRow("March: 1,200, +20%") << 2 << 1200.0 << 200.0 << 20.0 << true;
}

void TestPlanVsActual::variance()
{
    QFETCH(int, month);
    QFETCH(double, actualCost);
    QFETCH(double, variance);
    QFETCH(double, percent);
    QFETCH(bool, above);
    const Snapshot s = approved();
    const PlanActual pa = planVsActual(s, s.useCases[0], measured(), 0.10);
    QCOMPARE(pa.months.size(), std::size_t(3)); // April has no actual
    const PlanActualMonth &m = pa.months[static_cast<std::size_t>(month)];
    QCOMPARE(m.forecastCost, 1000.0);
    ROI_COMPARE_NEAR(m.actualCost, actualCost, 1e-9);
    ROI_COMPARE_NEAR(m.variance, variance, 1e-9);
    QVERIFY(m.variancePercent.ok());
    ROI_COMPARE_NEAR(m.variancePercent.value, percent, 1e-9);
    QCOMPARE(m.aboveTolerance, above);
}

void TestPlanVsActual::totalsAndBasis()
{
    const Snapshot s = approved();
    const PlanActual pa = planVsActual(s, s.portfolio(), measured(), 0.10);
    QCOMPARE(pa.useCase, std::string("Portfolio"));
    QCOMPARE(pa.basis, std::string("Approved"));
    // 3,000 forecast, 3,320 actual, +320 = +10.666...%.
    ROI_COMPARE_NEAR(pa.forecastTotal, 3000.0, 1e-9);
    ROI_COMPARE_NEAR(pa.actualTotal, 3320.0, 1e-9);
    ROI_COMPARE_NEAR(pa.varianceTotal, 320.0, 1e-9);
    ROI_COMPARE_NEAR(pa.variancePercentTotal.value, 320.0 / 30.0, 1e-9);
    QCOMPARE(pa.months[1].actualRequests, 1200.0);
    QCOMPARE(pa.months[1].forecastCalls, 1100.0);
}

void TestPlanVsActual::findingTwoMonthsInARow()
{
    const Snapshot s = approved();
    const auto findings = overrunFindings(planVsActual(s, s.useCases[0], measured(), 0.10), 0);
    QCOMPARE(findings.size(), std::size_t(1));
    QCOMPARE(findings[0].code, std::string("actual-above-forecast"));
    QCOMPARE(findings[0].useCase, 0);
    QCOMPARE(findings[0].severity, Severity::Warning);
    QCOMPARE(findings[0].message,
             std::string("Case: actual cost ran above the forecast (Approved) by more than 10% "
                         "for 2 months in a row: 2026-02 +12%, 2026-03 +20%. AI bills run over "
                         "forecast when usage scales with adoption."));
}

void TestPlanVsActual::noFindingForOneMonthOrWithinBand()
{
    const Snapshot s = approved();
    // A 15% band: February (+12%) is inside, March (+20%) alone is not a run.
    QVERIFY(overrunFindings(planVsActual(s, s.useCases[0], measured(), 0.15), 0).empty());
    // Two months above but not in a row (January and March; February missing).
    auto a = measured();
    a[0].tokenCost = 600; // January +20%
    a.erase(a.begin() + 1);
    QVERIFY(overrunFindings(planVsActual(s, s.useCases[0], a, 0.10), 0).empty());
}

void TestPlanVsActual::importedOtherCostReplacesPlan()
{
    const Snapshot s = approved();
    auto a = measured();
    a[0].otherCost = 700; // imported through the CSV mapping: 400 + 700 = 1,100
    const PlanActual pa = planVsActual(s, s.useCases[0], a, 0.10);
    ROI_COMPARE_NEAR(pa.months[0].actualCost, 1100.0, 1e-9);
}

void TestPlanVsActual::zeroForecastIsDefined()
{
    Snapshot s = approved();
    s.useCases[0].row(SnapshotRow::Cost) = {0, 0, 0, 0};
    s.useCases[0].row(SnapshotRow::TokenCost) = {0, 0, 0, 0};
    const PlanActual pa = planVsActual(s, s.useCases[0], measured(), 0.10);
    QCOMPARE(pa.months[0].variancePercent.state, KpiState::Undefined);
    QVERIFY(pa.months[0].aboveTolerance); // any cost against none is above the band
    QCOMPARE(pa.variancePercentTotal.state, KpiState::Undefined);
    QCOMPARE(overrunFindings(pa, 0).size(), std::size_t(1));
    QVERIFY(overrunFindings(pa, 0)[0].message.find("2026-01 (no forecast)") != std::string::npos);
}

void TestPlanVsActual::recalibration()
{
    const Snapshot s = approved();
    const Recalibrated r = recalibrate(s, s.useCases[0], measured());
    // Cost 1,000, 1,120, 1,200 actual, then 1,000 forecast: TCO 4,320; benefit 6,000 as
    // planned; net 1,680; ROI 1,680 / 4,320 = 38.888...%.
    QCOMPARE(r.actualMonths, 3);
    QCOMPARE(r.lastActual, (YearMonth{2026, 3}));
    QCOMPARE(r.actualMonth, (std::vector<bool>{true, true, true, false}));
    QCOMPARE(r.series.row(SnapshotRow::Cost), (std::vector<double>{1000, 1120, 1200, 1000}));
    QCOMPARE(r.series.row(SnapshotRow::Net), (std::vector<double>{500, 380, 300, 500}));
    QCOMPARE(r.series.row(SnapshotRow::Calls), (std::vector<double>{1000, 1200, 1440, 1331}));
    ROI_COMPARE_NEAR(r.tco, 4320.0, 1e-9);
    ROI_COMPARE_NEAR(r.net, 1680.0, 1e-9);
    ROI_COMPARE_NEAR(r.roiPercent.value, 1680.0 / 4320.0 * 100, 1e-9);
}

void TestPlanVsActual::suggestions()
{
    const Snapshot s = approved();
    const auto list = suggestRecalibrations(s.useCases[0], s, measured(), 0.10, 0.5);
    QCOMPARE(list.size(), std::size_t(3));
    // Growth: (1,440 / 1,000)^(1/2) − 1 = 20% a month against 10%.
    QCOMPARE(list[0].input, std::string("ramp.volumeGrowth"));
    ROI_COMPARE_NEAR(list[0].suggested, 0.2, 1e-12);
    QCOMPARE(list[0].evidence, std::string("Requests grew from 1,000 in 2026-01 to 1,440 in "
                                           "2026-03: 20.0% a month, against 10.0% assumed."));
    // Token cost per call: 1,520 / 3,640 = 0.417582 actual; 1,200 / 3,310 = 0.362538 forecast;
    // factor 1.151832.
    QCOMPARE(list[1].input, std::string("tokensPerCallFactor"));
    ROI_COMPARE_NEAR(list[1].suggested, (1520.0 / 3640.0) / (1200.0 / 3310.0), 1e-12);
    // Adoption: 3,640 calls against 3,310 forecast at 50%: 50% × 1.0997 = 54.98%.
    QCOMPARE(list[2].input, std::string("ramp.steadyAdoption"));
    ROI_COMPARE_NEAR(list[2].suggested, 0.5 * 3640.0 / 3310.0, 1e-12);
    // Too few months: nothing suggested.
    QVERIFY(suggestRecalibrations(s.useCases[0], s, measured(), 0.10, 0.5, 4).empty());
}

void TestPlanVsActual::executiveNumbers()
{
    const std::vector<PriceEntry> book = {{"mini", 0.15, 0.60, 0.075, {}, {}},
                                          {"large", 2.50, 10.00, 1.25, {}, {}}};
    const PriceEntry *premium = premiumModel(book);
    QVERIFY(premium);
    QCOMPARE(premium->model, std::string("large"));
    // 1M uncached + 3M cache reads at the full input price, 0.5M output: 4 × 2.50 + 0.5 × 10 =
    // $15 baseline; $6 paid; savings 60%.
    const ExecutivePeriod e = roi::executiveNumbers("2026-03", 1e6, 3e6, 0, 0.5e6, 6.0, *premium);
    ROI_COMPARE_NEAR(e.baselineCost, 15.0, 1e-12);
    QCOMPARE(e.realisedCost, 6.0);
    ROI_COMPARE_NEAR(e.savingsPercent.value, 60.0, 1e-12);
    // No tokens: savings undefined, not NaN.
    QCOMPARE(roi::executiveNumbers("2026-04", 0, 0, 0, 0, 0, *premium).savingsPercent.state,
             KpiState::Undefined);
    QVERIFY(premiumModel({}) == nullptr);
}

void TestPlanVsActual::workbookReportFromImportedActuals()
{
    // A workbook of one use case "Case" approved as the hand-made snapshot above, with the three
    // months of actuals imported through the roll-up and attributed by feature.
    Workbook wb = roitest::bareWorkbook(4);
    wb.priceBook = {{"large", 2.50, 10.00, 1.25, {}, {}}};
    wb.snapshots = {approved()};
    actuals::RollupBuilder builder(wb, 1);
    for (const ActualMonth &a : measured()) {
        actuals::UsageRecord r;
        r.day = {a.month.year, a.month.month, 10};
        r.provider = "OpenAI";
        r.model = "large";
        r.uncachedInput = 40e6; // 40M input and 10M output: 40 × 2.50 + 10 × 10 = $200
        r.outputTokens = 10e6;  // at list price with no levers, the baseline
        r.requests = a.requests;
        r.cost = a.tokenCost;
        r.costKind = actuals::CostKind::Effective;
        r.keys.feature = "support";
        builder.add(r);
    }
    actuals::PendingImport pending;
    pending.record.id = 1;
    pending.record.fileName = "usage.csv";
    pending.record.sha256 = std::string(64, 'a');
    pending.record.format = "csv";
    pending.table = builder.finish();
    wb.actuals = actuals::applyImport(wb.actuals, pending, actuals::OverlapChoice::Fail).actuals;
    wb.actuals.rules = {actuals::AttributionRule{"Case", "support", {}, {}, {}, {}, {}}};

    const PlanActualReport r = buildPlanActual(wb, compute(wb, roitest::noChecks()));
    QVERIFY(r.hasActuals);
    QCOMPARE(r.basis, std::string("Approved")); // the latest snapshot
    QCOMPARE(r.useCases.size(), std::size_t(1));
    QCOMPARE(r.useCases[0].months.size(), std::size_t(3));
    ROI_COMPARE_NEAR(r.useCases[0].months[1].actualCost, 1120.0, 1e-9);
    ROI_COMPARE_NEAR(r.portfolio.varianceTotal, 320.0, 1e-9);
    QCOMPARE(r.findings.size(), std::size_t(2)); // the use case and the portfolio
    QCOMPARE(r.findings[0].useCase, 0);
    QCOMPARE(r.findings[1].useCase, -1);
    QCOMPARE(r.premiumModel, std::string("large"));
    QCOMPARE(r.executive.size(), std::size_t(3));
    // February: baseline $200, realised $520: savings (200 − 520) / 200 = −160%.
    QCOMPARE(r.executive[1].period, std::string("2026-02"));
    ROI_COMPARE_NEAR(r.executive[1].baselineCost, 200.0, 1e-9);
    ROI_COMPARE_NEAR(r.executive[1].savingsPercent.value, -160.0, 1e-9);
    const std::string text = planActualText(r);
    QVERIFY(text.find("Plan vs actual") == 0);
    QVERIFY(text.find("Against: Approved; tolerance 10%") != std::string::npos);
    QVERIFY(text.find("+12.0%") != std::string::npos);

    // No snapshot: against the live Base forecast.
    wb.snapshots.clear();
    QCOMPARE(buildPlanActual(wb, compute(wb, roitest::noChecks())).basis,
             std::string("Live forecast (Base)"));
}

void TestPlanVsActual::isoWeeks_data()
{
    QTest::addColumn<QString>("day");
    QTest::addColumn<QString>("week");
    QTest::newRow("Thursday 1 January") << "2026-01-01"
                                        << "2026-W01";
    QTest::newRow("Friday 1 January, week of the old year") << "2027-01-01"
                                                            << "2026-W53";
    QTest::newRow("Monday 30 December, week of the new year") << "2024-12-30"
                                                              << "2025-W01";
    QTest::newRow("Sunday") << "2026-03-15"
                            << "2026-W11";
}

void TestPlanVsActual::isoWeeks()
{
    QFETCH(QString, day);
    QFETCH(QString, week);
    QCOMPARE(QString::fromStdString(isoWeek(*Date::parse(day.toStdString()))), week);
}

QTEST_APPLESS_MAIN(TestPlanVsActual)
#include "tst_planvsactual.moc"
