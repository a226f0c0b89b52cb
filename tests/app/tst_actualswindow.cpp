// The window's actuals driven through its widgets: a plain CSV imported through the dialog with
// the column mapping set up and saved by name, then reused by name for a second file; Cancel in
// the middle of an import changes nothing; an import is one undo command; a dropped file opens
// the dialog; the Actuals page shows the totals `roi-workbench actuals` prints for the same
// workbook. Figures by hand in tests/data/actuals/gui/README.md.
#include "mainwindow.h"

#include "actualscommands.h"
#include "actualscontroller.h"
#include "document.h"
#include "importactualsdialog.h"
#include "kpitile.h"
#include "numberformat.h"
#include "tablemodel.h"

#include "actuals/actualspage.h"
#include "actuals/attributionruleseditor.h"
#include "actuals/columnmappingeditor.h"
#include "actuals/customerrevenueeditor.h"
#include "actuals/report.h"

#include <qcustomplot.h>

#include <QApplication>
#include <QComboBox>
#include <QDropEvent>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QMimeData>
#include <QProcess>
#include <QProgressBar>
#include <QPushButton>
#include <QSemaphore>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUndoStack>

#include <cmath>
#include <functional>

using namespace roi;

namespace {

const QString kGui = QStringLiteral(ROI_SOURCE_DIR "/tests/data/actuals/gui/");
const QString kMappingName = QStringLiteral("Gateway export");

/// Runs `drive` on the next modal dialog that opens (the import dialog), from the event loop.
void onNextDialog(const std::function<void(ImportActualsDialog *)> &drive)
{
    QTimer::singleShot(0, qApp, [drive] {
        auto *dialog = qobject_cast<ImportActualsDialog *>(QApplication::activeModalWidget());
        if (!dialog) {
            onNextDialog(drive); // not up yet
            return;
        }
        drive(dialog);
    });
}

void choose(ColumnMappingEditor *editor, const char *field, const QString &header)
{
    QComboBox *combo = editor->combo(QString::fromLatin1(field));
    QVERIFY(combo);
    const int i = combo->findData(header);
    QVERIFY2(i >= 0, qPrintable(header));
    combo->setCurrentIndex(i);
}

double totalCost(const Workbook &wb)
{
    double sum = 0;
    for (const auto &row : wb.actuals.table().rows)
        sum += row.m.cost;
    return sum;
}

} // namespace

class TestActualsWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void emptyPageShowsHint();
    void importThroughDialogSavesAndReusesMapping();
    void cancelMidImportChangesNothing();
    void workbookReplacedMidImportGetsNothing();
    void importIsOneUndoableEdit();
    void otherCurrencyAsksForARate();
    void currencyAfterThePreviewAsksThenReruns_data();
    void currencyAfterThePreviewAsksThenReruns();
    void customerRevenueTable();
    void overlapAcrossFormatsExplains();
    void overlapAsksTheUser_data();
    void overlapAsksTheUser();
    void droppedFileOpensTheDialog();
    void rulesEditIsOneCommand();
    void pageShowsTheCommandLineTotals_data();
    void pageShowsTheCommandLineTotals();
    void screenshots();

private:
    void importSamples();
    bool importNow(const QString &path, const actuals::ImportOptions &options);
    static actuals::ColumnMapping gatewayMapping();
    // A 200,000-row gateway CSV: large enough for the importer to report progress many times.
    static bool writeBigCsv(const QString &path);
    static actuals::ColumnMapping bigMapping();
    /// Imports `file` through the dialog; `setUp` adjusts the dialog before Import is clicked.
    bool importThroughDialog(const QString &file,
                             const std::function<void(ImportActualsDialog *)> &setUp);
    ActualsController *actuals() const { return m_window->actuals(); }
    MainWindow *m_window = nullptr;
};

void TestActualsWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("roi-workbench-test"));
}

void TestActualsWindow::init()
{
    m_window = new MainWindow;
    m_window->resize(1400, 900);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
}

void TestActualsWindow::cleanup()
{
    m_window->document()->undoStack()->setClean();
    delete m_window;
    m_window = nullptr;
}

bool TestActualsWindow::importThroughDialog(const QString &file,
                                            const std::function<void(ImportActualsDialog *)> &setUp)
{
    QSignalSpy done(actuals(), &ActualsController::importFinished);
    bool clicked = false;
    onNextDialog([&](ImportActualsDialog *dialog) {
        setUp(dialog);
        dialog->refreshPreview();
        if (dialog->importButton()->isEnabled()) {
            clicked = true;
            dialog->importButton()->click();
        } else {
            dialog->reject();
        }
    });
    actuals()->importFile(file);
    if (!clicked)
        return false;
    if (done.isEmpty() && !done.wait(10000))
        return false;
    return done.first().at(0).toBool();
}

void TestActualsWindow::emptyPageShowsHint()
{
    actuals()->showAction()->trigger();
    ActualsPage *page = actuals()->page();
    QVERIFY(page->isVisible());
    QVERIFY(page->isEmptyState());
    QVERIFY(page->emptyHint()->isVisible());
    QVERIFY(page->emptyHint()->text().contains(QStringLiteral("File → Import Actuals…")));
    // The navigator leads back to the inputs.
    actuals()->showAction()->trigger();
    QVERIFY(!page->isVisible());
}

