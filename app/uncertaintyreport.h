// The "Uncertainty and sensitivity" section of the PDF and HTML reports: the Monte Carlo run the
// workbook describes (its trials, seed and sampling method, printed so a reader can reproduce
// it), the percentile table, P(ROI > 0), P(NPV > 0), P(payback) and what drives NPV.
#pragma once

#include <QLocale>
#include <QString>

namespace roi {

struct Workbook;

/// The section's HTML (starting on a new page), or a short paragraph saying why there is no
/// simulation (no uncertain input, a set-up that does not run).
QString uncertaintySectionHtml(const Workbook &workbook, const QLocale &locale);

} // namespace roi
