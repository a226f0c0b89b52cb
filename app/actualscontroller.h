// The window's side of the actuals: File > Import Actuals… and files dropped on the window
// (the import dialog, then the import on a worker thread with a progress bar and Cancel in the
// status bar), the overlap question, and the Actuals page, whose edits (attribution rules,
// allocation, revenue per customer, removing an import) it turns into undo commands. A
// successful import is one undoable edit; a cancelled or failed one changes nothing.
#pragma once

#include "importrunner.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>
#include <optional>

class QAction;
class QMainWindow;
class QMenu;
class QProgressBar;
class QPushButton;

namespace roi {

class ActualsPage;
class Document;

class ActualsController : public QObject
{
    Q_OBJECT

public:
    ActualsController(Document *document, QMainWindow *window);
    ~ActualsController() override;

    /// File > Import Actuals… (Ctrl+Shift+I).
    QAction *importAction() const { return m_importAction; }
    /// View > Actuals (Ctrl+Shift+A): checkable; the window shows the page while it is checked.
    QAction *showAction() const { return m_showAction; }
    /// The page, built on first use (start-up does not pay for it); pageCreated tells the window
    /// where it goes.
    ActualsPage *page();
    ImportRunner *runner() const { return m_runner; }
    QProgressBar *progressBar() const { return m_progress; }
    QPushButton *cancelButton() const { return m_cancel; }

    /// Whether a dropped file looks like a usage or cost export (.csv, .csv.gz, .json, .jsonl,
    /// .ndjson, .tsv, .gz).
    static bool isUsageFile(const QString &path);
    /// The import dialog on `path` (a file dialog first when empty), then the import.
    void importFile(const QString &path = {});
    /// Starts the import without the dialog; `saveMapping` is stored with it. False when one
    /// is already running.
    bool startImport(const QString &path, const actuals::ImportOptions &options,
                     std::optional<actuals::ColumnMapping> saveMapping = std::nullopt,
                     std::vector<actuals::CurrencyRate> rates = {});
    bool isImporting() const;
    /// Reads a CSV of customer,revenue lines (a file dialog first when `path` is empty) into the
    /// customers' revenues as one undo command; a file with a bad line changes nothing and says
    /// which lines. False when nothing changed.
    bool importCustomerRevenue(const QString &path = {});
    /// Cancels a running import (the status bar's Cancel).
    void cancelImport();

    /// Brings the page up to date when the workbook changed (it refreshes lazily while hidden).
    void refreshPage();
    /// Applies an import read elsewhere (the warehouse) as a file import is applied: duplicate
    /// and overlap handling, one undoable edit; `alsoInMacro` (may be empty) runs inside it.
    void applyOutcome(const ActualsImportOutcome &outcome,
                      const std::function<void()> &alsoInMacro = {});

Q_SIGNALS:
    /// The page was built (on first use): the window places it.
    void pageCreated(roi::ActualsPage *page);
    /// An import ended: `applied` when it changed the workbook.
    void importFinished(bool applied, const QString &message);

private:
    void finished(const ActualsImportOutcome &outcome);
    void apply(const ActualsImportOutcome &outcome);
    /// The file had costs in currencies without a rate past the rows the dialog previewed:
    /// asks for them (or cancel) and runs the same import again with them.
    void askRatesAndRetry(const ActualsImportOutcome &outcome);
    void workbookChanged();

    Document *m_doc;
    QMainWindow *m_window;
    ActualsPage *m_page = nullptr;
    ImportRunner *m_runner;
    QAction *m_importAction;
    QAction *m_showAction;
    QProgressBar *m_progress;
    QPushButton *m_cancel;
    bool m_stale = true;
    // Set when the Document is reset (another workbook opened, File > New) while an import runs:
    // its rows were read for the workbook that is gone, so they must not land in the new one.
    bool m_workbookReplaced = false;
    // The mapping the running import saves with it.
    std::optional<actuals::ColumnMapping> m_saveMapping;
    std::function<void()> m_alsoInMacro; // applyOutcome's
};

} // namespace roi
