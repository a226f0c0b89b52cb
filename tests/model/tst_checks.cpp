// Model checks (checks.h): one case per finding code that triggers it on an otherwise healthy
// workbook, the healthy workbook and the bundled examples, boundaries and ordering.
#include "checks.h"

#include "engine.h"
#include "testutil.h"

#include <QTest>

#include <functional>

using namespace roi;
using roitest::avoidedFixed;
using roitest::fixedLayer;

using Mutator = std::function<void(Workbook &)>;
Q_DECLARE_METATYPE(Mutator)
Q_DECLARE_METATYPE(roi::Severity)

class TestChecks : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void healthyWorkbookHasNoFinding();
    void eachCheck_data();
    void eachCheck();
    void notTriggered_data();
    void notTriggered();
    void stalePriceBoundary();
    void supportExampleIsHealthy();
    void portfolioExample();
    void errorsComeFirst();
};

/// A business case a finance reviewer would accept: dated baseline before go-live, every cost
/// layer, a risk discount, an S-curve ramp, a fresh price quote, pays back in the horizon.
static Workbook healthyWorkbook()
{
    Workbook wb = newWorkbook();
    wb.settings.startMonth = {2026, 1};
    wb.settings.horizonMonths = 36;
    // Quoted a month before the start month, which is "today" for the checks.
    wb.priceBook = {{"m", 2.5, 10.0, 1.25, Date{2025, 12, 1}}};
    UseCase uc;
    uc.name = "Healthy";
    uc.baseline.capturedOn = {2025, 11, 15};
    uc.baseline.source = "Helpdesk export";
    uc.baseline.unit = "ticket";
    uc.baseline.volume = 10000;
    uc.baseline.minutesPerUnit = 20;
    uc.baseline.hourlyRate = 40;
    uc.baseline.errorRate = 0.05;
    uc.baseline.conversionRate = 0.1;
    CostLayer tokens;
    tokens.name = "Tokens";
    tokens.type = LayerType::TokenUsage;
    tokens.category = CostCategory::ModelTokens;
    tokens.model = "m";
    tokens.inputTokens = 1000;
    tokens.outputTokens = 300;
    CostLayer staff;
    staff.name = "Engineering";
    staff.type = LayerType::Staff;
    staff.category = CostCategory::Integration;
    staff.fte = 0.5;
    staff.annualCost = 120000;
    CostLayer review;
    review.name = "Review";
    review.type = LayerType::HumanReview;
    review.category = CostCategory::HumanReview;
    review.share = 0.1;
    review.minutesPerReview = 2;
    review.hourlyRate = 40;
    // The build before go-live: a case with no one-time cost pays back inside its ramp-up.
    CostLayer build;
    build.name = "Build";
    build.type = LayerType::OneTime;
    build.category = CostCategory::Integration;
    build.amount = 60000;
    build.month = 1;
    build.spreadMonths = 2;
    uc.layers = {tokens, fixedLayer("Hosting", 500), staff, review, build};
    ValueDriver labor;
    labor.name = "Labor";
    labor.kind = DriverKind::LaborReclaimed;
    labor.minutesWithAi = 8;
    labor.cashableShare = 0.25; // a quarter of the freed hours releases budget
    uc.drivers = {labor};
    uc.risk.hallucination = 0.05;
    uc.ramp.goLive = {2026, 3};
    uc.ramp.curve = RampCurve::SCurve;
    uc.ramp.rampMonths = 6;
    uc.ramp.steadyAdoption = 0.9;
    wb.useCases.push_back(uc);
    return wb;
}

static std::string describe(const std::vector<Finding> &findings)
{
    std::string out;
    for (const Finding &f : findings)
        out += "[" + f.code + " " + f.input + "] ";
    return out;
}

static const Finding *find(const Results &r, const std::string &code)
{
    for (const Finding &f : r.findings) {
        if (f.code == code)
            return &f;
    }
    return nullptr;
}

void TestChecks::healthyWorkbookHasNoFinding()
{
    // The control for every row below: each adds exactly the problem it is about.
    const Results r = compute(healthyWorkbook());
    QVERIFY2(r.findings.empty(), describe(r.findings).c_str());
    QVERIFY(r.at(0, 0).kpis.paybackMonth.ok());
}

