#include "mainwindow.h"

#include "actualscontroller.h"
#include "analysiscontroller.h"
#include "document.h"
#include "export/memo.h"
#include "exportdialog.h"
#include "exportrunner.h"
#include "planactualcontroller.h"
#include "recovery.h"
#include "reportexporter.h"
#include "resourcelocator.h"
#include "sensitivitycontroller.h"
#include "snapshotdialog.h"
#include "templategallery.h"
#include "warehouse/warehousecontroller.h"

#include "actuals/actualspage.h"
#include "casehealthpanel.h"
#include "chartview.h"
#include "comparisonview.h"
#include "numberformat.h"
#include "pricebookeditor.h"
#include "resultspanel.h"
#include "scenarioeditor.h"
#include "settingseditor.h"
#include "usecaseeditor.h"

#include <QAction>
#include <QApplication>
#include <QBuffer>
#include <QCheckBox>
#include <QCloseEvent>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QImage>
#include <QImageReader>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QScreen>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>
#include <QUndoStack>
#include <QUndoView>
#include <QVBoxLayout>

namespace roi {

namespace {

constexpr int kMaxRecent = 8;
const QString kFileFilter = QStringLiteral("ROI Workbench files (*.roiwb);;All files (*)");

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_doc(new Document(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setAcceptDrops(true);
    setDockNestingEnabled(true);

    // The settings, price book and scenario pages, Compare, the Actuals page and the Plan vs
    // actual pane are built the first time they are shown: start-up builds (and lays out) only
    // what the first paint needs.
    m_useCaseEditor = new UseCaseEditor;
    m_portfolioPage = new QWidget;
    {
        auto *layout = new QVBoxLayout(m_portfolioPage);
        m_portfolioText = new QLabel(m_portfolioPage);
        m_portfolioText->setWordWrap(true);
        m_portfolioText->setTextFormat(Qt::RichText);
        m_portfolioText->setAlignment(Qt::AlignTop | Qt::AlignLeft);
        layout->addWidget(m_portfolioText);
        layout->addStretch(1);
    }
    m_inputs = new QStackedWidget;
    m_inputs->setObjectName(QStringLiteral("inputs"));
    m_inputs->addWidget(m_portfolioPage);
    m_inputs->addWidget(m_useCaseEditor);
    m_inputs->setMinimumWidth(420);
    m_results = new ResultsPanel;
    m_split = new QSplitter(Qt::Horizontal);
    m_split->setObjectName(QStringLiteral("mainSplitter"));
    m_split->addWidget(m_inputs);
    m_split->addWidget(m_results);
    m_split->setStretchFactor(0, 5);
    m_split->setStretchFactor(1, 6);
    m_split->setChildrenCollapsible(false);
    m_modes = new QStackedWidget;
    m_modes->addWidget(m_split);
    setCentralWidget(m_modes);

    createDocks();
    m_analysis = new AnalysisController(m_doc, this);
    m_actuals = new ActualsController(m_doc, this);
    connect(m_actuals, &ActualsController::pageCreated, this,
            [this](ActualsPage *page) { m_modes->addWidget(page); });
    m_planActual = new PlanActualController(m_doc, this);
    createActions();

    m_fileStatus = new QLabel(this);
    m_computeStatus = new QLabel(this);
    statusBar()->addWidget(m_fileStatus, 1);
    statusBar()->addPermanentWidget(m_computeStatus);

    // Editors → document commands.
    connect(m_useCaseEditor, &UseCaseEditor::edited, m_doc,
            [this](int index, const UseCase &uc, const QString &text, const QString &key) {
                m_doc->setUseCase(index, uc, text, key);
            });
    connect(m_navigator, &UseCaseNavigator::pageChanged, this, &MainWindow::showPage);
    connect(m_navigator, &UseCaseNavigator::addRequested, this, &MainWindow::addUseCase);
    connect(m_navigator, &UseCaseNavigator::duplicateRequested, this,
            &MainWindow::duplicateUseCase);
    connect(m_navigator, &UseCaseNavigator::removeRequested, this, &MainWindow::removeUseCase);
    connect(m_navigator, &UseCaseNavigator::renameRequested, this, &MainWindow::renameUseCase);
    connect(m_navigator, &UseCaseNavigator::moveRequested, m_doc, &Document::moveUseCase);
    connect(m_health, &CaseHealthPanel::navigate, this, &MainWindow::navigateTo);

    // Document → views.
    connect(m_doc, &Document::changed, this,
            [this](Change change, int useCase) { refresh(static_cast<int>(change), useCase); });
    // An edit computes the scenario on screen first; the others follow on the next turn.
    connect(m_doc, &Document::resultsCompleted, this, [this] {
        ++m_generation;
        refreshResults();
    });
    m_doc->setVisibleScenario(m_scenario);
    connect(m_doc, &Document::modifiedChanged, this, &MainWindow::updateTitle);
    connect(m_doc, &Document::filePathChanged, this, &MainWindow::updateTitle);
    connect(m_doc, &Document::autosaved, this, &MainWindow::updateStatus);
    connect(m_doc, &Document::autosaveFailed, this, [this](const QString &error) {
        statusBar()->showMessage(tr("Autosave failed: %1").arg(error), 10000);
    });

    QSettings settings;
    // The first size fits the screen the window opens on (a laptop's 1366 x 768 less its
    // panels, say); a saved geometry below replaces it.
    const QSize available = screen() ? screen()->availableGeometry().size() : QSize(1280, 800);
    resize(QSize(1280, 800).boundedTo(available * 0.95));
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    m_split->restoreState(settings.value(QStringLiteral("window/split")).toByteArray());

    // Start as File → New would, so that the first use case added has a model to price.
    m_doc->reset(Document::blankWorkbook());
    refresh(static_cast<int>(Change::Everything), -1);
    m_navigator->selectPage(UseCaseNavigator::Page::Portfolio);
    updateTitle();
}

MainWindow::~MainWindow() = default;

SettingsEditor *MainWindow::settingsEditor()
{
    if (!m_settingsEditor) {
        m_settingsEditor = new SettingsEditor;
        m_settingsEditor->setSettings(m_doc->workbook().settings);
        m_inputs->addWidget(m_settingsEditor);
        connect(m_settingsEditor, &SettingsEditor::edited, m_doc,
                [this](const Settings &s, const QString &text, const QString &key) {
                    m_doc->setSettings(s, text, key);
                });
        connect(m_settingsEditor, &SettingsEditor::logoRequested, this, &MainWindow::chooseLogo);
    }
    return m_settingsEditor;
}

PriceBookEditor *MainWindow::priceBookEditor()
{
    if (!m_priceEditor) {
        m_priceEditor = new PriceBookEditor;
        const Workbook &wb = m_doc->workbook();
        m_priceEditor->setPrices(
            wb.priceBook, NumberFormat(QString::fromStdString(wb.settings.currency)).prefix());
        m_inputs->addWidget(m_priceEditor);
        connect(m_priceEditor, &PriceBookEditor::edited, m_doc,
                [this](const std::vector<PriceEntry> &p, const QString &text, const QString &key) {
                    m_doc->setPriceBook(p, text, key);
                });
    }
    return m_priceEditor;
}

ScenarioEditor *MainWindow::scenarioEditor()
{
    if (!m_scenarioEditor) {
        m_scenarioEditor = new ScenarioEditor;
        m_scenarioEditor->setData(m_doc->workbook());
        m_inputs->addWidget(m_scenarioEditor);
        connect(m_scenarioEditor, &ScenarioEditor::edited, m_doc,
                [this](const std::vector<Scenario> &s, const QString &text, const QString &key) {
                    m_doc->setScenarios(s, text, key);
                });
    }
    return m_scenarioEditor;
}

ComparisonView *MainWindow::comparison()
{
    if (!m_comparison) {
        m_comparison = new ComparisonView;
        m_modes->addWidget(m_comparison);
        connect(m_comparison, &ComparisonView::useCaseActivated, this, [this](int index) {
            setCompare(false);
            m_navigator->selectUseCase(index);
        });
        // Right-click the chart to export it.
        m_comparison->chart()->setContextMenuPolicy(Qt::ActionsContextMenu);
        m_comparison->chart()->addAction(m_exportChartAction);
    }
    return m_comparison;
}

void MainWindow::createDocks()
{
    m_navigator = new UseCaseNavigator;
    m_navigatorDock = new QDockWidget(tr("Use cases"), this);
    m_navigatorDock->setObjectName(QStringLiteral("navigatorDock"));
    m_navigatorDock->setWidget(m_navigator);
    m_navigatorDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetClosable);
    addDockWidget(Qt::LeftDockWidgetArea, m_navigatorDock);

    m_health = new CaseHealthPanel;
    m_healthDock = new QDockWidget(tr("Case health"), this);
    m_healthDock->setObjectName(QStringLiteral("healthDock"));
    m_healthDock->setWidget(m_health);
    m_healthDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetClosable);
    addDockWidget(Qt::LeftDockWidgetArea, m_healthDock);
    splitDockWidget(m_navigatorDock, m_healthDock, Qt::Vertical);
    resizeDocks({m_navigatorDock}, {240}, Qt::Horizontal);

