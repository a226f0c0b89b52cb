#include "customerrevenueeditor.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLocale>
#include <QPushButton>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace roi {

namespace {

QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

} // namespace

CustomerRevenueEditor::CustomerRevenueEditor(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setObjectName(QStringLiteral("customerRevenueTable"));
    m_table->setHorizontalHeaderLabels({tr("Customer"), tr("Revenue / month")});
    m_table->horizontalHeader()->setSectionResizeMode(CustomerColumn, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(RevenueColumn, QHeaderView::ResizeToContents);
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setToolTip(tr("Monthly revenue of each customer: a customer whose AI cost of a month "
                           "exceeds it is flagged. Customers not listed use the default."));
    layout->addWidget(m_table, 1);
    auto *buttons = new QVBoxLayout;
    m_add = new QPushButton(tr("Add"), this);
    m_add->setObjectName(QStringLiteral("addRevenue"));
    m_remove = new QPushButton(tr("Remove"), this);
    m_remove->setObjectName(QStringLiteral("removeRevenue"));
    m_import = new QPushButton(tr("Import CSV…"), this);
    m_import->setObjectName(QStringLiteral("importRevenue"));
    m_import->setToolTip(tr("Read a CSV of customer,revenue lines (monthly, in the workbook's "
                            "currency); listed customers get the file's figure"));
    buttons->addWidget(m_add);
    buttons->addWidget(m_remove);
    buttons->addWidget(m_import);
    buttons->addStretch();
    layout->addLayout(buttons);

    connect(m_table, &QTableWidget::cellChanged, this, &CustomerRevenueEditor::cellEdited);
    connect(m_table, &QTableWidget::itemSelectionChanged, this,
            [this] { m_remove->setEnabled(!m_table->selectedItems().isEmpty()); });
    connect(m_add, &QPushButton::clicked, this, [this] {
        // A customer of the actuals that has no row yet, else a placeholder name to edit.
        std::string name;
        for (const std::string &s : m_suggestions) {
            const bool listed = std::any_of(m_entries.begin(), m_entries.end(),
                                            [&](const auto &e) { return e.customer == s; });
            if (!listed) {
                name = s;
                break;
            }
        }
        if (name.empty()) {
            for (int i = 1;; ++i) {
                name = tr("customer %1").arg(i).toStdString();
                const bool listed = std::any_of(m_entries.begin(), m_entries.end(),
                                                [&](const auto &e) { return e.customer == name; });
                if (!listed)
                    break;
            }
        }
        std::vector<actuals::CustomerRevenue> next = m_entries;
        next.push_back({name, 0});
        Q_EMIT revenueEdited(actuals::normalisedRevenue(std::move(next)),
                             tr("Add revenue of customer %1").arg(qs(name)));
    });
    connect(m_remove, &QPushButton::clicked, this, [this] {
        const int row = m_table->currentRow();
        if (row < 0 || row >= static_cast<int>(m_entries.size()))
            return;
        std::vector<actuals::CustomerRevenue> next = m_entries;
        const std::string name = next[static_cast<std::size_t>(row)].customer;
        next.erase(next.begin() + row);
        Q_EMIT revenueEdited(next, tr("Remove revenue of customer %1").arg(qs(name)));
    });
    connect(m_import, &QPushButton::clicked, this, &CustomerRevenueEditor::importRequested);
    rebuild();
}

void CustomerRevenueEditor::setRevenue(const std::vector<actuals::CustomerRevenue> &entries,
                                       const std::vector<std::string> &suggestions)
{
    m_suggestions = suggestions;
    if (entries == m_entries && m_table->rowCount() == static_cast<int>(entries.size()))
        return;
    m_entries = entries;
    rebuild();
}

void CustomerRevenueEditor::rebuild()
{
    m_filling = true;
    const int current = m_table->currentRow();
    m_table->setRowCount(static_cast<int>(m_entries.size()));
    const QLocale locale;
    for (int r = 0; r < static_cast<int>(m_entries.size()); ++r) {
        const actuals::CustomerRevenue &e = m_entries[static_cast<std::size_t>(r)];
        auto *name = new QTableWidgetItem(qs(e.customer));
        auto *value = new QTableWidgetItem(locale.toString(e.monthly, 'f', 2));
        value->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_table->setItem(r, CustomerColumn, name);
        m_table->setItem(r, RevenueColumn, value);
    }
    if (current >= 0 && current < m_table->rowCount())
        m_table->setCurrentCell(current, 0);
    m_remove->setEnabled(!m_table->selectedItems().isEmpty());
    m_filling = false;
}

void CustomerRevenueEditor::cellEdited(int row, int column)
{
    if (m_filling || row < 0 || row >= static_cast<int>(m_entries.size()))
        return;
    std::vector<actuals::CustomerRevenue> next = m_entries;
    actuals::CustomerRevenue &e = next[static_cast<std::size_t>(row)];
    const QString text = m_table->item(row, column)->text().trimmed();
    if (column == CustomerColumn) {
        const std::string name = text.toStdString();
        const bool taken = std::any_of(next.begin(), next.end(), [&](const auto &o) {
            return &o != &e && o.customer == name;
        });
        if (name.empty() || taken) { // refused: the row shows its name again (after this
            QTimer::singleShot(0, this, [this] { rebuild(); }); // signal: the item is in use)
            return;
        }
        const QString old = qs(e.customer);
        e.customer = name;
        Q_EMIT revenueEdited(actuals::normalisedRevenue(std::move(next)),
                             tr("Rename customer %1 to %2").arg(old, text));
        return;
    }
    bool ok = false;
    const double v = QLocale().toDouble(text, &ok);
    if (!ok || !std::isfinite(v) || v < 0 || v > 1e12) {
        QTimer::singleShot(0, this, [this] { rebuild(); });
        return;
    }
    if (v == e.monthly)
        return;
    e.monthly = v;
    Q_EMIT revenueEdited(next, tr("Set revenue of customer %1").arg(qs(e.customer)));
}

} // namespace roi
