// The monthly revenue of each customer, for the margin figures of the Actuals page: a table of
// customer and revenue (editable in place), Add and Remove, and Import CSV (a file of
// `customer,revenue` lines). Customers without a row use the page's default revenue. Emits the
// whole edited list or the import request; never writes the model itself.
#pragma once

#include "actuals/actuals.h"

#include <QWidget>

#include <vector>

class QPushButton;
class QTableWidget;

namespace roi {

class CustomerRevenueEditor : public QWidget
{
    Q_OBJECT

public:
    enum Column { CustomerColumn, RevenueColumn, ColumnCount };

    explicit CustomerRevenueEditor(QWidget *parent = nullptr);

    /// Shows `entries`; `suggestions` are the customers of the actuals without an entry (Add
    /// starts a row with the first of them).
    void setRevenue(const std::vector<actuals::CustomerRevenue> &entries,
                    const std::vector<std::string> &suggestions);
    const std::vector<actuals::CustomerRevenue> &revenue() const { return m_entries; }

    QTableWidget *table() const { return m_table; }
    QPushButton *addButton() const { return m_add; }
    QPushButton *removeButton() const { return m_remove; }
    QPushButton *importButton() const { return m_import; }

Q_SIGNALS:
    void revenueEdited(const std::vector<roi::actuals::CustomerRevenue> &entries,
                       const QString &text);
    void importRequested();

private:
    void rebuild();
    void cellEdited(int row, int column);

    std::vector<actuals::CustomerRevenue> m_entries;
    std::vector<std::string> m_suggestions;
    QTableWidget *m_table;
    QPushButton *m_add;
    QPushButton *m_remove;
    QPushButton *m_import;
    bool m_filling = false;
};

} // namespace roi