    m_undoView = new QUndoView(m_doc->undoStack());
    m_undoView->setEmptyLabel(tr("<opened>"));
    m_undoDock = new QDockWidget(tr("Undo history"), this);
    m_undoDock->setObjectName(QStringLiteral("undoDock"));
    m_undoDock->setWidget(m_undoView);
    addDockWidget(Qt::RightDockWidgetArea, m_undoDock);
    m_undoDock->hide();
}

void MainWindow::createActions()
{
    QUndoStack *stack = m_doc->undoStack();
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *newAction = file->addAction(tr("&New"), this, &MainWindow::newWorkbook);
    newAction->setShortcut(QKeySequence::New);
    file->addAction(tr("New from &Template…"), this, [this] {
        TemplateGallery gallery(readTemplates(templateFiles()), this);
        if (gallery.exec() == QDialog::Accepted && !gallery.selectedPath().isEmpty() && maybeSave())
            newFromTemplate(gallery.selectedPath());
    });
    QAction *openAction = file->addAction(tr("&Open…"), this, &MainWindow::open);
    openAction->setShortcut(QKeySequence::Open);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    m_examplesMenu = file->addMenu(tr("Open E&xample"));
    file->addSeparator();
    m_saveAction = file->addAction(tr("&Save"), this, &MainWindow::save);
    m_saveAction->setShortcut(QKeySequence::Save);
    QAction *saveAsAction = file->addAction(tr("Save &As…"), this, &MainWindow::saveAs);
    saveAsAction->setShortcut(QKeySequence::SaveAs);
    file->addSeparator();
    file->addAction(m_actuals->importAction());
    file->addAction((new WarehouseController(m_doc, this, m_actuals))->importAction()); // issue 13
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);
    updateRecentMenu();
    const QStringList examples = exampleFiles();
    for (const QString &path : examples) {
        QString title = QFileInfo(path).completeBaseName();
        title.replace(QLatin1Char('-'), QLatin1Char(' '));
        title[0] = title[0].toUpper();
        m_examplesMenu->addAction(title, this, [this, path] {
            if (maybeSave())
                openExample(path);
        });
    }
    if (examples.isEmpty())
        m_examplesMenu->addAction(tr("No examples installed"))->setEnabled(false);

