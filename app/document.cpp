#include "document.h"

#include "autosaver.h"
#include "filebytes.h"
#include "recovery.h"
#include "resourcelocator.h"
#include "undocommands.h"
#include "workbookfile.h"

#include <QCoreApplication>
#include <QDate>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLockFile>
#include <QTimer>
#include <QUndoStack>

#include <algorithm>
#include <utility>

namespace roi {

namespace {

ComputeOptions computeOptions()
{
    const QDate d = QDate::currentDate();
    return ComputeOptions{Date{d.year(), d.month(), d.day()}, true};
}

QString problemsText(const std::vector<Diagnostic> &diagnostics)
{
    QStringList lines;
    for (const Diagnostic &d : diagnostics)
        lines << QString::fromStdString(d.toString());
    return lines.join(QLatin1Char('\n'));
}

} // namespace

// The recovery file and the lock that tells other sessions it belongs to a live one.
struct RecoverySlot
{
    QString path;
    std::unique_ptr<QLockFile> lock;
};

Document::Document(QObject *parent)
    : QObject(parent)
    , m_undoStack(new QUndoStack(this))
    , m_autosaveTimer(new QTimer(this))
    , m_autosaver(std::make_unique<Autosaver>())
    , m_completeTimer(new QTimer(this))
{
    qRegisterMetaType<roi::Change>();
    m_workbook = newWorkbook();
    m_undoStack->setUndoLimit(1000);
    connect(m_undoStack, &QUndoStack::cleanChanged, this,
            [this](bool) { Q_EMIT modifiedChanged(isModified()); });
    // Throttle, not debounce: a snapshot half a second after the first unsaved edit even while
    // the user keeps typing, so a crash loses less than a second of work, write time included.
    m_autosaveTimer->setSingleShot(true);
    m_autosaveTimer->setInterval(500);
    connect(m_autosaveTimer, &QTimer::timeout, this, &Document::flushAutosaveAsync);
    // The other scenarios after the visible one: once the event loop has painted it.
    m_completeTimer->setSingleShot(true);
    m_completeTimer->setInterval(0);
    connect(m_completeTimer, &QTimer::timeout, this, &Document::completeResults);
    connect(m_autosaver.get(), &Autosaver::written, this, [this](bool ok, const QString &error) {
        if (ok) {
            m_lastAutosave = QDateTime::currentDateTime();
            Q_EMIT autosaved(m_lastAutosave);
        } else {
            Q_EMIT autosaveFailed(error);
        }
    });
    recompute();
}

Workbook Document::blankWorkbook(QString *note)
{
    Workbook wb = newWorkbook();
    const QDate today = QDate::currentDate();
    wb.settings.startMonth = {today.year(), today.month()};
    const QString path = defaultPriceBookFile();
    QString problem;
    if (path.isEmpty()) {
        problem = tr("No default price book is installed: add the models on the Price book page.");
    } else if (const auto bytes = readFileBytes(path, limits::kMaxFileBytes, &problem)) {
        const PriceBookResult r =
            readPriceBook(std::string_view(bytes->constData(), bytes->size()));
        if (r.ok())
            wb.priceBook = *r.prices;
        else
            problem = tr("The default price book %1 does not read: %2")
                          .arg(path, QString::fromStdString(r.diagnostics.front().toString()));
    }
    if (note)
        *note = problem;
    return wb;
}

Document::~Document()
{
    m_autosaver.reset(); // waits for pending writes
    if (m_recovery && m_recovery->lock)
        m_recovery->lock->unlock();
}

QString Document::displayName() const
{
    return m_filePath.isEmpty() ? tr("Untitled") : QFileInfo(m_filePath).fileName();
}

bool Document::isModified() const
{
    return m_forcedModified || !m_undoStack->isClean();
}

void Document::reset(Workbook workbook, const QString &filePath, bool modified)
{
    m_undoStack->clear();
    m_workbook = std::move(workbook);
    m_forcedModified = modified;
    if (m_filePath != filePath) {
        m_filePath = filePath;
        Q_EMIT filePathChanged(m_filePath);
    }
    recompute();
    Q_EMIT changed(Change::Everything, -1);
    Q_EMIT resultsChanged();
    Q_EMIT modifiedChanged(isModified());
    if (modified)
        scheduleAutosave();
}

bool Document::load(const QString &path, QString *error, QStringList *warnings)
{
    QString ioError;
    const auto bytes = readFileBytes(path, static_cast<qint64>(limits::kMaxFileBytes), &ioError);
    if (!bytes) {
        *error = ioError;
        return false;
    }
    LoadResult result =
        readWorkbook(std::string_view(bytes->constData(), static_cast<std::size_t>(bytes->size())));
    if (!result.ok()) {
        *error = tr("%1 is not a workbook this version can open:\n%2")
                     .arg(QFileInfo(path).fileName(), problemsText(result.errors()));
        return false;
    }
    if (warnings) {
        warnings->clear();
        // What a migration from an older format changed comes first: it concerns the figures.
        for (const std::string &n : result.notices)
            *warnings << QString::fromStdString(n);
        for (const Diagnostic &d : result.diagnostics)
            *warnings << QString::fromStdString(d.toString());
    }
    reset(std::move(*result.workbook), QFileInfo(path).absoluteFilePath(), false);
    return true;
}

bool Document::saveAs(const QString &path, QString *error)
{
    if (path.isEmpty()) {
        *error = tr("No file name given.");
        return false;
    }
    const SaveResult saved = writeWorkbook(m_workbook);
    if (!saved.ok()) {
        *error =
            tr("The workbook has values that cannot be saved:\n%1").arg(problemsText(saved.errors));
        return false;
    }
    if (!writeFileAtomically(path, QByteArray::fromStdString(saved.text), true, error))
        return false;
    const QString absolute = QFileInfo(path).absoluteFilePath();
    if (m_filePath != absolute) {
        m_filePath = absolute;
        Q_EMIT filePathChanged(m_filePath);
    }
    m_forcedModified = false;
    m_undoStack->setClean();
    Q_EMIT modifiedChanged(false);
    // The work is safe in the file now; a snapshot would only offer stale work after a crash.
    m_autosaveTimer->stop();
    discardRecovery();
    return true;
}

void Document::setSettings(const Settings &settings, const QString &text, const QString &mergeKey)
{
    if (settings == m_workbook.settings)
        return;
    m_undoStack->push(new ChangeValueCommand<Settings>(
        this, MergeSettings, 0, m_workbook.settings, settings, text, mergeKey,
        [](Document &d, int, const Settings &v) { d.assignSettings(v); }));
}

void Document::setUncertainty(const UncertaintySetup &setup, const QString &text,
                              const QString &mergeKey)
{
    if (setup == m_workbook.uncertainty)
        return;
    m_undoStack->push(new ChangeValueCommand<UncertaintySetup>(
        this, MergeUncertainty, 0, m_workbook.uncertainty, setup, text, mergeKey,
        [](Document &d, int, const UncertaintySetup &v) { d.assignUncertainty(v); }));
}

void Document::setActuals(const actuals::Actuals &actuals, const QString &text,
                          const QString &mergeKey)
{
    if (actuals == m_workbook.actuals)
        return;
    m_undoStack->push(new ChangeValueCommand<actuals::Actuals>(
        this, MergeActuals, 0, m_workbook.actuals, actuals, text, mergeKey,
        [](Document &d, int, const actuals::Actuals &v) { d.assignActuals(v); }));
}

void Document::setPriceBook(const std::vector<PriceEntry> &prices, const QString &text,
                            const QString &mergeKey)
{
    if (prices == m_workbook.priceBook)
        return;
    m_undoStack->push(new ChangeValueCommand<std::vector<PriceEntry>>(
        this, MergePriceBook, 0, m_workbook.priceBook, prices, text, mergeKey,
        [](Document &d, int, const std::vector<PriceEntry> &v) { d.assignPriceBook(v); }));
}

void Document::setScenarios(const std::vector<Scenario> &scenarios, const QString &text,
                            const QString &mergeKey)
{
    if (scenarios == m_workbook.scenarios)
        return;
    // The analysis scenario follows a rename of its scenario (same place in the list) and goes
    // back to Base when its scenario goes, in the same step of the history.
    const std::string &analysed = m_workbook.uncertainty.scenario;
    const auto named = [&](const std::string &n) {
        return std::any_of(scenarios.begin(), scenarios.end(),
                           [&](const Scenario &s) { return s.name == n; });
    };
    if (!analysed.empty() && !named(analysed)) {
        UncertaintySetup setup = m_workbook.uncertainty;
        setup.scenario.clear();
        for (std::size_t i = 0; i < m_workbook.scenarios.size() && i < scenarios.size(); ++i)
            if (m_workbook.scenarios[i].name == analysed
                && scenarios.size() == m_workbook.scenarios.size()
                && scenarios[i].name != kBaseScenario)
                setup.scenario = scenarios[i].name;
        m_undoStack->beginMacro(text);
        m_undoStack->push(new ChangeValueCommand<std::vector<Scenario>>(
            this, MergeScenarios, 0, m_workbook.scenarios, scenarios, text, {},
            [](Document &d, int, const std::vector<Scenario> &v) { d.assignScenarios(v); }));
        setUncertainty(setup, text);
        m_undoStack->endMacro();
        return;
    }
    m_undoStack->push(new ChangeValueCommand<std::vector<Scenario>>(
        this, MergeScenarios, 0, m_workbook.scenarios, scenarios, text, mergeKey,
        [](Document &d, int, const std::vector<Scenario> &v) { d.assignScenarios(v); }));
}

void Document::setUseCase(int index, const UseCase &useCase, const QString &text,
                          const QString &mergeKey)
{
    const UseCase &current = m_workbook.useCases.at(static_cast<std::size_t>(index));
    if (useCase == current)
        return;
    if (useCase.name != current.name) {
        // A rename carries the scenario adjustments scoped to the old name along, in one step.
        std::vector<Scenario> scenarios = m_workbook.scenarios;
        bool renamed = false;
        for (Scenario &s : scenarios) {
            for (Adjustment &a : s.adjustments) {
                if (a.useCase == current.name) {
                    a.useCase = useCase.name;
                    renamed = true;
                }
            }
        }
        // ... and so do the attribution rules of the actuals.
        actuals::Actuals acts = m_workbook.actuals;
        bool rulesRenamed = false;
        for (actuals::AttributionRule &r : acts.rules) {
            if (r.useCase == current.name) {
                r.useCase = useCase.name;
                rulesRenamed = true;
            }
        }
        // ... and so does the recalibration switch of plan vs actual.
        PlanActualSettings planActual = m_workbook.planActual;
        const bool planRenamed = planActual.renameUseCase(current.name, useCase.name);
        if (renamed || rulesRenamed || planRenamed) {
            m_undoStack->beginMacro(text);
            m_undoStack->push(new ChangeValueCommand<UseCase>(
                this, MergeUseCase, index, current, useCase, text, {},
                [](Document &d, int i, const UseCase &v) { d.assignUseCase(i, v); }));
            if (renamed)
                setScenarios(scenarios, text);
            if (rulesRenamed)
                setActuals(acts, text);
            if (planRenamed)
                setPlanActual(planActual, text);
            m_undoStack->endMacro();
            return;
        }
    }
    m_undoStack->push(new ChangeValueCommand<UseCase>(
        this, MergeUseCase, index, current, useCase, text, mergeKey,
        [](Document &d, int i, const UseCase &v) { d.assignUseCase(i, v); }));
}

void Document::insertUseCase(int index, const UseCase &useCase, const QString &text)
{
    m_undoStack->push(new InsertUseCaseCommand(this, index, useCase, text));
}

void Document::removeUseCase(int index)
{
    // A deleted use case leaves the recalibration list in the same step.
    PlanActualSettings planActual = m_workbook.planActual;
    if (planActual.forgetUseCase(m_workbook.useCases.at(static_cast<std::size_t>(index)).name)) {
        auto *remove = new RemoveUseCaseCommand(this, index);
        m_undoStack->beginMacro(remove->text());
        m_undoStack->push(remove);
        setPlanActual(planActual, remove->text());
        m_undoStack->endMacro();
        return;
    }
    m_undoStack->push(new RemoveUseCaseCommand(this, index));
}

void Document::setPlanActual(const PlanActualSettings &settings, const QString &text,
                             const QString &mergeKey)
{
    if (settings == m_workbook.planActual)
        return;
    m_undoStack->push(new ChangeValueCommand<PlanActualSettings>(
        this, MergePlanActual, 0, m_workbook.planActual, settings, text, mergeKey,
        [](Document &d, int, const PlanActualSettings &v) { d.assignPlanActual(v); }));
}

void Document::assignPlanActual(const PlanActualSettings &settings)
{
    m_workbook.planActual = settings;
    touched(Change::Settings, -1);
}

void Document::moveUseCase(int from, int to)
{
    const int n = static_cast<int>(m_workbook.useCases.size());
    if (from == to || from < 0 || to < 0 || from >= n || to >= n)
        return;
    m_undoStack->push(new MoveUseCaseCommand(this, from, to));
}

void Document::assignSettings(const Settings &settings)
{
    m_workbook.settings = settings;
    touched(Change::Settings, -1);
}

void Document::assignUncertainty(const UncertaintySetup &setup)
{
    m_workbook.uncertainty = setup;
    touched(Change::Settings, -1);
}

void Document::assignSnapshots(const std::vector<Snapshot> &snapshots)
{
    m_workbook.snapshots = snapshots;
    touched(Change::Settings, -1);
}

void Document::assignActuals(const actuals::Actuals &actuals)
{
    m_workbook.actuals = actuals;
    touched(Change::Actuals, -1);
}

void Document::assignWarehouse(const WarehouseConnection &connection)
{
    m_workbook.warehouse = connection;
    touched(Change::Actuals, -1);
}

void Document::assignPriceBook(const std::vector<PriceEntry> &prices)
{
    m_workbook.priceBook = prices;
    touched(Change::PriceBook, -1);
}

void Document::assignScenarios(const std::vector<Scenario> &scenarios)
{
    m_workbook.scenarios = scenarios;
    touched(Change::Scenarios, -1);
}

void Document::assignUseCase(int index, const UseCase &useCase)
{
    m_workbook.useCases.at(static_cast<std::size_t>(index)) = useCase;
    touched(Change::UseCase, index);
}

void Document::insertUseCaseNow(int index, const UseCase &useCase)
{
    m_workbook.useCases.insert(m_workbook.useCases.begin() + index, useCase);
    touched(Change::UseCaseList, index);
}

void Document::removeUseCaseNow(int index)
{
    m_workbook.useCases.erase(m_workbook.useCases.begin() + index);
    touched(Change::UseCaseList, std::min(index, static_cast<int>(m_workbook.useCases.size()) - 1));
}

void Document::moveUseCaseNow(int from, int to)
{
    auto &v = m_workbook.useCases;
    UseCase moved = std::move(v[static_cast<std::size_t>(from)]);
    v.erase(v.begin() + from);
    v.insert(v.begin() + to, std::move(moved));
    touched(Change::UseCaseList, to);
}

void Document::touched(Change change, int useCase)
{
    if (!recomputeVisibleFirst(change))
        recompute();
    Q_EMIT changed(change, useCase);
    Q_EMIT resultsChanged();
    scheduleAutosave();
}

void Document::recompute()
{
    QElapsedTimer timer;
    timer.start();
    compute(m_workbook, computeOptions(), m_results);
    m_lastComputeMs = static_cast<double>(timer.nsecsElapsed()) / 1e6;
    m_resultsComplete = true;
    m_completeTimer->stop();
}

bool Document::recomputeVisibleFirst(Change change)
{
    const Workbook &wb = m_workbook;
    const std::size_t sc = wb.scenarios.size();
    const int v = m_visibleScenario;
    if (v < 0 || sc < 2 || static_cast<std::size_t>(v) >= sc
        || (change != Change::UseCase && change != Change::PriceBook && change != Change::Settings))
        return false;
    // Only the visible scenario is replaced: the results must keep their shape (use cases,
    // scenarios, months), else the other scenarios could not stay as they were for a moment.
    const Results &r = m_results;
    const std::size_t n = wb.useCases.size();
    if (r.useCaseCount != static_cast<int>(n) || r.months != wb.settings.horizonMonths
        || !(r.startMonth == wb.settings.startMonth) || r.scenarios.size() != sc
        || r.cases.size() != n * sc || r.portfolio.size() != sc)
        return false;
    for (std::size_t s = 0; s < sc; ++s) {
        if (r.scenarios[s] != wb.scenarios[s].name)
            return false;
    }
    QElapsedTimer timer;
    timer.start();
    ComputeOptions options = computeOptions();
    options.onlyScenario = v;
    compute(wb, options, m_visibleResults);
    const std::size_t vs = static_cast<std::size_t>(v);
    // Swapped, not copied (200 use cases × 120 months of rows): the buffer keeps the old rows,
    // which its next compute overwrites.
    for (std::size_t u = 0; u < n; ++u)
        std::swap(m_results.cases[u * sc + vs], m_visibleResults.cases[u * sc + vs]);
    std::swap(m_results.portfolio[vs], m_visibleResults.portfolio[vs]);
    m_lastComputeMs = static_cast<double>(timer.nsecsElapsed()) / 1e6;
    m_resultsComplete = false;
    m_completeTimer->start();
    return true;
}

void Document::setVisibleScenario(int scenario)
{
    if (scenario == m_visibleScenario)
        return;
    // The newly visible scenario must be up to date before anyone draws it.
    completeResults();
    m_visibleScenario = scenario;
}

void Document::completeResults()
{
    if (m_resultsComplete)
        return;
    recompute();
    Q_EMIT resultsCompleted();
}

void Document::setRecoveryDirectory(const QString &directory)
{
    if (m_recovery) {
        discardRecovery();
        m_recovery.reset();
    }
    if (directory.isEmpty())
        return;
    static int counter = 0;
    m_recovery = std::make_unique<RecoverySlot>();
    m_recovery->path = QStringLiteral("%1/session-%2-%3.roiwb")
                           .arg(directory)
                           .arg(QCoreApplication::applicationPid())
                           .arg(++counter);
    QDir().mkpath(directory);
    m_recovery->lock =
        std::make_unique<QLockFile>(recoverySibling(m_recovery->path, QStringLiteral(".lock")));
    m_recovery->lock->tryLock(0);
    if (isModified())
        scheduleAutosave();
}

QString Document::recoveryFilePath() const
{
    return m_recovery ? m_recovery->path : QString();
}

void Document::scheduleAutosave()
{
    // Not "if modified": a command's redo runs before the stack counts it, so the document
    // looks clean here during the first edit. The timer checks when it fires.
    if (!m_recovery)
        return;
    if (!m_autosaveTimer->isActive())
        m_autosaveTimer->start();
}

QByteArray Document::recoveryInfo() const
{
    QJsonObject info;
    info.insert(QStringLiteral("originalPath"), m_filePath);
    info.insert(QStringLiteral("name"), QString::fromStdString(m_workbook.settings.name));
    info.insert(QStringLiteral("savedAt"),
                QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
    return QJsonDocument(info).toJson(QJsonDocument::Compact);
}

void Document::flushAutosaveAsync()
{
    if (!m_recovery || !isModified())
        return;
    const SaveResult saved = writeWorkbook(m_workbook);
    if (!saved.ok()) {
        Q_EMIT autosaveFailed(problemsText(saved.errors));
        return;
    }
    m_autosaver->post(m_recovery->path, QByteArray::fromStdString(saved.text), recoveryInfo());
}

void Document::flushAutosave()
{
    m_autosaveTimer->stop();
    if (!m_recovery || !isModified())
        return;
    m_autosaver->waitForIdle();
    const SaveResult saved = writeWorkbook(m_workbook);
    QString error;
    if (!saved.ok()) {
        Q_EMIT autosaveFailed(problemsText(saved.errors));
    } else if (m_autosaver->writeNow(m_recovery->path, QByteArray::fromStdString(saved.text),
                                     recoveryInfo(), &error)) {
        m_lastAutosave = QDateTime::currentDateTime();
        Q_EMIT autosaved(m_lastAutosave);
    } else {
        Q_EMIT autosaveFailed(error);
    }
}

void Document::discardRecovery()
{
    if (!m_recovery)
        return;
    m_autosaver->waitForIdle();
    QFile::remove(m_recovery->path);
    QFile::remove(recoverySibling(m_recovery->path, QStringLiteral(".info")));
}

} // namespace roi
