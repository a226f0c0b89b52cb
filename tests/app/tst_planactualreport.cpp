// "Plan vs actual" in the reports (issue 13) against figures computed by hand on
// tests/data/planactual/plan-actual.roiwb (see its README.md): one use case "Support" planned at
// $1,000 a month ($400 tokens + $600 hosting) against $1,500 avoided, approved as a snapshot;
// three months of daily OpenAI usage imported (tokens $400, $520, $600). The PDF and HTML
// section, the XLSX sheet of both workbooks, the CSV files, and `compute --format json|csv`.
#include "commandline.h"
#include "numberformat.h"
#include "planactualreportsection.h"
#include "reportexporter.h"

#include "export/planactualexport.h"
#include "planactual/planactualexport.h"

#include "exporttestutil.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

#include <sstream>

using namespace roi;
using namespace roi::test;

namespace {

const QString kData = QStringLiteral(ROI_SOURCE_DIR "/tests/data/planactual/");

Workbook load(const QString &name)
{
    QFile f(kData + name);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QByteArray bytes = f.readAll();
    auto r =
        readWorkbook(std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size())));
    return r.ok() ? *r.workbook : Workbook{};
}

/// The first line of `text` that contains `needle` (empty when none).
QString lineWith(const std::string &text, const char *needle)
{
    const QStringList lines = QString::fromStdString(text).split(u'\n');
    for (const QString &line : lines) {
        if (line.contains(QLatin1String(needle)))
            return line;
    }
    return {};
}

QString readText(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

} // namespace

class TestPlanActualReport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void modelFigures();
    void sectionHtml_data();
    void sectionHtml();
    void pdfHasTheSection();
    void xlsxSheets_data();
    void xlsxSheets();
    void csvFiles();
    void computeJsonAndCsv();
    void noActualsNoSection();

private:
    Workbook m_wb;
    Results m_res;
};

void TestPlanActualReport::initTestCase()
{
    m_wb = load(QStringLiteral("plan-actual.roiwb"));
    QCOMPARE(m_wb.useCases.size(), std::size_t(1));
    QVERIFY(!m_wb.actuals.isEmpty());
    m_res = computeAsOfReportDay(m_wb);
}

void TestPlanActualReport::modelFigures()
{
    const PlanActualReport r = buildPlanActual(m_wb, m_res);
    QVERIFY(r.hasActuals);
    QCOMPARE(r.basis, std::string("Approved by the board"));
    QCOMPARE(r.basisTakenBy, std::string("CFO"));
    QCOMPARE(r.basisTakenOn.toString(), std::string("2025-12-15"));
    QCOMPARE(r.portfolio.months.size(), std::size_t(3));
    // Actual cost = token cost + hosting $600 as planned: 1,000, 1,120, 1,200.
    QCOMPARE(r.portfolio.months[1].actualCost, 1120.0);
    QCOMPARE(r.portfolio.months[2].variance, 200.0);
    QCOMPARE(r.portfolio.months[1].actualRequests, 1300.0); // 600 + 600 + 100
    QCOMPARE(r.portfolio.varianceTotal, 320.0);
    QCOMPARE(r.findings.size(), std::size_t(2)); // Feb and Mar: the use case and the portfolio
    // Recalibrated: 1,000 + 1,120 + 1,200 + 3 × 1,000 = 6,320; benefit 6 × 1,500 = 9,000.
    QCOMPARE(r.recalibrated.size(), std::size_t(1));
    QCOMPARE(r.recalibrated[0].tco, 6320.0);
    QCOMPARE(r.recalibrated[0].net, 2680.0);
    QCOMPARE(actualMonthsText(r.recalibrated[0], r.startMonth), std::string("2026-01 to 2026-03"));
    // Executive, baseline = every token at large's 2.50 / 10.00: Feb 120M × 2.5 + 18M × 10 +
    // (small) 80M × 2.5 + 20M × 10 = 300 + 180 + 200 + 200 = 880 against 520 paid.
    QCOMPARE(r.executive.size(), std::size_t(3));
    QCOMPARE(r.executive[1].baselineCost, 880.0);
    QCOMPARE(r.executive[1].realisedCost, 520.0);
}

