// The tornado and spider pane: which use case (or the portfolio), which metric and range, the
// two charts and the table of swings. Recomputes from a workbook it is given; knows nothing of
// the document.
#pragma once

#include "tornadochart.h"

#include "workbook.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QTableWidget;
class QTabWidget;

namespace roi {

class SensitivityPanel : public QWidget
{
    Q_OBJECT

public:
    explicit SensitivityPanel(QWidget *parent = nullptr);

    /// Shows the sensitivity of `useCase` (-1: the portfolio) under `scenario`.
    void setData(const Workbook &workbook, int useCase, int scenario);
    /// Recomputes for a changed workbook, keeping the choices made in the pane.
    void setWorkbook(const Workbook &workbook);

    const TornadoResult &tornadoResult() const { return m_tornado; }
    TornadoChart *tornadoChart() const { return m_tornadoChart; }
    TornadoChart *spiderChart() const { return m_spiderChart; }
    QTableWidget *table() const { return m_table; }
    QComboBox *subjectCombo() const { return m_subject; }
    QComboBox *metricCombo() const { return m_metric; }
    QComboBox *rangeCombo() const { return m_range; }
    QTabWidget *tabs() const { return m_tabs; }

private:
    /// The range combo's value for "P10 to P90" (the others are 0: Worst/Best, or a fraction).
    static constexpr double kPercentileRange = -1.0;

    void fillSubjects();
    void defaultRange();
    void recompute();

    Workbook m_workbook;
    int m_scenario = 0;
    bool m_rangeChosen = false; // the user picked a range: keep it
    TornadoResult m_tornado;
    QComboBox *m_subject;
    QComboBox *m_metric;
    QComboBox *m_range;
    QTabWidget *m_tabs;
    TornadoChart *m_tornadoChart;
    TornadoChart *m_spiderChart;
    QTableWidget *m_table;
    QLabel *m_note;
};

} // namespace roi
