// Chart export: every chart as PNG (at twice its size), PDF (a page of its size) and SVG (an
// <svg> root with its view box), and clear refusals for what cannot be drawn.
#include "chartexport.h"
#include "exporttestutil.h"

#include <QImage>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace roi;
using namespace roi::test;

class TestExportChart : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void everyChartEveryFormat_data();
    void everyChartEveryFormat();
    void pngIsTwiceTheSize();
    void pdfIsOnePageOfTheChartSize();
    void svgHasRootAndViewBox();
    void refusals();
    void names();

private:
    QTemporaryDir m_dir;
    Workbook m_wb;
    Results m_res;
};

void TestExportChart::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_wb = example("portfolio");
    QCOMPARE(m_wb.useCases.size(), std::size_t(3));
    m_res = computeAsOfReportDay(m_wb);
}

void TestExportChart::everyChartEveryFormat_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("useCase");
    QTest::addColumn<QString>("suffix");
    for (ChartKind k : kAllChartKinds) {
        for (int u : {-1, 1}) {
            for (const char *suffix : {"png", "pdf", "svg"})
                QTest::addRow("%s/%d/%s", qPrintable(chartId(k)), u, suffix)
                    << static_cast<int>(k) << u << QString::fromLatin1(suffix);
        }
    }
}

void TestExportChart::everyChartEveryFormat()
{
    QFETCH(int, kind);
    QFETCH(int, useCase);
    QFETCH(QString, suffix);
    const QString path = m_dir.filePath(QStringLiteral("%1-%2.%3")
                                            .arg(chartId(static_cast<ChartKind>(kind)))
                                            .arg(useCase)
                                            .arg(suffix));
    QString error;
    QVERIFY2(exportChart(m_wb, m_res, static_cast<ChartKind>(kind), useCase, 0, path, &error),
             qPrintable(error));
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray head = f.read(64);
    if (suffix == QStringLiteral("png"))
        QVERIFY(head.startsWith("\x89PNG\r\n\x1a\n"));
    else if (suffix == QStringLiteral("pdf"))
        QVERIFY(head.startsWith("%PDF-"));
    else
        QVERIFY(head.startsWith("<?xml"));
    QVERIFY(f.size() > 1000);
}

void TestExportChart::pngIsTwiceTheSize()
{
    const QString path = m_dir.filePath(QStringLiteral("twice.png"));
    ChartExportOptions options;
    options.size = QSize(640, 360);
    QString error;
    QVERIFY2(exportChart(m_wb, m_res, ChartKind::CumulativeNet, 0, 0, path, &error, options),
             qPrintable(error));
    const QImage image(path);
    QCOMPARE(image.size(), QSize(1280, 720));
    // The density says 2 × 96 dpi, so viewers that honour it show the logical size.
    QCOMPARE(qRound(image.dotsPerMeterX() * 0.0254), 192);
    // Something is drawn: not a blank page.
    QVERIFY(image.pixelColor(10, 10) != image.pixelColor(640, 360)
            || image.pixelColor(640, 20) != image.pixelColor(10, 10));
}

void TestExportChart::pdfIsOnePageOfTheChartSize()
{
    const QString path = m_dir.filePath(QStringLiteral("chart.pdf"));
    ChartExportOptions options;
    options.size = QSize(800, 400);
    QString error;
    QVERIFY2(exportChart(m_wb, m_res, ChartKind::Comparison, -1, 0, path, &error, options),
             qPrintable(error));
    if (!haveTool(QStringLiteral("pdfinfo")))
        QFAIL("pdfinfo is needed (tools/install-deps.sh installs it)");
    QCOMPARE(pdfInfo(path, QStringLiteral("Pages")), QStringLiteral("1"));
    QCOMPARE(pdfInfo(path, QStringLiteral("Page size")).left(9), QStringLiteral("600 x 300"));
    // Vector text: the title and the use case names are extractable.
    const QString text = pdfText(path);
    QVERIFY(text.contains(QStringLiteral("Use cases side by side")));
    QVERIFY(text.contains(QStringLiteral("Lead qualification")));
}

void TestExportChart::svgHasRootAndViewBox()
{
    QString error;
    ChartExportOptions options;
    options.size = QSize(700, 420);
    const QByteArray svg = chartBytes(m_wb, m_res, ChartKind::InvoiceVsTrueCost, 0, 0,
                                      ChartFormat::Svg, &error, options);
    QVERIFY2(!svg.isEmpty(), qPrintable(error));
    QXmlStreamReader xml(svg);
    while (!xml.atEnd() && !xml.isStartElement())
        xml.readNext();
    QCOMPARE(xml.name(), QStringLiteral("svg"));
    QCOMPARE(xml.attributes().value(QStringLiteral("viewBox")), QStringLiteral("0 0 700 420"));
    while (!xml.atEnd())
        xml.readNext();
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QVERIFY(svg.contains("$437.50"));
    QVERIFY(svg.contains("sans-serif"));
}

void TestExportChart::refusals()
{
    QString error;
    QVERIFY(!exportChart(m_wb, m_res, ChartKind::Adoption, 0, 0,
                         m_dir.filePath(QStringLiteral("chart.jpg")), &error));
    QVERIFY(error.contains(QStringLiteral(".png, .pdf or .svg")));
    QVERIFY(!exportChart(m_wb, m_res, ChartKind::Adoption, 3, 0,
                         m_dir.filePath(QStringLiteral("chart.png")), &error));
    QVERIFY(error.contains(QStringLiteral("use case")));
    QVERIFY(!exportChart(m_wb, m_res, ChartKind::Adoption, 0, 9,
                         m_dir.filePath(QStringLiteral("chart.png")), &error));
    QVERIFY(error.contains(QStringLiteral("scenario")));
    ChartExportOptions huge;
    huge.size = QSize(100000, 100);
    QVERIFY(!exportChart(m_wb, m_res, ChartKind::Adoption, 0, 0,
                         m_dir.filePath(QStringLiteral("chart.png")), &error, huge));
    QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("chart.png"))));
    QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("chart.jpg"))));
}

void TestExportChart::names()
{
    for (ChartKind k : kAllChartKinds)
        QCOMPARE(chartKindFromId(chartId(k)), k);
    QCOMPARE(chartKindFromId(QStringLiteral("Cumulative-Net")), ChartKind::CumulativeNet);
    QVERIFY(!chartKindFromId(QStringLiteral("pie")));
    QCOMPARE(chartFormatFromPath(QStringLiteral("a/b.SVG")), ChartFormat::Svg);
    QVERIFY(!chartFormatFromPath(QStringLiteral("a/b")));
}

QTEST_MAIN(TestExportChart)
#include "tst_exportchart.moc"
