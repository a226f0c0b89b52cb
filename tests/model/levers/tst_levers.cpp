// Savings levers: each lever's saving against figures worked by hand, levers combined, the
// zero-lever identity, ramps and payback, named inputs, the file format and the model checks.
//
// The hand-worked layer is DESIGN.md's acceptance example: 50,000 conversations a month, one
// call each, 1,500 input and 500 output tokens at $2.50 / $10.00 per million:
//   per call 1,500 × 2.50 + 500 × 10.00 = 3,750 + 5,000 = 8,750 (dollars per million calls)
//   per month 50,000 × 8,750 / 1,000,000 = $437.50.
// The cheaper model "mini" costs $0.15 / $0.60 (cached $0.075); the premium one's cached input
// is $0.25.
#include "../testutil.h"

#include "checks.h"
#include "inputs.h"
#include "levers/leverengine.h"
#include "levers/leverfields.h"
#include "migratecashable.h"

#include <QTest>

#include <nlohmann/json.hpp>

using namespace roi;

namespace {

constexpr double kTol = 1e-9;

Workbook acceptance(int horizon = 12)
{
    Workbook wb = roitest::bareWorkbook(horizon);
    wb.priceBook = {PriceEntry{"premium", 2.50, 10.00, 0.25, {2026, 1, 1}},
                    PriceEntry{"mini", 0.15, 0.60, 0.075, {2026, 1, 1}}};
    UseCase &uc = wb.useCases[0];
    uc.baseline.volume = 50'000;
    CostLayer l;
    l.name = "Model";
    l.type = LayerType::TokenUsage;
    l.category = CostCategory::ModelTokens;
    l.model = "premium";
    l.callsPerUnit = 1;
    l.inputTokens = 1500;
    l.outputTokens = 500;
    uc.layers.push_back(l);
    return wb;
}

LayerLevers &leversOf(Workbook &wb)
{
    return wb.useCases[0].layers[0].levers;
}

const CaseResult &base(const Results &r)
{
    return r.at(0, 0);
}

/// Each lever with all-zero effects and costs: enabled, yet changing nothing.
void enableAllInert(LayerLevers &lv)
{
    for (int k = 0; k < kLeverCount; ++k)
        lv.plan(static_cast<LeverKind>(k)).enabled = true;
    lv.routing.targetModel = "mini";
}

} // namespace

class TestLevers : public QObject
{
    Q_OBJECT

private slots:
    void singleLever_data();
    void singleLever();
    void combined();
    void zeroLeverIdentity();
    void zeroLeverIdentityOnExample();
    void negativeNetNotClamped();
    void rampStartAndPayback();
    void waterfallAddsUp();
    void savingsPercentUndefined();
    void headlineUsesOptimised();
    void portfolio();
    void namedInputs();
    void roundTrip();
    void badInput_data();
    void badInput();
    void migrationFromV1();
    void migrationUnknownLeversKey();
    void checks_data();
    void checks();
};

void TestLevers::singleLever_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<double>("gross"); // a month, at full effect
    QTest::addColumn<double>("cost");

    // Semantic cache, 20% hits: 0.20 × 437.50 = 87.50 avoided. Lookup $0.0002 per call and
    // 1% false hits at $0.10: 50,000 × (0.0002 + 0.20 × 0.01 × 0.10) = 50,000 × 0.0004 = $20,
    // plus $10 a month for the cache: cost $30.
    QTest::newRow("semantic cache") << int(LeverKind::SemanticCache) << 87.50 << 30.0;
    // Routing 40% to mini, 10% escalated: a routed call costs 1,500 × 0.15 + 500 × 0.60 = 525
    // plus 10% × 8,750 = 875 for the retry on premium, so 1,400 instead of 8,750:
    // 0.40 × (8,750 − 1,400) = 2,940 per million calls → × 0.05 = $147.00.
    QTest::newRow("routing") << int(LeverKind::Routing) << 147.00 << 0.0;
    // Prompt optimisation, 20% of the input: 0.20 × 3,750 = 750 → × 0.05 = $37.50.
    QTest::newRow("prompt optimisation") << int(LeverKind::PromptOptimisation) << 37.50 << 0.0;
    // Output shortening, 30% of the output: 0.30 × 5,000 = 1,500 → × 0.05 = $75.00.
    QTest::newRow("output shortening") << int(LeverKind::OutputShortening) << 75.00 << 0.0;
    // Prompt caching: 60% of the input (900 tokens) at 0.25 instead of 2.50 saves
    // 900 × 2.25 = 2,025; 10% (150 tokens) written at a 25% premium costs
    // 150 × 0.25 × 2.50 = 93.75: 1,931.25 → × 0.05 = $96.5625.
    QTest::newRow("prompt caching") << int(LeverKind::PromptCache) << 96.5625 << 0.0;
    // Batch: half the calls at half price: 0.5 × 0.5 × 437.50 = $109.375.
    QTest::newRow("batch") << int(LeverKind::Batch) << 109.375 << 0.0;
}

