// Cashable vs capacity value and the hurdle-rate KPIs (engine.h, hurdle.h), against figures
// computed by hand. The case: 1,000 units a month, 30 -> 10 minutes at $60/h, so labor
// reclaimed is 20/60 × 60 × 1,000 = $20,000 a month; a $5,000 platform every month and a
// $100,000 build in month 1; 12 months, every unit handled from month 1, no risk discount.
#include "engine.h"
#include "hurdle.h"
#include "resultsexport.h"

#include <nlohmann/json.hpp>

#include "testutil.h"

#include <QTest>

using namespace roi;
using roitest::bareWorkbook;
using roitest::fixedLayer;
using roitest::noChecks;

namespace {

Workbook laborCase(double cashableShare)
{
    Workbook wb = bareWorkbook(12);
    UseCase &uc = wb.useCases[0];
    uc.baseline.minutesPerUnit = 30;
    uc.baseline.hourlyRate = 60;
    uc.layers.push_back(fixedLayer("Platform", 5000));
    CostLayer build;
    build.name = "Build";
    build.type = LayerType::OneTime;
    build.category = CostCategory::Integration;
    build.amount = 100000;
    build.month = 1;
    build.spreadMonths = 1;
    uc.layers.push_back(build);
    ValueDriver labor;
    labor.name = "Clerk time";
    labor.kind = DriverKind::LaborReclaimed;
    labor.minutesWithAi = 10;
    labor.cashableShare = cashableShare;
    uc.drivers.push_back(labor);
    wb.settings.hurdleRate = 0.12;
    return wb;
}

} // namespace

class TestCashable : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void split_data();
    void split();
    void capacityInHeadline();
    void capacityDrivers_data();
    void capacityDrivers();
    void otherKindsUnaffected();
    void runRate();
    void portfolio();
    void hurdle();
    void hurdleFails();
    void hurdleScenario();
    void jsonCarriesTheSplit();
};

void TestCashable::split_data()
{
    QTest::addColumn<double>("share");
    QTest::addColumn<double>("cashable"); // over 12 months
    QTest::addColumn<double>("capacity");
    QTest::addColumn<double>("roi");
    // TCO = 12 × 5,000 + 100,000 = 160,000. Labor = 12 × 20,000 = 240,000.
    // share 1: benefit 240,000, ROI = (240,000 − 160,000) / 160,000 = 50%.
    QTest::newRow("all cashable") << 1.0 << 240000.0 << 0.0 << 50.0;
    // share 0.5: 120,000 cashable, 120,000 capacity; ROI = (120,000 − 160,000) / 160,000 = −25%.
    QTest::newRow("half") << 0.5 << 120000.0 << 120000.0 << -25.0;
    // share 0.25: 60,000 / 180,000; ROI = (60,000 − 160,000) / 160,000 = −62.5%.
    QTest::newRow("quarter") << 0.25 << 60000.0 << 180000.0 << -62.5;
    // share 0: nothing cashable; ROI = −100%.
    QTest::newRow("capacity only") << 0.0 << 0.0 << 240000.0 << -100.0;
}

void TestCashable::split()
{
    QFETCH(double, share);
    QFETCH(double, cashable);
    QFETCH(double, capacity);
    QFETCH(double, roi);
    const Results res = compute(laborCase(share), noChecks());
    const CaseResult &c = res.at(0, 0);
    ROI_COMPARE_NEAR(c.kpis.cashableValue, cashable, 1e-6);
    ROI_COMPARE_NEAR(c.kpis.capacityValue, capacity, 1e-6);
    ROI_COMPARE_NEAR(c.kpis.hardBenefit, cashable, 1e-6);
    ROI_COMPARE_NEAR(c.kpis.headlineBenefit, cashable, 1e-6);
    ROI_COMPARE_NEAR(c.kpis.tco, 160000.0, 1e-6);
    QVERIFY(c.kpis.roiPercent.ok());
    ROI_COMPARE_NEAR(c.kpis.roiPercent.value, roi, 1e-9);
    ROI_COMPARE_NEAR(c.kpis.byTerm[static_cast<std::size_t>(NumeratorTerm::AvoidedCost)], cashable,
                     1e-6);
    // Monthly rows: each month 20,000 split by the share; the driver row keeps the whole value.
    for (int m = 0; m < 12; ++m) {
        ROI_COMPARE_NEAR(c.row(Row::Cashable)[m], 20000.0 * share, 1e-9);
        ROI_COMPARE_NEAR(c.row(Row::Capacity)[m], 20000.0 * (1 - share), 1e-9);
        ROI_COMPARE_NEAR(c.driverNet(0)[m], 20000.0, 1e-9);
    }
}

