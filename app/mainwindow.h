// The main window: navigator and case health on the left, the inputs of the selected page in the
// middle, KPI tiles and live charts on the right; a Compare mode for side-by-side ranking and a
// Present mode for client meetings. Owns the Document and turns editors' edits into its commands.
#pragma once

#include "reportexporter.h"
#include "usecasenavigator.h"

#include <QMainWindow>

#include <optional>

class QAction;
class QCheckBox;
class QComboBox;
class QDockWidget;
class QLabel;
class QMenu;
class QSplitter;
class QStackedWidget;
class QUndoView;

namespace roi {

class ActualsController;
class PlanActualController;
class AnalysisController;
class CaseHealthPanel;
class SensitivityController;
class ChartView;
class ComparisonView;
class Document;
class PriceBookEditor;
class ResultsPanel;
class ScenarioEditor;
class SettingsEditor;
class UseCaseEditor;

class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    Document *document() const { return m_doc; }
    /// Opens a file, reporting problems in a message box. Returns false on failure.
    bool openFile(const QString &path);
    /// Opens a bundled example as a new untitled workbook.
    void openExample(const QString &path);
    /// Starts a new untitled workbook from a template file (File > New from Template).
    void newFromTemplate(const QString &path);
    /// Offers to recover work a crashed session left in `directory`; returns true if it did.
    bool offerRecovery(const QString &directory);
    /// Turns on autosave into `directory` (the default recovery folder in normal use).
    void setRecoveryDirectory(const QString &directory);

    // For tests: the widgets a user drives.
    UseCaseNavigator *navigator() const { return m_navigator; }
    UseCaseEditor *useCaseEditor() const { return m_useCaseEditor; }
    ResultsPanel *results() const { return m_results; }
    /// Built on first use (Compare); so are the three editors below (their pages).
    ComparisonView *comparison();
    CaseHealthPanel *caseHealth() const { return m_health; }
    SettingsEditor *settingsEditor();
    ScenarioEditor *scenarioEditor();
    PriceBookEditor *priceBookEditor();
    QComboBox *scenarioSwitcher() const { return m_scenarioCombo; }
    AnalysisController *analysis() const { return m_analysis; }
    QAction *compareAction() const { return m_compareAction; }
    int currentScenario() const { return m_scenario; }
    SensitivityController *sensitivity() const { return m_sensitivity; }
    ActualsController *actuals() const { return m_actuals; }
    PlanActualController *planActual() const { return m_planActual; }

    /// Saves to the current file or asks for one. Returns false if not saved.
    bool save();
    bool saveAs();

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void createActions();
    void createDocks();
    void refresh(int change, int useCase);
    void refreshResults();
    void updateTitle();
    void updateStatus();
    void showPage(UseCaseNavigator::Page page, int useCase);
    void navigateTo(int useCase, const QString &input, const QString &scenario);
    /// After a workbook is opened: its first use case, else the portfolio page.
    void showOpenedWorkbook();
    bool maybeSave();
    void newWorkbook();
    void open();
    void addRecentFile(const QString &path);
    void updateRecentMenu();
    void addUseCase();
    void duplicateUseCase(int index);
    void removeUseCase(int index);
    void renameUseCase(int index, const QString &name);
    void chooseLogo();
    void setCompare(bool on);
    void setPresent(bool on);
    void setActualsView(bool on);
    void updateScenarioSwitcher();
    void about();
    /// The export dialog, on `format` when given, else on the format used last.
    void exportReport(std::optional<ReportFormat> format);
    void exportChart();
    ChartView *visibleChart() const;

    Document *m_doc;
    AnalysisController *m_analysis = nullptr;
    ActualsController *m_actuals = nullptr;
    PlanActualController *m_planActual = nullptr;
    int m_scenario = 0;
    bool m_allScenarios = false;

    UseCaseNavigator *m_navigator;
    CaseHealthPanel *m_health;
    QStackedWidget *m_modes;
    QSplitter *m_split;
    QStackedWidget *m_inputs;
    SettingsEditor *m_settingsEditor = nullptr;
    PriceBookEditor *m_priceEditor = nullptr;
    ScenarioEditor *m_scenarioEditor = nullptr;
    QWidget *m_portfolioPage;
    QLabel *m_portfolioText;
    UseCaseEditor *m_useCaseEditor;
    ResultsPanel *m_results;
    ComparisonView *m_comparison = nullptr;
    QDockWidget *m_navigatorDock;
    QDockWidget *m_healthDock;
    QDockWidget *m_undoDock;
    QUndoView *m_undoView;
    QComboBox *m_scenarioCombo;
    QCheckBox *m_allCheck;
    QLabel *m_fileStatus;
    QLabel *m_computeStatus;
    QMenu *m_recentMenu;
    QMenu *m_examplesMenu;
    SensitivityController *m_sensitivity = nullptr;
    QAction *m_compareAction;
    QAction *m_presentAction;
    QAction *m_saveAction;
    QAction *m_exportChartAction;
    bool m_presenting = false;

    /// What a view was last filled with: refreshResults skips a view whose key is unchanged.
    struct ViewKey
    {
        quint64 generation = 0; // bumped on every document change and completed results
        int useCase = -2;
        int scenario = -1;
        bool allScenarios = false;
        friend bool operator==(const ViewKey &, const ViewKey &) = default;
    };
    quint64 m_generation = 1;
    ViewKey m_resultsKey;
    ViewKey m_comparisonKey;
    ViewKey m_healthKey;
};

} // namespace roi
