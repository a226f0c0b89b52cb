// The tornado and goal-seek commands (app/sensitivitycommands.h) through runCommandLine: the
// answers on the steady support assistant solved by hand in
// tests/model/analytics/sensitivitytestutil.h, the formats, the simulated-statistic hook and
// the exit codes.
#include "commandline.h"
#include "engine.h"
#include "inputs.h"
#include "montecarlostatistics.h"
#include "sensitivitycommands.h"

#include "analytics/tornado.h"
#include "workbookfile.h"

#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using Json = nlohmann::json;

namespace {

const std::string kSteady =
    std::string(ROI_SOURCE_DIR) + "/tests/data/sensitivity/steady-support.roiwb";

std::string example(const char *name)
{
    return std::string(ROI_SOURCE_DIR) + "/resources/examples/" + name;
}

struct Run
{
    int code = -1;
    std::string out;
    std::string err;
};

Run run(const std::vector<std::string> &args)
{
    std::ostringstream out;
    std::ostringstream err;
    Run r;
    r.code = roi::runCommandLine(args, out, err);
    r.out = out.str();
    r.err = err.str();
    return r;
}

bool contains(const std::string &text, const std::string &part)
{
    return text.find(part) != std::string::npos;
}

/// One use case over 12 months, no discounting, every unit handled from month 1: a fixed avoided
/// cost "Avoided" of 5,000 a month, a hosting layer "Hosting" of 2,000 a month, uncertain
/// uniformly on [1,000, 3,000]; 1,000 Latin Hypercube trials.
roi::Workbook affineUncertain()
{
    roi::Workbook wb;
    wb.settings.startMonth = {2026, 1};
    wb.settings.horizonMonths = 12;
    wb.settings.discountRate = 0;
    wb.settings.monteCarloTrials = 1000;
    wb.scenarios = {roi::Scenario{"Base", {}, {}}};
    roi::UseCase uc;
    uc.name = "Case";
    uc.baseline.volume = 1000;
    uc.ramp.goLive = {2026, 1};
    uc.ramp.curve = roi::RampCurve::Immediate;
    uc.ramp.rampMonths = 0;
    uc.ramp.steadyAdoption = 1;
    roi::CostLayer hosting;
    hosting.name = "Hosting";
    hosting.type = roi::LayerType::FixedMonthly;
    hosting.category = roi::CostCategory::Infrastructure;
    hosting.amount = 2000;
    uc.layers.push_back(hosting);
    roi::ValueDriver avoided;
    avoided.name = "Avoided";
    avoided.kind = roi::DriverKind::AvoidedCost;
    avoided.avoidedMode = roi::AvoidedMode::FixedMonthly;
    avoided.term = roi::NumeratorTerm::AvoidedCost;
    avoided.amount = 5000;
    uc.drivers.push_back(avoided);
    wb.useCases.push_back(uc);
    roi::UncertainInput h;
    h.input = roi::layerInput("Hosting", "amount");
    h.distribution.kind = roi::DistributionKind::Uniform;
    h.distribution.min = 1000;
    h.distribution.max = 3000;
    wb.uncertainty.inputs = {h};
    return wb;
}

/// Writes the workbook into `dir`; the path.
std::string save(const QTemporaryDir &dir, const roi::Workbook &wb)
{
    const std::string file = dir.filePath(QStringLiteral("case.roiwb")).toStdString();
    const roi::SaveResult saved = roi::writeWorkbook(wb);
    if (saved.ok())
        std::ofstream(file, std::ios::binary) << saved.text;
    return file;
}

} // namespace

class TestSensitivityCommands : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void goalSeekJson();
    void goalSeekText();
    void goalSeekUnreachable();
    void simulatedTarget();
    void p10NpvGoalSeek();
    void tornadoPercentileRange();
    void tornadoJson();
    void tornadoText();
    void tornadoCsv();
    void tornadoPortfolioRanked();
    void reportSection();
    void severalIrrs();
    void usageErrors_data();
    void usageErrors();
    void help();
};