void TestActualsWindow::importThroughDialogSavesAndReusesMapping()
{
    Document *doc = m_window->document();
    // First file: no importer knows the layout, so it is a plain CSV to map.
    QVERIFY(importThroughDialog(
        kGui + QStringLiteral("gateway-2026-01.csv"), [](ImportActualsDialog *d) {
            QCOMPARE(d->detected(), actuals::SourceFormat::Auto);
            QCOMPARE(d->format(), actuals::SourceFormat::MappedCsv);
            QCOMPARE(d->savedMappingCombo()->count(), 1); // "New mapping…" only
            ColumnMappingEditor *e = d->mappingEditor();
            QCOMPARE(e->headers().size(), 10);
            choose(e, "date", QStringLiteral("Day"));
            choose(e, "model", QStringLiteral("Model Name"));
            choose(e, "uncachedInput", QStringLiteral("Prompt Tokens"));
            choose(e, "cacheReadInput", QStringLiteral("Cached Tokens"));
            choose(e, "outputTokens", QStringLiteral("Completion Tokens"));
            choose(e, "requests", QStringLiteral("Calls"));
            choose(e, "cost", QStringLiteral("Spend USD"));
            choose(e, "feature", QStringLiteral("Feature"));
            choose(e, "team", QStringLiteral("Team"));
            choose(e, "customer", QStringLiteral("Customer"));
            d->mappingNameEdit()->setText(kMappingName);
            d->refreshPreview();
            // The preview: every row of the small file, as read.
            QCOMPARE(d->preview().records.size(), std::size_t(4));
            QCOMPARE(d->previewTable()->model()->rowCount(), 4);
            QCOMPARE(d->previewTable()->model()->index(2, 2).data().toString(),
                     QStringLiteral("claude-3-5-haiku"));
            QCOMPARE(d->preview().records[2].cost, 3.20);
            QCOMPARE(d->preview().stats.rowsRefused, std::uint64_t(0));
        }));
    const Workbook &wb = doc->workbook();
    QCOMPARE(wb.actuals.imports.size(), std::size_t(1));
    QCOMPARE(wb.actuals.mappings.size(), std::size_t(1));
    QCOMPARE(QString::fromStdString(wb.actuals.mappings[0].name), kMappingName);
    QCOMPARE(QString::fromStdString(wb.actuals.mappings[0].model), QStringLiteral("Model Name"));
    QCOMPARE(QString::fromStdString(wb.actuals.imports[0].mapping), kMappingName);
    QCOMPARE(wb.actuals.imports[0].rowsUsed, std::uint64_t(4));
    QVERIFY(std::abs(totalCost(wb) - 4.355) < 1e-9); // 0.27 + 0.135 + 3.20 + 0.75

    // Second file: the saved mapping is offered by name, and chosen, without touching a column.
    QVERIFY(importThroughDialog(
        kGui + QStringLiteral("gateway-2026-02.csv"), [](ImportActualsDialog *d) {
            QCOMPARE(d->format(), actuals::SourceFormat::MappedCsv);
            QCOMPARE(d->savedMappingCombo()->count(), 2);
            QCOMPARE(d->savedMappingCombo()->currentText(), kMappingName);
            d->savedMappingCombo()->setCurrentIndex(0);
            d->savedMappingCombo()->setCurrentIndex(d->savedMappingCombo()->findText(kMappingName));
            QCOMPARE(d->mappingNameEdit()->text(), kMappingName);
            QVERIFY(!d->mappingToSave()); // saved as it is: nothing new to store
            d->refreshPreview();
            QCOMPARE(d->preview().records.size(), std::size_t(2));
        }));
    QCOMPARE(doc->workbook().actuals.imports.size(), std::size_t(2));
    QCOMPARE(doc->workbook().actuals.mappings.size(), std::size_t(1));
    QCOMPARE(QString::fromStdString(doc->workbook().actuals.imports[1].mapping), kMappingName);
    QVERIFY(std::abs(totalCost(doc->workbook()) - 6.395) < 1e-9); // 4.355 + 0.54 + 1.50
    QCOMPARE(doc->undoStack()->count(), 2);

    // The page came up with the imports.
    ActualsPage *page = actuals()->page();
    QVERIFY(page->isVisible());
    QVERIFY(!page->isEmptyState());
    QCOMPARE(page->importsModel()->rowCount(), 2);
    QCOMPARE(page->totalTile()->value(), QStringLiteral("$6.40"));

    // Importing the first file again changes nothing.
    QVERIFY(!importThroughDialog(kGui + QStringLiteral("gateway-2026-01.csv"),
                                 [](ImportActualsDialog *) {}));
    QCOMPARE(doc->workbook().actuals.imports.size(), std::size_t(2));
    QCOMPARE(doc->undoStack()->count(), 2);
}

bool TestActualsWindow::writeBigCsv(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return false;
    QByteArray text = "Day,Model Name,Prompt Tokens,Completion Tokens,Calls,Spend USD\n";
    for (int i = 0; i < 200000; ++i)
        text += "2026-03-" + QByteArray::number(1 + i % 28).rightJustified(2, '0')
                + ",gpt-4o-mini,1000,200,1,0.00027\n";
    return f.write(text) == text.size();
}

actuals::ColumnMapping TestActualsWindow::bigMapping()
{
    actuals::ColumnMapping m;
    m.name = "big";
    m.date = "Day";
    m.model = "Model Name";
    m.uncachedInput = "Prompt Tokens";
    m.outputTokens = "Completion Tokens";
    m.requests = "Calls";
    m.cost = "Spend USD";
    return m;
}

