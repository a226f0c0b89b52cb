// The navigator on the left: the workbook pages (settings, price book, scenarios), the portfolio
// and the use cases, with add, duplicate, rename, delete and reorder.
#pragma once

#include "workbook.h"

#include <QWidget>

class QToolButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace roi {

class UseCaseNavigator : public QWidget
{
    Q_OBJECT

public:
    enum class Page { Settings, PriceBook, Scenarios, Portfolio, UseCase };

    explicit UseCaseNavigator(QWidget *parent = nullptr);

    void setWorkbook(const Workbook &workbook);
    Page currentPage() const { return m_page; }
    /// The selected use case, or -1.
    int currentUseCase() const;
    void selectUseCase(int index);
    void selectPage(Page page);
    QTreeWidget *tree() const { return m_tree; }
    /// Starts editing the name of the selected use case.
    void renameCurrent();

Q_SIGNALS:
    void pageChanged(roi::UseCaseNavigator::Page page, int useCase);
    void addRequested();
    void duplicateRequested(int index);
    void removeRequested(int index);
    void renameRequested(int index, const QString &name);
    void moveRequested(int from, int to);

private:
    void selectionChanged();
    void updateButtons();

    QTreeWidget *m_tree;
    QTreeWidgetItem *m_workbookItem;
    QTreeWidgetItem *m_settingsItem;
    QTreeWidgetItem *m_pricesItem;
    QTreeWidgetItem *m_scenariosItem;
    QTreeWidgetItem *m_useCasesItem;
    QToolButton *m_add;
    QToolButton *m_duplicate;
    QToolButton *m_remove;
    QToolButton *m_up;
    QToolButton *m_down;
    Page m_page = Page::Portfolio;
    bool m_filling = false;
};

} // namespace roi
