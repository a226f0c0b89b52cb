#include "warehousecontroller.h"

#include "actualscontroller.h"
#include "document.h"
#include "warehousedialog.h"
#include "warehouseimport.h"

#include <QAction>
#include <QMainWindow>
#include <QMessageBox>
#include <QProgressDialog>
#include <QStatusBar>
#include <QUndoCommand>
#include <QUndoStack>
#include <QtConcurrent/QtConcurrentRun>

namespace roi {

namespace {

/// The connection saved in the workbook, as part of the import's macro.
class SetWarehouseCommand : public QUndoCommand
{
public:
    SetWarehouseCommand(Document *doc, WarehouseConnection after)
        : QUndoCommand(QObject::tr("Save warehouse connection"))
        , m_doc(doc)
        , m_before(doc->workbook().warehouse)
        , m_after(std::move(after))
    {}
    void redo() override { m_doc->assignWarehouse(m_after); }
    void undo() override { m_doc->assignWarehouse(m_before); }

private:
    Document *m_doc;
    WarehouseConnection m_before;
    WarehouseConnection m_after;
};

} // namespace

WarehouseController::WarehouseController(Document *document, QMainWindow *window,
                                         ActualsController *actuals)
    : QObject(window)
    , m_doc(document)
    , m_window(window)
    , m_actuals(actuals)
    , m_action(new QAction(tr("Import Actuals from &Warehouse…"), this))
    , m_watcher(new QFutureWatcher<ActualsImportOutcome>(this))
{
    setObjectName(QStringLiteral("warehouseController"));
    m_action->setObjectName(QStringLiteral("importWarehouseAction"));
    m_action->setStatusTip(
        tr("Read the monthly roll-up of a FOCUS table on a PostgreSQL server into the actuals"));
    connect(m_action, &QAction::triggered, this, &WarehouseController::importFromWarehouse);
    connect(m_watcher, &QFutureWatcher<ActualsImportOutcome>::finished, this,
            &WarehouseController::done);
}

WarehouseController::~WarehouseController()
{
    if (m_cancel)
        m_cancel->store(true);
    m_watcher->waitForFinished();
}

void WarehouseController::importFromWarehouse()
{
    if (isRunning())
        return;
    WarehouseDialog dialog(m_doc->workbook().warehouse, m_window);
    dialog.setConnectTimeout(m_timeout);
    if (dialog.exec() != QDialog::Accepted)
        return;
    start(dialog.connection(), dialog.password());
}

bool WarehouseController::start(const WarehouseConnection &connection, const QString &password)
{
    if (isRunning() || m_actuals->isImporting())
        return false;
    m_connection = connection;
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    const Workbook workbook = m_doc->workbook();
    const auto cancel = m_cancel;
    const int timeout = m_timeout;
    m_watcher->setFuture(QtConcurrent::run([workbook, connection, password, cancel, timeout] {
        return runWarehouseImport(workbook, connection, password, cancel.get(), {}, timeout);
    }));
    m_action->setEnabled(false);
    const QString source = QString::fromStdString(warehouseSourceName(connection));
    m_progress = new QProgressDialog(
        tr("Reading the roll-up from %1…\nThe GROUP BY runs on the server; only the groups come "
           "back.")
            .arg(source),
        tr("Cancel"), 0, 0, m_window);
    m_progress->setObjectName(QStringLiteral("warehouseProgress"));
    m_progress->setWindowTitle(tr("Import Actuals from Warehouse"));
    m_progress->setWindowModality(Qt::WindowModal);
    m_progress->setMinimumDuration(0);
    m_progress->setAutoClose(false);
    m_progress->setAutoReset(false);
    connect(m_progress, &QProgressDialog::canceled, this, &WarehouseController::cancel);
    m_progress->show();
    m_window->statusBar()->showMessage(tr("Importing from %1…").arg(source));
    return true;
}

QProgressDialog *WarehouseController::progressDialog() const
{
    return m_progress.data();
}

bool WarehouseController::isRunning() const
{
    return m_watcher->isRunning();
}

void WarehouseController::cancel()
{
    if (!isRunning() || !m_cancel)
        return;
    m_cancel->store(true);
    if (m_progress)
        m_progress->setLabelText(
            tr("Cancelling: the result is dropped when the server answers; nothing will change."));
    m_window->statusBar()->showMessage(tr("Cancelling the import from the warehouse…"));
}

void WarehouseController::done()
{
    if (m_progress) {
        m_progress->hide();
        m_progress->deleteLater();
    }
    m_action->setEnabled(true);
    const ActualsImportOutcome outcome = m_watcher->result();
    const QString source = QString::fromStdString(warehouseSourceName(m_connection));
    if (outcome.cancelled || (m_cancel && m_cancel->load())) {
        const QString message = tr("Import from %1 cancelled; nothing changed.").arg(source);
        m_window->statusBar()->showMessage(message, 8000);
        Q_EMIT finished(false, message);
        return;
    }
    if (!outcome.ok) {
        const QString message = QString::fromStdString(outcome.error);
        m_window->statusBar()->clearMessage();
        auto *box =
            new QMessageBox(QMessageBox::Critical, tr("Import from warehouse failed"),
                            tr("%1 was not imported; nothing changed.\n\n%2").arg(source, message),
                            QMessageBox::Ok, m_window);
        box->setObjectName(QStringLiteral("warehouseFailedBox"));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
        Q_EMIT finished(false, message);
        return;
    }
    // The progress dialog is window-modal, so no other import can land meanwhile; should one
    // have (the workbook replaced, an import from elsewhere), this one's id is taken: drop it.
    if (m_doc->workbook().actuals.nextImportId() != outcome.pending.record.id) {
        const QString message =
            tr("Import from %1 dropped: the workbook changed while it was read; nothing "
               "changed. Import again.")
                .arg(source);
        m_window->statusBar()->showMessage(message, 10000);
        Q_EMIT finished(false, message);
        return;
    }
    // The import and the connection it came from are one edit.
    const WarehouseConnection connection = m_connection;
    const bool save = !(m_doc->workbook().warehouse == connection);
    bool applied = false;
    QString message;
    QMetaObject::Connection hook = connect(m_actuals, &ActualsController::importFinished, this,
                                           [&](bool ok, const QString &text) {
                                               applied = ok;
                                               message = text;
                                           });
    m_actuals->applyOutcome(outcome, [this, save, connection] {
        if (save)
            m_doc->undoStack()->push(new SetWarehouseCommand(m_doc, connection));
    });
    disconnect(hook);
    Q_EMIT finished(applied, message);
}

} // namespace roi