void TestPlanActualReport::sectionHtml_data()
{
    QTest::addColumn<QString>("expected");
    QTest::newRow("title") << "<h1 class=\"page\">Plan vs actual</h1>";
    QTest::newRow("basis")
        << "<b>Approved by the board</b> (scenario Base, frozen on 2025-12-15 by CFO)";
    QTest::newRow("months") << "Imported actuals for 3 months (Jan 2026 to Mar 2026)";
    QTest::newRow("February actual") << "$1,120.00";
    QTest::newRow("February variance") << "+$120.00";
    QTest::newRow("above band marked") << "+12.0% <span class=\"error\">▲</span>";
    QTest::newRow("March") << "+20.0% <span class=\"error\">▲</span>";
    // Totals: 3,000 forecast, 3,320 actual: +320, +10.7%.
    QTest::newRow("total variance") << "+$320.00";
    QTest::newRow("total percent") << "+10.7%";
    QTest::newRow("finding") << "for 2 months in a row";
    // Executive over the 3 months: baseline 400 + 880 + 825 = 2,105; realised 1,520;
    // savings 585 / 2,105 = 27.8%.
    QTest::newRow("baseline") << "$2,105.00";
    QTest::newRow("realised") << "$1,520.00";
    QTest::newRow("savings") << "27.8%";
    QTest::newRow("February savings") << "40.9%"; // (880 − 520) / 880
    // By ISO week (the import was daily): W09 240 + 400 = 640 against 280, 56.25%.
    QTest::newRow("weekly table") << "<th align=\"left\" width=\"28%\">ISO week</th>";
    QTest::newRow("W09") << "<td align=\"left\">2026-W09</td><td align=\"right\" "
                            "class=\"n\">$640.00</td><td align=\"right\" class=\"n\">$280.00</td>"
                            "<td align=\"right\" class=\"n\">56.3%</td>";
    // Recalibrated ROI (9,000 − 6,320) / 6,320 = 42.4% against 50.0% forecast.
    QTest::newRow("recalibrated months") << "2026-01 to 2026-03";
    QTest::newRow("recalibrated ROI") << "42.4%";
    QTest::newRow("forecast ROI") << "50.0%";
    QTest::newRow("recalibrated TCO") << "$6,320.00";
}

void TestPlanActualReport::sectionHtml()
{
    QFETCH(QString, expected);
    const NumberFormat nf(QStringLiteral("USD"), QLocale(QLocale::English, QLocale::UnitedStates));
    const QString html = planActualSectionHtml(m_wb, buildPlanActual(m_wb, m_res), m_res, 0, nf);
    QVERIFY2(html.contains(expected), qPrintable(expected));
}

void TestPlanActualReport::pdfHasTheSection()
{
    if (!haveTool(QStringLiteral("pdftotext")))
        QFAIL("pdftotext (poppler-utils) is needed");
    QTemporaryDir dir;
    ReportOptions options;
    options.today = reportDay();
    options.includeUncertainty = false;
    options.outputPath = dir.filePath(QStringLiteral("r.pdf"));
    QString error;
    QVERIFY2(exportReport(m_wb, m_res, ReportFormat::Pdf, options, &error), qPrintable(error));
    const QString text = pdfText(options.outputPath);
    QVERIFY(text.contains(QStringLiteral("Plan vs actual")));
    QVERIFY(text.contains(QStringLiteral("Executive numbers from real usage")));
    QVERIFY(text.contains(QStringLiteral("$1,120.00")));
    QVERIFY(text.contains(QStringLiteral("42.4%")));
    // The HTML report has the section and its chart as an image.
    options.outputPath = dir.filePath(QStringLiteral("r.html"));
    QVERIFY2(exportReport(m_wb, m_res, ReportFormat::Html, options, &error), qPrintable(error));
    const QString html = readText(options.outputPath);
    QVERIFY(html.contains(QStringLiteral("Plan vs actual")));
    QVERIFY(html.contains(QStringLiteral("alt=\"Plan vs actual: Portfolio\"")));
}

