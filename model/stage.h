// What the maturity stage decides: whether ROI leads or is provisional, the stage's signals
// (scorecard metrics) and when to measure them — the measurement window of the stage and the
// plan for day 30, 90 and 365 after go-live.
#pragma once

#include "calendar.h"
#include "usecase.h"

#include <string>
#include <vector>

namespace roi {

/// Readiness and productivity cases lead with stage signals: their ROI is provisional until a
/// decision or business-impact review has measured it.
bool roiIsProvisional(MaturityStage stage);

/// The scorecard buckets a stage leads with: adoption, speed, quality and cost per task for
/// readiness and productivity; outcomes and cost for decision and business impact.
std::vector<ScorecardBucket> leadingBuckets(MaturityStage stage);

/// The first day of the go-live month, delay included.
Date goLiveDate(const UseCase &useCase);
/// `date` plus `days` days.
Date addDays(Date date, int days);

/// When the stage's effect can first be read: 2 to 4 weeks after go-live for readiness and
/// productivity (productivity effects), 1 to 2 quarters for decision and business impact.
struct MeasurementWindow
{
    Date from;
    Date to;
    std::string what; // e.g. "productivity effects: 2-4 weeks after go-live"
};
MeasurementWindow measurementWindow(const UseCase &useCase);

/// One review of the measurement plan: the day after go-live, its date, the scorecard buckets
/// read then and the question the review answers.
struct PlanReview
{
    int day = 0;
    Date date;
    std::vector<ScorecardBucket> buckets;
    std::string question;
};
/// Day 30 (adoption and speed), day 90 (quality and cost per task) and day 365 (outcomes, and
/// ROI and NPV against the case).
std::vector<PlanReview> measurementPlan(const UseCase &useCase);

/// "Agents using the assistant weekly 0 → 85 %" for each metric of `bucket`; empty if none.
std::vector<std::string> metricLines(const UseCase &useCase, ScorecardBucket bucket);

} // namespace roi