    // Export: the report dialog on the format used last, or on one picked here; the chart on
    // screen as an image or vector file. The menu sits before Help.
    auto *exportMenu = new QMenu(tr("E&xport"), this);
    QAction *exportAction =
        exportMenu->addAction(tr("&Report…"), this, [this] { exportReport(std::nullopt); });
    exportAction->setIconText(tr("Export Report…"));
    exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    exportAction->setToolTip(tr("PDF or HTML report, CSV, Excel or JSON data (Ctrl+E)"));
    exportMenu->addSeparator();
    for (ReportFormat format : kAllReportFormats)
        exportMenu->addAction(tr("%1…").arg(reportFormatLabel(format)), this,
                              [this, format] { exportReport(format); });
    exportMenu->addSeparator();
    // The one-page decision memo (export/memo.h), on the scenario shown.
    exportMenu->addAction(tr("Decision &Memo (PDF)…"), this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Export Decision Memo"),
            QString::fromStdString(m_doc->workbook().settings.name) + tr(" memo.pdf"),
            tr("PDF document (*.pdf)"));
        if (path.isEmpty())
            return;
        MemoOptions options;
        options.scenario = m_scenario;
        QString error;
        if (!writeMemoPdf(m_doc->workbook(), m_doc->results(), options, path, &error))
            QMessageBox::warning(this, tr("Cannot export the memo"), error);
        else
            statusBar()->showMessage(tr("Wrote %1").arg(QDir::toNativeSeparators(path)), 6000);
    });
    m_exportChartAction =
        exportMenu->addAction(tr("&Chart on Screen…"), this, &MainWindow::exportChart);
    m_exportChartAction->setIconText(tr("Export Chart…"));
    m_exportChartAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *undo = stack->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction *redo = stack->createRedoAction(this, tr("&Redo"));
    redo->setShortcut(QKeySequence::Redo);
    edit->addAction(undo);
    edit->addAction(redo);
    edit->addSeparator();
    QAction *add = edit->addAction(tr("&Add Use Case"), this, &MainWindow::addUseCase);
    add->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    edit->addAction(tr("&Duplicate Use Case"), this,
                    [this] { duplicateUseCase(m_navigator->currentUseCase()); });
    QAction *rename =
        edit->addAction(tr("Re&name Use Case"), this, [this] { m_navigator->renameCurrent(); });
    rename->setShortcut(QKeySequence(Qt::Key_F2));
    QAction *remove = edit->addAction(tr("De&lete Use Case"), this,
                                      [this] { removeUseCase(m_navigator->currentUseCase()); });
    remove->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Delete));
    QAction *up = edit->addAction(tr("Move Use Case &Up"), this, [this] {
        const int i = m_navigator->currentUseCase();
        if (i > 0) {
            m_doc->moveUseCase(i, i - 1);
            m_navigator->selectUseCase(i - 1);
        }
    });
    up->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Up));
    QAction *down = edit->addAction(tr("Move Use Case Do&wn"), this, [this] {
        const int i = m_navigator->currentUseCase();
        if (i >= 0 && i + 1 < static_cast<int>(m_doc->workbook().useCases.size())) {
            m_doc->moveUseCase(i, i + 1);
            m_navigator->selectUseCase(i + 1);
        }
    });
    down->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Down));

    QMenu *view = menuBar()->addMenu(tr("&View"));
    m_compareAction = view->addAction(tr("&Compare"));
    m_compareAction->setToolTip(tr("Rank every use case side by side (Ctrl+K)"));
    m_compareAction->setCheckable(true);
    m_compareAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
    connect(m_compareAction, &QAction::toggled, this, &MainWindow::setCompare);
    view->addAction(m_actuals->showAction());
    connect(m_actuals->showAction(), &QAction::toggled, this, &MainWindow::setActualsView);
    view->addAction(m_planActual->showAction());
    m_presentAction = view->addAction(tr("&Present"));
    m_presentAction->setCheckable(true);
    m_presentAction->setShortcut(QKeySequence(Qt::Key_F5));
    m_presentAction->setToolTip(tr("Hide the inputs and enlarge tiles and charts (F5)"));
    connect(m_presentAction, &QAction::toggled, this, &MainWindow::setPresent);
    view->addSeparator();
    view->addAction(m_navigatorDock->toggleViewAction());
    view->addAction(m_healthDock->toggleViewAction());
    QAction *undoHistory = m_undoDock->toggleViewAction();
    undoHistory->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_H));
    view->addAction(undoHistory);

    QMenu *scenarioMenu = menuBar()->addMenu(tr("&Scenario"));
    for (int i = 0; i < 3; ++i) {
        QAction *a =
            scenarioMenu->addAction(i == 0   ? tr("&Base")
                                    : i == 1 ? tr("B&est")
                                             : tr("&Worst"),
                                    this, [this, i] { m_scenarioCombo->setCurrentIndex(i); });
        a->setShortcut(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_1 + i)));
    }
    QAction *allAction = scenarioMenu->addAction(tr("&All Three Overlaid"));
    allAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_4));
    connect(allAction, &QAction::triggered, this, [this] { m_allCheck->toggle(); });
    scenarioMenu->addSeparator();
    scenarioMenu->addAction(tr("&Edit Scenarios…"), this,
                            [this] { m_navigator->selectPage(UseCaseNavigator::Page::Scenarios); });
    scenarioMenu->addAction(tr("Approve and &Snapshot…"), this, [this] {
        SnapshotDialog dialog(m_doc, m_scenario, this);
        dialog.exec();
    });

    // Right-click a chart to export it.
    for (ChartKind kind : kAllChartKinds) {
        if (ChartView *view = m_results->chart(kind)) {
            view->setContextMenuPolicy(Qt::ActionsContextMenu);
            view->addAction(m_exportChartAction);
        }
    }

    QMenu *analysis = menuBar()->addMenu(tr("&Analysis"));
    m_analysis->populateMenu(analysis);
    analysis->addSeparator();
    m_sensitivity = new SensitivityController(
        m_doc, this,
        [this] {
            return m_navigator->currentPage() == UseCaseNavigator::Page::UseCase
                       ? m_navigator->currentUseCase()
                       : -1;
        },
        [this] { return m_scenario; });
    m_sensitivity->addActions(analysis);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    menuBar()->insertMenu(help->menuAction(), exportMenu);
    help->addAction(tr("&About ROI Workbench"), this, &MainWindow::about);

    QToolBar *bar = addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("mainToolBar"));
    bar->setMovable(false);
    bar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    bar->addAction(newAction);
    bar->addAction(openAction);
    bar->addAction(m_saveAction);
    bar->addAction(exportAction);
    bar->addSeparator();
    bar->addAction(undo);
    bar->addAction(redo);
    bar->addSeparator();
    auto *label = new QLabel(tr(" Scenario: "), bar);
    bar->addWidget(label);
    m_scenarioCombo = new QComboBox(bar);
    m_scenarioCombo->setObjectName(QStringLiteral("scenarioSwitcher"));
    m_scenarioCombo->setMinimumContentsLength(10);
    m_scenarioCombo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    label->setBuddy(m_scenarioCombo);
    bar->addWidget(m_scenarioCombo);
    m_allCheck = new QCheckBox(tr("All three"), bar);
    m_allCheck->setToolTip(tr("Overlay every scenario on the charts (Ctrl+4)"));
    bar->addWidget(m_allCheck);
    bar->addSeparator();
    bar->addAction(m_compareAction);
    bar->addAction(m_actuals->showAction());
    bar->addAction(m_presentAction);
    connect(m_scenarioCombo, &QComboBox::currentIndexChanged, this, [this](int i) {
        if (i < 0)
            return;
        m_scenario = i;
        m_doc->setVisibleScenario(m_allScenarios ? -1 : m_scenario);
        refreshResults();
        m_useCaseEditor->setData(m_doc->workbook(), m_doc->results(), m_navigator->currentUseCase(),
                                 m_scenario);
    });
    connect(m_allCheck, &QCheckBox::toggled, this, [this](bool on) {
        m_allScenarios = on;
        m_doc->setVisibleScenario(m_allScenarios ? -1 : m_scenario);
        refreshResults();
    });
}

