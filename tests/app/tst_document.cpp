// The document: edits as undo commands (merging keystrokes), files (open, save, reopen, backups,
// failed saves) and autosave snapshots.
#include "document.h"
#include "recovery.h"

#include "engine.h"
#include "workbookfile.h"

#include <QDate>
#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

using namespace roi;

class TestDocument : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void editsAreUndoable();
    void visibleScenarioFirst();
    void keystrokesMerge();
    void renameCarriesScenarioScope();
    void removeUseCaseRestoresScopedAdjustments();
    void openEditSaveReopen();
    void backupAfterSecondSave();
    void failedSaveKeepsDocumentModified_data();
    void failedSaveKeepsDocumentModified();
    void loadRefusesBadFileAndKeepsDocument();
    void autosaveWritesPrivateSnapshot();
    void saveRemovesSnapshot();

private:
    static QString example(const char *name)
    {
        return QStringLiteral(ROI_SOURCE_DIR "/resources/examples/") + QLatin1String(name);
    }
};

void TestDocument::editsAreUndoable()
{
    Document doc;
    QString error;
    QVERIFY2(doc.load(example("support-assistant.roiwb"), &error), qPrintable(error));
    const double tco = doc.results().at(0, 0).kpis.tco;
    UseCase uc = doc.workbook().useCases[0];
    uc.baseline.volume = 100000;
    QSignalSpy changed(&doc, &Document::changed);
    doc.setUseCase(0, uc, QStringLiteral("Edit volume"));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.first().at(0).value<Change>(), Change::UseCase);
    QVERIFY(doc.isModified());
    // Twice the volume: the token and review costs double, so the TCO rises.
    QVERIFY(doc.results().at(0, 0).kpis.tco > tco);
    doc.undoStack()->undo();
    QCOMPARE(doc.workbook().useCases[0].baseline.volume, 50000.0);
    QCOMPARE(doc.results().at(0, 0).kpis.tco, tco);
    QVERIFY(!doc.isModified());
    doc.undoStack()->redo();
    QCOMPARE(doc.workbook().useCases[0].baseline.volume, 100000.0);
}

void TestDocument::visibleScenarioFirst()
{
    // The window's scenario first: an edit computes only it (the others as they were for one
    // turn of the event loop), then the rest; once complete the results equal a full compute,
    // bit for bit. An edit that changes the results' shape computes everything at once.
    Document doc;
    QString error;
    QVERIFY2(doc.load(example("portfolio.roiwb"), &error), qPrintable(error));
    const QDate today = QDate::currentDate();
    const ComputeOptions full{Date{today.year(), today.month(), today.day()}, true};
    QVERIFY(doc.workbook().scenarios.size() >= 3);
    doc.setVisibleScenario(2); // Worst
    const Results before = doc.results();
    QSignalSpy completed(&doc, &Document::resultsCompleted);
    UseCase uc = doc.workbook().useCases[0];
    uc.baseline.volume *= 1.5;
    doc.setUseCase(0, uc, QStringLiteral("Edit volume"));
    const Results expected = compute(doc.workbook(), full);
    QVERIFY(!doc.resultsComplete());
    const Results &now = doc.results();
    const int n = static_cast<int>(doc.workbook().useCases.size());
    for (int u = 0; u < n; ++u) {
        QVERIFY(now.at(u, 2) == expected.at(u, 2)); // the visible scenario: up to date
        QVERIFY(now.at(u, 0) == before.at(u, 0));   // Base: as before, for now
    }
    QVERIFY(now.portfolio[2] == expected.portfolio[2]);
    QVERIFY(!(expected.at(0, 0) == before.at(0, 0))); // (the edit does move Base)
    QVERIFY(now.findings == before.findings);
    // The next turn of the event loop completes them.
    QTRY_VERIFY(doc.resultsComplete());
    QCOMPARE(completed.count(), 1);
    QVERIFY(doc.results() == expected);

    // Undo is an edit like any other; completeResults() finishes at once.
    doc.undoStack()->undo();
    QVERIFY(!doc.resultsComplete());
    doc.completeResults();
    QVERIFY(doc.resultsComplete());
    QVERIFY(doc.results() == before);
    // Switching the visible scenario completes first: the new one must be up to date.
    doc.undoStack()->redo();
    doc.setVisibleScenario(1);
    QVERIFY(doc.resultsComplete());
    QVERIFY(doc.results() == expected);
    // A new use case changes the shape: all scenarios at once.
    doc.insertUseCase(1, uc, QStringLiteral("Add"));
    QVERIFY(doc.resultsComplete());
    QVERIFY(doc.results() == compute(doc.workbook(), full));
    // Off (-1): every edit computes every scenario.
    doc.setVisibleScenario(-1);
    uc.baseline.volume *= 2;
    doc.setUseCase(0, uc, QStringLiteral("Edit volume"));
    QVERIFY(doc.resultsComplete());
    QVERIFY(doc.results() == compute(doc.workbook(), full));
}

