// Runs one import of a usage or cost export on a worker thread: the importer streams the file
// into a RollupBuilder (which copied what it needs from the workbook at the start), the file's
// SHA-256 is computed alongside, and the result comes back as a PendingImport to apply on the
// GUI thread as one edit. Progress in bytes; Cancel stops the worker at its next progress call,
// and a cancelled or failed run hands back nothing to apply.
#pragma once

#include "actuals/actualsimport.h"
#include "actuals/import/importer.h"
#include "workbook.h"

#include <QFutureWatcher>
#include <QObject>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>
#include <set>
#include <string>

class QTimer;

namespace roi {

struct ImportOutcome
{
    bool ok = false;
    bool cancelled = false;
    QString error; // when neither ok nor cancelled
    actuals::PendingImport pending;
    actuals::ImportStats stats;
    std::set<std::string> missingRates; // currencies without a rate (their rows left out)
};

/// The whole import, synchronously (the worker's body; tests and the command line may call it).
/// `cancel` is read at every progress call; `progress` receives bytes done and total.
/// `rates` are currency rates given for this import (stored with it).
ImportOutcome runImport(const Workbook &workbook, const QString &path,
                        const actuals::ImportOptions &options,
                        const std::vector<actuals::CurrencyRate> &rates,
                        const std::atomic<bool> &cancel,
                        const std::function<void(std::uint64_t, std::uint64_t)> &progress = {});

class ImportRunner : public QObject
{
    Q_OBJECT

public:
    explicit ImportRunner(QObject *parent = nullptr);
    ~ImportRunner() override;

    /// Starts importing `path` against a copy of `workbook`. Refused while one runs.
    bool start(const Workbook &workbook, const QString &path, actuals::ImportOptions options,
               std::vector<actuals::CurrencyRate> rates = {});
    void cancel();
    bool isRunning() const;
    /// Blocks until the running import (if any) has stopped; its `finished` still follows.
    void waitForFinished();
    QString path() const { return m_path; }

    /// For tests: called on the worker thread at each progress call, before Cancel is read.
    void setWorkerProgressHook(std::function<void(std::uint64_t, std::uint64_t)> hook)
    {
        m_hook = std::move(hook);
    }

Q_SIGNALS:
    /// Bytes read so far and the file's size (0 = unknown), now and then.
    void progress(qint64 done, qint64 total);
    void finished(const roi::ImportOutcome &outcome);

private:
    struct Shared
    {
        std::atomic<bool> cancel{false};
        std::atomic<std::uint64_t> done{0};
        std::atomic<std::uint64_t> total{0};
    };
    std::shared_ptr<Shared> m_shared;
    QFutureWatcher<ImportOutcome> *m_watcher;
    QTimer *m_tick;
    QString m_path;
    std::function<void(std::uint64_t, std::uint64_t)> m_hook;
};

} // namespace roi
