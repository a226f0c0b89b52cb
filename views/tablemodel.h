// A read-only table model fed whole rows at a time: display text, a sort key and a tooltip per
// cell. Rows keep their identity when the count is unchanged, so selection survives refreshes.
#pragma once

#include <QAbstractTableModel>
#include <QStringList>
#include <QVariant>
#include <QVector>

namespace roi {

struct TableCell
{
    TableCell() = default;
    TableCell(QString text, QVariant sortKey = {}, QString toolTip = {}, bool number = false,
              QVariant data = {})
        : text(std::move(text))
        , sortKey(std::move(sortKey))
        , toolTip(std::move(toolTip))
        , number(number)
        , data(std::move(data))
    {}

    QString text;
    QVariant sortKey; // numbers sort as numbers
    QString toolTip;
    bool number = false;
    QVariant data; // anything the owner keeps with the cell (DataRole)
};

class TableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    static constexpr int SortRole = Qt::UserRole + 1;
    static constexpr int DataRole = Qt::UserRole + 2;

    explicit TableModel(QObject *parent = nullptr);

    void setHeaders(const QStringList &headers, const QStringList &toolTips = {});
    void setRows(QVector<QVector<TableCell>> rows);
    const TableCell &cell(int row, int column) const { return m_rows.at(row).at(column); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QStringList m_headers;
    QStringList m_headerTips;
    QVector<QVector<TableCell>> m_rows;
};

} // namespace roi
