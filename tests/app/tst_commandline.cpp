// The command line (app/commandline.h): the acceptance figures through `compute --format json`
// and text, both in process and through the built executable; validate, report, exit codes.
#include "commandline.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using Json = nlohmann::json;

static std::string example(const char *name)
{
    return std::string(ROI_SOURCE_DIR) + "/resources/examples/" + name;
}

static std::string badFile(const char *name)
{
    return std::string(ROI_SOURCE_DIR) + "/tests/data/bad/" + name;
}

struct Run
{
    int code = -1;
    std::string out;
    std::string err;
};

static Run run(const std::vector<std::string> &args)
{
    std::ostringstream out;
    std::ostringstream err;
    Run r;
    r.code = roi::runCommandLine(args, out, err);
    r.out = out.str();
    r.err = err.str();
    return r;
}

static bool contains(const std::string &text, const std::string &part)
{
    return text.find(part) != std::string::npos;
}

/// The acceptance figures of DESIGN.md in the JSON of `compute`: the run rate of the Base
/// scenario of the support assistant.
static void checkAcceptance(const Json &j)
{
    const Json &base = j["useCases"][0]["scenarios"][0];
    QCOMPARE(base["scenario"].get<std::string>(), std::string("Base"));
    const Json &rr = base["runRate"];
    // 50,000 × (1,500 × 2.50 + 500 × 10.00) / 1M = 437.50; 0.2 × 180,000 / 12 = 3,000;
    // 50,000 × 10% × 0.4 min × $36 / 60 = 1,200; + 400 = 5,037.50; / 50,000 = 0.10075;
    // 437.50 / 50,000 = 0.00875.
    QCOMPARE_EQ(rr["costByLayer"]["Model tokens"].get<double>(), 437.50);
    QCOMPARE_EQ(rr["costByLayer"]["Retrieval & hosting"].get<double>(), 400.0);
    QCOMPARE_EQ(rr["costByLayer"]["Engineering maintenance"].get<double>(), 3000.0);
    QCOMPARE_EQ(rr["costByLayer"]["Human review"].get<double>(), 1200.0);
    QCOMPARE_EQ(rr["tco"].get<double>(), 5037.50);
    QCOMPARE_EQ(rr["costPerUnit"].get<double>(), 0.10075);
    QCOMPARE_EQ(rr["invoicePerUnit"].get<double>(), 0.00875);
}

class TestCommandLine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void isCommandLine();
    void computeJson();
    void computeText();
    void computeCsv();
    void scenarioOption();
    void validate();
    void invalidFile_data();
    void invalidFile();
    void missingFile();
    void usageErrors_data();
    void usageErrors();
    void helpAndVersion();
    void report();
    void executable();
};

void TestCommandLine::isCommandLine()
{
    QVERIFY(roi::isCommandLine({"compute", "x.roiwb"}));
    QVERIFY(roi::isCommandLine({"validate"}));
    QVERIFY(roi::isCommandLine({"--help"}));
    QVERIFY(roi::isCommandLine({"--version"}));
    // A file to open is the window, not the command line.
    QVERIFY(!roi::isCommandLine({"support-assistant.roiwb"}));
    QVERIFY(!roi::isCommandLine({}));
    // Qt's own options go to the window with the file.
    QVERIFY(!roi::isCommandLine({"-platform", "offscreen", "support-assistant.roiwb"}));
    QVERIFY(!roi::isCommandLine({"-style=fusion", "--reverse"}));
    // Anything else the window cannot take is a usage error, not a window.
    QVERIFY(roi::isCommandLine({"--bogus"}));
    QVERIFY(roi::isCommandLine({"-style"}));
    QVERIFY(roi::isCommandLine({"comptue", "x.roiwb"}));
    QVERIFY(roi::isCommandLine({"a.roiwb", "b.roiwb"}));
}

void TestCommandLine::computeJson()
{
    const Run r = run({"compute", example("support-assistant.roiwb"), "--format", "json"});
    QCOMPARE(r.code, int(roi::ExitOk));
    QCOMPARE(r.err, std::string());
    const Json j = Json::parse(r.out);
    checkAcceptance(j);
    QCOMPARE(j["useCases"][0]["scenarios"].size(), std::size_t(3));
}

void TestCommandLine::computeText()
{
    const Run r = run({"compute", example("support-assistant.roiwb")});
    QCOMPARE(r.code, int(roi::ExitOk));
    QVERIFY2(contains(r.out, "TCO $5,037.50 a month = Model tokens $437.50 + Retrieval & hosting "
                             "$400.00 + Engineering maintenance $3,000.00 + Human review "
                             "$1,200.00"),
             r.out.c_str());
    QVERIFY2(contains(r.out, "$0.10075 per conversation against $0.00875 from the model invoice "
                             "alone"),
             r.out.c_str());
    // One-time layers are not in the run rate line.
    QVERIFY(!contains(r.out, "Integration build $"));
    QVERIFY(contains(r.out, "Scenario"));
    QVERIFY(contains(r.out, "Worst"));
}

