#include "importrunner.h"

#include "actuals/rollup.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

namespace roi {

namespace {

QString qs(std::string_view s)
{
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

} // namespace

ImportOutcome runImport(const Workbook &workbook, const QString &path,
                        const actuals::ImportOptions &options,
                        const std::vector<actuals::CurrencyRate> &rates,
                        const std::atomic<bool> &cancel,
                        const std::function<void(std::uint64_t, std::uint64_t)> &progress)
{
    ImportOutcome out;
    const std::uint32_t id = workbook.actuals.nextImportId();
    actuals::RollupBuilder builder(workbook, id, rates);
    out.pending.newRates = rates;
    actuals::ImportOptions opts = options;
    opts.progress = [&](std::uint64_t done, std::uint64_t total) {
        if (progress)
            progress(done, total);
        return !cancel.load();
    };
    const actuals::ImportResult result =
        actuals::importFile(QFile::encodeName(path).toStdString(), opts,
                            [&builder](const actuals::UsageRecord &r) { builder.add(r); });
    out.stats = result.stats;
    if (result.cancelled || cancel.load()) {
        out.cancelled = true;
        return out;
    }
    if (!result.ok) {
        out.error = qs(result.error);
        return out;
    }
    out.missingRates = builder.missingRates();

    // The SHA-256 of the bytes on disk: a second pass, cheap next to parsing.
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        out.error = QObject::tr("Cannot read %1: %2").arg(path, file.errorString());
        return out;
    }
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!hash.addData(&file)) {
        out.error = QObject::tr("Cannot read %1: %2").arg(path, file.errorString());
        return out;
    }
    if (cancel.load()) {
        out.cancelled = true;
        return out;
    }

    actuals::ImportRecord &rec = out.pending.record;
    rec.id = id;
    rec.fileName = QFileInfo(path).fileName().toStdString();
    rec.sha256 = hash.result().toHex().toStdString();
    rec.format = std::string(actuals::formatName(result.stats.format));
    rec.formatDetail = result.stats.formatDetail;
    if (options.mapping && result.stats.format == actuals::SourceFormat::MappedCsv)
        rec.mapping = options.mapping->name;
    rec.importedAt = QDateTime::currentDateTimeUtc()
                         .toString(QStringLiteral("yyyy-MM-ddTHH:mm:ssZ"))
                         .toStdString();
    rec.providers = builder.providers();
    rec.firstDay = result.stats.firstDay;
    rec.lastDay = result.stats.lastDay;
    rec.rowsRead = result.stats.rowsRead;
    rec.rowsUsed = builder.rowsAdded();
    rec.rowsRefused = result.stats.rowsRefused;
    rec.rowsSkipped = result.stats.rowsSkipped;
    rec.rowsUnpriced = builder.rowsUnpriced();
    out.pending.table = builder.finish();
    out.ok = true;
    return out;
}

ImportRunner::ImportRunner(QObject *parent)
    : QObject(parent)
    , m_watcher(new QFutureWatcher<ImportOutcome>(this))
    , m_tick(new QTimer(this))
{
    m_tick->setInterval(100);
    connect(m_tick, &QTimer::timeout, this, [this] {
        if (m_shared)
            Q_EMIT progress(static_cast<qint64>(m_shared->done.load()),
                            static_cast<qint64>(m_shared->total.load()));
    });
    connect(m_watcher, &QFutureWatcherBase::finished, this, [this] {
        m_tick->stop();
        ImportOutcome outcome = m_watcher->result();
        if (m_shared && m_shared->cancel.load() && !outcome.cancelled) {
            // Cancelled after the last progress call: still nothing to apply.
            outcome = ImportOutcome{};
            outcome.cancelled = true;
        }
        m_shared.reset();
        Q_EMIT finished(outcome);
    });
}

ImportRunner::~ImportRunner()
{
    if (m_shared)
        m_shared->cancel = true;
    m_watcher->waitForFinished();
}

bool ImportRunner::start(const Workbook &workbook, const QString &path,
                         actuals::ImportOptions options, std::vector<actuals::CurrencyRate> rates)
{
    if (isRunning())
        return false;
    m_path = path;
    m_shared = std::make_shared<Shared>();
    auto shared = m_shared;
    auto hook = m_hook;
    // The worker reads its own copy: the document may change while it runs.
    m_watcher->setFuture(QtConcurrent::run([shared, hook, workbook, path, options, rates] {
        return runImport(workbook, path, options, rates, shared->cancel,
                         [shared, hook](std::uint64_t done, std::uint64_t total) {
                             shared->done = done;
                             shared->total = total;
                             if (hook)
                                 hook(done, total);
                         });
    }));
    m_tick->start();
    return true;
}

void ImportRunner::cancel()
{
    if (m_shared)
        m_shared->cancel = true;
}

bool ImportRunner::isRunning() const
{
    return m_shared != nullptr;
}

void ImportRunner::waitForFinished()
{
    m_watcher->waitForFinished();
}

} // namespace roi
