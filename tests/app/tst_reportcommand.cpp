// The report and chart commands of the real executable, run without a display: every format
// exits 0 and writes what the Export API writes; bad arguments exit 2 with a clear message;
// compute and validate never start a GUI application.
#include "exporttestutil.h"
#include "reportexporter.h"

#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTest>

using namespace roi;
using namespace roi::test;

namespace {

struct RunResult
{
    int exitCode = -1;
    QString out;
    QString err;
};

const QString kSupport =
    QStringLiteral(ROI_SOURCE_DIR "/resources/examples/support-assistant.roiwb");
const QString kPortfolio = QStringLiteral(ROI_SOURCE_DIR "/resources/examples/portfolio.roiwb");

} // namespace

class TestReportCommand : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void everyFormat_data();
    void everyFormat();
    void chartCommand_data();
    void chartCommand();
    void sameAsExport();
    void scenarioOption();
    void badArguments_data();
    void badArguments();
    void missingFile();
    void trialSamples();
    void computeStartsNoApplication();

private:
    /// Runs roi-workbench headless: no DISPLAY, no WAYLAND_DISPLAY, no QT_QPA_PLATFORM.
    RunResult tool(const QStringList &args, const QString &platform = {});

    QTemporaryDir m_dir;
};

void TestReportCommand::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(QFile::exists(QStringLiteral(ROI_WORKBENCH_EXE)));
}

RunResult TestReportCommand::tool(const QStringList &args, const QString &platform)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    env.remove(QStringLiteral("QT_QPA_PLATFORM"));
    if (!platform.isEmpty())
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), platform);
    // 2026-11-23 00:00 UTC: the report date every test uses.
    env.insert(QStringLiteral("SOURCE_DATE_EPOCH"), QStringLiteral("1795392000"));
    p.setProcessEnvironment(env);
    p.setWorkingDirectory(m_dir.path());
    p.start(QStringLiteral(ROI_WORKBENCH_EXE), args);
    RunResult o;
    if (!p.waitForFinished(120000)) {
        p.kill();
        p.waitForFinished();
        return o;
    }
    o.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    o.out = QString::fromUtf8(p.readAllStandardOutput());
    o.err = QString::fromUtf8(p.readAllStandardError());
    return o;
}

void TestReportCommand::everyFormat_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<QStringList>("files");
    QTest::addColumn<QByteArray>("magic");
    QTest::newRow("pdf") << QStringLiteral("pdf") << QStringList{QStringLiteral("out.pdf")}
                         << QByteArray("%PDF-");
    QTest::newRow("html") << QStringLiteral("html") << QStringList{QStringLiteral("out.html")}
                          << QByteArray("<!DOCTYPE html>");
    QTest::newRow("csv") << QStringLiteral("csv")
                         << QStringList{QStringLiteral("out.csv"), QStringLiteral("out-kpis.csv"),
                                        QStringLiteral("out-detail.csv")}
                         << QByteArray("useCase,scenario,");
    QTest::newRow("xlsx") << QStringLiteral("xlsx") << QStringList{QStringLiteral("out.xlsx")}
                          << QByteArray("PK\x03\x04");
    QTest::newRow("xlsx-values") << QStringLiteral("xlsx-values")
                                 << QStringList{QStringLiteral("out.xlsx-values")}
                                 << QByteArray("PK\x03\x04");
    QTest::newRow("json") << QStringLiteral("json") << QStringList{QStringLiteral("out.json")}
                          << QByteArray("{");
}

void TestReportCommand::everyFormat()
{
    QFETCH(QString, format);
    QFETCH(QStringList, files);
    QFETCH(QByteArray, magic);
    const QString out = m_dir.filePath(QStringLiteral("out.") + format);
    const RunResult o = tool({QStringLiteral("report"), kPortfolio, QStringLiteral("--format"),
                              format, QStringLiteral("-o"), out});
    QVERIFY2(o.exitCode == 0, qPrintable(o.err));
    for (const QString &name : files) {
        const QString path = m_dir.filePath(name);
        QVERIFY2(o.out.contains(QStringLiteral("wrote ") + path), qPrintable(o.out));
        QFile f(path);
        QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(path));
        QVERIFY(f.read(magic.size()) == magic);
    }
}

void TestReportCommand::chartCommand_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("file");
    QTest::newRow("png, one use case")
        << QStringList{kPortfolio, QStringLiteral("--chart"), QStringLiteral("cumulative-net"),
                       QStringLiteral("--use-case"), QStringLiteral("lead qualification")}
        << QStringLiteral("chart.png");
    QTest::newRow("pdf, portfolio, Worst")
        << QStringList{kPortfolio, QStringLiteral("--chart"), QStringLiteral("cost-vs-benefit"),
                       QStringLiteral("--scenario"), QStringLiteral("Worst")}
        << QStringLiteral("chart.pdf");
    QTest::newRow("svg, single use case")
        << QStringList{kSupport, QStringLiteral("--chart"), QStringLiteral("invoice-vs-true-cost")}
        << QStringLiteral("chart.svg");
}