void MainWindow::refresh(int changeValue, int useCase)
{
    const auto change = static_cast<Change>(changeValue);
    const Workbook &wb = m_doc->workbook();
    const bool everything = change == Change::Everything;
    ++m_generation; // the views' last inputs are out of date
    if (everything || change == Change::UseCaseList || change == Change::UseCase) {
        m_navigator->setWorkbook(wb);
        if (change == Change::UseCaseList && useCase >= 0)
            m_navigator->selectUseCase(useCase);
    }
    if (m_settingsEditor && (everything || change == Change::Settings))
        m_settingsEditor->setSettings(wb.settings);
    if (m_priceEditor && (everything || change == Change::PriceBook || change == Change::Settings))
        m_priceEditor->setPrices(
            wb.priceBook, NumberFormat(QString::fromStdString(wb.settings.currency)).prefix());
    if (everything || change == Change::Scenarios || change == Change::UseCaseList)
        updateScenarioSwitcher();
    // The scenario editor lists every input of every use case: rebuild it only when it is on
    // screen (and when it is shown), not on every keystroke elsewhere.
    if (m_scenarioEditor && m_inputs->currentWidget() == m_scenarioEditor)
        m_scenarioEditor->setData(wb);
    if (m_navigator->currentPage() == UseCaseNavigator::Page::UseCase)
        m_useCaseEditor->setData(wb, m_doc->results(), m_navigator->currentUseCase(), m_scenario);
    refreshResults();
    updateStatus();
}

