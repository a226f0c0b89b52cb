#include "tablemodel.h"

namespace roi {

TableModel::TableModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void TableModel::setHeaders(const QStringList &headers, const QStringList &toolTips)
{
    beginResetModel();
    m_headers = headers;
    m_headerTips = toolTips;
    m_rows.clear();
    endResetModel();
}

void TableModel::setRows(QVector<QVector<TableCell>> rows)
{
    if (rows.size() == m_rows.size()) {
        m_rows = std::move(rows);
        if (!m_rows.isEmpty())
            Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1),
                               {Qt::DisplayRole, SortRole, Qt::ToolTipRole});
        return;
    }
    if (rows.size() > m_rows.size()) {
        beginInsertRows({}, static_cast<int>(m_rows.size()), static_cast<int>(rows.size()) - 1);
        m_rows = std::move(rows);
        endInsertRows();
    } else {
        beginRemoveRows({}, static_cast<int>(rows.size()), static_cast<int>(m_rows.size()) - 1);
        m_rows = std::move(rows);
        endRemoveRows();
    }
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
}

int TableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int TableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_headers.size());
}

QVariant TableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size()
        || index.column() >= m_rows.at(index.row()).size())
        return {};
    const TableCell &c = m_rows.at(index.row()).at(index.column());
    switch (role) {
    case Qt::DisplayRole:
        return c.text;
    case SortRole:
        return c.sortKey.isValid() ? c.sortKey : QVariant(c.text);
    case DataRole:
        return c.data;
    case Qt::ToolTipRole:
        return c.toolTip.isEmpty() ? QVariant() : QVariant(c.toolTip);
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(c.number ? Qt::AlignRight | Qt::AlignVCenter
                                            : Qt::AlignLeft | Qt::AlignVCenter);
    default:
        return {};
    }
}

QVariant TableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= m_headers.size())
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::DisplayRole)
        return m_headers.at(section);
    if (role == Qt::ToolTipRole && section < m_headerTips.size())
        return m_headerTips.at(section);
    return {};
}

} // namespace roi