void TestActualsWindow::cancelMidImportChangesNothing()
{
    // A file large enough for the importer to report progress many times.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("big.csv"));
    QVERIFY(writeBigCsv(path));
    Document *doc = m_window->document();
    const Workbook before = doc->workbook();
    const int commands = doc->undoStack()->count();

    // The worker waits at its first progress call until Cancel has been clicked.
    QSemaphore atProgress, release;
    std::atomic<bool> first{true};
    actuals()->runner()->setWorkerProgressHook([&](std::uint64_t done, std::uint64_t total) {
        if (first.exchange(false) && done < total) {
            atProgress.release();
            release.acquire();
        }
    });
    actuals::ImportOptions options;
    options.format = actuals::SourceFormat::MappedCsv;
    const actuals::ColumnMapping m = bigMapping();
    options.mapping = m;
    QSignalSpy done(actuals(), &ActualsController::importFinished);
    QVERIFY(actuals()->startImport(path, options, m));
    QVERIFY(actuals()->progressBar()->isVisible());
    QVERIFY(actuals()->cancelButton()->isVisible());
    QVERIFY(atProgress.tryAcquire(1, 10000));
    // The window stays responsive while the worker runs: events are processed.
    QCoreApplication::processEvents();
    QTest::mouseClick(actuals()->cancelButton(), Qt::LeftButton);
    release.release();
    QVERIFY(done.wait(10000));
    QCOMPARE(done.first().at(0).toBool(), false);
    QVERIFY(done.first().at(1).toString().contains(QStringLiteral("cancelled")));
    QVERIFY(doc->workbook() == before);
    QCOMPARE(doc->undoStack()->count(), commands);
    QVERIFY(!doc->isModified());
    QVERIFY(!actuals()->progressBar()->isVisible());
    actuals()->runner()->setWorkerProgressHook({});
}

void TestActualsWindow::workbookReplacedMidImportGetsNothing()
{
    // The rows of an import belong to the workbook they were started for: when another workbook
    // replaces it (File > Open, File > New) before the worker ends, they are not applied to it.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("big.csv"));
    QVERIFY(writeBigCsv(path));
    Document *doc = m_window->document();
    QSemaphore atProgress, release;
    std::atomic<bool> first{true};
    actuals()->runner()->setWorkerProgressHook([&](std::uint64_t done, std::uint64_t total) {
        if (first.exchange(false) && done < total) {
            atProgress.release();
            release.acquire();
        }
    });
    actuals::ImportOptions options;
    options.format = actuals::SourceFormat::MappedCsv;
    const actuals::ColumnMapping m = bigMapping();
    options.mapping = m;
    QSignalSpy done(actuals(), &ActualsController::importFinished);
    QVERIFY(actuals()->startImport(path, options, std::nullopt));
    QVERIFY(atProgress.tryAcquire(1, 10000));
    Workbook other = newWorkbook();
    other.settings.name = "Another workbook";
    doc->reset(other);
    release.release();
    QVERIFY(done.wait(10000));
    QCOMPARE(done.first().at(0).toBool(), false);
    QVERIFY(done.first().at(1).toString().contains(QStringLiteral("another workbook")));
    QCOMPARE(doc->workbook().settings.name, std::string("Another workbook"));
    QVERIFY(doc->workbook().actuals.imports.empty());
    QCOMPARE(doc->undoStack()->count(), 0);
    actuals()->runner()->setWorkerProgressHook({});
}

void TestActualsWindow::importIsOneUndoableEdit()
{
    Document *doc = m_window->document();
    actuals::ImportOptions options;
    options.format = actuals::SourceFormat::MappedCsv;
    actuals::ColumnMapping m = guessMapping(
        {QStringLiteral("Day"), QStringLiteral("Model Name"), QStringLiteral("Prompt Tokens"),
         QStringLiteral("Cached Tokens"), QStringLiteral("Completion Tokens"),
         QStringLiteral("Calls"), QStringLiteral("Spend USD"), QStringLiteral("Feature"),
         QStringLiteral("Team"), QStringLiteral("Customer")});
    // What the guess makes of these headers, checked: the user would not have to map them.
    QCOMPARE(QString::fromStdString(m.date), QStringLiteral("Day"));
    QCOMPARE(QString::fromStdString(m.model), QStringLiteral("Model Name"));
    QCOMPARE(QString::fromStdString(m.uncachedInput), QStringLiteral("Prompt Tokens"));
    QCOMPARE(QString::fromStdString(m.cacheReadInput), QStringLiteral("Cached Tokens"));
    QCOMPARE(QString::fromStdString(m.outputTokens), QStringLiteral("Completion Tokens"));
    QCOMPARE(QString::fromStdString(m.cost), QStringLiteral("Spend USD"));
    m.name = kMappingName.toStdString();
    options.mapping = m;
    QSignalSpy done(actuals(), &ActualsController::importFinished);
    QVERIFY(actuals()->startImport(kGui + QStringLiteral("gateway-2026-01.csv"), options, m));
    QVERIFY(done.wait(10000));
    QVERIFY(done.first().at(0).toBool());
    QCOMPARE(doc->undoStack()->count(), 1);
    QCOMPARE(doc->workbook().actuals.imports.size(), std::size_t(1));
    QCOMPARE(doc->workbook().actuals.mappings.size(), std::size_t(1));
    QVERIFY(doc->isModified());
    ActualsPage *page = actuals()->page();
    QVERIFY(!page->isEmptyState());

    doc->undoStack()->undo();
    QVERIFY(doc->workbook().actuals.imports.empty());
    QVERIFY(doc->workbook().actuals.mappings.empty()); // saved with the import, undone with it
    QCOMPARE(totalCost(doc->workbook()), 0.0);
    QCoreApplication::processEvents();
    QVERIFY(page->isEmptyState());

    doc->undoStack()->redo();
    QCOMPARE(doc->workbook().actuals.imports.size(), std::size_t(1));
    QVERIFY(std::abs(totalCost(doc->workbook()) - 4.355) < 1e-9);
    QCoreApplication::processEvents();
    QVERIFY(!page->isEmptyState());
    QCOMPARE(page->totalTile()->value(), QStringLiteral("$4.36"));
}