void TestDocument::keystrokesMerge()
{
    Document doc;
    doc.insertUseCase(0, newUseCase("A", {2026, 3}), QStringLiteral("Add"));
    const int before = doc.undoStack()->count();
    for (double v : {1.0, 12.0, 120.0, 1200.0}) {
        UseCase uc = doc.workbook().useCases[0];
        uc.baseline.volume = v;
        doc.setUseCase(0, uc, QStringLiteral("Edit volume"), QStringLiteral("volume#0"));
    }
    QCOMPARE(doc.undoStack()->count(), before + 1);
    // A new visit of the field is a new command.
    UseCase uc = doc.workbook().useCases[0];
    uc.baseline.volume = 5;
    doc.setUseCase(0, uc, QStringLiteral("Edit volume"), QStringLiteral("volume#1"));
    QCOMPARE(doc.undoStack()->count(), before + 2);
    doc.undoStack()->undo();
    QCOMPARE(doc.workbook().useCases[0].baseline.volume, 1200.0);
    doc.undoStack()->undo();
    QCOMPARE(doc.workbook().useCases[0].baseline.volume, 0.0);
}

void TestDocument::renameCarriesScenarioScope()
{
    Document doc;
    QString error;
    QVERIFY(doc.load(example("portfolio.roiwb"), &error));
    UseCase uc = doc.workbook().useCases[1];
    QCOMPARE(uc.name, std::string("Lead qualification"));
    uc.name = "Lead scoring";
    doc.setUseCase(1, uc, QStringLiteral("Rename"));
    // The Best scenario's adjustment scoped to the use case follows the new name, in one step.
    const auto &best = doc.workbook().scenarios[1];
    QVERIFY(std::any_of(best.adjustments.begin(), best.adjustments.end(),
                        [](const Adjustment &a) { return a.useCase == "Lead scoring"; }));
    QVERIFY(validateWorkbook(doc.workbook()).empty()
            || std::none_of(validateWorkbook(doc.workbook()).begin(),
                            validateWorkbook(doc.workbook()).end(),
                            [](const Diagnostic &d) { return d.severity == Severity::Error; }));
    doc.undoStack()->undo();
    QCOMPARE(doc.workbook().useCases[1].name, std::string("Lead qualification"));
    QVERIFY(!doc.isModified());
}

void TestDocument::removeUseCaseRestoresScopedAdjustments()
{
    Document doc;
    QString error;
    QVERIFY(doc.load(example("portfolio.roiwb"), &error));
    const Workbook original = doc.workbook();
    doc.removeUseCase(2);
    QCOMPARE(doc.workbook().useCases.size(), std::size_t(2));
    for (const Scenario &s : doc.workbook().scenarios) {
        for (const Adjustment &a : s.adjustments)
            QVERIFY(a.useCase != "Contract review");
    }
    // What remains still saves: no adjustment names a missing use case.
    QVERIFY(writeWorkbook(doc.workbook()).ok());
    doc.undoStack()->undo();
    QVERIFY(doc.workbook() == original);
}

void TestDocument::openEditSaveReopen()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("case.roiwb"));
    QVERIFY(QFile::copy(example("portfolio.roiwb"), path));
    Document doc;
    QString error;
    QVERIFY(doc.load(path, &error));
    UseCase uc = doc.workbook().useCases[0];
    uc.layers[1].amount = 750;
    uc.baseline.source = "Edited source";
    doc.setUseCase(0, uc, QStringLiteral("Edit"));
    Settings s = doc.workbook().settings;
    s.horizonMonths = 48;
    doc.setSettings(s, QStringLiteral("Horizon"));
    QVERIFY2(doc.save(&error), qPrintable(error));
    QVERIFY(!doc.isModified());
    Document reopened;
    QVERIFY2(reopened.load(path, &error), qPrintable(error));
    QVERIFY(reopened.workbook() == doc.workbook());
    QCOMPARE(reopened.workbook().useCases[0].layers[1].amount, 750.0);
    QCOMPARE(reopened.workbook().settings.horizonMonths, 48);
}

