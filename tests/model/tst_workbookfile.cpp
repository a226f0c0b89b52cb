// The .roiwb reader and writer (workbookfile.h): round trips of every example and of a workbook
// with every layer type and driver kind, the bad files of tests/data/bad (each refused with its
// JSON path and rule, never a crash), warnings, limits, and a writer that refuses NaN/inf.
#include "workbookfile.h"

#include "inputs.h"
#include "testutil.h"

#include <QDir>
#include <QTest>

#include <cmath>
#include <functional>
#include <limits>
#include <set>

using namespace roi;
using roitest::readText;

using Mutator = std::function<void(Workbook &)>;
Q_DECLARE_METATYPE(Mutator)

static std::string dataPath(const std::string &rel)
{
    return std::string(ROI_SOURCE_DIR) + "/tests/data/" + rel;
}

/// Whether `s` is well-formed UTF-8 (no overlong forms, surrogates or code points > U+10FFFF).
static bool validUtf8(std::string_view s)
{
    std::size_t i = 0;
    auto b = [&](std::size_t k) {
        return static_cast<unsigned char>(s[k]);
    };
    while (i < s.size()) {
        const unsigned c = b(i);
        std::size_t n = c < 0x80                 ? 1
                        : c >= 0xC2 && c <= 0xDF ? 2
                        : c >= 0xE0 && c <= 0xEF ? 3
                        : c >= 0xF0 && c <= 0xF4 ? 4
                                                 : 0;
        if (n == 0 || i + n > s.size())
            return false;
        for (std::size_t k = 1; k < n; ++k) {
            if ((b(i + k) & 0xC0) != 0x80)
                return false;
        }
        if (n >= 3) {
            const unsigned c1 = b(i + 1);
            if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 >= 0xA0) || (c == 0xF0 && c1 < 0x90)
                || (c == 0xF4 && c1 >= 0x90))
                return false;
        }
        i += n;
    }
    return true;
}

static std::string describe(const std::vector<Diagnostic> &ds)
{
    std::string out;
    for (const auto &d : ds)
        out += d.toString() + "\n";
    return out;
}

class TestWorkbookFile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTripFiles_data();
    void roundTripFiles();
    void roundTripInCode();
    void badFiles_data();
    void badFiles();
    void warningFiles_data();
    void warningFiles();
    void everyBadFileIsListed();
    void oversizeFile();
    void duplicateKeysLastWins();
    void tooManyProblemsAreCapped();
    void truncatedAtEveryByte();
    void writeRefusesNonFinite_data();
    void writeRefusesNonFinite();
    void writeRefusesInvalid_data();
    void writeRefusesInvalid();
    void validateWorkbook();
    void diagnosticText();
    void defaultPriceBook();
    void badPriceBook_data();
    void badPriceBook();
};

// -------------------------------------------------------------------------------------------
// Round trips

void TestWorkbookFile::roundTripFiles_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("support assistant")
        << QStringLiteral("resources/examples/support-assistant.roiwb");
    QTest::newRow("portfolio") << QStringLiteral("resources/examples/portfolio.roiwb");
    QTest::newRow("minimal") << QStringLiteral("tests/data/good/minimal.roiwb");
    QTest::newRow("UTF-8 byte order mark") << QStringLiteral("tests/data/good/utf8-bom.roiwb");
}

void TestWorkbookFile::roundTripFiles()
{
    QFETCH(QString, file);
    const std::string bytes = readText(std::string(ROI_SOURCE_DIR) + "/" + file.toStdString());
    QVERIFY(!bytes.empty());
    const LoadResult first = readWorkbook(bytes);
    QVERIFY2(first.ok(), describe(first.diagnostics).c_str());
    QVERIFY2(first.diagnostics.empty(), describe(first.diagnostics).c_str());
    const SaveResult saved = writeWorkbook(*first.workbook);
    QVERIFY2(saved.ok(), describe(saved.errors).c_str());
    const LoadResult second = readWorkbook(saved.text);
    QVERIFY2(second.ok(), describe(second.diagnostics).c_str());
    QVERIFY(second.diagnostics.empty());
    QVERIFY(*second.workbook == *first.workbook);
    // Writing is stable: the second save is byte for byte the first.
    QCOMPARE(writeWorkbook(*second.workbook).text, saved.text);
    QVERIFY(validUtf8(saved.text));
}

