#include "analysiscontroller.h"

#include "document.h"
#include "uncertaintypane.h"

#include <QDockWidget>
#include <QMainWindow>
#include <QMenu>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

namespace roi {

AnalysisController::AnalysisController(Document *document, QMainWindow *window)
    : QObject(window)
    , m_doc(document)
    , m_pane(new UncertaintyPane)
    , m_dock(new QDockWidget(tr("Uncertainty"), window))
    , m_watcher(new QFutureWatcher<MonteCarloRunPtr>(this))
    , m_planWatcher(new QFutureWatcher<std::shared_ptr<MonteCarloPlan>>(this))
    , m_autoRun(new QTimer(this))
{
    m_dock->setObjectName(QStringLiteral("uncertaintyDock"));
    m_dock->setWidget(m_pane);
    window->addDockWidget(Qt::RightDockWidgetArea, m_dock);
    m_dock->hide();
    m_autoRun->setSingleShot(true);
    m_autoRun->setInterval(300);
    connect(m_autoRun, &QTimer::timeout, this, &AnalysisController::run);

    connect(m_pane, &UncertaintyPane::setupEdited, this,
            [this](const UncertaintySetup &setup, const QString &text, const QString &key) {
                m_doc->setUncertainty(setup, text, key);
            });
    connect(m_pane, &UncertaintyPane::settingsEdited, this,
            [this](const Settings &settings, const QString &text, const QString &key) {
                m_doc->setSettings(settings, text, key);
            });
    connect(m_pane, &UncertaintyPane::runRequested, this, &AnalysisController::run);
    connect(m_dock, &QDockWidget::visibilityChanged, this, [this](bool visible) {
        if (visible)
            showWorkbook();
    });
    connect(m_pane, &UncertaintyPane::cancelRequested, this, &AnalysisController::cancel);
    connect(m_doc, &Document::changed, this, &AnalysisController::workbookChanged);
    connect(m_watcher, &QFutureWatcherBase::progressValueChanged, this,
            [this](int done) { m_pane->setProgress(done, m_watcher->progressMaximum()); });
    connect(m_watcher, &QFutureWatcherBase::finished, this, &AnalysisController::finished);
    connect(m_planWatcher, &QFutureWatcherBase::finished, this, &AnalysisController::planReady);
    m_pane->setWorkbook(m_doc->workbook());
}

AnalysisController::~AnalysisController()
{
    // The workers read the plan: let them stop before it goes.
    m_planWatcher->waitForFinished();
    QFuture<MonteCarloRunPtr> future = m_watcher->future();
    future.cancel();
    future.waitForFinished();
}

void AnalysisController::populateMenu(QMenu *menu)
{
    QAction *show = m_dock->toggleViewAction();
    show->setText(tr("&Uncertainty Pane"));
    show->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_U));
    menu->addAction(show);
    QAction *runAction = menu->addAction(tr("&Run Monte Carlo Simulation"), this, [this] {
        m_dock->show();
        m_dock->raise();
        run();
    });
    runAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    menu->addAction(tr("&Cancel Simulation"), this, &AnalysisController::cancel);
}

void AnalysisController::run()
{
    if (isRunning()) {
        // Start again once the running one has stopped.
        m_runAgain = true;
        cancel();
        m_runAgain = true;
        return;
    }
    showWorkbook();
    // Drawing the samples takes a while for large runs: off the UI thread too.
    const Workbook wb = m_doc->workbook();
    const std::string scenario = m_pane->scenario();
    m_cancelRequested = false;
    m_stale = false;
    m_pane->setRunning(true);
    m_pane->setProgress(0, 1);
    m_planWatcher->setFuture(QtConcurrent::run([wb, scenario] {
        MonteCarloOptions options = MonteCarloOptions::fromWorkbook(wb);
        options.scenario = scenario;
        return std::make_shared<MonteCarloPlan>(wb, options);
    }));
}

void AnalysisController::planReady()
{
    m_plan = m_planWatcher->future().result();
    if (m_cancelRequested) {
        m_plan.reset();
        endRun(false);
        return;
    }
    if (!m_plan->ok()) {
        m_pane->setRunning(false);
        m_pane->setError(tr("Cannot simulate: %1").arg(QString::fromStdString(m_plan->error())));
        m_plan.reset();
        m_stale = true;
        Q_EMIT runFinished(false);
        return;
    }
    m_pane->setProgress(0, m_plan->chunkCount());
    m_watcher->setFuture(startMonteCarlo(*m_plan));
}

void AnalysisController::cancel()
{
    m_runAgain = false;
    m_cancelRequested = true;
    // The future itself, not the watcher's cached state (which lags behind by an event).
    QFuture<MonteCarloRunPtr> future = m_watcher->future();
    future.cancel();
}

void AnalysisController::finished()
{
    const QFuture<MonteCarloRunPtr> future = m_watcher->future();
    const bool completed =
        !future.isCanceled() && future.resultCount() > 0 && future.result()->complete();
    if (completed)
        m_pane->setSummary(std::make_shared<const MonteCarloSummary>(future.result()->summary()));
    // (Not setFuture(QFuture()): a default future is finished and would signal again.)
    m_plan.reset();
    endRun(completed);
}

void AnalysisController::endRun(bool completed)
{
    m_pane->setRunning(false);
    if (!completed) {
        m_stale = true;
        m_pane->setStale(true, m_pane->summary()
                                   ? tr("Cancelled; the results below are from the previous run.")
                                   : tr("Cancelled."));
    }
    Q_EMIT runFinished(completed);
    if (m_runAgain) {
        m_runAgain = false;
        run();
    }
}

void AnalysisController::workbookChanged()
{
    // The pane lists every uncertain input (a row, a combo box and a density preview each: a
    // thousand at 200 use cases): rebuilt only while it is on screen, else when it is shown.
    m_paneOutdated = !m_dock->isVisible();
    if (!m_paneOutdated)
        m_pane->setWorkbook(m_doc->workbook());
    m_stale = true;
    m_pane->setStale(true);
    if (const auto shown = m_pane->summary(); shown && shown->scenario != m_pane->scenario())
        m_pane->setStale(true, tr("The results below are for the %1 scenario; run again for %2.")
                                   .arg(QString::fromStdString(shown->scenario),
                                        QString::fromStdString(m_pane->scenario())));
    // Small runs keep up with the edits; larger ones wait for Run.
    if (m_pane->summary() && m_doc->workbook().settings.monteCarloTrials <= kAutoRunTrials)
        m_autoRun->start();
}

void AnalysisController::showWorkbook() const
{
    if (!m_paneOutdated)
        return;
    m_paneOutdated = false;
    m_pane->setWorkbook(m_doc->workbook());
}

} // namespace roi
