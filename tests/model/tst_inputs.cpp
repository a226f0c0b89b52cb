// Named inputs (inputs.h): parsing paths, applying scenario adjustments with wildcards, keys,
// indexes and clamping, and how the engine scopes adjustments to one use case.
#include "inputs.h"

#include "engine.h"
#include "testutil.h"

#include <QTest>

#include <cmath>
#include <limits>
#include <set>

using namespace roi;
using roitest::avoidedFixed;
using roitest::bareWorkbook;
using roitest::fixedLayer;
using roitest::noChecks;

Q_DECLARE_METATYPE(roi::AdjustmentOp)

class TestInputs : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parseGood_data();
    void parseGood();
    void parseBad_data();
    void parseBad();
    void fieldTables();
    void fieldApplies();
    void applyAdjustment_data();
    void applyAdjustment();
    void wildcardLeavesOtherTypesAlone();
    void clamping_data();
    void clamping();
    void readInput();
    void listInputs();
    void scopedToOneUseCase();
    void clampedFinding();
    void badAdjustmentFinding();
};

void TestInputs::parseGood_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("section");
    QTest::addColumn<int>("selector");
    QTest::addColumn<QString>("key");
    QTest::addColumn<int>("index");
    QTest::addColumn<QString>("field");
    using S = InputPath::Selector;
    auto row = [](const char *name, const char *text, InputSection section, S selector,
                  const QString &key, int index, const char *field) {
        QTest::newRow(name) << QString::fromUtf8(text) << static_cast<int>(section)
                            << static_cast<int>(selector) << key << index
                            << QString::fromUtf8(field);
    };
    row("baseline", "baseline.volume", InputSection::Baseline, S::None, {}, 0, "volume");
    row("outcome", "outcome.perUnit", InputSection::Outcome, S::None, {}, 0, "perUnit");
    row("ramp", "ramp.steadyAdoption", InputSection::Ramp, S::None, {}, 0, "steadyAdoption");
    row("risk", "risk.hallucination", InputSection::Risk, S::None, {}, 0, "hallucination");
    row("settings", "settings.discountRate", InputSection::Settings, S::None, {}, 0,
        "discountRate");
    row("layer by name", "layers[\"Human review\"].share", InputSection::Layers, S::Key,
        QStringLiteral("Human review"), 0, "share");
    row("layer by index", "layers[0].inputTokens", InputSection::Layers, S::Index, {}, 0,
        "inputTokens");
    row("layer by 4-digit index", "layers[1234].amount", InputSection::Layers, S::Index, {}, 1234,
        "amount");
    row("every driver", "drivers[*].minutesWithAi", InputSection::Drivers, S::All, {}, 0,
        "minutesWithAi");
    row("price by model", "prices[\"gpt-4o\"].output", InputSection::Prices, S::Key,
        QStringLiteral("gpt-4o"), 0, "output");
    row("escaped quote", "layers[\"say \\\"hi\\\"\"].share", InputSection::Layers, S::Key,
        QStringLiteral("say \"hi\""), 0, "share");
    row("escaped backslash", "drivers[\"a\\\\b\"].amount", InputSection::Drivers, S::Key,
        QStringLiteral("a\\b"), 0, "amount");
    row("dots and brackets in a name", "layers[\"v1.2 [beta]\"].unitCost", InputSection::Layers,
        S::Key, QStringLiteral("v1.2 [beta]"), 0, "unitCost");
}

void TestInputs::parseGood()
{
    QFETCH(QString, text);
    QFETCH(int, section);
    QFETCH(int, selector);
    QFETCH(QString, key);
    QFETCH(int, index);
    QFETCH(QString, field);
    std::string error = "unchanged";
    const auto path = InputPath::parse(text.toStdString(), &error);
    QVERIFY2(path, error.c_str());
    QCOMPARE(static_cast<int>(path->section), section);
    QCOMPARE(static_cast<int>(path->selector), selector);
    QCOMPARE(QString::fromStdString(path->key), key);
    QCOMPARE(path->index, index);
    QCOMPARE(QString::fromStdString(path->field), field);
    QVERIFY(path->info() != nullptr);
    QCOMPARE(QString::fromUtf8(path->info()->key.data(), path->info()->key.size()), field);
    // Written back, it is the same text, and it parses to the same path.
    QCOMPARE(QString::fromStdString(path->toString()), text);
    QCOMPARE(InputPath::parse(path->toString()), path);
}

