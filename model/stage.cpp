#include "stage.h"

#include <cmath>
#include <cstdio>

namespace roi {

namespace {

/// Howard Hinnant's civil_from_days, the inverse of Date::daysSinceEpoch.
Date fromDays(long z)
{
    z += 719468;
    const long era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const long y = static_cast<long>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return Date{static_cast<int>(y + (m <= 2 ? 1 : 0)), static_cast<int>(m), static_cast<int>(d)};
}

std::string number(double v)
{
    char buf[48];
    std::snprintf(buf, sizeof buf, "%.6g", v);
    return buf;
}

} // namespace

bool roiIsProvisional(MaturityStage stage)
{
    return stage == MaturityStage::Readiness || stage == MaturityStage::Productivity;
}

std::vector<ScorecardBucket> leadingBuckets(MaturityStage stage)
{
    if (roiIsProvisional(stage))
        return {ScorecardBucket::Adoption, ScorecardBucket::Speed, ScorecardBucket::Quality,
                ScorecardBucket::Cost};
    return {ScorecardBucket::Outcomes, ScorecardBucket::Cost};
}

Date goLiveDate(const UseCase &useCase)
{
    const YearMonth m =
        useCase.ramp.goLive.addMonths(static_cast<int>(std::lround(useCase.ramp.goLiveDelay)));
    return Date{m.year, m.month, 1};
}

Date addDays(Date date, int days)
{
    if (date.isNull())
        return date;
    return fromDays(date.daysSinceEpoch() + days);
}

MeasurementWindow measurementWindow(const UseCase &useCase)
{
    const Date live = goLiveDate(useCase);
    if (roiIsProvisional(useCase.maturity))
        return {addDays(live, 14), addDays(live, 28),
                "productivity effects: 2-4 weeks after go-live"};
    const YearMonth m = live.yearMonth();
    const YearMonth q1 = m.addMonths(3);
    const YearMonth q2 = m.addMonths(6);
    return {Date{q1.year, q1.month, 1}, Date{q2.year, q2.month, 1},
            "decision quality and business impact: 1-2 quarters after go-live"};
}

std::vector<PlanReview> measurementPlan(const UseCase &useCase)
{
    const Date live = goLiveDate(useCase);
    return {
        {30,
         addDays(live, 30),
         {ScorecardBucket::Adoption, ScorecardBucket::Speed},
         "Is it used, and does it save time?"},
        {90,
         addDays(live, 90),
         {ScorecardBucket::Quality, ScorecardBucket::Cost},
         "Is the output good enough, and what does a task cost now?"},
        {365,
         addDays(live, 365),
         {ScorecardBucket::Outcomes},
         "Did the budget move: ROI and NPV against this case."},
    };
}

std::vector<std::string> metricLines(const UseCase &useCase, ScorecardBucket bucket)
{
    std::vector<std::string> out;
    for (const ScorecardMetric &m : useCase.scorecard) {
        if (m.bucket != bucket)
            continue;
        std::string line = m.name + " " + number(m.baseline) + " \u2192 " + number(m.target);
        if (!m.unit.empty())
            line += " " + m.unit;
        if (m.actual)
            line += " (now " + number(*m.actual) + ")";
        out.push_back(std::move(line));
    }
    return out;
}

} // namespace roi
