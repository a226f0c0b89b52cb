// The engine (engine.h) against DESIGN.md: the acceptance example, every formula with figures
// computed by hand, edge cases that must not produce NaN or infinity, and properties.
#include "engine.h"

#include "finance.h"
#include "synthetic.h"
#include "testutil.h"

#include <QTest>

#include <algorithm>
#include <bit>
#include <cstdint>
#include <functional>
#include <thread>
#include <vector>

using namespace roi;
using roitest::avoidedFixed;
using roitest::bareWorkbook;
using roitest::fixedLayer;
using roitest::noChecks;

using Mutator = std::function<void(Workbook &)>;
Q_DECLARE_METATYPE(Mutator)
Q_DECLARE_METATYPE(roi::ValueDriver)
Q_DECLARE_METATYPE(roi::KpiState)

class TestEngine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void acceptanceExample();
    void acceptanceExampleFile();
    void onlyScenarioIsBitIdentical();
    void reusedBufferOfSameShape_data();
    void reusedBufferOfSameShape();
    void leanComputeMatchesFull_data();
    void leanComputeMatchesFull();
    void twoThreadsMatchOneCaseAtATime_data();
    void twoThreadsMatchOneCaseAtATime();
    void concurrentComputes();
    void irrManyMatchesOneByOne();
    void adjustmentNamesChangeBetweenComputes();
    void rampCurves_data();
    void rampCurves();
    void volumeGrowth();
    void tokenPriceDecline();
    void riskHaircut();
    void oneTimeSpread_data();
    void oneTimeSpread();
    void driverKinds_data();
    void driverKinds();
    void driversFollowRamp();
    void layerTypes();
    void perUnitBasis_data();
    void perUnitBasis();
    void npvIrrPayback();
    void discountRate();
    void roiPercent();
    void roiPerYear();
    void aiGrossMargin();
    void softValue_data();
    void softValue();
    void portfolioTotals();
    void scenarioAdjustments();
    void noScenarios();
    void edgeCases_data();
    void edgeCases();
    void examplesAreFinite_data();
    void examplesAreFinite();
    void doublingVolume();
    void scenarioOrder_data();
    void scenarioOrder();
    void deterministic();
    void bufferReuse();
};

void TestEngine::irrManyMatchesOneByOne()
{
    // irrAnnualMany (the engine's IRRs, four series in lockstep) against irrAnnual series by
    // series, bit for bit: investments paying back at rates from −95% to +10,000% a month (some
    // outside the search range: NotFound), a root at exactly zero (−1, +1), no sign change,
    // all zero, several changes (the scan: −100,000, +216,000, −116,600 has two roots), and a
    // series of another length among them. More series than lanes, so lanes are refilled.
    std::vector<std::vector<double>> series;
    std::uint64_t state = 12345;
    auto next = [&state] { // splitmix64 in [0, 1)
        std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return static_cast<double>((z ^ (z >> 31)) >> 11) / 9007199254740992.0;
    };
    const int months = 36;
    for (int i = 0; i < 60; ++i) {
        std::vector<double> f(months);
        const int invest = 1 + static_cast<int>(next() * 8);
        const double scale = std::pow(10.0, next() * 8 - 3); // returns 0.001x to 100,000x
        for (int t = 0; t < months; ++t)
            f[t] = t < invest ? -1000.0 * (1 + next()) : 1000.0 * scale * next() / months;
        series.push_back(f);
    }
    std::vector<double> zeroRoot(months, 0.0);
    zeroRoot[0] = -1;
    zeroRoot[5] = 1;
    series.push_back(zeroRoot);
    series.push_back(std::vector<double>(months, 0.0));
    series.push_back(std::vector<double>(months, 250.0));
    std::vector<double> twoRoots(months, 0.0);
    twoRoots[0] = -100000;
    twoRoots[1] = 216000;
    twoRoots[2] = -116600;
    series.push_back(twoRoots);
    std::vector<double> farOut(months, 0.0); // far beyond 100,000% a month
    farOut[0] = -1;
    farOut[1] = 1e12;
    series.push_back(farOut);
    std::vector<double> farDown(months, 0.0); // below −99% a month
    farDown[0] = -1e12;
    farDown[1] = 1;
    series.push_back(farDown);
    series.push_back({-500, 200, 200, 200}); // another length
    for (int i = 0; i < 10; ++i)             // more investments, after the odd ones
        series.push_back(series[static_cast<std::size_t>(i)]);

    std::vector<std::span<const double>> flows(series.begin(), series.end());
    std::vector<Kpi> many(series.size());
    std::vector<int> counts(series.size(), -1);
    irrAnnualMany(flows, many.data(), counts.data());
    int found = 0;
    int notFound = 0;
    for (std::size_t i = 0; i < series.size(); ++i) {
        int count = -1;
        const Kpi one = irrAnnual(series[i], &count);
        QVERIFY2(many[i].state == one.state, qPrintable(QString::number(i)));
        QVERIFY2(std::bit_cast<std::uint64_t>(many[i].value)
                     == std::bit_cast<std::uint64_t>(one.value),
                 qPrintable(QString::number(i)));
        QCOMPARE(counts[i], count);
        found += one.ok() ? 1 : 0;
        notFound += one.state == KpiState::NotFound ? 1 : 0;
    }
    QVERIFY(found > 40);    // the batch was mostly real solves
    QVERIFY(notFound >= 2); // and reached both ends of the search range
}

// -------------------------------------------------------------------------------------------
// Acceptance example (DESIGN.md)

static Workbook acceptanceWorkbook()
{
    Workbook wb = newWorkbook();
    wb.settings.startMonth = {2026, 1};
    wb.settings.horizonMonths = 12;
    wb.priceBook.push_back({"frontier", 2.50, 10.00, 1.25, Date{2026, 1, 1}});
    UseCase uc = newUseCase("Support assistant", {2026, 1});
    uc.baseline.volume = 50000;
    uc.ramp.curve = RampCurve::Immediate;
    uc.ramp.rampMonths = 0;
    uc.layers[0].model = "frontier";
    uc.layers[0].inputTokens = 1500;
    uc.layers[0].outputTokens = 500;
    uc.layers[1].amount = 400;
    uc.layers[2].fte = 0.2;
    uc.layers[2].annualCost = 180000;
    uc.layers[3].share = 0.10;
    uc.layers[3].minutesPerReview = 0.4;
    uc.layers[3].hourlyRate = 36;
    wb.useCases.push_back(uc);
    return wb;
}

void TestEngine::acceptanceExample()
{
    const Results r = compute(acceptanceWorkbook());
    const CaseResult &base = r.at(0, 0);
    // Tokens: 50,000 × (1,500 × $2.50 + 500 × $10.00) / 1M = 50,000 × 8,750 / 1M = $437.50
    // (75M input tokens × $2.50/M = $187.50 plus 25M output × $10/M = $250).
    // Engineering: 0.2 × 180,000 / 12 = $3,000. Review: 50,000 × 10% × 0.4 min × $36 / 60
    // = 5,000 × 0.4 × 0.6 = $1,200. TCO 437.50 + 400 + 3,000 + 1,200 = $5,037.50 a month;
    // per conversation 5,037.50 / 50,000 = $0.10075; invoice only 437.50 / 50,000 = $0.00875.
    // Exactly, not approximately: every one of these is the nearest double to the figure.
    QCOMPARE_EQ(base.layerCost(0)[0], 437.50);
    QCOMPARE_EQ(base.layerCost(1)[0], 400.0);
    QCOMPARE_EQ(base.layerCost(2)[0], 3000.0);
    QCOMPARE_EQ(base.layerCost(3)[0], 1200.0);
    QCOMPARE_EQ(base.row(Row::Cost)[0], 5037.50);
    QCOMPARE_EQ(base.row(Row::TokenCost)[0], 437.50);
    QCOMPARE_EQ(base.runRate.tco, 5037.50);
    QCOMPARE_EQ(base.runRate.tokenCost, 437.50);
    QCOMPARE_EQ(base.runRate.costPerUnit.value, 0.10075);
    QCOMPARE_EQ(base.runRate.invoicePerUnit.value, 0.00875);
    QVERIFY(base.runRate.costPerUnit.ok());
    QVERIFY(base.runRate.invoicePerUnit.ok());
    // Immediate adoption and no growth: every month costs the same; twelve months 60,450.
    for (int m = 0; m < 12; ++m)
        QCOMPARE_EQ(base.row(Row::Cost)[m], 5037.50);
    QCOMPARE_EQ(base.kpis.tco, 60450.0);
}

void TestEngine::acceptanceExampleFile()
{
    // The bundled example is the same use case (plus one-time costs, a ramp-up, growth and a
    // price decline, which the run rate leaves out): its run rate is the acceptance example.
    const auto wb = roitest::loadExample("support-assistant.roiwb");
    QVERIFY(wb);
    const Results r = compute(*wb);
    const int base = r.findScenario("Base");
    QCOMPARE(base, 0);
    const RunRate &rr = r.at(0, base).runRate;
    QCOMPARE_EQ(rr.handled, 50000.0);
    QCOMPARE(rr.costByLayer.size(), std::size_t(6));
    QCOMPARE_EQ(rr.costByLayer[0], 437.50); // Model tokens
    QCOMPARE_EQ(rr.costByLayer[1], 400.0);  // Retrieval & hosting
    QCOMPARE_EQ(rr.costByLayer[2], 3000.0); // Engineering maintenance
    QCOMPARE_EQ(rr.costByLayer[3], 1200.0); // Human review
    QCOMPARE_EQ(rr.costByLayer[4], 0.0);    // Integration build: one-time, not run rate
    QCOMPARE_EQ(rr.costByLayer[5], 0.0);    // Agent training: one-time
    QCOMPARE_EQ(rr.tco, 5037.50);
    QCOMPARE_EQ(rr.tokenCost, 437.50);
    QCOMPARE_EQ(rr.costPerUnit.value, 0.10075);
    QCOMPARE_EQ(rr.invoicePerUnit.value, 0.00875);
    // One outcome per conversation: the same per outcome.
    QCOMPARE_EQ(rr.costPerOutcome.value, 0.10075);
}

// -------------------------------------------------------------------------------------------
// Ramp-up, growth, prices, risk