void TestChecks::eachCheck_data()
{
    QTest::addColumn<Mutator>("mutate");
    QTest::addColumn<QString>("code");
    QTest::addColumn<Severity>("severity");
    QTest::addColumn<int>("useCase");
    QTest::addColumn<QString>("input");
    auto row = [](const char *name, Mutator m, const char *code, Severity s, int useCase,
                  const char *input) {
        QTest::newRow(name) << m << QString::fromUtf8(code) << s << useCase
                            << QString::fromUtf8(input);
    };
    using S = Severity;
    auto uc = [](Workbook &wb) -> UseCase & {
        return wb.useCases[0];
    };

    // Workbook-wide checks.
    row(
        "output priced at input price", [](Workbook &wb) { wb.priceBook[0].output = 2.5; },
        "output-priced-low", S::Warning, -1, "prices[\"m\"].output");
    row(
        "output priced below input", [](Workbook &wb) { wb.priceBook[0].output = 1; },
        "output-priced-low", S::Warning, -1, "prices[\"m\"].output");
    row(
        "undated price", [](Workbook &wb) { wb.priceBook[0].asOf = {}; }, "undated-price",
        S::Warning, -1, "prices[\"m\"].asOf");
    // 2025-06-01 to 2026-01-01: 214 days, more than 6 months.
    row(
        "stale price",
        [](Workbook &wb) {
            wb.priceBook[0].asOf = {2025, 6, 1};
        },
        "stale-price", S::Warning, -1, "prices[\"m\"].asOf");
    row(
        "soft value in headline",
        [=](Workbook &wb) {
            wb.settings.softValueInHeadline = true;
            ValueDriver soft;
            soft.name = "CSAT";
            soft.kind = DriverKind::SoftValue;
            soft.hard = false;
            soft.moneyValue = 100;
            uc(wb).drivers.push_back(soft);
        },
        "soft-in-headline", S::Warning, -1, "settings.softValueInHeadline");

    // Baseline.
    row(
        "no baseline volume", [=](Workbook &wb) { uc(wb).baseline.volume = 0; }, "no-baseline",
        S::Error, 0, "baseline.volume");
    row(
        "undated baseline", [=](Workbook &wb) { uc(wb).baseline.capturedOn = {}; },
        "undated-baseline", S::Warning, 0, "baseline.capturedOn");
    // Go-live 2026-03, baseline measured in April: reconstructed after launch.
    row(
        "baseline after go-live",
        [=](Workbook &wb) {
            uc(wb).baseline.capturedOn = {2026, 4, 2};
        },
        "baseline-after-golive", S::Warning, 0, "baseline.capturedOn");

    // Cost layers.
    row(
        "model not in the price book", [=](Workbook &wb) { uc(wb).layers[0].model = "nope"; },
        "missing-price", S::Error, 0, "layers[\"Tokens\"].model");
    row(
        "invoice only", [=](Workbook &wb) { uc(wb).layers.resize(1); }, "invoice-only", S::Error, 0,
        "layers");
    row(
        "other layers present but empty",
        [=](Workbook &wb) {
            uc(wb).layers[1].amount = 0;
            uc(wb).layers[2].fte = 0;
            uc(wb).layers[3].share = 0;
            uc(wb).layers[4].amount = 0;
        },
        "invoice-only", S::Error, 0, "layers");
    row(
        "no review or staff layer", [=](Workbook &wb) { uc(wb).layers.resize(2); },
        "no-review-or-staff", S::Warning, 0, "layers");
    row(
        "review share but no risk discount", [=](Workbook &wb) { uc(wb).risk = {}; },
        "no-risk-discount", S::Warning, 0, "risk.hallucination");
    row(
        "no cost at all", [=](Workbook &wb) { uc(wb).layers.clear(); }, "zero-tco", S::Warning, 0,
        "layers");

    // Value drivers.
    row(
        "slower with AI", [=](Workbook &wb) { uc(wb).drivers[0].minutesWithAi = 25; },
        "slower-with-ai", S::Warning, 0, "drivers[\"Labor\"].minutesWithAi");
    row(
        "conversion lift above what is left",
        [=](Workbook &wb) {
            ValueDriver d;
            d.name = "Uplift";
            d.kind = DriverKind::RevenueUplift;
            d.conversionLift = 0.95; // baseline converts 10%: at most 90 points are left
            d.valuePerConversion = 1;
            uc(wb).drivers.push_back(d);
        },
        "lift-exceeds-baseline", S::Error, 0, "drivers[\"Uplift\"].conversionLift");
    row(
        "more errors removed than there are",
        [=](Workbook &wb) {
            ValueDriver d;
            d.name = "Errors";
            d.kind = DriverKind::AvoidedCost;
            d.avoidedMode = AvoidedMode::ErrorReduction;
            d.errorReduction = 0.06; // baseline error rate 5%
            d.costPerError = 1;
            uc(wb).drivers.push_back(d);
        },
        "errors-exceed-baseline", S::Error, 0, "drivers[\"Errors\"].errorReduction");
    row(
        "capacity above the baseline volume",
        [=](Workbook &wb) {
            ValueDriver d;
            d.name = "Capacity";
            d.kind = DriverKind::AddedCapacity;
            d.extraUnits = 20000; // baseline 10,000
            d.valuePerUnit = 1;
            uc(wb).drivers.push_back(d);
        },
        "capacity-exceeds-baseline", S::Warning, 0, "drivers[\"Capacity\"].extraUnits");
    // Two labor drivers reclaim (20 − 8) + (20 − 8) = 24 of 20 baseline minutes.
    row(
        "labor above 100% of baseline minutes",
        [=](Workbook &wb) {
            ValueDriver twin = uc(wb).drivers[0];
            twin.name = "Labor twin";
            uc(wb).drivers.push_back(twin);
        },
        "double-count", S::Error, 0, "drivers");
    // (20 − 15) + (20 − 18) = 7 of 20 minutes: possible, but worth a look.
    row(
        "two labor drivers",
        [=](Workbook &wb) {
            uc(wb).drivers[0].minutesWithAi = 15;
            ValueDriver twin = uc(wb).drivers[0];
            twin.name = "Labor twin";
            twin.minutesWithAi = 18;
            uc(wb).drivers.push_back(twin);
        },
        "double-count", S::Warning, 0, "drivers");
    row(
        "two revenue uplift drivers",
        [=](Workbook &wb) {
            ValueDriver d;
            d.name = "Uplift";
            d.kind = DriverKind::RevenueUplift;
            d.term = NumeratorTerm::Revenue;
            d.conversionLift = 0.01;
            d.valuePerConversion = 10;
            uc(wb).drivers.push_back(d);
            d.name = "Uplift 2";
            uc(wb).drivers.push_back(d);
        },
        "double-count", S::Warning, 0, "drivers");
    row(
        "two use cases on the same tickets",
        [=](Workbook &wb) {
            UseCase other = uc(wb);
            other.name = "Also tickets";
            other.baseline.unit = "Ticket"; // case does not matter
            wb.useCases.push_back(other);
        },
        "double-count-across", S::Warning, 1, "baseline.unit");

    // Ramp-up.
    row(
        "zero ramp months", [=](Workbook &wb) { uc(wb).ramp.rampMonths = 0; }, "no-ramp",
        S::Warning, 0, "ramp.rampMonths");
    row(
        "immediate curve", [=](Workbook &wb) { uc(wb).ramp.curve = RampCurve::Immediate; },
        "no-ramp", S::Warning, 0, "ramp.rampMonths");
    // Month 38 of a 36-month horizon.
    row(
        "go-live after the horizon",
        [=](Workbook &wb) {
            uc(wb).ramp.goLive = {2029, 2};
        },
        "golive-after-horizon", S::Warning, 0, "ramp.goLive");
    row(
        "never pays back", [=](Workbook &wb) { uc(wb).drivers.clear(); }, "never-pays-back",
        S::Info, 0, "drivers");

    // Scenarios (found by the engine).
    row(
        "scenario pushes a share above 100%",
        [](Workbook &wb) {
            wb.scenarios.push_back(
                {"Heavy", {}, {{"layers[*].share", AdjustmentOp::Multiply, 20, {}}}});
        },
        "scenario-clamped", S::Warning, 0, "layers[\"Review\"].share");
    // A settings input is shared by every use case: the finding concerns the workbook (-1).
    // 0.10 × 20 = 2.0 a year, above the 100% the discount rate allows.
    row(
        "scenario pushes the discount rate above its range",
        [](Workbook &wb) {
            wb.scenarios.push_back(
                {"Costly money", {}, {{"settings.discountRate", AdjustmentOp::Multiply, 20, {}}}});
        },
        "scenario-clamped", S::Warning, -1, "settings.discountRate");
    row(
        "scenario with a bad input name",
        [](Workbook &wb) {
            wb.scenarios.push_back({"Typo", {}, {{"layer[*].share", AdjustmentOp::Set, 1, {}}}});
        },
        "bad-adjustment", S::Error, -1, "layer[*].share");
}

