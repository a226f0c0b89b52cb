// Actuals from a warehouse through the window (issue 13): the connection dialog and its Test
// Connection, the import on a worker thread as ONE undoable edit with an audit record
// ("warehouse: DATABASE/TABLE", rows aggregated on the server, groups) that also saves the
// connection without the password, a second import of the same roll-up refused as a duplicate,
// Cancel, and a server that is down: a message and nothing changed. Against the PostgreSQL
// server of the ctest fixture, on a small table copied from its loaded one (three days of it),
// so the test stays fast.
#include "actualscontroller.h"
#include "document.h"
#include "mainwindow.h"
#include "warehouse/warehousecontroller.h"
#include "warehouse/warehousedialog.h"
#include "warehouse/warehouseimport.h"
#include "warehouse/warehousereader.h"

#include "workbookfile.h"

#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTest>
#include <QUndoStack>

using namespace roi;

namespace {

const QString kPassword = QStringLiteral("roi-test-password");
const char kView[] = "gui_focus_sample";

WarehouseConnection connection(const char *table = kView)
{
    return {"127.0.0.1", qEnvironmentVariableIntValue("ROI_PG_PORT"), "warehouse", "roi", table};
}

double totalCost(const Workbook &wb)
{
    double sum = 0;
    for (const actuals::RollupRow &r : wb.actuals.table().rows)
        sum += r.m.cost;
    return sum;
}

} // namespace

class TestWarehouseWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void importIsOneUndoableEdit();
    void sameRollupTwiceIsADuplicate();
    void serverDownChangesNothing();
    void cancelChangesNothing();
    void dialogTestsTheConnection();

private:
    bool runImport(const WarehouseConnection &c, const QString &password, QString *message);

    MainWindow *m_window = nullptr;
    WarehouseController *m_controller = nullptr;
    std::uint64_t m_serverRows = 0; // usage rows of the sample table, counted by the server
    double m_serverCost = 0;
};

void TestWarehouseWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("roi-workbench-test"));
    QVERIFY2(qEnvironmentVariableIntValue("ROI_PG_PORT") > 0,
             "ROI_PG_PORT comes from the ctest fixture (tests/warehouse)");
    // Three days (2026-01-01 to 03) of the fixture's table.
    {
        QSqlDatabase db =
            QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("setup"));
        db.setHostName(QStringLiteral("127.0.0.1"));
        db.setPort(qEnvironmentVariableIntValue("ROI_PG_PORT"));
        db.setDatabaseName(QStringLiteral("warehouse"));
        db.setUserName(QStringLiteral("roi"));
        db.setPassword(kPassword);
        QVERIFY2(db.open(), qPrintable(db.lastError().text()));
        QSqlQuery q(db);
        // A table of its own: each import then reads 16,000 rows, not the 1,000,000.
        QVERIFY2(q.exec(QStringLiteral("DROP TABLE IF EXISTS %1").arg(QLatin1String(kView))),
                 qPrintable(q.lastError().text()));
        QVERIFY2(q.exec(QStringLiteral("CREATE TABLE %1 AS SELECT * FROM focus_usage "
                                       "WHERE \"ChargePeriodStart\" < timestamptz "
                                       "'2026-01-04 00:00:00+00'")
                            .arg(QLatin1String(kView))),
                 qPrintable(q.lastError().text()));
        QVERIFY(q.exec(QStringLiteral("SELECT count(*), sum(\"EffectiveCost\") FROM %1 WHERE "
                                      "\"ChargeCategory\" = 'Usage'")
                           .arg(QLatin1String(kView))));
        QVERIFY(q.next());
        m_serverRows = q.value(0).toULongLong();
        m_serverCost = q.value(1).toDouble();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("setup"));
    // g % 181 < 3 for g < 1,000,000: 3 × 5,525 = 16,575 rows, less the tax rows among them.
    QVERIFY(m_serverRows > 16000 && m_serverRows < 16575);
}

void TestWarehouseWindow::init()
{
    m_window = new MainWindow;
    m_window->resize(1200, 800);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
    m_controller = m_window->findChild<WarehouseController *>();
    QVERIFY(m_controller);
    m_controller->setConnectTimeout(3);
}

