// Every input of one use case, on tabs: baseline and outcome, costs, value, risk and ramp-up,
// maturity and scorecard. Emits whole edited use cases; never writes the model itself.
#pragma once

#include "numberformat.h"
#include "usecase.h"
#include "workbook.h"

#include <QTabWidget>

#include <functional>

class QComboBox;
class QLabel;
class QTableWidget;

namespace roi {

class CostLayersPane;
class FieldForm;
class LeversPane;
class NotesField;
class Results;
class TextField;
class ValueDriversPane;

class UseCaseEditor : public QTabWidget
{
    Q_OBJECT

public:
    enum Tab { BaselineTab, CostsTab, ValueTab, RiskRampTab, ScorecardTab, LeversTab };

    explicit UseCaseEditor(QWidget *parent = nullptr);

    void setData(const Workbook &workbook, const Results &results, int index, int scenario);
    int index() const { return m_index; }
    /// Shows and focuses the input a named path points at ("baseline.volume",
    /// `layers["Human review"].share`, "ramp.rampMonths", ...).
    void focusInput(const QString &path);

    FieldForm *baselineForm() const { return m_baselineFields; }
    CostLayersPane *costs() const { return m_costs; }
    ValueDriversPane *value() const { return m_value; }
    FieldForm *riskForm() const { return m_riskFields; }
    FieldForm *rampForm() const { return m_rampFields; }
    LeversPane *levers() const { return m_levers; }

Q_SIGNALS:
    void edited(int index, const roi::UseCase &useCase, const QString &text,
                const QString &mergeKey);

private:
    QWidget *buildBaselineTab();
    QWidget *buildRiskRampTab();
    QWidget *buildScorecardTab();
    void edit(const std::function<void(UseCase &)> &change, const QString &text,
              const QString &mergeKey = {});
    void refreshScorecard();
    QLabel *m_reviewDates = nullptr; // the stage's measurement window and the 30/90/365 plan
    void scorecardEdited();

    UseCase m_useCase;
    int m_index = -1;
    NumberFormat m_format;

    TextField *m_description = nullptr;
    TextField *m_capturedOn = nullptr;
    QLabel *m_capturedHint = nullptr;
    TextField *m_source = nullptr;
    TextField *m_unit = nullptr;
    NotesField *m_notes = nullptr;
    FieldForm *m_baselineFields = nullptr;
    TextField *m_outcomeName = nullptr;
    FieldForm *m_outcomeFields = nullptr;
    CostLayersPane *m_costs = nullptr;
    ValueDriversPane *m_value = nullptr;
    FieldForm *m_riskFields = nullptr;
    QLabel *m_riskSummary = nullptr;
    TextField *m_goLive = nullptr;
    QLabel *m_goLiveHint = nullptr;
    QComboBox *m_curve = nullptr;
    FieldForm *m_rampFields = nullptr;
    QComboBox *m_maturity = nullptr;
    QTableWidget *m_scorecard = nullptr;
    LeversPane *m_levers = nullptr;
    bool m_fillingScorecard = false;
};

} // namespace roi
