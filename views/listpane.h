// The shared shape of the cost-layer and value-driver panes: a table of the items with add,
// duplicate, remove and move buttons, and below it a form for the selected item. Subclasses
// fill the rows and the form and turn list operations into edited lists.
#pragma once

#include "tablemodel.h"

#include <QString>
#include <QWidget>

#include <vector>

class QFormLayout;
class QGroupBox;
class QMenu;
class QTableView;
class QToolButton;

namespace roi {

class FieldForm;

class ListPane : public QWidget
{
    Q_OBJECT

public:
    int currentRow() const;
    void selectRow(int row);
    QTableView *table() const { return m_table; }
    FieldForm *fields() const { return m_fields; }

protected:
    /// `kind` names the buttons and table for tests and accessibility: "Layer" gives addLayer,
    /// removeLayer, layerUp, layerDown and layersTable.
    ListPane(const QString &kind, const QString &addText, const QStringList &headers,
             const QStringList &headerTips, int stretchColumn, QWidget *parent);

    QMenu *addMenu() const { return m_addMenu; }
    QGroupBox *detail() const { return m_detail; }
    QFormLayout *detailForm() const { return m_form; }
    /// Shows the rows; keeps (or makes) a selection and refreshes the detail form.
    void setRows(QVector<QVector<TableCell>> rows);

    virtual int itemCount() const = 0;
    virtual void showDetail() = 0;
    virtual void removeAt(int row) = 0;
    virtual void duplicateAt(int row) = 0;
    virtual void moveTo(int from, int to) = 0;

private:
    void updateButtons();

    TableModel *m_model;
    QTableView *m_table;
    QMenu *m_addMenu;
    QToolButton *m_remove;
    QToolButton *m_duplicate;
    QToolButton *m_up;
    QToolButton *m_down;
    QGroupBox *m_detail;
    QFormLayout *m_form;
    FieldForm *m_fields;
};

/// `base`, or "base 2", "base 3"... whichever no item is called yet.
template<typename T>
QString uniqueName(const std::vector<T> &items, const QString &base)
{
    QString name = base;
    for (int n = 2;; ++n) {
        bool taken = false;
        for (const T &item : items)
            taken = taken || QString::fromStdString(item.name) == name;
        if (!taken)
            return name;
        name = QStringLiteral("%1 %2").arg(base).arg(n);
    }
}

/// The list with item `row` copied right after it under a new name.
template<typename T>
std::vector<T> withDuplicate(std::vector<T> items, int row)
{
    T copy = items[static_cast<std::size_t>(row)];
    copy.name = uniqueName(items, QString::fromStdString(copy.name)).toStdString();
    items.insert(items.begin() + row + 1, std::move(copy));
    return items;
}

template<typename T>
std::vector<T> withMoved(std::vector<T> items, int from, int to)
{
    std::swap(items[static_cast<std::size_t>(from)], items[static_cast<std::size_t>(to)]);
    return items;
}

} // namespace roi