void TestPlanActualReport::xlsxSheets_data()
{
    QTest::addColumn<int>("format");
    QTest::newRow("formula model") << int(ReportFormat::Xlsx);
    QTest::newRow("values") << int(ReportFormat::XlsxValues);
}

void TestPlanActualReport::xlsxSheets()
{
    QFETCH(int, format);
    QTemporaryDir dir;
    ReportOptions options;
    options.today = reportDay();
    options.includeUncertainty = false;
    options.outputPath = dir.filePath(QStringLiteral("r.xlsx"));
    QString error;
    QVERIFY2(exportReport(m_wb, m_res, ReportFormat(format), options, &error), qPrintable(error));
    const QString book =
        QString::fromUtf8(unzipMember(options.outputPath, QStringLiteral("xl/workbook.xml")));
    QVERIFY2(book.contains(QStringLiteral("name=\"Plan vs actual\"")), qPrintable(book));
    const QString strings =
        QString::fromUtf8(unzipMember(options.outputPath, QStringLiteral("xl/sharedStrings.xml")));
    QVERIFY(strings.contains(QStringLiteral("Recalibrated KPIs: actual to date + forecast")));
    QVERIFY(strings.contains(QStringLiteral("2026-01 to 2026-03")));
    QVERIFY(strings.contains(
        QStringLiteral("Against: Approved by the board, frozen on 2025-12-15 by CFO")));
}

void TestPlanActualReport::csvFiles()
{
    QTemporaryDir dir;
    ReportOptions options;
    options.today = reportDay();
    options.includeUncertainty = false;
    options.outputPath = dir.filePath(QStringLiteral("r.csv"));
    QString error;
    QStringList written;
    QVERIFY2(exportReport(m_wb, m_res, ReportFormat::Csv, options, &error, &written),
             qPrintable(error));
    const QStringList paths = csvPlanActualPaths(options.outputPath);
    for (const QString &p : paths)
        QVERIFY2(written.contains(p), qPrintable(p));
    const auto months = parseCsv(readText(paths[0]));
    QCOMPARE(months.size(), 1 + 3 + 3); // header, Support × 3, Portfolio × 3
    QCOMPARE(months[0][0], QStringLiteral("use_case"));
    QCOMPARE(months[2],
             QStringLiteral("Support,2026-02,1000,1120,120,12,400,520,1000,1300,1000,0,yes")
                 .split(u','));
    QCOMPARE(months[4][0], QStringLiteral("Portfolio"));
    const auto recal = parseCsv(readText(paths[1]));
    QCOMPARE(recal[1].mid(0, 7),
             QStringLiteral("Support,3,2026-01 to 2026-03,2026-03,6320,9000,2680").split(u','));
    QCOMPARE(recal[1][7].left(6), QStringLiteral("42.405")); // 2,680 / 6,320
    const auto exec = parseCsv(readText(paths[2]));
    QCOMPARE(exec[2].mid(0, 4), QStringLiteral("month,2026-02,880,520").split(u','));
    QCOMPARE(exec.size(), 1 + 3 + 6); // header, 3 months, 6 ISO weeks
    QCOMPARE(exec[7].mid(0, 4), QStringLiteral("week,2026-W09,640,280").split(u','));
}

