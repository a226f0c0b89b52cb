// The Excel export (libxlsxwriter): a Summary sheet with the KPIs of every use case and scenario
// and the portfolio, the run rate by cost layer, one sheet of monthly series per use case (and the
// portfolio), and the model checks. Numbers are numbers with currency and percent formats.
#pragma once

#include "reportexporter.h"

#include <QByteArray>
#include <QSet>
#include <QString>

namespace roi {

/// Above this many use cases the XLSX is written in libxlsxwriter's constant-memory mode (text
/// as inline strings instead of the shared-strings table).
inline constexpr int kConstantMemoryFrom = 20;

/// The .xlsx bytes; empty with a message in `error` on failure.
QByteArray renderXlsx(const Workbook &workbook, const Results &results,
                      const ReportOptions &options, QString *error);

/// A legal, unique worksheet name: at most 31 characters, none of []:*?/\, not starting or
/// ending with an apostrophe, not "History", and unlike every name in `taken` (compared
/// case-insensitively, as Excel does). Adds the result to `taken`.
QString sheetName(const QString &wanted, QSet<QString> &taken);

} // namespace roi
