// Plan vs actual in the window (app/planactualcontroller.h, views/planactual/): the dock opened
// from its action on a workbook with actuals and a snapshot; the chart and the table carry the
// figures of buildPlanActual; the tolerance, the recalibration switch and applying a suggested
// recalibration are each one undo command, and undo restores the pane.
//
// The workbook (tests/data/planactual/approved-case.roiwb): one use case "Case" over 12 months
// from January 2026 — 1,000 units a month, a token layer of $0.40 a call (80,000 input tokens at
// $2.50/M + 20,000 output at $10/M), a platform fee of $600 a month and $1,500 a month avoided;
// the snapshot "Approved" of 1,000 a month (tokens 400) and actual token cost 400, 520, 600 in
// January to March 2026, so actual cost 1,000, 1,120, 1,200: variance 0, +120 (+12%), +200
// (+20%). Requests 1,000, 1,200, 1,440: growth (1,440 / 1,000)^(1/2) − 1 = 20% a month.
#include "document.h"
#include "kpitile.h"
#include "numberformat.h"
#include "planactualcontroller.h"
#include "resultspanel.h"
#include "snapshotcommands.h"
#include "tablemodel.h"

#include "planactual/planactualchart.h"
#include "planactual/planactualpane.h"
#include "planactual/planactualreport.h"
#include "workbookfile.h"

#include <qcustomplot.h>

#include <QAction>
#include <QCheckBox>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QMainWindow>
#include <QPushButton>
#include <QTabWidget>
#include <QTest>
#include <QUndoStack>

#include <cmath>

#include "../model/testutil.h"

using namespace roi;

namespace {

const QString kWorkbook =
    QStringLiteral(ROI_SOURCE_DIR "/tests/data/planactual/approved-case.roiwb");

/// Values of the plottable named `name` (a graph or bars), by key.
QMap<double, double> seriesValues(QCustomPlot *plot, const QString &name)
{
    QMap<double, double> out;
    for (int i = 0; i < plot->plottableCount(); ++i) {
        QCPAbstractPlottable *p = plot->plottable(i);
        if (p->name() != name)
            continue;
        if (auto *g = qobject_cast<QCPGraph *>(p)) {
            for (const QCPGraphData &d : *g->data())
                out.insert(d.key, d.value);
        } else if (auto *b = qobject_cast<QCPBars *>(p)) {
            for (const QCPBarsData &d : *b->data())
                out.insert(d.key, d.value);
        }
    }
    return out;
}

} // namespace

class TestPlanActualWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void chartAndTableShowTheModel();
    void toleranceIsUndoable();
    void recalibrationShowsActualToDate();
    void suggestionAppliesAsOneEdit();
    void renamesAndDeletesFollowInOneStep();
    void screenshot();

private:
    PlanActualReport report() const { return buildPlanActual(m_doc->workbook(), m_doc->results()); }
    PlanActualPane *pane() const { return m_controller->pane(); }

    QMainWindow *m_window = nullptr;
    Document *m_doc = nullptr;
    PlanActualController *m_controller = nullptr;
};

void TestPlanActualWindow::init()
{
    m_window = new QMainWindow;
    m_doc = new Document(m_window);
    QString error;
    QVERIFY2(m_doc->load(kWorkbook, &error), qPrintable(error));
    m_controller = new PlanActualController(m_doc, m_window);
    m_window->resize(1200, 800);
    m_window->show();
    QAction *show = m_controller->showAction();
    QCOMPARE(show->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_V));
    show->trigger();
    QTRY_VERIFY(m_controller->dock()->isVisible());
    pane()->setSubject(0);
}

void TestPlanActualWindow::cleanup()
{
    delete m_window;
    m_window = nullptr;
}

