// Snapshots through the Document (app/snapshotcommands, app/snapshotdialog): take, rename and
// delete are undoable; later edits and a save/load leave a snapshot alone; the dialog lists and
// compares them.
#include "document.h"
#include "snapshotcommands.h"
#include "snapshotdialog.h"

#include <QLineEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

using namespace roi;

class TestSnapshotCommands : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void takeRenameDeleteUndo();
    void refusesEmptyOrDuplicateLabel();
    void editsAndSaveLoadLeaveSnapshotAlone();
    void dialogTakesListsAndCompares();

private:
    static QString example(const char *name)
    {
        return QStringLiteral(ROI_SOURCE_DIR "/resources/examples/") + QLatin1String(name);
    }
};

void TestSnapshotCommands::takeRenameDeleteUndo()
{
    Document doc;
    QString error;
    QVERIFY2(doc.load(example("support-assistant.roiwb"), &error), qPrintable(error));
    QVERIFY(doc.workbook().snapshots.empty());
    QVERIFY(takeSnapshot(&doc, 0, QStringLiteral("Approved"), QStringLiteral("CFO"),
                         QDate(2026, 3, 2), &error));
    QCOMPARE(doc.workbook().snapshots.size(), std::size_t(1));
    const Snapshot &s = doc.workbook().snapshots[0];
    QCOMPARE(s.label, std::string("Approved"));
    QCOMPARE(s.takenBy, std::string("CFO"));
    QCOMPARE(s.takenOn, (Date{2026, 3, 2}));
    QCOMPARE(s.scenario, std::string("Base"));
    // The frozen TCO is the engine's Base TCO at the time.
    QCOMPARE(s.useCases[0].total(SnapshotRow::Cost), doc.results().at(0, 0).kpis.tco);
    QVERIFY(doc.isModified());

    QVERIFY(renameSnapshot(&doc, 0, QStringLiteral("Board, March"), &error));
    QCOMPARE(doc.workbook().snapshots[0].label, std::string("Board, March"));
    QVERIFY(deleteSnapshot(&doc, 0));
    QVERIFY(doc.workbook().snapshots.empty());
    QCOMPARE(doc.undoStack()->count(), 3);

    doc.undoStack()->undo(); // delete
    QCOMPARE(doc.workbook().snapshots[0].label, std::string("Board, March"));
    doc.undoStack()->undo(); // rename
    QCOMPARE(doc.workbook().snapshots[0].label, std::string("Approved"));
    doc.undoStack()->undo(); // take
    QVERIFY(doc.workbook().snapshots.empty());
    QVERIFY(!doc.isModified());
    doc.undoStack()->redo();
    QCOMPARE(doc.workbook().snapshots.size(), std::size_t(1));
}

void TestSnapshotCommands::refusesEmptyOrDuplicateLabel()
{
    Document doc;
    QString error;
    QVERIFY(doc.load(example("support-assistant.roiwb"), &error));
    QVERIFY(!takeSnapshot(&doc, 0, QStringLiteral("  "), {}, QDate(2026, 3, 2), &error));
    QCOMPARE(error, QStringLiteral("A snapshot needs a label."));
    QVERIFY(takeSnapshot(&doc, 0, QStringLiteral("Q1"), {}, QDate(2026, 3, 2), &error));
    QVERIFY(!takeSnapshot(&doc, 1, QStringLiteral("Q1"), {}, QDate(2026, 3, 2), &error));
    QCOMPARE(error, QStringLiteral("A snapshot named \"Q1\" already exists."));
    QVERIFY(!takeSnapshot(&doc, 99, QStringLiteral("Q2"), {}, QDate(2026, 3, 2), &error));
    QCOMPARE(doc.workbook().snapshots.size(), std::size_t(1));
    QCOMPARE(doc.undoStack()->count(), 1);
}

void TestSnapshotCommands::editsAndSaveLoadLeaveSnapshotAlone()
{
    Document doc;
    QString error;
    QVERIFY(doc.load(example("support-assistant.roiwb"), &error));
    QVERIFY(takeSnapshot(&doc, 0, QStringLiteral("Approved"), {}, QDate(2026, 3, 2), &error));
    const Snapshot frozen = doc.workbook().snapshots[0];
    const double tco = doc.results().at(0, 0).kpis.tco;

    UseCase uc = doc.workbook().useCases[0];
    uc.baseline.volume *= 3;
    doc.setUseCase(0, uc, QStringLiteral("Edit volume"));
    QVERIFY(doc.results().at(0, 0).kpis.tco > tco); // the live forecast moved
    QCOMPARE(doc.workbook().snapshots[0], frozen);  // the snapshot did not

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("case.roiwb"));
    QVERIFY2(doc.saveAs(path, &error), qPrintable(error));
    Document reopened;
    QVERIFY2(reopened.load(path, &error), qPrintable(error));
    QCOMPARE(reopened.workbook().snapshots.size(), std::size_t(1));
    QCOMPARE(reopened.workbook().snapshots[0], frozen);
    QCOMPARE(reopened.workbook().snapshots[0].useCases[0].total(SnapshotRow::Cost), tco);
}

void TestSnapshotCommands::dialogTakesListsAndCompares()
{
    Document doc;
    QString error;
    QVERIFY(doc.load(example("support-assistant.roiwb"), &error));
    SnapshotDialog dialog(&doc, 2); // Worst
    dialog.labelEdit()->setText(QStringLiteral("Worst case, approved"));
    QTest::mouseClick(dialog.takeButton(), Qt::LeftButton);
    QCOMPARE(doc.workbook().snapshots.size(), std::size_t(1));
    QCOMPARE(doc.workbook().snapshots[0].scenario, std::string("Worst"));
    QCOMPARE(dialog.snapshotTable()->rowCount(), 1);
    QCOMPARE(dialog.snapshotTable()->item(0, 0)->text(), QStringLiteral("Worst case, approved"));

    QVERIFY(takeSnapshot(&doc, 0, QStringLiteral("Base"), {}, QDate(2026, 3, 2), &error));
    QCOMPARE(dialog.snapshotTable()->rowCount(), 2);
    dialog.compare(0, 1);
    // One use case and the portfolio; worst costs more than base (more volume, dearer tokens).
    QCOMPARE(dialog.comparisonTable()->rowCount(), 2);
    QCOMPARE(dialog.comparisonTable()->item(1, 0)->text(), QStringLiteral("Portfolio"));
    const auto &list = doc.workbook().snapshots;
    QVERIFY(list[0].portfolio().total(SnapshotRow::Cost)
            != list[1].portfolio().total(SnapshotRow::Cost));
    if (qEnvironmentVariableIsSet("ROI_SCREENSHOT_DIR")) {
        dialog.resize(900, 600);
        dialog.grab().save(qEnvironmentVariable("ROI_SCREENSHOT_DIR")
                           + QStringLiteral("/snapshots.png"));
    }
}

QTEST_MAIN(TestSnapshotCommands)
#include "tst_snapshotcommands.moc"
