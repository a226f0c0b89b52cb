// Product leads' view: every use case side by side in a sortable table (ROI, NPV, payback, cost
// per outcome, TCO, hard benefit) for the chosen scenario, portfolio totals, and a grouped bar
// chart. Activating a row asks to open that use case.
#pragma once

#include "results.h"
#include "workbook.h"

#include <QWidget>

class QLabel;
class QSortFilterProxyModel;
class QTableView;

namespace roi {

class ChartView;
class TableModel;

class ComparisonView : public QWidget
{
    Q_OBJECT

public:
    enum Column {
        NameColumn,
        RoiColumn,
        NpvColumn,
        PaybackColumn,
        CostPerOutcomeColumn,
        TcoColumn,
        HardColumn,
        SoftColumn,
        RunRateColumn,
        ColumnCount
    };

    explicit ComparisonView(QWidget *parent = nullptr);
    void setData(const Workbook &workbook, const Results &results, int scenario);
    QTableView *table() const { return m_table; }
    QSortFilterProxyModel *proxy() const { return m_proxy; }
    ChartView *chart() const { return m_chart; }

Q_SIGNALS:
    void useCaseActivated(int index);

private:
    TableModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_table;
    QLabel *m_totals;
    ChartView *m_chart;
};

} // namespace roi