void TestPlanActualWindow::chartAndTableShowTheModel()
{
    const PlanActualReport r = report();
    QCOMPARE(r.basis, std::string("Approved"));
    QCOMPARE(r.useCases.size(), std::size_t(1));
    const PlanActual &pa = r.useCases[0];
    QCOMPARE(pa.months.size(), std::size_t(3));
    // Hand figures: forecast 1,000 a month; actual 1,000, 1,120, 1,200.
    ROI_COMPARE_NEAR(pa.months[1].actualCost, 1120.0, 1e-9);
    ROI_COMPARE_NEAR(pa.months[2].variance, 200.0, 1e-9);

    QCustomPlot *plot = pane()->chart();
    const auto forecast = seriesValues(plot, QString::fromLatin1(kForecastSeries));
    auto actual = seriesValues(plot, QString::fromLatin1(kActualSeries));
    const auto above = seriesValues(plot, QString::fromLatin1(kActualAboveSeries));
    // February and March run above the 10% band: red bars; January within it.
    QCOMPARE(above.size(), 2);
    for (auto it = above.begin(); it != above.end(); ++it)
        actual.insert(it.key(), it.value());
    QCOMPARE(forecast.size(), 3);
    QCOMPARE(actual.size(), 3);
    for (int i = 0; i < 3; ++i) {
        const PlanActualMonth &m = pa.months[static_cast<std::size_t>(i)];
        QCOMPARE(forecast.value(i + 1), m.forecastCost);
        QCOMPARE(actual.value(i + 1), m.actualCost);
    }
    const auto variance = seriesValues(plot, QString::fromLatin1(kVarianceSeries));
    QCOMPARE(variance.value(2), 12.0);
    QCOMPARE(variance.value(3), 20.0);

    // The table: one row a month and a total, the model's figures as sort keys.
    TableModel *t = pane()->monthTable();
    QCOMPARE(t->rowCount(), 4);
    for (int i = 0; i < 3; ++i) {
        const PlanActualMonth &m = pa.months[static_cast<std::size_t>(i)];
        QCOMPARE(t->cell(i, 1).sortKey.toDouble(), m.forecastCost);
        QCOMPARE(t->cell(i, 2).sortKey.toDouble(), m.actualCost);
        QCOMPARE(t->cell(i, 3).sortKey.toDouble(), m.variance);
        QCOMPARE(t->cell(i, 6).sortKey.toDouble(), m.actualRequests);
        QCOMPARE(t->cell(i, 9).text.isEmpty(), !m.aboveTolerance);
    }
    QCOMPARE(t->cell(3, 0).text, QStringLiteral("Total"));
    QCOMPARE(t->cell(1, 4).text, QStringLiteral("+12.0%"));

    // The executive numbers: one row a month, the model's figures.
    QCOMPARE(pane()->executiveTable()->rowCount(), static_cast<int>(r.executive.size()));
    QCOMPARE(pane()->executiveTable()->cell(1, 1).sortKey.toDouble(), r.executive[1].baselineCost);
    QVERIFY(pane()
                ->findChild<QLabel *>(QStringLiteral("planActualSummary"))
                ->text()
                .contains(QStringLiteral("Approved")));
}

void TestPlanActualWindow::toleranceIsUndoable()
{
    QLabel *findings = pane()->findingsLabel();
    QVERIFY(findings->isVisible());
    QVERIFY(findings->text().contains(QStringLiteral("above")));
    const int before = m_doc->undoStack()->index();
    // 25%: February (+12%) and March (+20%) are both inside the band, no finding.
    pane()->toleranceBox()->setValue(25);
    QCOMPARE(m_doc->workbook().planActual.tolerance, 0.25);
    QCOMPARE(m_doc->undoStack()->index(), before + 1);
    QVERIFY(!findings->isVisible());
    QVERIFY(seriesValues(pane()->chart(), QString::fromLatin1(kActualAboveSeries)).isEmpty());
    // 15%: only March above; one month is no run, still no finding.
    pane()->toleranceBox()->setValue(15);
    QCOMPARE(m_doc->undoStack()->index(), before + 1); // spin-box steps merge
    QVERIFY(!findings->isVisible());
    m_doc->undoStack()->undo();
    QCOMPARE(m_doc->workbook().planActual.tolerance, 0.10);
    QCOMPARE(pane()->toleranceBox()->value(), 10.0);
    QVERIFY(findings->isVisible());
}