void TestInputs::parseBad_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("error");
    const QString sections = QStringLiteral(
        "(expected settings, baseline, outcome, layers, drivers, risk, ramp or prices)");
    QTest::newRow("empty") << QString() << QStringLiteral("unknown input section '' ") + sections;
    QTest::newRow("unknown section") << QStringLiteral("costs.amount")
                                     << QStringLiteral("unknown input section 'costs' ") + sections;
    QTest::newRow("case matters") << QStringLiteral("Baseline.volume")
                                  << QStringLiteral("unknown input section 'Baseline' ") + sections;
    QTest::newRow("selector on a single section")
        << QStringLiteral("baseline[0].volume") << QStringLiteral("baseline takes no [selector]");
    QTest::newRow("list without selector")
        << QStringLiteral("layers.share")
        << QStringLiteral("layers needs a selector: [\"name\"], [index] or [*]");
    QTest::newRow("unterminated name") << QStringLiteral("layers[\"Human review].share")
                                       << QStringLiteral("unterminated quoted name");
    QTest::newRow("bare word selector")
        << QStringLiteral("layers[review].share")
        << QStringLiteral("selector must be a quoted name, an index or *");
    QTest::newRow("negative index")
        << QStringLiteral("layers[-1].share")
        << QStringLiteral("selector must be a quoted name, an index or *");
    QTest::newRow("5-digit index")
        << QStringLiteral("layers[12345].share")
        << QStringLiteral("selector must be a quoted name, an index or *");
    QTest::newRow("empty selector")
        << QStringLiteral("layers[].share")
        << QStringLiteral("selector must be a quoted name, an index or *");
    QTest::newRow("missing bracket")
        << QStringLiteral("layers[0.share") << QStringLiteral("missing ']'");
    QTest::newRow("no field") << QStringLiteral("baseline") << QStringLiteral("missing '.field'");
    QTest::newRow("no dot after selector")
        << QStringLiteral("layers[0]share") << QStringLiteral("missing '.field'");
    QTest::newRow("unknown field")
        << QStringLiteral("baseline.nope") << QStringLiteral("unknown field 'nope' in baseline");
    QTest::newRow("empty field") << QStringLiteral("baseline.")
                                 << QStringLiteral("unknown field '' in baseline");
    QTest::newRow("field of another section")
        << QStringLiteral("layers[*].volume") << QStringLiteral("unknown field 'volume' in layers");
    QTest::newRow("not a numeric input")
        << QStringLiteral("settings.horizonMonths")
        << QStringLiteral("unknown field 'horizonMonths' in settings");
    QTest::newRow("trailing path") << QStringLiteral("ramp.steadyAdoption.x")
                                   << QStringLiteral("unknown field 'steadyAdoption.x' in ramp");
}

void TestInputs::parseBad()
{
    QFETCH(QString, text);
    QFETCH(QString, error);
    std::string why;
    QVERIFY(!InputPath::parse(text.toStdString(), &why));
    QCOMPARE(QString::fromStdString(why), error);
    // Without a place for the message it fails the same way (and does not crash).
    QVERIFY(!InputPath::parse(text.toStdString()));
}

template<typename T>
static void checkTable(std::span<const Field<T>> fields)
{
    std::set<std::string_view> keys;
    for (const auto &f : fields) {
        QVERIFY2(keys.insert(f.info.key).second, f.info.key.data());
        QVERIFY(!f.info.label.empty());
        QVERIFY(!f.info.help.empty());
        QVERIFY(f.info.min <= f.info.max);
        QVERIFY(f.member != nullptr);
        // The default value of every field is legal, so a new element validates.
        const T defaults{};
        QVERIFY2(defaults.*(f.member) >= f.info.min && defaults.*(f.member) <= f.info.max,
                 f.info.key.data());
    }
    QVERIFY(!fields.empty());
}

