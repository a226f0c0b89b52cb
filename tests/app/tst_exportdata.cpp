// The data exports: CSV (two files, formula injection neutralised, numbers that parse back to
// the engine's values), XLSX (sheets, numeric cells, sanitised sheet names) and JSON; and the
// failures that must leave nothing behind.
#include "exporttestutil.h"

#include "analytics/montecarlo.h"
#include "reportexporter.h"
#include "xlsxexport.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <map>
#include <tuple>

using namespace roi;
using namespace roi::test;

class TestExportData : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void csvWritesThreeFiles();
    void csvNeutralisesFormulas();
    void csvNumbersParseBack();
    void csvScenarioFilter();
    void csvUncertaintyTables();
    void xlsxUncertaintySheets();
    void xlsxSheetsAndNumbers();
    void xlsxSheetNames_data();
    void xlsxSheetNames();
    void xlsxUseCasesNamedLikeSheets();
    void jsonReport();
    void failuresLeaveNothing();
    void formatNames();

private:
    QStringList exportTo(const Workbook &wb, ReportFormat format, const QString &name,
                         int scenario = -1);
    static QString readText(const QString &path);

    QTemporaryDir m_dir;
    Workbook m_support;
    Workbook m_portfolio;
};

void TestExportData::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_support = example("support-assistant");
    m_portfolio = example("portfolio");
    QVERIFY(!m_support.useCases.empty());
    QVERIFY(!m_portfolio.useCases.empty());
}

QStringList TestExportData::exportTo(const Workbook &wb, ReportFormat format, const QString &name,
                                     int scenario)
{
    ReportOptions options;
    options.today = reportDay();
    options.scenario = scenario;
    options.outputPath = m_dir.filePath(name);
    QString error;
    QStringList written;
    if (!exportReport(wb, computeAsOfReportDay(wb), format, options, &error, &written))
        qWarning("export failed: %s", qPrintable(error));
    return written;
}