void TestLevers::singleLever()
{
    QFETCH(int, kind);
    QFETCH(double, gross);
    QFETCH(double, cost);
    Workbook wb = acceptance();
    LayerLevers &lv = leversOf(wb);
    lv.semanticCache = {{}, 0.20, 0.0002, 0.01, 0.10};
    lv.semanticCache.plan.monthlyCost = 10;
    lv.routing.targetModel = "mini";
    lv.routing.share = 0.40;
    lv.routing.escalationRate = 0.10;
    lv.routing.qualityGate = "graded sample";
    lv.promptOptimisation.inputReduction = 0.20;
    lv.outputShortening.outputReduction = 0.30;
    lv.promptCache.share = 0.60;
    lv.promptCache.writeShare = 0.10;
    lv.promptCache.writePremium = 0.25;
    lv.batch.share = 0.5;
    lv.plan(static_cast<LeverKind>(kind)).enabled = true;

    const Results r = compute(wb, roitest::noChecks());
    const CaseResult &c = base(r);
    QVERIFY(c.levers.active);
    QCOMPARE(c.levers.lines.size(), std::size_t(1));
    const LeverLine &line = c.levers.lines[0];
    QCOMPARE(int(line.kind), kind);
    for (int m = 0; m < 12; ++m) {
        ROI_COMPARE_NEAR(c.levers.baseline[m], 437.50, kTol);
        ROI_COMPARE_NEAR(line.gross[m], gross, kTol);
        ROI_COMPARE_NEAR(line.cost[m], cost, kTol);
        ROI_COMPARE_NEAR(line.net[m], gross - cost, kTol);
        ROI_COMPARE_NEAR(c.layerCost(0)[m], 437.50 - gross + cost, kTol);
        // The invoice is the spend after the lever, without the lever's own costs.
        ROI_COMPARE_NEAR(c.row(Row::TokenCost)[m], 437.50 - gross, kTol);
    }
    ROI_COMPARE_NEAR(line.grossTotal, 12 * gross, 1e-8);
    ROI_COMPARE_NEAR(c.levers.steadyBaseline, 437.50, kTol);
    ROI_COMPARE_NEAR(line.steadyNet, gross - cost, kTol);
    ROI_COMPARE_NEAR(c.runRate.tokenCost, 437.50 - gross, kTol);
}

