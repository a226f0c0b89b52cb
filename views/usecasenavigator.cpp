#include "usecasenavigator.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace roi {

namespace {

enum Roles { PageRole = Qt::UserRole + 1, IndexRole };

QToolButton *button(const QString &text, const QString &tip, const QString &name, QWidget *parent)
{
    auto *b = new QToolButton(parent);
    b->setText(text);
    b->setToolTip(tip);
    b->setObjectName(name);
    b->setToolButtonStyle(Qt::ToolButtonTextOnly);
    return b;
}

} // namespace

UseCaseNavigator::UseCaseNavigator(QWidget *parent)
    : QWidget(parent)
    , m_tree(new QTreeWidget(this))
{
    m_tree->setObjectName(QStringLiteral("navigator"));
    m_tree->setHeaderHidden(true);
    m_tree->setRootIsDecorated(false);
    m_tree->setIndentation(14);
    // Every row is one line: no need to measure each of 200 use cases to lay out the list.
    m_tree->setUniformRowHeights(true);
    m_tree->setEditTriggers(QAbstractItemView::EditKeyPressed | QAbstractItemView::DoubleClicked);
    auto makeItem = [](QTreeWidgetItem *parent, const QString &text, Page page) {
        auto *item = new QTreeWidgetItem(parent, {text});
        item->setData(0, PageRole, static_cast<int>(page));
        return item;
    };
    m_workbookItem = new QTreeWidgetItem(m_tree, {tr("Workbook")});
    m_workbookItem->setFlags(Qt::ItemIsEnabled);
    QFont bold = m_workbookItem->font(0);
    bold.setBold(true);
    m_workbookItem->setFont(0, bold);
    m_settingsItem = makeItem(m_workbookItem, tr("Settings"), Page::Settings);
    m_pricesItem = makeItem(m_workbookItem, tr("Price book"), Page::PriceBook);
    m_scenariosItem = makeItem(m_workbookItem, tr("Scenarios"), Page::Scenarios);
    m_useCasesItem = makeItem(nullptr, tr("Portfolio"), Page::Portfolio);
    m_tree->addTopLevelItem(m_useCasesItem);
    m_useCasesItem->setFont(0, bold);
    m_useCasesItem->setToolTip(0, tr("Every use case together; select one below to edit it"));
    m_tree->expandAll();

    m_add =
        button(tr("Add"), tr("Add a use case (Ctrl+Shift+N)"), QStringLiteral("addUseCase"), this);
    m_duplicate = button(tr("Duplicate"), tr("Duplicate the selected use case"),
                         QStringLiteral("duplicateUseCase"), this);
    m_remove = button(tr("Delete"), tr("Delete the selected use case"),
                      QStringLiteral("removeUseCase"), this);
    m_up = button(QStringLiteral("▲"), tr("Move up (Ctrl+Shift+Up)"), QStringLiteral("useCaseUp"),
                  this);
    m_down = button(QStringLiteral("▼"), tr("Move down (Ctrl+Shift+Down)"),
                    QStringLiteral("useCaseDown"), this);
    auto *buttons = new QHBoxLayout;
    buttons->setSpacing(2);
    for (QToolButton *b : {m_add, m_duplicate, m_remove, m_up, m_down})
        buttons->addWidget(b);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_tree, 1);
    layout->addLayout(buttons);

    connect(m_tree, &QTreeWidget::currentItemChanged, this, [this] { selectionChanged(); });
    connect(m_tree, &QTreeWidget::itemChanged, this, [this](QTreeWidgetItem *item) {
        if (m_filling || item->parent() != m_useCasesItem)
            return;
        const QString name = item->text(0).trimmed();
        Q_EMIT renameRequested(item->data(0, IndexRole).toInt(), name);
    });
    connect(m_add, &QToolButton::clicked, this, &UseCaseNavigator::addRequested);
    connect(m_duplicate, &QToolButton::clicked, this, [this] {
        if (currentUseCase() >= 0)
            Q_EMIT duplicateRequested(currentUseCase());
    });
    connect(m_remove, &QToolButton::clicked, this, [this] {
        if (currentUseCase() >= 0)
            Q_EMIT removeRequested(currentUseCase());
    });
    connect(m_up, &QToolButton::clicked, this, [this] {
        const int i = currentUseCase();
        if (i > 0)
            Q_EMIT moveRequested(i, i - 1);
    });
    connect(m_down, &QToolButton::clicked, this, [this] {
        const int i = currentUseCase();
        if (i >= 0 && i < m_useCasesItem->childCount() - 1)
            Q_EMIT moveRequested(i, i + 1);
    });
    updateButtons();
}

void UseCaseNavigator::setWorkbook(const Workbook &wb)
{
    m_filling = true;
    const int keep = currentUseCase();
    const int n = static_cast<int>(wb.useCases.size());
    while (m_useCasesItem->childCount() > n)
        delete m_useCasesItem->takeChild(m_useCasesItem->childCount() - 1);
    for (int i = 0; i < n; ++i) {
        QTreeWidgetItem *item = m_useCasesItem->child(i);
        if (!item) {
            item = new QTreeWidgetItem(m_useCasesItem);
            item->setData(0, PageRole, static_cast<int>(Page::UseCase));
            item->setFlags(item->flags() | Qt::ItemIsEditable);
        }
        item->setData(0, IndexRole, i);
        const QString name = QString::fromStdString(wb.useCases[static_cast<std::size_t>(i)].name);
        if (item->text(0) != name)
            item->setText(0, name);
    }
    m_tree->expandAll();
    m_filling = false;
    if (m_page == Page::UseCase && keep >= n)
        selectUseCase(n - 1);
    updateButtons();
}

int UseCaseNavigator::currentUseCase() const
{
    QTreeWidgetItem *item = m_tree->currentItem();
    return item && item->parent() == m_useCasesItem ? item->data(0, IndexRole).toInt() : -1;
}

void UseCaseNavigator::selectUseCase(int index)
{
    if (index >= 0 && index < m_useCasesItem->childCount())
        m_tree->setCurrentItem(m_useCasesItem->child(index));
    else
        m_tree->setCurrentItem(m_useCasesItem);
}

void UseCaseNavigator::selectPage(Page page)
{
    switch (page) {
    case Page::Settings:
        m_tree->setCurrentItem(m_settingsItem);
        break;
    case Page::PriceBook:
        m_tree->setCurrentItem(m_pricesItem);
        break;
    case Page::Scenarios:
        m_tree->setCurrentItem(m_scenariosItem);
        break;
    case Page::Portfolio:
        m_tree->setCurrentItem(m_useCasesItem);
        break;
    case Page::UseCase:
        selectUseCase(std::max(0, currentUseCase()));
        break;
    }
}

void UseCaseNavigator::renameCurrent()
{
    QTreeWidgetItem *item = m_tree->currentItem();
    if (item && item->parent() == m_useCasesItem)
        m_tree->editItem(item);
}

void UseCaseNavigator::selectionChanged()
{
    if (m_filling)
        return;
    QTreeWidgetItem *item = m_tree->currentItem();
    if (!item || !item->data(0, PageRole).isValid())
        return;
    m_page = static_cast<Page>(item->data(0, PageRole).toInt());
    updateButtons();
    Q_EMIT pageChanged(m_page, currentUseCase());
}

void UseCaseNavigator::updateButtons()
{
    const int i = currentUseCase();
    m_duplicate->setEnabled(i >= 0);
    m_remove->setEnabled(i >= 0);
    m_up->setEnabled(i > 0);
    m_down->setEnabled(i >= 0 && i < m_useCasesItem->childCount() - 1);
}

} // namespace roi