/// A workbook that uses every layer type, unit basis, driver kind and mode, and the corners of
/// the format: odd characters in names, an undated price, a scorecard metric with and without an
/// actual, a custom scenario scoped to one use case, non-default settings.
static Workbook everythingWorkbook()
{
    Workbook wb = newWorkbook();
    Settings &s = wb.settings;
    s.name = "Everything — \"quoted\", a/b ~ c, €";
    s.currency = "EUR";
    s.startMonth = {2027, 4};
    s.horizonMonths = 120;
    s.discountRate = 0.0725;
    s.softValueInHeadline = true;
    s.preparedBy = "Ünïcödé & Co";
    s.logoPng = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAfbLI3wAAAA"
                "BJRU5ErkJggg==";
    s.monteCarloTrials = 1000000;
    s.monteCarloSeed = 4294967295u;
    wb.priceBook = {{"frontier/large", 2.5, 10, 1.25, Date{2027, 2, 28}},
                    {"mini ~ 1", 0.15, 0.6, 0.075, Date{}}};
    wb.scenarios.push_back(
        {"Stress",
         "Only the second case gets worse.",
         {{"layers[\"Review \\\"B\\\"\"].share", AdjustmentOp::Set, 0.5, "Case two"},
          {"settings.discountRate", AdjustmentOp::Add, 0.02, {}}}});

    UseCase a = newUseCase("Case one", {2027, 6});
    a.description = "Line one\nline two\ttabbed";
    a.baseline = {
        Date{2027, 1, 15}, "Survey", "ticket", 12345.5, 7.25, 41.5, 0.031, 0.012, 3.2, "notes"};
    a.outcome = {"ticket resolved", 0.85};
    a.layers[0].model = "frontier/large";
    a.layers[0].callsPerUnit = 2.5;
    a.layers[0].inputTokens = 1234;
    a.layers[0].outputTokens = 567;
    a.layers[0].cachedInputTokens = 8901;
    a.layers[0].overhead = 0.15;
    a.layers[1].amount = 400.01;
    a.layers[2].fte = 0.35;
    a.layers[2].annualCost = 181234.56;
    a.layers[3].share = 0.123;
    a.layers[3].minutesPerReview = 0.4;
    a.layers[3].hourlyRate = 36.5;
    for (UnitBasis basis : {UnitBasis::HandledUnit, UnitBasis::Outcome, UnitBasis::Call}) {
        CostLayer l;
        l.name = "Per " + std::string(enumName(basis));
        l.type = LayerType::PerUnit;
        l.category = CostCategory::Infrastructure;
        l.basis = basis;
        l.unitCost = 0.0123;
        a.layers.push_back(l);
    }
    CostLayer oneTime;
    oneTime.name = "Build";
    oneTime.type = LayerType::OneTime;
    oneTime.category = CostCategory::DataGovernance;
    oneTime.amount = 60000;
    oneTime.month = 3;
    oneTime.spreadMonths = 4;
    a.layers.push_back(oneTime);
    // A field the type does not use but that was set (say, before the type was changed).
    CostLayer switched;
    switched.name = "Switched";
    switched.type = LayerType::FixedMonthly;
    switched.category = CostCategory::Training;
    switched.amount = 10;
    switched.model = "mini ~ 1";
    switched.share = 0.4;
    switched.basis = UnitBasis::Call;
    a.layers.push_back(switched);

    a.drivers.clear();
    for (int k = 0; k < static_cast<int>(enumCount<DriverKind>()); ++k) {
        ValueDriver d;
        d.kind = static_cast<DriverKind>(k);
        d.name = std::string(enumLabel(d.kind));
        d.hard = d.kind != DriverKind::SoftValue;
        d.term = static_cast<NumeratorTerm>(k % 3);
        d.area = static_cast<ValueArea>(k % 4);
        d.shareCounted = 0.5 + k / 100.0;
        a.drivers.push_back(d);
    }
    a.drivers[0].minutesWithAi = 3.5;
    a.drivers[1].extraUnits = 100;
    a.drivers[1].valuePerUnit = 2.5;
    a.drivers[2].conversionLift = -0.01; // a negative lift is legal
    a.drivers[2].valuePerConversion = 99.99;
    a.drivers[3].customers = 5000;
    a.drivers[3].churnReduction = 0.004;
    a.drivers[3].annualValuePerCustomer = 1200;
    a.drivers[4].unitsSold = 300;
    a.drivers[4].price = 20;
    a.drivers[4].costToServe = 4.5;
    a.drivers[5].marginPoints = 0.015;
    a.drivers[5].revenueBase = 2e6;
    a.drivers[6].avoidedMode = AvoidedMode::FixedMonthly;
    a.drivers[6].amount = 1500;
    a.drivers[7].metric = "CSAT (%)";
    a.drivers[7].metricBaseline = 78;
    a.drivers[7].metricTarget = 84.5;
    a.drivers[7].moneyValue = 5000;
    ValueDriver hires;
    hires.name = "Hires";
    hires.kind = DriverKind::AddedCapacity;
    hires.capacityMode = CapacityMode::AvoidedHires;
    hires.hires = 2;
    hires.annualCostPerHire = 95000;
    ValueDriver errors;
    errors.name = "Errors";
    errors.kind = DriverKind::AvoidedCost;
    errors.avoidedMode = AvoidedMode::ErrorReduction;
    errors.errorReduction = 0.01;
    errors.costPerError = 25;
    ValueDriver softLabor; // a hard kind counted as soft
    softLabor.name = "Soft labor";
    softLabor.hard = false;
    softLabor.minutesWithAi = 1;
    a.drivers.insert(a.drivers.end(), {hires, errors, softLabor});
    a.risk = {0.03, 0.05, 0.01};
    a.ramp.curve = RampCurve::Linear;
    a.ramp.rampMonths = 4.5;
    a.ramp.steadyAdoption = 0.9;
    a.ramp.volumeGrowth = -0.01;
    a.ramp.tokenPriceDecline = 0.3;
    a.ramp.goLiveDelay = 2;
    a.maturity = MaturityStage::BusinessImpact;
    a.scorecard = {{ScorecardBucket::Outcomes, "FCR", "%", 71, 80, std::nullopt},
                   {ScorecardBucket::Cost, "Cost per ticket", "EUR", 24, 10, 12.5},
                   {ScorecardBucket::Speed, "Below zero", "°C", -5, -1e15, 0.0}};

    UseCase b = newUseCase("Case two", {2026, 12});
    b.layers[3].name = "Review \"B\"";
    b.layers[3].share = 0.2;
    b.baseline.unit = "ticket";
    b.ramp.curve = RampCurve::Immediate;
    b.ramp.rampMonths = 0;
    b.maturity = MaturityStage::Decision;
    wb.useCases = {a, b};
    return wb;
}

