// Issue 10's "done means": `roi-workbench analyze resources/examples/portfolio.roiwb --seed 1`
// prints the percentiles and P(ROI > 0), and the same figures appear in the window (the
// Uncertainty pane, seed 1 typed into it) and in the PDF report of the workbook saved with that
// seed (read back with pdftotext). The figures are not hard-coded: the command line's are the
// reference, the window and the PDF must show the same.
#include "analysiscontroller.h"
#include "commandline.h"
#include "document.h"
#include "exporttestutil.h"
#include "uncertaintypane.h"

#include "analytics/summaryexport.h"
#include "format.h"

#include <QDockWidget>
#include <QMainWindow>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include <nlohmann/json.hpp>

#include <sstream>

using namespace roi;
using namespace roi::test;

class TestUncertaintyAgreement : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void windowCommandLineAndPdfAgree();
};

namespace {

const QString kPortfolio = QStringLiteral(ROI_SOURCE_DIR "/resources/examples/portfolio.roiwb");

struct Cli
{
    int code = -1;
    std::string out;
    std::string err;
};

Cli cli(const std::vector<std::string> &args)
{
    std::ostringstream out, err;
    Cli c;
    c.code = runCommandLine(args, out, err);
    c.out = out.str();
    c.err = err.str();
    return c;
}

} // namespace

void TestUncertaintyAgreement::windowCommandLineAndPdfAgree()
{
    if (!haveTool(QStringLiteral("pdftotext")))
        QFAIL("pdftotext is needed (tools/install-deps.sh installs poppler-utils)");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());

    // The command line: the text a user reads, and the JSON for the numbers behind it.
    const Cli text = cli({"analyze", kPortfolio.toStdString(), "--seed", "1"});
    QCOMPARE(text.code, 0);
    const Cli json = cli({"analyze", kPortfolio.toStdString(), "--seed", "1", "--format", "json"});
    QCOMPARE(json.code, 0);
    const auto j = nlohmann::json::parse(json.out);
    const auto &npv = j["series"][0]["npv"];
    const double p10 = npv["p10"].get<double>();
    const double p50 = npv["p50"].get<double>();
    const double p90 = npv["p90"].get<double>();
    const double pRoi = j["series"][0]["pRoiPositive"].get<double>();
    QVERIFY(p10 < p50 && p50 < p90);

    // The window: seed 1 typed into the pane (one undoable edit), then Run.
    QMainWindow window;
    auto *doc = new Document(&window);
    QString error;
    QVERIFY2(doc->load(kPortfolio, &error), qPrintable(error));
    auto *analysis = new AnalysisController(doc, &window);
    analysis->dock()->show();
    window.resize(1400, 1000);
    window.show();
    UncertaintyPane *pane = analysis->pane();
    const int commands = doc->undoStack()->count();
    pane->seedBox()->setValue(1);
    QCOMPARE(doc->workbook().settings.monteCarloSeed, 1u);
    QCOMPARE(doc->undoStack()->count(), commands + 1);
    QSignalSpy done(analysis, &AnalysisController::runFinished);
    QTest::mouseClick(pane->runButton(), Qt::LeftButton);
    QVERIFY(done.wait(120000));
    QCOMPARE(done.last().first().toBool(), true);
    QTableWidget *table = pane->percentileTable();
    // Row NPV; columns mean, SD, P5, P10, P50, P90, P95. Row 5: P(ROI > 0).
    const std::string cur = doc->workbook().settings.currency;
    const QString windowP10 = table->item(0, 3)->text();
    const QString windowP50 = table->item(0, 4)->text();
    const QString windowP90 = table->item(0, 5)->text();
    const QString windowRoi = table->item(kMetricCount, 0)->text();
    QCOMPARE(windowP10, QString::fromStdString(formatStat(Kpi::of(p10), Metric::Npv, cur)));
    QCOMPARE(windowP50, QString::fromStdString(formatStat(Kpi::of(p50), Metric::Npv, cur)));
    QCOMPARE(windowP90, QString::fromStdString(formatStat(Kpi::of(p90), Metric::Npv, cur)));
    QCOMPARE(windowRoi, QString::fromStdString(formatPercent(pRoi)));
    // ... which are the figures the command line printed.
    const QString printed = QString::fromStdString(text.out);
    for (const QString &figure : {windowP10, windowP50, windowP90})
        QVERIFY2(printed.contains(figure), qPrintable(figure));
    QVERIFY2(printed.contains(QStringLiteral("P(ROI > 0) ") + windowRoi), qPrintable(printed));
    QVERIFY(printed.contains(QStringLiteral("seed 1,")));

    // The PDF of the workbook as saved from the window (seed 1 in it).
    const QString saved = dir.filePath(QStringLiteral("portfolio-seed1.roiwb"));
    QVERIFY2(doc->saveAs(saved, &error), qPrintable(error));
    const QString pdf = dir.filePath(QStringLiteral("portfolio.pdf"));
    const Cli report =
        cli({"report", saved.toStdString(), "--format", "pdf", "-o", pdf.toStdString()});
    QVERIFY2(report.code == 0, report.err.c_str());
    // pdftotext breaks lines where the layout does; compare with single spaces.
    const QString pages = pdfText(pdf).simplified();
    QVERIFY(pages.contains(QStringLiteral("Uncertainty and sensitivity")));
    QVERIFY2(pages.contains(QStringLiteral("(seed 1, Latin Hypercube sampling")),
             qPrintable(pages.right(4000)));
    QVERIFY(pages.contains(QStringLiteral("--seed 1 --sampling lhs")));
    // The report prints money in whole units (a simulated spread is wider than a cent).
    for (double v : {p10, p50, p90}) {
        const QString whole = QString::fromStdString(formatMoney(v, cur, 0));
        QVERIFY2(pages.contains(whole), qPrintable(whole));
    }
    QVERIFY2(pages.contains(QStringLiteral("P(ROI > 0) ") + windowRoi), qPrintable(windowRoi));
    // The charts of the section are in the PDF: their titles are text in it.
    QVERIFY(pages.contains(QStringLiteral("Cumulative net: P10–P90 range")));
    QVERIFY(pages.contains(QStringLiteral("Distribution of NPV")));
}

QTEST_MAIN(TestUncertaintyAgreement)
#include "tst_uncertaintyagreement.moc"