void MainWindow::refreshResults()
{
    const Workbook &wb = m_doc->workbook();
    const Results &res = m_doc->results();
    const int useCase = m_navigator->currentPage() == UseCaseNavigator::Page::UseCase
                            ? m_navigator->currentUseCase()
                            : -1;
    // Each view is refilled only when what it shows changed since it was last filled (the
    // document, the use case, the scenario): toggling Compare or selecting the same page again
    // at 200 use cases costs a repaint, not a rebuild.
    const ViewKey key{m_generation, useCase, m_scenario, m_allScenarios};
    if (m_comparison && m_modes->currentWidget() == m_comparison) {
        if (!(m_comparisonKey == key)) {
            m_comparisonKey = key;
            m_comparison->setData(wb, res, m_scenario);
        }
    } else if (!(m_resultsKey == key)) {
        m_resultsKey = key;
        m_results->setData(wb, res, useCase, m_scenario, m_allScenarios);
        m_planActual->decorateResults(m_results, useCase, m_scenario);
    }
    if (!(m_healthKey == key)) {
        m_healthKey = key;
        m_health->setData(wb, res, useCase);
    }
    if (m_navigator->currentPage() == UseCaseNavigator::Page::Portfolio) {
        const NumberFormat fmt(QString::fromStdString(wb.settings.currency));
        QString text = tr("<h3>%1</h3><p>%2 use case(s), %3 months from %4, amounts in %5, "
                          "discount rate %6 a year.</p>")
                           .arg(QString::fromStdString(wb.settings.name).toHtmlEscaped())
                           .arg(wb.useCases.size())
                           .arg(wb.settings.horizonMonths)
                           .arg(QString::fromStdString(wb.settings.startMonth.toString()),
                                QString::fromStdString(wb.settings.currency),
                                fmt.percent(wb.settings.discountRate));
        text += tr("<p>Select a use case on the left to edit its baseline, costs, value, risk "
                   "and ramp-up. The tiles and charts on the right show the whole portfolio; "
                   "<b>Compare</b> (Ctrl+K) ranks the use cases side by side.</p>");
        if (wb.useCases.empty())
            text += tr("<p><b>This workbook has no use case yet.</b> Add one with <i>Add</i> "
                       "below the list (Ctrl+Shift+N), or open an example from the File menu.</p>");
        m_portfolioText->setText(text);
    }
}

void MainWindow::updateScenarioSwitcher()
{
    const QSignalBlocker block(m_scenarioCombo);
    QStringList names;
    for (const Scenario &s : m_doc->workbook().scenarios)
        names << QString::fromStdString(s.name);
    if (names.isEmpty())
        names << QString::fromUtf8(kBaseScenario.data(), kBaseScenario.size());
    QStringList current;
    for (int i = 0; i < m_scenarioCombo->count(); ++i)
        current << m_scenarioCombo->itemText(i);
    if (current != names) {
        m_scenarioCombo->clear();
        m_scenarioCombo->addItems(names);
    }
    m_scenario = std::clamp(m_scenario, 0, static_cast<int>(names.size()) - 1);
    m_scenarioCombo->setCurrentIndex(m_scenario);
    m_doc->setVisibleScenario(m_allScenarios ? -1 : m_scenario);
}

void MainWindow::showPage(UseCaseNavigator::Page page, int useCase)
{
    if (m_modes->currentWidget() == m_comparison && page == UseCaseNavigator::Page::UseCase)
        setCompare(false);
    m_actuals->showAction()->setChecked(false); // the navigator leads back to the inputs
    switch (page) {
    case UseCaseNavigator::Page::Settings:
        m_inputs->setCurrentWidget(settingsEditor());
        break;
    case UseCaseNavigator::Page::PriceBook:
        m_inputs->setCurrentWidget(priceBookEditor());
        break;
    case UseCaseNavigator::Page::Scenarios:
        scenarioEditor()->setData(m_doc->workbook());
        m_inputs->setCurrentWidget(m_scenarioEditor);
        break;
    case UseCaseNavigator::Page::Portfolio:
        m_inputs->setCurrentWidget(m_portfolioPage);
        break;
    case UseCaseNavigator::Page::UseCase:
        m_useCaseEditor->setData(m_doc->workbook(), m_doc->results(), useCase, m_scenario);
        m_inputs->setCurrentWidget(m_useCaseEditor);
        break;
    }
    refreshResults();
}

void MainWindow::navigateTo(int useCase, const QString &input, const QString &scenario)
{
    setCompare(false);
    if (m_presenting)
        m_presentAction->setChecked(false);
    if (!scenario.isEmpty()) {
        m_navigator->selectPage(UseCaseNavigator::Page::Scenarios);
        scenarioEditor()->selectScenario(scenario);
        return;
    }
    if (input.startsWith(QLatin1String("settings"))) {
        m_navigator->selectPage(UseCaseNavigator::Page::Settings);
        settingsEditor()->focusField(input.section(QLatin1Char('.'), -1));
        return;
    }
    if (input.startsWith(QLatin1String("prices"))) {
        m_navigator->selectPage(UseCaseNavigator::Page::PriceBook);
        const int open = input.indexOf(QLatin1String("[\""));
        const int close = input.indexOf(QLatin1String("\"]"));
        if (open >= 0 && close > open)
            priceBookEditor()->focusEntry(input.mid(open + 2, close - open - 2),
                                          input.section(QLatin1Char('.'), -1));
        return;
    }
    if (useCase >= 0) {
        m_navigator->selectUseCase(useCase);
        m_useCaseEditor->focusInput(input);
    }
}

void MainWindow::updateTitle()
{
    setWindowTitle(QStringLiteral("%1[*] — ROI Workbench").arg(m_doc->displayName()));
    setWindowModified(m_doc->isModified());
    setWindowFilePath(m_doc->filePath());
    updateStatus();
}

void MainWindow::updateStatus()
{
    QString text = m_doc->filePath().isEmpty() ? tr("Not saved yet") : m_doc->filePath();
    if (m_doc->isModified()) {
        text += tr(" — modified");
        if (m_doc->lastAutosave().isValid())
            text +=
                tr(", autosaved %1")
                    .arg(QLocale().toString(m_doc->lastAutosave().time(), QLocale::ShortFormat));
    } else {
        text += tr(" — saved");
    }
    m_fileStatus->setText(text);
    m_computeStatus->setText(
        tr("recomputed in %1 ms").arg(QLocale().toString(m_doc->lastComputeMs(), 'f', 2)));
}