void TestPlanActualWindow::recalibrationShowsActualToDate()
{
    pane()->tabs()->setCurrentIndex(1);
    QCheckBox *box = pane()->recalibrateBox();
    QVERIFY(box->isEnabled());
    QVERIFY(!box->isChecked());
    QVERIFY(!pane()->tile(0)->isVisible());
    box->click();
    QVERIFY(m_doc->workbook().planActual.recalibrates("Case"));
    const PlanActualReport r = report();
    const Recalibrated &rc = r.recalibrated.at(0);
    QCOMPARE(rc.actualMonths, 3);
    const NumberFormat f(QStringLiteral("USD"));
    QVERIFY(pane()->tile(0)->isVisible());
    QCOMPARE(pane()->tile(0)->value(), f.money(rc.tco, 0));
    QCOMPARE(pane()->tile(1)->value(), f.money(rc.benefit, 0));
    QCOMPARE(pane()->tile(2)->value(), f.money(rc.net, 0));
    QCOMPARE(pane()->tile(3)->value(), f.kpi(rc.roiPercent, NumberFormat::Kind::Percent));
    // Actual to date + forecast: 12 months of 1,000 with January to March replaced by 1,000,
    // 1,120 and 1,200 (tokens as measured, the $600 platform as planned): TCO 12,320; benefit
    // 12 × 1,500 = 18,000; net 5,680; ROI 5,680 / 12,320 = 46.10%.
    ROI_COMPARE_NEAR(rc.tco, 12320.0, 1e-6);
    ROI_COMPARE_NEAR(rc.benefit, 18000.0, 1e-6);
    ROI_COMPARE_NEAR(rc.net, 5680.0, 1e-6);
    ROI_COMPARE_NEAR(rc.roiPercent.value, 5680.0 / 12320.0 * 100, 1e-9);
    const QString months = actualMonthsText(rc, m_doc->workbook().settings.startMonth);
    QCOMPARE(months, QStringLiteral("Jan") + QChar(0x2013) + QStringLiteral("Mar 2026"));
    QVERIFY(pane()->tile(0)->range().contains(months + QStringLiteral(" actual")));
    QVERIFY(
        pane()->findChild<QLabel *>(QStringLiteral("recalibrationNote"))->text().contains(months));
    // The window's tiles (the hook MainWindow::refreshResults calls) say the same.
    ResultsPanel panel;
    panel.setData(m_doc->workbook(), m_doc->results(), 0, 0, false);
    const QString forecastRoi = panel.tile(ResultsPanel::RoiTile)->value();
    m_controller->decorateResults(&panel, 0, 0);
    KpiTile *roiTile = panel.tile(ResultsPanel::RoiTile);
    QCOMPARE(roiTile->value(), f.kpi(rc.roiPercent, NumberFormat::Kind::Percent));
    QVERIFY(roiTile->title().contains(QStringLiteral("actual to date")));
    QVERIFY(roiTile->range().contains(months + QStringLiteral(" actual")));
    QVERIFY(roiTile->explanation().contains(forecastRoi));
    QCOMPARE(panel.tile(ResultsPanel::TcoTile)->value(), f.compactMoney(rc.tco));
    // Another scenario than Base: the tiles stay the forecast's.
    panel.setData(m_doc->workbook(), m_doc->results(), 0, 1, false);
    m_controller->decorateResults(&panel, 0, 1);
    QVERIFY(!panel.tile(ResultsPanel::TcoTile)->title().contains(QStringLiteral("actual")));

    m_doc->undoStack()->undo();
    QVERIFY(!m_doc->workbook().planActual.recalibrates("Case"));
    QVERIFY(!box->isChecked());
    QVERIFY(!pane()->tile(0)->isVisible());
}

void TestPlanActualWindow::suggestionAppliesAsOneEdit()
{
    pane()->tabs()->setCurrentIndex(1);
    const PlanActualReport r = report();
    const auto &list = r.suggestions.at(0);
    int growth = -1;
    for (std::size_t i = 0; i < list.size(); ++i) {
        if (list[i].input == "ramp.volumeGrowth")
            growth = static_cast<int>(i);
    }
    QVERIFY(growth >= 0);
    ROI_COMPARE_NEAR(list[static_cast<std::size_t>(growth)].suggested, 0.20, 1e-9);
    QCOMPARE(pane()->applyButtons().size(), static_cast<int>(list.size()));
    const double was = m_doc->workbook().useCases[0].ramp.volumeGrowth;
    const int before = m_doc->undoStack()->index();
    auto *apply = pane()->findChild<QPushButton *>(QStringLiteral("applySuggestion%1").arg(growth));
    QVERIFY(apply);
    apply->click();
    ROI_COMPARE_NEAR(m_doc->workbook().useCases[0].ramp.volumeGrowth, 0.20, 1e-9);
    QCOMPARE(m_doc->undoStack()->index(), before + 1);
    m_doc->undoStack()->undo();
    QCOMPARE(m_doc->workbook().useCases[0].ramp.volumeGrowth, was);

    // Tokens per call: not one named input; every token layer's tokens scale in one step.
    Suggestion tokens;
    tokens.input = "tokensPerCallFactor";
    tokens.current = 1;
    tokens.suggested = 1.5;
    const Workbook old = m_doc->workbook();
    QVERIFY(applySuggestion(m_doc, 0, tokens));
    QCOMPARE(m_doc->undoStack()->index(), before + 1);
    bool scaled = false;
    for (std::size_t i = 0; i < old.useCases[0].layers.size(); ++i) {
        const CostLayer &a = old.useCases[0].layers[i];
        const CostLayer &b = m_doc->workbook().useCases[0].layers[i];
        if (a.type == LayerType::TokenUsage) {
            ROI_COMPARE_NEAR(b.inputTokens, a.inputTokens * 1.5, 1e-9);
            ROI_COMPARE_NEAR(b.outputTokens, a.outputTokens * 1.5, 1e-9);
            scaled = scaled || a.inputTokens > 0;
        }
    }
    QVERIFY(scaled);
    m_doc->undoStack()->undo();
    QVERIFY(m_doc->workbook() == old);

    // An input that is not one of a use case: refused, nothing changed.
    Suggestion bad;
    bad.input = "settings.discountRate";
    QString error;
    QVERIFY(!applySuggestion(m_doc, 0, bad, &error));
    QVERIFY(error.contains(QStringLiteral("not an input of a use case")));
    QCOMPARE(m_doc->undoStack()->index(), before);
}

