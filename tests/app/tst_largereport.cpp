// Reports of a large portfolio (the bundled one copied to 40 use cases): the options choose
// which use cases get a full section, and a long portfolio gets an overview, the comparison and
// a compact table per use case instead of hundreds of pages. Also how the PDF cuts the report
// into sections it lays out one by one.
#include "exporttestutil.h"
#include "pdfreport.h"
#include "portfolio.h"
#include "reportexporter.h"

#include <QApplication>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace roi;
using namespace roi::test;

Q_DECLARE_METATYPE(roi::UseCaseSections)
Q_DECLARE_METATYPE(roi::RankKpi)

class TestLargeReport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void sections_data();
    void sections();
    void topRanksByKpi();
    void summaryIsShortForLongPortfolio();
    void pdfOfLargePortfolio();
    void reportSectionsSplit();
    void xlsxOfLargePortfolio();
    void formulaModelOfLargePortfolio();

private:
    QByteArray html(const ReportOptions &options);
    static int count(const QString &text, const QString &what);

    QTemporaryDir m_dir;
    Workbook m_wb;
    Results m_res;
};

void TestLargeReport::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // 40 use cases over 24 months: three bundled ones copied, "Support assistant 2", ...
    m_wb = roiscale::scaledPortfolio(roiscale::bundledPortfolio(ROI_SOURCE_DIR), 40, 24);
    QCOMPARE(m_wb.useCases.size(), std::size_t(40));
    m_res = computeAsOfReportDay(m_wb);
}

QByteArray TestLargeReport::html(const ReportOptions &options)
{
    QString error;
    const QByteArray bytes = reportBytes(m_wb, m_res, ReportFormat::Html, options, &error);
    if (bytes.isEmpty())
        qWarning("HTML export failed: %s", qPrintable(error));
    return bytes;
}

int TestLargeReport::count(const QString &text, const QString &what)
{
    return static_cast<int>(text.count(what));
}

void TestLargeReport::sections_data()
{
    QTest::addColumn<UseCaseSections>("sections");
    QTest::addColumn<int>("top");
    QTest::addColumn<QStringList>("names");
    QTest::addColumn<int>("full");      // use cases with a section of their own
    QTest::addColumn<bool>("overview"); // portfolio overview and use cases in brief
    // Auto above 20 use cases: the best 10 by NPV.
    QTest::newRow("auto") << UseCaseSections::Auto << 0 << QStringList() << 10 << true;
    QTest::newRow("all") << UseCaseSections::All << 0 << QStringList() << 40 << false;
    QTest::newRow("top 3") << UseCaseSections::Top << 3 << QStringList() << 3 << true;
    QTest::newRow("top 0") << UseCaseSections::Top << 0 << QStringList() << 0 << true;
    // Named: an unknown name is ignored.
    QTest::newRow("named") << UseCaseSections::Named << 0
                           << QStringList{QStringLiteral("Lead qualification 7"),
                                          QStringLiteral("Contract review"),
                                          QStringLiteral("No such use case")}
                           << 2 << true;
    QTest::newRow("none") << UseCaseSections::None << 0 << QStringList() << 0 << true;
}

void TestLargeReport::sections()
{
    QFETCH(UseCaseSections, sections);
    QFETCH(int, top);
    QFETCH(QStringList, names);
    QFETCH(int, full);
    QFETCH(bool, overview);
    ReportOptions options;
    options.today = reportDay();
    options.sections = sections;
    options.topCount = top;
    options.sectionNames = names;
    const QString text = QString::fromUtf8(html(options));
    QVERIFY(!text.isEmpty());
    // A full section opens with the use case's name as a page heading and lists its inputs in
    // the assumptions appendix.
    QCOMPARE(count(text, QStringLiteral(">Inputs: ")), full);
    const std::vector<int> chosen = fullSectionUseCases(m_wb, m_res, options, 0);
    QCOMPARE(static_cast<int>(chosen.size()), full);
    for (int u : chosen) {
        const QString name =
            QString::fromStdString(m_wb.useCases[static_cast<std::size_t>(u)].name);
        QVERIFY2(text.contains(QStringLiteral("<h1 class=\"page\">%1</h1>").arg(name)),
                 qPrintable(name));
    }
    if (sections == UseCaseSections::Named) {
        QVERIFY(text.contains(QStringLiteral("<h1 class=\"page\">Lead qualification 7</h1>")));
        QVERIFY(text.contains(QStringLiteral("<h1 class=\"page\">Contract review</h1>")));
    }
    // Every use case is still compared, whatever gets a section.
    QVERIFY(text.contains(QStringLiteral("Use cases compared")));
    QCOMPARE(text.contains(QStringLiteral("Portfolio overview")), overview);
    QCOMPARE(text.contains(QStringLiteral("Use cases in brief")), overview);
    if (overview) {
        // A compact table for each use case: a group row with its name, then its scenarios.
        QRegularExpression brief(
            QStringLiteral("<tr class=\"group\"><td colspan=\"6\"><b>[^<]+</b> · [^<]+ a month "
                           "of [^<]+</td></tr>\n<tr class=\"strong\">"));
        QCOMPARE(static_cast<int>(text.count(brief)), 40);
        QVERIFY(text.contains(QStringLiteral("The 10 best by NPV")));
        QVERIFY(text.contains(QStringLiteral("The 10 weakest by NPV")));
    }
}

