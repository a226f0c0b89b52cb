// The window driven through its widgets: typing into forms recomputes the tiles and charts, undo
// and redo restore both; layers and drivers are added, removed and reordered; bad entries are
// refused at the field; the comparison view lists and ranks every use case.
#include "mainwindow.h"

#include "casehealthpanel.h"
#include "chartview.h"
#include "comparisonview.h"
#include "costlayerspane.h"
#include "document.h"
#include "exportdialog.h"
#include "fieldform.h"
#include "kpitile.h"
#include "numberformat.h"
#include "resultspanel.h"
#include "settingseditor.h"
#include "usecaseeditor.h"
#include "valuedriverspane.h"
#include "workbookfile.h"

#include <QApplication>
#include <QDockWidget>
#include <QDropEvent>
#include <QFile>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>
#include <QUndoStack>

#include <cmath>

using namespace roi;

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void typingVolumeRecomputesAndUndoRestores();
    void invalidEntriesAreRefused_data();
    void invalidEntriesAreRefused();
    void minusSignRefusedWhereNegativeIsIllegal();
    void addRemoveReorderLayers();
    void addRemoveReorderDrivers();
    void layerTypeChangesTheForm();
    void comparisonListsAndSorts();
    void caseHealthNavigatesToInput();
    void scenarioSwitcherChangesTiles();
    void openExampleIsUntitled();
    void exportFromTheWindow();
    void exportMenuPicksTheFormat();
    void dropOpensWorkbook();
    void newWorkbookHasThePriceBook();
    void recentFilesReopen();
    void unsavedChangesPrompt();
    void layoutIsRemembered();
    void pagesBuiltOnFirstShowAreCurrent();
    void screenshots();

private:
    void openExample(const char *name);
    NumberField *baselineField(const char *key);
    QVector<double> cumulativeNet();
    QString copyExample(const QTemporaryDir &dir, const char *name);
    void answerNextMessageBox(QMessageBox::StandardButton button, QString *text);

    MainWindow *m_window = nullptr;
};

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("roi-workbench-test"));
}

void TestMainWindow::init()
{
    m_window = new MainWindow;
    m_window->resize(1280, 800);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
}

void TestMainWindow::cleanup()
{
    // Leave without the unsaved-changes prompt.
    m_window->document()->undoStack()->setClean();
    delete m_window;
    m_window = nullptr;
}

void TestMainWindow::openExample(const char *name)
{
    QVERIFY(m_window->openFile(QStringLiteral(ROI_SOURCE_DIR "/resources/examples/")
                               + QLatin1String(name)));
    m_window->navigator()->selectUseCase(0);
    QCOMPARE(m_window->useCaseEditor()->index(), 0);
}

NumberField *TestMainWindow::baselineField(const char *key)
{
    return m_window->useCaseEditor()->baselineForm()->field(key);
}

QVector<double> TestMainWindow::cumulativeNet()
{
    ChartView *chart = m_window->results()->chart(ChartKind::CumulativeNet);
    QVector<double> values;
    for (int g = 0; g < chart->graphCount(); ++g) {
        if (chart->graph(g)->name() != QLatin1String("Base"))
            continue;
        for (auto it = chart->graph(g)->data()->constBegin();
             it != chart->graph(g)->data()->constEnd(); ++it)
            values << it->value;
    }
    return values;
}

// The baseline volume of the first use case in the file at `path`, -1 when it does not read.
static double volumeOnDisk(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray bytes = file.readAll();
    const LoadResult r = readWorkbook(std::string_view(bytes.constData(), bytes.size()));
    return r.ok() && !r.workbook->useCases.empty() ? r.workbook->useCases[0].baseline.volume : -1;
}

QString TestMainWindow::copyExample(const QTemporaryDir &dir, const char *name)
{
    const QString path = dir.filePath(QLatin1String(name));
    if (!QFile::copy(QStringLiteral(ROI_SOURCE_DIR "/resources/examples/") + QLatin1String(name),
                     path))
        return {};
    return path;
}

// Clicks `button` in the next modal message box as soon as it shows, and keeps its text.
void TestMainWindow::answerNextMessageBox(QMessageBox::StandardButton button, QString *text)
{
    auto *timer = new QTimer(m_window);
    timer->setInterval(10);
    connect(timer, &QTimer::timeout, m_window, [timer, button, text] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box)
            return;
        *text = box->text();
        timer->stop();
        timer->deleteLater();
        box->button(button)->click();
    });
    timer->start();
}

