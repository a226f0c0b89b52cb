// Every chart drawn from the bundled portfolio: titles, data equal to the engine's, and images
// written where ROI_SCREENSHOT_DIR says (for looking at them).
#include "charts.h"

#include "engine.h"
#include "workbookfile.h"

#include <qcustomplot.h>

#include <QFile>
#include <QTest>

using namespace roi;

class TestCharts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void everyChartDraws_data();
    void everyChartDraws();
    void cumulativeNetMatchesEngine();
    void invoiceVsTrueCostShowsRunRate();
    void emptyWorkbookDrawsPlaceholder();

private:
    Workbook m_wb;
    Results m_res;
};

void TestCharts::initTestCase()
{
    QFile f(QStringLiteral(ROI_SOURCE_DIR "/resources/examples/portfolio.roiwb"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray bytes = f.readAll();
    auto loaded = readWorkbook(std::string_view(bytes.constData(), bytes.size()));
    QVERIFY(loaded.ok());
    m_wb = *loaded.workbook;
    m_res = compute(m_wb);
}

void TestCharts::everyChartDraws_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("useCase");
    for (ChartKind k : kAllChartKinds) {
        for (int u : {-1, 0, 2}) {
            QTest::addRow("%s/%d", qPrintable(chartId(k)), u) << static_cast<int>(k) << u;
        }
    }
}

void TestCharts::everyChartDraws()
{
    QFETCH(int, kind);
    QFETCH(int, useCase);
    QCustomPlot plot;
    plot.resize(900, 520);
    ChartInput in{&m_wb, &m_res, useCase, 0,
                  NumberFormat(QStringLiteral("USD"), QLocale(QLocale::English))};
    drawChart(plot, static_cast<ChartKind>(kind), in);
    // A title row above the axis rect, and something plotted.
    QVERIFY(plot.plotLayout()->rowCount() >= 2);
    auto *title = qobject_cast<QCPTextElement *>(plot.plotLayout()->element(0, 0));
    QVERIFY(title);
    const QString titleText = title->text();
    QVERIFY(!titleText.isEmpty());
    QVERIFY(plot.plottableCount() > 0);
    const int rows = plot.plotLayout()->rowCount();
    // Drawing twice must not stack a second title.
    drawChart(plot, static_cast<ChartKind>(kind), in);
    QCOMPARE(plot.plotLayout()->rowCount(), rows);
    QCOMPARE(qobject_cast<QCPTextElement *>(plot.plotLayout()->element(0, 0))->text(), titleText);
    const QByteArray dir = qgetenv("ROI_SCREENSHOT_DIR");
    if (!dir.isEmpty()) {
        QVERIFY(plot.savePng(QString::fromLocal8Bit(dir)
                                 + QStringLiteral("/chart-%1-%2.png")
                                       .arg(chartId(static_cast<ChartKind>(kind)))
                                       .arg(useCase),
                             900, 520, 1.0));
    }
}

void TestCharts::cumulativeNetMatchesEngine()
{
    QCustomPlot plot;
    ChartInput in{&m_wb, &m_res, 1, 0, NumberFormat()};
    drawChart(plot, ChartKind::CumulativeNet, in);
    // One line per scenario, named after it, with the engine's cumulative net.
    int lines = 0;
    for (int g = 0; g < plot.graphCount(); ++g) {
        QCPGraph *graph = plot.graph(g);
        const int s = m_res.findScenario(graph->name().toStdString());
        if (s < 0)
            continue; // payback markers
        ++lines;
        const auto expected = m_res.at(1, s).row(Row::CumulativeNet);
        QCOMPARE(graph->data()->size(), static_cast<int>(expected.size()));
        for (int m = 0; m < graph->data()->size(); ++m)
            QCOMPARE(graph->data()->at(m)->value, expected[static_cast<std::size_t>(m)]);
    }
    QCOMPARE(lines, static_cast<int>(m_res.scenarios.size()));
}

void TestCharts::invoiceVsTrueCostShowsRunRate()
{
    QCustomPlot plot;
    ChartInput in{&m_wb, &m_res, 0, 0,
                  NumberFormat(QStringLiteral("USD"), QLocale(QLocale::English))};
    drawChart(plot, ChartKind::InvoiceVsTrueCost, in);
    // The subtitle states the acceptance figures: a $437.50 invoice of a $5,037.50 TCO.
    auto *subtitle = qobject_cast<QCPTextElement *>(plot.plotLayout()->element(1, 0));
    QVERIFY(subtitle);
    QVERIFY2(subtitle->text().contains(QStringLiteral("$437.50")), qPrintable(subtitle->text()));
    QVERIFY2(subtitle->text().contains(QStringLiteral("$5,037.50")), qPrintable(subtitle->text()));
    // One bar per recurring layer (four; the two one-time layers are left out).
    QCOMPARE(plot.plottableCount(), 4);
}

void TestCharts::emptyWorkbookDrawsPlaceholder()
{
    const Workbook empty = newWorkbook();
    const Results res = compute(empty);
    QCustomPlot plot;
    ChartInput in{&empty, &res, 0, 0, NumberFormat()};
    for (ChartKind k : kAllChartKinds) {
        drawChart(plot, k, in);
        QCOMPARE(plot.plottableCount(), 0);
        auto *subtitle = qobject_cast<QCPTextElement *>(plot.plotLayout()->element(1, 0));
        QVERIFY(subtitle);
        QCOMPARE(subtitle->text(), QStringLiteral("No use case to show"));
    }
}

QTEST_MAIN(TestCharts)
#include "tst_charts.moc"