void TestEngine::onlyScenarioIsBitIdentical()
{
    // Computing one scenario gives exactly the numbers the full compute gives for it (every
    // series, KPI and run rate of every use case and of the portfolio); the other scenarios are
    // left empty, and no model check runs. Into a reused Results as well.
    const auto wb = roitest::loadExample("portfolio.roiwb");
    QVERIFY(wb);
    ComputeOptions fullOptions;
    fullOptions.checks = false;
    const Results full = compute(*wb, fullOptions);
    QVERIFY(full.scenarios.size() >= 3);
    Results reused;
    for (int s = static_cast<int>(full.scenarios.size()) - 1; s >= 0; --s) {
        ComputeOptions options;
        options.onlyScenario = s;
        for (Results *r : {&reused, static_cast<Results *>(nullptr)}) {
            Results fresh;
            Results &lean = r ? *r : fresh;
            compute(*wb, options, lean);
            QCOMPARE(lean.scenarios, full.scenarios);
            QCOMPARE(lean.cases.size(), full.cases.size());
            QVERIFY(lean.findings.empty());
            for (int u = 0; u < full.useCaseCount; ++u) {
                for (int other = 0; other < static_cast<int>(full.scenarios.size()); ++other) {
                    const CaseResult &got = lean.at(u, other);
                    if (other == s)
                        QVERIFY(got == full.at(u, other));
                    else
                        QCOMPARE(got.months(), 0);
                }
            }
            QVERIFY(lean.portfolio[static_cast<std::size_t>(s)]
                    == full.portfolio[static_cast<std::size_t>(s)]);
        }
    }
    // Back to every scenario in the same Results: the full compute again, bit for bit.
    compute(*wb, fullOptions, reused);
    QVERIFY(reused == full);
}

void TestEngine::rampCurves_data()
{
    QTest::addColumn<int>("curve");
    QTest::addColumn<double>("rampMonths");
    QTest::addColumn<int>("goLiveOffset"); // months after the start month
    QTest::addColumn<double>("delay");
    QTest::addColumn<QList<double>>("adoption");
    const int immediate = static_cast<int>(RampCurve::Immediate);
    const int linear = static_cast<int>(RampCurve::Linear);
    const int s = static_cast<int>(RampCurve::SCurve);
    // Steady adoption 80%, go-live in month 3 (offset 2), four months to steady state:
    // x = (t − 3 + 1) / 4 = 0.25, 0.5, 0.75, 1 in months 3..6.
    QTest::newRow("immediate") << immediate << 4.0 << 2 << 0.0
                               << QList<double>{0, 0, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8};
    // 0.8 × x
    QTest::newRow("linear") << linear << 4.0 << 2 << 0.0
                            << QList<double>{0, 0, 0.2, 0.4, 0.6, 0.8, 0.8, 0.8};
    // 0.8 × (3x² − 2x³): 0.8 × 0.15625 = 0.125, 0.8 × 0.5 = 0.4, 0.8 × 0.84375 = 0.675
    QTest::newRow("s-curve") << s << 4.0 << 2 << 0.0
                             << QList<double>{0, 0, 0.125, 0.4, 0.675, 0.8, 0.8, 0.8};
    // x = 1/3, 2/3: smoothstep 7/27 and 20/27 (3 × 4/9 − 2 × 8/27 = 36/27 − 16/27).
    QTest::newRow("s-curve over 3 months")
        << s << 3.0 << 0 << 0.0
        << QList<double>{0.8 * 7 / 27, 0.8 * 20 / 27, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8};
    // A two-month slip moves go-live to month 5.
    QTest::newRow("linear, go-live delayed 2 months")
        << linear << 4.0 << 2 << 2.0 << QList<double>{0, 0, 0, 0, 0.2, 0.4, 0.6, 0.8};
    // Zero months to steady state: steady at once even on a linear curve.
    QTest::newRow("linear, zero ramp months")
        << linear << 0.0 << 2 << 0.0 << QList<double>{0, 0, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8};
    // Live since two months before the start (go-live = month −1): month 1 is its third
    // month, x = (1 − (−1) + 1) / 4 = 0.75 → 0.6; month 2 → 0.8.
    QTest::newRow("live before the start")
        << linear << 4.0 << -2 << 0.0 << QList<double>{0.6, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8};
}

void TestEngine::rampCurves()
{
    QFETCH(int, curve);
    QFETCH(double, rampMonths);
    QFETCH(int, goLiveOffset);
    QFETCH(double, delay);
    QFETCH(QList<double>, adoption);
    Workbook wb = bareWorkbook(8);
    UseCase &uc = wb.useCases[0];
    uc.ramp.curve = static_cast<RampCurve>(curve);
    uc.ramp.rampMonths = rampMonths;
    uc.ramp.steadyAdoption = 0.8;
    uc.ramp.goLive = wb.settings.startMonth.addMonths(goLiveOffset);
    uc.ramp.goLiveDelay = delay;
    const Results r = compute(wb, noChecks());
    const CaseResult &c = r.at(0, 0);
    for (int m = 0; m < 8; ++m) {
        ROI_COMPARE_NEAR(c.row(Row::Adoption)[m], adoption[m], 1e-12);
        // handled = units × adoption = 1,000 × adoption
        ROI_COMPARE_NEAR(c.row(Row::Handled)[m], 1000 * adoption[m], 1e-9);
    }
}

void TestEngine::volumeGrowth()
{
    Workbook wb = bareWorkbook(4);
    wb.useCases[0].ramp.volumeGrowth = 0.02;
    wb.useCases[0].ramp.steadyAdoption = 0.5;
    Results r = compute(wb, noChecks());
    // 1,000 × 1.02^(t−1): 1,000; 1,020; 1,040.4; 1,061.208 — half of it handled.
    const double units[] = {1000, 1020, 1040.4, 1061.208};
    for (int m = 0; m < 4; ++m) {
        ROI_COMPARE_NEAR(r.at(0, 0).row(Row::Units)[m], units[m], 1e-9);
        ROI_COMPARE_NEAR(r.at(0, 0).row(Row::Handled)[m], units[m] / 2, 1e-9);
    }
    // Σ units = 4,121.608
    ROI_COMPARE_NEAR(r.at(0, 0).kpis.units, 4121.608, 1e-9);

    // Shrinking by 10% a month: 1,000; 900; 810; 729.
    wb.useCases[0].ramp.volumeGrowth = -0.10;
    r = compute(wb, noChecks());
    const double shrinking[] = {1000, 900, 810, 729};
    for (int m = 0; m < 4; ++m)
        ROI_COMPARE_NEAR(r.at(0, 0).row(Row::Units)[m], shrinking[m], 1e-9);
}

void TestEngine::tokenPriceDecline()
{
    Workbook wb = bareWorkbook(25);
    wb.priceBook = {{"m", 10.0, 40.0, 1.0, Date{2026, 1, 1}}};
    CostLayer tokens;
    tokens.name = "Tokens";
    tokens.type = LayerType::TokenUsage;
    tokens.category = CostCategory::ModelTokens;
    tokens.model = "m";
    tokens.inputTokens = 1000;
    wb.useCases[0].layers = {tokens, fixedLayer("Hosting", 100)};
    wb.useCases[0].ramp.tokenPriceDecline = 0.36;
    const Results r = compute(wb, noChecks());
    const CaseResult &c = r.at(0, 0);
    // Month 1: 1,000 units × 1,000 tokens × $10 / 1M = $10. Price(t) = (1 − 0.36)^((t−1)/12):
    // month 4: 0.64^0.25 = 0.8^0.5 = 0.894427191 → $8.94427191; month 7: 0.64^0.5 = 0.8 → $8;
    // month 13: 0.64 → $6.40; month 25: 0.64² = 0.4096 → $4.096.
    ROI_COMPARE_NEAR(c.layerCost(0)[0], 10.0, 1e-12);
    ROI_COMPARE_NEAR(c.layerCost(0)[3], 8.94427191, 1e-8);
    ROI_COMPARE_NEAR(c.layerCost(0)[6], 8.0, 1e-9);
    ROI_COMPARE_NEAR(c.layerCost(0)[12], 6.4, 1e-9);
    ROI_COMPARE_NEAR(c.layerCost(0)[24], 4.096, 1e-9);
    ROI_COMPARE_NEAR(c.row(Row::TokenCost)[24], 4.096, 1e-9);
    // Only token layers get cheaper.
    QCOMPARE_EQ(c.layerCost(1)[24], 100.0);
    ROI_COMPARE_NEAR(c.row(Row::Cost)[24], 104.096, 1e-9);
    // The run rate is at today's price.
    QCOMPARE_EQ(c.runRate.tokenCost, 10.0);
}

void TestEngine::riskHaircut()
{
    Workbook wb = bareWorkbook(2);
    UseCase &uc = wb.useCases[0];
    ValueDriver soft;
    soft.name = "Soft";
    soft.kind = DriverKind::SoftValue;
    soft.hard = false;
    soft.moneyValue = 100;
    uc.drivers = {avoidedFixed("Avoided", 1000), soft};
    uc.risk = {0.10, 0.20, 0.50};
    const Results r = compute(wb, noChecks());
    const CaseResult &c = r.at(0, 0);
    // Π(1 − h) = 0.9 × 0.8 × 0.5 = 0.36 → 1,000 × 0.36 = 360 a month.
    ROI_COMPARE_NEAR(uc.risk.factor(), 0.36, 1e-15);
    QCOMPARE_EQ(c.driverGross(0)[0], 1000.0);
    ROI_COMPARE_NEAR(c.driverNet(0)[0], 360.0, 1e-9);
    QCOMPARE_EQ(c.row(Row::HardGross)[0], 1000.0);
    ROI_COMPARE_NEAR(c.row(Row::HardNet)[0], 360.0, 1e-9);
    // Soft value is not discounted.
    QCOMPARE_EQ(c.driverNet(1)[0], 100.0);
    QCOMPARE_EQ(c.row(Row::Soft)[0], 100.0);
    // Over two months: gross 2,000, net 720, discount 1,280.
    QCOMPARE_EQ(c.kpis.hardBenefitGross, 2000.0);
    ROI_COMPARE_NEAR(c.kpis.hardBenefit, 720.0, 1e-9);
    ROI_COMPARE_NEAR(c.kpis.riskDiscount, 1280.0, 1e-9);
    ROI_COMPARE_NEAR(c.kpis.byTerm[static_cast<int>(NumeratorTerm::AvoidedCost)], 720.0, 1e-9);
    ROI_COMPARE_NEAR(c.runRate.hardBenefit, 360.0, 1e-9);
}