void TestMainWindow::typingVolumeRecomputesAndUndoRestores()
{
    openExample("support-assistant.roiwb");
    KpiTile *tco = m_window->results()->tile(ResultsPanel::TcoTile);
    const QString tcoBefore = tco->value();
    const QString rangeBefore = tco->range();
    const QVector<double> chartBefore = cumulativeNet();
    QVERIFY(!chartBefore.isEmpty());
    QVERIFY2(rangeBefore.contains(QStringLiteral("5,038")), qPrintable(rangeBefore));

    NumberField *volume = baselineField("volume");
    volume->setFocus();
    volume->selectAll();
    QTest::keyClicks(volume, QStringLiteral("100000"));
    QCOMPARE(m_window->document()->workbook().useCases[0].baseline.volume, 100000.0);
    // One command for the whole typed number.
    QCOMPARE(m_window->document()->undoStack()->count(), 1);
    // Twice the volume: tokens $875 and review $2,400 make a run rate of $6,675 a month.
    QVERIFY2(tco->range().contains(QStringLiteral("6,675")), qPrintable(tco->range()));
    QVERIFY(tco->value() != tcoBefore || tco->range() != rangeBefore);
    const QVector<double> chartAfter = cumulativeNet();
    QVERIFY(chartAfter != chartBefore);

    m_window->document()->undoStack()->undo();
    QCOMPARE(m_window->document()->workbook().useCases[0].baseline.volume, 50000.0);
    QCOMPARE(tco->value(), tcoBefore);
    QCOMPARE(tco->range(), rangeBefore);
    QCOMPARE(cumulativeNet(), chartBefore);
    QCOMPARE(volume->text(), QStringLiteral("50,000"));

    m_window->document()->undoStack()->redo();
    QVERIFY(tco->range().contains(QStringLiteral("6,675")));
    QCOMPARE(cumulativeNet(), chartAfter);
    QCOMPARE(volume->text(), QStringLiteral("100,000"));
}

void TestMainWindow::invalidEntriesAreRefused_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("hint");
    QTest::newRow("letters") << QStringLiteral("volume") << QStringLiteral("abc") << QString();
    QTest::newRow("negative volume")
        << QStringLiteral("volume") << QStringLiteral("-") << QString();
    QTest::newRow("share above 100%")
        << QStringLiteral("errorRate") << QStringLiteral("150") << QStringLiteral("at most 100");
    QTest::newRow("too large") << QStringLiteral("volume") << QStringLiteral("1e20")
                               << QStringLiteral("at most");
}

void TestMainWindow::invalidEntriesAreRefused()
{
    QFETCH(QString, key);
    QFETCH(QString, typed);
    QFETCH(QString, hint);
    openExample("support-assistant.roiwb");
    const Workbook before = m_window->document()->workbook();
    NumberField *field = baselineField(key.toLatin1().constData());
    QVERIFY(field);
    field->setFocus();
    field->selectAll();
    QTest::keyClicks(field, typed);
    // The field says what is wrong, and the model never holds the refused value (legal
    // prefixes such as 1% and 15% on the way to 150% may pass through while typing).
    if (!hint.isEmpty()) {
        QVERIFY2(field->problem().contains(hint), qPrintable(field->problem()));
        const Baseline &b = m_window->document()->workbook().useCases[0].baseline;
        QVERIFY(b.errorRate <= 1.0);
        QVERIFY(b.volume <= 1e13);
    } else {
        QVERIFY(m_window->document()->workbook() == before);
    }
    // Leaving the field takes the whole entry back: the model is as before and nothing is
    // left to undo.
    m_window->navigator()->tree()->setFocus();
    QCOMPARE(m_window->document()->undoStack()->count(), 0);
    QVERIFY(field->problem().isEmpty());
    QCOMPARE(field->text(), field->display(field->value()));
    QVERIFY(m_window->document()->workbook() == before);
}

void TestMainWindow::minusSignRefusedWhereNegativeIsIllegal()
{
    openExample("support-assistant.roiwb");
    NumberField *volume = baselineField("volume");
    volume->setFocus();
    volume->selectAll();
    QTest::keyClicks(volume, QStringLiteral("-5"));
    // The minus never reaches the field: only the 5 does.
    QCOMPARE(volume->text(), QStringLiteral("5"));
    QCOMPARE(m_window->document()->workbook().useCases[0].baseline.volume, 5.0);
    // Where negatives are legal (a conversion lift can be negative) the sign is accepted.
    m_window->useCaseEditor()->setCurrentIndex(UseCaseEditor::ValueTab);
    ValueDriversPane *pane = m_window->useCaseEditor()->value();
    pane->selectDriver(2); // Fewer escalations: error-rate reduction, range -100%..100%
    NumberField *reduction = pane->fields()->field("errorReduction");
    QVERIFY(reduction);
    reduction->setFocus();
    reduction->selectAll();
    QTest::keyClicks(reduction, QStringLiteral("-1"));
    QCOMPARE(m_window->document()->workbook().useCases[0].drivers[2].errorReduction, -0.01);
}