void TestCashable::capacityInHeadline()
{
    // With the workbook setting, capacity counts again: benefit 240,000 whatever the share, ROI
    // 50%, while the split is still reported.
    Workbook wb = laborCase(0.25);
    wb.settings.capacityInHeadline = true;
    const Kpis k = compute(wb, noChecks()).at(0, 0).kpis;
    ROI_COMPARE_NEAR(k.headlineBenefit, 240000.0, 1e-6);
    ROI_COMPARE_NEAR(k.roiPercent.value, 50.0, 1e-9);
    ROI_COMPARE_NEAR(k.hardBenefit, 60000.0, 1e-6);
    ROI_COMPARE_NEAR(k.capacityValue, 180000.0, 1e-6);
}

void TestCashable::capacityDrivers_data()
{
    QTest::addColumn<int>("mode");
    QTest::addColumn<double>("monthly"); // gross value a month
    // Avoided hires: 2 hires × 60,000 / 12 = 10,000 a month.
    QTest::newRow("avoided hires") << static_cast<int>(CapacityMode::AvoidedHires) << 10000.0;
    // Per unit: 400 extra units × $15 = 6,000 a month.
    QTest::newRow("per unit") << static_cast<int>(CapacityMode::PerUnit) << 6000.0;
}

void TestCashable::capacityDrivers()
{
    QFETCH(int, mode);
    QFETCH(double, monthly);
    Workbook wb = bareWorkbook(12);
    ValueDriver d;
    d.name = "Capacity";
    d.kind = DriverKind::AddedCapacity;
    d.capacityMode = static_cast<CapacityMode>(mode);
    d.hires = 2;
    d.annualCostPerHire = 60000;
    d.extraUnits = 400;
    d.valuePerUnit = 15;
    d.cashableShare = 0.6;
    wb.useCases[0].drivers.push_back(d);
    // A 10% haircut applies to both parts: cashable = monthly × 0.6 × 0.9 × 12.
    wb.useCases[0].risk.hallucination = 0.1;
    const Kpis k = compute(wb, noChecks()).at(0, 0).kpis;
    ROI_COMPARE_NEAR(k.cashableValue, monthly * 0.6 * 0.9 * 12, 1e-6);
    ROI_COMPARE_NEAR(k.capacityValue, monthly * 0.4 * 0.9 * 12, 1e-6);
    ROI_COMPARE_NEAR(k.hardBenefit, monthly * 0.6 * 0.9 * 12, 1e-6);
    ROI_COMPARE_NEAR(k.hardBenefitGross, monthly * 0.6 * 12, 1e-6);
}

void TestCashable::otherKindsUnaffected()
{
    // The share applies only to labor and capacity: an avoided cost of 1,000 a month counts in
    // full even with a cashable share of 0 stored on it.
    Workbook wb = bareWorkbook(12);
    ValueDriver d = roitest::avoidedFixed("Licences", 1000);
    d.cashableShare = 0;
    wb.useCases[0].drivers.push_back(d);
    const Kpis k = compute(wb, noChecks()).at(0, 0).kpis;
    ROI_COMPARE_NEAR(k.hardBenefit, 12000.0, 1e-9);
    QCOMPARE(k.cashableValue, 0.0);
    QCOMPARE(k.capacityValue, 0.0);
}

void TestCashable::runRate()
{
    // Steady month: 20,000 labor at 30% cashable -> hard 6,000, capacity 14,000.
    const CaseResult c = compute(laborCase(0.3), noChecks()).at(0, 0);
    ROI_COMPARE_NEAR(c.runRate.hardBenefit, 6000.0, 1e-9);
    ROI_COMPARE_NEAR(c.runRate.capacityValue, 14000.0, 1e-9);
}

void TestCashable::portfolio()
{
    // Two copies of the case at shares 1 and 0: the portfolio adds them.
    Workbook wb = laborCase(1.0);
    UseCase second = wb.useCases[0];
    second.name = "Second";
    second.drivers[0].cashableShare = 0;
    wb.useCases.push_back(second);
    const Results res = compute(wb, noChecks());
    const Kpis &k = res.portfolio[0].kpis;
    ROI_COMPARE_NEAR(k.cashableValue, 240000.0, 1e-6);
    ROI_COMPARE_NEAR(k.capacityValue, 240000.0, 1e-6);
    // (240,000 − 320,000) / 320,000 = −25%.
    ROI_COMPARE_NEAR(k.roiPercent.value, -25.0, 1e-9);
    ROI_COMPARE_NEAR(res.portfolio[0].row(Row::Capacity)[0], 20000.0, 1e-9);
}

