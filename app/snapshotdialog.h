// Scenario → Approve and Snapshot…: freeze the current scenario's forecast under a label, and the
// list of the workbook's snapshots (rename, delete, compare two). Every change is an undo command.
#pragma once

#include <QDialog>

class QComboBox;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace roi {

class Document;

class SnapshotDialog : public QDialog
{
    Q_OBJECT

public:
    SnapshotDialog(Document *doc, int scenario, QWidget *parent = nullptr);

    QTableWidget *snapshotTable() const { return m_table; }
    QTableWidget *comparisonTable() const { return m_compare; }
    QLineEdit *labelEdit() const { return m_label; }
    QPushButton *takeButton() const { return m_take; }

    /// Fills the comparison table with snapshots `a` and `b` (indices into the workbook's list).
    void compare(int a, int b);

private:
    void refresh();
    void take();
    void renameSelected();
    void deleteSelected();
    void compareSelected();
    QList<int> selectedRows() const;

    Document *m_doc;
    QLineEdit *m_label;
    QLineEdit *m_who;
    QComboBox *m_scenario;
    QPushButton *m_take;
    QTableWidget *m_table;
    QTableWidget *m_compare;
};

} // namespace roi