void TestDocument::backupAfterSecondSave()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("b.roiwb"));
    Document doc;
    doc.insertUseCase(0, newUseCase("First", {2026, 3}), QStringLiteral("Add"));
    QString error;
    QVERIFY(doc.saveAs(path, &error));
    QVERIFY(!QFile::exists(path + QLatin1Char('~')));
    QFile first(path);
    QVERIFY(first.open(QIODevice::ReadOnly));
    const QByteArray firstBytes = first.readAll();
    first.close();
    doc.insertUseCase(1, newUseCase("Second", {2026, 3}), QStringLiteral("Add"));
    QVERIFY(doc.save(&error));
    // The backup holds the previous save, the file the new one.
    QFile backup(path + QLatin1Char('~'));
    QVERIFY(backup.open(QIODevice::ReadOnly));
    QCOMPARE(backup.readAll(), firstBytes);
    Document reread;
    QVERIFY(reread.load(path, &error));
    QCOMPARE(reread.workbook().useCases.size(), std::size_t(2));
}

void TestDocument::failedSaveKeepsDocumentModified_data()
{
    QTest::addColumn<QString>("relative");
    // Paths that cannot be written even by root: under a regular file, or a folder itself.
    QTest::newRow("parent is a file") << QStringLiteral("plain.txt/x.roiwb");
    QTest::newRow("path is a folder") << QStringLiteral("folder");
    QTest::newRow("missing folder") << QStringLiteral("no/such/folder/x.roiwb");
}

void TestDocument::failedSaveKeepsDocumentModified()
{
    QFETCH(QString, relative);
    QTemporaryDir dir;
    QFile plain(dir.filePath(QStringLiteral("plain.txt")));
    QVERIFY(plain.open(QIODevice::WriteOnly));
    plain.write("x");
    plain.close();
    QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("folder")));
    const QString good = dir.filePath(QStringLiteral("good.roiwb"));
    Document doc;
    doc.insertUseCase(0, newUseCase("Kept", {2026, 3}), QStringLiteral("Add"));
    QString error;
    QVERIFY(doc.saveAs(good, &error));
    doc.insertUseCase(1, newUseCase("Unsaved", {2026, 3}), QStringLiteral("Add"));
    QVERIFY(doc.isModified());
    QVERIFY(!doc.saveAs(dir.filePath(relative), &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(doc.isModified());
    // The document still points at its file and still has the unsaved work.
    QCOMPARE(doc.filePath(), QFileInfo(good).absoluteFilePath());
    QCOMPARE(doc.workbook().useCases.size(), std::size_t(2));
}

void TestDocument::loadRefusesBadFileAndKeepsDocument()
{
    QTemporaryDir dir;
    const QString bad = dir.filePath(QStringLiteral("bad.roiwb"));
    QFile f(bad);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"({"format": "roi-workbench", "version": 1, "useCases": [{"name": 5}]})");
    f.close();
    Document doc;
    QString error;
    QVERIFY(doc.load(example("support-assistant.roiwb"), &error));
    const Workbook before = doc.workbook();
    QVERIFY(!doc.load(bad, &error));
    QVERIFY2(error.contains(QStringLiteral("/useCases/0/name")), qPrintable(error));
    QVERIFY(doc.workbook() == before);
}

void TestDocument::autosaveWritesPrivateSnapshot()
{
    QTemporaryDir dir;
    Document doc;
    doc.setRecoveryDirectory(dir.path());
    QSignalSpy saved(&doc, &Document::autosaved);
    doc.insertUseCase(0, newUseCase("Autosaved", {2026, 3}), QStringLiteral("Add"));
    // Within a second of the edit the snapshot is on disk.
    QVERIFY(saved.wait(1500));
    const QString snapshot = doc.recoveryFilePath();
    QVERIFY(QFile::exists(snapshot));
    QCOMPARE(QFile::permissions(snapshot) & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
             QFileDevice::Permissions());
    QFile f(snapshot);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray bytes = f.readAll();
    const LoadResult loaded = readWorkbook(std::string_view(bytes.constData(), bytes.size()));
    QVERIFY(loaded.ok());
    QVERIFY(*loaded.workbook == doc.workbook());
    // A live session's snapshot is not offered for recovery.
    QVERIFY(findRecoverable(dir.path()).isEmpty());
}

void TestDocument::saveRemovesSnapshot()
{
    QTemporaryDir dir;
    QTemporaryDir recovery;
    Document doc;
    doc.setRecoveryDirectory(recovery.path());
    doc.insertUseCase(0, newUseCase("X", {2026, 3}), QStringLiteral("Add"));
    doc.flushAutosave();
    QVERIFY(QFile::exists(doc.recoveryFilePath()));
    QString error;
    QVERIFY(doc.saveAs(dir.filePath(QStringLiteral("x.roiwb")), &error));
    QVERIFY(!QFile::exists(doc.recoveryFilePath()));
}

QTEST_MAIN(TestDocument)
#include "tst_document.moc"
