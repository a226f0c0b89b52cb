// The uncertainty set-up in the .roiwb file (format version 2; its scenario, version 4):
// migration from stored version 1 and version 3 files, round trips of every distribution kind, and
// bad input refused with the JSON path that names where.
#include "analytics/montecarlo.h"
#include "analytics/uncertaintyjson.h"
#include "inputs.h"
#include "testutil.h"

#include <QTest>

#include <nlohmann/json.hpp>

using namespace roi;
using Json = nlohmann::json;

namespace {

std::string migrationFile(const char *name)
{
    return std::string(ROI_SOURCE_DIR) + "/tests/data/migration/" + name;
}

Workbook withSetup()
{
    auto wb = roitest::loadExample("support-assistant.roiwb");
    const std::string uc = wb->useCases[0].name;
    std::string model;
    for (const auto &l : wb->useCases[0].layers)
        if (l.type == LayerType::TokenUsage)
            model = l.model;
    UncertaintySetup &s = wb->uncertainty;
    s.sampling = SamplingMethod::Random;
    UncertainInput a{"ramp.steadyAdoption", uc, {}};
    a.distribution = {DistributionKind::Pert, 0.4, 0.6, 0.75, 0, 0, 0, 0};
    UncertainInput b{"baseline.volume", {}, {}};
    b.distribution = {DistributionKind::Triangular, 30000, 50000, 60000, 0, 0, 0, 0};
    UncertainInput c{priceInput(model, "output"), {}, {}};
    c.distribution = {DistributionKind::Uniform, 8, 0, 12.5, 0, 0, 0, 0};
    UncertainInput d{"settings.discountRate", {}, {}};
    d.distribution = {DistributionKind::Normal, 0, 0, 0, 0.1, 0.02, 0, 0};
    UncertainInput e{"baseline.hourlyRate", uc, {}};
    e.distribution = {DistributionKind::LogNormal, 0, 0, 0, 0, 0, 30, 45};
    s.inputs = {a, b, c, d, e};
    s.correlations = {{0, 1, 0.5}, {2, 4, -0.25}};
    s.scenario = "Worst";
    return *wb;
}

} // namespace

class TestUncertaintyFile : public QObject
{
    Q_OBJECT

private slots:
    void migratesVersion1();
    void migratesAnalysisScenarioToV4();
    void roundTrip();
    void badInput_data();
    void badInput();
    void writerRefusesInvalidSetup();
};

void TestUncertaintyFile::migratesVersion1()
{
    // A version 1 file (the support example as it shipped) has no "uncertainty": it reads with
    // the default set-up and saves as version 2 with the set-up written out.
    const std::string bytes = roitest::readText(migrationFile("v1-support-assistant.roiwb"));
    QVERIFY(!bytes.empty());
    QCOMPARE(Json::parse(bytes).at("version").get<int>(), 1);
    const LoadResult r = readWorkbook(bytes);
    QVERIFY(r.ok());
    for (const auto &d : r.diagnostics)
        QVERIFY2(d.severity != Severity::Warning, d.toString().c_str());
    QCOMPARE(r.workbook->uncertainty, UncertaintySetup{});
    QCOMPARE(r.workbook->useCases.size(), std::size_t(1));
    const SaveResult saved = writeWorkbook(*r.workbook);
    QVERIFY(saved.ok());
    const Json j = Json::parse(saved.text);
    QCOMPARE(j.at("version").get<int>(), kFormatVersion);
    QCOMPARE(j.at("uncertainty").at("sampling").get<std::string>(), std::string("lhs"));
    QVERIFY(j.at("uncertainty").at("inputs").empty());
    const LoadResult again = readWorkbook(saved.text);
    QVERIFY(again.ok());
    QCOMPARE(*again.workbook, *r.workbook);
}