void TestMainWindow::addRemoveReorderLayers()
{
    openExample("support-assistant.roiwb");
    UseCaseEditor *editor = m_window->useCaseEditor();
    editor->setCurrentIndex(UseCaseEditor::CostsTab);
    CostLayersPane *pane = editor->costs();
    const auto layers = [&] {
        return m_window->document()->workbook().useCases[0].layers;
    };
    const std::size_t n = layers().size();
    QCOMPARE(pane->table()->model()->rowCount(), static_cast<int>(n));

    // Add a per-unit layer through the Add menu.
    auto *add = pane->findChild<QToolButton *>(QStringLiteral("addLayer"));
    QVERIFY(add && add->menu());
    QAction *perUnit = nullptr;
    for (QAction *a : add->menu()->actions()) {
        if (a->text() == QLatin1String("Per unit"))
            perUnit = a;
    }
    QVERIFY(perUnit);
    pane->selectLayer(static_cast<int>(n) - 1);
    perUnit->trigger();
    QCOMPARE(layers().size(), n + 1);
    QCOMPARE(layers().back().type, LayerType::PerUnit);
    QCOMPARE(pane->table()->model()->rowCount(), static_cast<int>(n + 1));
    // Its form shows the per-unit fields only.
    QVERIFY(pane->fields()->field("unitCost"));
    QVERIFY(!pane->fields()->field("inputTokens"));
    // Type a unit cost: TCO goes up.
    const double tco = m_window->document()->results().at(0, 0).kpis.tco;
    NumberField *unitCost = pane->fields()->field("unitCost");
    unitCost->setFocus();
    unitCost->selectAll();
    QTest::keyClicks(unitCost, QStringLiteral("0.02"));
    QCOMPARE(layers().back().unitCost, 0.02);
    QVERIFY(m_window->document()->results().at(0, 0).kpis.tco > tco);

    // Reorder: move the first layer down.
    const std::string first = layers()[0].name;
    const std::string second = layers()[1].name;
    pane->selectLayer(0);
    QTest::mouseClick(pane->findChild<QToolButton *>(QStringLiteral("layerDown")), Qt::LeftButton);
    QCOMPARE(layers()[0].name, second);
    QCOMPARE(layers()[1].name, first);
    QCOMPARE(pane->currentLayer(), 1);

    // Remove it.
    QTest::mouseClick(pane->findChild<QToolButton *>(QStringLiteral("removeLayer")),
                      Qt::LeftButton);
    QCOMPARE(layers().size(), n);
    const auto remaining = layers(); // one copy: both iterators must come from it
    QVERIFY(std::none_of(remaining.begin(), remaining.end(),
                         [&](const CostLayer &l) { return l.name == first; }));
    // Every step undoes.
    QUndoStack *stack = m_window->document()->undoStack();
    while (stack->canUndo())
        stack->undo();
    QCOMPARE(layers().size(), n);
    QCOMPARE(layers()[0].name, first);
}

void TestMainWindow::addRemoveReorderDrivers()
{
    openExample("support-assistant.roiwb");
    UseCaseEditor *editor = m_window->useCaseEditor();
    editor->setCurrentIndex(UseCaseEditor::ValueTab);
    ValueDriversPane *pane = editor->value();
    const auto drivers = [&] {
        return m_window->document()->workbook().useCases[0].drivers;
    };
    const std::size_t n = drivers().size();
    auto *add = pane->findChild<QToolButton *>(QStringLiteral("addDriver"));
    QAction *revenue = nullptr;
    for (QAction *a : add->menu()->actions()) {
        if (a->text() == QLatin1String("Revenue uplift"))
            revenue = a;
    }
    QVERIFY(revenue);
    revenue->trigger();
    QCOMPARE(drivers().size(), n + 1);
    const int added = pane->currentDriver();
    QCOMPARE(drivers()[static_cast<std::size_t>(added)].kind, DriverKind::RevenueUplift);
    QCOMPARE(drivers()[static_cast<std::size_t>(added)].term, NumeratorTerm::Revenue);
    // Give it value: hard benefit rises.
    const double hard = m_window->document()->results().at(0, 0).kpis.hardBenefit;
    for (const char *key : {"conversionLift", "valuePerConversion"}) {
        NumberField *f = pane->fields()->field(key);
        QVERIFY(f);
        f->setFocus();
        f->selectAll();
        QTest::keyClicks(f, QLatin1String(key) == QLatin1String("conversionLift")
                                ? QStringLiteral("1")
                                : QStringLiteral("50"));
    }
    QCOMPARE(drivers()[static_cast<std::size_t>(added)].conversionLift, 0.01);
    QVERIFY(m_window->document()->results().at(0, 0).kpis.hardBenefit > hard);

    const std::string firstName = drivers()[0].name;
    pane->selectDriver(0);
    QTest::mouseClick(pane->findChild<QToolButton *>(QStringLiteral("driverDown")), Qt::LeftButton);
    QCOMPARE(drivers()[1].name, firstName);
    pane->selectDriver(1);
    QTest::mouseClick(pane->findChild<QToolButton *>(QStringLiteral("removeDriver")),
                      Qt::LeftButton);
    QCOMPARE(drivers().size(), n);
    const auto remainingDrivers = drivers(); // one copy: both iterators must come from it
    QVERIFY(std::none_of(remainingDrivers.begin(), remainingDrivers.end(),
                         [&](const ValueDriver &d) { return d.name == firstName; }));
}

