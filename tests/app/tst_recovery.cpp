// Crash recovery end to end: a real session edits a workbook and is killed with SIGKILL one
// second later; the next start offers the autosaved work and it restores every edit.
#include "document.h"
#include "mainwindow.h"
#include "recovery.h"

#include <QFile>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace roi;

class TestRecovery : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void killedSessionIsRecovered();
    void discardRemovesSnapshot();

private:
    QString runAndKill(QTemporaryDir &work);
};

QString TestRecovery::runAndKill(QTemporaryDir &work)
{
    const QString file = work.filePath(QStringLiteral("support.roiwb"));
    QFile::copy(QStringLiteral(ROI_SOURCE_DIR "/resources/examples/support-assistant.roiwb"), file);
    const QString recovery = work.filePath(QStringLiteral("recovery"));
    QProcess child;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("HOME"), work.path());
    child.setProcessEnvironment(env);
    child.start(QStringLiteral(ROI_RECOVERY_CHILD), {file, recovery});
    if (!child.waitForStarted(10000))
        return {};
    QElapsedTimer waited;
    waited.start();
    while (!child.readAllStandardOutput().contains("EDITED") && waited.elapsed() < 20000)
        child.waitForReadyRead(100);
    QTest::qWait(1000);
    child.kill(); // SIGKILL: no clean-up code runs
    child.waitForFinished(5000);
    return recovery;
}

void TestRecovery::killedSessionIsRecovered()
{
    QTemporaryDir work;
    const QString recovery = runAndKill(work);
    QVERIFY(!recovery.isEmpty());
    const QList<RecoveryCandidate> found = findRecoverable(recovery);
    QCOMPARE(found.size(), 1);
    QCOMPARE(found.first().originalPath, work.filePath(QStringLiteral("support.roiwb")));

    // The next start offers it; accept through the dialog as a user would.
    MainWindow window;
    QTimer::singleShot(0, &window, [] {
        for (QWidget *w : QApplication::topLevelWidgets()) {
            if (auto *box = qobject_cast<QMessageBox *>(w)) {
                for (QAbstractButton *b : box->buttons()) {
                    if (b->text() == QLatin1String("Recover"))
                        b->click();
                }
            }
        }
    });
    QVERIFY(window.offerRecovery(recovery));
    const Workbook &wb = window.document()->workbook();
    QCOMPARE(wb.useCases.size(), std::size_t(2));
    QCOMPARE(wb.useCases[0].baseline.volume, 64000.0);
    QCOMPARE(wb.useCases[0].baseline.minutesPerUnit, 45.0);
    QCOMPARE(wb.useCases[1].name, std::string("Added before the crash"));
    // Recovered work is unsaved work, bound to its original file.
    QVERIFY(window.document()->isModified());
    QCOMPARE(window.document()->filePath(), work.filePath(QStringLiteral("support.roiwb")));
    QVERIFY(findRecoverable(recovery).isEmpty());
}

void TestRecovery::discardRemovesSnapshot()
{
    QTemporaryDir work;
    const QString recovery = runAndKill(work);
    QCOMPARE(findRecoverable(recovery).size(), 1);
    MainWindow window;
    QTimer::singleShot(0, &window, [] {
        for (QWidget *w : QApplication::topLevelWidgets()) {
            if (auto *box = qobject_cast<QMessageBox *>(w)) {
                for (QAbstractButton *b : box->buttons()) {
                    if (b->text() == QLatin1String("Discard"))
                        b->click();
                }
            }
        }
    });
    QVERIFY(!window.offerRecovery(recovery));
    QVERIFY(findRecoverable(recovery).isEmpty());
    QVERIFY(window.document()->workbook().useCases.empty());
}

QTEST_MAIN(TestRecovery)
#include "tst_recovery.moc"
