#include "actualscontroller.h"

#include "actualscommands.h"
#include "document.h"
#include "importactualsdialog.h"

#include "actuals/actualspage.h"

#include <QAction>
#include <QFileDialog>
#include <QFileInfo>
#include <QMainWindow>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTimer>
#include <QUndoStack>

namespace roi {

using actuals::OverlapChoice;

namespace {

QString qs(std::string_view s)
{
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

QString issueText(const actuals::ImportIssue &issue)
{
    QString where = QFileInfo(qs(issue.file)).fileName();
    if (issue.line > 0)
        where += QStringLiteral(":%1:%2").arg(issue.line).arg(issue.column);
    return where + QStringLiteral(": ") + qs(issue.message);
}

QString rangeText(const actuals::ImportRecord &r)
{
    return QStringLiteral("%1 – %2").arg(qs(r.firstDay.toString()), qs(r.lastDay.toString()));
}

} // namespace

ActualsController::ActualsController(Document *document, QMainWindow *window)
    : QObject(window)
    , m_doc(document)
    , m_window(window)
    , m_page(new ActualsPage)
    , m_runner(new ImportRunner(this))
{
    m_importAction = new QAction(tr("Import &Actuals…"), this);
    m_importAction->setObjectName(QStringLiteral("importActualsAction"));
    m_importAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I));
    m_importAction->setToolTip(tr("Import a usage or cost export: FOCUS, OpenAI, Anthropic, "
                                  "LiteLLM or any CSV (Ctrl+Shift+I)"));
    connect(m_importAction, &QAction::triggered, this, [this] { importFile(); });

    m_showAction = new QAction(tr("&Actuals"), this);
    m_showAction->setObjectName(QStringLiteral("showActualsAction"));
    m_showAction->setCheckable(true);
    m_showAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
    m_showAction->setToolTip(tr("Imported usage and cost: by month, model, feature, team and "
                                "customer, with the coverage of the attribution (Ctrl+Shift+A)"));
    connect(m_showAction, &QAction::toggled, this, [this](bool on) {
        if (on)
            refreshPage();
    });

    // Progress and Cancel in the status bar: the window stays usable meanwhile.
    m_progress = new QProgressBar(window);
    m_progress->setObjectName(QStringLiteral("importProgress"));
    m_progress->setRange(0, 1000);
    m_progress->setMinimumWidth(200);
    m_progress->setMaximumWidth(260);
    m_progress->hide();
    m_cancel = new QPushButton(tr("Cancel Import"), window);
    m_cancel->setObjectName(QStringLiteral("cancelImport"));
    m_cancel->hide();
    window->statusBar()->addPermanentWidget(m_progress);
    window->statusBar()->addPermanentWidget(m_cancel);
    connect(m_cancel, &QPushButton::clicked, this, &ActualsController::cancelImport);
    connect(m_runner, &ImportRunner::progress, this, [this](qint64 done, qint64 total) {
        const QLocale locale;
        if (total > 0) {
            m_progress->setValue(static_cast<int>(std::min<qint64>(1000, done * 1000 / total)));
            m_progress->setFormat(
                tr("%1 of %2")
                    .arg(locale.formattedDataSize(done), locale.formattedDataSize(total)));
        } else {
            m_progress->setRange(0, 0); // unknown size: busy indicator
        }
    });
    connect(m_runner, &ImportRunner::finished, this, &ActualsController::finished);

    // The page's edits → commands.
    connect(m_page, &ActualsPage::importRequested, this, [this] { importFile(); });
    connect(m_page, &ActualsPage::rulesEdited, this,
            [this](const std::vector<actuals::AttributionRule> &rules, const QString &text) {
                setAttributionRules(*m_doc, rules, text);
            });
    connect(
        m_page, &ActualsPage::allocationEdited, this,
        [this](actuals::AllocationMode mode, const QString &) { setAllocationMode(*m_doc, mode); });
    connect(m_page, &ActualsPage::revenueEdited, this,
            [this](std::optional<double> revenue, const QString &) {
                if (revenue != m_doc->workbook().actuals.revenuePerCustomer)
                    setRevenuePerCustomer(*m_doc, revenue);
            });
    connect(m_page, &ActualsPage::removeImportRequested, this, [this](std::uint32_t id) {
        const actuals::ImportRecord *rec = m_doc->workbook().actuals.findImport(id);
        if (!rec)
            return;
        const QString name = qs(rec->fileName);
        removeActualsImport(*m_doc, id);
        m_window->statusBar()->showMessage(
            tr("Removed the import of %1 — Undo (Ctrl+Z) brings it back.").arg(name), 8000);
    });
    connect(m_doc, &Document::changed, this, &ActualsController::workbookChanged);
    connect(m_doc, &Document::changed, this, [this](Change change) {
        if (change == Change::Everything && isImporting()) {
            m_workbookReplaced = true;
            m_runner->cancel();
        }
    });
}

