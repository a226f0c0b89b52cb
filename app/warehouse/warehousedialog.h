// File > Import Actuals from Warehouse…: the connection (host, port, database, user, table or
// view) and the password, which is never saved (empty: libpq reads ~/.pgpass). Test Connection
// connects and checks the FOCUS columns on a worker thread, so a dead host never freezes the
// window.
#pragma once

#include "warehouse/warehouseconnection.h"

#include <QDialog>
#include <QFutureWatcher>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace roi {

class WarehouseDialog : public QDialog
{
    Q_OBJECT

public:
    explicit WarehouseDialog(const WarehouseConnection &initial, QWidget *parent = nullptr);
    ~WarehouseDialog() override;

    WarehouseConnection connection() const;
    QString password() const;
    /// The last Test Connection's result as shown ("" before any).
    QString testMessage() const;
    bool isTesting() const;
    /// Seconds a connection attempt may take (tests shorten it).
    void setConnectTimeout(int seconds) { m_timeout = seconds; }

public Q_SLOTS:
    void testConnection();

Q_SIGNALS:
    void testFinished(bool ok, const QString &message);

private:
    void updateButtons();

    QLineEdit *m_host;
    QSpinBox *m_port;
    QLineEdit *m_database;
    QLineEdit *m_user;
    QLineEdit *m_table;
    QLineEdit *m_password;
    QPushButton *m_test;
    QLabel *m_status;
    QDialogButtonBox *m_buttons;
    QFutureWatcher<QString> *m_watcher;
    int m_timeout = 10;
};

} // namespace roi