void TestActualsWindow::otherCurrencyAsksForARate()
{
    Document *doc = m_window->document();
    QVERIFY(doc->workbook().settings.currency != "EUR");
    const QString currency = QString::fromStdString(doc->workbook().settings.currency);
    QVERIFY(
        importThroughDialog(kGui + QStringLiteral("gateway-eur.csv"), [](ImportActualsDialog *d) {
            d->mappingNameEdit()->setText(QStringLiteral("Gateway in euros"));
            d->refreshPreview();
            // The guess maps every column; the rows are in EUR, which the workbook has no rate for.
            QCOMPARE(d->preview().records.size(), std::size_t(2));
            QLineEdit *rate = d->rateEdit(QStringLiteral("EUR"));
            QVERIFY(rate);
            QVERIFY(!d->importButton()->isEnabled());
            QTest::keyClicks(rate, QLocale().toString(1.10, 'f', 2));
            QVERIFY(d->importButton()->isEnabled());
        }));
    const Workbook &wb = doc->workbook();
    QVERIFY2(std::abs(totalCost(wb) - 16.50) < 1e-9, qPrintable(currency)); // 15 EUR x 1.10
    QVERIFY(wb.actuals.rateOf("EUR").has_value());
    QCOMPARE(*wb.actuals.rateOf("EUR"), 1.10);
}

void TestActualsWindow::currencyAfterThePreviewAsksThenReruns_data()
{
    QTest::addColumn<bool>("giveRate");
    QTest::newRow("rate given") << true;
    QTest::newRow("cancelled") << false;
}

void TestActualsWindow::currencyAfterThePreviewAsksThenReruns()
{
    // 55 rows in USD (0.10 each = 5.50), then one in EUR (10.00): the preview (50 rows) sees no
    // EUR, so the dialog asks no rate; the import then meets EUR and asks for its rate. At
    // 1 EUR = 1.10 USD the same import runs again: 5.50 + 11.00 = 16.50 USD, the mapping saved
    // with it and the rate stored. Cancelled: nothing changes.
    QFETCH(bool, giveRate);
    Document *doc = m_window->document();
    const int commands = doc->undoStack()->count();
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("gateway-late-eur.csv"));
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("Day,Model Name,Prompt Tokens,Completion Tokens,Calls,Spend,Currency,Feature\n");
        for (int i = 0; i < 55; ++i)
            f.write("2026-04-02,gpt-4o-mini,1000,200,1,0.10,USD,support-chat\n");
        f.write("2026-04-09,gpt-4o,100000,50000,100,10.00,EUR,contract-review\n");
    }
    bool asked = false;
    QString question;
    std::function<void()> answer = [&] {
        auto *dialog = qobject_cast<QDialog *>(QApplication::activeModalWidget());
        if (!dialog || dialog->objectName() != QStringLiteral("lateRatesDialog")) {
            QTimer::singleShot(10, qApp, answer); // not up yet
            return;
        }
        asked = true;
        const QList<QLabel *> labels = dialog->findChildren<QLabel *>();
        for (QLabel *l : labels)
            question += l->text() + QLatin1Char('\n');
        auto *rate = dialog->findChild<QLineEdit *>(QStringLiteral("rateEUR"));
        auto *import = dialog->findChild<QPushButton *>(QStringLiteral("importButton"));
        QVERIFY(rate && import);
        QVERIFY(!import->isEnabled());
        if (!giveRate) {
            dialog->reject();
            return;
        }
        QTest::keyClicks(rate, QLocale().toString(1.10, 'f', 2));
        QVERIFY(import->isEnabled());
        import->click();
    };
    QTimer::singleShot(0, qApp, answer);
    const bool applied = importThroughDialog(path, [](ImportActualsDialog *d) {
        d->mappingNameEdit()->setText(QStringLiteral("Gateway, late euros"));
        d->refreshPreview();
        QCOMPARE(d->preview().records.size(), std::size_t(50));
        QVERIFY(!d->rateEdit(QStringLiteral("EUR"))); // not seen in the preview
        QVERIFY(d->importButton()->isEnabled());
    });
    QVERIFY(asked);
    QVERIFY2(question.contains(QStringLiteral("EUR")), qPrintable(question));
    QVERIFY2(question.contains(QStringLiteral("after the ones the preview showed")),
             qPrintable(question));
    const Workbook &wb = doc->workbook();
    if (!giveRate) {
        QVERIFY(!applied);
        QVERIFY(wb.actuals.imports.empty());
        QVERIFY(wb.actuals.mappings.empty());
        QCOMPARE(doc->undoStack()->count(), commands);
        return;
    }
    QVERIFY(applied);
    QCOMPARE(wb.actuals.imports.size(), std::size_t(1));
    QCOMPARE(wb.actuals.imports[0].rowsUsed, std::uint64_t(56));
    QVERIFY2(std::abs(totalCost(wb) - 16.50) < 1e-9, qPrintable(QString::number(totalCost(wb))));
    QCOMPARE(*wb.actuals.rateOf("EUR"), 1.10);
    QCOMPARE(wb.actuals.mappings.size(), std::size_t(1)); // nothing the dialog set was lost
    QCOMPARE(doc->undoStack()->count(), commands + 1);
}