void TestPlanActualWindow::renamesAndDeletesFollowInOneStep()
{
    PlanActualSettings s;
    s.basis = "Approved";
    s.setRecalibrates("Case", true);
    m_doc->setPlanActual(s, QStringLiteral("set up"));
    QUndoStack *stack = m_doc->undoStack();
    const int start = stack->index();
    // Renaming the basis snapshot renames the basis, in one step; the file still reads.
    QString error;
    QVERIFY(renameSnapshot(m_doc, 0, QStringLiteral("Board pack"), &error));
    QCOMPARE(stack->index(), start + 1);
    QCOMPARE(m_doc->workbook().planActual.basis, std::string("Board pack"));
    QVERIFY(readWorkbook(writeWorkbook(m_doc->workbook()).text).ok());
    // Renaming the use case carries its recalibration switch along.
    UseCase uc = m_doc->workbook().useCases[0];
    uc.name = "Support";
    m_doc->setUseCase(0, uc, QStringLiteral("Rename"));
    QCOMPARE(stack->index(), start + 2);
    QCOMPARE(m_doc->workbook().planActual.recalibrated, std::vector<std::string>{"Support"});
    QVERIFY(readWorkbook(writeWorkbook(m_doc->workbook()).text).ok());
    // Deleting the snapshot and the use case drops them from the settings.
    QVERIFY(deleteSnapshot(m_doc, 0));
    QVERIFY(m_doc->workbook().planActual.basis.empty());
    m_doc->removeUseCase(0);
    QCOMPARE(stack->index(), start + 4);
    QVERIFY(m_doc->workbook().planActual.recalibrated.empty());
    QVERIFY(readWorkbook(writeWorkbook(m_doc->workbook()).text).ok());
    for (int i = 0; i < 4; ++i)
        stack->undo();
    QCOMPARE(m_doc->workbook().planActual, s);
    QCOMPARE(m_doc->workbook().snapshots.at(0).label, std::string("Approved"));
    QCOMPARE(m_doc->workbook().useCases.at(0).name, std::string("Case"));
}

void TestPlanActualWindow::screenshot()
{
    // Written for the README when ROI_SCREENSHOT_DIR is set; always checks it grabs.
    PlanActualPane *p = pane();
    m_controller->dock()->setFloating(true);
    m_controller->dock()->resize(1100, 760);
    p->tabs()->setCurrentIndex(0);
    QCoreApplication::processEvents();
    const QPixmap shot = p->grab();
    QVERIFY(!shot.isNull());
    const QByteArray dir = qgetenv("ROI_SCREENSHOT_DIR");
    if (!dir.isEmpty()) {
        QVERIFY(shot.save(QString::fromLocal8Bit(dir) + QStringLiteral("/plan-vs-actual.png")));
        p->recalibrateBox()->click();
        p->tabs()->setCurrentIndex(1);
        QCoreApplication::processEvents();
        QVERIFY(p->grab().save(QString::fromLocal8Bit(dir)
                               + QStringLiteral("/plan-vs-actual-recalibration.png")));
    }
}

QTEST_MAIN(TestPlanActualWindow)
#include "tst_planactualwindow.moc"
