// The tornado and goal-seek commands (app/sensitivitycommands.h) through runCommandLine: the
// answers on the steady support assistant solved by hand in
// tests/model/analytics/sensitivitytestutil.h, the formats, the simulated-statistic hook and
// the exit codes.
#include "commandline.h"
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

} // namespace

class TestSensitivityCommands : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void goalSeekJson();
    void goalSeekText();
    void goalSeekUnreachable();
    void simulatedTarget();
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

    // The tornado's P10–P90 range: refused until the analysis registers it, then used. A
    // stand-in gives the volume 45,000..52,000 (NPV −502,035 and +200,814, see tst_tornado).
    const Run noRange = run({"tornado", kSteady, "--range", "p10-p90"});
    QCOMPARE(noRange.code, int(roi::ExitUsage));
    QVERIFY2(contains(noRange.err, "needs the Monte Carlo analysis"), noRange.err.c_str());
    roi::registerTornadoBounds("p10-p90", [](const roi::Workbook &, std::string &) {
        return roi::TornadoOptions::Bounds(
            [](const roi::VariedInput &in, double) -> std::optional<std::pair<double, double>> {
                if (in.path.field == "volume")
                    return std::pair{45000.0, 52000.0};
                return std::nullopt;
            });
    });
    const Run ranged = run({"tornado", kSteady, "--range", "p10-p90", "-f", "json"});
    roi::clearSimulatedStatistics();
    QCOMPARE(ranged.code, int(roi::ExitOk));
    const Json t = Json::parse(ranged.out);
    QCOMPARE(t["range"].get<std::string>(), std::string("p10-p90"));
    QCOMPARE(t["bars"].size(), std::size_t(1));
    QVERIFY(std::abs(t["bars"][0]["atLow"].get<double>() - (4919550 - 502035)) < 1e-6);
    QVERIFY(std::abs(t["bars"][0]["atHigh"].get<double>() - (4919550 + 200814)) < 1e-6);
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