void TestInputs::fieldTables()
{
    checkTable(baselineFields());
    checkTable(outcomeFields());
    checkTable(layerFields());
    checkTable(driverFields());
    checkTable(riskFields());
    checkTable(rampFields());
    checkTable(priceFields());
    checkTable(settingsFields());
    // Shares are 0..1 and say so.
    const auto *share = findField(layerFields(), "share");
    QVERIFY(share);
    QCOMPARE(share->info.unit, ValueUnit::Share);
    QCOMPARE(share->info.min, 0.0);
    QCOMPARE(share->info.max, 1.0);
    // Month fields are whole numbers.
    QVERIFY(findField(layerFields(), "month")->info.integer);
    QVERIFY(findField(rampFields(), "goLiveDelay")->info.integer);
}

void TestInputs::fieldApplies()
{
    CostLayer review;
    review.type = LayerType::HumanReview;
    CostLayer fixed;
    fixed.type = LayerType::FixedMonthly;
    const auto *share = findField(layerFields(), "share");
    const auto *amount = findField(layerFields(), "amount");
    QVERIFY(roi::fieldApplies(*share, review));
    QVERIFY(!roi::fieldApplies(*share, fixed));
    QVERIFY(roi::fieldApplies(*amount, fixed));
    CostLayer oneTime;
    oneTime.type = LayerType::OneTime;
    QVERIFY(roi::fieldApplies(*amount, oneTime)); // the total of a one-time layer
    ValueDriver capacity;
    capacity.kind = DriverKind::AddedCapacity;
    capacity.capacityMode = CapacityMode::PerUnit;
    const auto *extraUnits = findField(driverFields(), "extraUnits");
    const auto *hires = findField(driverFields(), "hires");
    QVERIFY(roi::fieldApplies(*extraUnits, capacity));
    QVERIFY(!roi::fieldApplies(*hires, capacity));
    capacity.capacityMode = CapacityMode::AvoidedHires;
    QVERIFY(!roi::fieldApplies(*extraUnits, capacity));
    QVERIFY(roi::fieldApplies(*hires, capacity));
    ValueDriver avoided;
    avoided.kind = DriverKind::AvoidedCost;
    avoided.avoidedMode = AvoidedMode::ErrorReduction;
    QVERIFY(roi::fieldApplies(*findField(driverFields(), "costPerError"), avoided));
    QVERIFY(!roi::fieldApplies(*findField(driverFields(), "amount"), avoided));
    // shareCounted applies to every kind.
    QVERIFY(roi::fieldApplies(*findField(driverFields(), "shareCounted"), avoided));
}

/// A use case with two review layers, a fixed and a token layer, two labor drivers and a
/// fixed avoided cost; a price book of two models.
struct Fixture
{
    UseCase uc;
    std::vector<PriceEntry> prices;
    Settings settings;

    Fixture()
    {
        uc.name = "Case";
        uc.baseline.volume = 1000;
        CostLayer a;
        a.name = "Review A";
        a.type = LayerType::HumanReview;
        a.share = 0.2;
        CostLayer b = a;
        b.name = "Review B";
        b.share = 0.4;
        CostLayer tokens;
        tokens.name = "Tokens";
        tokens.type = LayerType::TokenUsage;
        tokens.model = "m1";
        tokens.inputTokens = 1000;
        uc.layers = {a, b, fixedLayer("Hosting", 500), tokens};
        ValueDriver labor;
        labor.name = "Labor";
        labor.minutesWithAi = 5;
        ValueDriver labor2 = labor;
        labor2.name = "Labor 2";
        labor2.minutesWithAi = 8;
        uc.drivers = {labor, avoidedFixed("Avoided", 100), labor2};
        prices = {{"m1", 1, 4, 0.5, {}}, {"m2", 2, 8, 1, {}}};
        settings.discountRate = 0.1;
    }