void TestEngine::oneTimeSpread_data()
{
    QTest::addColumn<double>("month");
    QTest::addColumn<double>("spread");
    QTest::addColumn<QList<double>>("costs");
    QTest::addColumn<double>("total");
    // $1,200 in an 8-month horizon.
    QTest::newRow("one month") << 1.0 << 1.0 << QList<double>{1200, 0, 0, 0, 0, 0, 0, 0} << 1200.0;
    // 1,200 / 4 = 300 in months 3, 4, 5 and 6.
    QTest::newRow("spread over 4 from month 3")
        << 3.0 << 4.0 << QList<double>{0, 0, 300, 300, 300, 300, 0, 0} << 1200.0;
    // Months 7..10 at 300: only 7 and 8 fall inside the horizon.
    QTest::newRow("spread past the horizon")
        << 7.0 << 4.0 << QList<double>{0, 0, 0, 0, 0, 0, 300, 300} << 600.0;
    QTest::newRow("after the horizon")
        << 10.0 << 1.0 << QList<double>{0, 0, 0, 0, 0, 0, 0, 0} << 0.0;
    QTest::newRow("last month") << 8.0 << 1.0 << QList<double>{0, 0, 0, 0, 0, 0, 0, 1200} << 1200.0;
}

void TestEngine::oneTimeSpread()
{
    QFETCH(double, month);
    QFETCH(double, spread);
    QFETCH(QList<double>, costs);
    QFETCH(double, total);
    Workbook wb = bareWorkbook(8);
    CostLayer l;
    l.name = "Build";
    l.type = LayerType::OneTime;
    l.category = CostCategory::Integration;
    l.amount = 1200;
    l.month = month;
    l.spreadMonths = spread;
    wb.useCases[0].layers = {l};
    const Results r = compute(wb, noChecks());
    const CaseResult &c = r.at(0, 0);
    for (int m = 0; m < 8; ++m) {
        QCOMPARE_EQ(c.layerCost(0)[m], costs[m]);
        QCOMPARE_EQ(c.categoryCost(CostCategory::Integration)[m], costs[m]);
    }
    QCOMPARE_EQ(c.kpis.tco, total);
    // One-time costs are not part of the monthly run rate.
    QCOMPARE_EQ(c.runRate.tco, 0.0);
    QCOMPARE_EQ(c.runRate.costByLayer[0], 0.0);
}

// -------------------------------------------------------------------------------------------
// Value drivers and cost layers

static ValueDriver driver(DriverKind kind, NumeratorTerm term)
{
    ValueDriver d;
    d.name = std::string(enumName(kind));
    d.kind = kind;
    d.term = term;
    d.hard = kind != DriverKind::SoftValue;
    return d;
}

void TestEngine::driverKinds_data()
{
    QTest::addColumn<ValueDriver>("driver");
    QTest::addColumn<double>("monthly"); // value a month at steady state
    // The use case: 2,000 units handled a month; baseline 10 minutes a unit at $30 an hour.
    ValueDriver labor = driver(DriverKind::LaborReclaimed, NumeratorTerm::AvoidedCost);
    labor.minutesWithAi = 4;
    // (10 − 4) / 60 × $30 × 2,000 = 0.1 h × 30 × 2,000 = $6,000
    QTest::newRow("labor reclaimed") << labor << 6000.0;
    labor.shareCounted = 0.5;
    // Half of it claimed: $3,000
    QTest::newRow("labor reclaimed, half counted") << labor << 3000.0;
    ValueDriver perUnit = driver(DriverKind::AddedCapacity, NumeratorTerm::AvoidedCost);
    perUnit.capacityMode = CapacityMode::PerUnit;
    perUnit.extraUnits = 500;
    perUnit.valuePerUnit = 4;
    perUnit.hires = 99; // ignored in per-unit mode
    // 500 × $4
    QTest::newRow("added capacity per unit") << perUnit << 2000.0;
    ValueDriver hires = driver(DriverKind::AddedCapacity, NumeratorTerm::AvoidedCost);
    hires.capacityMode = CapacityMode::AvoidedHires;
    hires.hires = 2;
    hires.annualCostPerHire = 60000;
    hires.extraUnits = 99; // ignored in hires mode
    // 2 × 60,000 / 12
    QTest::newRow("added capacity as avoided hires") << hires << 10000.0;
    ValueDriver uplift = driver(DriverKind::RevenueUplift, NumeratorTerm::Revenue);
    uplift.conversionLift = 0.02;
    uplift.valuePerConversion = 150;
    // 2,000 × 0.02 × $150 = 40 conversions × 150
    QTest::newRow("revenue uplift") << uplift << 6000.0;
    uplift.shareCounted = 0.3; // a cautious CFO counts the contribution margin only
    QTest::newRow("revenue uplift at 30% margin") << uplift << 1800.0;
    ValueDriver retention = driver(DriverKind::Retention, NumeratorTerm::Revenue);
    retention.customers = 10000;
    retention.churnReduction = 0.03;
    retention.annualValuePerCustomer = 240;
    // 10,000 × 0.03 × 240 / 12 = 300 customers × $20 a month
    QTest::newRow("retention") << retention << 6000.0;
    ValueDriver newRevenue = driver(DriverKind::NewRevenue, NumeratorTerm::Revenue);
    newRevenue.unitsSold = 100;
    newRevenue.price = 30;
    newRevenue.costToServe = 12;
    // 100 × (30 − 12)
    QTest::newRow("new revenue") << newRevenue << 1800.0;
    ValueDriver margin = driver(DriverKind::GrossMarginGain, NumeratorTerm::GrossMargin);
    margin.marginPoints = 0.02;
    margin.revenueBase = 500000;
    // 2 points of $500,000
    QTest::newRow("gross margin gain") << margin << 10000.0;
    ValueDriver avoided = driver(DriverKind::AvoidedCost, NumeratorTerm::AvoidedCost);
    avoided.avoidedMode = AvoidedMode::FixedMonthly;
    avoided.amount = 2500;
    QTest::newRow("avoided cost, fixed") << avoided << 2500.0;
    ValueDriver errors = driver(DriverKind::AvoidedCost, NumeratorTerm::AvoidedCost);
    errors.avoidedMode = AvoidedMode::ErrorReduction;
    errors.errorReduction = 0.05;
    errors.costPerError = 20;
    errors.amount = 99999; // ignored in error-reduction mode
    // 0.05 × $20 × 2,000 = 100 errors avoided × 20
    QTest::newRow("avoided cost, error reduction") << errors << 2000.0;
    ValueDriver soft = driver(DriverKind::SoftValue, NumeratorTerm::AvoidedCost);
    soft.metric = "CSAT";
    soft.moneyValue = 700;
    QTest::newRow("soft value") << soft << 700.0;
}

void TestEngine::driverKinds()
{
    QFETCH(ValueDriver, driver);
    QFETCH(double, monthly);
    Workbook wb = bareWorkbook(3);
    UseCase &uc = wb.useCases[0];
    uc.baseline.volume = 2000;
    uc.baseline.minutesPerUnit = 10;
    uc.baseline.hourlyRate = 30;
    uc.baseline.errorRate = 0.1;
    uc.baseline.conversionRate = 0.05;
    uc.drivers = {driver};
    const Results r = compute(wb, noChecks());
    const CaseResult &c = r.at(0, 0);
    const bool hard = driver.kind != DriverKind::SoftValue;
    for (int m = 0; m < 3; ++m) {
        ROI_COMPARE_NEAR(c.driverGross(0)[m], monthly, 1e-9);
        ROI_COMPARE_NEAR(c.driverNet(0)[m], monthly, 1e-9); // no risk discount here
        ROI_COMPARE_NEAR(c.row(Row::HardGross)[m], hard ? monthly : 0.0, 1e-9);
        ROI_COMPARE_NEAR(c.row(Row::Soft)[m], hard ? 0.0 : monthly, 1e-9);
    }
    // Over three months, in the numerator term the driver maps to (soft value in none).
    for (int t = 0; t < 3; ++t) {
        const bool mine = hard && t == static_cast<int>(driver.term);
        ROI_COMPARE_NEAR(c.kpis.byTerm[static_cast<std::size_t>(t)], mine ? 3 * monthly : 0.0,
                         1e-9);
    }
    ROI_COMPARE_NEAR(c.kpis.hardBenefit, hard ? 3 * monthly : 0.0, 1e-9);
    ROI_COMPARE_NEAR(c.kpis.softValue, hard ? 0.0 : 3 * monthly, 1e-9);
    ROI_COMPARE_NEAR(c.runRate.hardBenefit, hard ? monthly : 0.0, 1e-9);
}

void TestEngine::driversFollowRamp()
{
    // Steady adoption 50%, linear over 2 months from month 1: adoption 25% then 50%, so
    // 500 then 1,000 of 2,000 units handled; drivers not tied to handled units follow the ramp
    // as adoption / steady adoption = 0.5 then 1.
    Workbook wb = bareWorkbook(3);
    UseCase &uc = wb.useCases[0];
    uc.baseline.volume = 2000;
    uc.baseline.minutesPerUnit = 10;
    uc.baseline.hourlyRate = 30;
    uc.ramp.curve = RampCurve::Linear;
    uc.ramp.rampMonths = 2;
    uc.ramp.steadyAdoption = 0.5;
    ValueDriver labor = driver(DriverKind::LaborReclaimed, NumeratorTerm::AvoidedCost);
    labor.minutesWithAi = 4;
    ValueDriver retention = driver(DriverKind::Retention, NumeratorTerm::Revenue);
    retention.customers = 10000;
    retention.churnReduction = 0.03;
    retention.annualValuePerCustomer = 240;
    ValueDriver errors = driver(DriverKind::AvoidedCost, NumeratorTerm::AvoidedCost);
    errors.avoidedMode = AvoidedMode::ErrorReduction;
    errors.errorReduction = 0.05;
    errors.costPerError = 20;
    uc.drivers = {labor, retention, errors};
    const Results r = compute(wb, noChecks());
    const CaseResult &c = r.at(0, 0);
    // Labor: $3 a handled unit (6 min at $30/h) → 1,500; 3,000; 3,000.
    ROI_COMPARE_NEAR(c.driverGross(0)[0], 1500.0, 1e-9);
    ROI_COMPARE_NEAR(c.driverGross(0)[1], 3000.0, 1e-9);
    // Retention $6,000 at steady state → 3,000; 6,000.
    ROI_COMPARE_NEAR(c.driverGross(1)[0], 3000.0, 1e-9);
    ROI_COMPARE_NEAR(c.driverGross(1)[2], 6000.0, 1e-9);
    // Error reduction: $1 a handled unit → 500; 1,000.
    ROI_COMPARE_NEAR(c.driverGross(2)[0], 500.0, 1e-9);
    ROI_COMPARE_NEAR(c.driverGross(2)[1], 1000.0, 1e-9);
    // The run rate is at steady adoption: 3,000 + 6,000 + 1,000.
    ROI_COMPARE_NEAR(c.runRate.hardBenefit, 10000.0, 1e-9);
    QCOMPARE_EQ(c.runRate.handled, 1000.0);
}