void TestLevers::combined()
{
    // All six in the engine's order on the acceptance layer (per million calls, then × 0.05):
    //  semantic cache 20%: 80% of calls reach a model: 0.8 × 8,750 = 7,000; saves 1,750 → 87.50
    //  routing 40% → mini, 10% escalated: blended prices
    //    input  0.6 × 2.50 + 0.4 × (0.15 + 0.25)   = 1.66
    //    output 0.6 × 10.00 + 0.4 × (0.60 + 1.00) = 6.64
    //    cached 0.6 × 0.25 + 0.4 × (0.075 + 0.025) = 0.19
    //    0.8 × (1,500 × 1.66 + 500 × 6.64) = 0.8 × 5,810 = 4,648; saves 2,352 → 117.60
    //  prompt optimisation 20%: 1,200 input: 0.8 × (1,992 + 3,320) = 4,249.6; saves 398.4 → 19.92
    //  output shortening 30%: 350 output: 0.8 × (1,992 + 2,324) = 3,452.8; saves 796.8 → 39.84
    //  prompt caching 60% read, 10% written at +25%: 720 moved, 120 written:
    //    0.8 × (480 × 1.66 + 2,324 + 720 × 0.19 + 120 × 0.25 × 1.66)
    //    = 0.8 × (796.8 + 2,324 + 136.8 + 49.8) = 0.8 × 3,307.4 = 2,645.92; saves 806.88 → 40.344
    //  batch 50% at 50% off: 2,645.92 × 0.75 = 1,984.44; saves 661.48 → 33.074
    // Spend after levers 1,984.44 × 0.05 = 99.222; the cache costs $20 + $10 a month, so the
    // layer costs 129.222 and the levers save 437.50 − 129.222 = 308.278 a month.
    Workbook wb = acceptance();
    LayerLevers &lv = leversOf(wb);
    lv.semanticCache = {{true, 1, 0, 0, 10}, 0.20, 0.0002, 0.01, 0.10};
    lv.routing = {{true, 1, 0, 0, 0}, "mini", 0.40, 0.10, "graded sample"};
    lv.promptOptimisation = {{true, 1, 0, 0, 0}, 0.20};
    lv.outputShortening = {{true, 1, 0, 0, 0}, 0.30};
    lv.promptCache = {{true, 1, 0, 0, 0}, 0.60, 0.10, 0.25};
    lv.batch = {{true, 1, 0, 0, 0}, 0.5, 0.5};

    const Results r = compute(wb, roitest::noChecks());
    const CaseResult &c = base(r);
    const double expected[] = {87.50 - 30, 117.60, 19.92, 39.84, 40.344, 33.074};
    QCOMPARE(c.levers.lines.size(), std::size_t(6));
    for (std::size_t i = 0; i < 6; ++i) {
        QCOMPARE(int(c.levers.lines[i].kind), int(i)); // the documented order
        ROI_COMPARE_NEAR(c.levers.lines[i].net[0], expected[i], kTol);
        ROI_COMPARE_NEAR(c.levers.lines[i].steadyNet, expected[i], kTol);
    }
    ROI_COMPARE_NEAR(c.row(Row::TokenCost)[0], 99.222, kTol);
    ROI_COMPARE_NEAR(c.row(Row::Cost)[0], 129.222, kTol);
    const LeverSummary s = leverSummary(c);
    ROI_COMPARE_NEAR(s.baseline, 12 * 437.50, 1e-8);
    ROI_COMPARE_NEAR(s.optimised, 12 * 129.222, 1e-8);
    // (437.50 − 129.222) / 437.50 = 308.278 / 437.50 = 70.4635...%
    QVERIFY(s.savingsPercent.ok());
    ROI_COMPARE_NEAR(s.savingsPercent.value, 308.278 / 437.50 * 100, 1e-9);
    ROI_COMPARE_NEAR(s.steadySavingsPercent.value, 308.278 / 437.50 * 100, 1e-9);
}

void TestLevers::zeroLeverIdentity()
{
    // Every lever enabled but with no effect and no cost: optimised == baseline to the bit, and
    // every result equals the one without levers.
    Workbook plain = acceptance(36);
    plain.useCases[0].ramp.volumeGrowth = 0.031;
    plain.useCases[0].ramp.tokenPriceDecline = 0.37;
    plain.useCases[0].layers[0].overhead = 0.07;
    plain.useCases[0].layers[0].cachedInputTokens = 333;
    Workbook inert = plain;
    enableAllInert(leversOf(inert));
    leversOf(inert).batch.discount = 0.5; // a discount on a share of 0 changes nothing either

    const Results a = compute(plain, roitest::noChecks());
    Results b = compute(inert, roitest::noChecks());
    const CaseResult &cb = base(b);
    QVERIFY(cb.levers.active);
    for (int m = 0; m < 36; ++m) {
        QVERIFY(cb.levers.optimised[m] == cb.levers.baseline[m]);
        QVERIFY(cb.levers.baseline[m] == base(a).row(Row::Cost)[m]);
    }
    QVERIFY(cb.levers.optimisedTotal == cb.levers.baselineTotal);
    QVERIFY(cb.levers.steadyOptimised == cb.levers.steadyBaseline);
    const LeverSummary s = leverSummary(cb);
    QVERIFY(s.savingsPercent.ok());
    QVERIFY(s.savingsPercent.value == 0);
    for (CaseResult &c : b.cases)
        c.levers.clear();
    for (CaseResult &c : b.portfolio)
        c.levers.clear();
    QVERIFY(a == b);
}