    double read(const std::string &path) const
    {
        const auto p = InputPath::parse(path);
        if (!p)
            return std::numeric_limits<double>::quiet_NaN();
        return roi::readInput(*p, uc, prices, settings).value_or(-12345);
    }
};

void TestInputs::applyAdjustment_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<AdjustmentOp>("op");
    QTest::addColumn<double>("value");
    QTest::addColumn<int>("changed");
    QTest::addColumn<QString>("readBack");
    QTest::addColumn<double>("expected");
    using Op = AdjustmentOp;
    auto row = [](const char *name, const char *path, Op op, double value, int changed,
                  const char *readBack, double expected) {
        QTest::newRow(name) << QString::fromUtf8(path) << op << value << changed
                            << QString::fromUtf8(readBack) << expected;
    };
    // Baseline volume 1,000.
    row("multiply", "baseline.volume", Op::Multiply, 1.5, 1, "baseline.volume", 1500);
    row("set", "baseline.volume", Op::Set, 200, 1, "baseline.volume", 200);
    row("add", "baseline.volume", Op::Add, -300, 1, "baseline.volume", 700);
    row("add below the minimum clamps to it", "baseline.volume", Op::Add, -2000, 1,
        "baseline.volume", 0);
    // Review shares 0.2 and 0.4, × 0.5 → 0.1 and 0.2; only the two review layers change.
    row("wildcard", "layers[*].share", Op::Multiply, 0.5, 2, "layers[\"Review B\"].share", 0.2);
    row("wildcard, first element", "layers[*].share", Op::Multiply, 0.5, 2,
        "layers[\"Review A\"].share", 0.1);
    row("key", "layers[\"Review B\"].share", Op::Set, 0.3, 1, "layers[\"Review B\"].share", 0.3);
    row("key leaves the others", "layers[\"Review B\"].share", Op::Set, 0.3, 1,
        "layers[\"Review A\"].share", 0.2);
    row("missing key changes nothing", "layers[\"Nope\"].share", Op::Set, 0.3, 0,
        "layers[\"Review B\"].share", 0.4);
    row("index", "layers[2].amount", Op::Set, 99, 1, "layers[\"Hosting\"].amount", 99);
    row("index out of range", "layers[9].amount", Op::Set, 99, 0, "layers[\"Hosting\"].amount",
        500);
    row("wildcard on amounts", "layers[*].amount", Op::Multiply, 2, 1, "layers[\"Hosting\"].amount",
        1000);
    // Minutes with AI 5 and 8, × 2: only labor drivers have the field.
    row("every labor driver", "drivers[*].minutesWithAi", Op::Multiply, 2, 2,
        "drivers[\"Labor 2\"].minutesWithAi", 16);
    row("every fixed avoided cost", "drivers[*].amount", Op::Set, 7, 1,
        "drivers[\"Avoided\"].amount", 7);
    row("every driver's share counted", "drivers[*].shareCounted", Op::Set, 0.5, 3,
        "drivers[1].shareCounted", 0.5);
    // Output prices 4 and 8, × 2.
    row("every price", "prices[*].output", Op::Multiply, 2, 2, "prices[\"m2\"].output", 16);
    row("one price", "prices[\"m1\"].input", Op::Set, 3, 1, "prices[\"m1\"].input", 3);
    row("settings", "settings.discountRate", Op::Add, 0.05, 1, "settings.discountRate", 0.15);
    // Whole months: 0 + 2.5 rounds half away from zero to 3.
    row("integer field rounds", "ramp.goLiveDelay", Op::Add, 2.5, 1, "ramp.goLiveDelay", 3);
    row("risk", "risk.hallucination", Op::Set, 0.05, 1, "risk.hallucination", 0.05);
    // Outcomes per unit 1 × 0.8.
    row("outcome", "outcome.perUnit", Op::Multiply, 0.8, 1, "outcome.perUnit", 0.8);
}