static Workbook allLayersWorkbook()
{
    // 2,000 units handled a month, 0.5 outcomes each; one layer of every type.
    Workbook wb = bareWorkbook(3);
    wb.priceBook = {{"m", 3.0, 15.0, 0.3, Date{2026, 1, 1}}};
    UseCase &uc = wb.useCases[0];
    uc.baseline.volume = 2000;
    uc.outcome.perUnit = 0.5;
    CostLayer tokens;
    tokens.name = "Tokens";
    tokens.type = LayerType::TokenUsage;
    tokens.category = CostCategory::ModelTokens;
    tokens.model = "m";
    tokens.callsPerUnit = 2;
    tokens.inputTokens = 1000;
    tokens.outputTokens = 200;
    tokens.cachedInputTokens = 4000;
    tokens.overhead = 0.1;
    CostLayer staff;
    staff.name = "Staff";
    staff.type = LayerType::Staff;
    staff.category = CostCategory::Integration;
    staff.fte = 1.5;
    staff.annualCost = 96000;
    CostLayer review;
    review.name = "Review";
    review.type = LayerType::HumanReview;
    review.category = CostCategory::HumanReview;
    review.share = 0.25;
    review.minutesPerReview = 3;
    review.hourlyRate = 48;
    CostLayer perHandled;
    perHandled.name = "Per handled";
    perHandled.type = LayerType::PerUnit;
    perHandled.category = CostCategory::Other;
    perHandled.basis = UnitBasis::HandledUnit;
    perHandled.unitCost = 0.05;
    CostLayer perOutcome = perHandled;
    perOutcome.name = "Per outcome";
    perOutcome.basis = UnitBasis::Outcome;
    CostLayer perCall = perHandled;
    perCall.name = "Per call";
    perCall.basis = UnitBasis::Call;
    perCall.category = CostCategory::Infrastructure;
    CostLayer oneTime;
    oneTime.name = "Data preparation";
    oneTime.type = LayerType::OneTime;
    oneTime.category = CostCategory::DataGovernance;
    oneTime.amount = 6000;
    oneTime.month = 1;
    oneTime.spreadMonths = 2;
    uc.layers = {tokens, fixedLayer("Hosting", 750), staff, review, perHandled, perOutcome, perCall,
                 oneTime};
    return wb;
}

void TestEngine::layerTypes()
{
    const Results r = compute(allLayersWorkbook(), noChecks());
    const CaseResult &c = r.at(0, 0);
    // Tokens: per call 1,000 × $3 + 200 × $15 + 4,000 × $0.30 = 3,000 + 3,000 + 1,200 = 7,200
    // per million → $0.0072; 2 calls × 2,000 units = 4,000 calls → $28.80; + 10% = $31.68.
    ROI_COMPARE_NEAR(c.layerCost(0)[0], 31.68, 1e-9);
    QCOMPARE_EQ(c.layerCost(1)[0], 750.0); // fixed
    // Staff: 1.5 × 96,000 / 12
    QCOMPARE_EQ(c.layerCost(2)[0], 12000.0);
    // Review: 2,000 × 0.25 × 3 min × $48 / 60 = 500 × 3 × 0.8
    ROI_COMPARE_NEAR(c.layerCost(3)[0], 1200.0, 1e-9);
    // Per unit at $0.05: 2,000 handled → 100; 1,000 outcomes → 50; 4,000 calls → 200.
    ROI_COMPARE_NEAR(c.layerCost(4)[0], 100.0, 1e-9);
    ROI_COMPARE_NEAR(c.layerCost(5)[0], 50.0, 1e-9);
    ROI_COMPARE_NEAR(c.layerCost(6)[0], 200.0, 1e-9);
    // One-time 6,000 over 2 months: 3,000; 3,000; 0.
    QCOMPARE_EQ(c.layerCost(7)[0], 3000.0);
    QCOMPARE_EQ(c.layerCost(7)[2], 0.0);
    // Months 1-2: 31.68 + 750 + 12,000 + 1,200 + 100 + 50 + 200 + 3,000 = 17,331.68;
    // month 3: 14,331.68.
    ROI_COMPARE_NEAR(c.row(Row::Cost)[0], 17331.68, 1e-8);
    ROI_COMPARE_NEAR(c.row(Row::Cost)[2], 14331.68, 1e-8);
    QCOMPARE_EQ(c.row(Row::Calls)[0], 4000.0);
    QCOMPARE_EQ(c.row(Row::Outcomes)[0], 1000.0);
    ROI_COMPARE_NEAR(c.row(Row::TokenCost)[0], 31.68, 1e-9);
    ROI_COMPARE_NEAR(c.row(Row::PerCallCost)[0], 200.0, 1e-9);
    // By category: infrastructure = hosting 750 + per call 200; other = 100 + 50.
    ROI_COMPARE_NEAR(c.categoryCost(CostCategory::ModelTokens)[0], 31.68, 1e-9);
    ROI_COMPARE_NEAR(c.categoryCost(CostCategory::Infrastructure)[0], 950.0, 1e-9);
    QCOMPARE_EQ(c.categoryCost(CostCategory::Integration)[0], 12000.0);
    ROI_COMPARE_NEAR(c.categoryCost(CostCategory::HumanReview)[0], 1200.0, 1e-9);
    ROI_COMPARE_NEAR(c.categoryCost(CostCategory::Other)[0], 150.0, 1e-9);
    QCOMPARE_EQ(c.categoryCost(CostCategory::DataGovernance)[0], 3000.0);
    QCOMPARE_EQ(c.categoryCost(CostCategory::DataGovernance)[2], 0.0);
    QCOMPARE_EQ(c.categoryCost(CostCategory::Training)[0], 0.0);
    // TCO 2 × 17,331.68 + 14,331.68 = 48,995.04 over 3,000 outcomes = $16.33168 each.
    ROI_COMPARE_NEAR(c.kpis.tco, 48995.04, 1e-7);
    QVERIFY(c.kpis.costPerOutcome.ok());
    ROI_COMPARE_NEAR(c.kpis.costPerOutcome.value, 16.33168, 1e-10);
    // Cost per inference = (tokens + per-call cost) / calls = (3 × 31.68 + 3 × 200) / 12,000
    // = 695.04 / 12,000 = $0.05792.
    QVERIFY(c.kpis.costPerInference.ok());
    ROI_COMPARE_NEAR(c.kpis.costPerInference.value, 0.05792, 1e-12);
    // Run rate: no one-time cost: 14,331.68 a month; / 2,000 = 7.16584 a unit; tokens
    // 31.68 / 2,000 = 0.01584; / 1,000 outcomes = 14.33168.
    ROI_COMPARE_NEAR(c.runRate.tco, 14331.68, 1e-8);
    ROI_COMPARE_NEAR(c.runRate.costPerUnit.value, 7.16584, 1e-11);
    ROI_COMPARE_NEAR(c.runRate.invoicePerUnit.value, 0.01584, 1e-12);
    ROI_COMPARE_NEAR(c.runRate.costPerOutcome.value, 14.33168, 1e-11);
}

void TestEngine::perUnitBasis_data()
{
    QTest::addColumn<int>("basis");
    QTest::addColumn<bool>("withTokens");
    QTest::addColumn<double>("monthly");
    // 1,000 units handled, 0.25 outcomes each, 3 model calls each; $0.10 a unit of the basis.
    QTest::newRow("handled unit") << static_cast<int>(UnitBasis::HandledUnit) << true << 100.0;
    QTest::newRow("outcome") << static_cast<int>(UnitBasis::Outcome) << true << 25.0;
    QTest::newRow("call") << static_cast<int>(UnitBasis::Call) << true << 300.0;
    // Calls come from token layers; without one there are no calls to charge.
    QTest::newRow("call, no token layer") << static_cast<int>(UnitBasis::Call) << false << 0.0;
}

void TestEngine::perUnitBasis()
{
    QFETCH(int, basis);
    QFETCH(bool, withTokens);
    QFETCH(double, monthly);
    Workbook wb = bareWorkbook(2);
    wb.priceBook = {{"m", 1.0, 4.0, 0.5, Date{2026, 1, 1}}};
    UseCase &uc = wb.useCases[0];
    uc.outcome.perUnit = 0.25;
    CostLayer vendor;
    vendor.name = "Vendor";
    vendor.type = LayerType::PerUnit;
    vendor.basis = static_cast<UnitBasis>(basis);
    vendor.unitCost = 0.10;
    uc.layers = {vendor};
    if (withTokens) {
        CostLayer tokens;
        tokens.name = "Tokens";
        tokens.type = LayerType::TokenUsage;
        tokens.model = "m";
        tokens.callsPerUnit = 3;
        uc.layers.push_back(tokens);
    }
    const Results r = compute(wb, noChecks());
    ROI_COMPARE_NEAR(r.at(0, 0).layerCost(0)[0], monthly, 1e-9);
    ROI_COMPARE_NEAR(r.at(0, 0).runRate.costByLayer[0], monthly, 1e-9);
}

// -------------------------------------------------------------------------------------------
// KPIs