void TestCommandLine::computeCsv()
{
    const Run r = run({"compute", example("portfolio.roiwb"), "-f", "csv"});
    QCOMPARE(r.code, int(roi::ExitOk));
    QVERIFY(r.out.rfind("useCase,scenario,month,period,units,", 0) == 0);
    // Header + (3 use cases + portfolio) × 3 scenarios × 36 months, CRLF each.
    std::size_t lines = 0;
    for (std::size_t at = r.out.find("\r\n"); at != std::string::npos;
         at = r.out.find("\r\n", at + 2))
        ++lines;
    QCOMPARE(lines, std::size_t(1 + 4 * 3 * 36));
}

void TestCommandLine::scenarioOption()
{
    // Scenario names are matched without regard to case.
    const Run r = run(
        {"compute", example("support-assistant.roiwb"), "--format", "json", "--scenario", "worst"});
    QCOMPARE(r.code, int(roi::ExitOk));
    const Json j = Json::parse(r.out);
    QCOMPARE(j["scenarios"].size(), std::size_t(1));
    QCOMPARE(j["scenarios"][0].get<std::string>(), std::string("Worst"));
    QCOMPARE(j["useCases"][0]["scenarios"][0]["scenario"].get<std::string>(), std::string("Worst"));
    const Run bad = run({"compute", example("support-assistant.roiwb"), "-s", "Optimistic"});
    QCOMPARE(bad.code, int(roi::ExitUsage));
    QVERIFY2(contains(bad.err, "no scenario named 'Optimistic'; the workbook has 'Base' 'Best' "
                               "'Worst'"),
             bad.err.c_str());
    QVERIFY(bad.out.empty());
}

void TestCommandLine::validate()
{
    const Run r = run({"validate", example("support-assistant.roiwb")});
    QCOMPARE(r.code, int(roi::ExitOk));
    QVERIFY2(contains(r.out, "valid workbook, 1 use case(s), "), r.out.c_str());
    // Warnings of a file are printed, and it is still valid.
    const Run w = run({"validate", badFile("warning-unknown-keys.roiwb")});
    QCOMPARE(w.code, int(roi::ExitOk));
    QVERIFY2(contains(w.err, "/colour: warning: unknown key, ignored"), w.err.c_str());
    QVERIFY(contains(w.out, "valid workbook"));
    // A model check of severity error fails validation: price the tokens from a model that is
    // not in the price book.
    std::ifstream in(example("support-assistant.roiwb"));
    nlohmann::json j = nlohmann::json::parse(in);
    j["useCases"][0]["costLayers"][0]["model"] = "no-such-model";
    QTemporaryDir dir;
    const std::string path = dir.filePath(QStringLiteral("missing-price.roiwb")).toStdString();
    std::ofstream(path) << j.dump(2);
    const Run e = run({"validate", path});
    QCOMPARE(e.code, int(roi::ExitInvalid));
    QVERIFY2(contains(e.out, "error: layers[\"Model tokens\"].model"), e.out.c_str());
    QVERIFY2(contains(e.out, "1 of them errors"), e.out.c_str());
}

void TestCommandLine::invalidFile_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("message");
    for (const char *command : {"validate", "compute"}) {
        QTest::addRow("%s negative volume", command)
            << QString::fromUtf8(command) << QStringLiteral("negative-volume.roiwb")
            << QStringLiteral("/useCases/0/baseline/volume: must be >= 0");
        QTest::addRow("%s newer version", command)
            << QString::fromUtf8(command) << QStringLiteral("unknown-version.roiwb")
            << QStringLiteral("/version: the file is format version 5");
        QTest::addRow("%s empty", command)
            << QString::fromUtf8(command) << QStringLiteral("empty.roiwb")
            << QStringLiteral("(file): the file is empty");
    }
}

void TestCommandLine::invalidFile()
{
    QFETCH(QString, command);
    QFETCH(QString, file);
    QFETCH(QString, message);
    const std::string path = badFile(file.toUtf8().constData());
    const Run r = run({command.toStdString(), path});
    QCOMPARE(r.code, int(roi::ExitInvalid));
    // "FILE: path: message" on stderr, nothing on stdout.
    QVERIFY2(contains(r.err, path + ": " + message.toStdString()), r.err.c_str());
    QVERIFY(r.out.empty());
}

void TestCommandLine::missingFile()
{
    const Run r = run({"compute", std::string(ROI_SOURCE_DIR) + "/no/such/file.roiwb"});
    QCOMPARE(r.code, int(roi::ExitIo));
    QVERIFY(contains(r.err, "roi-workbench: "));
    QVERIFY(r.out.empty());
}