void TestActualsWindow::customerRevenueTable()
{
    // January of tests/data/actuals/gui/README.md: acme 3.47, globex 0.135, initech 0.75.
    actuals::ImportOptions options;
    options.format = actuals::SourceFormat::MappedCsv;
    actuals::ColumnMapping m = guessMapping(
        {QStringLiteral("Day"), QStringLiteral("Model Name"), QStringLiteral("Prompt Tokens"),
         QStringLiteral("Cached Tokens"), QStringLiteral("Completion Tokens"),
         QStringLiteral("Calls"), QStringLiteral("Spend USD"), QStringLiteral("Feature"),
         QStringLiteral("Team"), QStringLiteral("Customer")});
    m.name = kMappingName.toStdString();
    options.mapping = m;
    QVERIFY(importNow(kGui + QStringLiteral("gateway-2026-01.csv"), options));
    Document *doc = m_window->document();
    QUndoStack *undo = doc->undoStack();
    actuals()->showAction()->setChecked(true);
    actuals()->refreshPage();
    ActualsPage *page = actuals()->page();
    page->tabs()->setCurrentIndex(ActualsPage::CustomerTab);
    CustomerRevenueEditor *editor = page->customerRevenueEditor();
    QVERIFY(editor);
    QCOMPARE(editor->table()->rowCount(), 0);
    QVERIFY(page->marginNote()->text().contains(QStringLiteral("Enter the revenue")));

    // Add: a row for the first customer without one (acme), revenue 0 -> acme flagged.
    const int before = undo->count();
    editor->addButton()->click();
    QCOMPARE(undo->count(), before + 1);
    QCOMPARE(doc->workbook().actuals.customerRevenue.size(), std::size_t(1));
    QCOMPARE(doc->workbook().actuals.customerRevenue[0].customer, std::string("acme"));
    actuals()->refreshPage();
    QCOMPARE(editor->table()->rowCount(), 1);
    // The revenue typed in the table: 3.00 (< 3.47, still flagged), one command.
    editor->table()
        ->item(0, CustomerRevenueEditor::RevenueColumn)
        ->setText(QLocale().toString(3.0, 'f', 2));
    QCOMPARE(undo->count(), before + 2);
    QCOMPARE(*doc->workbook().actuals.revenueOf("acme"), 3.0);
    QVERIFY(!doc->workbook().actuals.revenueOf("globex")); // no default: no margin known
    QCOMPARE(actuals::marginNegativeCustomers(doc->workbook()).size(), std::size_t(1));
    actuals()->refreshPage();
    QVERIFY(page->marginNote()->text().contains(QStringLiteral("1 customer")));
    // A bad figure is refused: nothing pushed, the table shows the old value again.
    editor->table()->item(0, CustomerRevenueEditor::RevenueColumn)->setText(QStringLiteral("-4"));
    QCOMPARE(undo->count(), before + 2);
    QCoreApplication::processEvents();
    QCOMPARE(editor->table()->item(0, CustomerRevenueEditor::RevenueColumn)->text(),
             QLocale().toString(3.0, 'f', 2));

    // A bad CSV changes nothing and says which line.
    QString told;
    std::function<void()> dismiss = [&] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box || box->objectName() != QLatin1String("revenueImportFailedBox")) {
            QTimer::singleShot(10, qApp, dismiss);
            return;
        }
        told = box->text();
        box->accept();
    };
    QTimer::singleShot(0, qApp, dismiss);
    const actuals::Actuals kept = doc->workbook().actuals;
    QVERIFY(!actuals()->importCustomerRevenue(kGui + QStringLiteral("customer-revenue-bad.csv")));
    QVERIFY2(told.contains(QStringLiteral("line 3")), qPrintable(told));
    QVERIFY(doc->workbook().actuals == kept);
    QCOMPARE(undo->count(), before + 2);

    // The good CSV: one command; acme 5 (3.47 under), globex 0.10 (0.135 over), initech 1.
    QVERIFY(actuals()->importCustomerRevenue(kGui + QStringLiteral("customer-revenue.csv")));
    QCOMPARE(undo->count(), before + 3);
    const actuals::Actuals &a = doc->workbook().actuals;
    QCOMPARE(a.customerRevenue.size(), std::size_t(3));
    QCOMPARE(*a.revenueOf("acme"), 5.0);
    QCOMPARE(*a.revenueOf("globex"), 0.10);
    QCOMPARE(*a.revenueOf("initech"), 1.0);
    const auto negative = actuals::marginNegativeCustomers(doc->workbook());
    QCOMPARE(negative.size(), std::size_t(1));
    QCOMPARE(negative[0].customer, std::string("globex"));
    QVERIFY(std::abs(negative[0].cost - 0.135) < 1e-12);
    actuals()->refreshPage();
    QCOMPARE(editor->table()->rowCount(), 3);
    // The breakdown shows each customer's revenue beside its cost.
    TableModel *model = page->breakdownModel(ActualsPage::ByCustomer);
    int revenueColumn = -1;
    for (int c = 0; c < model->columnCount(); ++c) {
        if (model->headerData(c, Qt::Horizontal, Qt::DisplayRole).toString()
            == QStringLiteral("Revenue / month"))
            revenueColumn = c;
    }
    QVERIFY(revenueColumn >= 0);
    bool sawGlobex = false;
    for (int r = 0; r < model->rowCount(); ++r) {
        if (model->index(r, 0).data().toString().contains(QStringLiteral("globex"))) {
            sawGlobex = true;
            QVERIFY(model->index(r, 0).data().toString().startsWith(QStringLiteral("⚠")));
            QCOMPARE(model->index(r, revenueColumn).data().toString(),
                     NumberFormat(QStringLiteral("USD")).money(0.10));
        }
    }
    QVERIFY(sawGlobex);

    // Remove globex's row, then undo everything back to no revenue.
    editor->table()->setCurrentCell(1, 0);
    editor->removeButton()->click();
    QCOMPARE(undo->count(), before + 4);
    QVERIFY(!doc->workbook().actuals.revenueOf("globex"));
    while (undo->count() > before && undo->canUndo() && undo->index() > before)
        undo->undo();
    QVERIFY(doc->workbook().actuals.customerRevenue.empty());
}