void TestSensitivityCommands::goalSeekJson()
{
    // Break-even adoption: 50,000a × 8.36725 = 8,400 → a = 8,400 / 418,362.5.
    const Run r = run({"goal-seek", kSteady, "--input", "ramp.steadyAdoption", "--target", "roi=0",
                       "--format", "json"});
    QCOMPARE(r.code, int(roi::ExitOk));
    QCOMPARE(r.err, std::string());
    const Json j = Json::parse(r.out);
    QCOMPARE(j["reached"].get<bool>(), true);
    const double a = 8400.0 / 418362.5;
    QVERIFY(std::abs(j["value"].get<double>() - a) <= 1e-9 * a);
    QCOMPARE(j["stored"].get<double>(), 1.0);
    QCOMPARE(j["input"].get<std::string>(), std::string("ramp.steadyAdoption"));
    QCOMPARE(j["scenario"].get<std::string>(), std::string("Base"));
    QCOMPARE(j["meetsAbove"].get<bool>(), true);
    QVERIFY(std::abs(j["metric"].get<double>()) < 1e-6);
    // Break-even output price: $16,408.50 per million.
    const Run p = run({"goal-seek", kSteady, "-i", "prices[\"frontier-large\"].output", "-t",
                       "npv=0", "-f", "json"});
    QCOMPARE(p.code, int(roi::ExitOk));
    const Json pj = Json::parse(p.out);
    QVERIFY(std::abs(pj["value"].get<double>() - 16408.5) <= 1e-9 * 16408.5);
    QCOMPARE(pj["meetsAbove"].get<bool>(), false);
}

void TestSensitivityCommands::goalSeekText()
{
    const Run r =
        run({"goal-seek", kSteady, "--input", "ramp.steadyAdoption", "--target", "payback=6"});
    QCOMPARE(r.code, int(roi::ExitOk));
    // a = 13,400 / 418,362.5 = 3.2030%.
    QVERIFY2(contains(r.out, "Answer: 3.2030%"), r.out.c_str());
    QVERIFY2(contains(r.out, "holds for values above"), r.out.c_str());
}

void TestSensitivityCommands::goalSeekUnreachable()
{
    // ROI tops out at 4,084.3% at full adoption: 100,000% is not reachable; exit 0, an answer.
    const Run r = run({"goal-seek", kSteady, "--input", "ramp.steadyAdoption", "--target",
                       "roi=100000", "--format", "json"});
    QCOMPARE(r.code, int(roi::ExitOk));
    const Json j = Json::parse(r.out);
    QCOMPARE(j["reached"].get<bool>(), false);
    QCOMPARE(j["value"].get<double>(), 1.0);
    QCOMPARE(j["legalRange"]["max"].get<double>(), 1.0);
    const Run t =
        run({"goal-seek", kSteady, "--input", "ramp.steadyAdoption", "--target", "roi=100000"});
    QVERIFY2(contains(t.out, "Not reachable inside the legal range 0.0% to 100.0%"), t.out.c_str());
    QVERIFY2(contains(t.out, "Closest: 100.0000%"), t.out.c_str());
    // An input that moves nothing says so.
    const Run flat =
        run({"goal-seek", kSteady, "--input", "baseline.conversionRate", "--target", "npv=0"});
    QCOMPARE(flat.code, int(roi::ExitOk));
    QVERIFY2(contains(flat.out, "does not move"), flat.out.c_str());
}

void TestSensitivityCommands::simulatedTarget()
{
    roi::clearSimulatedStatistics();
    // Without the Monte Carlo analysis: a usage error that says what is missing.
    const Run none =
        run({"goal-seek", kSteady, "--input", "ramp.steadyAdoption", "--target", "p10-npv=0"});
    QCOMPARE(none.code, int(roi::ExitUsage));
    QVERIFY2(contains(none.err, "needs the Monte Carlo analysis"), none.err.c_str());
    // With a statistic registered (here a stand-in, 1,000,000 × (x − 0.25)), goal seek finds
    // where it is zero: x = 0.25.
    int calls = 0;
    roi::registerSimulatedStatistic("p10-npv", [&calls](const roi::Workbook &,
                                                        const roi::ProbeTarget &,
                                                        const roi::VariedInput &in, std::string &) {
        return std::function<double(double)>([&calls, field = in.path.field](double x) {
            ++calls;
            return field == "steadyAdoption" ? 1e6 * (x - 0.25) : 0.0;
        });
    });
    const Run r = run({"goal-seek", kSteady, "--input", "ramp.steadyAdoption", "--target",
                       "p10-npv=0", "--format", "json"});
    roi::clearSimulatedStatistics();
    QCOMPARE(r.code, int(roi::ExitOk));
    const Json j = Json::parse(r.out);
    QCOMPARE(j["reached"].get<bool>(), true);
    QVERIFY(std::abs(j["value"].get<double>() - 0.25) <= 1e-9 * 0.25);
    QVERIFY(calls > 2);
}

