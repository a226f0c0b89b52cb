// The one-page decision memo: the ask (investment and run cost), the return as a range, NPV at
// the hurdle rate, payback, the three assumptions the result is most sensitive to, the top risks
// from the model checks and the measurement plan (day 30, 90, 365). One A4 PDF page.
#pragma once

#include "results.h"
#include "workbook.h"

#include <QByteArray>
#include <QDate>
#include <QString>

namespace roi {

struct MemoOptions
{
    int scenario = -1; // the headline scenario; -1: Base
    QDate today;       // the memo date; null: today
};

/// The memo as HTML for QTextDocument (also readable in a browser).
QString memoHtml(const Workbook &workbook, const Results &results, const MemoOptions &options);

/// The PDF bytes: one A4 page (the text shrinks, down to a floor, to stay on one page). Empty
/// with a message in `error` on failure. Needs a QGuiApplication for fonts.
QByteArray renderMemoPdf(const Workbook &workbook, const Results &results,
                         const MemoOptions &options, QString *error);

/// Writes the PDF atomically to `path`.
bool writeMemoPdf(const Workbook &workbook, const Results &results, const MemoOptions &options,
                  const QString &path, QString *error);

} // namespace roi
