// The Levers tab driven through its widgets: the three numbers, the waterfall and the ranking
// follow a lever edit, the edit is one undo command, and undo puts every figure back. The tile
// shows the same figures as the command line's `levers` (the engine's leverSummary).
#include "mainwindow.h"

#include "document.h"
#include "fieldform.h"
#include "kpitile.h"
#include "leverspane.h"
#include "numberformat.h"
#include "usecaseeditor.h"
#include "usecasenavigator.h"

#include "levers/leverengine.h"

#include <qcustomplot.h>

#include <QGroupBox>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTest>
#include <QUndoStack>

using namespace roi;

namespace {

/// The waterfall as drawn: each bar's bottom and top, in plot coordinates.
QVector<QPair<double, double>> bars(QCustomPlot *plot)
{
    QVector<QPair<double, double>> out;
    for (int i = 0; i < plot->itemCount(); ++i) {
        if (auto *rect = qobject_cast<QCPItemRect *>(plot->item(i)))
            out.push_back({rect->bottomRight->coords().y(), rect->topLeft->coords().y()});
    }
    return out;
}

} // namespace

class TestLeversWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void threeNumbersMatchTheEngine();
    void editLeverUpdatesTileAndWaterfallAndUndoes();
    void toggleLeverIsOneCommand();
    void screenshot();

private:
    LeversPane *pane() const { return m_window->useCaseEditor()->levers(); }
    MainWindow *m_window = nullptr;
};

void TestLeversWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("roi-workbench-test"));
}

void TestLeversWindow::init()
{
    m_window = new MainWindow;
    m_window->resize(1400, 900);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
    QVERIFY(m_window->openFile(
        QStringLiteral(ROI_SOURCE_DIR "/resources/examples/support-levers.roiwb")));
    m_window->navigator()->selectUseCase(0);
    m_window->useCaseEditor()->setCurrentIndex(UseCaseEditor::LeversTab);
}

void TestLeversWindow::cleanup()
{
    m_window->document()->undoStack()->setClean();
    delete m_window;
    m_window = nullptr;
}

void TestLeversWindow::threeNumbersMatchTheEngine()
{
    const Results &res = m_window->document()->results();
    const LeverSummary s = leverSummary(res.at(0, 0));
    QVERIFY(res.at(0, 0).levers.active);
    const NumberFormat f(QStringLiteral("USD"));
    QCOMPARE(pane()->baselineTile()->value(), f.money(s.baseline, 0));
    QCOMPARE(pane()->optimisedTile()->value(), f.money(s.optimised, 0));
    QCOMPARE(pane()->savingsTile()->value(), f.kpi(s.savingsPercent, NumberFormat::Kind::Percent));
    // One bar per lever plus the two totals; the ranking lists every lever.
    QCOMPARE(bars(pane()->waterfall()).size(), int(res.at(0, 0).levers.lines.size()) + 2);
    QCOMPARE(pane()->ranking()->rowCount(), int(res.at(0, 0).levers.lines.size()));
}

void TestLeversWindow::editLeverUpdatesTileAndWaterfallAndUndoes()
{
    QUndoStack *stack = m_window->document()->undoStack();
    const QString savingsBefore = pane()->savingsTile()->value();
    const QString optimisedBefore = pane()->optimisedTile()->value();
    const auto barsBefore = bars(pane()->waterfall());
    const double shareBefore =
        m_window->document()->workbook().useCases[0].layers[0].levers.routing.share;
    QCOMPARE(shareBefore, 0.5);

    NumberField *share = pane()->leverForm(LeverKind::Routing)->field("share");
    QVERIFY(share);
    share->setFocus();
    share->selectAll();
    QTest::keyClicks(share, QStringLiteral("90"));
    QCOMPARE(m_window->document()->workbook().useCases[0].layers[0].levers.routing.share, 0.9);
    QCOMPARE(stack->count(), 1); // the typed number is one command
    // More calls routed: a larger saving, a lower optimised cost, a longer routing step.
    QVERIFY(pane()->savingsTile()->value() != savingsBefore);
    QVERIFY(pane()->optimisedTile()->value() != optimisedBefore);
    const auto barsAfter = bars(pane()->waterfall());
    QCOMPARE(barsAfter.size(), barsBefore.size());
    QVERIFY(barsAfter != barsBefore);
    const LeverSummary after = leverSummary(m_window->document()->results().at(0, 0));
    QCOMPARE(pane()->optimisedTile()->value(), NumberFormat().money(after.optimised, 0));

    stack->undo();
    QCOMPARE(m_window->document()->workbook().useCases[0].layers[0].levers.routing.share, 0.5);
    QCOMPARE(pane()->savingsTile()->value(), savingsBefore);
    QCOMPARE(pane()->optimisedTile()->value(), optimisedBefore);
    QCOMPARE(bars(pane()->waterfall()), barsBefore);
    QCOMPARE(share->text(), QStringLiteral("50"));

    stack->redo();
    QCOMPARE(bars(pane()->waterfall()), barsAfter);
}

void TestLeversWindow::toggleLeverIsOneCommand()
{
    QUndoStack *stack = m_window->document()->undoStack();
    const int linesBefore = int(m_window->document()->results().at(0, 0).levers.lines.size());
    QGroupBox *batch = pane()->leverBox(LeverKind::Batch);
    QVERIFY(batch->isChecked());
    batch->setChecked(false);
    QCOMPARE(stack->count(), 1);
    QVERIFY(!m_window->document()->workbook().useCases[0].layers[0].levers.batch.plan.enabled);
    QCOMPARE(int(m_window->document()->results().at(0, 0).levers.lines.size()), linesBefore - 1);
    QCOMPARE(pane()->ranking()->rowCount(), linesBefore - 1);
    stack->undo();
    QVERIFY(pane()->leverBox(LeverKind::Batch)->isChecked());
    QCOMPARE(pane()->ranking()->rowCount(), linesBefore);
}

void TestLeversWindow::screenshot()
{
    // Renders the tab; writes the README screenshot when ROI_SCREENSHOT_DIR is set.
    QCoreApplication::processEvents();
    const QPixmap shot = m_window->grab();
    QVERIFY(!shot.isNull());
    const QByteArray dir = qgetenv("ROI_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        QVERIFY(shot.save(QString::fromLocal8Bit(dir) + QStringLiteral("/levers.png")));
}

QTEST_MAIN(TestLeversWindow)
#include "tst_leverswindow.moc"
