// The Uncertainty pane through its widgets: a run from the Run button whose P50 matches the
// command line, a cancel mid-run that leaves the pane consistent, an edit of a distribution
// that is one undo command, stale results after an edit, and a screenshot of the pane.
#include "analysiscontroller.h"
#include "commandline.h"
#include "document.h"
#include "uncertaintypane.h"

#include "analytics/summaryexport.h"

#include <qcustomplot.h>

#include <QComboBox>
#include <QDockWidget>
#include <QLabel>
#include <QMainWindow>
#include <QProgressBar>
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

namespace {

QString example(const char *name)
{
    return QStringLiteral(ROI_SOURCE_DIR "/resources/examples/") + QLatin1String(name);
}

} // namespace

class TestUncertaintyPane : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void runMatchesCommandLine();
    void cancelMidRun();
    void distributionEditIsOneUndo();
    void scenarioChoice();
    void screenshot();

private:
    QMainWindow *m_window = nullptr;
    Document *m_doc = nullptr;
    AnalysisController *m_analysis = nullptr;
};

void TestUncertaintyPane::init()
{
    m_window = new QMainWindow;
    m_doc = new Document(m_window);
    QString error;
    QVERIFY2(m_doc->load(example("portfolio.roiwb"), &error), qPrintable(error));
    m_analysis = new AnalysisController(m_doc, m_window);
    m_window->resize(1400, 1000);
    m_analysis->dock()->show();
    m_window->show();
}

void TestUncertaintyPane::cleanup()
{
    delete m_window;
    m_window = nullptr;
}

void TestUncertaintyPane::runMatchesCommandLine()
{
    UncertaintyPane *pane = m_analysis->pane();
    pane->trialsBox()->setValue(3000); // one undoable settings edit
    QCOMPARE(m_doc->workbook().settings.monteCarloTrials, 3000);
    QSignalSpy done(m_analysis, &AnalysisController::runFinished);
    QTest::mouseClick(pane->runButton(), Qt::LeftButton);
    QVERIFY(done.wait(60000));
    QCOMPARE(done.first().first().toBool(), true);
    QVERIFY(!m_analysis->isStale());
    // P50 of the portfolio NPV: row NPV, column P50 (mean, sd, P5, P10, P50).
    const QString p50 = pane->percentileTable()->item(0, 4)->text();
    std::ostringstream out, err;
    const int code = runCommandLine(
        {"analyze", example("portfolio.roiwb").toStdString(), "--trials", "3000", "--seed",
         std::to_string(m_doc->workbook().settings.monteCarloSeed), "--format", "json"},
        out, err);
    QCOMPARE(code, 0);
    const auto j = nlohmann::json::parse(out.str());
    const double cliP50 = j["series"][0]["npv"]["p50"].get<double>();
    QCOMPARE(p50, QString::fromStdString(formatStat(Kpi::of(cliP50), Metric::Npv,
                                                    m_doc->workbook().settings.currency)));
    QCOMPARE(pane->summary()->series[0].stats(Metric::Npv).percentiles[2].value, cliP50);
    QCOMPARE(pane->progressBar()->value(), pane->progressBar()->maximum());
    // An edit makes the results stale; a run of <= 2,000 trials re-runs by itself.
    pane->trialsBox()->setValue(1500);
    QVERIFY(m_analysis->isStale());
    QVERIFY(pane->statusLabel()->text().contains(QStringLiteral("stale")));
    QVERIFY(done.wait(60000));
    QVERIFY2(!m_analysis->isStale(), qPrintable(pane->statusLabel()->text()));
    QCOMPARE(pane->summary()->trials, 1500);
}