void TestWarehouseWindow::cleanup()
{
    m_window->document()->undoStack()->setClean();
    delete m_window;
    m_window = nullptr;
}

bool TestWarehouseWindow::runImport(const WarehouseConnection &c, const QString &password,
                                    QString *message)
{
    QSignalSpy done(m_controller, &WarehouseController::finished);
    if (!m_controller->start(c, password))
        return false;
    if (!m_controller->progressDialog() || !m_controller->progressDialog()->isVisible())
        return false;
    if (!done.wait(60000))
        return false;
    *message = done.at(0).at(1).toString();
    return done.at(0).at(0).toBool();
}

void TestWarehouseWindow::importIsOneUndoableEdit()
{
    // The action is in the File menu.
    QAction *action = m_controller->importAction();
    QVERIFY(m_window->menuBar()->actions().first()->menu()->actions().contains(action));

    Document *doc = m_window->document();
    const int before = doc->undoStack()->count();
    QString message;
    QVERIFY2(runImport(connection(), kPassword, &message), qPrintable(message));
    QVERIFY2(message.startsWith(QStringLiteral("Imported warehouse: warehouse/gui_focus_sample")),
             qPrintable(message));
    QCOMPARE(doc->undoStack()->count(), before + 1);

    const Workbook &wb = doc->workbook();
    QCOMPARE(wb.actuals.imports.size(), std::size_t(1));
    const actuals::ImportRecord &rec = wb.actuals.imports.front();
    QCOMPARE(rec.fileName, std::string("warehouse: warehouse/gui_focus_sample"));
    QCOMPARE(rec.format, std::string("warehouse"));
    QCOMPARE(rec.rowsRead, m_serverRows); // counted on the server, not sent
    QCOMPARE(rec.rowsUsed, m_serverRows);
    QCOMPARE(rec.sha256.size(), std::size_t(64));
    QVERIFY(!rec.importedAt.empty());
    QCOMPARE(rec.firstDay.toString(), std::string("2026-01-01"));
    QCOMPARE(rec.lastDay.toString(), std::string("2026-01-31")); // the month's last day
    // The roll-up the reader returns: 1 month × 3 models × 4 features × 10 customers = 120
    // groups at most; every cent of EffectiveCost arrives.
    const WarehouseResult direct = readWarehouseRollup(connection(), kPassword);
    QVERIFY(direct.ok);
    QVERIFY(rec.formatDetail.find(std::to_string(direct.groups) + " groups") != std::string::npos);
    QVERIFY(direct.groups <= 120);
    QVERIFY(std::abs(totalCost(wb) - m_serverCost) < 1e-9 * m_serverCost);
    // The connection is saved with it, without the password.
    QVERIFY(wb.warehouse == connection());
    const SaveResult saved = writeWorkbook(wb);
    QVERIFY(saved.ok());
    QVERIFY(saved.text.find("gui_focus_sample") != std::string::npos);
    QVERIFY(saved.text.find(kPassword.toStdString()) == std::string::npos);

    // One undo takes back the import and the connection; redo brings both.
    doc->undoStack()->undo();
    QVERIFY(doc->workbook().actuals.imports.empty());
    QVERIFY(!doc->workbook().warehouse.isSet());
    doc->undoStack()->redo();
    QCOMPARE(doc->workbook().actuals.imports.size(), std::size_t(1));
    QVERIFY(doc->workbook().warehouse == connection());
}

void TestWarehouseWindow::sameRollupTwiceIsADuplicate()
{
    Document *doc = m_window->document();
    QString message;
    QVERIFY2(runImport(connection(), kPassword, &message), qPrintable(message));
    const int count = doc->undoStack()->count();
    const Workbook before = doc->workbook();
    QVERIFY(!runImport(connection(), kPassword, &message));
    QVERIFY2(message.contains(QStringLiteral("was already imported")), qPrintable(message));
    QCOMPARE(doc->undoStack()->count(), count);
    QVERIFY(doc->workbook() == before);
}