bool MainWindow::maybeSave()
{
    if (!m_doc->isModified())
        return true;
    const auto answer = QMessageBox::warning(
        this, tr("Unsaved changes"),
        tr("“%1” has changes that are not saved. Save them first?").arg(m_doc->displayName()),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Save)
        return save();
    return answer == QMessageBox::Discard;
}

void MainWindow::newWorkbook()
{
    if (!maybeSave())
        return;
    m_doc->discardRecovery();
    QString note;
    m_doc->reset(Document::blankWorkbook(&note));
    m_navigator->selectPage(UseCaseNavigator::Page::Portfolio);
    if (!note.isEmpty())
        statusBar()->showMessage(note, 10000);
}

void MainWindow::open()
{
    if (!maybeSave())
        return;
    QSettings settings;
    const QString dir =
        settings
            .value(QStringLiteral("files/lastDir"),
                   QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
            .toString();
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Workbook"), dir, kFileFilter);
    if (!path.isEmpty())
        openFile(path);
}

bool MainWindow::openFile(const QString &path)
{
    QString error;
    QStringList warnings;
    if (!m_doc->load(path, &error, &warnings)) {
        QMessageBox::critical(this, tr("Cannot open workbook"), error);
        return false;
    }
    addRecentFile(m_doc->filePath());
    QSettings().setValue(QStringLiteral("files/lastDir"), QFileInfo(path).absolutePath());
    showOpenedWorkbook();
    if (!warnings.isEmpty())
        statusBar()->showMessage(
            tr("Opened with %n note(s): %1", nullptr, warnings.size()).arg(warnings.first()),
            10000);
    return true;
}

void MainWindow::showOpenedWorkbook()
{
    // The first use case, else the portfolio page. Not by way of the portfolio page: at 200 use
    // cases that would fill the case health list with every finding of the portfolio first.
    if (m_doc->workbook().useCases.empty())
        m_navigator->selectPage(UseCaseNavigator::Page::Portfolio);
    else if (m_navigator->currentPage() == UseCaseNavigator::Page::UseCase
             && m_navigator->currentUseCase() == 0)
        showPage(UseCaseNavigator::Page::UseCase, 0); // already selected: no signal
    else
        m_navigator->selectUseCase(0);
}

void MainWindow::openExample(const QString &path)
{
    // An example opens as a new, untitled workbook: saving never writes over the bundled file
    // (which may be read-only in an installed tree).
    QString error;
    Document probe;
    if (!probe.load(path, &error)) {
        QMessageBox::critical(this, tr("Cannot open example"), error);
        return;
    }
    m_doc->discardRecovery();
    m_doc->reset(probe.workbook());
    showOpenedWorkbook();
    statusBar()->showMessage(tr("Opened the example as a new workbook; Save As keeps your copy."),
                             6000);
}

void MainWindow::newFromTemplate(const QString &path)
{
    openExample(path);
    statusBar()->showMessage(
        tr("New workbook from the template; replace its figures with yours and save."), 6000);
}

bool MainWindow::save()
{
    if (m_doc->filePath().isEmpty())
        return saveAs();
    QString error;
    if (!m_doc->save(&error)) {
        QMessageBox::critical(this, tr("Cannot save workbook"),
                              tr("%1\n\nYour changes are still open here; save them elsewhere "
                                 "with File → Save As.")
                                  .arg(error));
        return false;
    }
    statusBar()->showMessage(tr("Saved %1").arg(m_doc->filePath()), 4000);
    return true;
}

bool MainWindow::saveAs()
{
    QSettings settings;
    QString suggested = m_doc->filePath();
    if (suggested.isEmpty()) {
        QString name = QString::fromStdString(m_doc->workbook().settings.name).trimmed();
        name.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9 _.-]")), QStringLiteral("_"));
        if (name.isEmpty())
            name = tr("workbook");
        suggested = settings
                        .value(QStringLiteral("files/lastDir"),
                               QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
                        .toString()
                    + QLatin1Char('/') + name + QStringLiteral(".roiwb");
    }
    QString path =
        QFileDialog::getSaveFileName(this, tr("Save Workbook As"), suggested, kFileFilter);
    if (path.isEmpty())
        return false;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".roiwb");
    QString error;
    if (!m_doc->saveAs(path, &error)) {
        QMessageBox::critical(this, tr("Cannot save workbook"), error);
        return false;
    }
    settings.setValue(QStringLiteral("files/lastDir"), QFileInfo(path).absolutePath());
    addRecentFile(m_doc->filePath());
    return true;
}

void MainWindow::addRecentFile(const QString &path)
{
    QSettings settings;
    QStringList recent = settings.value(QStringLiteral("files/recent")).toStringList();
    recent.removeAll(path);
    recent.prepend(path);
    while (recent.size() > kMaxRecent)
        recent.removeLast();
    settings.setValue(QStringLiteral("files/recent"), recent);
    updateRecentMenu();
}

void MainWindow::updateRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = QSettings().value(QStringLiteral("files/recent")).toStringList();
    int n = 0;
    for (const QString &path : recent) {
        if (!QFileInfo::exists(path))
            continue;
        ++n;
        m_recentMenu
            ->addAction(QStringLiteral("&%1 %2").arg(n).arg(QFileInfo(path).fileName()), this,
                        [this, path] {
                            if (maybeSave())
                                openFile(path);
                        })
            ->setToolTip(path);
    }
    if (n == 0)
        m_recentMenu->addAction(tr("No recent files"))->setEnabled(false);
    else {
        m_recentMenu->addSeparator();
        m_recentMenu->addAction(tr("Clear List"), this, [this] {
            QSettings().remove(QStringLiteral("files/recent"));
            updateRecentMenu();
        });
    }
}