void TestUncertaintyPane::cancelMidRun()
{
    UncertaintyPane *pane = m_analysis->pane();
    pane->trialsBox()->setValue(1000);
    QSignalSpy done(m_analysis, &AnalysisController::runFinished);
    QTest::mouseClick(pane->runButton(), Qt::LeftButton);
    QVERIFY(done.wait(60000));
    const auto before = pane->summary();
    QVERIFY(before);
    // A long run, cancelled as soon as it is under way.
    pane->trialsBox()->setValue(500000);
    done.clear();
    QTest::mouseClick(pane->runButton(), Qt::LeftButton);
    QVERIFY(m_analysis->isRunning());
    // Once the samples are drawn and the chunks are under way (500 of them).
    QVERIFY(QTest::qWaitFor([&] { return pane->progressBar()->maximum() > 1; }, 60000));
    QVERIFY(m_analysis->isRunning());
    QVERIFY(!pane->runButton()->isEnabled());
    QVERIFY(pane->cancelButton()->isEnabled());
    QTest::mouseClick(pane->cancelButton(), Qt::LeftButton);
    QVERIFY(done.wait(60000));
    QCOMPARE(done.first().first().toBool(), false);
    QVERIFY(!m_analysis->isRunning());
    QVERIFY(pane->runButton()->isEnabled());
    QVERIFY(!pane->cancelButton()->isEnabled());
    QCOMPARE(pane->summary(), before); // the previous results stay, marked as such
    QVERIFY(pane->statusLabel()->text().contains(QStringLiteral("Cancelled")));
    QVERIFY(m_analysis->isStale());
    // And the next run works.
    pane->trialsBox()->setValue(1200);
    QVERIFY(done.wait(60000));
    QCOMPARE(pane->summary()->trials, 1200);
}

void TestUncertaintyPane::distributionEditIsOneUndo()
{
    UncertaintyPane *pane = m_analysis->pane();
    QVERIFY(m_doc->workbook().uncertainty.inputs.empty()); // the default set-up is shown
    QTableWidget *table = pane->inputsTable();
    QVERIFY(table->rowCount() > 3);
    const int commands = m_doc->undoStack()->count();
    // Row 0's high value (PERT max), typed as a bare number.
    const double oldMax = defaultUncertainInputs(m_doc->workbook())[0].distribution.max;
    const double oldMode = defaultUncertainInputs(m_doc->workbook())[0].distribution.mode;
    const double newMax = oldMode + (oldMax - oldMode) / 2; // inside the legal range
    table->item(0, 5)->setText(QString::number(newMax, 'g', 12));
    QCOMPARE(m_doc->undoStack()->count(), commands + 1);
    const UncertaintySetup &s = m_doc->workbook().uncertainty;
    QCOMPARE(s.inputs.size(), static_cast<std::size_t>(table->rowCount()));
    QCOMPARE(s.inputs[0].distribution.max, newMax);
    QVERIFY(table->item(0, 5)->text().contains(QString::number(newMax, 'g', 8)));
    m_doc->undoStack()->undo();
    QVERIFY(m_doc->workbook().uncertainty.inputs.empty());
    QCOMPARE(pane->inputsTable()->item(0, 5)->text(),
             QStringLiteral("max = %1").arg(QString::number(oldMax, 'g', 8)));
    m_doc->undoStack()->redo();
    QCOMPARE(m_doc->workbook().uncertainty.inputs[0].distribution.max, newMax);
    // A bad value (min above max) is refused with a message, and nothing is pushed.
    const int afterRedo = m_doc->undoStack()->count();
    table->item(0, 3)->setText(QString::number(newMax * 10));
    QCOMPARE(m_doc->undoStack()->count(), afterRedo);
    QVERIFY(pane->statusLabel()->text().contains(QStringLiteral("must be")));
}

