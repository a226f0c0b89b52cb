#include "warehousedialog.h"

#include "warehouseimport.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace roi {

namespace {

QLineEdit *field(const QString &name, const std::string &text, const QString &placeholder)
{
    auto *edit = new QLineEdit(QString::fromStdString(text));
    edit->setObjectName(name);
    edit->setPlaceholderText(placeholder);
    return edit;
}

} // namespace

WarehouseDialog::WarehouseDialog(const WarehouseConnection &initial, QWidget *parent)
    : QDialog(parent)
    , m_watcher(new QFutureWatcher<QString>(this))
{
    setWindowTitle(tr("Import Actuals from Warehouse"));
    setObjectName(QStringLiteral("warehouseDialog"));
    auto *intro = new QLabel(tr("Reads the monthly roll-up of a FOCUS table or view on a "
                                "PostgreSQL server: one GROUP BY query runs on the server and "
                                "only one row per month, model and key comes back."));
    intro->setWordWrap(true);
    m_host = field(QStringLiteral("host"), initial.host.empty() ? "localhost" : initial.host,
                   tr("warehouse.example.com"));
    m_port = new QSpinBox;
    m_port->setObjectName(QStringLiteral("port"));
    m_port->setRange(1, 65535);
    m_port->setValue(initial.port);
    m_database = field(QStringLiteral("database"), initial.database, tr("finops"));
    m_user = field(QStringLiteral("user"), initial.user, tr("analyst"));
    m_table = field(QStringLiteral("table"), initial.table, tr("billing.focus"));
    m_password = new QLineEdit;
    m_password->setObjectName(QStringLiteral("password"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("Empty: from ~/.pgpass"));
    auto *form = new QFormLayout;
    form->addRow(tr("&Host:"), m_host);
    form->addRow(tr("&Port:"), m_port);
    form->addRow(tr("&Database:"), m_database);
    form->addRow(tr("&User:"), m_user);
    form->addRow(tr("&Table or view:"), m_table);
    form->addRow(tr("Pass&word:"), m_password);
    auto *note = new QLabel(tr("The connection is saved in the workbook without the password: "
                               "type it each time, or keep it in ~/.pgpass."));
    note->setWordWrap(true);
    note->setStyleSheet(QStringLiteral("color: #5b6573"));
    m_test = new QPushButton(tr("&Test Connection"));
    m_test->setObjectName(QStringLiteral("testButton"));
    m_status = new QLabel;
    m_status->setObjectName(QStringLiteral("testStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *testRow = new QHBoxLayout;
    testRow->addWidget(m_test);
    testRow->addStretch();
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Import"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addLayout(testRow);
    layout->addWidget(m_status); // under the button, the whole width: messages are sentences
    layout->addStretch();
    layout->addWidget(m_buttons);
    setMinimumWidth(480);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_test, &QPushButton::clicked, this, &WarehouseDialog::testConnection);
    for (QLineEdit *e : {m_host, m_database, m_table})
        connect(e, &QLineEdit::textChanged, this, &WarehouseDialog::updateButtons);
    connect(m_watcher, &QFutureWatcher<QString>::finished, this, [this] {
        const QString error = m_watcher->result();
        const bool ok = error.isEmpty();
        m_status->setStyleSheet(ok ? QStringLiteral("color: #1b6b3f")
                                   : QStringLiteral("color: #b3261e"));
        m_status->setText(ok ? tr("Connected: %1 has the FOCUS columns.").arg(m_table->text())
                             : error);
        updateButtons();
        Q_EMIT testFinished(ok, m_status->text());
    });
    updateButtons();
}

WarehouseDialog::~WarehouseDialog()
{
    m_watcher->waitForFinished();
}

WarehouseConnection WarehouseDialog::connection() const
{
    WarehouseConnection c;
    c.host = m_host->text().trimmed().toStdString();
    c.port = m_port->value();
    c.database = m_database->text().trimmed().toStdString();
    c.user = m_user->text().trimmed().toStdString();
    c.table = m_table->text().trimmed().toStdString();
    return c;
}

QString WarehouseDialog::password() const
{
    return m_password->text();
}

QString WarehouseDialog::testMessage() const
{
    return m_status->text();
}

bool WarehouseDialog::isTesting() const
{
    return m_watcher->isRunning();
}

void WarehouseDialog::testConnection()
{
    if (isTesting())
        return;
    m_status->setStyleSheet({});
    m_status->setText(tr("Connecting…"));
    const WarehouseConnection c = connection();
    const QString pw = password();
    const int timeout = m_timeout;
    m_watcher->setFuture(
        QtConcurrent::run([c, pw, timeout] { return testWarehouseConnection(c, pw, timeout); }));
    updateButtons();
}

void WarehouseDialog::updateButtons()
{
    const bool complete = !m_host->text().trimmed().isEmpty()
                          && !m_database->text().trimmed().isEmpty()
                          && !m_table->text().trimmed().isEmpty();
    m_test->setEnabled(complete && !isTesting());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(complete && !isTesting());
}

} // namespace roi
