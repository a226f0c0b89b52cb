#include "listpane.h"

#include "fieldform.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QMenu>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace roi {

namespace {

QToolButton *toolButton(const QString &text, const QString &tip, const QString &name,
                        QWidget *parent)
{
    auto *b = new QToolButton(parent);
    b->setText(text);
    b->setToolTip(tip);
    b->setObjectName(name);
    return b;
}

} // namespace

ListPane::ListPane(const QString &kind, const QString &addText, const QStringList &headers,
                   const QStringList &headerTips, int stretchColumn, QWidget *parent)
    : QWidget(parent)
    , m_model(new TableModel(this))
    , m_table(new QTableView(this))
{
    const QString lower = kind.toLower();
    m_model->setHeaders(headers, headerTips);
    m_table->setObjectName(lower + QStringLiteral("sTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(stretchColumn, QHeaderView::Stretch);
    m_table->setWordWrap(false);
    m_table->setAlternatingRowColors(true);

    auto *add = toolButton(addText, tr("Add a %1 of a given kind").arg(lower),
                           QStringLiteral("add") + kind, this);
    add->setPopupMode(QToolButton::InstantPopup);
    m_addMenu = new QMenu(add);
    add->setMenu(m_addMenu);
    m_duplicate = toolButton(tr("Duplicate"), tr("Duplicate the selected %1").arg(lower),
                             QStringLiteral("duplicate") + kind, this);
    m_remove = toolButton(tr("Remove"), tr("Remove the selected %1").arg(lower),
                          QStringLiteral("remove") + kind, this);
    m_up = toolButton(tr("Move up"), tr("Move the selected %1 up").arg(lower),
                      lower + QStringLiteral("Up"), this);
    m_down = toolButton(tr("Move down"), tr("Move the selected %1 down").arg(lower),
                        lower + QStringLiteral("Down"), this);
    auto *buttons = new QHBoxLayout;
    for (QToolButton *b : {add, m_duplicate, m_remove, m_up, m_down})
        buttons->addWidget(b);
    buttons->addStretch(1);
    connect(m_duplicate, &QToolButton::clicked, this, [this] {
        const int row = currentRow();
        if (row >= 0) {
            duplicateAt(row);
            selectRow(row + 1);
        }
    });
    connect(m_remove, &QToolButton::clicked, this, [this] {
        const int row = currentRow();
        if (row >= 0) {
            removeAt(row);
            selectRow(std::min(row, itemCount() - 1));
        }
    });
    auto move = [this](int delta) {
        const int row = currentRow();
        const int to = row + delta;
        if (row < 0 || to < 0 || to >= itemCount())
            return;
        moveTo(row, to);
        selectRow(to);
    };
    connect(m_up, &QToolButton::clicked, this, [move] { move(-1); });
    connect(m_down, &QToolButton::clicked, this, [move] { move(1); });

    m_detail = new QGroupBox(this);
    m_form = new QFormLayout;
    m_form->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_fields = new FieldForm(m_detail);
    auto *detailLayout = new QVBoxLayout(m_detail);
    detailLayout->addLayout(m_form);
    detailLayout->addWidget(m_fields);
    detailLayout->addStretch(1);

    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addLayout(buttons);
    topLayout->addWidget(m_table);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->setChildrenCollapsible(false);
    split->addWidget(top);
    split->addWidget(m_detail);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(split);

    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        showDetail();
        updateButtons();
    });
    updateButtons();
}

int ListPane::currentRow() const
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    return current.isValid() && current.row() < itemCount() ? current.row() : -1;
}

void ListPane::selectRow(int row)
{
    if (row < 0 || row >= itemCount())
        return;
    m_table->selectionModel()->setCurrentIndex(
        m_model->index(row, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

void ListPane::setRows(QVector<QVector<TableCell>> rows)
{
    m_model->setRows(std::move(rows));
    if (currentRow() < 0 && itemCount() > 0)
        selectRow(0);
    showDetail();
    updateButtons();
}

void ListPane::updateButtons()
{
    const int row = currentRow();
    m_remove->setEnabled(row >= 0);
    m_duplicate->setEnabled(row >= 0);
    m_up->setEnabled(row > 0);
    m_down->setEnabled(row >= 0 && row < itemCount() - 1);
}

} // namespace roi