void TestEngine::npvIrrPayback()
{
    // One-time $225 in month 1 and $125 a month avoided from month 1: net −100, +125, +125.
    Workbook wb = bareWorkbook(3);
    // An annual rate whose monthly equivalent is 25%: 1.25^12 − 1 = 13.551915228366852.
    wb.settings.discountRate = 13.551915228366852;
    CostLayer build;
    build.name = "Build";
    build.type = LayerType::OneTime;
    build.amount = 225;
    wb.useCases[0].layers = {build};
    wb.useCases[0].drivers = {avoidedFixed("Avoided", 125)};
    const Results r = compute(wb, noChecks());
    const Kpis &k = r.at(0, 0).kpis;
    QCOMPARE_EQ(r.at(0, 0).row(Row::Net)[0], -100.0);
    QCOMPARE_EQ(r.at(0, 0).row(Row::CumulativeNet)[2], 150.0);
    // NPV = −100 × 0.8 + 125 × 0.64 + 125 × 0.512 = −80 + 80 + 64 = 64
    ROI_COMPARE_NEAR(k.npv, 64.0, 1e-9);
    // IRR: −100/x + 125/x² + 125/x³ = 0 → 4x² − 5x − 5 = 0 → x = (5 + √105) / 8
    // = (5 + 10.246950766) / 8 = 1.905868846 a month; annualised x^12 − 1.
    QVERIFY(k.irrAnnual.ok());
    const double x = (5 + std::sqrt(105.0)) / 8;
    ROI_COMPARE_NEAR(k.irrAnnual.value, std::pow(x, 12) - 1, 1e-6 * std::pow(x, 12));
    // Payback: cumulative −100, +25: 100 / 125 = 0.8 into month 2.
    QVERIFY(k.paybackMonth.ok());
    ROI_COMPARE_NEAR(k.paybackMonth.value, 1.8, 1e-12);
    // ROI: benefit 375, TCO 225 → (375 − 225) / 225 = 66.67%.
    ROI_COMPARE_NEAR(k.roiPercent.value, 150.0 / 225.0 * 100.0, 1e-9);
    ROI_COMPARE_NEAR(k.netValue, 150.0, 1e-9);
}

void TestEngine::discountRate()
{
    // $110 at the end of month 12 discounted at 10% a year is worth exactly $100.
    Workbook wb = bareWorkbook(12);
    wb.settings.discountRate = 0.10;
    CostLayer late;
    late.name = "Late";
    late.type = LayerType::OneTime;
    late.amount = 110;
    late.month = 12;
    wb.useCases[0].layers = {late};
    const Results r = compute(wb, noChecks());
    ROI_COMPARE_NEAR(r.at(0, 0).kpis.npv, -100.0, 1e-9);
    ROI_COMPARE_NEAR(r.portfolio[0].kpis.npv, -100.0, 1e-9);
}

void TestEngine::roiPercent()
{
    // One month. Hard drivers, one per numerator term, $2,500 gross; a 20% hallucination
    // haircut leaves 2,000: Δrevenue 800, Δgross margin 800, avoided cost 400; TCO 1,600.
    Workbook wb = bareWorkbook(1);
    UseCase &uc = wb.useCases[0];
    ValueDriver uplift = driver(DriverKind::RevenueUplift, NumeratorTerm::Revenue);
    uplift.conversionLift = 0.02;
    uplift.valuePerConversion = 50; // 1,000 × 0.02 × 50 = 1,000
    ValueDriver margin = driver(DriverKind::GrossMarginGain, NumeratorTerm::GrossMargin);
    margin.marginPoints = 0.01;
    margin.revenueBase = 100000; // 1,000
    uc.drivers = {uplift, margin, avoidedFixed("Avoided", 500)};
    uc.risk.hallucination = 0.2;
    uc.layers = {fixedLayer("Platform", 1600)};
    const Results r = compute(wb, noChecks());
    const Kpis &k = r.at(0, 0).kpis;
    ROI_COMPARE_NEAR(k.byTerm[static_cast<int>(NumeratorTerm::Revenue)], 800.0, 1e-9);
    ROI_COMPARE_NEAR(k.byTerm[static_cast<int>(NumeratorTerm::GrossMargin)], 800.0, 1e-9);
    ROI_COMPARE_NEAR(k.byTerm[static_cast<int>(NumeratorTerm::AvoidedCost)], 400.0, 1e-9);
    // ROI = (800 + 800 + 400 − 1,600) / 1,600 × 100 = 25%
    QVERIFY(k.roiPercent.ok());
    ROI_COMPARE_NEAR(k.roiPercent.value, 25.0, 1e-9);
    ROI_COMPARE_NEAR(k.netValue, 400.0, 1e-9);
    ROI_COMPARE_NEAR(k.riskDiscount, 500.0, 1e-9);
}

void TestEngine::roiPerYear()
{
    // 18 months of $1,000 cost; $1,500 avoided a month from go-live in month 7.
    Workbook wb = bareWorkbook(18);
    UseCase &uc = wb.useCases[0];
    uc.ramp.goLive = {2026, 7};
    uc.layers = {fixedLayer("Platform", 1000)};
    uc.drivers = {avoidedFixed("Avoided", 1500)};
    const Results r = compute(wb, noChecks());
    const Kpis &k = r.at(0, 0).kpis;
    QCOMPARE(k.roiPerYear.size(), std::size_t(2));
    // Year 1: cost 12,000, benefit 6 × 1,500 = 9,000 → (9,000 − 12,000) / 12,000 = −25%.
    ROI_COMPARE_NEAR(k.roiPerYear[0].value, -25.0, 1e-9);
    // Year 2 (6 months): cost 6,000, benefit 9,000 → +50%.
    ROI_COMPARE_NEAR(k.roiPerYear[1].value, 50.0, 1e-9);
    // The horizon: 18,000 against 18,000 → 0%.
    ROI_COMPARE_NEAR(k.roiPercent.value, 0.0, 1e-9);
    // Cumulative: −1,000 × 6 = −6,000 by month 6, then +500 a month: 0 at the end of month 18.
    QCOMPARE_EQ(r.at(0, 0).row(Row::CumulativeNet)[5], -6000.0);
    QCOMPARE_EQ(r.at(0, 0).row(Row::CumulativeNet)[17], 0.0);
    ROI_COMPARE_NEAR(k.paybackMonth.value, 18.0, 1e-12);
}

void TestEngine::aiGrossMargin()
{
    // Revenue uplift of $1,000 a month against $250 of cost: (1,000 − 250) / 1,000 = 75%.
    Workbook wb = bareWorkbook(2);
    UseCase &uc = wb.useCases[0];
    ValueDriver uplift = driver(DriverKind::RevenueUplift, NumeratorTerm::Revenue);
    uplift.conversionLift = 0.02;
    uplift.valuePerConversion = 50;
    uc.drivers = {uplift};
    uc.layers = {fixedLayer("Platform", 250)};
    Results r = compute(wb, noChecks());
    QVERIFY(r.at(0, 0).kpis.aiGrossMargin.ok());
    ROI_COMPARE_NEAR(r.at(0, 0).kpis.aiGrossMargin.value, 0.75, 1e-12);
    // Cost above revenue: 1,000 against 2,500 → −150%.
    uc.layers = {fixedLayer("Platform", 2500)};
    r = compute(wb, noChecks());
    ROI_COMPARE_NEAR(r.at(0, 0).kpis.aiGrossMargin.value, -1.5, 1e-12);
    // No attributable revenue: not applicable (not a division by zero).
    uc.drivers = {avoidedFixed("Avoided", 5000)};
    r = compute(wb, noChecks());
    QCOMPARE(r.at(0, 0).kpis.aiGrossMargin.state, KpiState::NotApplicable);
}

void TestEngine::softValue_data()
{
    QTest::addColumn<bool>("inHeadline");
    QTest::addColumn<bool>("hardKindMarkedSoft");
    QTest::addColumn<double>("roi");
    // 12 months: hard $1,000 a month, soft $500 a month, cost $1,200 a month.
    // Out of the headline: (12,000 − 14,400) / 14,400 = −16.667%.
    QTest::newRow("soft value apart") << false << false << -2400.0 / 14400.0 * 100.0;
    // In the headline: (18,000 − 14,400) / 14,400 = +25%.
    QTest::newRow("soft value in headline") << true << false << 25.0;
    // A driver of a hard kind marked soft is soft value too.
    QTest::newRow("soft avoided cost, apart") << false << true << -2400.0 / 14400.0 * 100.0;
    QTest::newRow("soft avoided cost, in headline") << true << true << 25.0;
}

void TestEngine::softValue()
{
    QFETCH(bool, inHeadline);
    QFETCH(bool, hardKindMarkedSoft);
    QFETCH(double, roi);
    Workbook wb = bareWorkbook(12);
    wb.settings.softValueInHeadline = inHeadline;
    UseCase &uc = wb.useCases[0];
    ValueDriver soft;
    if (hardKindMarkedSoft) {
        soft = avoidedFixed("Goodwill", 500);
        soft.hard = false;
    } else {
        soft = driver(DriverKind::SoftValue, NumeratorTerm::AvoidedCost);
        soft.moneyValue = 500;
    }
    uc.drivers = {avoidedFixed("Avoided", 1000), soft};
    uc.layers = {fixedLayer("Platform", 1200)};
    const Results r = compute(wb, noChecks());
    const Kpis &k = r.at(0, 0).kpis;
    QCOMPARE_EQ(k.hardBenefit, 12000.0);
    QCOMPARE_EQ(k.softValue, 6000.0);
    QCOMPARE_EQ(k.headlineBenefit, inHeadline ? 18000.0 : 12000.0);
    QCOMPARE_EQ(r.at(0, 0).row(Row::Benefit)[0], inHeadline ? 1500.0 : 1000.0);
    ROI_COMPARE_NEAR(k.roiPercent.value, roi, 1e-9);
    // Soft value never enters the numerator terms.
    QCOMPARE_EQ(k.byTerm[static_cast<int>(NumeratorTerm::AvoidedCost)], 12000.0);
}