void TestLevers::zeroLeverIdentityOnExample()
{
    // The bundled support example (whatever its figures), all scenarios: inert levers on each
    // token layer leave every number as it was.
    auto wb = roitest::loadExample("support-assistant.roiwb");
    QVERIFY(wb);
    Workbook inert = *wb;
    int layers = 0;
    for (UseCase &uc : inert.useCases) {
        for (CostLayer &l : uc.layers) {
            if (l.type == LayerType::TokenUsage) {
                enableAllInert(l.levers);
                l.levers.routing.targetModel = inert.priceBook.front().model;
                ++layers;
            }
        }
    }
    QVERIFY(layers > 0);
    const Results a = compute(*wb);
    Results b = compute(inert);
    for (const CaseResult &c : b.cases) {
        QVERIFY(c.levers.active);
        QVERIFY(c.levers.optimised == c.levers.baseline);
    }
    for (CaseResult &c : b.cases)
        c.levers.clear();
    for (CaseResult &c : b.portfolio)
        c.levers.clear();
    // Findings may differ (levers without costs are flagged); every number must not.
    b.findings = a.findings;
    QVERIFY(a == b);
}

void TestLevers::negativeNetNotClamped()
{
    // Routing saves $147 a month (see singleLever) but costs $200 a month to run: net −$53,
    // shown as such, and the layer costs 437.50 + 53 = $490.50.
    Workbook wb = acceptance();
    leversOf(wb).routing = {{true, 1, 0, 0, 200}, "mini", 0.40, 0.10, "graded sample"};
    const Results r = compute(wb, roitest::noChecks());
    const CaseResult &c = base(r);
    ROI_COMPARE_NEAR(c.levers.lines[0].net[0], -53.0, kTol);
    ROI_COMPARE_NEAR(c.row(Row::Cost)[0], 490.50, kTol);
    const LeverSummary s = leverSummary(c);
    QVERIFY(s.optimised > s.baseline);
    ROI_COMPARE_NEAR(s.savingsPercent.value, -53.0 / 437.50 * 100, 1e-9);
    QCOMPARE(leverPayback(c.levers.lines[0]).state, KpiState::NeverPaysBack);
    // ROI = (gross − cost) / cost = (147 − 200) / 200 = −26.5%
    ROI_COMPARE_NEAR(leverRoi(c.levers.lines[0]).value, -26.5, 1e-9);
}

void TestLevers::rampStartAndPayback()
{
    // Output shortening (full effect $75 a month) starting in month 3 with a 2-month ramp and a
    // $150 one-time cost: months 1-2 nothing, month 3 half (37.50 − 150 = −112.50), then 75.
    // Cumulative: −112.50, −37.50, +37.50: payback in month 5 at 4 + 37.50 / 75 = 4.5.
    // Over 12 months: saving 37.50 + 9 × 75 = 712.50 for 150: ROI (712.50 − 150) / 150 = 375%.
    Workbook wb = acceptance();
    leversOf(wb).outputShortening = {{true, 3, 2, 150, 0}, 0.30};
    const Results r = compute(wb, roitest::noChecks());
    const LeverLine &line = base(r).levers.lines[0];
    const double net[] = {0, 0, -112.5, 75, 75, 75};
    for (int m = 0; m < 6; ++m)
        ROI_COMPARE_NEAR(line.net[m], net[m], kTol);
    ROI_COMPARE_NEAR(leverPayback(line).value, 4.5, 1e-12);
    ROI_COMPARE_NEAR(line.grossTotal, 712.50, 1e-9);
    ROI_COMPARE_NEAR(leverRoi(line).value, 375.0, 1e-9);
    // The steady month: full effect, no one-time cost.
    ROI_COMPARE_NEAR(line.steadyNet, 75.0, kTol);
}

void TestLevers::waterfallAddsUp()
{
    // The waterfall's steps (each lever's net saving) add up to baseline − optimised, month by
    // month and over the horizon, with a ramp, growth and price decline in play.
    Workbook wb = acceptance(24);
    wb.useCases[0].ramp.volumeGrowth = 0.02;
    wb.useCases[0].ramp.tokenPriceDecline = 0.3;
    LayerLevers &lv = leversOf(wb);
    lv.semanticCache = {{true, 2, 3, 500, 10}, 0.25, 0.0001, 0.02, 0.5};
    lv.routing = {{true, 4, 0, 0, 0}, "mini", 0.5, 0.2, "gate"};
    lv.promptCache = {{true, 1, 6, 1000, 0}, 0.7, 0.05, 0.25};
    lv.batch = {{true, 6, 0, 0, 0}, 0.3, 0.5};
    const Results r = compute(wb, roitest::noChecks());
    const CaseResult &c = base(r);
    double steps = 0;
    for (const LeverLine &line : c.levers.lines)
        steps += line.netTotal;
    const LeverSummary s = leverSummary(c);
    ROI_COMPARE_NEAR(steps, s.baseline - s.optimised, 1e-9 * s.baseline);
    for (int m = 0; m < 24; ++m) {
        double month = 0;
        for (const LeverLine &line : c.levers.lines)
            month += line.net[m];
        ROI_COMPARE_NEAR(month, c.levers.baseline[m] - c.levers.optimised[m], 1e-9);
    }
    QVERIFY(s.optimised == c.kpis.tco);
}