void TestWorkbookFile::roundTripInCode()
{
    const Workbook wb = everythingWorkbook();
    QVERIFY2(roi::validateWorkbook(wb).empty(), describe(roi::validateWorkbook(wb)).c_str());
    const SaveResult saved = writeWorkbook(wb);
    QVERIFY2(saved.ok(), describe(saved.errors).c_str());
    const LoadResult loaded = readWorkbook(saved.text);
    QVERIFY2(loaded.ok(), describe(loaded.diagnostics).c_str());
    QVERIFY2(loaded.diagnostics.empty(), describe(loaded.diagnostics).c_str());
    const Workbook &back = *loaded.workbook;
    // Field by field first, so a failure says where; then the whole.
    QVERIFY(back.settings == wb.settings);
    QVERIFY(back.priceBook == wb.priceBook);
    QVERIFY(back.scenarios == wb.scenarios);
    QCOMPARE(back.useCases.size(), wb.useCases.size());
    for (std::size_t u = 0; u < wb.useCases.size(); ++u) {
        const UseCase &x = wb.useCases[u];
        const UseCase &y = back.useCases[u];
        QVERIFY(y.baseline == x.baseline);
        QVERIFY(y.outcome == x.outcome);
        QCOMPARE(y.layers.size(), x.layers.size());
        for (std::size_t i = 0; i < x.layers.size(); ++i)
            QVERIFY2(y.layers[i] == x.layers[i], x.layers[i].name.c_str());
        QCOMPARE(y.drivers.size(), x.drivers.size());
        for (std::size_t i = 0; i < x.drivers.size(); ++i)
            QVERIFY2(y.drivers[i] == x.drivers[i], x.drivers[i].name.c_str());
        QVERIFY(y.risk == x.risk);
        QVERIFY(y.ramp == x.ramp);
        QVERIFY(y.scorecard == x.scorecard);
        QVERIFY(y == x);
    }
    QVERIFY(back == wb);
    // Every layer type and driver kind is in it.
    std::set<LayerType> types;
    std::set<DriverKind> kinds;
    for (const auto &l : wb.useCases[0].layers)
        types.insert(l.type);
    for (const auto &d : wb.useCases[0].drivers)
        kinds.insert(d.kind);
    QCOMPARE(types.size(), enumCount<LayerType>());
    QCOMPARE(kinds.size(), enumCount<DriverKind>());
    // Doubles come back bit for bit, including ones with no short decimal form.
    Workbook thirds = wb;
    thirds.useCases[0].baseline.volume = 1.0 / 3.0;
    thirds.useCases[0].layers[1].amount = 0.1 + 0.2;
    thirds.priceBook[0].input = 5e-324; // the smallest subnormal
    const LoadResult t = readWorkbook(writeWorkbook(thirds).text);
    QVERIFY(t.ok());
    QCOMPARE_EQ(t.workbook->useCases[0].baseline.volume, 1.0 / 3.0);
    QCOMPARE_EQ(t.workbook->useCases[0].layers[1].amount, 0.1 + 0.2);
    QCOMPARE_EQ(t.workbook->priceBook[0].input, 5e-324);
}

// -------------------------------------------------------------------------------------------
// Bad files

/// Each bad file, the JSON pointer of the error it must raise ("" for the whole file) and a part
/// of the message.
struct Expectation
{
    const char *file;
    const char *path;
    const char *message;
};