void TestSensitivityCommands::p10NpvGoalSeek()
{
    // One use case over 12 months, no discounting, every unit handled from month 1: a fixed
    // avoided cost A a month earns, a hosting layer H a month costs, H uniform on [1,000, 3,000].
    // The NPV is affine, c + kA·A + kH·H with kH < 0 (measured from the engine below; with nothing
    // else in the case it is 12·(A − H)), so its P10 sits at H's P90, 1,000 + 0.9 × 2,000 =
    // 2,800, and P10(NPV) = 0 at A* = −(c + kH × 2,800) / kA (= 2,800).
    const roi::Workbook wb = affineUncertain();

    const auto npvAt = [&wb](double a, double hostingAmount) {
        roi::Workbook w = wb;
        w.useCases[0].drivers[0].amount = a;
        w.useCases[0].layers[0].amount = hostingAmount;
        roi::ComputeOptions o;
        o.checks = false;
        return roi::compute(w, o).portfolio[0].kpis.npv;
    };
    const double c = npvAt(0, 0);
    const double kA = npvAt(1, 0) - c;
    const double kH = npvAt(0, 1) - c;
    QVERIFY(kA > 0 && kH < 0);
    const double expected = -(c + kH * 2800) / kA;
    // Latin Hypercube puts one of the 1,000 draws in each stratum of width 2: the sample P90
    // of H is within 2 of 2,800, so A is within 2·|kH / kA| of A*.
    const double tolerance = 2 * std::abs(kH / kA) + 1e-6 * expected;

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(roi::writeWorkbook(wb).ok());
    const std::string file = save(dir, wb);

    roi::clearSimulatedStatistics();
    roi::registerMonteCarloStatistics();
    const Run r = run({"goal-seek", file, "--input", roi::driverInput("Avoided", "amount"),
                       "--target", "p10-npv=0", "--format", "json"});
    roi::clearSimulatedStatistics();
    QVERIFY2(r.code == int(roi::ExitOk), r.err.c_str());
    const Json j = Json::parse(r.out);
    QCOMPARE(j["reached"].get<bool>(), true);
    const double value = j["value"].get<double>();
    QVERIFY2(std::abs(value - expected) <= tolerance,
             qPrintable(QStringLiteral("%1 vs %2 ± %3").arg(value).arg(expected).arg(tolerance)));
    // The same search on the plain NPV lands at H's stored 2,000 instead: the P10 asks for more.
    const Run plain = run({"goal-seek", file, "--input", roi::driverInput("Avoided", "amount"),
                           "--target", "npv=0", "--format", "json"});
    QCOMPARE(plain.code, int(roi::ExitOk));
    QVERIFY(Json::parse(plain.out)["value"].get<double>() < value - 700 * std::abs(kH / kA));
}