void TestInputs::applyAdjustment()
{
    QFETCH(QString, path);
    QFETCH(AdjustmentOp, op);
    QFETCH(double, value);
    QFETCH(int, changed);
    QFETCH(QString, readBack);
    QFETCH(double, expected);
    Fixture f;
    const auto p = InputPath::parse(path.toStdString());
    QVERIFY(p);
    QCOMPARE(roi::applyAdjustment(*p, op, value, f.uc, f.prices, f.settings), changed);
    ROI_COMPARE_NEAR(f.read(readBack.toStdString()), expected, 1e-12);
}

void TestInputs::wildcardLeavesOtherTypesAlone()
{
    Fixture f;
    const Fixture before;
    const auto p = InputPath::parse("layers[*].share");
    QCOMPARE(roi::applyAdjustment(*p, AdjustmentOp::Set, 0.9, f.uc, f.prices, f.settings), 2);
    // The fixed and token layers keep share 0: the field does not apply to them.
    QCOMPARE_EQ(f.uc.layers[2].share, 0.0);
    QCOMPARE_EQ(f.uc.layers[3].share, 0.0);
    QVERIFY(f.uc.layers[2] == before.uc.layers[2]);
    QVERIFY(f.uc.layers[3] == before.uc.layers[3]);
    QVERIFY(f.uc.drivers == before.uc.drivers);
    QVERIFY(f.prices == before.prices);
}

void TestInputs::clamping_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<AdjustmentOp>("op");
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("reported"); // empty: nothing reported
    QTest::addColumn<double>("requested");
    QTest::addColumn<double>("kept");
    using Op = AdjustmentOp;
    // 0.4 × 3 = 1.2 > 1 → 1.
    QTest::newRow("share above 1")
        << QStringLiteral("layers[\"Review B\"].share") << Op::Multiply << 3.0
        << QStringLiteral("layers[\"Review B\"].share") << 1.2 << 1.0;
    // 1,000 − 2,000 = −1,000 < 0 → 0.
    QTest::newRow("negative volume") << QStringLiteral("baseline.volume") << Op::Add << -2000.0
                                     << QStringLiteral("baseline.volume") << -1000.0 << 0.0;
    // A whole-month field: 2.5 is kept as 3 and reported.
    QTest::newRow("fraction of a month") << QStringLiteral("ramp.goLiveDelay") << Op::Add << 2.5
                                         << QStringLiteral("ramp.goLiveDelay") << 2.5 << 3.0;
    // A wildcard reports the element by name.
    QTest::newRow("wildcard names the element")
        << QStringLiteral("layers[*].share") << Op::Add << 0.7
        << QStringLiteral("layers[\"Review B\"].share") << 1.1 << 1.0;
    QTest::newRow("price below zero") << QStringLiteral("prices[\"m1\"].input") << Op::Set << -1.0
                                      << QStringLiteral("prices[\"m1\"].input") << -1.0 << 0.0;
    QTest::newRow("in range: nothing reported") << QStringLiteral("layers[\"Review B\"].share")
                                                << Op::Multiply << 2.0 << QString() << 0.0 << 0.8;
}

void TestInputs::clamping()
{
    QFETCH(QString, path);
    QFETCH(AdjustmentOp, op);
    QFETCH(double, value);
    QFETCH(QString, reported);
    QFETCH(double, requested);
    QFETCH(double, kept);
    Fixture f;
    struct Report
    {
        std::string path;
        double requested;
        double kept;
    };
    std::vector<Report> reports;
    const auto p = InputPath::parse(path.toStdString());
    QVERIFY(p);
    roi::applyAdjustment(*p, op, value, f.uc, f.prices, f.settings,
                         [&](const std::string &where, double asked, double used) {
                             reports.push_back({where, asked, used});
                         });
    if (reported.isEmpty()) {
        QVERIFY(reports.empty());
        ROI_COMPARE_NEAR(f.read(path.toStdString()), kept, 1e-12);
        return;
    }
    QCOMPARE(reports.size(), std::size_t(1));
    QCOMPARE(QString::fromStdString(reports[0].path), reported);
    ROI_COMPARE_NEAR(reports[0].requested, requested, 1e-12);
    QCOMPARE_EQ(reports[0].kept, kept);
    QCOMPARE_EQ(f.read(reported.toStdString()), kept);
}