void TestLevers::savingsPercentUndefined()
{
    // A baseline of 0 (no volume): savings % is undefined, never NaN.
    Workbook wb = acceptance();
    wb.useCases[0].baseline.volume = 0;
    leversOf(wb).batch = {{true, 1, 0, 0, 0}, 0.5, 0.5};
    const Results r = compute(wb, roitest::noChecks());
    const LeverSummary s = leverSummary(base(r));
    QCOMPARE(s.baseline, 0.0);
    QCOMPARE(s.savingsPercent.state, KpiState::Undefined);
    QCOMPARE(s.steadySavingsPercent.state, KpiState::Undefined);
}

void TestLevers::headlineUsesOptimised()
{
    // Enabled levers are part of the plan: the headline TCO is the optimised cost, lever costs
    // included, and the run rate too; the baseline stays in the lever result.
    Workbook wb = acceptance();
    leversOf(wb).batch = {{true, 1, 0, 120, 5}, 0.5, 0.5};
    const Results r = compute(wb, roitest::noChecks());
    const CaseResult &c = base(r);
    // 12 × (437.50 − 109.375 + 5) + 120 one-time = 12 × 333.125 + 120 = 4,117.50
    ROI_COMPARE_NEAR(c.kpis.tco, 4117.50, 1e-9);
    ROI_COMPARE_NEAR(c.levers.baselineTotal, 5250.0, 1e-9);
    ROI_COMPARE_NEAR(c.runRate.tco, 333.125, 1e-9);
    // The lever's costs land in the token layer's category.
    ROI_COMPARE_NEAR(c.categoryCost(CostCategory::ModelTokens)[0], 437.50 - 109.375 + 5 + 120,
                     1e-9);
}

void TestLevers::portfolio()
{
    // Two use cases, one with a lever: the portfolio's baseline adds the other's cost as is.
    Workbook wb = acceptance();
    UseCase other = wb.useCases[0];
    other.name = "Other";
    wb.useCases[0].layers[0].levers.batch = {{true, 1, 0, 0, 0}, 0.5, 0.5};
    wb.useCases.push_back(other);
    const Results r = compute(wb, roitest::noChecks());
    const CaseResult &p = r.portfolio[0];
    QVERIFY(p.levers.active);
    ROI_COMPARE_NEAR(p.levers.baseline[0], 875.0, kTol);
    ROI_COMPARE_NEAR(p.levers.optimised[0], 875.0 - 109.375, kTol);
    QCOMPARE(p.levers.lines.size(), std::size_t(1));
    QCOMPARE(p.levers.lines[0].useCase, 0);
    QVERIFY(!r.at(1, 0).levers.active);
    // Without any lever the portfolio has none either.
    wb.useCases[0].layers[0].levers = {};
    QVERIFY(!compute(wb, roitest::noChecks()).portfolio[0].levers.active);
}

