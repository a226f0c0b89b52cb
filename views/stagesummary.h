// Texts the maturity stage decides, shared by the window and the report: whether ROI is
// provisional, the stage's signals from the scorecard, its measurement window and the hurdle
// and cashable lines under the headline.
#pragma once

#include "numberformat.h"

#include "results.h"
#include "workbook.h"

#include <QString>

namespace roi {

/// Whether the headline ROI of `useCase` (-1: the portfolio) is provisional: the use case, or
/// any use case of the portfolio, is in the readiness or productivity stage.
bool headlineIsProvisional(const Workbook &wb, int useCase);
/// "ROI" or "ROI (provisional)".
QString roiTitle(const Workbook &wb, int useCase);
/// Rich text: the stage, what it leads with (the stage signals with baseline → target), and
/// the review window. For the portfolio, how many use cases are provisional.
QString stageSignalsHtml(const Workbook &wb, int useCase);
/// Rich text for the scorecard: the stage's review window and the reviews of day 30, 90 and 365
/// with their dates and the buckets each reads.
QString reviewDatesHtml(const UseCase &useCase);
/// Rich text: NPV at the hurdle, IRR against it (pass/fail), discounted payback.
QString hurdleHtml(const Kpis &k, const NumberFormat &fmt);
/// Rich text: cashable value in the headline, capacity value apart (or counted, per setting).
QString cashableHtml(const Workbook &wb, const Kpis &k, const NumberFormat &fmt);

} // namespace roi