void TestMainWindow::layerTypeChangesTheForm()
{
    openExample("support-assistant.roiwb");
    CostLayersPane *pane = m_window->useCaseEditor()->costs();
    pane->selectLayer(1); // Retrieval & hosting, fixed monthly
    QVERIFY(pane->fields()->field("amount"));
    auto *type = pane->findChild<QComboBox *>(QStringLiteral("layerType"));
    type->setCurrentIndex(type->findData(static_cast<int>(LayerType::Staff)));
    QCOMPARE(m_window->document()->workbook().useCases[0].layers[1].type, LayerType::Staff);
    QVERIFY(pane->fields()->field("fte"));
    QVERIFY(!pane->fields()->field("amount"));
}

void TestMainWindow::comparisonListsAndSorts()
{
    openExample("portfolio.roiwb");
    m_window->compareAction()->trigger();
    ComparisonView *view = m_window->comparison();
    QVERIFY(view->isVisible());
    QTableView *table = view->table();
    QCOMPARE(table->model()->rowCount(), 3);
    QStringList names;
    for (int r = 0; r < 3; ++r)
        names << table->model()->index(r, ComparisonView::NameColumn).data().toString();
    names.sort();
    QCOMPARE(names,
             (QStringList{QStringLiteral("Contract review"), QStringLiteral("Lead qualification"),
                          QStringLiteral("Support assistant")}));
    for (int column = ComparisonView::RoiColumn; column < ComparisonView::ColumnCount; ++column) {
        for (Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
            table->sortByColumn(column, order);
            for (int r = 1; r < 3; ++r) {
                const double a =
                    table->model()->index(r - 1, column).data(Qt::UserRole + 1).toDouble();
                const double b = table->model()->index(r, column).data(Qt::UserRole + 1).toDouble();
                QVERIFY2(order == Qt::AscendingOrder ? a <= b : a >= b,
                         qPrintable(QStringLiteral("column %1 row %2").arg(column).arg(r)));
            }
        }
    }
    // NPV descending puts the support assistant first: it has the largest NPV.
    table->sortByColumn(ComparisonView::NpvColumn, Qt::DescendingOrder);
    QCOMPARE(table->model()->index(0, 0).data().toString(), QStringLiteral("Support assistant"));
    // Activating a row opens that use case.
    table->setCurrentIndex(table->model()->index(2, 0));
    const QString last = table->model()->index(2, 0).data().toString();
    emit table->activated(table->model()->index(2, 0));
    QVERIFY(!m_window->compareAction()->isChecked());
    const int opened = m_window->useCaseEditor()->index();
    QCOMPARE(QString::fromStdString(
                 m_window->document()->workbook().useCases[static_cast<std::size_t>(opened)].name),
             last);
}

void TestMainWindow::caseHealthNavigatesToInput()
{
    openExample("support-assistant.roiwb");
    // Date the baseline after go-live: the check appears; clicking it focuses the date field.
    UseCase uc = m_window->document()->workbook().useCases[0];
    uc.baseline.capturedOn = Date{2027, 6, 1};
    m_window->document()->setUseCase(0, uc, QStringLiteral("Redate"));
    // The window computes the scenario on screen first; the model checks (which compare
    // scenarios) come with the other scenarios on the next turn of the event loop.
    QTRY_VERIFY(m_window->document()->resultsComplete());
    QListWidget *list = m_window->caseHealth()->list();
    QListWidgetItem *flag = nullptr;
    for (int i = 0; i < list->count(); ++i) {
        if (list->item(i)->text().contains(QStringLiteral("reconstructed after launch")))
            flag = list->item(i);
    }
    QVERIFY(flag);
    m_window->useCaseEditor()->setCurrentIndex(UseCaseEditor::CostsTab);
    emit list->itemClicked(flag);
    QCOMPARE(m_window->useCaseEditor()->currentIndex(), int(UseCaseEditor::BaselineTab));
    QVERIFY(QApplication::focusWidget());
    QCOMPARE(QApplication::focusWidget()->objectName(), QStringLiteral("capturedOn"));
}

