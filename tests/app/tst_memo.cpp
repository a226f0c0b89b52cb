// The one-page decision memo (export/memo.h): the portfolio fits one A4 page (pdfinfo), and the
// memo carries the figures the window shows: the ROI tile, the NPV at the hurdle, the payback.
#include "export/memo.h"
#include "kpitile.h"
#include "mainwindow.h"
#include "resultspanel.h"
#include "usecasenavigator.h"

#include "analytics/tornado.h"
#include "analytics/tornadorange.h"
#include "assumptionswing.h"
#include "document.h"
#include "engine.h"
#include "workbookfile.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace roi;

namespace {

QString example(const char *name)
{
    return QStringLiteral(ROI_SOURCE_DIR "/resources/examples/") + QLatin1String(name);
}

/// Runs a poppler tool on `pdf` and returns its standard output.
QString poppler(const QString &tool, const QStringList &args)
{
    QProcess p;
    p.start(tool, args);
    if (!p.waitForFinished(60000) || p.exitCode() != 0)
        return {};
    return QString::fromUtf8(p.readAllStandardOutput());
}

} // namespace

class TestMemo : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void portfolioFitsOnePage();
    void carriesTheWindowsFigures();
    void assumptionsRankedBySwing();
    void assumptionsFromTheTornado();
    void emptyWorkbook();
};

void TestMemo::portfolioFitsOnePage()
{
    MainWindow window;
    QVERIFY(window.openFile(example("portfolio.roiwb")));
    QTemporaryDir dir;
    const QString pdf = dir.filePath(QStringLiteral("memo.pdf"));
    MemoOptions options;
    options.today = QDate(2027, 1, 4);
    QString error;
    QVERIFY2(writeMemoPdf(window.document()->workbook(), window.document()->results(), options, pdf,
                          &error),
             qPrintable(error));
    const QString info = poppler(QStringLiteral("pdfinfo"), {pdf});
    QVERIFY2(info.contains(QRegularExpression(QStringLiteral("Pages:\\s+1\\n"))), qPrintable(info));
    QVERIFY2(info.contains(QStringLiteral("(A4)")), qPrintable(info));
    // Every section is on that page.
    const QString text = poppler(QStringLiteral("pdftotext"), {pdf, QStringLiteral("-")});
    for (const char *section :
         {"THE ASK", "THE RETURN", "most sensitive", "Top risks", "Measurement plan", "Day 30",
          "Day 90", "Day 365", "Decision requested"})
        QVERIFY2(text.contains(QLatin1String(section)), section);
    // For the README and for looking at it.
    const QString shots = qEnvironmentVariable("ROI_SCREENSHOT_DIR");
    if (!shots.isEmpty())
        QFile::copy(pdf, shots + QStringLiteral("/decision-memo.pdf"));
}

void TestMemo::carriesTheWindowsFigures()
{
    MainWindow window;
    QVERIFY(window.openFile(example("portfolio.roiwb")));
    window.navigator()->selectPage(UseCaseNavigator::Page::Portfolio);
    ResultsPanel *panel = window.results();
    const QString roi = panel->tile(ResultsPanel::RoiTile)->value();
    const QString npvLine = panel->tile(ResultsPanel::NpvTile)->range();
    const QString payback = panel->tile(ResultsPanel::PaybackTile)->value();
    QVERIFY(!roi.isEmpty());
    // The portfolio holds use cases in the productivity stage: the window calls ROI provisional.
    QCOMPARE(panel->tile(ResultsPanel::RoiTile)->title(), QStringLiteral("ROI (provisional)"));

    const Kpis &k = window.document()->results().portfolio[0].kpis;
    const NumberFormat fmt(QStringLiteral("USD"));
    const QString hurdleNpv = fmt.compactMoney(k.npvAtHurdle);
    QVERIFY2(npvLine.contains(hurdleNpv), qPrintable(npvLine));

    MemoOptions options;
    options.today = QDate(2027, 1, 4);
    const QString html =
        memoHtml(window.document()->workbook(), window.document()->results(), options);
    QVERIFY2(html.contains(roi), qPrintable(roi));
    QVERIFY2(html.contains(hurdleNpv), qPrintable(hurdleNpv));
    QVERIFY2(html.contains(payback), qPrintable(payback));
    QVERIFY(html.contains(QStringLiteral("ROI (PROVISIONAL)")));
    // The ask: the portfolio's run rate a month, as the window's TCO tile gives it.
    const QString runRate = fmt.money(window.document()->results().portfolio[0].runRate.tco, 0);
    QVERIFY2(panel->tile(ResultsPanel::TcoTile)->range().contains(runRate), qPrintable(runRate));
    QVERIFY2(html.contains(runRate + QStringLiteral(" a month")), qPrintable(runRate));
}