void TestCommandLine::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    const QString file = QString::fromStdString(example("support-assistant.roiwb"));
    QTest::newRow("no file") << QStringList{QStringLiteral("compute")}
                             << QStringLiteral("compute needs a FILE");
    QTest::newRow("unknown option")
        << QStringList{QStringLiteral("compute"), file, QStringLiteral("--fast")}
        << QStringLiteral("unknown option --fast");
    QTest::newRow("option without value")
        << QStringList{QStringLiteral("compute"), file, QStringLiteral("--format")}
        << QStringLiteral("--format needs a value");
    QTest::newRow("two files") << QStringList{QStringLiteral("compute"), file, file}
                               << QStringLiteral("unexpected argument");
    QTest::newRow("unknown format")
        << QStringList{QStringLiteral("compute"), file, QStringLiteral("--format"),
                       QStringLiteral("xml")}
        << QStringLiteral("unknown format 'xml'");
    QTest::newRow("unknown command") << QStringList{QStringLiteral("frobnicate"), file}
                                     << QStringLiteral("unknown command 'frobnicate'");
    QTest::newRow("option twice") << QStringList{QStringLiteral("compute"),  file,
                                                 QStringLiteral("--format"), QStringLiteral("json"),
                                                 QStringLiteral("-f"),       QStringLiteral("csv")}
                                  << QStringLiteral("-f is given twice");
    QTest::newRow("unknown first option")
        << QStringList{QStringLiteral("--bogus")} << QStringLiteral("unknown option --bogus");
    QTest::newRow("Qt option without value")
        << QStringList{QStringLiteral("-style")} << QStringLiteral("-style needs a value");
    QTest::newRow("window with two files")
        << QStringList{file, file} << QStringLiteral("the window opens one file at a time");
    QTest::newRow("unknown option after Qt's")
        << QStringList{QStringLiteral("-platform"), QStringLiteral("offscreen"), file,
                       QStringLiteral("--fast")}
        << QStringLiteral("unknown option --fast");
    QTest::newRow("report without output")
        << QStringList{QStringLiteral("report"), file, QStringLiteral("--format"),
                       QStringLiteral("json")}
        << QStringLiteral("report needs --format and -o OUT");
    QTest::newRow("report as text")
        << QStringList{QStringLiteral("report"),   file,
                       QStringLiteral("--format"), QStringLiteral("text"),
                       QStringLiteral("-o"),       QStringLiteral("/tmp/x")}
        << QStringLiteral("unknown report format 'text'");
}

void TestCommandLine::usageErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    std::vector<std::string> list;
    for (const QString &a : args)
        list.push_back(a.toStdString());
    const Run r = run(list);
    QCOMPARE(r.code, int(roi::ExitUsage));
    QVERIFY2(contains(r.err, message.toStdString()), r.err.c_str());
    QVERIFY(r.out.empty());
}

void TestCommandLine::helpAndVersion()
{
    const Run help = run({"--help"});
    QCOMPARE(help.code, int(roi::ExitOk));
    QVERIFY(contains(help.out, "Usage:"));
    QVERIFY(contains(help.out, "Exit codes: 0 success, 1 invalid workbook"));
    const Run version = run({"--version"});
    QCOMPARE(version.code, int(roi::ExitOk));
    QVERIFY(version.out.rfind("roi-workbench ", 0) == 0);
}

void TestCommandLine::report()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string out = dir.filePath(QStringLiteral("report.json")).toStdString();
    const Run r =
        run({"report", example("support-assistant.roiwb"), "--format", "json", "-o", out});
    QCOMPARE(r.code, int(roi::ExitOk));
    QCOMPARE(r.out, "wrote " + out + "\n");
    std::ifstream in(out);
    std::stringstream text;
    text << in.rdbuf();
    const Json j = Json::parse(text.str());
    checkAcceptance(j);
    // The same content as compute prints.
    const Run computed = run({"compute", example("support-assistant.roiwb"), "-f", "json"});
    QCOMPARE(text.str(), computed.out);
    // CSV report.
    const std::string csv = dir.filePath(QStringLiteral("report.csv")).toStdString();
    QCOMPARE(run({"report", example("portfolio.roiwb"), "-f", "csv", "-o", csv}).code,
             int(roi::ExitOk));
    std::ifstream csvIn(csv);
    std::string header;
    std::getline(csvIn, header);
    QVERIFY(header.rfind("useCase,scenario,month,", 0) == 0);
    // A directory that does not exist: a file error, and nothing written.
    const std::string nowhere = dir.filePath(QStringLiteral("missing/dir/r.json")).toStdString();
    const Run failed =
        run({"report", example("support-assistant.roiwb"), "-f", "json", "-o", nowhere});
    QCOMPARE(failed.code, int(roi::ExitIo));
    QVERIFY(!std::ifstream(nowhere).good());
}

void TestCommandLine::executable()
{
    // The built program, as a user or a CI job runs it.
    QProcess p;
    p.start(QStringLiteral(ROI_WORKBENCH_BIN),
            {QStringLiteral("compute"), QString::fromStdString(example("support-assistant.roiwb")),
             QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QCOMPARE(p.exitCode(), 0);
    const QByteArray out = p.readAllStandardOutput();
    checkAcceptance(Json::parse(out.constData(), out.constData() + out.size()));
    // And its exit code on a bad file.
    p.start(QStringLiteral(ROI_WORKBENCH_BIN),
            {QStringLiteral("validate"), QString::fromStdString(badFile("negative-volume.roiwb"))});
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitCode(), int(roi::ExitInvalid));
    QVERIFY(p.readAllStandardError().contains("/useCases/0/baseline/volume: must be >= 0"));
}

QTEST_GUILESS_MAIN(TestCommandLine)
#include "tst_commandline.moc"