void TestCashable::hurdle()
{
    // All cashable: net = 20,000 − 5,000 − 100,000 = −85,000 in month 1, then +15,000 for 11
    // months. Hurdle 12%: r_m = 1.12^(1/12) − 1 = 0.0094887929.
    // NPV = −85,000 / (1 + r_m) + Σ_{t=2..12} 15,000 / (1 + r_m)^t = 70,312.70 (Python sum).
    // IRR: monthly 13.08393% (bisection), annual (1.1308393)^12 − 1 = 337.33%, so IRR − hurdle
    // = 3.3733 − 0.12 = 3.2533: passes.
    // Discounted cumulative after month 6: −11,974.96; after month 7: +2,065.48, so the
    // discounted payback is 6 + 11,974.96 / 14,040.44 = 6.8529 months (undiscounted: 6 +
    // 10,000 / 15,000 = 6.6667).
    const Kpis k = compute(laborCase(1.0), noChecks()).at(0, 0).kpis;
    QCOMPARE(k.hurdleRate, 0.12);
    ROI_COMPARE_NEAR(k.npvAtHurdle, 70312.70004971538, 1e-6);
    QVERIFY(k.irrVsHurdle.ok());
    ROI_COMPARE_NEAR(k.irrVsHurdle.value, 3.3733165032422026 - 0.12, 1e-7);
    QVERIFY(k.irrPassesHurdle());
    QVERIFY(k.discountedPaybackMonth.ok());
    ROI_COMPARE_NEAR(k.discountedPaybackMonth.value, 6.852890803352811, 1e-9);
    ROI_COMPARE_NEAR(k.paybackMonth.value, 6.0 + 10000.0 / 15000.0, 1e-9);
    // The workbook discount rate is 0 in bareWorkbook: NPV there is the plain sum, 80,000.
    ROI_COMPARE_NEAR(k.npv, 80000.0, 1e-6);
}

void TestCashable::hurdleFails()
{
    // Cashable share 0.65: benefit 13,000 a month, net −92,000 then +8,000 × 11 = −4,000 in
    // all: the flows change sign but never pay back, so the IRR is negative and fails the
    // hurdle; neither payback exists.
    const Kpis k = compute(laborCase(0.65), noChecks()).at(0, 0).kpis;
    QVERIFY(k.irrAnnual.ok());
    QVERIFY(k.irrAnnual.value < 0);
    QVERIFY(k.irrVsHurdle.ok());
    QVERIFY(!k.irrPassesHurdle());
    QCOMPARE(k.paybackMonth.state, KpiState::NeverPaysBack);
    QCOMPARE(k.discountedPaybackMonth.state, KpiState::NeverPaysBack);
    QVERIFY(k.npvAtHurdle < -4000.0); // discounting weighs the early outflow more

    // No cost and no benefit: no IRR, no verdict, no payback — never NaN.
    const Kpis none = compute(bareWorkbook(12), noChecks()).at(0, 0).kpis;
    QCOMPARE(none.irrVsHurdle.state, none.irrAnnual.state);
    QVERIFY(!none.irrPassesHurdle());
    QCOMPARE(none.discountedPaybackMonth.state, KpiState::Undefined);
    QCOMPARE(none.npvAtHurdle, 0.0);
}

void TestCashable::hurdleScenario()
{
    // A scenario may set the hurdle rate: at 0% the NPV at the hurdle is the plain sum, 80,000.
    Workbook wb = laborCase(1.0);
    wb.scenarios.push_back(
        Scenario{"No hurdle", {}, {Adjustment{"settings.hurdleRate", AdjustmentOp::Set, 0, {}}}});
    const Results res = compute(wb, noChecks());
    ROI_COMPARE_NEAR(res.at(0, 1).kpis.npvAtHurdle, 80000.0, 1e-6);
    QCOMPARE(res.at(0, 1).kpis.hurdleRate, 0.0);
    ROI_COMPARE_NEAR(res.at(0, 0).kpis.npvAtHurdle, 70312.70004971538, 1e-6);
}

void TestCashable::jsonCarriesTheSplit()
{
    // compute --format json: the split and the hurdle KPIs, a state where there is no number.
    using Json = nlohmann::json;
    // Share 0.65 (as in hurdleFails): 0.65 × 240,000 = 156,000 cashable, 84,000 capacity.
    const Workbook wb = laborCase(0.65);
    const Json j = Json::parse(resultsJson(wb, compute(wb, noChecks())));
    const Json &k = j["useCases"][0]["scenarios"][0];
    ROI_COMPARE_NEAR(k["cashableValue"].get<double>(), 156000.0, 1e-6);
    ROI_COMPARE_NEAR(k["capacityValue"].get<double>(), 84000.0, 1e-6);
    QCOMPARE(k["hurdleRate"].get<double>(), 0.12);
    QVERIFY(k["npvAtHurdle"].is_number());
    QVERIFY(k["irrVsHurdle"].is_number()); // the flows change sign: an IRR, below the hurdle
    QVERIFY(k["irrVsHurdle"].get<double>() < 0);
    QVERIFY(k["discountedPaybackMonth"].is_null());
    QCOMPARE(k["states"]["discountedPaybackMonth"].get<std::string>(),
             std::string("neverPaysBack"));
}

QTEST_APPLESS_MAIN(TestCashable)
#include "tst_cashable.moc"
