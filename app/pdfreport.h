// Prints the report to PDF: A4, a cover page, running header and footer with page numbers, and
// the charts drawn as vectors straight onto the page (never split across pages).
#pragma once

#include "reportcontent.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace roi {

/// The PDF bytes; empty with a message in `error` on failure. Needs a QApplication. The
/// content's parts are written when their section is laid out (resolveParts); its body is let
/// go once every section is laid out and kept.
QByteArray renderPdfReport(ReportContent &content, const Workbook &workbook, const Results &results,
                           const ReportOptions &options, QString *error);

/// The report body cut where each page-breaking section (`<h1 class="page">`) begins, that
/// heading's break removed: the PDF lays out each section as its own document.
QStringList reportSections(const QString &body);

/// The printable width of an A4 page in CSS pixels (96 dpi), which charts are sized to.
int pdfContentWidth();

} // namespace roi
