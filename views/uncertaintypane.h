// The Uncertainty pane: the table of uncertain inputs (distribution, parameters, mean and a
// density preview, all editable), the rank-correlation matrix with the repaired matrix shown
// when the requested one is not valid, trials / seed / sampling, Run and Cancel with progress,
// then the fan chart, NPV and ROI histograms, S-curve, sensitivity ranking and percentile table.
// Knows nothing of the undo stack: edits are emitted as whole set-ups for the application to apply.
#pragma once

#include "analytics/montecarlo.h"
#include "uncertaintycharts.h"
#include "workbook.h"

#include <QWidget>

#include <memory>
#include <string>

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTabWidget;
class QTableWidget;
class QCustomPlot;

namespace roi {

class UncertaintyPane : public QWidget
{
    Q_OBJECT

public:
    explicit UncertaintyPane(QWidget *parent = nullptr);

    /// Shows the workbook's set-up (or the default one when it has none).
    void setWorkbook(const Workbook &workbook);
    void setRunning(bool running);
    void setProgress(int done, int total);
    /// Shows a finished run's results; the pane keeps them until the next.
    void setSummary(std::shared_ptr<const MonteCarloSummary> summary);
    /// Results no longer match the workbook (or a run was cancelled: `message` says so).
    void setStale(bool stale, const QString &message = {});
    void setError(const QString &message);

    std::shared_ptr<const MonteCarloSummary> summary() const { return m_summary; }
    QTableWidget *inputsTable() const { return m_inputs; }
    QTableWidget *correlationTable() const { return m_correlation; }
    QTableWidget *percentileTable() const { return m_percentiles; }
    QPushButton *runButton() const { return m_run; }
    QPushButton *cancelButton() const { return m_cancel; }
    QProgressBar *progressBar() const { return m_progress; }
    QSpinBox *trialsBox() const { return m_trials; }
    QSpinBox *seedBox() const { return m_seed; }
    QLabel *statusLabel() const { return m_status; }
    QCustomPlot *chart(int index) const { return m_charts[index]; }
    QComboBox *seriesBox() const { return m_series; }
    QComboBox *scenarioBox() const { return m_scenario; }
    /// The scenario the next run simulates: the workbook's stored choice (uncertainty.scenario,
    /// `analyze`'s default), Base when none.
    std::string scenario() const;

Q_SIGNALS:
    void setupEdited(const roi::UncertaintySetup &setup, const QString &text,
                     const QString &mergeKey);
    void settingsEdited(const roi::Settings &settings, const QString &text,
                        const QString &mergeKey);
    void runRequested();
    void cancelRequested();

private:
    void rebuildInputs();
    void rebuildCorrelation();
    void showResults();
    /// The set-up as the user sees it: the workbook's, or the default one made explicit.
    UncertaintySetup visibleSetup() const;
    void editInput(int row, int column, const QString &text);
    void changeKind(int row, DistributionKind kind);
    void editCorrelation(int row, int column, const QString &text);

    Workbook m_workbook;
    std::vector<UncertainInput> m_shown;
    bool m_defaults = false;
    bool m_updating = false;
    std::shared_ptr<const MonteCarloSummary> m_summary;

    QLabel *m_setupNote;
    QTableWidget *m_inputs;
    QComboBox *m_addInput;
    QTableWidget *m_correlation;
    QLabel *m_repairNote;
    QTableWidget *m_repaired;
    QSpinBox *m_trials;
    QSpinBox *m_seed;
    QComboBox *m_sampling;
    QComboBox *m_scenario;
    QPushButton *m_run;
    QPushButton *m_cancel;
    QProgressBar *m_progress;
    QLabel *m_status;
    QComboBox *m_series;
    QTabWidget *m_tabs;
    QCustomPlot *m_charts[kUncertaintyChartCount];
    QTableWidget *m_percentiles;
};

} // namespace roi