static const Expectation kBadFiles[] = {
    // Not JSON, or not a workbook.
    {"empty.roiwb", "", "the file is empty"},
    {"whitespace-only.roiwb", "", "not valid JSON at byte 6: "},
    {"truncated.roiwb", "", "not valid JSON at byte 1501: "},
    {"binary-garbage.roiwb", "", "not valid JSON at byte "},
    {"png-file.roiwb", "", "not valid JSON at byte 1: "},
    {"utf16.roiwb", "", "not valid JSON at byte 1: "},
    {"invalid-utf8.roiwb", "", "ill-formed UTF-8 byte"},
    {"overlong-utf8.roiwb", "", "ill-formed UTF-8 byte"},
    {"nan-literal.roiwb", "", "invalid literal"},
    {"infinity-literal.roiwb", "", "invalid literal"},
    {"number-overflow.roiwb", "", "not valid JSON: number overflow parsing '1e400'"},
    {"comment.roiwb", "", "not valid JSON at byte "},
    {"single-quotes.roiwb", "", "not valid JSON at byte "},
    {"trailing-garbage.roiwb", "", "expected end of input"},
    {"root-array.roiwb", "", "must be a JSON object, not an array"},
    {"root-number.roiwb", "", "must be a JSON object, not a number"},
    {"wrong-format-tag.roiwb", "/format", "this is not a ROI Workbench file"},
    {"missing-format.roiwb", "/format", "must be \"roi-workbench\""},
    {"unknown-version.roiwb", "/version",
     "the file is format version 5, written by a newer ROI Workbench; this version reads up "
     "to version 4. Update ROI Workbench to open it."},
    {"huge-version.roiwb", "/version",
     "the file is format version 18446744073709551615, written by a newer ROI Workbench"},
    {"version-zero.roiwb", "/version", "must be >= 1"},
    {"version-string.roiwb", "/version", "must be a whole number"},
    {"missing-version.roiwb", "/version", "must be a whole number"},
    // Wrong types.
    {"volume-is-string.roiwb", "/useCases/0/baseline/volume", "must be a number, not a string"},
    {"hourly-rate-null.roiwb", "/useCases/0/baseline/hourlyRate", "must be a number, not null"},
    {"layers-is-object.roiwb", "/useCases/0/costLayers", "must be an array, not an object"},
    {"settings-is-array.roiwb", "/settings", "must be an object, not an array"},
    {"flag-is-string.roiwb", "/settings/softValueInHeadline",
     "must be true or false, not a string"},
    {"use-case-is-number.roiwb", "/useCases/0", "must be an object, not a number"},
    {"name-is-number.roiwb", "/useCases/0/name", "must be a string, not a number"},
    {"adjustment-value-is-string.roiwb", "/scenarios/1/adjustments/0/value",
     "must be a number, not a string"},
    // Out of range.
    {"negative-volume.roiwb", "/useCases/0/baseline/volume", "must be >= 0"},
    {"negative-input-tokens.roiwb", "/useCases/0/costLayers/0/inputTokens", "must be >= 0"},
    {"share-above-one.roiwb", "/useCases/0/costLayers/3/share", "must be <= 1"},
    {"horizon-too-long.roiwb", "/settings/horizonMonths", "must be <= 120"},
    {"horizon-zero.roiwb", "/settings/horizonMonths", "must be >= 1"},
    {"horizon-fraction.roiwb", "/settings/horizonMonths", "must be a whole number"},
    {"one-time-month-zero.roiwb", "/useCases/0/costLayers/4/month", "must be >= 1"},
    {"one-time-month-fraction.roiwb", "/useCases/0/costLayers/4/month", "must be a whole number"},
    {"negative-seed.roiwb", "/settings/monteCarlo/seed", "must be >= 0"},
    {"discount-rate-too-high.roiwb", "/settings/discountRate", "must be <= 1"},
    {"adoption-above-one.roiwb", "/useCases/0/ramp/steadyAdoption", "must be <= 1"},
    {"volume-1e300.roiwb", "/useCases/0/baseline/volume", "must be <= 1e+13"},
    // Beyond the limits.
    {"deep-nesting.roiwb", "", "nesting deeper than 32 levels at byte "},
    {"too-many-use-cases.roiwb", "/useCases", "has 1001 entries; at most 1000 are allowed"},
    {"too-many-layers.roiwb", "/useCases/0/costLayers", "has 201 entries; at most 200 are allowed"},
    {"too-many-drivers.roiwb", "/useCases/0/valueDrivers",
     "has 201 entries; at most 200 are allowed"},
    {"too-many-prices.roiwb", "/priceBook", "has 1001 entries; at most 1000 are allowed"},
    {"too-many-adjustments.roiwb", "/scenarios/1/adjustments",
     "has 1001 entries; at most 1000 are allowed"},
    {"description-too-long.roiwb", "/useCases/0/description",
     "is 10001 characters long; at most 10000 are allowed"},
    {"name-too-long.roiwb", "/useCases/0/name", "is 201 characters long; at most 200"},
    {"too-many-problems.roiwb", "", "too many problems; the rest are not listed"},
    // Duplicates.
    {"duplicate-use-case-names.roiwb", "/useCases/1/name",
     "duplicate name 'Case'; names must be unique"},
    {"duplicate-layer-names.roiwb", "/useCases/0/costLayers/1/name",
     "duplicate name 'Model tokens'"},
    {"duplicate-driver-names.roiwb", "/useCases/0/valueDrivers/1/name", "duplicate name 'Labor'"},
    {"duplicate-price-models.roiwb", "/priceBook/1/model", "duplicate name 'm'"},
    {"duplicate-scenario-names.roiwb", "/scenarios/2/name", "duplicate name 'Best'"},
    // Unknown enum values.
    {"unknown-layer-type.roiwb", "/useCases/0/costLayers/0/type",
     "must be one of tokenUsage, fixedMonthly, staff, humanReview, perUnit, oneTime"},
    {"enum-wrong-case.roiwb", "/useCases/0/costLayers/0/type", "must be one of tokenUsage"},
    {"unknown-category.roiwb", "/useCases/0/costLayers/1/category",
     "must be one of modelTokens, infrastructure, integration, dataGovernance, training, "
     "humanReview, other"},
    {"unknown-driver-kind.roiwb", "/useCases/0/valueDrivers/0/kind",
     "must be one of laborReclaimed, addedCapacity, revenueUplift, retention, newRevenue, "
     "grossMarginGain, avoidedCost, softValue"},
    {"unknown-curve.roiwb", "/useCases/0/ramp/curve", "must be one of immediate, linear, sCurve"},
    {"unknown-op.roiwb", "/scenarios/1/adjustments/0/op", "must be one of multiply, set, add"},
    {"enum-is-number.roiwb", "/useCases/0/maturity",
     "must be one of readiness, productivity, decision, businessImpact"},
    // Missing required keys.
    {"missing-use-cases.roiwb", "/useCases", "is missing"},
    {"missing-layer-name.roiwb", "/useCases/0/costLayers/0/name", "is missing"},
    {"missing-layer-type.roiwb", "/useCases/0/costLayers/1/type", "is missing"},
    {"missing-driver-kind.roiwb", "/useCases/0/valueDrivers/0/kind", "is missing"},
    {"missing-ramp.roiwb", "/useCases/0/ramp", "is missing"},
    {"missing-go-live.roiwb", "/useCases/0/ramp/goLive", "is missing"},
    {"missing-use-case-name.roiwb", "/useCases/0/name", "is missing"},
    {"missing-metric-name.roiwb", "/useCases/0/scorecard/0/name", "is missing"},
    {"missing-price-model.roiwb", "/priceBook/0/model", "is missing"},
    {"missing-adjustment-input.roiwb", "/scenarios/1/adjustments/0/input", "is missing"},
    {"empty-use-case-name.roiwb", "/useCases/0/name", "must not be empty"},
    // Dates.
    {"date-february-30.roiwb", "/useCases/0/baseline/capturedOn",
     "must be a date YYYY-MM-DD or \"\""},
    {"date-day-first.roiwb", "/useCases/0/baseline/capturedOn",
     "must be a date YYYY-MM-DD or \"\""},
    {"date-not-leap-year.roiwb", "/priceBook/0/asOf", "must be a date YYYY-MM-DD or \"\""},
    {"date-with-time.roiwb", "/useCases/0/baseline/capturedOn",
     "must be a date YYYY-MM-DD or \"\""},
    {"month-13.roiwb", "/settings/startMonth", "must be a month YYYY-MM"},
    {"month-in-words.roiwb", "/useCases/0/ramp/goLive", "must be a month YYYY-MM"},
    {"month-before-1900.roiwb", "/settings/startMonth", "must be a month YYYY-MM"},
    // Other rules.
    {"currency-lower-case.roiwb", "/settings/currency",
     "must be a three-letter ISO 4217 code such as USD"},
    {"currency-symbol.roiwb", "/settings/currency", "must be a three-letter ISO 4217 code"},
    {"logo-not-base64.roiwb", "/settings/logoPng", "must be base64-encoded PNG data"},
    {"bad-named-input.roiwb", "/scenarios/1/adjustments/0/input",
     "is not a named input: unknown field 'volumen' in baseline"},
    {"named-input-without-selector.roiwb", "/scenarios/1/adjustments/0/input",
     "is not a named input: layers needs a selector"},
    {"adjustment-names-missing-use-case.roiwb", "/scenarios/1/adjustments/0/useCase",
     "names no use case ('Nope')"},
};