ActualsController::~ActualsController()
{
    m_runner->cancel();
    m_runner->waitForFinished();
}

bool ActualsController::isUsageFile(const QString &path)
{
    const QString name = QFileInfo(path).fileName().toLower();
    for (const char *ext : {".csv", ".tsv", ".json", ".jsonl", ".ndjson", ".gz"}) {
        if (name.endsWith(QLatin1String(ext)))
            return true;
    }
    return false;
}

void ActualsController::importFile(const QString &given)
{
    if (isImporting()) {
        m_window->statusBar()->showMessage(tr("An import is running; wait for it or cancel it."),
                                           6000);
        return;
    }
    QString path = given;
    QSettings settings;
    if (path.isEmpty()) {
        const QString dir =
            settings
                .value(QStringLiteral("actuals/lastDir"),
                       QStandardPaths::writableLocation(QStandardPaths::DownloadLocation))
                .toString();
        path = QFileDialog::getOpenFileName(
            m_window, tr("Import Actuals"), dir,
            tr("Usage and cost exports (*.csv *.csv.gz *.gz *.json *.jsonl *.tsv);;All files (*)"));
        if (path.isEmpty())
            return;
    }
    settings.setValue(QStringLiteral("actuals/lastDir"), QFileInfo(path).absolutePath());
    const Workbook &wb = m_doc->workbook();
    ImportActualsDialog dialog(path, wb.actuals.mappings, qs(wb.settings.currency), m_window);
    dialog.setKnownRates(wb.actuals.rates);
    if (dialog.exec() != QDialog::Accepted)
        return;
    startImport(path, dialog.options(), dialog.mappingToSave(), dialog.rates());
}

bool ActualsController::startImport(const QString &path, const actuals::ImportOptions &options,
                                    std::optional<actuals::ColumnMapping> saveMapping,
                                    std::vector<actuals::CurrencyRate> rates)
{
    ActualsImportRequest request;
    request.path = path;
    request.format = options.format;
    request.mapping = options.mapping;
    request.rates = std::move(rates);
    if (!m_runner->start(m_doc->workbook(), request))
        return false;
    m_saveMapping = std::move(saveMapping);
    m_workbookReplaced = false;
    m_importAction->setEnabled(false);
    m_progress->setRange(0, 1000);
    m_progress->setValue(0);
    m_progress->setFormat(tr("Starting…"));
    m_progress->show();
    m_cancel->show();
    m_cancel->setEnabled(true);
    m_window->statusBar()->showMessage(tr("Importing %1…").arg(QFileInfo(path).fileName()));
    return true;
}

bool ActualsController::isImporting() const
{
    return m_runner->isRunning();
}

void ActualsController::cancelImport()
{
    if (!isImporting())
        return;
    m_runner->cancel();
    m_cancel->setEnabled(false);
    m_window->statusBar()->showMessage(tr("Cancelling the import…"));
}

void ActualsController::finished(const ActualsImportOutcome &outcome)
{
    m_progress->hide();
    m_cancel->hide();
    m_importAction->setEnabled(true);
    const QString file = QFileInfo(m_runner->request().path).fileName();
    if (m_workbookReplaced) {
        m_workbookReplaced = false;
        const QString message =
            tr("Import of %1 cancelled: another workbook was opened meanwhile.").arg(file);
        m_window->statusBar()->showMessage(message, 10000);
        Q_EMIT importFinished(false, message);
        return;
    }
    if (outcome.cancelled) {
        const QString message = tr("Import of %1 cancelled; nothing changed.").arg(file);
        m_window->statusBar()->showMessage(message, 8000);
        Q_EMIT importFinished(false, message);
        return;
    }
    if (!outcome.ok) {
        m_window->statusBar()->clearMessage();
        QStringList lines;
        for (std::size_t i = 0; i < outcome.result.stats.issues.size() && i < 5; ++i)
            lines << issueText(outcome.result.stats.issues[i]);
        const QString message = qs(outcome.error);
        QMessageBox box(QMessageBox::Critical, tr("Import failed"),
                        tr("%1 was not imported; nothing changed.\n\n%2").arg(file, message),
                        QMessageBox::Ok, m_window);
        box.setObjectName(QStringLiteral("importFailedBox"));
        if (!lines.isEmpty())
            box.setDetailedText(lines.join(QLatin1Char('\n')));
        box.exec();
        Q_EMIT importFinished(false, message);
        return;
    }
    apply(outcome);
}