void TestMainWindow::scenarioSwitcherChangesTiles()
{
    openExample("support-assistant.roiwb");
    KpiTile *npv = m_window->results()->tile(ResultsPanel::NpvTile);
    const QString base = npv->value();
    m_window->scenarioSwitcher()->setCurrentIndex(2); // Worst
    QCOMPARE(m_window->currentScenario(), 2);
    QVERIFY(npv->value() != base);
    m_window->scenarioSwitcher()->setCurrentIndex(0);
    QCOMPARE(npv->value(), base);
    // Every tile gives its worst–best range; hard value (cashable, after the risk discount) from
    // $718k (Worst, 717,823 by the engine) to $913k (Best, 913,316).
    for (int t = 0; t < ResultsPanel::TileCount; ++t) {
        KpiTile *tile = m_window->results()->tile(ResultsPanel::TileId(t));
        QVERIFY2(tile->range().contains(QStringLiteral("range ")), qPrintable(tile->range()));
    }
    const Results &res = m_window->document()->results();
    QVERIFY(std::abs(res.at(0, 2).kpis.hardBenefit - 717823.0) < 1.0);
    QVERIFY(std::abs(res.at(0, 1).kpis.hardBenefit - 913316.0) < 1.0);
    const QString hard = m_window->results()->tile(ResultsPanel::HardSoftTile)->range();
    QVERIFY2(hard.contains(QStringLiteral("$718k")) && hard.contains(QStringLiteral("$913k")),
             qPrintable(hard));
}

void TestMainWindow::openExampleIsUntitled()
{
    // File → Open Example lists the bundled examples and opens one as a new workbook.
    QMenu *examples = nullptr;
    for (QMenu *menu : m_window->findChildren<QMenu *>()) {
        if (menu->title() == QLatin1String("Open E&xample"))
            examples = menu;
    }
    QVERIFY(examples);
    QAction *portfolio = nullptr;
    for (QAction *a : examples->actions()) {
        if (a->text() == QLatin1String("Portfolio"))
            portfolio = a;
    }
    QVERIFY(portfolio);
    portfolio->trigger();
    QCOMPARE(m_window->document()->workbook().useCases.size(), std::size_t(3));
    QVERIFY(m_window->document()->filePath().isEmpty());
}

void TestMainWindow::exportFromTheWindow()
{
    openExample("support-assistant.roiwb");
    m_window->scenarioSwitcher()->setCurrentIndex(1); // Best
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("report.pdf"));
    int dialogScenario = -2;
    QTimer::singleShot(0, m_window, [&] {
        for (QWidget *w : QApplication::topLevelWidgets()) {
            if (auto *dialog = qobject_cast<ExportDialog *>(w)) {
                dialogScenario = dialog->scenario();
                dialog->setFormat(ReportFormat::Pdf);
                dialog->setOutputPath(out);
                dialog->accept();
            }
        }
    });
    QAction *exportAction = nullptr;
    for (QAction *a : m_window->findChildren<QAction *>()) {
        if (a->shortcut() == QKeySequence(Qt::CTRL | Qt::Key_E))
            exportAction = a;
    }
    QVERIFY(exportAction);
    exportAction->trigger();
    // The dialog starts on the scenario the window shows, and the export lands.
    QCOMPARE(dialogScenario, 1);
    QFile pdf(out);
    QVERIFY(pdf.open(QIODevice::ReadOnly));
    QCOMPARE(pdf.read(5), QByteArray("%PDF-"));
}

void TestMainWindow::exportMenuPicksTheFormat()
{
    openExample("support-assistant.roiwb");
    QMenu *exportMenu = nullptr;
    for (QAction *a : m_window->menuBar()->actions()) {
        if (a->text() == QLatin1String("E&xport"))
            exportMenu = a->menu();
    }
    QVERIFY(exportMenu);
    int formats = 0;
    for (ReportFormat format : kAllReportFormats) {
        QAction *item = nullptr;
        for (QAction *a : exportMenu->actions()) {
            if (a->text() == reportFormatLabel(format) + QStringLiteral("…"))
                item = a;
        }
        QVERIFY2(item, qPrintable(reportFormatLabel(format)));
        int shown = -1;
        QTimer::singleShot(0, m_window, [&] {
            for (QWidget *w : QApplication::topLevelWidgets()) {
                if (auto *dialog = qobject_cast<ExportDialog *>(w); dialog && dialog->isVisible()) {
                    shown = int(dialog->format());
                    dialog->reject();
                }
            }
        });
        item->trigger();
        QCOMPARE(shown, int(format));
        ++formats;
    }
    QCOMPARE(formats, 6);
}