void TestWarehouseWindow::serverDownChangesNothing()
{
    Document *doc = m_window->document();
    const int count = doc->undoStack()->count();
    WarehouseConnection down = connection();
    down.port = 1; // nothing listens on tcpmux
    QString message;
    QVERIFY(!runImport(down, kPassword, &message));
    QVERIFY2(message.startsWith(QStringLiteral("Cannot reach a PostgreSQL server at 127.0.0.1:1")),
             qPrintable(message));
    QCOMPARE(doc->undoStack()->count(), count);
    QVERIFY(doc->workbook().actuals.imports.empty());
    QVERIFY(!doc->workbook().warehouse.isSet());
    auto *box = m_window->findChild<QMessageBox *>(QStringLiteral("warehouseFailedBox"));
    QVERIFY(box);
    QVERIFY(box->isVisible());
    QVERIFY(box->text().contains(QStringLiteral("nothing changed")));
    box->close();

    // A wrong password: the same, with the server's reason.
    QVERIFY(!runImport(connection(), QStringLiteral("not-it"), &message));
    QVERIFY2(message.contains(QStringLiteral("refused the password")), qPrintable(message));
    QVERIFY(doc->workbook().actuals.imports.empty());
}

void TestWarehouseWindow::cancelChangesNothing()
{
    Document *doc = m_window->document();
    const int count = doc->undoStack()->count();
    QSignalSpy done(m_controller, &WarehouseController::finished);
    QVERIFY(m_controller->start(connection(), kPassword));
    QVERIFY(m_controller->isRunning());
    QVERIFY(!m_controller->importAction()->isEnabled());
    // The progress dialog's Cancel button.
    auto *cancel = m_controller->progressDialog()->findChild<QPushButton *>();
    QVERIFY(cancel);
    QTest::mouseClick(cancel, Qt::LeftButton);
    QVERIFY(done.wait(60000));
    QCOMPARE(done.at(0).at(0).toBool(), false);
    QVERIFY2(done.at(0).at(1).toString().contains(QStringLiteral("cancelled; nothing changed")),
             qPrintable(done.at(0).at(1).toString()));
    QCOMPARE(doc->undoStack()->count(), count);
    QVERIFY(doc->workbook().actuals.imports.empty());
    QVERIFY(m_controller->importAction()->isEnabled());
}

void TestWarehouseWindow::dialogTestsTheConnection()
{
    WarehouseDialog dialog(connection());
    dialog.setConnectTimeout(3);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QVERIFY(dialog.connection() == connection());
    QVERIFY(dialog.password().isEmpty());
    auto *password = dialog.findChild<QLineEdit *>(QStringLiteral("password"));
    QVERIFY(password);
    QCOMPARE(password->echoMode(), QLineEdit::Password);
    QTest::keyClicks(password, kPassword);
    QSignalSpy tested(&dialog, &WarehouseDialog::testFinished);
    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("testButton")),
                      Qt::LeftButton);
    QVERIFY(tested.wait(30000));
    QVERIFY2(tested.at(0).at(0).toBool(), qPrintable(tested.at(0).at(1).toString()));
    QCOMPARE(dialog.testMessage(),
             QStringLiteral("Connected: gui_focus_sample has the FOCUS columns."));
    if (!qEnvironmentVariableIsEmpty("ROI_SCREENSHOT_DIR"))
        dialog.grab().save(qEnvironmentVariable("ROI_SCREENSHOT_DIR")
                           + QStringLiteral("/warehouse-dialog.png"));

    // A table without the FOCUS columns: the reader's message, in the dialog.
    auto *table = dialog.findChild<QLineEdit *>(QStringLiteral("table"));
    table->setText(QStringLiteral("focus_missing_unit"));
    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("testButton")),
                      Qt::LeftButton);
    QVERIFY(tested.wait(30000));
    QCOMPARE(tested.at(1).at(0).toBool(), false);
    QVERIFY2(dialog.testMessage().contains(QStringLiteral("has no ConsumedUnit column")),
             qPrintable(dialog.testMessage()));
    // No table: Import and Test are off.
    table->clear();
    QVERIFY(!dialog.findChild<QPushButton *>(QStringLiteral("testButton"))->isEnabled());
}

QTEST_MAIN(TestWarehouseWindow)
#include "tst_warehousewindow.moc"