void TestActualsWindow::overlapAcrossFormatsExplains()
{
    // openai-usage.json (2027-01-20..21) then openai-costs.json (2027-01-20): the same spend, once
    // priced from tokens and once billed. The question says so; Replace leaves the costs (3.99).
    const QString data = QStringLiteral(ROI_SOURCE_DIR "/tests/data/actuals/");
    QVERIFY(importNow(data + QStringLiteral("openai-usage.json"), {}));
    QString asked;
    std::function<void()> answer = [&] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box || box->objectName() != QLatin1String("overlapBox")) {
            QTimer::singleShot(10, qApp, answer);
            return;
        }
        asked = box->text();
        box->findChild<QPushButton *>(QStringLiteral("replaceButton"))->click();
    };
    QTimer::singleShot(0, qApp, answer);
    QVERIFY(importNow(data + QStringLiteral("openai-costs.json"), {}));
    QVERIFY2(asked.contains(QStringLiteral("is a cost export")), qPrintable(asked));
    QVERIFY2(asked.contains(QStringLiteral("describe the same spend")), qPrintable(asked));
    QVERIFY2(asked.contains(QStringLiteral("openai-usage.json")), qPrintable(asked));
    const Workbook &wb = m_window->document()->workbook();
    QCOMPARE(wb.actuals.imports.size(), std::size_t(1));
    QCOMPARE(wb.actuals.imports[0].format, std::string("openai-costs"));
    QVERIFY(std::abs(totalCost(wb) - 3.99) < 1e-9);
}

void TestActualsWindow::overlapAsksTheUser_data()
{
    QTest::addColumn<QString>("button"); // what the user clicks in the question
    QTest::addColumn<int>("imports");
    QTest::addColumn<double>("cost");
    QTest::addColumn<int>("commands");
    // tests/data/actuals/gui/README.md: January 4.355, the corrected January 3.27.
    QTest::newRow("replace") << QStringLiteral("replaceButton") << 1 << 3.27 << 2;
    QTest::newRow("keep both") << QStringLiteral("keepButton") << 2 << 7.625 << 2;
    QTest::newRow("cancel") << QString() << 1 << 4.355 << 1;
}

void TestActualsWindow::overlapAsksTheUser()
{
    QFETCH(QString, button);
    QFETCH(int, imports);
    QFETCH(double, cost);
    QFETCH(int, commands);
    actuals::ImportOptions options;
    options.format = actuals::SourceFormat::MappedCsv;
    actuals::ColumnMapping m = guessMapping(
        {QStringLiteral("Day"), QStringLiteral("Model Name"), QStringLiteral("Prompt Tokens"),
         QStringLiteral("Cached Tokens"), QStringLiteral("Completion Tokens"),
         QStringLiteral("Calls"), QStringLiteral("Spend USD"), QStringLiteral("Feature"),
         QStringLiteral("Team"), QStringLiteral("Customer")});
    m.name = kMappingName.toStdString();
    options.mapping = m;
    QVERIFY(importNow(kGui + QStringLiteral("gateway-2026-01.csv"), options));

    QString asked;
    std::function<void()> answer = [&] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box || box->objectName() != QLatin1String("overlapBox")) {
            QTimer::singleShot(10, qApp, answer);
            return;
        }
        asked = box->text();
        if (button.isEmpty())
            box->button(QMessageBox::Cancel)->click();
        else
            box->findChild<QPushButton *>(button)->click();
    };
    QTimer::singleShot(0, qApp, answer);
    const bool applied = importNow(kGui + QStringLiteral("gateway-2026-01-corrected.csv"), options);
    QCOMPARE(applied, !button.isEmpty());
    QVERIFY(asked.contains(QStringLiteral("gateway-2026-01.csv")));
    const Workbook &wb = m_window->document()->workbook();
    QCOMPARE(static_cast<int>(wb.actuals.imports.size()), imports);
    QVERIFY2(std::abs(totalCost(wb) - cost) < 1e-9, qPrintable(QString::number(totalCost(wb))));
    QCOMPARE(m_window->document()->undoStack()->count(), commands);
}