void TestMainWindow::newWorkbookHasThePriceBook()
{
    openExample("support-assistant.roiwb");
    QAction *newAction = nullptr;
    QAction *addAction = nullptr;
    for (QAction *a : m_window->findChildren<QAction *>()) {
        if (a->shortcut() == QKeySequence(QKeySequence::New))
            newAction = a;
        if (a->shortcut() == QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N))
            addAction = a;
    }
    QVERIFY(newAction && addAction);
    newAction->trigger();
    // File → New: the default price book from resources/pricebook.json (found from the build
    // tree), this month as the start month.
    QFile file(QStringLiteral(ROI_SOURCE_DIR "/resources/pricebook.json"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    const PriceBookResult shipped =
        readPriceBook(std::string_view(bytes.constData(), bytes.size()));
    QVERIFY(shipped.ok());
    const Workbook &wb = m_window->document()->workbook();
    QVERIFY(wb.useCases.empty());
    QCOMPARE(wb.priceBook, *shipped.prices);
    QCOMPARE(wb.settings.startMonth.year, QDate::currentDate().year());
    QCOMPARE(wb.settings.startMonth.month, QDate::currentDate().month());
    // The first use case added prices its tokens with the first model: no missing price, and
    // the fresh prices are neither stale nor undated (what it still lacks is the user's: a
    // baseline volume).
    addAction->trigger();
    QApplication::processEvents();
    QCOMPARE(m_window->document()->workbook().useCases.size(), std::size_t(1));
    QCOMPARE(m_window->document()->workbook().useCases[0].layers[0].model,
             shipped.prices->front().model);
    for (const Finding &f : m_window->document()->results().findings) {
        QVERIFY2(f.code != "missing-price" && f.code != "undated-price"
                     && f.code != "output-priced-low",
                 f.message.c_str());
    }
}

void TestMainWindow::dropOpensWorkbook()
{
    QTemporaryDir dir;
    const QString path = copyExample(dir, "portfolio.roiwb");
    QVERIFY(!path.isEmpty());
    QFile text(dir.filePath(QStringLiteral("notes.txt")));
    QVERIFY(text.open(QIODevice::WriteOnly));
    text.close();

    // Something that is not a workbook is not taken.
    QMimeData other;
    other.setUrls({QUrl::fromLocalFile(text.fileName())});
    QDragEnterEvent refused(QPoint(200, 200), Qt::CopyAction, &other, Qt::LeftButton,
                            Qt::NoModifier);
    refused.setAccepted(false);
    QCoreApplication::sendEvent(m_window, &refused);
    QVERIFY(!refused.isAccepted());

    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(path)});
    QDragEnterEvent enter(QPoint(200, 200), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    enter.setAccepted(false);
    QCoreApplication::sendEvent(m_window, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(200, 200), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(m_window, &drop);
    QCOMPARE(QFileInfo(m_window->document()->filePath()), QFileInfo(path));
    QCOMPARE(m_window->document()->workbook().useCases.size(), std::size_t(3));
    QVERIFY(m_window->windowTitle().contains(QStringLiteral("portfolio")));
}

void TestMainWindow::recentFilesReopen()
{
    QTemporaryDir dir;
    const QString first = copyExample(dir, "portfolio.roiwb");
    const QString second = copyExample(dir, "support-assistant.roiwb");
    QVERIFY(m_window->openFile(first));
    QVERIFY(m_window->openFile(second));
    QMenu *recent = nullptr;
    for (QMenu *menu : m_window->findChildren<QMenu *>()) {
        if (menu->title() == QLatin1String("Open &Recent"))
            recent = menu;
    }
    QVERIFY(recent);
    // Newest first, each with its path on hover.
    const QList<QAction *> actions = recent->actions();
    QVERIFY(actions.size() >= 2);
    QCOMPARE(QFileInfo(actions[0]->toolTip()), QFileInfo(second));
    QCOMPARE(QFileInfo(actions[1]->toolTip()), QFileInfo(first));
    actions[1]->trigger();
    QCOMPARE(QFileInfo(m_window->document()->filePath()), QFileInfo(first));
    QCOMPARE(QFileInfo(recent->actions().at(0)->toolTip()), QFileInfo(first));
    // A file that has gone is left out of the menu.
    QVERIFY(QFile::remove(second));
    QVERIFY(m_window->openFile(first));
    for (QAction *a : recent->actions())
        QVERIFY(QFileInfo(a->toolTip()).absoluteFilePath() != QFileInfo(second).absoluteFilePath());
}

void TestMainWindow::unsavedChangesPrompt()
{
    QTemporaryDir dir;
    const QString path = copyExample(dir, "support-assistant.roiwb");
    QVERIFY(m_window->openFile(path));
    NumberField *volume = baselineField("volume");
    volume->setFocus();
    volume->selectAll();
    QTest::keyClicks(volume, QStringLiteral("60000"));
    QVERIFY(m_window->document()->isModified());
    QAction *newAction = nullptr;
    for (QAction *a : m_window->findChildren<QAction *>()) {
        if (a->shortcut() == QKeySequence(QKeySequence::New))
            newAction = a;
    }
    QVERIFY(newAction);

    // Cancel keeps the document and its edit.
    QString asked;
    answerNextMessageBox(QMessageBox::Cancel, &asked);
    newAction->trigger();
    QVERIFY2(asked.contains(QStringLiteral("support-assistant")), qPrintable(asked));
    QCOMPARE(m_window->document()->workbook().useCases[0].baseline.volume, 60000.0);
    QVERIFY(m_window->document()->isModified());

    // Save writes the edit, then the new workbook opens.
    answerNextMessageBox(QMessageBox::Save, &asked);
    newAction->trigger();
    QVERIFY(m_window->document()->filePath().isEmpty());
    QVERIFY(!m_window->document()->isModified());
    QCOMPARE(volumeOnDisk(path), 60000.0);

    // Discard drops the edit: the file keeps what was saved.
    QVERIFY(m_window->openFile(path));
    baselineField("volume")->setFocus();
    baselineField("volume")->selectAll();
    QTest::keyClicks(baselineField("volume"), QStringLiteral("70000"));
    answerNextMessageBox(QMessageBox::Discard, &asked);
    newAction->trigger();
    QVERIFY(m_window->document()->filePath().isEmpty());
    QCOMPARE(volumeOnDisk(path), 60000.0);
}

void TestMainWindow::layoutIsRemembered()
{
    auto *health = m_window->findChild<QDockWidget *>(QStringLiteral("healthDock"));
    auto *split = m_window->findChild<QSplitter *>(QStringLiteral("mainSplitter"));
    QVERIFY(health && split);
    QVERIFY(health->isVisible());
    health->hide();
    const int total = split->sizes().at(0) + split->sizes().at(1);
    split->setSizes({total / 3, total - total / 3});
    const QList<int> sizes = split->sizes();
    QVERIFY(m_window->close());

    MainWindow again;
    again.show();
    QVERIFY(QTest::qWaitForWindowExposed(&again));
    auto *health2 = again.findChild<QDockWidget *>(QStringLiteral("healthDock"));
    auto *split2 = again.findChild<QSplitter *>(QStringLiteral("mainSplitter"));
    QVERIFY(!health2->isVisible());
    QVERIFY2(std::abs(split2->sizes().at(0) - sizes.at(0)) <= 2,
             qPrintable(QStringLiteral("%1 vs %2").arg(split2->sizes().at(0)).arg(sizes.at(0))));
    QVERIFY(again.close());
    // The default layout again for the tests that follow.
    QSettings().remove(QStringLiteral("window"));
}

static QStringList comparisonNames(ComparisonView *view)
{
    QStringList names;
    for (int r = 0; r < view->table()->model()->rowCount(); ++r)
        names << view->table()->model()->index(r, ComparisonView::NameColumn).data().toString();
    return names;
}

void TestMainWindow::pagesBuiltOnFirstShowAreCurrent()
{
    // Compare and the settings page are built the first time they are shown, and a view is
    // refilled only when its input changed: each must show the workbook as it is by then.
    openExample("portfolio.roiwb");
    Document *doc = m_window->document();
    UseCase uc = doc->workbook().useCases[1];
    uc.name = "Renamed before Compare";
    doc->setUseCase(1, uc, QStringLiteral("Rename"));
    QTRY_VERIFY(doc->resultsComplete());
    m_window->compareAction()->trigger();
    ComparisonView *view = m_window->comparison();
    QVERIFY(view->isVisible());
    QVERIFY(comparisonNames(view).contains(QStringLiteral("Renamed before Compare")));
    // Off, an edit, on again: the rows follow the edit.
    m_window->compareAction()->trigger();
    QVERIFY(!view->isVisible());
    uc.name = "Renamed while hidden";
    doc->setUseCase(1, uc, QStringLiteral("Rename"));
    QTRY_VERIFY(doc->resultsComplete());
    m_window->compareAction()->trigger();
    QVERIFY(view->isVisible());
    const QStringList names = comparisonNames(view);
    QVERIFY(names.contains(QStringLiteral("Renamed while hidden")));
    QVERIFY(!names.contains(QStringLiteral("Renamed before Compare")));
    // Its NPV is the engine's for that use case.
    const QString npv = NumberFormat(QString::fromStdString(doc->workbook().settings.currency))
                            .money(doc->results().at(1, m_window->currentScenario()).kpis.npv, 0);
    const int row = static_cast<int>(names.indexOf(QStringLiteral("Renamed while hidden")));
    QCOMPARE(view->table()->model()->index(row, ComparisonView::NpvColumn).data().toString(), npv);
    m_window->compareAction()->trigger();

    // The settings page, first shown after the settings changed, shows the new name.
    Settings settings = doc->workbook().settings;
    settings.name = "Named before the page was shown";
    doc->setSettings(settings, QStringLiteral("Rename workbook"));
    m_window->navigator()->selectPage(UseCaseNavigator::Page::Settings);
    SettingsEditor *editor = m_window->settingsEditor();
    QVERIFY(editor->isVisible());
    bool shown = false;
    for (const QLineEdit *field : editor->findChildren<QLineEdit *>())
        shown = shown || field->text() == QStringLiteral("Named before the page was shown");
    QVERIFY(shown);
    // And back to a use case.
    m_window->navigator()->selectUseCase(0);
    QCOMPARE(m_window->useCaseEditor()->index(), 0);
}

void TestMainWindow::screenshots()
{
    // Writes the README screenshots when asked (ROI_SCREENSHOT_DIR); always checks the window
    // renders at both sizes.
    openExample("portfolio.roiwb");
    const QByteArray dir = qgetenv("ROI_SCREENSHOT_DIR");
    for (QSize size : {QSize(1280, 800), QSize(1920, 1080)}) {
        m_window->resize(size);
        QTest::qWait(50);
        const QPixmap shot = m_window->grab();
        QCOMPARE(shot.size(), size * shot.devicePixelRatio());
        if (!dir.isEmpty())
            QVERIFY(shot.save(
                QString::fromLocal8Bit(dir)
                + QStringLiteral("/window-%1x%2.png").arg(size.width()).arg(size.height())));
    }
    m_window->resize(1280, 800);
    for (int tab : {int(UseCaseEditor::CostsTab), int(UseCaseEditor::ValueTab),
                    int(UseCaseEditor::RiskRampTab), int(UseCaseEditor::ScorecardTab)}) {
        m_window->useCaseEditor()->setCurrentIndex(tab);
        QTest::qWait(30);
        if (!dir.isEmpty())
            QVERIFY(m_window->grab().save(QString::fromLocal8Bit(dir)
                                          + QStringLiteral("/tab-%1.png").arg(tab)));
    }
    for (auto page : {UseCaseNavigator::Page::Settings, UseCaseNavigator::Page::PriceBook,
                      UseCaseNavigator::Page::Scenarios, UseCaseNavigator::Page::Portfolio}) {
        m_window->navigator()->selectPage(page);
        if (page == UseCaseNavigator::Page::Scenarios) {
            // Worst has the most adjustments: the page at its fullest.
            auto *list = m_window->findChild<QListWidget *>(QStringLiteral("scenarioList"));
            QVERIFY(list);
            list->setCurrentRow(2);
        }
        QTest::qWait(30);
        if (!dir.isEmpty())
            QVERIFY(m_window->grab().save(QString::fromLocal8Bit(dir)
                                          + QStringLiteral("/page-%1.png").arg(int(page))));
    }
    m_window->navigator()->selectUseCase(0);
    for (QAction *a : m_window->findChildren<QAction *>()) {
        if (a->shortcut() == QKeySequence(Qt::Key_F5)) {
            a->trigger();
            QTest::qWait(30);
            if (!dir.isEmpty())
                QVERIFY(m_window->grab().save(QString::fromLocal8Bit(dir)
                                              + QStringLiteral("/present.png")));
            QVERIFY(m_window->statusBar()->currentMessage().contains(QStringLiteral("F5")));
            QVERIFY(!m_window->useCaseEditor()->isVisible());
            a->trigger();
            // Back to the inputs: the hint about leaving goes with the mode.
            QVERIFY(m_window->statusBar()->currentMessage().isEmpty());
            QVERIFY(m_window->useCaseEditor()->isVisible());
        }
    }
    m_window->resize(1920, 1080);
    m_window->compareAction()->trigger();
    QTest::qWait(50);
    if (!dir.isEmpty())
        QVERIFY(
            m_window->grab().save(QString::fromLocal8Bit(dir) + QStringLiteral("/compare.png")));
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
