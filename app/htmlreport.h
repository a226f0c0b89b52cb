// The HTML report: one self-contained file (charts as SVG data URIs, the logo as a PNG data URI,
// styles inline), no external reference of any kind, every piece of user text escaped.
#pragma once

#include "reportcontent.h"

#include <QByteArray>
#include <QString>

namespace roi {

/// The UTF-8 bytes of the HTML file; empty with a message in `error` on failure. Needs a
/// QApplication (the charts are drawn). The content's parts are written where they stand
/// (resolveParts).
QByteArray renderHtmlReport(ReportContent &content, const Workbook &workbook,
                            const Results &results, const ReportOptions &options, QString *error);

} // namespace roi
