// The window's side of plan vs actual: the "Plan vs actual" dock (View → Plan vs Actual,
// Ctrl+Shift+V) kept up to date with the workbook, and the pane's edits turned into undo
// commands through the Document: the tolerance, the basis, the per-use-case recalibration switch
// and applying a suggested recalibration.
#pragma once

#include "planactual/planvsactual.h"

#include <QObject>
#include <QString>

class QAction;
class QDockWidget;
class QMainWindow;
class QMenu;

namespace roi {

class Document;
class PlanActualPane;
class ResultsPanel;

/// Applies a suggested recalibration of use case `useCase` as one undoable edit: a named input
/// (inputs.h) is set to the suggested value; "tokensPerCallFactor" scales the input, cached input
/// and output tokens of every token layer of the use case. False with `error` (nothing changed)
/// when the input is unknown or the use case does not exist.
bool applySuggestion(Document *doc, int useCase, const Suggestion &suggestion,
                     QString *error = nullptr);

class PlanActualController : public QObject
{
    Q_OBJECT

public:
    PlanActualController(Document *document, QMainWindow *window);

    /// Checkable: shows the dock (Ctrl+Shift+V).
    QAction *showAction() const;
    /// The pane, built on first use (when the dock is first shown).
    PlanActualPane *pane();
    QDockWidget *dock() const { return m_dock; }
    /// Rebuilds the report and the pane now.
    void refresh();
    /// The window's KPI tiles of use case `useCase` in the Base scenario (0), when its
    /// recalibration is on and it has actual months: the ROI and TCO tiles show actual to date +
    /// forecast and name the actual months ("Jan–Mar 2026 actual + forecast"). Called after the
    /// panel's setData; leaves the tiles alone otherwise (restoring the TCO tile's title).
    void decorateResults(ResultsPanel *panel, int useCase, int scenario);

private:
    void workbookChanged();

    Document *m_doc;
    PlanActualPane *m_pane = nullptr;
    QDockWidget *m_dock;
    bool m_stale = true;
    QString m_tcoTitle; // the TCO tile's own title, restored when recalibration is off
};

} // namespace roi
