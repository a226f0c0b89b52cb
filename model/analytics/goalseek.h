// Goal seek / break-even: the value of one named input at which a target holds (ROI = 0,
// NPV = an amount, payback by a month, cost per outcome at most X), searched inside the input's
// legal range by bracketing and Brent's method. "Not reachable" is an answer, with the closest
// value found. The search itself takes any function, so a simulated statistic (P10 NPV with
// common random numbers) can be plugged in. No Qt.
#pragma once

#include "probe.h"

#include <functional>
#include <string>

namespace roi {

/// Options of the generic search for a zero of g on [min, max], starting at `start`.
struct SeekOptions
{
    double min = 0;
    double max = 1;
    double start = 0;
    double relativeTolerance = 1e-9; // on the answer
    int maxEvaluations = 400;
};

struct SeekResult
{
    bool reached = false;    // g changes sign (or is zero) inside [min, max]
    double x = 0;            // the zero nearest `start`, or the point where |g| was smallest
    double gap = 0;          // g(x): 0 (or within rounding) at a zero, else the closest miss
    bool meetsAbove = false; // g ≥ 0 just above x (the target holds for larger values)
    bool flat = false;       // g took one value at every point tried: the input does not matter
    int evaluations = 0;
};

/// Finds where g crosses zero, g ≥ 0 meaning "the target holds": walks out from `start` on
/// both sides with doubling steps until g changes sign (so the crossing nearest `start` is
/// found), then narrows it with Brent's method. Points where g is not finite are skipped.
SeekResult seekZero(const std::function<double(double)> &g, const SeekOptions &options);

enum class GoalKind {
    Roi,           // ROI % equals the value (0: break-even)
    Npv,           // NPV equals the amount
    Payback,       // payback by the month given (1..horizon)
    CostPerOutcome // cost per outcome at most the amount (a use case only)
};

struct Goal
{
    GoalKind kind = GoalKind::Roi;
    double value = 0;
};

/// How far a result is from the goal, in the goal's terms, ≥ 0 when it holds: ROI: ROI − value
/// (points); NPV: NPV − amount; payback by M: the lowest cumulative net from month M on (it is
/// ≥ 0 exactly when payback comes by month M); cost per outcome ≤ X: X − cost per outcome.
/// Not a number where the metric has none (no cost, no outcome); the search skips such points.
double goalGap(const CaseResult &result, const Goal &goal);
/// The metric the goal speaks of, as shown: ROI %, NPV, payback month or cost per outcome.
Kpi goalMetric(const CaseResult &result, GoalKind kind);

struct GoalSeekRequest
{
    ProbeTarget target;
    VariedInput input;
    Goal goal;
};

struct GoalSeekResult
{
    std::string error;    // a request that cannot be answered (not an unreachable target)
    bool reached = false; // the goal holds exactly at `value`
    double value = 0;     // the answer, or the closest value when not reached
    double stored = 0;    // the input's value in the workbook
    double min = 0;       // the legal range searched
    double max = 0;
    Kpi metric;       // the goal's metric at `value`
    Kpi storedMetric; // and as the workbook stands
    bool meetsAbove = false;
    bool flat = false; // the input does not move the metric
    int evaluations = 0;

    bool ok() const { return error.empty(); }
};

GoalSeekResult goalSeek(const Workbook &wb, const GoalSeekRequest &request);

} // namespace roi