/// Files that are read, with a warning about what was recovered.
static const Expectation kWarningFiles[] = {
    {"warning-unknown-keys.roiwb", "/colour", "unknown key, ignored"},
    {"warning-missing-scenarios.roiwb", "/scenarios",
     "scenario 'Base' was missing; the default one was added"},
    {"warning-missing-worst.roiwb", "/scenarios",
     "scenario 'Worst' was missing; the default one was added"},
    {"warning-soft-driver-marked-hard.roiwb", "/useCases/0/valueDrivers/1/hard",
     "a soft-value driver is never hard; read as soft"},
};

static void addRows(std::span<const Expectation> table)
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("path"); // JSON pointer of the diagnostic, "" for the whole file
    QTest::addColumn<QString>("message");
    for (const Expectation &e : table) {
        QTest::newRow(e.file) << QString::fromUtf8(e.file) << QString::fromUtf8(e.path)
                              << QString::fromUtf8(e.message);
    }
}

void TestWorkbookFile::badFiles_data()
{
    addRows(kBadFiles);
}

void TestWorkbookFile::badFiles()
{
    QFETCH(QString, file);
    QFETCH(QString, path);
    QFETCH(QString, message);
    const std::string bytes = readText(dataPath("bad/" + file.toStdString()));
    QVERIFY2(!bytes.empty() || file == QLatin1String("empty.roiwb"), "missing test file");
    const LoadResult r = readWorkbook(bytes);
    QVERIFY2(!r.ok(), "a bad file was accepted");
    QVERIFY(!r.workbook);
    const auto errors = r.errors();
    QVERIFY(!errors.empty());
    bool found = false;
    for (const Diagnostic &d : errors) {
        found = found
                || (QString::fromStdString(d.path) == path
                    && QString::fromStdString(d.message).contains(message));
    }
    QVERIFY2(found, ("expected '" + path.toStdString() + ": " + message.toStdString() + "', got:\n"
                     + describe(r.diagnostics))
                        .c_str());
    // Every diagnostic can be shown and written as JSON, and their number is bounded.
    for (const Diagnostic &d : r.diagnostics) {
        QVERIFY2(validUtf8(d.message), d.message.c_str());
        QVERIFY(validUtf8(d.path));
        QVERIFY(d.path.empty() || d.path.front() == '/');
    }
    QVERIFY(r.diagnostics.size() <= limits::kMaxDiagnostics + 1);
}

void TestWorkbookFile::warningFiles_data()
{
    addRows(kWarningFiles);
}

void TestWorkbookFile::warningFiles()
{
    QFETCH(QString, file);
    QFETCH(QString, path);
    QFETCH(QString, message);
    const LoadResult r = readWorkbook(readText(dataPath("bad/" + file.toStdString())));
    QVERIFY2(r.ok(), describe(r.diagnostics).c_str());
    QVERIFY(r.errors().empty());
    bool found = false;
    for (const Diagnostic &d : r.diagnostics) {
        QCOMPARE(d.severity, Severity::Warning);
        found = found
                || (QString::fromStdString(d.path) == path
                    && QString::fromStdString(d.message).contains(message));
    }
    QVERIFY2(found, describe(r.diagnostics).c_str());
    // What was recovered is a valid workbook: Base, Best and Worst first, soft drivers soft.
    const Workbook &wb = *r.workbook;
    QVERIFY(wb.scenarios.size() >= 3);
    QCOMPARE(wb.scenarios[0].name, std::string("Base"));
    QCOMPARE(wb.scenarios[1].name, std::string("Best"));
    QCOMPARE(wb.scenarios[2].name, std::string("Worst"));
    for (const auto &d : wb.useCases[0].drivers)
        QVERIFY(!(d.kind == DriverKind::SoftValue && d.hard));
    // And it saves and reads back without any diagnostic.
    const LoadResult again = readWorkbook(writeWorkbook(wb).text);
    QVERIFY(again.ok());
    QVERIFY2(again.diagnostics.empty(), describe(again.diagnostics).c_str());
}

