// Goal Seek: the value of one input at which a target holds (break-even adoption, token price,
// ...), found by model/analytics/goalseek.h and applied to the workbook as one undoable edit.
// The simulated target "P10 of NPV" (Monte Carlo with common random numbers, as `goal-seek
// --target p10-npv=X`) runs on a worker thread with progress and Cancel.
#pragma once

#include "analytics/goalseek.h"

#include <QDialog>
#include <QFutureWatcher>

#include <functional>
#include <optional>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace roi {

class Document;

class GoalSeekDialog : public QDialog
{
    Q_OBJECT

public:
    GoalSeekDialog(Document *doc, QWidget *parent = nullptr);
    ~GoalSeekDialog() override;

    /// The goal combo's data for "P10 of NPV (simulated) equals" (beside the GoalKind values).
    static constexpr int kSimulatedP10Npv = 100;

    /// Starts from a use case (-1: the portfolio) and a scenario.
    void setTarget(int useCase, int scenario);

    /// Runs the search with the dialog's choices; false when the request itself is wrong (the
    /// answer label says why). An unreachable target is an answer, so true. A simulated target
    /// only starts here (true: started): seekFinished() tells when the answer is in.
    bool seek();
    /// Stops a running simulated search; the answer says it was cancelled.
    void cancelSeek();
    bool isSeeking() const;
    /// Applies the answer to the workbook as one undo command; false when there is none.
    bool apply();

    const GoalSeekResult &result() const { return m_result; }
    bool hasResult() const { return m_input.has_value(); }

    // For tests: the widgets a user drives.
    QComboBox *subjectCombo() const { return m_subject; }
    QComboBox *scenarioCombo() const { return m_scenario; }
    QLineEdit *inputEdit() const { return m_inputEdit; }
    QComboBox *goalCombo() const { return m_goal; }
    QDoubleSpinBox *valueSpin() const { return m_value; }
    QPushButton *seekButton() const { return m_seekButton; }
    QPushButton *applyButton() const { return m_applyButton; }
    QPushButton *cancelButton() const { return m_cancelButton; }
    QProgressBar *progressBar() const { return m_progress; }
    QLabel *answerLabel() const { return m_answer; }

Q_SIGNALS:
    /// A simulated search ended: `answered` false when it was cancelled or failed.
    void seekFinished(bool answered);

private:
    void fillFromWorkbook();
    void updateCompleter();
    void goalChanged();
    void invalidate();
    bool startSimulated(const VariedInput &input, int useCase, int scenario, double target);
    void simulatedFinished();
    void showAnswer(const VariedInput &input, const QString &goalText,
                    const std::function<QString(const Kpi &)> &metric);
    void setSeeking(bool seeking);

    Document *m_doc;
    QComboBox *m_subject;
    QComboBox *m_scenario;
    QLineEdit *m_inputEdit;
    QComboBox *m_goal;
    QDoubleSpinBox *m_value;
    QLabel *m_valueUnit;
    QPushButton *m_seekButton;
    QPushButton *m_applyButton;
    QPushButton *m_cancelButton;
    QProgressBar *m_progress;
    QLabel *m_answer;
    QFutureWatcher<GoalSeekResult> *m_watcher;
    std::optional<VariedInput> m_pending; // the input of the running simulated search
    GoalSeekResult m_result;
    std::optional<VariedInput> m_input; // of the last successful seek
    bool m_applying = false;
};

} // namespace roi