void MainWindow::addUseCase()
{
    const Workbook &wb = m_doc->workbook();
    QString name = tr("New use case");
    for (int n = 2; wb.findUseCase(name.toStdString()) >= 0; ++n)
        name = tr("New use case %1").arg(n);
    UseCase uc = newUseCase(name.toStdString(), wb.settings.startMonth.addMonths(3));
    if (!wb.priceBook.empty())
        uc.layers[0].model = wb.priceBook.front().model;
    const int at = static_cast<int>(wb.useCases.size());
    m_doc->insertUseCase(at, uc, tr("Add use case “%1”").arg(name));
    m_navigator->selectUseCase(at);
    m_navigator->renameCurrent();
}

void MainWindow::duplicateUseCase(int index)
{
    const Workbook &wb = m_doc->workbook();
    if (index < 0 || index >= static_cast<int>(wb.useCases.size()))
        return;
    UseCase copy = wb.useCases[static_cast<std::size_t>(index)];
    QString name = tr("%1 (copy)").arg(QString::fromStdString(copy.name));
    for (int n = 2; wb.findUseCase(name.toStdString()) >= 0; ++n)
        name = tr("%1 (copy %2)").arg(QString::fromStdString(copy.name)).arg(n);
    copy.name = name.toStdString();
    m_doc->insertUseCase(index + 1, copy, tr("Duplicate use case"));
    m_navigator->selectUseCase(index + 1);
}

void MainWindow::removeUseCase(int index)
{
    const Workbook &wb = m_doc->workbook();
    if (index < 0 || index >= static_cast<int>(wb.useCases.size()))
        return;
    m_doc->removeUseCase(index);
    statusBar()->showMessage(tr("Use case deleted — Undo (Ctrl+Z) brings it back."), 6000);
}

void MainWindow::renameUseCase(int index, const QString &name)
{
    const Workbook &wb = m_doc->workbook();
    if (index < 0 || index >= static_cast<int>(wb.useCases.size()))
        return;
    const std::string newName = name.trimmed().left(200).toStdString();
    const int other = wb.findUseCase(newName);
    if (newName.empty() || (other >= 0 && other != index)) {
        statusBar()->showMessage(newName.empty() ? tr("A use case needs a name.")
                                                 : tr("Another use case is called “%1”.").arg(name),
                                 6000);
        m_navigator->setWorkbook(wb); // puts the old name back
        return;
    }
    UseCase uc = wb.useCases[static_cast<std::size_t>(index)];
    uc.name = newName;
    m_doc->setUseCase(index, uc, tr("Rename use case"));
}

void MainWindow::chooseLogo()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Choose Logo"), QString(),
                                                      tr("Images (*.png *.jpg *.jpeg *.svg)"));
    if (path.isEmpty())
        return;
    QImageReader reader(path);
    QImage image = reader.read();
    if (image.isNull()) {
        QMessageBox::warning(this, tr("Cannot use logo"),
                             tr("%1 is not an image: %2").arg(path, reader.errorString()));
        return;
    }
    // A cover logo needs no more than this; it keeps workbooks small.
    if (image.width() > 600 || image.height() > 300)
        image = image.scaled(600, 300, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    Settings s = m_doc->workbook().settings;
    s.logoPng = png.toBase64().toStdString();
    m_doc->setSettings(s, tr("Set logo"));
}

void MainWindow::setCompare(bool on)
{
    if (m_compareAction->isChecked() != on) {
        m_compareAction->setChecked(on); // re-enters through toggled
        return;
    }
    if (on)
        m_actuals->showAction()->setChecked(false);
    m_modes->setCurrentWidget(on ? static_cast<QWidget *>(comparison()) : m_split);
    refreshResults();
}

void MainWindow::setActualsView(bool on)
{
    if (on)
        m_compareAction->setChecked(false);
    m_modes->setCurrentWidget(on                             ? m_actuals->page()
                              : m_compareAction->isChecked() ? static_cast<QWidget *>(m_comparison)
                                                             : m_split);
}

void MainWindow::setPresent(bool on)
{
    m_presenting = on;
    m_inputs->setVisible(!on);
    m_navigatorDock->setVisible(!on);
    m_healthDock->setVisible(!on);
    m_results->setPresentation(on);
    if (on)
        statusBar()->showMessage(tr("Presenting — press F5 to go back to the inputs."), 5000);
    else
        statusBar()->clearMessage();
}

void MainWindow::exportReport(std::optional<ReportFormat> format)
{
    ExportDialog dialog(m_doc->workbook(), m_doc->filePath(), this);
    dialog.setScenario(m_scenario);
    if (format)
        dialog.setFormat(*format);
    if (dialog.exec() != QDialog::Accepted)
        return;
    // On a worker thread, with progress and Cancel: the window stays responsive.
    statusBar()->showMessage(tr("Exporting…"));
    const ExportOutcome outcome =
        runExport(this, m_doc->workbook(), m_doc->results(), dialog.format(), dialog.options());
    if (outcome.cancelled) {
        statusBar()->showMessage(tr("Export cancelled; nothing was written"), 8000);
        return;
    }
    if (!outcome.ok) {
        statusBar()->clearMessage();
        QMessageBox::critical(this, tr("Export failed"), outcome.error);
        return;
    }
    statusBar()->showMessage(tr("Exported %1").arg(outcome.written.join(QStringLiteral(", "))),
                             8000);
}

ChartView *MainWindow::visibleChart() const
{
    if (m_comparison && m_modes->currentWidget() == m_comparison)
        return m_comparison->chart();
    return qobject_cast<ChartView *>(m_results->chartTabs()->currentWidget());
}