QString TestExportData::readText(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

void TestExportData::csvWritesThreeFiles()
{
    // The three files of the model, and the Monte Carlo percentiles beside them.
    const QStringList written = exportTo(m_support, ReportFormat::Csv, QStringLiteral("sa.csv"));
    QCOMPARE(written, QStringList({m_dir.filePath(QStringLiteral("sa.csv")),
                                   m_dir.filePath(QStringLiteral("sa-kpis.csv")),
                                   m_dir.filePath(QStringLiteral("sa-detail.csv")),
                                   m_dir.filePath(QStringLiteral("sa-uncertainty.csv"))}));
    QCOMPARE(csvOutputPaths(QStringLiteral("/x/out")),
             QStringList({QStringLiteral("/x/out"), QStringLiteral("/x/out-kpis.csv"),
                          QStringLiteral("/x/out-detail.csv")}));
    QCOMPARE(csvOutputPaths(QStringLiteral("/x/out.CSV")),
             QStringList({QStringLiteral("/x/out.CSV"), QStringLiteral("/x/out-kpis.csv"),
                          QStringLiteral("/x/out-detail.csv")}));
    // RFC 4180: CRLF line ends, a header row, one row per use case and scenario (+ portfolio).
    const QString kpis = readText(written[1]);
    QVERIFY(kpis.startsWith(QStringLiteral("useCase,scenario,tco,")));
    QVERIFY(kpis.contains(QStringLiteral("\r\n")));
    const auto rows = parseCsv(kpis);
    QCOMPARE(rows.size(), 1 + 3 + 3);
    const auto series = parseCsv(readText(written[0]));
    QCOMPARE(series.size(), 1 + (1 + 1) * 3 * 36);
}

void TestExportData::csvNeutralisesFormulas()
{
    Workbook wb = m_support;
    wb.useCases[0].name = "=HYPERLINK(\"http://x\")";
    const QStringList written = exportTo(wb, ReportFormat::Csv, QStringLiteral("evil.csv"));
    QCOMPARE(written.size(), 4);
    const QString uncertainty = readText(written[3]);
    QVERIFY(uncertainty.contains(QStringLiteral("\"'=HYPERLINK(\"\"http://x\"\")\"")));
    for (const QString &line : uncertainty.split(QStringLiteral("\r\n")))
        QVERIFY2(!line.startsWith(QLatin1Char('=')), qPrintable(line));
    for (const QString &file : written.mid(0, 3)) {
        const QString text = readText(file);
        // Quoted, with the leading apostrophe that makes a spreadsheet show it as text.
        QVERIFY(text.contains(QStringLiteral("\"'=HYPERLINK(\"\"http://x\"\")\"")));
        for (const QString &line : text.split(QStringLiteral("\r\n")))
            QVERIFY2(!line.startsWith(QLatin1Char('=')), qPrintable(line));
        const auto rows = parseCsv(text);
        QCOMPARE(rows[1][0], QStringLiteral("'=HYPERLINK(\"http://x\")"));
    }
}

void TestExportData::csvNumbersParseBack()
{
    const Results res = computeAsOfReportDay(m_portfolio);
    const QStringList written =
        exportTo(m_portfolio, ReportFormat::Csv, QStringLiteral("numbers.csv"));
    QCOMPARE(written.size(), 4);
    const auto kpis = parseCsv(readText(written[1]));
    const QStringList header = kpis[0];
    const int tco = static_cast<int>(header.indexOf(QStringLiteral("tco")));
    const int npv = static_cast<int>(header.indexOf(QStringLiteral("npv")));
    const int runRate = static_cast<int>(header.indexOf(QStringLiteral("runRateTcoPerMonth")));
    QVERIFY(tco >= 0 && npv >= 0 && runRate >= 0);
    int checked = 0;
    for (int r = 1; r < kpis.size(); ++r) {
        const int u = m_portfolio.findUseCase(kpis[r][0].toStdString());
        const int s = res.findScenario(kpis[r][1].toStdString());
        if (u < 0)
            continue; // the portfolio rows
        QVERIFY(s >= 0);
        bool ok = false;
        QCOMPARE(kpis[r][tco].toDouble(&ok), res.at(u, s).kpis.tco);
        QVERIFY(ok);
        QCOMPARE(kpis[r][npv].toDouble(&ok), res.at(u, s).kpis.npv);
        QCOMPARE(kpis[r][runRate].toDouble(&ok), res.at(u, s).runRate.tco);
        ++checked;
    }
    QCOMPARE(checked, 9);
    // The support assistant's run rate is the acceptance figure, exactly.
    QCOMPARE(res.at(0, 0).runRate.tco, 5037.5);

    const auto series = parseCsv(readText(written[0]));
    const int month = static_cast<int>(series[0].indexOf(QStringLiteral("month")));
    const int cost = static_cast<int>(series[0].indexOf(QStringLiteral("cost")));
    const int cumulative = static_cast<int>(series[0].indexOf(QStringLiteral("cumulativeNet")));
    QVERIFY(month >= 0 && cost >= 0 && cumulative >= 0);
    for (int r = 1; r < series.size(); ++r) {
        const int u = m_portfolio.findUseCase(series[r][0].toStdString());
        if (u < 0)
            continue;
        const int s = res.findScenario(series[r][1].toStdString());
        const auto m = static_cast<std::size_t>(series[r][month].toInt() - 1);
        QCOMPARE(series[r][cost].toDouble(), res.at(u, s).row(Row::Cost)[m]);
        QCOMPARE(series[r][cumulative].toDouble(), res.at(u, s).row(Row::CumulativeNet)[m]);
    }

    // The detail: every layer and driver month by month, each value the engine's; the layers
    // of a month add up to its total cost.
    const auto detail = parseCsv(readText(written[2]));
    QCOMPARE(detail[0],
             QStringList({QStringLiteral("useCase"), QStringLiteral("scenario"),
                          QStringLiteral("series"), QStringLiteral("name"), QStringLiteral("month"),
                          QStringLiteral("period"), QStringLiteral("value")}));
    qsizetype expected = 1;
    for (const UseCase &uc : m_portfolio.useCases)
        expected += 3 * 36 * static_cast<qsizetype>(uc.layers.size() + 2 * uc.drivers.size());
    QCOMPARE(detail.size(), expected);
    std::map<std::tuple<int, int, int>, double> layerSums;
    for (int r = 1; r < detail.size(); ++r) {
        const int u = m_portfolio.findUseCase(detail[r][0].toStdString());
        const int s = res.findScenario(detail[r][1].toStdString());
        QVERIFY(u >= 0 && s >= 0);
        const UseCase &uc = m_portfolio.useCases[static_cast<std::size_t>(u)];
        const int m = detail[r][4].toInt() - 1;
        const double value = detail[r][6].toDouble();
        const std::string name = detail[r][3].toStdString();
        if (detail[r][2] == QLatin1String("layerCost")) {
            int i = 0;
            while (uc.layers[static_cast<std::size_t>(i)].name != name)
                ++i;
            QCOMPARE(value, res.at(u, s).layerCost(i)[static_cast<std::size_t>(m)]);
            layerSums[{u, s, m}] += value;
        } else {
            int i = 0;
            while (uc.drivers[static_cast<std::size_t>(i)].name != name)
                ++i;
            const auto row = detail[r][2] == QLatin1String("driverGross")
                                 ? res.at(u, s).driverGross(i)
                                 : res.at(u, s).driverNet(i);
            QCOMPARE(value, row[static_cast<std::size_t>(m)]);
        }
    }
    for (const auto &[key, sum] : layerSums) {
        const auto [u, s, m] = key;
        QVERIFY(std::abs(sum - res.at(u, s).row(Row::Cost)[static_cast<std::size_t>(m)])
                <= 1e-9 * std::max(1.0, sum));
    }
}

void TestExportData::csvScenarioFilter()
{
    const Results res = computeAsOfReportDay(m_support);
    const int worst = res.findScenario("Worst");
    const QStringList written =
        exportTo(m_support, ReportFormat::Csv, QStringLiteral("worst.csv"), worst);
    const auto rows = parseCsv(readText(written.value(1)));
    QCOMPARE(rows.size(), 1 + 2);
    for (int r = 1; r < rows.size(); ++r)
        QCOMPARE(rows[r][1], QStringLiteral("Worst"));
}

void TestExportData::csvUncertaintyTables()
{
    // The percentile table is the model's run of the workbook's set-up on Base (the export of
    // every scenario has Base as its headline), number for number.
    const auto s = runMonteCarlo(m_portfolio, MonteCarloOptions::fromWorkbook(m_portfolio));
    QVERIFY(s);
    ReportOptions options;
    options.today = reportDay();
    options.outputPath = m_dir.filePath(QStringLiteral("mc.csv"));
    options.includeTrialSamples = true;
    QString error;
    QStringList written;
    QVERIFY2(exportReport(m_portfolio, computeAsOfReportDay(m_portfolio), ReportFormat::Csv,
                          options, &error, &written),
             qPrintable(error));
    QCOMPARE(written.mid(3), QStringList({m_dir.filePath(QStringLiteral("mc-uncertainty.csv")),
                                          m_dir.filePath(QStringLiteral("mc-trials.csv"))}));
    const auto table = parseCsv(readText(written[3]));
    QCOMPARE(
        table[0].mid(0, 9),
        QStringList({QStringLiteral("series"), QStringLiteral("statistic"), QStringLiteral("mean"),
                     QStringLiteral("sd"), QStringLiteral("P5"), QStringLiteral("P10"),
                     QStringLiteral("P50"), QStringLiteral("P90"), QStringLiteral("P95")}));
    const SeriesSummary &portfolio = s->series[0];
    QCOMPARE(table[1][0], QString::fromStdString(portfolio.name));
    QCOMPARE(table[1][1], QStringLiteral("NPV"));
    for (int p = 0; p < 5; ++p)
        QCOMPARE(table[1][4 + p].toDouble(),
                 portfolio.stats(Metric::Npv).percentiles[static_cast<std::size_t>(p)].value);
    // One row per trial: the trial number, five outputs per series (portfolio and each use
    // case), then each drawn input.
    const auto trials = parseCsv(readText(written[4]));
    QCOMPARE(trials.size(), 1 + m_portfolio.settings.monteCarloTrials);
    QCOMPARE(trials[0].size(), 1 + 5 * (1 + static_cast<qsizetype>(m_portfolio.useCases.size()))
                                   + static_cast<qsizetype>(s->inputs.size()));
    QCOMPARE(trials.last()[0], QString::number(m_portfolio.settings.monteCarloTrials));
    // Nothing uncertain (Base only, no set-up): the model's three files only.
    Workbook plain = m_support;
    plain.scenarios.resize(1);
    QCOMPARE(exportTo(plain, ReportFormat::Csv, QStringLiteral("plain.csv")).size(), 3);
}

void TestExportData::xlsxUncertaintySheets()
{
    if (!haveTool(QStringLiteral("unzip")))
        QFAIL("unzip is needed to read the archive (tools/install-deps.sh installs it)");
    ReportOptions options;
    options.today = reportDay();
    options.outputPath = m_dir.filePath(QStringLiteral("mc.xlsx"));
    options.includeTrialSamples = true;
    QString error;
    // The formula model carries the same two sheets after its own.
    QVERIFY2(exportReport(m_portfolio, computeAsOfReportDay(m_portfolio), ReportFormat::Xlsx,
                          options, &error),
             qPrintable(error));
    const QString model =
        QString::fromUtf8(unzipMember(options.outputPath, QStringLiteral("xl/workbook.xml")));
    QVERIFY(model.contains(QStringLiteral("<sheet name=\"Portfolio\"")));
    QVERIFY(model.contains(QStringLiteral("<sheet name=\"Uncertainty\"")));
    QVERIFY(model.contains(QStringLiteral("<sheet name=\"Trial samples\"")));
    QVERIFY2(exportReport(m_portfolio, computeAsOfReportDay(m_portfolio), ReportFormat::XlsxValues,
                          options, &error),
             qPrintable(error));
    const QString book =
        QString::fromUtf8(unzipMember(options.outputPath, QStringLiteral("xl/workbook.xml")));
    QVERIFY(book.contains(QStringLiteral("<sheet name=\"Model checks\" sheetId=\"7\"")));
    QVERIFY(book.contains(QStringLiteral("<sheet name=\"Uncertainty\" sheetId=\"8\"")));
    QVERIFY(book.contains(QStringLiteral("<sheet name=\"Trial samples\" sheetId=\"9\"")));
    const QString strings =
        QString::fromUtf8(unzipMember(options.outputPath, QStringLiteral("xl/sharedStrings.xml")));
    for (const char *text : {"Percentiles", "P(ROI &gt; 0)", "What drives NPV", "Trial"})
        QVERIFY2(strings.contains(QLatin1String(text)), text);
    QVERIFY(strings.contains(
        QStringLiteral("%1 trials, seed %2, Latin Hypercube sampling, scenario Base")
            .arg(m_portfolio.settings.monteCarloTrials)
            .arg(m_portfolio.settings.monteCarloSeed)));
    // The trial sheet: title, note, header, then one row per trial.
    const QString trials = QString::fromUtf8(
        unzipMember(options.outputPath, QStringLiteral("xl/worksheets/sheet9.xml")));
    const int last = 3 + m_portfolio.settings.monteCarloTrials;
    QVERIFY(trials.contains(QStringLiteral("<row r=\"%1\"").arg(last)));
    QVERIFY(!trials.contains(QStringLiteral("<row r=\"%1\"").arg(last + 1)));
    // Without the option, no trial sheet.
    options.includeTrialSamples = false;
    options.outputPath = m_dir.filePath(QStringLiteral("mc2.xlsx"));
    QVERIFY(exportReport(m_portfolio, computeAsOfReportDay(m_portfolio), ReportFormat::Xlsx,
                         options, &error));
    QVERIFY(!QString::fromUtf8(unzipMember(options.outputPath, QStringLiteral("xl/workbook.xml")))
                 .contains(QStringLiteral("Trial samples")));
}

void TestExportData::xlsxSheetsAndNumbers()
{
    if (!haveTool(QStringLiteral("unzip")))
        QFAIL("unzip is needed to read the archive (tools/install-deps.sh installs it)");
    const QStringList written =
        exportTo(m_portfolio, ReportFormat::XlsxValues, QStringLiteral("portfolio.xlsx"));
    QCOMPARE(written.size(), 1);
    const QString book =
        QString::fromUtf8(unzipMember(written[0], QStringLiteral("xl/workbook.xml")));
    QStringList sheets;
    const QRegularExpression sheet(QStringLiteral("<sheet name=\"([^\"]*)\""));
    for (const auto &m : sheet.globalMatch(book))
        sheets << m.captured(1);
    QCOMPARE(sheets,
             QStringList({QStringLiteral("Summary"), QStringLiteral("Run rate"),
                          QStringLiteral("Support assistant"), QStringLiteral("Lead qualification"),
                          QStringLiteral("Contract review"), QStringLiteral("Portfolio"),
                          QStringLiteral("Model checks"), QStringLiteral("Uncertainty")}));

    // Numbers are numeric cells (no t attribute), not text.
    auto numeric = [](const QString &xml, const QString &value) {
        return xml.contains(
            QRegularExpression(QStringLiteral("<c r=\"[A-Z]+[0-9]+\"( s=\"[0-9]+\")?><v>%1</v></c>")
                                   .arg(QRegularExpression::escape(value))));
    };
    const QString summary =
        QString::fromUtf8(unzipMember(written[0], QStringLiteral("xl/worksheets/sheet1.xml")));
    QVERIFY(numeric(summary, QStringLiteral("5037.5"))); // run-rate TCO a month
    QVERIFY(summary.contains(QStringLiteral("state=\"frozen\"")));
    const QString runRate =
        QString::fromUtf8(unzipMember(written[0], QStringLiteral("xl/worksheets/sheet2.xml")));
    for (const char *v : {"437.5", "400", "3000", "1200"})
        QVERIFY2(numeric(runRate, QString::fromLatin1(v)), v);
    const QString series =
        QString::fromUtf8(unzipMember(written[0], QStringLiteral("xl/worksheets/sheet3.xml")));
    QVERIFY(series.contains(QStringLiteral("state=\"frozen\"")));
    QVERIFY(series.contains(QStringLiteral("<autoFilter")));
    // A use case's sheet has a column per cost layer and per value driver: the integration
    // build's $30,000 in month 1 stands on its own (its category also holds engineering).
    const QString strings =
        QString::fromUtf8(unzipMember(written[0], QStringLiteral("xl/sharedStrings.xml")));
    QVERIFY(strings.contains(QStringLiteral("Layer: Integration build")));
    QVERIFY(strings.contains(QStringLiteral("Driver: Agent time reclaimed")));
    QVERIFY(numeric(series, QStringLiteral("30000")));
    // Currency and percent number formats are defined and used.
    const QString styles =
        QString::fromUtf8(unzipMember(written[0], QStringLiteral("xl/styles.xml")));
    QVERIFY(styles.contains(QStringLiteral("formatCode=\"&quot;$&quot;#,##0.00\"")));
    QVERIFY(styles.contains(QStringLiteral("formatCode=\"0.0%\"")));
    QVERIFY(styles.contains(QStringLiteral("formatCode=\"mmm yyyy\"")));
}

void TestExportData::xlsxSheetNames_data()
{
    QTest::addColumn<QStringList>("wanted");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("forbidden characters") << QStringList{QStringLiteral("a[b]:c*d?e/f\\g")}
                                          << QStringList{QStringLiteral("a_b__c_d_e_f_g")};
    QTest::newRow("31 characters")
        << QStringList{QStringLiteral("A very long use case name that goes on and on")}
        << QStringList{QStringLiteral("A very long use case name that")};
    QTest::newRow("unique, case-insensitive")
        << QStringList{QStringLiteral("Summary"), QStringLiteral("summary"),
                       QStringLiteral("SUMMARY")}
        << QStringList{QStringLiteral("Summary"), QStringLiteral("summary (2)"),
                       QStringLiteral("SUMMARY (3)")};
    QTest::newRow("unique when cut")
        << QStringList{QStringLiteral("Customer support assistant for EMEA"),
                       QStringLiteral("Customer support assistant for EMEA and APAC")}
        << QStringList{QStringLiteral("Customer support assistant for"),
                       QStringLiteral("Customer support assistant (2)")};
    QTest::newRow("apostrophes, empty, reserved")
        << QStringList{QStringLiteral("'quoted'"), QString(), QStringLiteral("History")}
        << QStringList{QStringLiteral("quoted"), QStringLiteral("Sheet"),
                       QStringLiteral("History (2)")};
}

void TestExportData::xlsxSheetNames()
{
    QFETCH(QStringList, wanted);
    QFETCH(QStringList, expected);
    QSet<QString> taken;
    QStringList got;
    for (const QString &w : wanted)
        got << sheetName(w, taken);
    QCOMPARE(got, expected);
    for (const QString &name : got)
        QVERIFY(name.toUcs4().size() <= 31);
}

void TestExportData::xlsxUseCasesNamedLikeSheets()
{
    if (!haveTool(QStringLiteral("unzip")))
        QFAIL("unzip is needed to read the archive (tools/install-deps.sh installs it)");
    Workbook wb = m_portfolio;
    wb.useCases[0].name = "Summary";
    wb.useCases[1].name = "Model checks: [draft] */?";
    wb.useCases[2].name = "=cmd|' /C calc'!A0";
    const QStringList written =
        exportTo(wb, ReportFormat::XlsxValues, QStringLiteral("names.xlsx"));
    QCOMPARE(written.size(), 1);
    const QString book =
        QString::fromUtf8(unzipMember(written[0], QStringLiteral("xl/workbook.xml")));
    QVERIFY(book.contains(QStringLiteral("<sheet name=\"Summary (2)\"")));
    QVERIFY(book.contains(QStringLiteral("<sheet name=\"Model checks_ _draft_ ___\"")));
    // Text stays text: the shared strings hold the name as written, not a formula.
    const QString strings =
        QString::fromUtf8(unzipMember(written[0], QStringLiteral("xl/sharedStrings.xml")));
    QVERIFY(strings.contains(QStringLiteral("=cmd|' /C calc'!A0")));
    for (int i = 1; i <= 7; ++i) {
        const QString sheet = QString::fromUtf8(
            unzipMember(written[0], QStringLiteral("xl/worksheets/sheet%1.xml").arg(i)));
        QVERIFY(!sheet.contains(QStringLiteral("<f>")));
    }
}

void TestExportData::jsonReport()
{
    const Results res = computeAsOfReportDay(m_support);
    const QStringList written = exportTo(m_support, ReportFormat::Json, QStringLiteral("sa.json"),
                                         res.findScenario("Best"));
    QCOMPARE(written.size(), 1);
    QFile f(written[0]);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    const QJsonObject root = doc.object();
    QCOMPARE(root.value(QStringLiteral("workbook")).toString(),
             QStringLiteral("Support assistant"));
    QCOMPARE(root.value(QStringLiteral("scenarios")).toArray().size(), 1);
    QCOMPARE(root.value(QStringLiteral("scenarios")).toArray().at(0).toString(),
             QStringLiteral("Best"));
}

void TestExportData::failuresLeaveNothing()
{
    const Results res = computeAsOfReportDay(m_support);
    ReportOptions options;
    options.today = reportDay();
    QString error;
    // No path, a missing folder, a folder, a scenario out of range, results of another workbook.
    QVERIFY(!exportReport(m_support, res, ReportFormat::Json, options, &error));
    QVERIFY(!error.isEmpty());
    options.outputPath = m_dir.filePath(QStringLiteral("missing/out.xlsx"));
    error.clear();
    QVERIFY(!exportReport(m_support, res, ReportFormat::Xlsx, options, &error));
    QVERIFY2(error.contains(QStringLiteral("out.xlsx")), qPrintable(error));
    QVERIFY(!QDir(m_dir.filePath(QStringLiteral("missing"))).exists());
    options.outputPath = m_dir.path();
    QVERIFY(!exportReport(m_support, res, ReportFormat::Json, options, &error));
    options.outputPath = m_dir.filePath(QStringLiteral("x.json"));
    options.scenario = 7;
    QVERIFY(!exportReport(m_support, res, ReportFormat::Json, options, &error));
    QVERIFY(error.contains(QStringLiteral("scenario")));
    options.scenario = -1;
    QVERIFY(!exportReport(m_portfolio, res, ReportFormat::Json, options, &error));
    QVERIFY(!QFile::exists(options.outputPath));

    // A failed export leaves the previous file as it was.
    QFile old(options.outputPath);
    QVERIFY(old.open(QIODevice::WriteOnly));
    old.write("previous");
    old.close();
    options.scenario = 9;
    QVERIFY(!exportReport(m_support, res, ReportFormat::Json, options, &error));
    QCOMPARE(readText(options.outputPath), QStringLiteral("previous"));
    // No temporary file is left beside it.
    const QStringList left =
        QDir(m_dir.path()).entryList({QStringLiteral("x.json*")}, QDir::Files | QDir::Hidden);
    QCOMPARE(left, QStringList{QStringLiteral("x.json")});
}

void TestExportData::formatNames()
{
    for (ReportFormat f : kAllReportFormats) {
        QCOMPARE(reportFormatFromName(reportFormatName(f)), f);
        QCOMPARE(reportFormatFromName(reportFormatName(f).toUpper()), f);
        QVERIFY(reportFormatFilter(f).contains(QStringLiteral("*.") + reportFormatSuffix(f)));
    }
    QVERIFY(!reportFormatFromName(QStringLiteral("docx")));
    Workbook wb;
    wb.settings.name = "Q3/Q4: \"AI\" <plan>?";
    QCOMPARE(suggestedReportFileName(wb, ReportFormat::Pdf),
             QStringLiteral("Q3_Q4_ _AI_ _plan__.pdf"));
    wb.settings.name = " ... ";
    QCOMPARE(suggestedReportFileName(wb, ReportFormat::Xlsx), QStringLiteral("report.xlsx"));
    QCOMPARE(suggestedReportFileName(wb, ReportFormat::XlsxValues), QStringLiteral("report.xlsx"));
}

QTEST_MAIN(TestExportData)
#include "tst_exportdata.moc"