void TestLargeReport::topRanksByKpi()
{
    // Top by ROI: the chosen ones have the highest ROI of all, best first.
    ReportOptions options;
    options.sections = UseCaseSections::Top;
    options.topCount = 5;
    options.rankBy = RankKpi::Roi;
    const int base = headlineScenario(m_res, options);
    const std::vector<int> chosen = fullSectionUseCases(m_wb, m_res, options, base);
    QCOMPARE(chosen.size(), std::size_t(5));
    double lowestChosen = 1e300;
    for (std::size_t i = 0; i < chosen.size(); ++i) {
        const Kpi &roi = m_res.at(chosen[i], base).kpis.roiPercent;
        QVERIFY(roi.ok());
        if (i > 0)
            QVERIFY(roi.value <= m_res.at(chosen[i - 1], base).kpis.roiPercent.value);
        lowestChosen = std::min(lowestChosen, roi.value);
    }
    for (int u = 0; u < m_res.useCaseCount; ++u) {
        if (std::find(chosen.begin(), chosen.end(), u) == chosen.end()) {
            const Kpi &roi = m_res.at(u, base).kpis.roiPercent;
            QVERIFY(!roi.ok() || roi.value <= lowestChosen);
        }
    }
}

void TestLargeReport::summaryIsShortForLongPortfolio()
{
    // The executive summary's table shows the ten best and the five worst, not all forty.
    ReportOptions options;
    options.today = reportDay();
    const QString text = QString::fromUtf8(html(options));
    QVERIFY(text.contains(QStringLiteral("… 25 more, compared in full under")));
}

void TestLargeReport::pdfOfLargePortfolio()
{
    // The automatic PDF of 40 use cases: the overview, ten full sections, the comparison and
    // the brief tables, in a document of sensible length.
    ReportOptions options;
    options.today = reportDay();
    options.outputPath = m_dir.filePath(QStringLiteral("large.pdf"));
    QString error;
    QVERIFY2(exportReport(m_wb, m_res, ReportFormat::Pdf, options, &error), qPrintable(error));
    const QString text = pdfText(options.outputPath);
    for (const char *expected :
         {"Executive summary", "Portfolio overview", "The 10 best by NPV", "Use cases compared",
          "Use cases in brief", "Appendix — assumptions"})
        QVERIFY2(text.contains(QString::fromUtf8(expected)), expected);
    const int pages = pdfInfo(options.outputPath, QStringLiteral("Pages")).toInt();
    // Measured: 3 use cases in full take about 8 pages each; 10 in full and 40 in brief stay
    // well under the 300 or so pages of all 40 in full.
    QVERIFY2(pages > 40 && pages < 160, qPrintable(QString::number(pages)));
    // Page numbers run on across the sections: the last page says "Page N of N".
    QVERIFY(
        pdfText(options.outputPath, pages).contains(QStringLiteral("Page %1 of %1").arg(pages)));
}

void TestLargeReport::reportSectionsSplit()
{
    // Cut before each page heading, whose break goes (the section starts its own document);
    // a heading that does not break the page stays inside its section.
    const QString body =
        QStringLiteral("<div>cover</div>\n<h1 class=\"page\">A</h1>\n<p>a</p>\n<h1>checks</h1>\n"
                       "<h1 class=\"page\">B</h1>\n<p>b</p>\n<h2 class=\"page\">C</h2>\n");
    const QStringList sections = reportSections(body);
    QCOMPARE(sections.size(), 4);
    QCOMPARE(sections[0], QStringLiteral("<div>cover</div>\n"));
    QCOMPARE(sections[1], QStringLiteral("<h1>A</h1>\n<p>a</p>\n<h1>checks</h1>\n"));
    QCOMPARE(sections[2], QStringLiteral("<h1>B</h1>\n<p>b</p>\n"));
    QCOMPARE(sections[3], QStringLiteral("<h2>C</h2>\n"));
    // A body that opens with a page heading has no empty first section.
    QCOMPARE(reportSections(QStringLiteral("<h1 class=\"page\">A</h1>x")),
             QStringList{QStringLiteral("<h1>A</h1>x")});
    QCOMPARE(reportSections(QString()), QStringList());
}

