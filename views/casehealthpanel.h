// The case health panel: the model checks (red flags) for the selected use case and the
// workbook, each with the input concerned and a one-line fix. Activating one asks to go there.
#pragma once

#include "results.h"
#include "workbook.h"

#include <QIcon>
#include <QWidget>

#include <vector>

class QCheckBox;
class QLabel;
class QListWidget;

namespace roi {

class CaseHealthPanel : public QWidget
{
    Q_OBJECT

public:
    explicit CaseHealthPanel(QWidget *parent = nullptr);
    void setData(const Workbook &workbook, const Results &results, int useCase);
    QListWidget *list() const { return m_list; }

Q_SIGNALS:
    /// Go to the input a finding concerns (`useCase` -1: a workbook input).
    void navigate(int useCase, const QString &input, const QString &scenario);

private:
    QListWidget *m_list;
    QCheckBox *m_all;
    QLabel *m_summary;
    const Workbook *m_workbook = nullptr;
    const Results *m_results = nullptr;
    int m_useCase = -1;
    // What the list shows now: refilled only when this changes (an edit elsewhere, or the same
    // selection again, leaves a list of thousands at portfolio scale alone).
    std::vector<Finding> m_shown;
    std::vector<std::string> m_shownNames; // the use case names prefixed under "All use cases"
    bool m_shownAll = false;
    bool m_filled = false;
    QIcon m_icons[3]; // error, warning, note: looked up once
};

} // namespace roi