void MainWindow::exportChart()
{
    ChartView *chart = visibleChart();
    if (!chart)
        return;
    QSettings settings;
    const QString folder =
        settings
            .value(QStringLiteral("export/chartFolder"),
                   QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
            .toString();
    const QString filters = tr("PNG image, 2× (*.png);;PDF vector (*.pdf);;SVG vector (*.svg)");
    QString selected = settings.value(QStringLiteral("export/chartFilter")).toString();
    QString path = QFileDialog::getSaveFileName(this, tr("Export Chart"),
                                                folder + QLatin1Char('/') + chartId(chart->kind())
                                                    + QStringLiteral(".png"),
                                                filters, &selected);
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += selected.contains(QLatin1String("*.pdf"))   ? QStringLiteral(".pdf")
                : selected.contains(QLatin1String("*.svg")) ? QStringLiteral(".svg")
                                                            : QStringLiteral(".png");
    settings.setValue(QStringLiteral("export/chartFolder"), QFileInfo(path).absolutePath());
    settings.setValue(QStringLiteral("export/chartFilter"), selected);
    const int useCase = (m_comparison && m_modes->currentWidget() == m_comparison)
                                || m_navigator->currentPage() != UseCaseNavigator::Page::UseCase
                            ? -1
                            : m_navigator->currentUseCase();
    ChartExportOptions options;
    options.allScenarios = m_allScenarios;
    options.locale = QLocale();
    QString error;
    if (!roi::exportChart(m_doc->workbook(), m_doc->results(), chart->kind(), useCase, m_scenario,
                          path, &error, options)) {
        QMessageBox::critical(this, tr("Export failed"), error);
        return;
    }
    statusBar()->showMessage(tr("Exported %1").arg(path), 8000);
}

void MainWindow::about()
{
    QMessageBox::about(
        this, tr("About ROI Workbench"),
        tr("<h3>ROI Workbench %1</h3><p>Models the return on AI spend: the true total cost of "
           "ownership, hard and soft value, a risk discount, base / best / worst scenarios and "
           "ramp-up.</p><p>Licensed under the GNU GPL, version 3 or later. Charts by QCustomPlot "
           "(GPL-3.0+).</p>")
            .arg(QStringLiteral(ROI_VERSION)));
}

void MainWindow::setRecoveryDirectory(const QString &directory)
{
    m_doc->setRecoveryDirectory(directory);
}

bool MainWindow::offerRecovery(const QString &directory)
{
    const QList<RecoveryCandidate> found = findRecoverable(directory);
    if (found.isEmpty())
        return false;
    const RecoveryCandidate &c = found.first();
    const QString what =
        c.originalPath.isEmpty() ? tr("an unsaved workbook") : QFileInfo(c.originalPath).fileName();
    QMessageBox box(
        QMessageBox::Question, tr("Recover unsaved work?"),
        tr("ROI Workbench did not close normally. Work on %1 (“%2”) was autosaved "
           "at %3.\n\nRecover it?")
            .arg(what, c.workbookName, QLocale().toString(c.savedAt, QLocale::ShortFormat)),
        QMessageBox::NoButton, this);
    box.setObjectName(QStringLiteral("recoveryBox"));
    QPushButton *recover = box.addButton(tr("Recover"), QMessageBox::AcceptRole);
    box.addButton(tr("Discard"), QMessageBox::DestructiveRole);
    box.setDefaultButton(recover);
    box.exec();
    if (box.clickedButton() != static_cast<QAbstractButton *>(recover)) {
        for (const RecoveryCandidate &other : found)
            removeRecoveryFiles(other.recoveryFile);
        return false;
    }
    QString error;
    Document probe;
    if (!probe.load(c.recoveryFile, &error)) {
        QMessageBox::critical(this, tr("Cannot recover"), error);
        return false;
    }
    m_doc->reset(probe.workbook(), c.originalPath, true);
    for (const RecoveryCandidate &other : found)
        removeRecoveryFiles(other.recoveryFile);
    m_navigator->selectPage(UseCaseNavigator::Page::Portfolio);
    statusBar()->showMessage(tr("Recovered work from %1. Save it to keep it.")
                                 .arg(QLocale().toString(c.savedAt, QLocale::ShortFormat)),
                             10000);
    return true;
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!maybeSave()) {
        event->ignore();
        return;
    }
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("window/split"), m_split->saveState());
    m_doc->discardRecovery();
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (!event->mimeData()->hasUrls())
        return;
    for (const QUrl &url : event->mimeData()->urls()) {
        if (url.isLocalFile()
            && (url.toLocalFile().endsWith(QLatin1String(".roiwb"))
                || ActualsController::isUsageFile(url.toLocalFile()))) {
            event->acceptProposedAction();
            return;
        }
    }
}

void MainWindow::dropEvent(QDropEvent *event)
{
    for (const QUrl &url : event->mimeData()->urls()) {
        if (url.isLocalFile() && url.toLocalFile().endsWith(QLatin1String(".roiwb"))) {
            event->acceptProposedAction();
            if (maybeSave())
                openFile(url.toLocalFile());
            return;
        }
    }
    // A usage or cost export: the import dialog, once the drop has returned.
    for (const QUrl &url : event->mimeData()->urls()) {
        if (url.isLocalFile() && ActualsController::isUsageFile(url.toLocalFile())) {
            event->acceptProposedAction();
            const QString path = url.toLocalFile();
            QTimer::singleShot(0, m_actuals, [this, path] { m_actuals->importFile(path); });
            return;
        }
    }
}

} // namespace roi
