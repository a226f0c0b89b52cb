#include "importrunner.h"

#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

namespace roi {

ImportRunner::ImportRunner(QObject *parent)
    : QObject(parent)
    , m_watcher(new QFutureWatcher<ActualsImportOutcome>(this))
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
        ActualsImportOutcome outcome = m_watcher->result();
        if (m_shared && m_shared->cancel.load() && !outcome.cancelled) {
            // Cancelled after the importer's last progress call: still nothing to apply.
            outcome = ActualsImportOutcome{};
            outcome.cancelled = true;
        }
        m_shared.reset();
        Q_EMIT finished(outcome);
    });
}

ImportRunner::~ImportRunner()
{
    cancel();
    m_watcher->waitForFinished();
}

bool ImportRunner::start(const Workbook &workbook, ActualsImportRequest request)
{
    if (isRunning())
        return false;
    m_shared = std::make_shared<Shared>();
    auto shared = m_shared;
    auto hook = m_hook;
    request.progress = [shared, hook](std::uint64_t done, std::uint64_t total) {
        shared->done = done;
        shared->total = total;
        if (hook)
            hook(done, total);
        return !shared->cancel.load();
    };
    m_request = request;
    m_request.progress = nullptr; // the copy kept here holds no reference to the run
    // The worker reads its own copy of the workbook: the document may change while it runs.
    m_watcher->setFuture(QtConcurrent::run(
        [workbook, request = std::move(request)] { return runActualsImport(workbook, request); }));
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