void TestChecks::eachCheck()
{
    QFETCH(Mutator, mutate);
    QFETCH(QString, code);
    QFETCH(Severity, severity);
    QFETCH(int, useCase);
    QFETCH(QString, input);
    Workbook wb = healthyWorkbook();
    mutate(wb);
    const Results r = compute(wb);
    const Finding *f = find(r, code.toStdString());
    QVERIFY2(f, ("not found; findings: " + describe(r.findings)).c_str());
    QCOMPARE(f->severity, severity);
    QCOMPARE(f->useCase, useCase);
    QCOMPARE(QString::fromStdString(f->input), input);
    QVERIFY(!f->message.empty());
    QVERIFY(!f->fix.empty());
    if (useCase >= 0 && code != QLatin1String("double-count-across")
        && code != QLatin1String("scenario-clamped")) {
        // A per-use-case message names the use case.
        QVERIFY2(f->message.find("'Healthy'") != std::string::npos, f->message.c_str());
    }
    // With checks off, the engine reports nothing but broken scenarios.
    ComputeOptions off;
    off.checks = false;
    const Results quiet = compute(wb, off);
    for (const Finding &x : quiet.findings)
        QCOMPARE(x.code, std::string("bad-adjustment"));
}

void TestChecks::notTriggered_data()
{
    QTest::addColumn<Mutator>("mutate");
    QTest::addColumn<QString>("code");
    auto uc = [](Workbook &wb) -> UseCase & {
        return wb.useCases[0];
    };
    // Each of these is close to a check's condition but on the right side of it.
    QTest::newRow("output at 4x input")
        << Mutator([](Workbook &wb) { wb.priceBook[0].output = 10; })
        << QStringLiteral("output-priced-low");
    QTest::newRow("free model") << Mutator([](Workbook &wb) {
        wb.priceBook[0].input = 0;
        wb.priceBook[0].output = 0;
    }) << QStringLiteral("output-priced-low");
    QTest::newRow("soft in headline, no soft driver")
        << Mutator([](Workbook &wb) { wb.settings.softValueInHeadline = true; })
        << QStringLiteral("soft-in-headline");
    QTest::newRow("baseline in the go-live month") << Mutator([=](Workbook &wb) {
        uc(wb).baseline.capturedOn = {2026, 3, 20};
    }) << QStringLiteral("baseline-after-golive");
    QTest::newRow("labor reclaims exactly the baseline minutes") << Mutator([=](Workbook &wb) {
        uc(wb).drivers[0].minutesWithAi = 0; // 20 of 20 minutes
    }) << QStringLiteral("double-count");
    QTest::newRow("same unit, different words") << Mutator([=](Workbook &wb) {
        UseCase other = uc(wb);
        other.name = "Emails";
        other.baseline.unit = "email";
        wb.useCases.push_back(other);
    }) << QStringLiteral("double-count-across");
    QTest::newRow("generic unit is not a shared unit") << Mutator([=](Workbook &wb) {
        uc(wb).baseline.unit = "unit";
        UseCase other = uc(wb);
        other.name = "Other";
        wb.useCases.push_back(other);
    }) << QStringLiteral("double-count-across");
    QTest::newRow("one labor driver is soft") << Mutator([=](Workbook &wb) {
        UseCase other = uc(wb);
        other.name = "Other";
        other.drivers[0].hard = false;
        wb.useCases.push_back(other);
    }) << QStringLiteral("double-count-across");
    QTest::newRow("live before the start: an existing workflow") << Mutator([=](Workbook &wb) {
        uc(wb).ramp.goLive = {2025, 6};
        uc(wb).ramp.rampMonths = 0;
    }) << QStringLiteral("no-ramp");
    QTest::newRow("go-live in the last month") << Mutator([=](Workbook &wb) {
        uc(wb).ramp.goLive = {2028, 12};
    }) << QStringLiteral("golive-after-horizon");
    QTest::newRow("no review share, no discount") << Mutator([=](Workbook &wb) {
        uc(wb).risk = {};
        uc(wb).layers[3].share = 0;
    }) << QStringLiteral("no-risk-discount");
    QTest::newRow("staff but no review") << Mutator([=](Workbook &wb) { uc(wb).layers.resize(3); })
                                         << QStringLiteral("no-review-or-staff");
    QTest::newRow("not live: no production check") << Mutator([=](Workbook &wb) {
        uc(wb).layers.resize(2);
        uc(wb).ramp.steadyAdoption = 0;
    }) << QStringLiteral("no-review-or-staff");
    QTest::newRow("lift exactly what is left") << Mutator([=](Workbook &wb) {
        ValueDriver d;
        d.name = "Uplift";
        d.kind = DriverKind::RevenueUplift;
        d.conversionLift = 0.9;
        uc(wb).drivers.push_back(d);
    }) << QStringLiteral("lift-exceeds-baseline");
}