void TestInputs::readInput()
{
    Fixture f;
    QCOMPARE_EQ(f.read("layers[\"Review B\"].share"), 0.4);
    QCOMPARE_EQ(f.read("layers[1].share"), 0.4);
    QCOMPARE_EQ(f.read("prices[\"m2\"].cachedInput"), 1.0);
    QCOMPARE_EQ(f.read("settings.discountRate"), 0.1);
    // A wildcard or a missing element selects no single input.
    const auto all = InputPath::parse("layers[*].share");
    QVERIFY(!roi::readInput(*all, f.uc, f.prices, f.settings));
    const auto missing = InputPath::parse("layers[\"Nope\"].share");
    QVERIFY(!roi::readInput(*missing, f.uc, f.prices, f.settings));
    // A NaN adjustment leaves the value alone (and is reported).
    int reports = 0;
    const auto volume = InputPath::parse("baseline.volume");
    roi::applyAdjustment(*volume, AdjustmentOp::Multiply, std::nan(""), f.uc, f.prices, f.settings,
                         [&](const std::string &, double, double) { ++reports; });
    QCOMPARE_EQ(f.uc.baseline.volume, 1000.0);
    QCOMPARE(reports, 1);
}

void TestInputs::listInputs()
{
    Fixture f;
    const auto names = roi::listInputs(f.uc, f.prices);
    auto has = [&](const char *name) {
        return std::find(names.begin(), names.end(), name) != names.end();
    };
    QVERIFY(has("baseline.volume"));
    QVERIFY(has("layers[\"Review A\"].share"));
    QVERIFY(!has("layers[\"Review A\"].amount")); // not a field of a review layer
    QVERIFY(has("layers[\"Hosting\"].amount"));
    QVERIFY(has("drivers[\"Labor\"].minutesWithAi"));
    QVERIFY(!has("drivers[\"Avoided\"].minutesWithAi"));
    QVERIFY(has("prices[\"m1\"].output"));  // used by the token layer
    QVERIFY(!has("prices[\"m2\"].output")); // in the book, but no layer uses it
    QVERIFY(has("settings.discountRate"));
    // Every listed name parses and reads one value.
    std::set<std::string> unique(names.begin(), names.end());
    QCOMPARE(unique.size(), names.size());
    for (const auto &n : names) {
        const auto p = InputPath::parse(n);
        QVERIFY2(p, n.c_str());
        QVERIFY2(roi::readInput(*p, f.uc, f.prices, f.settings), n.c_str());
    }
}

// -------------------------------------------------------------------------------------------
// Through the engine

void TestInputs::scopedToOneUseCase()
{
    Workbook wb = bareWorkbook(2);
    wb.useCases[0].name = "A";
    UseCase b = wb.useCases[0];
    b.name = "B";
    wb.useCases.push_back(b);
    wb.scenarios.push_back({"A grows", {}, {{"baseline.volume", AdjustmentOp::Multiply, 2, "A"}}});
    wb.scenarios.push_back({"B grows", {}, {{"baseline.volume", AdjustmentOp::Add, 500, "B"}}});
    wb.scenarios.push_back({"Both grow", {}, {{"baseline.volume", AdjustmentOp::Set, 10, {}}}});
    const Results r = compute(wb, noChecks());
    // A grows: A 2,000, B 1,000; B grows: A 1,000, B 1,500; both: 10 each.
    QCOMPARE_EQ(r.at(0, 1).row(Row::Units)[0], 2000.0);
    QCOMPARE_EQ(r.at(1, 1).row(Row::Units)[0], 1000.0);
    QCOMPARE_EQ(r.at(0, 2).row(Row::Units)[0], 1000.0);
    QCOMPARE_EQ(r.at(1, 2).row(Row::Units)[0], 1500.0);
    QCOMPARE_EQ(r.at(0, 3).row(Row::Units)[0], 10.0);
    QCOMPARE_EQ(r.at(1, 3).row(Row::Units)[0], 10.0);
    QCOMPARE_EQ(r.portfolio[1].row(Row::Units)[0], 3000.0);
    QCOMPARE_EQ(r.portfolio[2].row(Row::Units)[0], 2500.0);
}