void TestPlanActualReport::computeJsonAndCsv()
{
    const std::string file = (kData + QStringLiteral("plan-actual.roiwb")).toStdString();
    std::ostringstream out, err;
    QCOMPARE(runCommandLine({"compute", file, "--format", "json"}, out, err), 0);
    const auto j = nlohmann::json::parse(out.str());
    QVERIFY(j.contains("planVsActual"));
    const auto &pva = j["planVsActual"];
    QCOMPARE(pva["basis"].get<std::string>(), std::string("Approved by the board"));
    QCOMPARE(pva["portfolio"]["varianceTotal"].get<double>(), 320.0);
    QCOMPARE(pva["recalibrated"][0]["monthsActual"].get<std::string>(),
             std::string("2026-01 to 2026-03"));
    QCOMPARE(pva["executive"][1]["baselineCost"].get<double>(), 880.0);
    QCOMPARE(pva["executiveWeekly"][3]["period"].get<std::string>(), std::string("2026-W09"));
    QCOMPARE(pva["executiveWeekly"][3]["baselineCost"].get<double>(), 640.0);

    std::ostringstream csv, err2;
    QCOMPARE(runCommandLine({"compute", file, "--format", "csv"}, csv, err2), 0);
    QVERIFY(csv.str().find("\r\n\r\nuse_case,month,forecast_cost,actual_cost")
            != std::string::npos);
    QVERIFY(csv.str().find("Support,2026-03,1000,1200,200,20,") != std::string::npos);

    std::ostringstream text, err3;
    QCOMPARE(runCommandLine({"compute", file}, text, err3), 0);
    QVERIFY(text.str().find("Recalibrated: actual to date + forecast from then on")
            != std::string::npos);
    const QString w09 = lineWith(text.str(), "2026-W09");
    QVERIFY2(w09.contains(QStringLiteral("$640.00")) && w09.contains(QStringLiteral("$280.00"))
                 && w09.contains(QStringLiteral("+56.3%")),
             qPrintable(w09));

    // `actuals`: the weeks of the daily import, W09 = 700 requests, 169M tokens, $280.
    std::ostringstream act, err4;
    QCOMPARE(runCommandLine({"actuals", file}, act, err4), 0);
    QVERIFY(act.str().find("By ISO week (imports with daily records):") != std::string::npos);
    const QString actW09 = lineWith(act.str(), "2026-W09");
    QVERIFY2(actW09.contains(QStringLiteral(" 700 "))
                 && actW09.contains(QStringLiteral("169,000,000"))
                 && actW09.contains(QStringLiteral("$280.00")),
             qPrintable(actW09));
    std::ostringstream actJson, err5;
    QCOMPARE(runCommandLine({"actuals", file, "--format", "json"}, actJson, err5), 0);
    const auto aj = nlohmann::json::parse(actJson.str());
    QCOMPARE(aj["weeks"].size(), std::size_t(6));
    QCOMPARE(aj["weeks"][3]["week"].get<std::string>(), std::string("2026-W09"));
    QCOMPARE(aj["weeks"][3]["cost"].get<double>(), 280.0);
}

void TestPlanActualReport::noActualsNoSection()
{
    const Workbook wb = load(QStringLiteral("plan-actual-base.roiwb"));
    QVERIFY(wb.actuals.isEmpty());
    const Results res = computeAsOfReportDay(wb);
    QTemporaryDir dir;
    ReportOptions options;
    options.today = reportDay();
    options.includeUncertainty = false;
    options.outputPath = dir.filePath(QStringLiteral("r.csv"));
    QString error;
    QStringList written;
    QVERIFY(exportReport(wb, res, ReportFormat::Csv, options, &error, &written));
    QCOMPARE(written.size(), 3); // series, KPIs, detail only
    std::vector<ReportChart> charts;
    QString html;
    appendPlanActualSection(html, charts, wb, res, 0, NumberFormat(QStringLiteral("USD")), 700);
    QVERIFY(html.isEmpty());
    QVERIFY(charts.empty());
}

QTEST_MAIN(TestPlanActualReport)
#include "tst_planactualreport.moc"
