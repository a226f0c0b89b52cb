#include "actualscontroller.h"

#include "actualscommands.h"
#include "document.h"
#include "importactualsdialog.h"

#include "actuals/actualspage.h"
#include "actuals/customerrevenue.h"

#include <QAction>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMainWindow>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTimer>
#include <QUndoStack>
#include <QVBoxLayout>

#include <cmath>

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

    connect(m_doc, &Document::changed, this, &ActualsController::workbookChanged);
    connect(m_doc, &Document::changed, this, [this](Change change) {
        if (change == Change::Everything && isImporting()) {
            m_workbookReplaced = true;
            m_runner->cancel();
        }
    });
}

ActualsPage *ActualsController::page()
{
    if (m_page)
        return m_page;
    m_page = new ActualsPage;
    m_stale = true;
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
    connect(m_page, &ActualsPage::customerRevenueEdited, this,
            [this](const std::vector<actuals::CustomerRevenue> &entries, const QString &text) {
                setCustomerRevenue(*m_doc, entries, text);
            });
    connect(m_page, &ActualsPage::importRevenueRequested, this,
            [this] { importCustomerRevenue(); });
    connect(m_page, &ActualsPage::removeImportRequested, this, [this](std::uint32_t id) {
        const actuals::ImportRecord *rec = m_doc->workbook().actuals.findImport(id);
        if (!rec)
            return;
        const QString name = qs(rec->fileName);
        removeActualsImport(*m_doc, id);
        m_window->statusBar()->showMessage(
            tr("Removed the import of %1 — Undo (Ctrl+Z) brings it back.").arg(name), 8000);
    });
    Q_EMIT pageCreated(m_page);
    return m_page;
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
            tr("Usage and cost exports (*.csv *.csv.gz *.gz *.json *.jsonl *.ndjson *.tsv);;All "
               "files (*)"));
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