void TestChecks::notTriggered()
{
    QFETCH(Mutator, mutate);
    QFETCH(QString, code);
    Workbook wb = healthyWorkbook();
    mutate(wb);
    const Results r = compute(wb);
    QVERIFY2(!find(r, code.toStdString()), describe(r.findings).c_str());
}

void TestChecks::stalePriceBoundary()
{
    // "Older than 6 months" is more than 183 days. From 2025-07-02 to 2026-01-01:
    // 30 (rest of July, to Aug 1) + 31 + 30 + 31 + 30 + 31 = 183 days: not yet stale.
    Workbook wb = healthyWorkbook();
    wb.priceBook[0].asOf = {2025, 7, 2};
    QVERIFY(!find(compute(wb), "stale-price"));
    // 2025-07-01: 184 days.
    wb.priceBook[0].asOf = {2025, 7, 1};
    QVERIFY(find(compute(wb), "stale-price"));
    // "Today" can be given: on 2025-12-31 the quote of 2025-07-01 is 183 days old.
    ComputeOptions o;
    o.today = {2025, 12, 31};
    QVERIFY(!find(compute(wb, o), "stale-price"));
    // By default "today" is the first day of the start month, not the clock: a result is a
    // function of the workbook alone.
    wb.settings.startMonth = {2025, 8};
    QVERIFY(!find(compute(wb), "stale-price"));
}

