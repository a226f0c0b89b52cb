// The report's "Sensitivity (tornado)" subsection: a tornado chart of the NPV and the table of
// swings, for one use case or the portfolio. Written apart from reportcontent.cpp so the
// uncertainty section can take it in as it is.
#pragma once

#include "reportcontent.h"

#include <QString>

#include <vector>

namespace roi {

/// Appends the subsection's HTML to `html` and its chart to `charts` (placeholders as
/// ReportChart describes), with defaultTornadoOptions (P10 to P90 of the uncertainty set-up when
/// the workbook has one, else Worst and Best, else ±20%). Writes nothing when no input can be
/// varied.
void appendTornadoSection(QString &html, std::vector<ReportChart> &charts, const Workbook &workbook,
                          int useCase, int scenario, const NumberFormat &format, int contentWidth);

} // namespace roi