void ActualsController::apply(const ActualsImportOutcome &outcome)
{
    const actuals::Actuals &current = m_doc->workbook().actuals;
    const actuals::ImportRecord &rec = outcome.pending.record;
    const QString file = qs(rec.fileName);
    const actuals::ImportConflicts conflicts = actuals::findConflicts(current, rec);
    if (conflicts.duplicateOf) {
        const QString message = tr("%1 was already imported (%2); nothing changed.")
                                    .arg(file, qs(conflicts.duplicateOf->importedAt));
        m_window->statusBar()->showMessage(message, 10000);
        Q_EMIT importFinished(false, message);
        return;
    }
    OverlapChoice choice = OverlapChoice::Keep;
    if (!conflicts.overlapping.empty()) {
        QStringList earlier;
        for (const actuals::ImportRecord *r : conflicts.overlapping)
            earlier << QStringLiteral("• %1 (%2)").arg(qs(r->fileName), rangeText(*r));
        QMessageBox box(QMessageBox::Question, tr("Overlapping import"),
                        tr("%1 covers %2, which overlaps earlier imports of the same kind:\n\n%3"
                           "\n\nReplace them with this file, keep both (when they hold different "
                           "usage), or cancel the import?")
                            .arg(file, rangeText(rec), earlier.join(QLatin1Char('\n'))),
                        QMessageBox::NoButton, m_window);
        box.setObjectName(QStringLiteral("overlapBox"));
        QPushButton *replace = box.addButton(tr("&Replace"), QMessageBox::DestructiveRole);
        replace->setObjectName(QStringLiteral("replaceButton"));
        QPushButton *keep = box.addButton(tr("&Keep Both"), QMessageBox::AcceptRole);
        keep->setObjectName(QStringLiteral("keepButton"));
        QPushButton *cancel = box.addButton(QMessageBox::Cancel);
        box.setDefaultButton(cancel);
        box.exec();
        if (box.clickedButton() == replace) {
            choice = OverlapChoice::Replace;
        } else if (box.clickedButton() == keep) {
            choice = OverlapChoice::Keep;
        } else {
            const QString message = tr("Import of %1 cancelled; nothing changed.").arg(file);
            m_window->statusBar()->showMessage(message, 8000);
            Q_EMIT importFinished(false, message);
            return;
        }
    }
    // Checked first on values, so that a refused import pushes not even an empty macro.
    const actuals::ApplyResult check = actuals::applyImport(current, outcome.pending, choice);
    if (check.outcome != actuals::ApplyResult::Outcome::Applied) {
        const QString message = tr("%1 not imported: %2").arg(file, qs(check.message));
        m_window->statusBar()->showMessage(message, 10000);
        Q_EMIT importFinished(false, message);
        return;
    }
    // The import and the mapping it was read with are one edit: one undo takes back both.
    QUndoStack *stack = m_doc->undoStack();
    const bool macro = m_saveMapping.has_value() || m_alsoInMacro;
    if (macro)
        stack->beginMacro(tr("Import actuals from %1").arg(file));
    const actuals::ApplyResult result = applyActualsImport(*m_doc, outcome.pending, choice);
    if (macro) {
        if (m_saveMapping)
            saveColumnMapping(*m_doc, *m_saveMapping);
        if (m_alsoInMacro)
            m_alsoInMacro();
        stack->endMacro();
    }

    QString message = tr("Imported %1: %2 rows read, %3 used, %4 refused")
                          .arg(file)
                          .arg(rec.rowsRead)
                          .arg(rec.rowsUsed)
                          .arg(rec.rowsRefused);
    if (rec.rowsSkipped > 0)
        message += tr(", %1 not usage").arg(rec.rowsSkipped);
    message += QLatin1Char('.');
    if (!result.replaced.empty())
        message += tr(" Replaced %n earlier import(s).", nullptr,
                      static_cast<int>(result.replaced.size()));
    if (!outcome.result.stats.issues.empty())
        message += tr(" First refused: %1").arg(issueText(outcome.result.stats.issues.front()));
    m_window->statusBar()->showMessage(message, 15000);
    m_showAction->setChecked(true);
    refreshPage();
    Q_EMIT importFinished(true, message);
}

void ActualsController::applyOutcome(const ActualsImportOutcome &outcome,
                                     const std::function<void()> &alsoInMacro)
{
    m_saveMapping.reset();
    m_alsoInMacro = alsoInMacro;
    apply(outcome);
    m_alsoInMacro = nullptr;
}

void ActualsController::workbookChanged()
{
    m_stale = true;
    if (m_showAction->isChecked())
        QTimer::singleShot(0, this, &ActualsController::refreshPage);
}

void ActualsController::refreshPage()
{
    if (!m_stale)
        return;
    m_stale = false;
    m_page->setWorkbook(m_doc->workbook());
}

} // namespace roi
