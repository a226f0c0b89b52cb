// `roi-workbench analyze`: the percentile tables and probabilities in text, JSON and CSV; the
// same figures whatever the thread count and equal to the model's serial run; different seeds;
// exit codes for bad arguments, invalid workbooks and missing files.
#include "commandline.h"
#include "montecarlorunner.h"

#include "analytics/montecarlo.h"
#include "workbookfile.h"

#include <QCoreApplication>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>

#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

using Json = nlohmann::json;
using namespace roi;

namespace {

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
    std::ostringstream out, err;
    Run r;
    r.code = runCommandLine(args, out, err);
    r.out = out.str();
    r.err = err.str();
    return r;
}

std::string readText(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

} // namespace

class TestAnalyzeCommand : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void jsonMatchesModel();
    void threadsDoNotChangeResults();
    void seedChangesResults();
    void text();
    void csv();
    void scenario();
    void errors_data();
    void errors();
};

void TestAnalyzeCommand::jsonMatchesModel()
{
    // The portfolio example, seed 1, 3,000 trials: the command's JSON equals the model's
    // serial run (runMonteCarlo) figure for figure.
    const Run r = run({"analyze", example("portfolio.roiwb"), "--seed", "1", "--trials", "3000",
                       "--format", "json"});
    QCOMPARE(r.code, 0);
    QVERIFY2(r.err.empty(), r.err.c_str());
    const Json j = Json::parse(r.out);
    QCOMPARE(j["trials"].get<int>(), 3000);
    QCOMPARE(j["seed"].get<int>(), 1);
    QCOMPARE(j["sampling"].get<std::string>(), std::string("lhs"));
    const LoadResult wb = readWorkbook(readText(example("portfolio.roiwb")));
    QVERIFY(wb.ok());
    MonteCarloOptions o = MonteCarloOptions::fromWorkbook(*wb.workbook);
    o.trials = 3000;
    o.seed = 1;
    const auto s = runMonteCarlo(*wb.workbook, o);
    QVERIFY(s);
    QCOMPARE(j["series"].size(), s->series.size());
    for (std::size_t i = 0; i < s->series.size(); ++i) {
        const Json &e = j["series"][i];
        const SeriesSummary &ss = s->series[i];
        QCOMPARE(e["name"].get<std::string>(), ss.name);
        QCOMPARE(e["npv"]["p50"].get<double>(), ss.stats(Metric::Npv).percentiles[2].value);
        QCOMPARE(e["npv"]["p10"].get<double>(), ss.stats(Metric::Npv).percentiles[1].value);
        QCOMPARE(e["npv"]["mean"].get<double>(), ss.stats(Metric::Npv).mean.value);
        QCOMPARE(e["pRoiPositive"].get<double>(), ss.pRoiPositive);
        QCOMPARE(e["cumulativeNet"]["p50"].size(), std::size_t(s->months));
        QCOMPARE(e["cumulativeNet"]["p90"].back().get<double>(), ss.fanP90.back());
        QVERIFY(e["pRoiPositive"].get<double>() >= 0 && e["pRoiPositive"].get<double>() <= 1);
    }
}

void TestAnalyzeCommand::threadsDoNotChangeResults()
{
    const std::vector<std::string> base = {
        "analyze", example("portfolio.roiwb"), "--seed", "9", "--trials", "4500", "--format",
        "json"};
    std::string first;
    for (const char *threads : {"1", "2", "8"}) {
        auto args = base;
        args.insert(args.end(), {"--threads", threads});
        const Run r = run(args);
        QCOMPARE(r.code, 0);
        if (first.empty())
            first = r.out;
        else
            QCOMPARE(r.out, first);
    }
}

void TestAnalyzeCommand::seedChangesResults()
{
    const Run a = run({"analyze", example("support-assistant.roiwb"), "--seed", "1", "--format",
                       "json", "--trials", "2000"});
    const Run b = run({"analyze", example("support-assistant.roiwb"), "--seed", "2", "--format",
                       "json", "--trials", "2000"});
    QCOMPARE(a.code, 0);
    QCOMPARE(b.code, 0);
    QVERIFY(Json::parse(a.out)["series"][0]["npv"]["mean"]
            != Json::parse(b.out)["series"][0]["npv"]["mean"]);
}

void TestAnalyzeCommand::text()
{
    const Run r = run({"analyze", example("portfolio.roiwb"), "--seed", "1", "--trials", "2000",
                       "--sampling", "random"});
    QCOMPARE(r.code, 0);
    QVERIFY(r.out.find("2000 trials, seed 1, random sampling, scenario Base") != std::string::npos);
    for (const char *part : {"Portfolio", "P5", "P10", "P50", "P90", "P95", "NPV", "ROI",
                             "Payback month", "P(ROI > 0)", "P(NPV > 0)", "P(payback within",
                             "standard error of the mean NPV", "Sensitivity"})
        QVERIFY2(r.out.find(part) != std::string::npos, part);
    QVERIFY(r.out.find("nan") == std::string::npos);
    QVERIFY(r.out.find("inf") == std::string::npos);
}