void TestReportCommand::chartCommand()
{
    QFETCH(QStringList, args);
    QFETCH(QString, file);
    const QString path = m_dir.filePath(file);
    const RunResult o =
        tool(QStringList{QStringLiteral("chart")} + args + QStringList{QStringLiteral("-o"), path});
    QVERIFY2(o.exitCode == 0, qPrintable(o.err));
    QVERIFY(QFile::exists(path));
    QVERIFY(QFileInfo(path).size() > 1000);
}

void TestReportCommand::sameAsExport()
{
    if (!haveTool(QStringLiteral("pdftotext")))
        QFAIL("pdftotext is needed (tools/install-deps.sh installs it)");
    // The command line and the Export API write the same report for the same day.
    const QString cli = m_dir.filePath(QStringLiteral("cli.pdf"));
    const RunResult o = tool({QStringLiteral("report"), kSupport, QStringLiteral("--format"),
                              QStringLiteral("pdf"), QStringLiteral("-o"), cli});
    QVERIFY2(o.exitCode == 0, qPrintable(o.err));
    const Workbook wb = example("support-assistant");
    ReportOptions options;
    options.today = reportDay();
    options.outputPath = m_dir.filePath(QStringLiteral("api.pdf"));
    QString error;
    QVERIFY2(exportReport(wb, computeAsOfReportDay(wb), ReportFormat::Pdf, options, &error),
             qPrintable(error));
    const QString text = pdfText(cli);
    QVERIFY(text.contains(QStringLiteral("23 November 2026")));
    QCOMPARE(text, pdfText(options.outputPath));
}

void TestReportCommand::scenarioOption()
{
    const QString out = m_dir.filePath(QStringLiteral("worst.csv"));
    const RunResult o =
        tool({QStringLiteral("report"), kSupport, QStringLiteral("--format"), QStringLiteral("csv"),
              QStringLiteral("-o"), out, QStringLiteral("--scenario"), QStringLiteral("worst")});
    QVERIFY2(o.exitCode == 0, qPrintable(o.err));
    QFile f(m_dir.filePath(QStringLiteral("worst-kpis.csv")));
    QVERIFY(f.open(QIODevice::ReadOnly));
    const auto rows = parseCsv(QString::fromUtf8(f.readAll()));
    QCOMPARE(rows.size(), 3); // the use case and the portfolio
    QCOMPARE(rows[1][1], QStringLiteral("Worst"));
    QCOMPARE(rows[2][1], QStringLiteral("Worst"));
}

void TestReportCommand::badArguments_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    const QString out = QStringLiteral("bad.pdf");
    const QString format = QStringLiteral("--format");
    const QString o = QStringLiteral("-o");
    QTest::newRow("report without -o")
        << QStringList{QStringLiteral("report"), kSupport, format, QStringLiteral("pdf")}
        << QStringLiteral("report needs --format and -o OUT");
    QTest::newRow("report without --format")
        << QStringList{QStringLiteral("report"), kSupport, o, out}
        << QStringLiteral("report needs --format and -o OUT");
    QTest::newRow("unknown format")
        << QStringList{QStringLiteral("report"), kSupport, format, QStringLiteral("docx"), o, out}
        << QStringLiteral(
               "unknown report format 'docx' (use pdf, html, csv, xlsx, xlsx-values or json)");
    QTest::newRow("unknown scenario") << QStringList{QStringLiteral("report"),
                                                     kSupport,
                                                     format,
                                                     QStringLiteral("pdf"),
                                                     o,
                                                     out,
                                                     QStringLiteral("--scenario"),
                                                     QStringLiteral("Optimistic")}
                                      << QStringLiteral("no scenario named 'Optimistic'");
    QTest::newRow("trial samples in a pdf")
        << QStringList{QStringLiteral("report"),
                       kSupport,
                       format,
                       QStringLiteral("pdf"),
                       o,
                       out,
                       QStringLiteral("--trial-samples")}
        << QStringLiteral("--trial-samples is for --format csv or xlsx");
    QTest::newRow("trial samples outside report")
        << QStringList{QStringLiteral("compute"), kSupport, QStringLiteral("--trial-samples")}
        << QStringLiteral("--trial-samples belongs to the report command");
    QTest::newRow("report with --chart") << QStringList{QStringLiteral("report"),
                                                        kSupport,
                                                        format,
                                                        QStringLiteral("pdf"),
                                                        o,
                                                        out,
                                                        QStringLiteral("--chart"),
                                                        QStringLiteral("adoption")}
                                         << QStringLiteral("report takes no --use-case or --chart");
    QTest::newRow("option without value") << QStringList{QStringLiteral("report"), kSupport, format}
                                          << QStringLiteral("--format needs a value");
    QTest::newRow("unknown option")
        << QStringList{QStringLiteral("report"), kSupport, QStringLiteral("--colour")}
        << QStringLiteral("unknown option --colour");
    QTest::newRow("chart without --chart")
        << QStringList{QStringLiteral("chart"), kSupport, o, QStringLiteral("c.png")}
        << QStringLiteral("chart needs --chart KIND and -o OUT");
    QTest::newRow("unknown chart")
        << QStringList{QStringLiteral("chart"), kSupport, QStringLiteral("--chart"),
                       QStringLiteral("pie"),   o,        QStringLiteral("c.png")}
        << QStringLiteral("unknown chart 'pie' (use cumulative-net cost-vs-benefit");
    QTest::newRow("chart suffix")
        << QStringList{QStringLiteral("chart"),    kSupport, QStringLiteral("--chart"),
                       QStringLiteral("adoption"), o,        QStringLiteral("c.jpg")}
        << QStringLiteral("c.jpg: a chart is written as .png, .pdf or .svg");
    QTest::newRow("unknown use case")
        << QStringList{QStringLiteral("chart"),
                       kPortfolio,
                       QStringLiteral("--chart"),
                       QStringLiteral("adoption"),
                       QStringLiteral("--use-case"),
                       QStringLiteral("Nope"),
                       o,
                       QStringLiteral("c.png")}
        << QStringLiteral("no use case named 'Nope'; the workbook has 'Support assistant'");
}

