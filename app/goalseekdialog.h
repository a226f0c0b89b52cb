// Goal Seek: the value of one input at which a target holds (break-even adoption, token price,
// ...), found by model/analytics/goalseek.h and applied to the workbook as one undoable edit.
#pragma once

#include "analytics/goalseek.h"

#include <QDialog>

#include <optional>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace roi {

class Document;

class GoalSeekDialog : public QDialog
{
    Q_OBJECT

public:
    GoalSeekDialog(Document *doc, QWidget *parent = nullptr);

    /// Starts from a use case (-1: the portfolio) and a scenario.
    void setTarget(int useCase, int scenario);

    /// Runs the search with the dialog's choices; false when the request itself is wrong (the
    /// answer label says why). An unreachable target is an answer, so true.
    bool seek();
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
    QLabel *answerLabel() const { return m_answer; }

private:
    void fillFromWorkbook();
    void updateCompleter();
    void goalChanged();
    void invalidate();

    Document *m_doc;
    QComboBox *m_subject;
    QComboBox *m_scenario;
    QLineEdit *m_inputEdit;
    QComboBox *m_goal;
    QDoubleSpinBox *m_value;
    QLabel *m_valueUnit;
    QPushButton *m_seekButton;
    QPushButton *m_applyButton;
    QLabel *m_answer;
    GoalSeekResult m_result;
    std::optional<VariedInput> m_input; // of the last successful seek
    bool m_applying = false;
};

} // namespace roi