void TestUncertaintyFile::migratesAnalysisScenarioToV4()
{
    // A version 3 file (the support example with a set-up of its own) has no analysis
    // scenario: it reads without a warning, simulates Base as the version 3 program did, and
    // saves as version 4 without the key until one is chosen.
    const std::string bytes =
        roitest::readText(migrationFile("v3-analysis-scenario-support.roiwb"));
    QVERIFY(!bytes.empty());
    QCOMPARE(Json::parse(bytes).at("version").get<int>(), 3);
    const LoadResult r = readWorkbook(bytes);
    QVERIFY(r.ok());
    for (const auto &d : r.diagnostics)
        QVERIFY2(d.severity != Severity::Warning, d.toString().c_str());
    QCOMPARE(r.workbook->uncertainty.scenario, std::string());
    QCOMPARE(r.workbook->uncertainty.inputs.size(), std::size_t(1));
    QCOMPARE(MonteCarloOptions::fromWorkbook(*r.workbook).scenario, std::string("Base"));
    SaveResult saved = writeWorkbook(*r.workbook);
    QVERIFY(saved.ok());
    QCOMPARE(Json::parse(saved.text).at("version").get<int>(), 4);
    QVERIFY(!Json::parse(saved.text).at("uncertainty").contains("scenario"));
    // Chosen: stored, read back, and the run option's default.
    Workbook worst = *r.workbook;
    worst.uncertainty.scenario = "Worst";
    saved = writeWorkbook(worst);
    QVERIFY(saved.ok());
    QCOMPARE(Json::parse(saved.text).at("uncertainty").at("scenario").get<std::string>(),
             std::string("Worst"));
    const LoadResult back = readWorkbook(saved.text);
    QVERIFY(back.ok());
    QCOMPARE(*back.workbook, worst);
    QCOMPARE(MonteCarloOptions::fromWorkbook(*back.workbook).scenario, std::string("Worst"));
    // The key in a version 3 file was unknown to its reader: reported so, and not used.
    Json v3 = Json::parse(bytes);
    v3["uncertainty"]["scenario"] = "Worst";
    const LoadResult stray = readWorkbook(v3.dump());
    QVERIFY(stray.ok());
    QCOMPARE(stray.workbook->uncertainty.scenario, std::string());
    QStringList warnings;
    for (const auto &d : stray.diagnostics)
        if (d.severity == Severity::Warning)
            warnings << QString::fromStdString(d.toString());
    QVERIFY2(
        warnings.contains(QStringLiteral("/uncertainty/scenario: warning: unknown key, ignored")),
        qPrintable(warnings.join(QLatin1Char('\n'))));
}

void TestUncertaintyFile::roundTrip()
{
    const Workbook wb = withSetup();
    const SaveResult saved = writeWorkbook(wb);
    for (const auto &e : saved.errors)
        qWarning("%s", e.toString().c_str());
    QVERIFY(saved.ok());
    const LoadResult back = readWorkbook(saved.text);
    QVERIFY(back.ok());
    QCOMPARE(back.workbook->uncertainty, wb.uncertainty);
    QCOMPARE(*back.workbook, wb);
    // Only the parameters of the kind are written.
    const Json in = Json::parse(saved.text).at("uncertainty").at("inputs");
    QVERIFY(in[0].contains("mode") && !in[0].contains("sd"));
    QVERIFY(in[2].contains("min") && !in[2].contains("mode"));
    QVERIFY(in[3].contains("sd") && !in[3].contains("min"));
    QVERIFY(in[4].contains("p90") && !in[4].contains("mean"));
}