void TestChecks::supportExampleIsHealthy()
{
    const auto wb = roitest::loadExample("support-assistant.roiwb");
    QVERIFY(wb);
    // As of its start month the bundled example raises no flag at all, serious or not.
    const Results r = compute(*wb);
    QVERIFY2(r.findings.empty(), describe(r.findings).c_str());
    // On the day this test runs, too, nothing serious (a price quote may have gone stale).
    static const char *serious[] = {"no-baseline",
                                    "undated-baseline",
                                    "baseline-after-golive",
                                    "invoice-only",
                                    "no-review-or-staff",
                                    "output-priced-low",
                                    "soft-in-headline",
                                    "double-count",
                                    "double-count-across",
                                    "no-ramp",
                                    "no-risk-discount",
                                    "missing-price",
                                    "slower-with-ai",
                                    "lift-exceeds-baseline",
                                    "errors-exceed-baseline",
                                    "capacity-exceeds-baseline",
                                    "zero-tco",
                                    "never-pays-back",
                                    "golive-after-horizon",
                                    "scenario-clamped",
                                    "bad-adjustment"};
    ComputeOptions later;
    later.today = {2027, 6, 30};
    const Results r2 = compute(*wb, later);
    for (const Finding &f : r2.findings) {
        QVERIFY2(f.severity != Severity::Error, f.code.c_str());
        for (const char *code : serious)
            QVERIFY2(f.code != code, f.code.c_str());
    }
}

void TestChecks::portfolioExample()
{
    const auto wb = roitest::loadExample("portfolio.roiwb");
    QVERIFY(wb);
    const Results r = compute(*wb);
    // The bundled portfolio is what clients see first: it must hold up to every check in every
    // scenario (review shares stay at or below 2/3, so Worst's × 1.5 never passes 100%).
    for (const Finding &f : r.findings)
        QFAIL((f.code + " " + f.scenario + " " + f.input).c_str());
    QVERIFY(r.findings.empty());
}

void TestChecks::errorsComeFirst()
{
    Workbook wb = healthyWorkbook();
    wb.useCases[0].baseline.capturedOn = {}; // warning
    wb.useCases[0].drivers.clear();          // info: never pays back
    wb.useCases[0].layers[0].model = "nope"; // error
    wb.priceBook[0].output = 1;              // warning
    const Results r = compute(wb);
    QVERIFY(r.findings.size() >= 4);
    for (std::size_t i = 1; i < r.findings.size(); ++i)
        QVERIFY(r.findings[i - 1].severity >= r.findings[i].severity);
    QCOMPARE(r.findings.front().severity, Severity::Error);
    QCOMPARE(r.findings.back().severity, Severity::Info);
}

QTEST_APPLESS_MAIN(TestChecks)
#include "tst_checks.moc"
