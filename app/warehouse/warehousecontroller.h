// The window's side of actuals from a warehouse: File > Import Actuals from Warehouse… opens the
// connection dialog, then reads the roll-up on a worker thread behind a progress dialog with
// Cancel, and applies it through the ActualsController like a file import (duplicate and overlap
// handling), as ONE undoable edit together with the connection it was read from (saved in the
// workbook without the password). A failure shows the reader's message; nothing changes.
#pragma once

#include "actualsimport.h"
#include "warehouse/warehouseconnection.h"

#include <QFutureWatcher>
#include <QObject>
#include <QPointer>

#include <atomic>
#include <memory>

class QAction;
class QMainWindow;
class QProgressDialog;

namespace roi {

class ActualsController;
class Document;

class WarehouseController : public QObject
{
    Q_OBJECT

public:
    WarehouseController(Document *document, QMainWindow *window, ActualsController *actuals);
    ~WarehouseController() override;

    QAction *importAction() const { return m_action; }
    /// The dialog, then the import.
    void importFromWarehouse();
    /// Starts reading without the dialog; false when one runs.
    bool start(const WarehouseConnection &connection, const QString &password);
    bool isRunning() const;
    /// Drops the result when the server answers (a running query is not interrupted).
    void cancel();
    /// The progress dialog while one runs (tests).
    QProgressDialog *progressDialog() const;
    /// Seconds a connection attempt may take (tests shorten it).
    void setConnectTimeout(int seconds) { m_timeout = seconds; }

Q_SIGNALS:
    /// An import from the warehouse ended: `applied` when it changed the workbook.
    void finished(bool applied, const QString &message);

private:
    void done();

    Document *m_doc;
    QMainWindow *m_window;
    ActualsController *m_actuals;
    QAction *m_action;
    QFutureWatcher<ActualsImportOutcome> *m_watcher;
    QPointer<QProgressDialog> m_progress;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    WarehouseConnection m_connection;
    int m_timeout = 10;
};

} // namespace roi