bool ActualsController::importCustomerRevenue(const QString &given)
{
    QString path = given;
    if (path.isEmpty()) {
        QSettings settings;
        const QString dir =
            settings
                .value(QStringLiteral("actuals/lastDir"),
                       QStandardPaths::writableLocation(QStandardPaths::DownloadLocation))
                .toString();
        path = QFileDialog::getOpenFileName(m_window, tr("Import Customer Revenue"), dir,
                                            tr("CSV files (*.csv *.tsv *.txt);;All files (*)"));
        if (path.isEmpty())
            return false;
    }
    const QString file = QFileInfo(path).fileName();
    auto refuse = [&](const QString &why, const QStringList &details) {
        QMessageBox box(QMessageBox::Warning, tr("Customer revenue not imported"),
                        tr("%1 was not imported; nothing changed.\n\n%2").arg(file, why),
                        QMessageBox::Ok, m_window);
        box.setObjectName(QStringLiteral("revenueImportFailedBox"));
        if (!details.isEmpty())
            box.setDetailedText(details.join(QLatin1Char('\n')));
        box.exec();
        return false;
    };
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return refuse(tr("It cannot be read: %1").arg(f.errorString()), {});
    if (f.size() > 64 * 1024 * 1024)
        return refuse(tr("It is larger than 64 MB; a customer,revenue file is much smaller."), {});
    const QByteArray bytes = f.readAll();
    const actuals::RevenueCsv csv =
        actuals::parseCustomerRevenueCsv(std::string_view(bytes.constData(), bytes.size()));
    if (!csv.errors.empty()) {
        QStringList lines;
        for (const std::string &e : csv.errors)
            lines << qs(e);
        return refuse(tr("%n line(s) could not be read, the first: %1", nullptr,
                         static_cast<int>(csv.errors.size()))
                          .arg(lines.front()),
                      lines);
    }
    if (csv.entries.empty())
        return refuse(tr("It holds no customer,revenue line."), {});
    const std::vector<actuals::CustomerRevenue> merged =
        actuals::mergeRevenue(m_doc->workbook().actuals.customerRevenue, csv.entries);
    const int before = m_doc->undoStack()->count();
    setCustomerRevenue(*m_doc, merged, tr("Import customer revenue from %1").arg(file));
    const bool changed = m_doc->undoStack()->count() != before;
    m_window->statusBar()->showMessage(
        changed ? tr("Read the revenue of %n customer(s) from %1.", nullptr,
                     static_cast<int>(csv.entries.size()))
                      .arg(file)
                : tr("%1 holds the revenues the workbook already has; nothing changed.").arg(file),
        10000);
    return changed;
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
    if (!outcome.ok && !outcome.missingRates.empty()) {
        askRatesAndRetry(outcome);
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

void ActualsController::askRatesAndRetry(const ActualsImportOutcome &outcome)
{
    const ActualsImportRequest request = m_runner->request(); // copied: a new run replaces it
    const QString file = QFileInfo(request.path).fileName();
    const QString currency = qs(m_doc->workbook().settings.currency);
    QStringList names;
    for (const std::string &c : outcome.missingRates)
        names << qs(c);

    QDialog dialog(m_window);
    dialog.setObjectName(QStringLiteral("lateRatesDialog"));
    dialog.setWindowTitle(tr("Currency Rate Needed"));
    auto *layout = new QVBoxLayout(&dialog);
    auto *text = new QLabel(
        tr("%1 has costs in %2 in rows after the ones the preview showed, and the workbook is "
           "in %3. Nothing has been imported yet.\n\nGive the rate to import the whole file "
           "with it (it is stored with the import), or cancel.")
            .arg(file, names.join(QStringLiteral(", ")), currency),
        &dialog);
    text->setWordWrap(true);
    layout->addWidget(text);
    auto *form = new QFormLayout;
    std::vector<std::pair<std::string, QLineEdit *>> edits;
    for (const std::string &c : outcome.missingRates) {
        auto *row = new QHBoxLayout;
        auto *edit = new QLineEdit(&dialog);
        edit->setObjectName(QStringLiteral("rate") + qs(c));
        edit->setPlaceholderText(tr("rate"));
        edit->setMaximumWidth(120);
        row->addWidget(edit);
        row->addWidget(new QLabel(currency, &dialog));
        row->addStretch();
        form->addRow(tr("1 %1 =").arg(qs(c)), row);
        edits.emplace_back(c, edit);
    }
    layout->addLayout(form);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    QPushButton *ok = buttons->button(QDialogButtonBox::Ok);
    ok->setText(tr("&Import"));
    ok->setObjectName(QStringLiteral("importButton"));
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    auto given = [&edits] {
        std::vector<actuals::CurrencyRate> rates;
        for (const auto &[c, edit] : edits) {
            bool valid = false;
            const double rate = QLocale().toDouble(edit->text(), &valid);
            if (valid && std::isfinite(rate) && rate > 0)
                rates.push_back({c, rate});
        }
        return rates;
    };
    auto update = [&] {
        ok->setEnabled(given().size() == edits.size());
    };
    for (const auto &[c, edit] : edits)
        connect(edit, &QLineEdit::textChanged, &dialog, update);
    update();

    if (dialog.exec() != QDialog::Accepted) {
        const QString message = tr("Import of %1 cancelled; nothing changed.").arg(file);
        m_window->statusBar()->showMessage(message, 8000);
        Q_EMIT importFinished(false, message);
        return;
    }
    std::vector<actuals::CurrencyRate> rates = request.rates;
    for (const actuals::CurrencyRate &r : given())
        rates.push_back(r);
    actuals::ImportOptions options;
    options.format = request.format;
    options.mapping = request.mapping;
    if (!startImport(request.path, options, m_saveMapping, std::move(rates))) {
        const QString message = tr("Import of %1 could not start again.").arg(file);
        m_window->statusBar()->showMessage(message, 8000);
        Q_EMIT importFinished(false, message);
    }
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
        QString text = tr("%1 covers %2, which overlaps earlier imports of the same kind:\n\n%3"
                          "\n\nReplace them with this file, keep both (when they hold different "
                          "usage), or cancel the import?")
                           .arg(file, rangeText(rec), earlier.join(QLatin1Char('\n')));
        if (!conflicts.crossFormat.empty()) {
            // A usage export against a cost export of the same provider and days.
            const bool newIsCost = actuals::sourceKind(rec.format) == "cost";
            text = tr("%1 is a %2 export covering %3. The earlier import(s)\n\n%4\n\nare %5 "
                      "exports of the same provider for some of the same days. A usage export "
                      "(tokens, priced from the price book) and a cost export (what was billed) "
                      "describe the same spend: keeping both counts it twice.\n\nReplace the "
                      "earlier import(s) with this file, keep both (only if they cover different "
                      "usage), or cancel the import?")
                       .arg(file, newIsCost ? tr("cost") : tr("usage"), rangeText(rec),
                            earlier.join(QLatin1Char('\n')), newIsCost ? tr("usage") : tr("cost"));
        }
        QMessageBox box(QMessageBox::Question, tr("Overlapping import"), text,
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
    page()->setWorkbook(m_doc->workbook());
}

} // namespace roi