void TestMemo::assumptionsRankedBySwing()
{
    // The ranking behind the memo's three assumptions: each Worst adjustment alone, largest
    // |change| of NPV at the hurdle first, each swing computed with the engine.
    Document doc;
    QString error;
    QVERIFY(doc.load(example("portfolio.roiwb"), &error));
    const Workbook &wb = doc.workbook();
    const auto swings = rankWorstAssumptions(wb);
    const auto worst = std::find_if(wb.scenarios.begin(), wb.scenarios.end(),
                                    [](const Scenario &s) { return s.name == kWorstScenario; });
    QCOMPARE(swings.size(), worst->adjustments.size());
    for (std::size_t i = 1; i < swings.size(); ++i)
        QVERIFY(std::fabs(swings[i - 1].swing()) >= std::fabs(swings[i].swing()));
    // Recompute the first by hand: Base plus only that adjustment.
    Workbook one = wb;
    const auto adj = std::find_if(worst->adjustments.begin(), worst->adjustments.end(),
                                  [&](const Adjustment &a) { return a.input == swings[0].input; });
    one.scenarios = {Scenario{"Base", {}, {}}, Scenario{"One", {}, {*adj}}};
    ComputeOptions off;
    off.checks = false;
    const Results r = compute(one, off);
    QCOMPARE(swings[0].npv, r.portfolio[1].kpis.npvAtHurdle);
    QCOMPARE(swings[0].baseNpv, r.portfolio[0].kpis.npvAtHurdle);
    QVERIFY(swings[0].swing() < 0); // a Worst assumption costs money
}

void TestMemo::assumptionsFromTheTornado()
{
    // The memo's three assumptions are the tornado's three largest bars for the portfolio on
    // Base (P10 to P90 when the workbook has an uncertainty set-up), in the tornado's order.
    Document doc;
    QString error;
    QVERIFY(doc.load(example("portfolio.roiwb"), &error));
    const Workbook &wb = doc.workbook();
    const int base = std::max(0, doc.results().findScenario(kBaseScenario));
    TornadoOptions o;
    if (!wb.uncertainty.inputs.empty())
        QVERIFY(setPercentileRange(wb, {-1, base}, o));
    const TornadoResult t = tornado(wb, {-1, base}, o);
    QVERIFY2(t.ok(), t.error.c_str());
    QVERIFY(t.bars.size() >= 3);
    MemoOptions options;
    options.today = QDate(2027, 1, 4);
    const QString html = memoHtml(wb, doc.results(), options);
    const NumberFormat fmt(QString::fromStdString(wb.settings.currency));
    const qsizetype section = html.indexOf(QStringLiteral("most sensitive to"));
    QVERIFY(section >= 0);
    qsizetype at = section;
    for (std::size_t i = 0; i < 3; ++i) {
        const QString swing = fmt.money(t.bars[i].swing, 0);
        const qsizetype next = html.indexOf(swing, at);
        QVERIFY2(next > at, qPrintable(swing));
        at = next;
    }
    QVERIFY(at < html.indexOf(QStringLiteral("Top risks")));
}

void TestMemo::emptyWorkbook()
{
    const Workbook wb = newWorkbook();
    const Results res = compute(wb);
    QString error;
    const QByteArray pdf = renderMemoPdf(wb, res, {}, &error);
    QVERIFY2(!pdf.isEmpty(), qPrintable(error));
    QVERIFY(memoHtml(wb, res, {}).contains(QStringLiteral("no use case")));
}

QTEST_MAIN(TestMemo)
#include "tst_memo.moc"