void TestEngine::portfolioTotals()
{
    // A: 1,000 units, all handled, $100 cost, $300 avoided a month.
    // B: 3,000 units, half handled, $200 cost, $50 avoided a month, 2 outcomes a unit.
    Workbook wb = bareWorkbook(12);
    wb.settings.discountRate = 0.10;
    wb.useCases[0].name = "A";
    wb.useCases[0].layers = {fixedLayer("Platform", 100)};
    wb.useCases[0].drivers = {avoidedFixed("Avoided", 300)};
    UseCase b = wb.useCases[0];
    b.name = "B";
    b.baseline.volume = 3000;
    b.ramp.steadyAdoption = 0.5;
    b.outcome.perUnit = 2;
    b.layers = {fixedLayer("Platform", 200, CostCategory::Training)};
    b.drivers = {avoidedFixed("Avoided", 50)};
    wb.useCases.push_back(b);
    const Results r = compute(wb, noChecks());
    QCOMPARE(r.portfolio.size(), std::size_t(1));
    const CaseResult &p = r.portfolio[0];
    // Per month: cost 300, benefit 350, net 50; units 4,000, handled 1,000 + 1,500 = 2,500,
    // adoption 2,500 / 4,000 = 62.5%; outcomes 1,000 + 3,000.
    QCOMPARE_EQ(p.row(Row::Cost)[0], 300.0);
    QCOMPARE_EQ(p.row(Row::Benefit)[0], 350.0);
    QCOMPARE_EQ(p.row(Row::Net)[0], 50.0);
    QCOMPARE_EQ(p.row(Row::CumulativeNet)[11], 600.0);
    QCOMPARE_EQ(p.row(Row::Units)[0], 4000.0);
    QCOMPARE_EQ(p.row(Row::Handled)[0], 2500.0);
    QCOMPARE_EQ(p.row(Row::Adoption)[0], 0.625);
    QCOMPARE_EQ(p.row(Row::Outcomes)[0], 4000.0);
    QCOMPARE_EQ(p.categoryCost(CostCategory::Infrastructure)[0], 100.0);
    QCOMPARE_EQ(p.categoryCost(CostCategory::Training)[0], 200.0);
    // Totals: TCO 3,600, benefit 4,200 → ROI 600 / 3,600 = 16.667%.
    QCOMPARE_EQ(p.kpis.tco, 3600.0);
    QCOMPARE_EQ(p.kpis.hardBenefit, 4200.0);
    QCOMPARE_EQ(p.kpis.tco, r.at(0, 0).kpis.tco + r.at(1, 0).kpis.tco);
    ROI_COMPARE_NEAR(p.kpis.roiPercent.value, 600.0 / 3600.0 * 100.0, 1e-9);
    // NPV is linear: the portfolio's is the sum of the cases'.
    ROI_COMPARE_NEAR(p.kpis.npv, r.at(0, 0).kpis.npv + r.at(1, 0).kpis.npv, 1e-9);
    // A's net 200 a month for 12 months at r_m = 1.1^(1/12) − 1: annuity factor
    // (1 − 1.1^−1) / r_m = 0.0909091 / 0.00797414 = 11.400488 → 2,280.098; B's −150 a
    // month → −1,710.073; together 570.024.
    ROI_COMPARE_NEAR(p.kpis.npv, 50 * (1 - 1 / 1.1) / (std::pow(1.1, 1.0 / 12) - 1), 1e-9);
    ROI_COMPARE_NEAR(p.kpis.npv, 570.024, 1e-3);
    // Outcomes of different use cases are not added up into a cost per outcome.
    QCOMPARE(p.kpis.costPerOutcome.state, KpiState::NotApplicable);
    QCOMPARE_EQ(p.runRate.tco, 300.0);
    QCOMPARE_EQ(p.runRate.handled, 2500.0);
    QCOMPARE_EQ(p.runRate.hardBenefit, 350.0);
}

void TestEngine::scenarioAdjustments()
{
    // Base, plus a scenario that doubles volume everywhere and one that sets the discount
    // rate; per-use-case scoping is in tst_inputs.
    Workbook wb = bareWorkbook(12);
    wb.useCases[0].layers = {fixedLayer("Platform", 100)};
    wb.useCases[0].drivers = {avoidedFixed("Avoided", 300)};
    ValueDriver errors = driver(DriverKind::AvoidedCost, NumeratorTerm::AvoidedCost);
    errors.name = "Errors";
    errors.avoidedMode = AvoidedMode::ErrorReduction;
    errors.errorReduction = 0.01;
    errors.costPerError = 10; // $0.10 a handled unit → $100 a month at 1,000 units
    wb.useCases[0].drivers.push_back(errors);
    wb.scenarios.push_back({"Double", {}, {{"baseline.volume", AdjustmentOp::Multiply, 2, {}}}});
    wb.scenarios.push_back(
        {"Dear money", {}, {{"settings.discountRate", AdjustmentOp::Set, 0.10, {}}}});
    const Results r = compute(wb, noChecks());
    QCOMPARE(r.scenarios, (std::vector<std::string>{"Base", "Double", "Dear money"}));
    // Base: 100 + 300 = 400 benefit a month; Double: 300 + 200 = 500.
    QCOMPARE_EQ(r.at(0, 0).row(Row::Units)[0], 1000.0);
    QCOMPARE_EQ(r.at(0, 1).row(Row::Units)[0], 2000.0);
    ROI_COMPARE_NEAR(r.at(0, 0).row(Row::Benefit)[0], 400.0, 1e-9);
    ROI_COMPARE_NEAR(r.at(0, 1).row(Row::Benefit)[0], 500.0, 1e-9);
    // The workbook itself is not changed by computing a scenario.
    QCOMPARE_EQ(wb.useCases[0].baseline.volume, 1000.0);
    // Zero discount in Base: NPV = Σ net = 12 × 300 = 3,600. At 10% a year the last month's
    // 300 is worth 300 / 1.1 = 272.73, so the NPV is below 3,600 but above 12 × 272.73.
    ROI_COMPARE_NEAR(r.at(0, 0).kpis.npv, 3600.0, 1e-9);
    ROI_COMPARE_NEAR(r.at(0, 2).kpis.npv, 300 * (1 - 1 / 1.1) / (std::pow(1.1, 1.0 / 12) - 1),
                     1e-9);
    QVERIFY(r.at(0, 2).kpis.npv < 3600.0 && r.at(0, 2).kpis.npv > 12 * 300 / 1.1);
    ROI_COMPARE_NEAR(r.portfolio[2].kpis.npv, r.at(0, 2).kpis.npv, 1e-9);
}

void TestEngine::noScenarios()
{
    // A workbook without scenarios computes a lone Base.
    Workbook wb = bareWorkbook(3);
    wb.scenarios.clear();
    wb.useCases[0].layers = {fixedLayer("Platform", 10)};
    const Results r = compute(wb, noChecks());
    QCOMPARE(r.scenarios, std::vector<std::string>{"Base"});
    QCOMPARE(r.cases.size(), std::size_t(1));
    QCOMPARE_EQ(r.at(0, 0).kpis.tco, 30.0);
}

// -------------------------------------------------------------------------------------------
// Edge cases: never NaN, never infinity, a state instead

static constexpr int kAny = -1;

void TestEngine::edgeCases_data()
{
    QTest::addColumn<Mutator>("mutate");
    QTest::addColumn<int>("roiState");
    QTest::addColumn<int>("irrState");
    QTest::addColumn<int>("paybackState");
    QTest::addColumn<int>("months");
    const int ok = static_cast<int>(KpiState::Ok);
    const int undefined = static_cast<int>(KpiState::Undefined);
    const int noSign = static_cast<int>(KpiState::NoSignChange);
    const int never = static_cast<int>(KpiState::NeverPaysBack);
    auto costAndBenefit = [](double cost, double benefit) {
        return [=](Workbook &wb) {
            wb.useCases[0].layers = {fixedLayer("Platform", cost)};
            wb.useCases[0].drivers = {avoidedFixed("Avoided", benefit)};
        };
    };
    QTest::newRow("horizon 1") << Mutator([=](Workbook &wb) {
        wb.settings.horizonMonths = 1;
        costAndBenefit(100, 150)(wb);
    }) << ok << noSign << ok << 1;
    QTest::newRow("horizon 120") << Mutator([=](Workbook &wb) {
        wb.settings.horizonMonths = 120;
        costAndBenefit(100, 150)(wb);
        wb.useCases[0].ramp.volumeGrowth = 0.05;
    }) << ok << noSign << ok << 120;
    QTest::newRow("horizon 0 computes 1 month")
        << Mutator([](Workbook &wb) { wb.settings.horizonMonths = 0; }) << kAny << kAny << kAny
        << 1;
    QTest::newRow("horizon 500 computes 120 months")
        << Mutator([](Workbook &wb) { wb.settings.horizonMonths = 500; }) << kAny << kAny << kAny
        << 120;
    QTest::newRow("zero volume") << Mutator([=](Workbook &wb) {
        costAndBenefit(100, 0)(wb);
        wb.useCases[0].baseline.volume = 0;
    }) << ok << noSign << never << 12;
    QTest::newRow("zero TCO") << Mutator(
        [=](Workbook &wb) { wb.useCases[0].drivers = {avoidedFixed("Avoided", 100)}; })
                              << undefined << noSign << ok << 12;
    QTest::newRow("costs only: no sign change")
        << Mutator([=](Workbook &wb) { costAndBenefit(100, 0)(wb); }) << ok << noSign << never
        << 12;
    QTest::newRow("benefits never catch up") << Mutator([=](Workbook &wb) {
        CostLayer big;
        big.name = "Build";
        big.type = LayerType::OneTime;
        big.amount = 10000;
        wb.useCases[0].layers = {big};
        wb.useCases[0].drivers = {avoidedFixed("Avoided", 100)};
    }) << ok << kAny << never << 12;
    QTest::newRow("all-zero flows")
        << Mutator([](Workbook &) {}) << undefined << noSign << undefined << 12;
    QTest::newRow("zero adoption") << Mutator([=](Workbook &wb) {
        costAndBenefit(100, 150)(wb);
        wb.useCases[0].ramp.steadyAdoption = 0;
    }) << ok << noSign << never << 12;
    QTest::newRow("go-live after the horizon") << Mutator([=](Workbook &wb) {
        costAndBenefit(100, 150)(wb);
        wb.useCases[0].ramp.goLive = {2030, 1};
    }) << ok << noSign << never << 12;
    QTest::newRow("doubling every month for 120 months") << Mutator([=](Workbook &wb) {
        wb.settings.horizonMonths = 120;
        wb.priceBook = {{"m", 1000, 4000, 500, {}}};
        CostLayer tokens;
        tokens.name = "Tokens";
        tokens.type = LayerType::TokenUsage;
        tokens.model = "m";
        tokens.inputTokens = 1e9;
        tokens.outputTokens = 1e9;
        wb.useCases[0].layers = {tokens};
        wb.useCases[0].baseline.volume = 1e13;
        wb.useCases[0].ramp.volumeGrowth = 1;
        wb.useCases[0].ramp.tokenPriceDecline = -1; // prices double every year
    }) << kAny << kAny << kAny << 120;
    QTest::newRow("zero outcomes per unit") << Mutator([=](Workbook &wb) {
        costAndBenefit(100, 150)(wb);
        wb.useCases[0].outcome.perUnit = 0;
    }) << ok << noSign << ok << 12;
    QTest::newRow("token layer without price") << Mutator([=](Workbook &wb) {
        CostLayer tokens;
        tokens.name = "Tokens";
        tokens.type = LayerType::TokenUsage;
        tokens.model = "unknown";
        tokens.inputTokens = 100;
        wb.useCases[0].layers = {tokens};
    }) << undefined << noSign << undefined << 12;
    QTest::newRow("default scenarios on extreme inputs") << Mutator([=](Workbook &wb) {
        wb.scenarios = defaultScenarios();
        costAndBenefit(1e12, 1e12)(wb);
        wb.useCases[0].baseline.volume = 1e13;
        wb.useCases[0].ramp.steadyAdoption = 1;
        wb.useCases[0].ramp.goLiveDelay = 120;
        wb.useCases[0].risk = {1, 1, 1};
    }) << kAny << kAny << kAny << 12;
}

