// The attribution rules of the actuals: an ordered list (first match wins) of patterns on the
// keys of the usage (feature, team, customer, project, model, tag; `*` and `?` wildcards) that
// name a use case, and how the cost no rule takes is shown (kept apart or shared pro rata).
// Emits the whole edited list; never writes the model itself.
#pragma once

#include "actuals/actuals.h"

#include <QStringList>
#include <QWidget>

#include <vector>

class QComboBox;
class QLabel;
class QPushButton;
class QTableWidget;

namespace roi {

class AttributionRulesEditor : public QWidget
{
    Q_OBJECT

public:
    enum Column {
        UseCaseColumn,
        FeatureColumn,
        TeamColumn,
        CustomerColumn,
        ProjectColumn,
        ModelColumn,
        TagColumn,
        ColumnCount
    };

    explicit AttributionRulesEditor(QWidget *parent = nullptr);

    /// Shows the rules; `useCases` are the names a rule may point at.
    void setRules(const std::vector<actuals::AttributionRule> &rules,
                  actuals::AllocationMode allocation, const QStringList &useCases);
    /// How many roll-up rows each rule takes (shown beside it); empty to hide.
    void setMatchCounts(const std::vector<int> &counts);
    const std::vector<actuals::AttributionRule> &rules() const { return m_rules; }

    QTableWidget *table() const { return m_table; }
    QComboBox *allocationCombo() const { return m_allocation; }
    QPushButton *addButton() const { return m_add; }
    QPushButton *removeButton() const { return m_remove; }
    QPushButton *upButton() const { return m_up; }
    QPushButton *downButton() const { return m_down; }

Q_SIGNALS:
    void rulesEdited(const std::vector<roi::actuals::AttributionRule> &rules, const QString &text);
    void allocationEdited(roi::actuals::AllocationMode mode, const QString &text);

private:
    void rebuild();
    void cellEdited(int row, int column);
    void move(int delta);
    void updateButtons();

    std::vector<actuals::AttributionRule> m_rules;
    QStringList m_useCases;
    bool m_filling = false;
    QTableWidget *m_table;
    QComboBox *m_allocation;
    QPushButton *m_add;
    QPushButton *m_remove;
    QPushButton *m_up;
    QPushButton *m_down;
    QLabel *m_help;
};

} // namespace roi