void TestWorkbookFile::everyBadFileIsListed()
{
    // A file added to tests/data/bad without an expectation would test nothing.
    const QDir dir(QString::fromUtf8(ROI_SOURCE_DIR) + QStringLiteral("/tests/data/bad"));
    const QStringList files = dir.entryList({QStringLiteral("*.roiwb")}, QDir::Files);
    QVERIFY(files.size() >= 25);
    QStringList listed;
    for (const Expectation &e : kBadFiles)
        listed << QString::fromUtf8(e.file);
    for (const Expectation &e : kWarningFiles)
        listed << QString::fromUtf8(e.file);
    for (const QString &f : files)
        QVERIFY2(listed.contains(f), qPrintable(f));
    QCOMPARE(files.size(), listed.size());
    QCOMPARE(listed.removeDuplicates(), qsizetype(0));
}

void TestWorkbookFile::oversizeFile()
{
    // 16 MiB + 1 byte of otherwise valid JSON (a long run of spaces) is refused unparsed.
    std::string bytes = readText(dataPath("good/minimal.roiwb"));
    bytes.resize(limits::kMaxFileBytes + 1, ' ');
    const LoadResult r = readWorkbook(bytes);
    QVERIFY(!r.ok());
    QCOMPARE(r.diagnostics.size(), std::size_t(1));
    QCOMPARE(r.diagnostics[0].path, std::string());
    QCOMPARE(r.diagnostics[0].message,
             std::string("the file is 16777217 bytes; files are limited to 16 MiB"));
    // Exactly at the limit it is read.
    bytes.resize(limits::kMaxFileBytes);
    QVERIFY(readWorkbook(bytes).ok());
}

void TestWorkbookFile::duplicateKeysLastWins()
{
    // nlohmann keeps the last of duplicate keys; the reader does the same, silently.
    std::string bytes = readText(dataPath("good/minimal.roiwb"));
    const std::string from = "\"volume\": 1000";
    const auto at = bytes.find(from);
    QVERIFY(at != std::string::npos);
    bytes.replace(at, from.size(), "\"volume\": 1000, \"volume\": 2000");
    const LoadResult r = readWorkbook(bytes);
    QVERIFY(r.ok());
    QCOMPARE_EQ(r.workbook->useCases[0].baseline.volume, 2000.0);
}

void TestWorkbookFile::tooManyProblemsAreCapped()
{
    // 150 layers with two errors each: 300 problems, 200 listed and a last line saying so.
    const LoadResult r = readWorkbook(readText(dataPath("bad/too-many-problems.roiwb")));
    QCOMPARE(r.diagnostics.size(), limits::kMaxDiagnostics + 1);
    QCOMPARE(r.diagnostics.back().message,
             std::string("too many problems; the rest are not listed"));
    QCOMPARE(r.diagnostics[0].path, std::string("/useCases/0/costLayers/0/name"));
    QCOMPARE(r.diagnostics[1].path, std::string("/useCases/0/costLayers/0/amount"));
}

void TestWorkbookFile::truncatedAtEveryByte()
{
    // A file cut anywhere (a crash while copying, a full disk) is refused, never a crash; only
    // the whole file (with or without its final newline) is read.
    const std::string bytes = readText(dataPath("good/minimal.roiwb"));
    QVERIFY(bytes.size() > 1000);
    for (std::size_t n = 0; n + 1 < bytes.size(); ++n) {
        const LoadResult r = readWorkbook(std::string_view(bytes).substr(0, n));
        if (r.ok())
            QFAIL(("accepted a file cut at byte " + std::to_string(n)).c_str());
        QVERIFY(!r.diagnostics.empty());
    }
    QVERIFY(readWorkbook(std::string_view(bytes).substr(0, bytes.size() - 1)).ok());
    // Each byte in turn replaced by a NUL, a quote, a brace or a digit: never a crash, and
    // whatever is accepted saves again and reads back the same (a file that opens but cannot
    // be saved would trap the user's edits).
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        for (char c : {'\0', '"', '{', '9'}) {
            std::string broken = bytes;
            broken[i] = c;
            const LoadResult r = readWorkbook(broken);
            if (!r.ok())
                continue;
            const SaveResult saved = writeWorkbook(*r.workbook);
            QVERIFY2(saved.ok(),
                     ("byte " + std::to_string(i) + ": " + describe(saved.errors)).c_str());
            const LoadResult again = readWorkbook(saved.text);
            QVERIFY(again.ok());
            QVERIFY2(*again.workbook == *r.workbook, ("byte " + std::to_string(i)).c_str());
        }
    }
}

// -------------------------------------------------------------------------------------------
// Writing