void TestEngine::edgeCases()
{
    QFETCH(Mutator, mutate);
    QFETCH(int, roiState);
    QFETCH(int, irrState);
    QFETCH(int, paybackState);
    QFETCH(int, months);
    Workbook wb = bareWorkbook(12);
    mutate(wb);
    const Results r = compute(wb); // checks on: they must cope too
    ROI_VERIFY_FINITE(r);
    QCOMPARE(r.months, months);
    QCOMPARE(r.at(0, 0).months(), months);
    QCOMPARE(r.at(0, 0).kpis.roiPerYear.size(), std::size_t((months + 11) / 12));
    const Kpis &k = r.at(0, 0).kpis;
    if (roiState != kAny)
        QCOMPARE(static_cast<int>(k.roiPercent.state), roiState);
    if (irrState != kAny)
        QCOMPARE(static_cast<int>(k.irrAnnual.state), irrState);
    if (paybackState != kAny)
        QCOMPARE(static_cast<int>(k.paybackMonth.state), paybackState);
    // A KPI without a number carries zero, not a leftover.
    for (const Kpi &kpi : {k.roiPercent, k.irrAnnual, k.paybackMonth, k.costPerOutcome,
                           k.costPerInference, k.aiGrossMargin}) {
        if (!kpi.ok())
            QCOMPARE_EQ(kpi.value, 0.0);
    }
}

void TestEngine::examplesAreFinite_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("support assistant") << QStringLiteral("support-assistant.roiwb");
    QTest::newRow("portfolio") << QStringLiteral("portfolio.roiwb");
}

void TestEngine::examplesAreFinite()
{
    QFETCH(QString, file);
    const auto wb = roitest::loadExample(file.toStdString());
    QVERIFY(wb);
    const Results r = compute(*wb);
    ROI_VERIFY_FINITE(r);
    QCOMPARE(r.scenarios, (std::vector<std::string>{"Base", "Best", "Worst"}));
    QCOMPARE(r.useCaseCount, static_cast<int>(wb->useCases.size()));
}

// -------------------------------------------------------------------------------------------
// Properties

void TestEngine::doublingVolume()
{
    // Token and review costs are proportional to handled units; so is everything driven by
    // units. Doubling is exact in binary floating point, so the comparison is exact.
    for (const char *file : {"support-assistant.roiwb", "portfolio.roiwb"}) {
        const auto wb = roitest::loadExample(file);
        QVERIFY(wb);
        Workbook twice = *wb;
        for (UseCase &uc : twice.useCases)
            uc.baseline.volume *= 2;
        const Results a = compute(*wb, noChecks());
        const Results b = compute(twice, noChecks());
        for (int u = 0; u < a.useCaseCount; ++u) {
            const UseCase &uc = wb->useCases[static_cast<std::size_t>(u)];
            for (int s = 0; s < static_cast<int>(a.scenarios.size()); ++s) {
                const CaseResult &x = a.at(u, s);
                const CaseResult &y = b.at(u, s);
                for (int m = 0; m < a.months; ++m) {
                    QCOMPARE_EQ(y.row(Row::TokenCost)[m], 2 * x.row(Row::TokenCost)[m]);
                    QCOMPARE_EQ(y.row(Row::Handled)[m], 2 * x.row(Row::Handled)[m]);
                    for (int l = 0; l < x.layerCount(); ++l) {
                        const LayerType t = uc.layers[static_cast<std::size_t>(l)].type;
                        if (t == LayerType::HumanReview || t == LayerType::TokenUsage)
                            QCOMPARE_EQ(y.layerCost(l)[m], 2 * x.layerCost(l)[m]);
                        if (t == LayerType::FixedMonthly || t == LayerType::Staff
                            || t == LayerType::OneTime)
                            QCOMPARE_EQ(y.layerCost(l)[m], x.layerCost(l)[m]);
                    }
                }
                QCOMPARE_EQ(y.runRate.tokenCost, 2 * x.runRate.tokenCost);
                QVERIFY(x.kpis.tokenCost > 0);
            }
        }
    }
}

void TestEngine::scenarioOrder_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("support assistant") << QStringLiteral("support-assistant.roiwb");
    QTest::newRow("portfolio") << QStringLiteral("portfolio.roiwb");
}

void TestEngine::scenarioOrder()
{
    QFETCH(QString, file);
    const auto wb = roitest::loadExample(file.toStdString());
    QVERIFY(wb);
    const Results r = compute(*wb);
    const int base = r.findScenario("Base");
    const int best = r.findScenario("Best");
    const int worst = r.findScenario("Worst");
    QVERIFY(base >= 0 && best >= 0 && worst >= 0);
    for (int u = 0; u < r.useCaseCount; ++u) {
        const double b = r.at(u, base).kpis.npv;
        QVERIFY2(r.at(u, worst).kpis.npv <= b, wb->useCases[u].name.c_str());
        QVERIFY2(b <= r.at(u, best).kpis.npv, wb->useCases[u].name.c_str());
        QVERIFY(r.at(u, worst).kpis.npv < r.at(u, best).kpis.npv); // a range, not a point
    }
    QVERIFY(r.portfolio[worst].kpis.npv <= r.portfolio[base].kpis.npv);
    QVERIFY(r.portfolio[base].kpis.npv <= r.portfolio[best].kpis.npv);
}

void TestEngine::deterministic()
{
    for (const char *file : {"support-assistant.roiwb", "portfolio.roiwb"}) {
        const auto wb = roitest::loadExample(file);
        QVERIFY(wb);
        const Results a = compute(*wb);
        const Results b = compute(*wb);
        QVERIFY(a == b);
        const Workbook copy = *wb;
        QVERIFY(compute(copy) == a);
    }
    // And a change makes a difference (operator== is not trivially true).
    Workbook wb = acceptanceWorkbook();
    const Results a = compute(wb);
    wb.useCases[0].layers[1].amount = 401;
    QVERIFY(!(compute(wb) == a));
}

void TestEngine::bufferReuse()
{
    // Computing into a Results that held another workbook's results gives the same as a fresh
    // compute: no stale rows, KPIs, findings or run-rate layers.
    const auto support = roitest::loadExample("support-assistant.roiwb");
    const auto portfolio = roitest::loadExample("portfolio.roiwb");
    QVERIFY(support && portfolio);
    const ComputeOptions options;
    Results out;
    compute(*portfolio, options, out);
    compute(*support, options, out);
    QVERIFY(out == compute(*support, options));
    compute(*portfolio, options, out);
    QVERIFY(out == compute(*portfolio, options));
    Workbook small = bareWorkbook(2);
    compute(small, options, out);
    QVERIFY(out == compute(small, options));
}

// -------------------------------------------------------------------------------------------
// The engine reuses result buffers without zeroing them (engine.cpp, reshape()) and has a lean
// mode for analytics (ComputeOptions::allKpis = false): checked against a fresh, full compute on
// random workbooks (tests/bench/synthetic.h: every layer type, driver kind and category).

/// `wb` with each layer and driver replaced by one of `other`'s (cycling), keeping every use
/// case's number of layers and drivers: the same result shape, other categories, kinds, shares.
static Workbook sameShapeOtherContent(Workbook wb, const Workbook &other, std::uint64_t seed)
{
    std::vector<CostLayer> layers;
    std::vector<ValueDriver> drivers;
    for (const UseCase &uc : other.useCases) {
        layers.insert(layers.end(), uc.layers.begin(), uc.layers.end());
        drivers.insert(drivers.end(), uc.drivers.begin(), uc.drivers.end());
    }
    std::size_t i = seed;
    for (UseCase &uc : wb.useCases) {
        for (CostLayer &l : uc.layers)
            l = layers[i++ % layers.size()];
        for (std::size_t d = 0; d < uc.drivers.size(); ++d) {
            uc.drivers[d] = drivers[i++ % drivers.size()];
            uc.drivers[d].cashableShare = (i % 3) * 0.5; // 0, 0.5 or 1
        }
    }
    wb.settings.capacityInHeadline = seed % 2 == 0;
    wb.settings.softValueInHeadline = seed % 3 == 0;
    return wb;
}

void TestEngine::reusedBufferOfSameShape_data()
{
    QTest::addColumn<int>("seed");
    for (int seed = 1; seed <= 12; ++seed)
        QTest::addRow("seed %d", seed) << seed;
}

void TestEngine::reusedBufferOfSameShape()
{
    // A Results that held workbook A, recomputed for workbook B of the same shape (so no buffer
    // is reallocated or zeroed), equals B computed fresh: every row, KPI, run rate and finding.
    QFETCH(int, seed);
    const Workbook a = roibench::syntheticWorkbook(5, 36, static_cast<std::uint64_t>(seed));
    const Workbook b = sameShapeOtherContent(
        a, roibench::syntheticWorkbook(5, 36, static_cast<std::uint64_t>(seed) + 1000),
        static_cast<std::uint64_t>(seed));
    QVERIFY(!(a == b));
    for (bool checks : {false, true}) {
        ComputeOptions options;
        options.checks = checks;
        Results reused;
        compute(a, options, reused);
        compute(b, options, reused);
        QVERIFY(reused == compute(b, options));
        compute(a, options, reused);
        QVERIFY(reused == compute(a, options));
    }
}

