// Runs a report export on a worker thread while a modal progress dialog (with Cancel) keeps the
// window responsive. The exporter reports progress through ReportOptions::progress; a cancelled
// export writes nothing, so the file that was there stays as it was.
#pragma once

#include "reportexporter.h"

#include <QString>
#include <QStringList>

class QWidget;

namespace roi {

struct ExportOutcome
{
    bool ok = false;
    bool cancelled = false;
    QString error;       // when neither ok nor cancelled
    QStringList written; // when ok
};

/// Exports a copy of `workbook` and `results` on a worker thread and returns when it is done,
/// running the event loop meanwhile; the progress dialog appears after a short moment over
/// `parent`. Must be called on the GUI thread.
ExportOutcome runExport(QWidget *parent, const Workbook &workbook, const Results &results,
                        ReportFormat format, ReportOptions options);

} // namespace roi
