// Runs one import of a usage or cost export on a worker thread (runActualsImport: the importer
// streaming into a RollupBuilder over a copy of the workbook, and the file's SHA-256), with the
// bytes read reported now and then and Cancel read at each progress call. The outcome comes
// back on the GUI thread, to be applied there as one edit; a cancelled or failed run has
// nothing to apply.
#pragma once

#include "actualsimport.h"

#include <QFutureWatcher>
#include <QObject>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>

class QTimer;

namespace roi {

class ImportRunner : public QObject
{
    Q_OBJECT

public:
    explicit ImportRunner(QObject *parent = nullptr);
    ~ImportRunner() override;

    /// Starts importing `request.path` against a copy of `workbook` (its `progress` is
    /// replaced). Refused while one runs.
    bool start(const Workbook &workbook, ActualsImportRequest request);
    void cancel();
    bool isRunning() const;
    /// Blocks until the running import (if any) has stopped; its `finished` still follows.
    void waitForFinished();
    /// What the last import was started with.
    const ActualsImportRequest &request() const { return m_request; }

    /// For tests: called on the worker thread at each progress call, before Cancel is read.
    void setWorkerProgressHook(std::function<void(std::uint64_t, std::uint64_t)> hook)
    {
        m_hook = std::move(hook);
    }

Q_SIGNALS:
    /// Bytes read so far and the file's size (0 = unknown), now and then.
    void progress(qint64 done, qint64 total);
    void finished(const roi::ActualsImportOutcome &outcome);

private:
    struct Shared
    {
        std::atomic<bool> cancel{false};
        std::atomic<std::uint64_t> done{0};
        std::atomic<std::uint64_t> total{0};
    };
    std::shared_ptr<Shared> m_shared;
    QFutureWatcher<ActualsImportOutcome> *m_watcher;
    QTimer *m_tick;
    ActualsImportRequest m_request;
    std::function<void(std::uint64_t, std::uint64_t)> m_hook;
};

} // namespace roi