void TestWorkbookFile::writeRefusesNonFinite_data()
{
    QTest::addColumn<Mutator>("mutate");
    QTest::addColumn<QString>("path");
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    QTest::newRow("NaN volume") << Mutator([=](Workbook &wb) {
        wb.useCases[0].baseline.volume = nan;
    }) << QStringLiteral("/useCases/0/baseline/volume");
    QTest::newRow("infinite price") << Mutator([=](Workbook &wb) { wb.priceBook[0].input = inf; })
                                    << QStringLiteral("/priceBook/0/input");
    QTest::newRow("minus infinite discount rate")
        << Mutator([=](Workbook &wb) { wb.settings.discountRate = -inf; })
        << QStringLiteral("/settings/discountRate");
    QTest::newRow("NaN adjustment")
        << Mutator([=](Workbook &wb) { wb.scenarios[1].adjustments[0].value = nan; })
        << QStringLiteral("/scenarios/1/adjustments/0/value");
    QTest::newRow("NaN review share")
        << Mutator([=](Workbook &wb) { wb.useCases[0].layers[3].share = nan; })
        << QStringLiteral("/useCases/0/costLayers/3/share");
    // A field the layer's type does not use is still written, so still checked.
    QTest::newRow("NaN in an unused field")
        << Mutator([=](Workbook &wb) { wb.useCases[0].layers[1].share = nan; })
        << QStringLiteral("/useCases/0/costLayers/1/share");
    QTest::newRow("infinite driver value")
        << Mutator([=](Workbook &wb) { wb.useCases[0].drivers[0].minutesWithAi = inf; })
        << QStringLiteral("/useCases/0/valueDrivers/0/minutesWithAi");
    QTest::newRow("NaN haircut") << Mutator([=](Workbook &wb) {
        wb.useCases[0].risk.hallucination = nan;
    }) << QStringLiteral("/useCases/0/risk/hallucination");
    QTest::newRow("NaN ramp") << Mutator([=](Workbook &wb) {
        wb.useCases[0].ramp.volumeGrowth = nan;
    }) << QStringLiteral("/useCases/0/ramp/volumeGrowth");
    QTest::newRow("NaN outcome") << Mutator([=](Workbook &wb) {
        wb.useCases[0].outcome.perUnit = nan;
    }) << QStringLiteral("/useCases/0/outcome/perUnit");
    QTest::newRow("NaN scorecard actual") << Mutator([=](Workbook &wb) {
        wb.useCases[0].scorecard = {{ScorecardBucket::Cost, "Cost", "USD", 1, 2, nan}};
    }) << QStringLiteral("/useCases/0/scorecard/0/actual");
    QTest::newRow("infinite scorecard target") << Mutator([=](Workbook &wb) {
        wb.useCases[0].scorecard = {{ScorecardBucket::Cost, "Cost", "USD", 1, inf, {}}};
    }) << QStringLiteral("/useCases/0/scorecard/0/target");
}

void TestWorkbookFile::writeRefusesNonFinite()
{
    QFETCH(Mutator, mutate);
    QFETCH(QString, path);
    const auto loaded = readWorkbook(readText(dataPath("good/minimal.roiwb")));
    QVERIFY(loaded.ok());
    Workbook wb = *loaded.workbook;
    QVERIFY(writeWorkbook(wb).ok());
    mutate(wb);
    const SaveResult r = writeWorkbook(wb);
    QVERIFY(!r.ok());
    QVERIFY(r.text.empty()); // nothing to write over a good file with
    bool found = false;
    for (const Diagnostic &d : r.errors) {
        found = found
                || (QString::fromStdString(d.path) == path
                    && d.message.find("must be a finite number") != std::string::npos);
    }
    QVERIFY2(found, describe(r.errors).c_str());
}

void TestWorkbookFile::writeRefusesInvalid_data()
{
    QTest::addColumn<Mutator>("mutate");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("message");
    QTest::newRow("duplicate use case")
        << Mutator([](Workbook &wb) { wb.useCases.push_back(wb.useCases[0]); })
        << QStringLiteral("/useCases/1/name") << QStringLiteral("duplicate name");
    QTest::newRow("duplicate model")
        << Mutator([](Workbook &wb) { wb.priceBook.push_back(wb.priceBook[0]); })
        << QStringLiteral("/priceBook/1/model") << QStringLiteral("duplicate name");
    QTest::newRow("share above 1")
        << Mutator([](Workbook &wb) { wb.useCases[0].layers[3].share = 2; })
        << QStringLiteral("/useCases/0/costLayers/3/share") << QStringLiteral("must be <= 1");
    QTest::newRow("empty layer name")
        << Mutator([](Workbook &wb) { wb.useCases[0].layers[0].name.clear(); })
        << QStringLiteral("/useCases/0/costLayers/0/name") << QStringLiteral("must not be empty");
    QTest::newRow("horizon 0") << Mutator([](Workbook &wb) { wb.settings.horizonMonths = 0; })
                               << QStringLiteral("/settings/horizonMonths")
                               << QStringLiteral("must be >= 1");
    QTest::newRow("bad named input")
        << Mutator([](Workbook &wb) { wb.scenarios[1].adjustments[0].input = "ramp.speed"; })
        << QStringLiteral("/scenarios/1/adjustments/0/input")
        << QStringLiteral("unknown field 'speed' in ramp");
    QTest::newRow("adjustment for a missing use case")
        << Mutator([](Workbook &wb) { wb.scenarios[1].adjustments[0].useCase = "Gone"; })
        << QStringLiteral("/scenarios/1/adjustments/0/useCase")
        << QStringLiteral("names no use case");
    QTest::newRow("lower-case currency")
        << Mutator([](Workbook &wb) { wb.settings.currency = "eur"; })
        << QStringLiteral("/settings/currency") << QStringLiteral("ISO 4217");
}