void TestUncertaintyPane::scenarioChoice()
{
    // The pane offers every scenario of the workbook, Base first chosen. The choice is part of
    // the stored set-up (format 4, uncertainty.scenario): picking another is one undo command,
    // saved with the file, and `analyze` takes it by default.
    UncertaintyPane *pane = m_analysis->pane();
    QComboBox *scenario = pane->scenarioBox();
    QCOMPARE(scenario->count(), static_cast<int>(m_doc->workbook().scenarios.size()));
    QCOMPARE(scenario->currentText(), QStringLiteral("Base"));
    const int worst = scenario->findText(QStringLiteral("Worst"));
    QVERIFY(worst >= 0);
    pane->trialsBox()->setValue(1000);
    QSignalSpy done(m_analysis, &AnalysisController::runFinished);
    QTest::mouseClick(pane->runButton(), Qt::LeftButton);
    QVERIFY(done.wait(60000));
    QCOMPARE(pane->summary()->scenario, std::string("Base"));
    const double baseP50 = pane->summary()->series[0].stats(Metric::Npv).percentiles[2].value;
    const int commands = m_doc->undoStack()->count();
    done.clear();
    scenario->setCurrentIndex(worst);
    QCOMPARE(m_doc->undoStack()->count(), commands + 1);
    QCOMPARE(m_doc->undoStack()->undoText(), QStringLiteral("Simulate the Worst scenario"));
    QVERIFY(!m_doc->undoStack()->isClean());
    QCOMPARE(m_doc->workbook().uncertainty.scenario, std::string("Worst"));
    // The Base results are now stale and say so; a small run re-runs by itself on Worst.
    QVERIFY(m_analysis->isStale());
    QVERIFY2(pane->statusLabel()->text().contains(QStringLiteral("for the Base scenario")),
             qPrintable(pane->statusLabel()->text()));
    QVERIFY(done.wait(60000));
    QCOMPARE(done.last().first().toBool(), true);
    QCOMPARE(pane->summary()->scenario, std::string("Worst"));
    QVERIFY(pane->statusLabel()->text().contains(QStringLiteral("scenario Worst")));
    // Saved with the workbook: `analyze` of the saved file simulates Worst with no --scenario,
    // and gives the pane's figure.
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("worst.roiwb"));
    QString error;
    QVERIFY2(m_doc->saveAs(file, &error), qPrintable(error));
    std::ostringstream out, err;
    QCOMPARE(runCommandLine({"analyze", file.toStdString(), "--format", "json"}, out, err), 0);
    const auto j = nlohmann::json::parse(out.str());
    QCOMPARE(j["scenario"].get<std::string>(), std::string("Worst"));
    const double worstP50 = j["series"][0]["npv"]["p50"];
    QCOMPARE(pane->summary()->series[0].stats(Metric::Npv).percentiles[2].value, worstP50);
    QVERIFY(worstP50 < baseP50); // the Worst scenario is worse
    // A rename of the scenario carries the choice along, in the same step of the history.
    std::vector<Scenario> renamed = m_doc->workbook().scenarios;
    renamed[static_cast<std::size_t>(worst)].name = "Downside";
    const int before = m_doc->undoStack()->count();
    m_doc->setScenarios(renamed, QStringLiteral("Rename scenario"));
    QCOMPARE(m_doc->undoStack()->count(), before + 1);
    QCOMPARE(m_doc->workbook().uncertainty.scenario, std::string("Downside"));
    QCOMPARE(pane->scenarioBox()->currentText(), QStringLiteral("Downside"));
    m_doc->undoStack()->undo();
    QCOMPARE(m_doc->workbook().uncertainty.scenario, std::string("Worst"));
    // Undo of the choice: Base again, stored as none.
    m_doc->undoStack()->undo(); // the save does not add a command
    QCOMPARE(m_doc->workbook().uncertainty.scenario, std::string());
    QCOMPARE(pane->scenarioBox()->currentText(), QStringLiteral("Base"));
    QVERIFY(done.wait(60000));
}

void TestUncertaintyPane::screenshot()
{
    UncertaintyPane *pane = m_analysis->pane();
    pane->trialsBox()->setValue(2000);
    QSignalSpy done(m_analysis, &AnalysisController::runFinished);
    QTest::mouseClick(pane->runButton(), Qt::LeftButton);
    QVERIFY(done.wait(60000));
    pane->resize(1100, 1000);
    const QString dir = qEnvironmentVariable("ROI_SCREENSHOT_DIR");
    if (!dir.isEmpty()) {
        pane->grab().save(dir + QStringLiteral("/uncertainty-pane.png"));
        for (int i = 0; i < kUncertaintyChartCount; ++i) {
            pane->chart(i)->resize(900, 420);
            pane->chart(i)->savePng(dir + QStringLiteral("/uncertainty-chart-%1.png").arg(i), 900,
                                    420);
        }
    }
    QVERIFY(!pane->grab().isNull());
}

QTEST_MAIN(TestUncertaintyPane)
#include "tst_uncertaintypane.moc"