void TestLevers::namedInputs()
{
    const std::string name = R"(layers["Model"].levers.routing.share)";
    std::string error;
    auto path = InputPath::parse(name, &error);
    QVERIFY2(path, error.c_str());
    QCOMPARE(path->info()->label, std::string_view("Share routed"));
    QCOMPARE(path->toString(), name);
    QVERIFY(!InputPath::parse(R"(layers["Model"].levers.routing.nope)"));
    QVERIFY(!InputPath::parse(R"(layers["Model"].levers.share)"));
    QVERIFY(InputPath::parse(R"(layers[*].levers.baselineMonth)"));

    Workbook wb = acceptance();
    leversOf(wb).routing = {{true, 1, 0, 0, 0}, "mini", 0.40, 0.10, "gate"};
    UseCase &uc = wb.useCases[0];
    QCOMPARE(*readInput(*path, uc, wb.priceBook, wb.settings), 0.40);
    const auto names = listInputs(uc, wb.priceBook);
    QVERIFY(std::find(names.begin(), names.end(), name) != names.end());
    // Not listed: the levers that are off.
    QVERIFY(std::find(names.begin(), names.end(), R"(layers["Model"].levers.batch.share)")
            == names.end());

    // Clamped to the field's range and reported with the layer's name.
    std::string clamped;
    QCOMPARE(applyAdjustment(*path, AdjustmentOp::Multiply, 3.0, uc, wb.priceBook, wb.settings,
                             [&](const std::string &p, double, double) { clamped = p; }),
             1);
    QCOMPARE(uc.layers[0].levers.routing.share, 1.0);
    QCOMPARE(clamped, name);

    // A scenario varies a lever like any input: routing half as much saves half as much.
    uc.layers[0].levers.routing.share = 0.40;
    wb.scenarios.push_back(Scenario{"Half", {}, {{name, AdjustmentOp::Multiply, 0.5, {}}}});
    const Results r = compute(wb, roitest::noChecks());
    ROI_COMPARE_NEAR(r.at(0, 0).levers.lines[0].net[0], 147.0, kTol);
    ROI_COMPARE_NEAR(r.at(0, 1).levers.lines[0].net[0], 73.5, kTol);
}

void TestLevers::roundTrip()
{
    Workbook wb = acceptance();
    wb.scenarios = defaultScenarios();
    LayerLevers &lv = leversOf(wb);
    lv.semanticCache = {{true, 2, 3, 500, 10}, 0.25, 0.0001, 0.02, 0.5};
    lv.routing = {{false, 4, 0, 0, 0}, "mini", 0.5, 0.2, "graded by a reviewer"};
    lv.batch = {{true, 6, 0, 0, 0}, 0.3, 0.4};
    lv.baselineMonth = 0;
    const SaveResult saved = writeWorkbook(wb);
    QVERIFY(saved.ok());
    QVERIFY(saved.text.find("\"version\": " + std::to_string(kFormatVersion)) != std::string::npos);
    QVERIFY(saved.text.find("\"levers\"") != std::string::npos);
    const LoadResult loaded = readWorkbook(saved.text);
    QVERIFY(loaded.ok());
    for (const Diagnostic &d : loaded.diagnostics)
        qWarning("%s", d.toString().c_str());
    QVERIFY(loaded.diagnostics.empty());
    QVERIFY(*loaded.workbook == wb);
    // A layer without levers writes no "levers" key.
    const SaveResult plain = writeWorkbook(acceptance());
    QVERIFY(plain.text.find("\"levers\"") == std::string::npos);
}

void TestLevers::badInput_data()
{
    QTest::addColumn<QString>("edit"); // which lever value to break
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("message");
    const QString layer = QStringLiteral("/useCases/0/costLayers/0/levers/");
    QTest::newRow("share above 100%")
        << "share" << layer + QStringLiteral("routing/share") << QStringLiteral("must be <= 1");
    QTest::newRow("reduction of 100%")
        << "reduction" << layer + QStringLiteral("promptOptimisation/inputReduction")
        << QStringLiteral("must be <= 0.99");
    QTest::newRow("routing target not in the price book")
        << "target" << layer + QStringLiteral("routing/targetModel")
        << QStringLiteral("names no model of the price book ('gpt-nowhere')");
    QTest::newRow("routing with no target")
        << "no target" << layer + QStringLiteral("routing/targetModel")
        << QStringLiteral("must name the price-book model calls are routed to");
    QTest::newRow("negative cost")
        << "cost" << layer + QStringLiteral("batch/oneTimeCost") << QStringLiteral("must be >= 0");
    QTest::newRow("enabled not a flag") << "flag" << layer + QStringLiteral("batch/enabled")
                                        << QStringLiteral("must be true or false, not a string");
}

