// The "Uncertainty and sensitivity" section of the PDF and HTML reports: the Monte Carlo run the
// workbook describes (its trials, seed and sampling method, printed so a reader can reproduce
// it), the percentile table, P(ROI > 0), P(NPV > 0), P(payback), the fan chart and the NPV
// histogram, and what drives NPV.
#pragma once

#include "reportcontent.h"

#include <QLocale>
#include <QString>

#include <string>
#include <vector>

namespace roi {

struct Workbook;

/// Appends the section (starting on a new page) to `html`: the run on `scenario` (a scenario
/// name; empty: Base) with the workbook's trials, seed and sampling method, the percentile
/// table, the probabilities, the fan chart and the NPV histogram (pushed to `charts`, drawn from
/// this one run), what drives NPV and the use cases side by side. A short paragraph saying why
/// when there is no simulation (no uncertain input, a set-up that does not run).
void appendUncertaintySection(QString &html, std::vector<ReportChart> &charts,
                              const Workbook &workbook, const std::string &scenario,
                              const QLocale &locale, int contentWidth);

/// The section's HTML alone, on Base, without its charts (tests).
QString uncertaintySectionHtml(const Workbook &workbook, const QLocale &locale);

} // namespace roi