void TestSensitivityCommands::tornadoPercentileRange()
{
    // The affine case with a second uncertain input: Avoided uniform on [3,000, 7,000]. P10 and
    // P90 of a uniform [a, b] are a + 0.1 (b − a) and a + 0.9 (b − a): Hosting 1,200 and 2,800,
    // Avoided 3,400 and 6,600. With no discounting the NPV moves 12 per unit of either monthly
    // amount (measured below as kA and kH), so the swings are 3,200 kA and 1,600 |kH|: Avoided
    // first.
    roi::Workbook wb = affineUncertain();
    roi::UncertainInput a = wb.uncertainty.inputs[0];
    a.input = roi::driverInput("Avoided", "amount");
    a.distribution.min = 3000;
    a.distribution.max = 7000;
    wb.uncertainty.inputs.push_back(a);
    const auto npvAt = [&wb](double avoided, double hosting) {
        roi::Workbook w = wb;
        w.useCases[0].drivers[0].amount = avoided;
        w.useCases[0].layers[0].amount = hosting;
        roi::ComputeOptions o;
        o.checks = false;
        return roi::compute(w, o).portfolio[0].kpis.npv;
    };
    const double base = npvAt(5000, 2000);
    const double kA = npvAt(5001, 2000) - base;
    const double kH = npvAt(5000, 2001) - base;
    QVERIFY(kA > 0 && kH < 0);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(roi::writeWorkbook(wb).ok());
    const std::string file = save(dir, wb);
    // The workbook has an uncertainty set-up: p10-p90 is the default range.
    const Run r = run({"tornado", file, "--format", "json"});
    QVERIFY2(r.code == int(roi::ExitOk), r.err.c_str());
    const Json j = Json::parse(r.out);
    QCOMPARE(j["range"].get<std::string>(), std::string("p10-p90"));
    QCOMPARE(j["bars"].size(), std::size_t(2));
    const Json &first = j["bars"][0];
    const Json &second = j["bars"][1];
    QCOMPARE(first["input"].get<std::string>(), roi::driverInput("Avoided", "amount"));
    QVERIFY(std::abs(first["low"].get<double>() - 3400) < 1e-6);
    QVERIFY(std::abs(first["high"].get<double>() - 6600) < 1e-6);
    QVERIFY(std::abs(first["swing"].get<double>() - 3200 * kA) < 1e-6 * base);
    QCOMPARE(second["input"].get<std::string>(), roi::layerInput("Hosting", "amount"));
    QVERIFY(std::abs(second["low"].get<double>() - 1200) < 1e-6);
    QVERIFY(std::abs(second["high"].get<double>() - 2800) < 1e-6);
    QVERIFY(std::abs(second["atLow"].get<double>() - (base - 800 * kH)) < 1e-6 * base);
    QVERIFY(std::abs(second["swing"].get<double>() + 1600 * kH) < 1e-6 * base);
    // Asked for by name, the same; the text names the P10 and P90.
    const Run t = run({"tornado", file, "--range", "p10-p90"});
    QCOMPARE(t.code, int(roi::ExitOk));
    QVERIFY2(contains(t.out, "the P10 and P90 of its uncertainty distribution"), t.out.c_str());
    // Asked for, worst-best is used instead of the default.
    const Run w = run({"tornado", file, "--range", "worst-best", "--format", "json"});
    QCOMPARE(w.code, int(roi::ExitOk));
    QCOMPARE(Json::parse(w.out)["range"].get<std::string>(), std::string("worst-best"));
}

void TestSensitivityCommands::tornadoJson()
{
    // Worst/Best of the steady support (solved in tst_tornado): minutes with AI swing
    // 1,620,000, volume 1,506,105.
    const Run r = run({"tornado", kSteady, "--format", "json"});
    QCOMPARE(r.code, int(roi::ExitOk));
    const Json j = Json::parse(r.out);
    QCOMPARE(j["metric"].get<std::string>(), std::string("npv"));
    QCOMPARE(j["range"].get<std::string>(), std::string("worst-best"));
    QVERIFY(std::abs(j["base"].get<double>() - 4919550) < 1e-6);
    QCOMPARE(j["bars"].size(), std::size_t(2));
    QCOMPARE(j["bars"][0]["input"].get<std::string>(),
             std::string("drivers[\"Agent time reclaimed\"].minutesWithAi"));
    QVERIFY(std::abs(j["bars"][0]["swing"].get<double>() - 1620000) < 1e-6);
    QCOMPARE(j["bars"][1]["input"].get<std::string>(), std::string("baseline.volume"));
    QVERIFY(std::abs(j["bars"][1]["atLow"].get<double>() - 3915480) < 1e-6);
    // ±20% on ROI.
    const Run p = run({"tornado", kSteady, "--range", "pct=20", "--metric", "roi", "-f", "json"});
    QCOMPARE(p.code, int(roi::ExitOk));
    const Json pj = Json::parse(p.out);
    QCOMPARE(pj["range"].get<std::string>(), std::string("pct=20"));
    QCOMPARE(pj["metric"].get<std::string>(), std::string("roi"));
    QVERIFY(std::abs(pj["base"].get<double>() - 4919550.0 / 120450.0 * 100) < 1e-9);
}

void TestSensitivityCommands::tornadoText()
{
    const Run r = run({"tornado", kSteady});
    QCOMPARE(r.code, int(roi::ExitOk));
    QVERIFY2(contains(r.out, "Tornado of NPV — Support assistant, scenario Base"), r.out.c_str());
    QVERIFY2(contains(r.out, "Base NPV: $4,919,550"), r.out.c_str());
    QVERIFY2(contains(r.out, "$1,620,000"), r.out.c_str());
    // The largest swing is listed first.
    QVERIFY(r.out.find("minutesWithAi") < r.out.find("baseline.volume"));
}