void TestReportCommand::badArguments()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    const RunResult o = tool(args);
    QCOMPARE(o.exitCode, 2);
    QVERIFY2(o.err.contains(QStringLiteral("roi-workbench: ") + message), qPrintable(o.err));
    QVERIFY(o.out.isEmpty());
    QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("bad.pdf"))));
    QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("c.png"))));
}

void TestReportCommand::trialSamples()
{
    // CSV: the Monte Carlo percentiles beside the three files, and every trial on request (one
    // row per trial of the workbook's run, plus the header).
    const QString out = m_dir.filePath(QStringLiteral("mc.csv"));
    const RunResult o =
        tool({QStringLiteral("report"), kPortfolio, QStringLiteral("--format"),
              QStringLiteral("csv"), QStringLiteral("-o"), out, QStringLiteral("--trial-samples")});
    QVERIFY2(o.exitCode == 0, qPrintable(o.err));
    for (const char *name : {"mc-uncertainty.csv", "mc-trials.csv"}) {
        const QString path = m_dir.filePath(QLatin1String(name));
        QVERIFY2(o.out.contains(QStringLiteral("wrote ") + path), qPrintable(o.out));
    }
    QFile trials(m_dir.filePath(QStringLiteral("mc-trials.csv")));
    QVERIFY(trials.open(QIODevice::ReadOnly));
    const auto rows = parseCsv(QString::fromUtf8(trials.readAll()));
    QCOMPARE(rows.size(), 1 + example("portfolio").settings.monteCarloTrials);
    QCOMPARE(rows[0][0], QStringLiteral("trial"));
    QCOMPARE(rows[1][0], QStringLiteral("1"));
    // Without the option: no trials file.
    const QString plain = m_dir.filePath(QStringLiteral("plain.csv"));
    QCOMPARE(tool({QStringLiteral("report"), kPortfolio, QStringLiteral("--format"),
                   QStringLiteral("csv"), QStringLiteral("-o"), plain})
                 .exitCode,
             0);
    QVERIFY(QFile::exists(m_dir.filePath(QStringLiteral("plain-uncertainty.csv"))));
    QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("plain-trials.csv"))));
}

void TestReportCommand::missingFile()
{
    const RunResult o =
        tool({QStringLiteral("report"), m_dir.filePath(QStringLiteral("nope.roiwb")),
              QStringLiteral("--format"), QStringLiteral("pdf"), QStringLiteral("-o"),
              m_dir.filePath(QStringLiteral("x.pdf"))});
    QCOMPARE(o.exitCode, 3);
    QVERIFY(o.err.contains(QStringLiteral("no such file")));
}

void TestReportCommand::computeStartsNoApplication()
{
    // With a platform that does not exist, creating any GUI application would abort; compute,
    // validate and the reports that draw nothing (CSV, XLSX, JSON) still work.
    const QString bogus = QStringLiteral("no-such-platform");
    RunResult o = tool({QStringLiteral("compute"), kSupport}, bogus);
    QVERIFY2(o.exitCode == 0, qPrintable(o.err));
    QVERIFY(o.out.contains(QStringLiteral("$5,037.50")));
    o = tool({QStringLiteral("validate"), kSupport}, bogus);
    QVERIFY2(o.exitCode == 0, qPrintable(o.err));
    for (const char *format : {"csv", "xlsx", "xlsx-values", "json"}) {
        o = tool({QStringLiteral("report"), kSupport, QStringLiteral("--format"),
                  QString::fromLatin1(format), QStringLiteral("-o"),
                  m_dir.filePath(QStringLiteral("nogui.") + QString::fromLatin1(format))},
                 bogus);
        QVERIFY2(o.exitCode == 0, qPrintable(o.err));
    }
}

QTEST_MAIN(TestReportCommand)
#include "tst_reportcommand.moc"
