// Scenarios: Base, Best and Worst (always there) and custom ones, each a list of adjustments
// (multiply, set or add) on named inputs, for every use case or one.
#pragma once

#include "workbook.h"

#include <QWidget>

#include <functional>

class QLabel;
class QListWidget;
class QPushButton;
class QTableWidget;

namespace roi {

class TextField;

class ScenarioEditor : public QWidget
{
    Q_OBJECT

public:
    explicit ScenarioEditor(QWidget *parent = nullptr);
    void setData(const Workbook &workbook);
    void selectScenario(const QString &name);
    QTableWidget *adjustments() const { return m_adjustments; }

Q_SIGNALS:
    void edited(const std::vector<roi::Scenario> &scenarios, const QString &text,
                const QString &mergeKey);

private:
    int current() const;
    void showCurrent();
    /// Updates the shown adjustments in place (no widget is rebuilt under the user's cursor).
    void updateValues();
    void editCurrent(const std::function<void(Scenario &)> &change, const QString &text,
                     const QString &mergeKey = {});
    void adjustmentEdited(int row);

    std::vector<Scenario> m_scenarios;
    QStringList m_useCases;
    QStringList m_inputs;
    QListWidget *m_list;
    QPushButton *m_remove;
    TextField *m_name;
    TextField *m_description;
    QTableWidget *m_adjustments;
    QLabel *m_hint;
    bool m_filling = false;
    int m_shownIndex = -1;
};

/// True for the scenarios every workbook keeps (Base, Best, Worst).
bool isStandardScenario(const std::string &name);

} // namespace roi