void TestUncertaintyFile::badInput_data()
{
    QTest::addColumn<QString>("pointer"); // JSON pointer to change
    QTest::addColumn<QString>("value");   // JSON text of the new value
    QTest::addColumn<QString>("message");
    QTest::newRow("correlation above 1")
        << "/uncertainty/correlations/0/rho"
        << "1.5"
        << "/uncertainty/correlations/0/rho: must be between -1 and 1";
    QTest::newRow("correlation below -1")
        << "/uncertainty/correlations/1/rho"
        << "-1.01"
        << "/uncertainty/correlations/1/rho: must be between -1 and 1";
    QTest::newRow("min above max") << "/uncertainty/inputs/1/min"
                                   << "70000"
                                   << "/uncertainty/inputs/1/min: must be <= max";
    QTest::newRow("mode outside") << "/uncertainty/inputs/0/mode"
                                  << "0.9"
                                  << "/uncertainty/inputs/0/mode: must lie between min and max";
    QTest::newRow("names no input")
        << "/uncertainty/inputs/0/input"
        << R"("layers[\"Nope\"].share")"
        << R"(/uncertainty/inputs/0/input: 'layers["Nope"].share' names no input of use case 'Support assistant')";
    QTest::newRow("unknown field") << "/uncertainty/inputs/1/input"
                                   << R"("baseline.nothing")"
                                   << "/uncertainty/inputs/1/input: unknown field 'nothing' in "
                                      "baseline";
    QTest::newRow("no such use case") << "/uncertainty/inputs/0/useCase"
                                      << R"("Nobody")"
                                      << "/uncertainty/inputs/0/useCase: names no use case of "
                                         "the workbook";
    QTest::newRow("unknown kind") << "/uncertainty/inputs/0/distribution"
                                  << R"("beta")"
                                  << "/uncertainty/inputs/0/distribution: must be one of pert, "
                                     "triangular, uniform, normal, lognormal";
    QTest::newRow("sd negative") << "/uncertainty/inputs/3/sd"
                                 << "-0.1"
                                 << "/uncertainty/inputs/3/sd: must be > 0";
    QTest::newRow("correlation of a missing input")
        << "/uncertainty/correlations/0/b"
        << "7"
        << "/uncertainty/correlations/0/b: names no uncertain input (there are 5)";
    QTest::newRow("self correlation") << "/uncertainty/correlations/0/b"
                                      << "0"
                                      << "/uncertainty/correlations/0/b: must differ from a";
    QTest::newRow("sampling unknown") << "/uncertainty/sampling"
                                      << R"("sobol")"
                                      << R"(/uncertainty/sampling: must be "lhs" or "random")";
    QTest::newRow("scenario unknown") << "/uncertainty/scenario"
                                      << R"("Nowhere")"
                                      << "/uncertainty/scenario: names no scenario of the workbook";
    QTest::newRow("scenario not a name") << "/uncertainty/scenario"
                                         << "7"
                                         << "/uncertainty/scenario: must be the name of a scenario";
    QTest::newRow("trials 0") << "/settings/monteCarlo/trials"
                              << "0"
                              << "/settings/monteCarlo/trials: must be >= 1";
    QTest::newRow("trials 1e9") << "/settings/monteCarlo/trials"
                                << "1000000000"
                                << "/settings/monteCarlo/trials: must be <= 1000000";
}

void TestUncertaintyFile::badInput()
{
    QFETCH(QString, pointer);
    QFETCH(QString, value);
    QFETCH(QString, message);
    Json j = Json::parse(writeWorkbook(withSetup()).text);
    j[Json::json_pointer(pointer.toStdString())] = Json::parse(value.toStdString());
    const LoadResult r = readWorkbook(j.dump());
    QVERIFY(!r.ok());
    QStringList errors;
    for (const auto &d : r.errors())
        errors << QString::fromStdString(d.toString());
    QVERIFY2(errors.contains(message), qPrintable(errors.join(QLatin1Char('\n'))));
}

void TestUncertaintyFile::writerRefusesInvalidSetup()
{
    // The writer checks the in-memory set-up as the reader would: nothing unreadable is saved.
    Workbook wb = withSetup();
    wb.uncertainty.correlations.push_back({0, 3, 2.0});
    const SaveResult saved = writeWorkbook(wb);
    QVERIFY(!saved.ok());
    QCOMPARE(QString::fromStdString(saved.errors.front().toString()),
             QStringLiteral("/uncertainty/correlations/2/rho: must be between -1 and 1"));
}

QTEST_APPLESS_MAIN(TestUncertaintyFile)
#include "tst_uncertaintyfile.moc"