void TestWorkbookFile::writeRefusesInvalid()
{
    QFETCH(Mutator, mutate);
    QFETCH(QString, path);
    QFETCH(QString, message);
    Workbook wb = *readWorkbook(readText(dataPath("good/minimal.roiwb"))).workbook;
    mutate(wb);
    const SaveResult r = writeWorkbook(wb);
    QVERIFY(!r.ok());
    QVERIFY(r.text.empty());
    bool found = false;
    for (const Diagnostic &d : r.errors) {
        found = found
                || (QString::fromStdString(d.path) == path
                    && QString::fromStdString(d.message).contains(message));
    }
    QVERIFY2(found, describe(r.errors).c_str());
    // validateWorkbook reports the same problem without writing.
    found = false;
    for (const Diagnostic &d : roi::validateWorkbook(wb))
        found = found || QString::fromStdString(d.path) == path;
    QVERIFY(found);
}

void TestWorkbookFile::validateWorkbook()
{
    for (const char *file : {"support-assistant.roiwb", "portfolio.roiwb"}) {
        const auto wb = roitest::loadExample(file);
        QVERIFY(wb);
        QVERIFY2(roi::validateWorkbook(*wb).empty(), file);
    }
    // A new workbook with a new use case is valid as it stands.
    Workbook fresh = newWorkbook();
    fresh.useCases.push_back(newUseCase("New", {2026, 1}));
    QVERIFY2(roi::validateWorkbook(fresh).empty(), describe(roi::validateWorkbook(fresh)).c_str());
    QVERIFY(writeWorkbook(fresh).ok());
}

void TestWorkbookFile::diagnosticText()
{
    QCOMPARE(Diagnostic({Severity::Error, "/useCases/0/name", "must not be empty"}).toString(),
             std::string("/useCases/0/name: must not be empty"));
    QCOMPARE(Diagnostic({Severity::Error, "", "the file is empty"}).toString(),
             std::string("(file): the file is empty"));
    QCOMPARE(Diagnostic({Severity::Warning, "/colour", "unknown key, ignored"}).toString(),
             std::string("/colour: warning: unknown key, ignored"));
    // JSON pointer escaping of keys: "~" is "~0" and "/" is "~1".
    std::string bytes = readText(dataPath("good/minimal.roiwb"));
    bytes.insert(bytes.find('{') + 1, "\"a/b~c\": 1,");
    const LoadResult r = readWorkbook(bytes);
    QVERIFY(r.ok());
    QCOMPARE(r.diagnostics.size(), std::size_t(1));
    QCOMPARE(r.diagnostics[0].path, std::string("/a~1b~0c"));
}

void TestWorkbookFile::defaultPriceBook()
{
    // The price book that ships in resources/: every entry valid and dated, the models the
    // examples use among them, and a round trip that loses nothing.
    const PriceBookResult r =
        readPriceBook(roitest::readText(std::string(ROI_SOURCE_DIR) + "/resources/pricebook.json"));
    QVERIFY2(r.ok(), r.diagnostics.empty() ? "" : r.diagnostics[0].toString().c_str());
    QVERIFY(r.diagnostics.empty());
    QVERIFY(r.prices->size() >= 2);
    const auto examples = roitest::loadExample("portfolio.roiwb");
    QVERIFY(examples);
    for (const PriceEntry &used : examples->priceBook) {
        const auto it = std::find_if(r.prices->begin(), r.prices->end(),
                                     [&](const PriceEntry &p) { return p.model == used.model; });
        QVERIFY2(it != r.prices->end(), used.model.c_str());
        QCOMPARE(*it, used);
    }
    for (const PriceEntry &p : *r.prices) {
        QVERIFY(!p.asOf.isNull());
        QVERIFY(p.output >= p.input && p.cachedInput <= p.input);
    }
    const PriceBookResult again = readPriceBook(writePriceBook(*r.prices));
    QVERIFY(again.ok());
    QCOMPARE(*again.prices, *r.prices);
}

void TestWorkbookFile::badPriceBook_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::newRow("a workbook") << QString::fromStdString(
        roitest::readText(roitest::examplePath("support-assistant.roiwb")))
                                << "/format: must be \"roi-workbench-pricebook\": this is not a "
                                   "ROI Workbench price book";
    QTest::newRow("newer version")
        << R"({"format":"roi-workbench-pricebook","version":2,"priceBook":[]})"
        << "/version: the file is format version 2, written by a newer ROI Workbench";
    QTest::newRow("no entries") << R"({"format":"roi-workbench-pricebook","version":1})"
                                << "/priceBook: is missing";
    QTest::newRow("negative price")
        << R"({"format":"roi-workbench-pricebook","version":1,"priceBook":[)"
           R"({"model":"m","input":-1,"output":1,"cachedInput":0,"asOf":"2026-01-01"}]})"
        << "/priceBook/0/input: must be >= 0";
    QTest::newRow("duplicate model")
        << R"({"format":"roi-workbench-pricebook","version":1,"priceBook":[)"
           R"({"model":"m","input":1,"output":1,"cachedInput":0,"asOf":"2026-01-01"},)"
           R"({"model":"m","input":1,"output":1,"cachedInput":0,"asOf":"2026-01-01"}]})"
        << "/priceBook/1/model";
    QTest::newRow("not JSON") << "{\"format\": "
                              << "not valid JSON at byte";
    QTest::newRow("empty") << ""
                           << "the file is empty";
}

void TestWorkbookFile::badPriceBook()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    const PriceBookResult r = readPriceBook(text.toStdString());
    QVERIFY(!r.ok());
    QVERIFY(!r.diagnostics.empty());
    bool found = false;
    for (const Diagnostic &d : r.diagnostics)
        found = found || QString::fromStdString(d.toString()).contains(expected);
    QVERIFY2(found, r.diagnostics[0].toString().c_str());
}

QTEST_APPLESS_MAIN(TestWorkbookFile)
#include "tst_workbookfile.moc"