void TestAnalyzeCommand::csv()
{
    const Run r =
        run({"analyze", example("support-assistant.roiwb"), "--trials", "1500", "--format", "csv"});
    QCOMPARE(r.code, 0);
    QVERIFY(r.out.starts_with("series,statistic,mean,sd,P5,P10,P50,P90,P95"));
    QVERIFY(r.out.find("Portfolio,NPV,") != std::string::npos);
    QVERIFY(r.out.find("P(ROI > 0)") != std::string::npos);
}

void TestAnalyzeCommand::scenario()
{
    // The Worst scenario applies on top of the draws: its median NPV is below Base's.
    const Run base = run(
        {"analyze", example("support-assistant.roiwb"), "--trials", "1000", "--format", "json"});
    const Run worst = run({"analyze", example("support-assistant.roiwb"), "--trials", "1000",
                           "--format", "json", "--scenario", "worst"});
    QCOMPARE(base.code, 0);
    QCOMPARE(worst.code, 0);
    QCOMPARE(Json::parse(worst.out)["scenario"].get<std::string>(), std::string("Worst"));
    QVERIFY(Json::parse(worst.out)["series"][0]["npv"]["p50"].get<double>()
            < Json::parse(base.out)["series"][0]["npv"]["p50"].get<double>());
}

void TestAnalyzeCommand::errors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("message");
    const QString ex = QString::fromStdString(example("support-assistant.roiwb"));
    QTest::newRow("no file") << QStringList{QStringLiteral("analyze")} << 2
                             << QStringLiteral("analyze needs a FILE");
    QTest::newRow("trials 0") << QStringList{QStringLiteral("analyze"), ex,
                                             QStringLiteral("--trials"), QStringLiteral("0")}
                              << 2 << QStringLiteral("--trials must be a whole number");
    QTest::newRow("trials 1e9") << QStringList{QStringLiteral("analyze"), ex,
                                               QStringLiteral("--trials"),
                                               QStringLiteral("1000000000")}
                                << 2
                                << QStringLiteral(
                                       "--trials must be a whole number from 1 to 1000000");
    QTest::newRow("seed negative") << QStringList{QStringLiteral("analyze"), ex,
                                                  QStringLiteral("--seed"), QStringLiteral("-4")}
                                   << 2 << QStringLiteral("--seed must be a whole number");
    QTest::newRow("sampling") << QStringList{QStringLiteral("analyze"), ex,
                                             QStringLiteral("--sampling"), QStringLiteral("sobol")}
                              << 2 << QStringLiteral("--sampling must be lhs or random");
    QTest::newRow("format") << QStringList{QStringLiteral("analyze"), ex,
                                           QStringLiteral("--format"), QStringLiteral("pdf")}
                            << 2 << QStringLiteral("unknown format 'pdf'");
    QTest::newRow("twice") << QStringList{QStringLiteral("analyze"), ex,
                                          QStringLiteral("--seed"),  QStringLiteral("1"),
                                          QStringLiteral("--seed"),  QStringLiteral("2")}
                           << 2 << QStringLiteral("--seed is given twice");
    QTest::newRow("scenario") << QStringList{QStringLiteral("analyze"), ex,
                                             QStringLiteral("--scenario"), QStringLiteral("Nope")}
                              << 2 << QStringLiteral("no scenario named 'Nope'");
    QTest::newRow("missing file") << QStringList{QStringLiteral("analyze"),
                                                 QStringLiteral("/nonexistent/x.roiwb")}
                                  << 3 << QStringLiteral("x.roiwb");
    QTest::newRow("invalid workbook")
        << QStringList{QStringLiteral("analyze"),
                       QStringLiteral(ROI_SOURCE_DIR "/tests/data/bad/negative-volume.roiwb")}
        << 1 << QStringLiteral("must be >= 0");
}

void TestAnalyzeCommand::errors()
{
    QFETCH(QStringList, args);
    QFETCH(int, code);
    QFETCH(QString, message);
    std::vector<std::string> a;
    for (const QString &s : args)
        a.push_back(s.toStdString());
    const Run r = run(a);
    QCOMPARE(r.code, code);
    QVERIFY2(QString::fromStdString(r.err).contains(message), r.err.c_str());
    QVERIFY(r.out.empty());
}

QTEST_GUILESS_MAIN(TestAnalyzeCommand)
#include "tst_analyzecommand.moc"
