// The Analysis menu and the Uncertainty dock: turns the pane's edits into undo commands, runs
// the Monte Carlo simulation on worker threads (QtConcurrent, fixed chunks) with progress and
// cancel, marks results stale when the workbook changes and re-runs small simulations by itself.
#pragma once

#include "montecarlorunner.h"

#include <QFutureWatcher>
#include <QObject>

#include <memory>

class QDockWidget;
class QMainWindow;
class QMenu;
class QTimer;

namespace roi {

class Document;
class UncertaintyPane;

/// Runs of at most this many trials re-run by themselves after an edit.
inline constexpr int kAutoRunTrials = 2000;

class AnalysisController : public QObject
{
    Q_OBJECT

public:
    AnalysisController(Document *document, QMainWindow *window);
    ~AnalysisController() override;

    /// Fills the Analysis menu.
    void populateMenu(QMenu *menu);
    /// The pane, up to date with the workbook (see showWorkbook).
    UncertaintyPane *pane() const
    {
        showWorkbook();
        return m_pane;
    }
    QDockWidget *dock() const { return m_dock; }
    bool isRunning() const
    {
        return m_planWatcher->future().isRunning() || m_watcher->future().isRunning();
    }
    bool isStale() const { return m_stale; }

    void run();
    void cancel();

Q_SIGNALS:
    /// A run ended: `completed` false when it was cancelled or could not start.
    void runFinished(bool completed);

private:
    void workbookChanged();
    void planReady();
    void finished();
    void endRun(bool completed);
    /// Brings the pane up to the workbook when edits came while it was hidden.
    void showWorkbook() const;

    Document *m_doc;
    UncertaintyPane *m_pane;
    QDockWidget *m_dock;
    QFutureWatcher<MonteCarloRunPtr> *m_watcher;
    QFutureWatcher<std::shared_ptr<MonteCarloPlan>> *m_planWatcher;
    QTimer *m_autoRun;
    std::shared_ptr<MonteCarloPlan> m_plan; // alive while its run is
    bool m_cancelRequested = false;
    bool m_stale = true;
    bool m_runAgain = false;
    mutable bool m_paneOutdated = false; // edits came while the pane was hidden
};

} // namespace roi