void TestEngine::leanComputeMatchesFull_data()
{
    reusedBufferOfSameShape_data();
}

void TestEngine::leanComputeMatchesFull()
{
    // The lean compute gives, bit for bit, the rows and KPIs it promises (engine.h), fresh and
    // into a Results that held a full compute of another workbook of the same shape.
    QFETCH(int, seed);
    const Workbook a = roibench::syntheticWorkbook(4, 48, static_cast<std::uint64_t>(seed));
    const Workbook b = sameShapeOtherContent(
        a, roibench::syntheticWorkbook(4, 48, static_cast<std::uint64_t>(seed) + 2000),
        static_cast<std::uint64_t>(seed));
    ComputeOptions fullOptions;
    fullOptions.checks = false;
    ComputeOptions leanOptions = fullOptions;
    leanOptions.allKpis = false;
    for (const Workbook *wb : {&a, &b}) {
        const Results full = compute(*wb, fullOptions);
        Results reused;
        compute(wb == &a ? b : a, fullOptions, reused);
        for (Results *lean : {&reused, static_cast<Results *>(nullptr)}) {
            Results fresh;
            Results &r = lean ? *lean : fresh;
            compute(*wb, leanOptions, r);
            QCOMPARE(r.cases.size(), full.cases.size());
            auto same = [](const CaseResult &x, const CaseResult &y, bool portfolio) {
                const Kpis &k = x.kpis;
                const Kpis &f = y.kpis;
                bool ok =
                    k.tco == f.tco && k.hardBenefitGross == f.hardBenefitGross
                    && k.hardBenefit == f.hardBenefit && k.softValue == f.softValue
                    && k.headlineBenefit == f.headlineBenefit && k.netValue == f.netValue
                    && k.outcomes == f.outcomes && k.roiPercent == f.roiPercent && k.npv == f.npv
                    && k.paybackMonth == f.paybackMonth && k.costPerOutcome == f.costPerOutcome
                    && std::ranges::equal(x.row(Row::Net), y.row(Row::Net))
                    && std::ranges::equal(x.row(Row::CumulativeNet), y.row(Row::CumulativeNet));
                if (portfolio)
                    return ok;
                ok = ok && k.units == f.units && k.handled == f.handled && k.calls == f.calls
                     && k.tokenCost == f.tokenCost && k.cashableValue == f.cashableValue
                     && k.capacityValue == f.capacityValue;
                for (int row = 0; row < kRowCount; ++row)
                    ok = ok
                         && std::ranges::equal(x.row(static_cast<Row>(row)),
                                               y.row(static_cast<Row>(row)));
                for (int l = 0; l < x.layerCount(); ++l)
                    ok = ok && std::ranges::equal(x.layerCost(l), y.layerCost(l));
                for (int d = 0; d < x.driverCount(); ++d)
                    ok = ok && std::ranges::equal(x.driverGross(d), y.driverGross(d))
                         && std::ranges::equal(x.driverNet(d), y.driverNet(d));
                return ok;
            };
            for (std::size_t c = 0; c < full.cases.size(); ++c)
                QVERIFY2(same(r.cases[c], full.cases[c], false), qPrintable(QString::number(c)));
            for (std::size_t s = 0; s < full.portfolio.size(); ++s)
                QVERIFY(same(r.portfolio[s], full.portfolio[s], true));
        }
    }
}

// -------------------------------------------------------------------------------------------
// A large workbook is computed in two halves of its use cases on two threads (engine.cpp,
// compute()); the results must be those of one thread: each case as computed alone, each
// portfolio row the in-order sum of the cases, clamp findings in use-case order.

void TestEngine::twoThreadsMatchOneCaseAtATime_data()
{
    QTest::addColumn<int>("useCases");
    QTest::addColumn<int>("onlyScenario");
    // 40 × 3 scenarios × 120 months and 110 × 1 × 120 are above the engine's split threshold
    // (12,000 use-case months); 3 × 3 × 120 is below it, the one-thread path.
    QTest::newRow("40 use cases, every scenario") << 40 << -1;
    QTest::newRow("110 use cases, Best only") << 110 << 1;
    QTest::newRow("3 use cases, one thread") << 3 << -1;
}

void TestEngine::twoThreadsMatchOneCaseAtATime()
{
    QFETCH(int, useCases);
    QFETCH(int, onlyScenario);
    Workbook wb = roibench::syntheticWorkbook(useCases, 120, 7);
    // A Best adjustment pushed out of range: every use case reports a clamp (checks on).
    QVERIFY(wb.scenarios.size() >= 2);
    wb.scenarios[1].adjustments.push_back({"ramp.steadyAdoption", AdjustmentOp::Set, 7.0, {}});
    for (bool lean : {false, true}) {
        ComputeOptions options;
        options.onlyScenario = onlyScenario;
        options.allKpis = !lean;
        const Results all = compute(wb, options);
        QCOMPARE(all.useCaseCount, useCases);
        std::vector<int> clampedCases;
        for (const Finding &f : all.findings) {
            if (f.code == "scenario-clamped")
                clampedCases.push_back(f.useCase);
        }
        std::vector<int> expectedClamps;
        const std::size_t sc = all.scenarios.size();
        for (int u = 0; u < useCases; ++u) {
            Workbook alone = wb;
            alone.useCases = {wb.useCases[static_cast<std::size_t>(u)]};
            const Results one = compute(alone, options);
            for (std::size_t s = 0; s < sc; ++s) {
                CaseResult expected = one.at(0, static_cast<int>(s));
                for (LeverLine &line : expected.levers.lines)
                    line.useCase = u;
                QVERIFY2(all.at(u, static_cast<int>(s)) == expected,
                         qPrintable(QStringLiteral("use case %1, scenario %2").arg(u).arg(s)));
            }
            for (const Finding &f : one.findings) {
                if (f.code == "scenario-clamped")
                    expectedClamps.push_back(u);
            }
        }
        QVERIFY(!expectedClamps.empty());
        QCOMPARE(clampedCases, expectedClamps); // the same findings, in use-case order
        // Portfolio rows: the cases added in order, bit for bit.
        for (std::size_t s = 0; s < sc; ++s) {
            if (onlyScenario >= 0 && static_cast<int>(s) != onlyScenario)
                continue;
            const CaseResult &p = all.portfolio[s];
            const std::vector<Row> rows =
                lean ? std::vector<Row>{Row::Net}
                     : std::vector<Row>{Row::Units,   Row::Handled, Row::Cost,     Row::HardNet,
                                        Row::Benefit, Row::Net,     Row::Cashable, Row::Capacity};
            for (Row row : rows) {
                std::vector<double> sum(120, 0.0);
                for (int u = 0; u < useCases; ++u) {
                    const auto src = all.at(u, static_cast<int>(s)).row(row);
                    for (int m = 0; m < 120; ++m)
                        sum[static_cast<std::size_t>(m)] += src[static_cast<std::size_t>(m)];
                }
                const auto got = p.row(row);
                QVERIFY(std::equal(got.begin(), got.end(), sum.begin(), sum.end()));
            }
            if (!lean) {
                std::vector<double> sum(120, 0.0);
                for (int u = 0; u < useCases; ++u) {
                    const auto src = all.at(u, static_cast<int>(s)).categoryCost(CostCategory{});
                    for (int m = 0; m < 120; ++m)
                        sum[static_cast<std::size_t>(m)] += src[static_cast<std::size_t>(m)];
                }
                const auto got = p.categoryCost(CostCategory{});
                QVERIFY(std::equal(got.begin(), got.end(), sum.begin(), sum.end()));
            }
        }
    }
}

void TestEngine::concurrentComputes()
{
    // Two computes of large workbooks at once: one of them finds the engine's helper thread busy
    // and computes alone. Both equal a compute made on its own.
    const Workbook a = roibench::syntheticWorkbook(60, 120, 3);
    const Workbook b = roibench::syntheticWorkbook(60, 120, 4);
    const Results expectedA = compute(a);
    const Results expectedB = compute(b);
    for (int round = 0; round < 5; ++round) {
        Results gotA;
        std::thread other([&] { gotA = compute(a); });
        const Results gotB = compute(b);
        other.join();
        QVERIFY(gotA == expectedA);
        QVERIFY(gotB == expectedB);
    }
}

void TestEngine::adjustmentNamesChangeBetweenComputes()
{
    // The engine keeps each adjustment's parsed input name per thread and parses a name again
    // only when it differs from the last one in its place. Workbooks whose scenarios change names
    // (another input, a bad one, one more, one less), computed one after another on this thread,
    // each equal the same workbook computed on a new thread, where nothing was parsed before.
    Workbook base = roibench::syntheticWorkbook(2, 24, 7);
    base.scenarios = {Scenario{"Base", {}, {}},
                      Scenario{"Best", {}, {{"baseline.volume", AdjustmentOp::Multiply, 1.2, {}}}},
                      Scenario{"Worst", {}, {{"ramp.goLiveDelay", AdjustmentOp::Add, 2, {}}}}};
    std::vector<Workbook> workbooks;
    workbooks.push_back(base);
    Workbook other = base; // another input in the same place
    other.scenarios[1].adjustments[0].input = "ramp.steadyAdoption";
    workbooks.push_back(other);
    Workbook bad = base; // a name that does not parse: a finding, the scenario unadjusted
    bad.scenarios[1].adjustments[0].input = "baseline.noSuchField";
    workbooks.push_back(bad);
    Workbook more = base; // one more adjustment, then the first workbook again
    more.scenarios[2].adjustments.push_back({"settings.discountRate", AdjustmentOp::Add, 0.05, {}});
    workbooks.push_back(more);
    workbooks.push_back(base);
    workbooks.push_back(bad);
    for (std::size_t i = 0; i < workbooks.size(); ++i) {
        const Results here = compute(workbooks[i]);
        Results fresh;
        std::thread([&] { fresh = compute(workbooks[i]); }).join();
        QVERIFY2(here == fresh, qPrintable(QString::number(i)));
    }
    const Results withBad = compute(bad);
    QVERIFY(std::ranges::any_of(withBad.findings,
                                [](const Finding &f) { return f.code == "bad-adjustment"; }));
    QVERIFY(!(compute(base) == compute(other))); // the names did change the results
}

QTEST_APPLESS_MAIN(TestEngine)
#include "tst_engine.moc"
