#include "exportrunner.h"

#include <QEventLoop>
#include <QProgressDialog>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <memory>

namespace roi {

ExportOutcome runExport(QWidget *parent, const Workbook &workbook, const Results &results,
                        ReportFormat format, ReportOptions options)
{
    struct Shared
    {
        Workbook workbook;
        Results results;
        std::atomic<bool> cancel{false};
        std::atomic<int> permille{0};
        ExportOutcome outcome;
    };
    // The worker reads its own copies: the document may change while it runs.
    auto shared = std::make_shared<Shared>();
    shared->workbook = workbook;
    shared->results = results;
    options.progress = [shared](double done) {
        shared->permille = static_cast<int>(std::clamp(done, 0.0, 1.0) * 1000);
        return !shared->cancel.load();
    };

    QProgressDialog progress(QObject::tr("Exporting %1…").arg(reportFormatLabel(format)),
                             QObject::tr("Cancel"), 0, 1000, parent);
    progress.setWindowTitle(QObject::tr("Export"));
    progress.setWindowModality(Qt::WindowModal);
    progress.setAutoClose(false);
    progress.setAutoReset(false);
    progress.setMinimumDuration(400);
    progress.setValue(0);
    QObject::connect(&progress, &QProgressDialog::canceled, &progress, [shared, &progress] {
        shared->cancel = true;
        progress.setLabelText(QObject::tr("Cancelling…"));
    });

    std::unique_ptr<QThread> worker(QThread::create([shared, format, options] {
        ExportOutcome &out = shared->outcome;
        out.ok = exportReport(shared->workbook, shared->results, format, options, &out.error,
                              &out.written);
        out.cancelled = !out.ok && shared->cancel.load();
    }));
    QEventLoop loop;
    QObject::connect(worker.get(), &QThread::finished, &loop, &QEventLoop::quit);
    QTimer tick;
    QObject::connect(&tick, &QTimer::timeout, &progress, [&] {
        // Escape or closing the dialog cancels it too, without the canceled() signal.
        if (progress.wasCanceled())
            shared->cancel = true;
        if (!shared->cancel)
            progress.setValue(std::min(999, shared->permille.load()));
    });
    tick.start(50);
    worker->start();
    // Charts are drawn on this thread when the worker asks (guithread.h): keep the loop running.
    loop.exec();
    worker->wait();
    tick.stop();
    progress.reset();
    return shared->outcome;
}

} // namespace roi