void TestLevers::badInput()
{
    QFETCH(QString, edit);
    QFETCH(QString, path);
    QFETCH(QString, message);
    Workbook wb = acceptance();
    leversOf(wb).routing = {{true, 1, 0, 0, 0}, "mini", 0.4, 0.1, "gate"};
    leversOf(wb).batch = {{true, 1, 0, 0, 0}, 0.5, 0.5};
    leversOf(wb).promptOptimisation = {{true, 1, 0, 0, 0}, 0.2};
    auto json = nlohmann::ordered_json::parse(writeWorkbook(wb).text);
    auto &lv = json["useCases"][0]["costLayers"][0]["levers"];
    if (edit == QLatin1String("share"))
        lv["routing"]["share"] = 1.5;
    else if (edit == QLatin1String("reduction"))
        lv["promptOptimisation"]["inputReduction"] = 1.0;
    else if (edit == QLatin1String("target"))
        lv["routing"]["targetModel"] = "gpt-nowhere";
    else if (edit == QLatin1String("no target"))
        lv["routing"]["targetModel"] = "";
    else if (edit == QLatin1String("cost"))
        lv["batch"]["oneTimeCost"] = -1;
    else if (edit == QLatin1String("flag"))
        lv["batch"]["enabled"] = "yes";
    const std::string text = json.dump(2);
    const LoadResult r = readWorkbook(text);
    QVERIFY(!r.ok());
    bool found = false;
    for (const Diagnostic &d : r.diagnostics)
        found = found || (d.path == path.toStdString() && d.message == message.toStdString());
    if (!found) {
        for (const Diagnostic &d : r.diagnostics)
            qWarning("%s", d.toString().c_str());
    }
    QVERIFY(found);
}

void TestLevers::migrationFromV1()
{
    // A stored version-1 file (the support example as it was): reads with no levers and no
    // warning, and saves as version 2 with the same contents.
    const std::string path =
        std::string(ROI_SOURCE_DIR) + "/tests/data/migration/v1-support-assistant.roiwb";
    const std::string v1 = roitest::readText(path);
    QVERIFY(v1.find("\"version\": 1") != std::string::npos);
    const LoadResult r = readWorkbook(v1);
    QVERIFY(r.ok());
    QVERIFY(r.diagnostics.empty());
    for (const UseCase &uc : r.workbook->useCases) {
        for (const CostLayer &l : uc.layers)
            QVERIFY(l.levers == LayerLevers{});
    }
    const SaveResult v2 = writeWorkbook(*r.workbook);
    QVERIFY(v2.ok());
    QVERIFY(v2.text.find("\"version\": " + std::to_string(kFormatVersion)) != std::string::npos);
    const LoadResult again = readWorkbook(v2.text);
    QVERIFY(again.ok());
    QVERIFY(*again.workbook == *r.workbook);
    // Nothing else changed for levers: the v2 document is the v1 document after the other steps
    // of the shared 1 -> 2 migration (the cashable shares and hurdle rate of
    // migrateCashableToV2, the uncertainty set-up written out; see tst_migration and
    // tst_uncertaintyfile) with the new version number.
    auto ordered = nlohmann::ordered_json::parse(v1);
    std::vector<std::string> notices;
    migrateCashableToV2(ordered, notices);
    nlohmann::json before = nlohmann::json::parse(ordered.dump());
    auto after = nlohmann::json::parse(v2.text);
    before["version"] = kFormatVersion;
    // Version 3 (snapshots of approved cases) starts with none.
    QVERIFY(after["snapshots"] == nlohmann::json::array());
    after.erase("snapshots");
    // Version 4 (plan-vs-actual settings) starts with the defaults.
    QVERIFY(after.contains("planActual"));
    QCOMPARE(after["planActual"]["tolerance"].get<double>(), 0.10);
    after.erase("planActual");
    // The writer spells out the version-2 setting the migration leaves at its default.
    before["settings"]["capacityInHeadline"] = false;
    QVERIFY(after.contains("uncertainty"));
    after.erase("uncertainty");
    QVERIFY2(before == after, nlohmann::json::diff(before, after).dump().c_str());
}

void TestLevers::migrationUnknownLeversKey()
{
    // Version 1 knew no levers: a "levers" key in a version-1 file is reported as unknown (as a
    // version-1 reader did), not silently read or dropped.
    const std::string path =
        std::string(ROI_SOURCE_DIR) + "/tests/data/migration/v1-unknown-levers-key.roiwb";
    const LoadResult r = readWorkbook(roitest::readText(path));
    QVERIFY(r.ok());
    QCOMPARE(r.diagnostics.size(), std::size_t(1));
    QCOMPARE(r.diagnostics[0].path, std::string("/useCases/0/costLayers/0/levers"));
    QCOMPARE(r.diagnostics[0].message, std::string("unknown key, ignored"));
    QVERIFY(!r.workbook->useCases[0].layers[0].levers.anyEnabled());
}

