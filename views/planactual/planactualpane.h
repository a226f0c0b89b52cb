// The "Plan vs actual" pane: for the portfolio or one use case, the chart (forecast line, actual
// bars, tolerance band, variance %), the table by month, the overrun findings, the basis and the
// tolerance; the recalibration switch with the recalibrated KPI tiles and chart, the suggested
// recalibrations with an Apply button each; and the executive three numbers by month. A passive
// view: it shows what it is given and reports edits as signals (app/planactualcontroller.h turns
// them into undo commands).
#pragma once

#include "numberformat.h"

#include "planactual/planactualreport.h"
#include "workbook.h"

#include <QWidget>

#include <array>
#include <vector>

class QCheckBox;
class QComboBox;
class QCustomPlot;
class QDoubleSpinBox;
class QLabel;
class QTableView;
class QTabWidget;
class QVBoxLayout;

namespace roi {

class KpiTile;
class TableModel;

class PlanActualPane : public QWidget
{
    Q_OBJECT

public:
    explicit PlanActualPane(QWidget *parent = nullptr);

    /// Shows `report` (built by buildPlanActual from `workbook`).
    void setData(const Workbook &workbook, const PlanActualReport &report);
    /// -1: the portfolio; else a use case index.
    int subject() const { return m_subject; }
    void setSubject(int useCase);

    // For tests and the screenshot.
    QCustomPlot *chart() const { return m_chart; }
    QCustomPlot *recalibratedChart() const { return m_recalChart; }
    TableModel *monthTable() const { return m_months; }
    TableModel *executiveTable() const { return m_executive; }
    QDoubleSpinBox *toleranceBox() const { return m_tolerance; }
    QComboBox *basisBox() const { return m_basis; }
    QCheckBox *recalibrateBox() const { return m_recalibrate; }
    QLabel *findingsLabel() const { return m_findings; }
    KpiTile *tile(int i) const { return m_tiles.at(static_cast<std::size_t>(i)); }
    QTabWidget *tabs() const { return m_tabs; }
    /// The Apply buttons of the suggestions shown (in order; disabled when not applicable).
    QList<QWidget *> applyButtons() const;

Q_SIGNALS:
    void toleranceEdited(double fraction);
    /// `label` empty: the latest snapshot.
    void basisEdited(const QString &label);
    void recalibrationToggled(int useCase, bool on);
    void applyRequested(int useCase, int suggestion);

private:
    void refresh();
    void refreshMonths(const PlanActual &pa);
    void refreshRecalibration();
    void refreshSuggestions();
    const PlanActual *shown() const;

    Workbook m_workbook;
    PlanActualReport m_report;
    NumberFormat m_format;
    int m_subject = -1;
    bool m_updating = false;

    QComboBox *m_subjectBox;
    QComboBox *m_basis;
    QDoubleSpinBox *m_tolerance;
    QLabel *m_summary;
    QLabel *m_findings;
    QTabWidget *m_tabs;
    QCustomPlot *m_chart;
    TableModel *m_months;
    QCheckBox *m_recalibrate;
    QLabel *m_recalNote;
    std::array<KpiTile *, 4> m_tiles{};
    QCustomPlot *m_recalChart;
    QWidget *m_suggestionBox;
    QVBoxLayout *m_suggestionLayout;
    TableModel *m_executive;
    QLabel *m_executiveNote;
};

} // namespace roi
