// The PDF and HTML reports: the acceptance figures read back from the PDF with pdftotext, page
// count and fill, vector charts, the logo, escaping of user text, and a self-contained HTML file.
// With ROI_SCREENSHOT_DIR set, the pages are also rendered there as PNG for looking at them.
#include "exporttestutil.h"
#include "reportexporter.h"

#include <QBuffer>
#include <QImage>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace roi;
using namespace roi::test;

class TestReport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void pdfShowsAcceptanceFigures();
    void pdfHasEverySection();
    void pdfPagesAreFilled_data();
    void pdfPagesAreFilled();
    void pdfChartsAreVectors();
    void pdfShowsLogo();
    void pdfEscapesUserText();
    void pdfHeadlineScenario();
    void pdfOfEmptyWorkbook();
    void htmlEscapesUserText();
    void htmlHasNoExternalReference();
    void htmlHasSameFigures();
    void htmlEmbedsChartsAsSvg();
    void htmlLogoIsReencoded();

private:
    QString writeReport(const Workbook &wb, ReportFormat format, const QString &name,
                        int scenario = -1);
    QByteArray htmlOf(const Workbook &wb);
    static std::string pngBase64(int width, int height);

    QTemporaryDir m_dir;
    Workbook m_support;
    Workbook m_portfolio;
};

void TestReport::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_support = example("support-assistant");
    m_portfolio = example("portfolio");
    QCOMPARE(m_support.useCases.size(), std::size_t(1));
    QCOMPARE(m_portfolio.useCases.size(), std::size_t(3));
    if (!haveTool(QStringLiteral("pdftotext")) || !haveTool(QStringLiteral("pdfinfo")))
        QFAIL("poppler-utils (pdftotext, pdfinfo) are needed to read the PDF back "
              "(tools/install-deps.sh installs it)");
}

QString TestReport::writeReport(const Workbook &wb, ReportFormat format, const QString &name,
                                int scenario)
{
    ReportOptions options;
    options.today = reportDay();
    options.scenario = scenario;
    options.outputPath = m_dir.filePath(name);
    QString error;
    QStringList written;
    const Results res = computeAsOfReportDay(wb);
    if (!exportReport(wb, res, format, options, &error, &written)) {
        qWarning("export failed: %s", qPrintable(error));
        return {};
    }
    if (written != QStringList{options.outputPath})
        return {};
    return options.outputPath;
}