void TestLevers::checks_data()
{
    QTest::addColumn<QString>("setup");
    QTest::addColumn<QString>("code");
    QTest::addColumn<bool>("expected");
    QTest::addColumn<QString>("input");
    QTest::newRow("cache without cost")
        << "cache free"
        << "cache-without-cost" << true
        << R"(layers["Model"].levers.semanticCache.lookupCostPerCall)";
    QTest::newRow("cache with lookup cost") << "cache costed"
                                            << "cache-without-cost" << false << "";
    QTest::newRow("routing, no escalation")
        << "route no escalation"
        << "routing-unguarded" << true << R"(layers["Model"].levers.routing.escalationRate)";
    QTest::newRow("routing, no quality gate")
        << "route no gate"
        << "routing-unguarded" << true << R"(layers["Model"].levers.routing.share)";
    QTest::newRow("routing guarded") << "route guarded"
                                     << "routing-unguarded" << false << "";
    QTest::newRow("cached price at input price")
        << "cache price"
        << "cached-price-not-lower" << true << R"(prices["premium"].cachedInput)";
    QTest::newRow("levers claim more than the layer")
        << "overclaim"
        << "levers-exceed-layer" << true << R"(layers["Model"].levers.baselineMonth)";
    QTest::newRow("levers within the layer") << "route guarded"
                                             << "levers-exceed-layer" << false << "";
    QTest::newRow("measured against last month")
        << "last month"
        << "savings-vs-last-month" << true << R"(layers["Model"].levers.baselineMonth)";
    QTest::newRow("measured before the levers") << "before"
                                                << "savings-vs-last-month" << false << "";
}

void TestLevers::checks()
{
    QFETCH(QString, setup);
    QFETCH(QString, code);
    QFETCH(bool, expected);
    QFETCH(QString, input);
    Workbook wb = acceptance();
    LayerLevers &lv = leversOf(wb);
    const RoutingLever guarded{{true, 1, 0, 0, 0}, "mini", 0.4, 0.1, "graded sample"};
    if (setup == QLatin1String("cache free")) {
        lv.semanticCache = {{true, 1, 0, 0, 0}, 0.3, 0, 0, 0};
    } else if (setup == QLatin1String("cache costed")) {
        lv.semanticCache = {{true, 1, 0, 0, 0}, 0.3, 0.0001, 0, 0};
    } else if (setup == QLatin1String("route no escalation")) {
        lv.routing = guarded;
        lv.routing.escalationRate = 0;
    } else if (setup == QLatin1String("route no gate")) {
        lv.routing = guarded;
        lv.routing.qualityGate.clear();
    } else if (setup == QLatin1String("route guarded")) {
        lv.routing = guarded;
    } else if (setup == QLatin1String("cache price")) {
        wb.priceBook[0].cachedInput = 2.50;
        lv.promptCache = {{true, 1, 0, 0, 0}, 0.5, 0, 0};
    } else if (setup == QLatin1String("overclaim")) {
        // Alone: batch all calls at 60% off saves 60%; caching 60% of calls saves 60%.
        lv.batch = {{true, 1, 0, 0, 0}, 1.0, 0.6};
        lv.semanticCache = {{true, 1, 0, 0, 0}, 0.6, 0.0001, 0, 0};
    } else if (setup == QLatin1String("last month")) {
        lv.routing = guarded;
        lv.routing.plan.startMonth = 3;
        lv.baselineMonth = 4;
    } else if (setup == QLatin1String("before")) {
        lv.routing = guarded;
        lv.routing.plan.startMonth = 3;
        lv.baselineMonth = 2;
    }
    const Results r = compute(wb);
    const Finding *found = nullptr;
    for (const Finding &f : r.findings) {
        if (f.code == code.toStdString())
            found = &f;
    }
    QCOMPARE(found != nullptr, expected);
    if (found) {
        QCOMPARE(QString::fromStdString(found->input), input);
        QCOMPARE(found->useCase, 0);
        QVERIFY(!found->fix.empty());
        QVERIFY(InputPath::parse(found->input));
    }
}

QTEST_GUILESS_MAIN(TestLevers)
#include "tst_levers.moc"