void TestSensitivityCommands::tornadoCsv()
{
    const Run r = run({"tornado", kSteady, "--format", "csv"});
    QCOMPARE(r.code, int(roi::ExitOk));
    QVERIFY2(r.out.starts_with("input,useCase,stored,low,high,atLow,atHigh,swing,clamped\r\n"),
             r.out.c_str());
    // The volume row: stored 50,000, Worst 40,000, Best 55,000, NPV 3,915,480 and 5,421,585.
    const auto at = r.out.find("\r\nbaseline.volume,Support assistant,");
    QVERIFY2(at != std::string::npos, r.out.c_str());
    std::istringstream row(r.out.substr(at + 2, r.out.find("\r\n", at + 2) - at - 2));
    std::vector<double> numbers;
    std::string field;
    for (int i = 0; std::getline(row, field, ','); ++i) {
        if (i >= 2 && i <= 7)
            numbers.push_back(std::strtod(field.c_str(), nullptr));
    }
    const std::vector<double> expected = {50000, 40000, 55000, 3915480, 5421585, 1506105};
    QCOMPARE(numbers.size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i)
        QVERIFY(std::abs(numbers[i] - expected[i]) <= 1e-9 * expected[i]);
}

void TestSensitivityCommands::tornadoPortfolioRanked()
{
    // The bundled portfolio changes with the examples: compare with the model, not numbers.
    const Run r = run({"tornado", example("portfolio.roiwb"), "--range", "pct=20", "-f", "json"});
    QCOMPARE(r.code, int(roi::ExitOk));
    const Json j = Json::parse(r.out);
    QVERIFY(j["useCase"].is_null()); // several use cases: the portfolio
    QVERIFY(!j["bars"].empty());
    for (std::size_t i = 1; i < j["bars"].size(); ++i)
        QVERIFY(j["bars"][i - 1]["swing"].get<double>() >= j["bars"][i]["swing"].get<double>());
    std::ifstream in(example("portfolio.roiwb"), std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    const auto wb = roi::readWorkbook(bytes.str()).workbook;
    QVERIFY(wb);
    roi::TornadoOptions o;
    o.range = roi::TornadoRange::Percent;
    const auto t = roi::tornado(*wb, {-1, 0}, o);
    QCOMPARE(j["bars"].size(), t.bars.size());
    QCOMPARE(j["bars"][0]["swing"].get<double>(), t.bars[0].swing);
}

void TestSensitivityCommands::reportSection()
{
    // The report's tornado subsection: the chart and the table, largest swing first.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string out = dir.filePath(QStringLiteral("steady.html")).toStdString();
    const Run r = run({"report", kSteady, "--format", "html", "-o", out});
    QCOMPARE(r.code, int(roi::ExitOk));
    std::ifstream in(out, std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    const std::string html = bytes.str();
    const auto at = html.find("<h2>Sensitivity (tornado)</h2>");
    QVERIFY(at != std::string::npos);
    QVERIFY(html.find("alt=\"Tornado\"", at) != std::string::npos
            || html.find("data:image/svg+xml", at) != std::string::npos);
    const auto minutes = html.find("drivers[&quot;Agent time reclaimed&quot;].minutesWithAi", at);
    const auto volume = html.find("baseline.volume", at);
    QVERIFY(minutes != std::string::npos && volume != std::string::npos);
    QVERIFY(minutes < volume);
    QVERIFY(html.find("$1,620,000", at) != std::string::npos);
    QVERIFY(html.find("Base NPV $4,919,550", at) != std::string::npos);
}

void TestSensitivityCommands::severalIrrs()
{
    // tests/data/sensitivity/two-irrs.roiwb: net −100,000, +216,000, −116,600, whose IRRs are
    // 6% and 10% a month (tst_finance); 1.06^12 − 1 = 101.2% a year is shown, and said to be the
    // nearer of two, in the text, the JSON and the report.
    const std::string file = std::string(ROI_SOURCE_DIR) + "/tests/data/sensitivity/two-irrs.roiwb";
    const Run text = run({"compute", file, "--scenario", "Base"});
    QCOMPARE(text.code, int(roi::ExitOk));
    QVERIFY2(contains(text.out, "101.2% (nearest zero of 2)"), text.out.c_str());
    const Run json = run({"compute", file, "--format", "json"});
    QCOMPARE(Json::parse(json.out)["useCases"][0]["scenarios"][0]["irrCount"].get<int>(), 2);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string out = dir.filePath(QStringLiteral("two.html")).toStdString();
    QCOMPARE(run({"report", file, "--format", "html", "-o", out}).code, int(roi::ExitOk));
    std::ifstream in(out, std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    QVERIFY(contains(bytes.str(), "101.2% †"));
    QVERIFY(contains(bytes.str(), "have several IRRs; the one nearest zero is shown"));
}

void TestSensitivityCommands::usageErrors_data()
{
    QTest::addColumn<std::vector<std::string>>("args");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("message");
    using V = std::vector<std::string>;
    QTest::newRow("no target") << V{"goal-seek", kSteady, "--input", "ramp.steadyAdoption"} << 2
                               << QStringLiteral("--target");
    QTest::newRow("unknown target")
        << V{"goal-seek", kSteady, "--input", "ramp.steadyAdoption", "--target", "irr=0"} << 2
        << QStringLiteral("--target must be");
    QTest::newRow("target not a number")
        << V{"goal-seek", kSteady, "--input", "ramp.steadyAdoption", "--target", "roi=zero"} << 2
        << QStringLiteral("--target must be");
    QTest::newRow("unknown input")
        << V{"goal-seek", kSteady, "--input", "ramp.speed", "--target", "roi=0"} << 2
        << QStringLiteral("unknown field 'speed'");
    QTest::newRow("input of no layer")
        << V{"goal-seek", kSteady, "--input", "layers[\"Nope\"].share", "--target", "roi=0"} << 2
        << QStringLiteral("names no input");
    QTest::newRow("payback beyond the horizon")
        << V{"goal-seek", kSteady, "--input", "ramp.steadyAdoption", "--target", "payback=40"} << 2
        << QStringLiteral("1 to 12");
    QTest::newRow("tornado takes no --input")
        << V{"tornado", kSteady, "--input", "x"} << 2 << QStringLiteral("takes no --input");
    QTest::newRow("bad metric") << V{"tornado", kSteady, "--metric", "irr"} << 2
                                << QStringLiteral("unknown metric");
    QTest::newRow("bad range") << V{"tornado", kSteady, "--range", "pct=0"} << 2
                               << QStringLiteral("--range must be");
    QTest::newRow("option twice") << V{"tornado", kSteady, "-f", "json", "-f", "csv"} << 2
                                  << QStringLiteral("given twice");
    QTest::newRow("unknown scenario") << V{"tornado", kSteady, "--scenario", "Nope"} << 2
                                      << QStringLiteral("no scenario named 'Nope'");
    QTest::newRow("unknown use case") << V{"tornado", kSteady, "--use-case", "Nope"} << 2
                                      << QStringLiteral("no use case named 'Nope'");
    QTest::newRow("no file") << V{"tornado"} << 2 << QStringLiteral("needs a FILE");
    QTest::newRow("missing file") << V{"tornado", "/nonexistent/x.roiwb"} << 3 << QString();
    QTest::newRow("invalid workbook")
        << V{"goal-seek", std::string(ROI_SOURCE_DIR) + "/tests/data/bad/negative-volume.roiwb",
             "--input",   "baseline.volume",
             "--target",  "roi=0"}
        << 1 << QStringLiteral("volume");
}

void TestSensitivityCommands::usageErrors()
{
    QFETCH(std::vector<std::string>, args);
    QFETCH(int, code);
    QFETCH(QString, message);
    const Run r = run(args);
    QCOMPARE(r.code, code);
    QCOMPARE(r.out, std::string());
    QVERIFY2(contains(r.err, message.toStdString()), r.err.c_str());
}

void TestSensitivityCommands::help()
{
    const Run r = run({"--help"});
    QCOMPARE(r.code, int(roi::ExitOk));
    QVERIFY(contains(r.out, "roi-workbench tornado FILE"));
    QVERIFY(contains(r.out, "roi-workbench goal-seek FILE --input NAME"));
    // Still before --help and the exit codes.
    QVERIFY(r.out.find("goal-seek") < r.out.find("roi-workbench --help"));
    QVERIFY(roi::isCommandLine({"tornado", "x.roiwb"}));
    QVERIFY(roi::isCommandLine({"goal-seek", "x.roiwb"}));
}

QTEST_APPLESS_MAIN(TestSensitivityCommands)
#include "tst_sensitivitycommands.moc"