void TestLargeReport::xlsxOfLargePortfolio()
{
    // Above 20 use cases the XLSX is written row by row (constant memory): text as inline
    // strings in the sheets, every use case's sheet there, numbers as numbers.
    if (!haveTool(QStringLiteral("unzip")))
        QFAIL("unzip is needed to read the archive (tools/install-deps.sh installs it)");
    ReportOptions options;
    options.today = reportDay();
    options.outputPath = m_dir.filePath(QStringLiteral("large.xlsx"));
    QString error;
    QVERIFY2(exportReport(m_wb, m_res, ReportFormat::XlsxValues, options, &error),
             qPrintable(error));
    const QString book =
        QString::fromUtf8(unzipMember(options.outputPath, QStringLiteral("xl/workbook.xml")));
    QVERIFY(book.contains(QStringLiteral("<sheet name=\"Contract review 13\"")));
    // Sheet 3 is the first use case's series: its layer columns, and at least ten numbers in
    // each of its 3 × 24 rows.
    const QString series = QString::fromUtf8(
        unzipMember(options.outputPath, QStringLiteral("xl/worksheets/sheet3.xml")));
    QVERIFY(series.contains(QStringLiteral("t=\"inlineStr\"")));
    QVERIFY(series.contains(QStringLiteral("Layer: ")));
    QVERIFY(series.count(QStringLiteral("<v>")) >= 3 * 24 * 10);
    QVERIFY(series.contains(QStringLiteral("<autoFilter")));
}

void TestLargeReport::formulaModelOfLargePortfolio()
{
    // The formula model too is written row by row above 20 use cases; its sheets build some
    // rows out of order (the Summary column by column), so check that nothing was dropped.
    if (!haveTool(QStringLiteral("unzip")))
        QFAIL("unzip is needed to read the archive (tools/install-deps.sh installs it)");
    ReportOptions options;
    options.today = reportDay();
    options.includeUncertainty = false;
    options.outputPath = m_dir.filePath(QStringLiteral("model.xlsx"));
    QString error;
    QVERIFY2(exportReport(m_wb, m_res, ReportFormat::Xlsx, options, &error), qPrintable(error));
    const QString rels = QString::fromUtf8(
        unzipMember(options.outputPath, QStringLiteral("xl/_rels/workbook.xml.rels")));
    QVERIFY(!rels.isEmpty());
    QVERIFY(!rels.contains(QStringLiteral("sharedStrings")));
    // Summary (sheet 1): 16 KPI labels, then per column (40 use cases and the portfolio) two
    // NPVs and an IRR.
    const QString summary = QString::fromUtf8(
        unzipMember(options.outputPath, QStringLiteral("xl/worksheets/sheet1.xml")));
    QVERIFY(summary.contains(QStringLiteral("t=\"inlineStr\"")));
    QVERIFY(summary.contains(QStringLiteral("KPI (over the horizon)")));
    QVERIFY(summary.contains(QStringLiteral("NPV at the discount rate")));
    QCOMPARE(count(summary, QStringLiteral("<f>NPV(")), 2 * 41);
    QCOMPARE(count(summary, QStringLiteral("IRR(")), 41);
    // The first use case's monthly sheet (sheet 4): the month numbers in row 4 and the calendar
    // months in row 5 run to the 24th month (column Z), and the rows below are there.
    const QString monthly = QString::fromUtf8(
        unzipMember(options.outputPath, QStringLiteral("xl/worksheets/sheet4.xml")));
    for (const char *cell : {"C4", "Z4", "A5", "C5", "Z5", "Z8"})
        QVERIFY2(monthly.contains(QStringLiteral("<c r=\"%1\"").arg(QLatin1String(cell))), cell);
    QVERIFY(monthly.count(QStringLiteral("<f>")) > 20 * 24);
}

QTEST_MAIN(TestLargeReport)
#include "tst_largereport.moc"
