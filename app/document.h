// The open workbook: its value, file, undo stack, results and autosave. Views never write the
// workbook; every edit goes through one of the edit methods here as one undo command.
#pragma once

#include "engine.h"
#include "workbook.h"

#include <QDateTime>
#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>

class QTimer;
class QUndoStack;

namespace roi {

class Autosaver;
struct RecoverySlot;

/// What an edit changed, so views refresh only what is affected.
enum class Change { Settings, PriceBook, Scenarios, UseCase, UseCaseList, Everything, Actuals };

class Document : public QObject
{
    Q_OBJECT

public:
    explicit Document(QObject *parent = nullptr);
    ~Document() override;

    const Workbook &workbook() const { return m_workbook; }
    const Results &results() const { return m_results; }
    QUndoStack *undoStack() const { return m_undoStack; }

    QString filePath() const { return m_filePath; }
    /// The file name, or "Untitled" for a new workbook.
    QString displayName() const;
    bool isModified() const;

    /// What File → New starts from: no use case, this month as the start month, and the default
    /// price book when one is installed and reads (else an empty price book; `note`, when given,
    /// says why).
    static Workbook blankWorkbook(QString *note = nullptr);

    /// Replaces the document with a workbook (new or recovered), clearing undo history.
    /// `modified` marks it as unsaved (recovered work).
    void reset(Workbook workbook, const QString &filePath = {}, bool modified = false);
    /// Opens a .roiwb file. On failure the document is unchanged and `error` lists the problems.
    bool load(const QString &path, QString *error, QStringList *warnings = nullptr);
    /// Saves atomically to `path` (keeping the previous file as "<path>~") and makes it the
    /// document's file. On failure the document stays modified and the old file is intact.
    bool saveAs(const QString &path, QString *error);
    bool save(QString *error) { return saveAs(m_filePath, error); }

    // Edits: one undo command each. `mergeKey` lets successive edits of one field (typing)
    // fold into one command; empty = never merge.
    void setSettings(const Settings &settings, const QString &text, const QString &mergeKey = {});
    void setPriceBook(const std::vector<PriceEntry> &prices, const QString &text,
                      const QString &mergeKey = {});
    void setScenarios(const std::vector<Scenario> &scenarios, const QString &text,
                      const QString &mergeKey = {});
    void setUseCase(int index, const UseCase &useCase, const QString &text,
                    const QString &mergeKey = {});
    /// The Monte Carlo set-up (distributions, correlations, sampling); notifies as Settings.
    void setUncertainty(const UncertaintySetup &setup, const QString &text,
                        const QString &mergeKey = {});
    /// The imported actuals, rules and mappings (app/actualscommands.h builds these edits).
    void setActuals(const actuals::Actuals &actuals, const QString &text,
                    const QString &mergeKey = {});
    /// The plan-vs-actual settings (tolerance, basis, recalibration); notifies as Settings.
    void setPlanActual(const PlanActualSettings &settings, const QString &text,
                       const QString &mergeKey = {});
    void insertUseCase(int index, const UseCase &useCase, const QString &text);
    void removeUseCase(int index);
    void moveUseCase(int from, int to);

    // Used by the undo commands only.
    void assignSettings(const Settings &settings);
    void assignPriceBook(const std::vector<PriceEntry> &prices);
    void assignScenarios(const std::vector<Scenario> &scenarios);
    void assignUseCase(int index, const UseCase &useCase);
    void assignUncertainty(const UncertaintySetup &setup);
    void assignSnapshots(const std::vector<Snapshot> &snapshots); // notifies as Settings
    void assignActuals(const actuals::Actuals &actuals);
    void assignPlanActual(const PlanActualSettings &settings);   // notifies as Settings
    void assignWarehouse(const WarehouseConnection &connection); // notifies as Actuals
    void insertUseCaseNow(int index, const UseCase &useCase);
    void removeUseCaseNow(int index);
    void moveUseCaseNow(int from, int to);

    /// Autosave: within a second of an edit the workbook is written to a recovery file in
    /// `directory` (readable only by the user). Empty disables autosave.
    void setRecoveryDirectory(const QString &directory);
    QString recoveryFilePath() const;
    QDateTime lastAutosave() const { return m_lastAutosave; }
    /// Writes the recovery file now (and waits for it); for tests and shutdown paths.
    void flushAutosave();
    /// Removes this document's recovery file (after a save or a normal close).
    void discardRecovery();
    /// Milliseconds the last recompute took.
    double lastComputeMs() const { return m_lastComputeMs; }

    /// Visible scenario first (the window turns it on; off by default, so that every edit
    /// computes every scenario): an edit of a use case, the price book or the settings computes
    /// only `scenario` (ComputeOptions::onlyScenario), so the views repaint at once, and the
    /// other scenarios on the next turn of the event loop (then resultsCompleted()). Between the
    /// two, results() holds the visible scenario up to date and the others (and the findings)
    /// as before the edit. -1: every scenario at once (e.g. all scenarios on screen).
    void setVisibleScenario(int scenario);
    /// Whether results() matches the workbook in every scenario.
    bool resultsComplete() const { return m_resultsComplete; }
    /// Computes the scenarios an edit left for later now (nothing when complete).
    void completeResults();

Q_SIGNALS:
    void changed(roi::Change change, int useCase);
    void resultsChanged();
    /// The scenarios an edit left for later are computed: results() is whole again.
    void resultsCompleted();
    void modifiedChanged(bool modified);
    void filePathChanged(const QString &path);
    void autosaved(const QDateTime &when);
    void autosaveFailed(const QString &error);

private:
    void touched(Change change, int useCase);
    void recompute();
    /// The visible-scenario-first recompute of an edit; false when it does not apply (a full
    /// recompute is needed: the results' shape changes, or it is off).
    bool recomputeVisibleFirst(Change change);
    void scheduleAutosave();
    void flushAutosaveAsync();
    QByteArray recoveryInfo() const;

    Workbook m_workbook;
    Results m_results;
    QString m_filePath;
    QUndoStack *m_undoStack;
    bool m_forcedModified = false;
    QTimer *m_autosaveTimer;
    std::unique_ptr<Autosaver> m_autosaver;
    std::unique_ptr<RecoverySlot> m_recovery;
    QDateTime m_lastAutosave;
    double m_lastComputeMs = 0;
    int m_visibleScenario = -1;
    bool m_resultsComplete = true;
    Results m_visibleResults; // the visible scenario's compute (reused buffers)
    QTimer *m_completeTimer;
};

} // namespace roi

Q_DECLARE_METATYPE(roi::Change)