void TestActualsWindow::droppedFileOpensTheDialog()
{
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(kGui + QStringLiteral("gateway-2026-01.csv"))});
    QDragEnterEvent enter(QPoint(200, 200), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    enter.setAccepted(false);
    QCoreApplication::sendEvent(m_window, &enter);
    QVERIFY(enter.isAccepted());
    QString seen;
    onNextDialog([&](ImportActualsDialog *d) {
        seen = d->path();
        d->reject();
    });
    QDropEvent drop(QPointF(200, 200), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(m_window, &drop);
    QTRY_COMPARE(seen, kGui + QStringLiteral("gateway-2026-01.csv"));
    // Declined: nothing imported.
    QVERIFY(m_window->document()->workbook().actuals.imports.empty());
    QCOMPARE(m_window->document()->undoStack()->count(), 0);
}

void TestActualsWindow::rulesEditIsOneCommand()
{
    Document *doc = m_window->document();
    QVERIFY(
        m_window->openFile(QStringLiteral(ROI_SOURCE_DIR "/resources/examples/portfolio.roiwb")));
    const int commands = doc->undoStack()->count();
    const std::size_t before = doc->workbook().actuals.rules.size(); // the example's rules
    actuals()->showAction()->setChecked(true);
    AttributionRulesEditor *rules = actuals()->page()->rulesEditor();
    QVERIFY(rules->addButton()->isEnabled());
    rules->addButton()->click();
    QCOMPARE(doc->undoStack()->count(), commands + 1);
    QCOMPARE(doc->workbook().actuals.rules.size(), before + 1);
    const int row = static_cast<int>(before);
    QCOMPARE(doc->workbook().actuals.rules[before].feature, std::string("*"));
    // Typing a pattern is one more command.
    rules->table()
        ->item(row, AttributionRulesEditor::FeatureColumn)
        ->setText(QStringLiteral("support-*"));
    QCOMPARE(doc->undoStack()->count(), commands + 2);
    QCOMPARE(doc->workbook().actuals.rules[before].feature, std::string("support-*"));
    // Moving it up one place is one command too; undo puts it back.
    rules->table()->setCurrentCell(row, AttributionRulesEditor::FeatureColumn);
    if (row > 0) {
        rules->upButton()->click();
        QCOMPARE(doc->undoStack()->count(), commands + 3);
        QCOMPARE(doc->workbook().actuals.rules[before - 1].feature, std::string("support-*"));
        doc->undoStack()->undo();
    }
    doc->undoStack()->undo();
    QCOMPARE(doc->workbook().actuals.rules[before].feature, std::string("*"));
    QCoreApplication::processEvents();
    QCOMPARE(rules->table()->item(row, AttributionRulesEditor::FeatureColumn)->text(),
             QStringLiteral("*"));
    doc->undoStack()->undo();
    QCOMPARE(doc->workbook().actuals.rules.size(), before);
}

/// The sample exports of every format (tests/data/actuals), imported into the open workbook,
/// with rules that give each feature to its use case.
void TestActualsWindow::importSamples()
{
    const QString data = QStringLiteral(ROI_SOURCE_DIR "/tests/data/actuals/");
    for (const char *file :
         {"focus-1.2.csv", "focus-1.3.csv.gz", "openai-usage.json", "anthropic-usage.json",
          "litellm-spendlogs.csv", "litellm-spendlogs.json"}) {
        QVERIFY2(importNow(data + QString::fromLatin1(file), {}), file);
    }
    actuals::ImportOptions gateway;
    gateway.format = actuals::SourceFormat::MappedCsv;
    gateway.mapping = gatewayMapping();
    QVERIFY(importNow(data + QStringLiteral("gateway-export.csv"), gateway));
    std::vector<actuals::AttributionRule> rules(3);
    rules[0].feature = "support-*";
    rules[0].useCase = "Support assistant";
    rules[1].feature = "lead-qualification";
    rules[1].useCase = "Lead qualification";
    rules[2].feature = "contract-review";
    rules[2].useCase = "Contract review";
    setAttributionRules(*m_window->document(), rules, QStringLiteral("Rules"));
}

bool TestActualsWindow::importNow(const QString &path, const actuals::ImportOptions &options)
{
    QSignalSpy done(actuals(), &ActualsController::importFinished);
    if (!actuals()->startImport(path, options, options.mapping))
        return false;
    if (!done.wait(20000))
        return false;
    if (!done.first().at(0).toBool())
        qWarning() << done.first().at(1).toString();
    return done.first().at(0).toBool();
}

actuals::ColumnMapping TestActualsWindow::gatewayMapping()
{
    // tests/data/actuals/README.md, gateway-export.csv.
    actuals::ColumnMapping m;
    m.name = "Gateway (cents)";
    m.date = "Day";
    m.model = "Model";
    m.provider = "Vendor";
    m.uncachedInput = "Input";
    m.cacheReadInput = "Cached";
    m.outputTokens = "Output";
    m.requests = "Calls";
    m.cost = "Cost (cents)";
    m.currency = "Currency";
    m.feature = "Use case";
    m.team = "Team";
    m.customer = "Client";
    m.tags = "Labels";
    m.outcomes = "Deals closed";
    m.dateFormat = "DD/MM/YYYY";
    m.costInCents = true;
    m.delimiter = ';';
    m.inputIncludesCached = true;
    return m;
}

void TestActualsWindow::pageShowsTheCommandLineTotals_data()
{
    QTest::addColumn<QString>("by");
    QTest::addColumn<int>("breakdown"); // -1: the model report (the monthly chart)
    QTest::newRow("use-case") << QStringLiteral("use-case") << int(ActualsPage::ByUseCase);
    QTest::newRow("feature") << QStringLiteral("feature") << int(ActualsPage::ByFeature);
    QTest::newRow("team") << QStringLiteral("team") << int(ActualsPage::ByTeam);
    QTest::newRow("customer") << QStringLiteral("customer") << int(ActualsPage::ByCustomer);
}

void TestActualsWindow::pageShowsTheCommandLineTotals()
{
    QFETCH(QString, by);
    QFETCH(int, breakdown);
    QVERIFY(
        m_window->openFile(QStringLiteral(ROI_SOURCE_DIR "/resources/examples/portfolio.roiwb")));
    importSamples();
    Document *doc = m_window->document();
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString file = dir.filePath(QStringLiteral("actuals.roiwb"));
    QString error;
    QVERIFY2(doc->saveAs(file, &error), qPrintable(error));
    actuals()->showAction()->setChecked(true);
    actuals()->refreshPage();
    ActualsPage *page = actuals()->page();
    QVERIFY(!page->isEmptyState());

    QProcess cli;
    cli.start(QStringLiteral(ROI_WORKBENCH_BIN),
              {QStringLiteral("actuals"), file, QStringLiteral("--by"), by,
               QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY(cli.waitForFinished(30000));
    QCOMPARE(cli.exitCode(), 0);
    const QJsonObject json = QJsonDocument::fromJson(cli.readAllStandardOutput()).object();
    QVERIFY(!json.isEmpty());

    // The tiles: total and coverage as the command prints them.
    const NumberFormat fmt(QStringLiteral("USD"));
    const double total =
        json[QStringLiteral("total")].toObject()[QStringLiteral("cost")].toDouble();
    QVERIFY(total > 0);
    QCOMPARE(page->totalTile()->value(), fmt.money(total));
    QCOMPARE(page->coverageTile()->value(),
             fmt.percent(json[QStringLiteral("coverage")].toDouble()));

    // Every row of the command's table is a row of the page's, with the same cost.
    TableModel *model = page->breakdownModel(static_cast<ActualsPage::Breakdown>(breakdown));
    const QJsonArray rows = json[QStringLiteral("rows")].toArray();
    QCOMPARE(model->rowCount(), rows.size());
    double sum = 0;
    for (const QJsonValue &v : rows) {
        const QJsonObject row = v.toObject();
        const QString key = row[QStringLiteral("key")].toString();
        const double cost =
            row[QStringLiteral("total")].toObject()[QStringLiteral("cost")].toDouble();
        int found = -1;
        for (int r = 0; r < model->rowCount(); ++r) {
            if (model->cell(r, 0).sortKey.toString() == key)
                found = r;
        }
        QVERIFY2(found >= 0, qPrintable(key));
        QVERIFY2(std::abs(model->cell(found, 1).sortKey.toDouble() - cost) < 1e-9, qPrintable(key));
        QCOMPARE(model->cell(found, 1).text, fmt.money(cost));
        sum += cost;
    }
    QVERIFY(std::abs(sum - total) < 1e-9);
}

void TestActualsWindow::screenshots()
{
    // The page after importing the samples into the portfolio example, and the dialog on the
    // gateway CSV with its mapping; written for the README when ROI_SCREENSHOT_DIR is set.
    QVERIFY(
        m_window->openFile(QStringLiteral(ROI_SOURCE_DIR "/resources/examples/portfolio.roiwb")));
    importSamples();
    setRevenuePerCustomer(*m_window->document(), 5.0);
    m_window->resize(1280, 800);
    actuals()->showAction()->setChecked(true);
    actuals()->refreshPage();
    ActualsPage *page = actuals()->page();
    QVERIFY(!page->isEmptyState());
    const QByteArray dir = qgetenv("ROI_SCREENSHOT_DIR");
    const QString out = QString::fromLocal8Bit(dir);
    auto save = [&](QWidget *w, const QString &name) {
        QCoreApplication::processEvents();
        const QPixmap shot = w->grab();
        QVERIFY(!shot.isNull());
        if (!dir.isEmpty())
            QVERIFY(shot.save(out + QLatin1Char('/') + name));
    };
    page->tabs()->setCurrentIndex(ActualsPage::MonthTab);
    save(m_window, QStringLiteral("actuals.png"));
    page->tabs()->setCurrentIndex(ActualsPage::CustomerTab);
    save(m_window, QStringLiteral("actuals-customers.png"));
    QVERIFY(page->marginNote()->text().contains(QStringLiteral("cost more than")));
    page->tabs()->setCurrentIndex(ActualsPage::RulesTab);
    save(m_window, QStringLiteral("actuals-rules.png"));

    ImportActualsDialog dialog(
        QStringLiteral(ROI_SOURCE_DIR "/tests/data/actuals/gateway-export.csv"),
        m_window->document()->workbook().actuals.mappings, QStringLiteral("USD"), m_window);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QCOMPARE(dialog.format(), actuals::SourceFormat::MappedCsv);
    QCOMPARE(dialog.mappingNameEdit()->text(), QStringLiteral("Gateway (cents)"));
    dialog.refreshPreview();
    QCOMPARE(dialog.preview().records.size(), std::size_t(3));
    save(&dialog, QStringLiteral("actuals-import-dialog.png"));
    dialog.reject();
}

QTEST_MAIN(TestActualsWindow)
#include "tst_actualswindow.moc"