void TestInputs::clampedFinding()
{
    Workbook wb = bareWorkbook(2);
    Fixture f;
    wb.useCases[0].layers = f.uc.layers;
    for (CostLayer &l : wb.useCases[0].layers) {
        l.minutesPerReview = 6; // 6 min at $10 an hour: $1 a reviewed unit
        l.hourlyRate = 10;
    }
    wb.scenarios.push_back(
        {"Heavy review", {}, {{"layers[*].share", AdjustmentOp::Multiply, 4, {}}}});
    const Results r = compute(wb);
    std::vector<Finding> clamped;
    for (const Finding &x : r.findings) {
        if (x.code == "scenario-clamped")
            clamped.push_back(x);
    }
    // Review A: 0.2 × 4 = 0.8 is legal; Review B: 0.4 × 4 = 1.6 is clamped to 1.
    QCOMPARE(clamped.size(), std::size_t(1));
    const Finding &x = clamped[0];
    QCOMPARE(x.severity, Severity::Warning);
    QCOMPARE(x.useCase, 0);
    QCOMPARE(x.scenario, std::string("Heavy review"));
    QCOMPARE(x.input, std::string("layers[\"Review B\"].share"));
    QVERIFY2(x.message.find("pushes layers[\"Review B\"].share to 1.6") != std::string::npos,
             x.message.c_str());
    QVERIFY2(x.message.find("1 is used") != std::string::npos, x.message.c_str());
    QVERIFY(!x.fix.empty());
    // The scenario computes with the clamped value: 1,000 units × 1.0 reviewed × $1 = $1,000
    // (not 1,600); Review A: 1,000 × 0.8 × $1 = $800. Base: $200 and $400.
    ROI_COMPARE_NEAR(r.at(0, 1).layerCost(1)[0], 1000.0, 1e-9);
    ROI_COMPARE_NEAR(r.at(0, 1).layerCost(0)[0], 800.0, 1e-9);
    ROI_COMPARE_NEAR(r.at(0, 0).layerCost(1)[0], 400.0, 1e-9);
    ROI_COMPARE_NEAR(r.at(0, 0).layerCost(0)[0], 200.0, 1e-9);
    // With checks off nothing is reported.
    QVERIFY(compute(wb, noChecks()).findings.empty());
}

void TestInputs::badAdjustmentFinding()
{
    Workbook wb = bareWorkbook(2);
    wb.scenarios.push_back({"Typo", {}, {{"baseline.volumen", AdjustmentOp::Multiply, 2, {}}}});
    const Results r = compute(wb, noChecks());
    QCOMPARE(r.findings.size(), std::size_t(1));
    QCOMPARE(r.findings[0].code, std::string("bad-adjustment"));
    QCOMPARE(r.findings[0].severity, Severity::Error);
    QCOMPARE(r.findings[0].scenario, std::string("Typo"));
    QCOMPARE(r.findings[0].input, std::string("baseline.volumen"));
    QVERIFY(r.findings[0].message.find("unknown field 'volumen' in baseline") != std::string::npos);
    // The rest of the scenario still computes, unchanged.
    QCOMPARE_EQ(r.at(0, 1).row(Row::Units)[0], 1000.0);
}

QTEST_APPLESS_MAIN(TestInputs)
#include "tst_inputs.moc"