QByteArray TestReport::htmlOf(const Workbook &wb)
{
    const QString path = writeReport(wb, ReportFormat::Html, QStringLiteral("report.html"));
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

std::string TestReport::pngBase64(int width, int height)
{
    QImage logo(width, height, QImage::Format_RGB32);
    logo.fill(QColor(0x1f, 0x5f, 0xa8));
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    logo.save(&buffer, "PNG");
    return png.toBase64().toStdString();
}

void TestReport::pdfShowsAcceptanceFigures()
{
    const QString path = writeReport(m_support, ReportFormat::Pdf, QStringLiteral("support.pdf"));
    QVERIFY(!path.isEmpty());
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QVERIFY(f.read(5).startsWith("%PDF-"));
    const QString text = pdfText(path);
    // DESIGN.md's acceptance example, as the run-rate table and sentences print it.
    for (const char *expected :
         {"$5,037.50", "$437.50", "$400.00", "$3,000.00", "$1,200.00", "$0.10075", "$0.00875",
          "$0.10 per outcome", "True TCO per month", "Model invoice alone", "Baseline captured",
          "2026-10-15", "Helpdesk analytics export", "Base", "Best", "Worst", "23 November 2026",
          "Prepared by Finance & Strategy"}) {
        QVERIFY2(text.contains(QString::fromUtf8(expected)), expected);
    }
    // The run-rate rows read layer, then amount.
    QVERIFY(text.contains(QRegularExpression(QStringLiteral("Model tokens[^$]*\\$437\\.50"))));
    QVERIFY(
        text.contains(QRegularExpression(QStringLiteral("Engineering maintenance[^$]*\\$3,000"))));
}

void TestReport::pdfHasEverySection()
{
    const QString path =
        writeReport(m_portfolio, ReportFormat::Pdf, QStringLiteral("portfolio.pdf"));
    QVERIFY(!path.isEmpty());
    const QString text = pdfText(path);
    for (const char *heading : {"Executive summary",
                                "Use cases at a glance",
                                "Scenarios",
                                "Invoice vs true cost — monthly run rate",
                                "Hard value by driver",
                                "Risk discount: gross → discount → net",
                                "Soft value — reported apart",
                                "Use cases compared",
                                "Portfolio by scenario",
                                "Model checks",
                                "Appendix — assumptions",
                                "Workbook settings",
                                "Price book",
                                "Inputs: Support assistant",
                                "Inputs: Lead qualification",
                                "Inputs: Contract review",
                                "Cost layers",
                                "Value drivers",
                                "Risk discount and ramp-up",
                                "Scorecard"}) {
        QVERIFY2(text.contains(QString::fromUtf8(heading)), heading);
    }
    // Every input appears with its label and unit, e.g. the price book with its date.
    QVERIFY(text.contains(QStringLiteral("Monthly volume")));
    QVERIFY(text.contains(QStringLiteral("Annual token price decline")));
    QVERIFY(text.contains(QStringLiteral("2026-11-01")));
    QVERIFY(text.contains(QStringLiteral("drivers[*].minutesWithAi")));
}

void TestReport::pdfPagesAreFilled_data()
{
    QTest::addColumn<QString>("example");
    QTest::addColumn<int>("minPages");
    QTest::addColumn<int>("maxPages");
    // What the content needs: cover, summary, the use cases, checks and the appendix.
    QTest::newRow("support-assistant") << QStringLiteral("support-assistant") << 7 << 13;
    QTest::newRow("portfolio") << QStringLiteral("portfolio") << 16 << 30;
}

void TestReport::pdfPagesAreFilled()
{
    QFETCH(QString, example);
    QFETCH(int, minPages);
    QFETCH(int, maxPages);
    const Workbook wb = roi::test::example(qPrintable(example));
    const QString path = writeReport(wb, ReportFormat::Pdf, example + QStringLiteral(".pdf"));
    QVERIFY(!path.isEmpty());
    QVERIFY(pdfInfo(path, QStringLiteral("Page size")).endsWith(QStringLiteral("(A4)")));
    const int pages = pdfInfo(path, QStringLiteral("Pages")).toInt();
    QVERIFY2(pages >= minPages && pages <= maxPages, qPrintable(QString::number(pages)));
    const QString header = QString::fromStdString(wb.settings.name);
    for (int page = 1; page <= pages; ++page) {
        const QString text = pdfText(path, page);
        const QString number = QStringLiteral("Page %1 of %2").arg(page).arg(pages);
        if (page > 1) {
            QVERIFY2(text.contains(number), qPrintable(number));
            QVERIFY(text.contains(header + QStringLiteral(" — return on AI spend")));
        }
        // Body text besides the running header and footer: no page is (nearly) empty.
        QString body;
        for (const QString &line : text.split(QLatin1Char('\n'))) {
            if (!line.contains(number) && !line.contains(QStringLiteral("return on AI spend"))
                && !line.contains(QStringLiteral("Prepared by")))
                body += line.simplified();
        }
        QVERIFY2(body.size() >= 60, qPrintable(QStringLiteral("page %1: %2").arg(page).arg(body)));
    }
    const QByteArray dir = qgetenv("ROI_SCREENSHOT_DIR");
    if (!dir.isEmpty() && haveTool(QStringLiteral("pdftoppm")))
        run(QStringLiteral("pdftoppm"),
            {QStringLiteral("-png"), QStringLiteral("-r"), QStringLiteral("60"), path,
             QString::fromLocal8Bit(dir) + QStringLiteral("/report-") + example});
}

void TestReport::pdfChartsAreVectors()
{
    if (!haveTool(QStringLiteral("pdfimages")))
        QFAIL("pdfimages is needed (tools/install-deps.sh installs it)");
    const QString path = writeReport(m_support, ReportFormat::Pdf, QStringLiteral("vector.pdf"));
    QVERIFY(!path.isEmpty());
    // Charts are drawn as paths and text, so a report without a logo holds no bitmap at all;
    // their titles are real text.
    const QString images =
        QString::fromUtf8(run(QStringLiteral("pdfimages"), {QStringLiteral("-list"), path}));
    QCOMPARE(images.trimmed().split(QLatin1Char('\n')).size(), 2); // the two header lines
    const QString text = pdfText(path);
    QVERIFY(text.contains(QStringLiteral("Cumulative net by scenario")));
    QVERIFY(text.contains(QStringLiteral("Invoice vs true cost")));
    QVERIFY(text.contains(QStringLiteral("Monthly cost by category vs hard")));
}

void TestReport::pdfShowsLogo()
{
    if (!haveTool(QStringLiteral("pdfimages")))
        QFAIL("pdfimages is needed (tools/install-deps.sh installs it)");
    Workbook wb = m_support;
    wb.settings.logoPng = pngBase64(120, 40);
    const QString path = writeReport(wb, ReportFormat::Pdf, QStringLiteral("logo.pdf"));
    QVERIFY(!path.isEmpty());
    const QStringList lines =
        QString::fromUtf8(run(QStringLiteral("pdfimages"), {QStringLiteral("-list"), path}))
            .trimmed()
            .split(QLatin1Char('\n'));
    QCOMPARE(lines.size(), 3);
    QCOMPARE(lines[2].simplified().section(QLatin1Char(' '), 0, 0), QStringLiteral("1")); // page 1

    // A logo that is not a PNG is left out rather than failing the report.
    wb.settings.logoPng = "not base64 at all!";
    QVERIFY(!writeReport(wb, ReportFormat::Pdf, QStringLiteral("badlogo.pdf")).isEmpty());
}

void TestReport::pdfEscapesUserText()
{
    Workbook wb = m_support;
    wb.useCases[0].name = "<b>Bold</b> & \"quoted\"";
    wb.settings.name = "Q&A <i>ops</i>";
    const QString path = writeReport(wb, ReportFormat::Pdf, QStringLiteral("escaped.pdf"));
    QVERIFY(!path.isEmpty());
    const QString text = pdfText(path);
    QVERIFY(text.contains(QStringLiteral("<b>Bold</b> & \"quoted\"")));
    QVERIFY(text.contains(QStringLiteral("Q&A <i>ops</i>")));
}

void TestReport::pdfHeadlineScenario()
{
    const int worst =
        static_cast<int>(std::find_if(m_support.scenarios.begin(), m_support.scenarios.end(),
                                      [](const Scenario &s) { return s.name == "Worst"; })
                         - m_support.scenarios.begin());
    const QString path =
        writeReport(m_support, ReportFormat::Pdf, QStringLiteral("worst.pdf"), worst);
    QVERIFY(!path.isEmpty());
    const QString text = pdfText(path);
    QVERIFY(text.contains(QStringLiteral("in the Worst scenario")));
    QVERIFY(text.contains(QStringLiteral("Worst (headline)")));
}

void TestReport::pdfOfEmptyWorkbook()
{
    Workbook wb = newWorkbook();
    wb.settings.name = "Nothing yet";
    const QString path = writeReport(wb, ReportFormat::Pdf, QStringLiteral("empty.pdf"));
    QVERIFY(!path.isEmpty());
    QVERIFY(pdfText(path).contains(QStringLiteral("no use case yet")));
    QVERIFY(!writeReport(wb, ReportFormat::Html, QStringLiteral("empty.html")).isEmpty());
}

void TestReport::htmlEscapesUserText()
{
    Workbook wb = m_support;
    wb.useCases[0].name = "<script>alert(1)</script>";
    wb.useCases[0].description = "Say \"hi\" & 'bye' <img src=x onerror=alert(2)>";
    wb.settings.name = "Board \"deck\" <2027>";
    const QByteArray html = htmlOf(wb);
    QVERIFY(!html.isEmpty());
    QVERIFY(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    QVERIFY(!html.contains("<script"));
    QVERIFY(!html.contains("<img src=x"));
    QVERIFY(html.contains("&lt;img src=x onerror=alert(2)&gt;"));
    QVERIFY(
        html.contains("<title>Board &quot;deck&quot; &lt;2027&gt; — return on AI spend</title>"));
}

void TestReport::htmlHasNoExternalReference()
{
    Workbook wb = m_portfolio;
    wb.settings.logoPng = pngBase64(60, 20);
    const QByteArray html = htmlOf(wb);
    QVERIFY(html.startsWith("<!DOCTYPE html>"));
    for (const char *bad : {"src=\"http", "href=\"http", "url(http", "@import", "<link", "<script",
                            "src='", "href="}) {
        QVERIFY2(!html.contains(bad), bad);
    }
    // Every src is a data URI, in double quotes.
    const QRegularExpression src(QStringLiteral("src=\"([^\"]*)\""));
    int sources = 0;
    for (const auto &m : src.globalMatch(QString::fromUtf8(html))) {
        QVERIFY(m.captured(1).startsWith(QStringLiteral("data:image/")));
        ++sources;
    }
    QVERIFY(sources >= 10);
}

void TestReport::htmlHasSameFigures()
{
    const QString html = QString::fromUtf8(htmlOf(m_support));
    for (const char *expected :
         {"$5,037.50", "$437.50", "$0.10075", "$0.00875", "$0.10 per outcome", "2026-10-15", "Base",
          "Best", "Worst", "Executive summary", "Appendix — assumptions",
          "Soft value — reported apart"}) {
        QVERIFY2(html.contains(QString::fromUtf8(expected).toHtmlEscaped()), expected);
    }
}

void TestReport::htmlEmbedsChartsAsSvg()
{
    const QString html = QString::fromUtf8(htmlOf(m_support));
    const QRegularExpression svg(
        QStringLiteral("src=\"data:image/svg\\+xml;base64,([A-Za-z0-9+/=]+)\""));
    int charts = 0;
    for (const auto &m : svg.globalMatch(html)) {
        const QByteArray decoded = QByteArray::fromBase64(m.captured(1).toLatin1());
        QVERIFY(decoded.contains("<svg"));
        QVERIFY(decoded.contains("</svg>"));
        ++charts;
    }
    // Cumulative net, invoice vs true cost, cost by category; the uncertainty section's fan
    // chart, NPV and ROI histograms; the tornado.
    QCOMPARE(charts, 7);
    QVERIFY(html.contains(QStringLiteral("alt=\"Cumulative net: P10–P90 range\"")));
    QVERIFY(html.contains(QStringLiteral("alt=\"Distribution of ROI\"")));
}

void TestReport::htmlLogoIsReencoded()
{
    Workbook wb = m_support;
    wb.settings.logoPng = pngBase64(30, 10);
    QVERIFY(QString::fromUtf8(htmlOf(wb)).contains(QStringLiteral("src=\"data:image/png;base64,")));
    wb.settings.logoPng = "PHN2Zz48L3N2Zz4="; // "<svg></svg>": not a PNG, left out
    QVERIFY(!htmlOf(wb).contains("data:image/png"));
}

QTEST_MAIN(TestReport)
#include "tst_report.moc"
