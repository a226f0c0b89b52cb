// Plan vs actual: actual cost and volume of a use case (or the portfolio) month by month against
// the forecast frozen in a snapshot (or the live forecast, taken as a snapshot of its own); the
// variance in money and %, a tolerance band and the finding when actual cost runs above it two
// months in a row; recalibration (actual to date + forecast from now); suggested recalibrations
// with their evidence; and the executive three numbers from reality. Plain values, no Qt.
#pragma once

#include "../calendar.h"
#include "../results.h"
#include "../snapshots/snapshot.h"

#include <optional>
#include <string>
#include <vector>

namespace roi {

struct PriceEntry;

/// What was actually measured for one use case in one month (from the attributed roll-up).
struct ActualMonth
{
    YearMonth month;
    double tokenCost = 0;            // attributed model cost
    double requests = 0;             // model calls; 0 = not measured
    double outcomes = 0;             // business outcomes; 0 = not measured
    std::optional<double> otherCost; // non-token layers, when imported; else as planned
    // Tokens by kind, for the executive numbers.
    double uncachedInput = 0;
    double cacheReadInput = 0;
    double cacheWriteInput = 0;
    double outputTokens = 0;
};

struct PlanActualMonth
{
    YearMonth month;
    bool hasActual = false;
    double forecastCost = 0; // all layers, as frozen
    double actualCost = 0;   // actual tokens + other layers as planned (or as imported)
    double forecastTokenCost = 0;
    double actualTokenCost = 0;
    double forecastCalls = 0;
    double actualRequests = 0;
    double forecastOutcomes = 0;
    double actualOutcomes = 0;
    double variance = 0; // actual − forecast cost
    Kpi variancePercent; // variance / forecast × 100; Undefined when the forecast is 0
    bool aboveTolerance = false;
};

struct PlanActual
{
    std::string useCase; // "Portfolio" for the sum
    std::string basis;   // the snapshot's label, or "Live forecast"
    double tolerance = 0.10;
    std::vector<PlanActualMonth> months; // the months with actuals, in order
    double forecastTotal = 0;            // over the months with actuals
    double actualTotal = 0;
    double varianceTotal = 0;
    Kpi variancePercentTotal;
};

/// Compares `actuals` (any order; months outside the snapshot's horizon are ignored) with the
/// forecast of `forecast` (a use case of `snapshot`, or its portfolio).
PlanActual planVsActual(const Snapshot &snapshot, const SnapshotCase &forecast,
                        const std::vector<ActualMonth> &actuals, double tolerance);

/// Findings (code "actual-above-forecast") for each run of two or more months in a row where the
/// actual cost ran above the forecast by more than the tolerance. `useCase` is the index given
/// to the finding (-1 for the portfolio).
std::vector<Finding> overrunFindings(const PlanActual &pa, int useCase);

/// Actual to date + forecast from now: `live` (a use case's live forecast) with the months that
/// have actuals replaced: cost and token cost by the actual ones (other layers as planned),
/// calls and outcomes where measured, net = benefit − cost. `actualMonth[t]` says which.
struct Recalibrated
{
    SnapshotCase series;
    std::vector<bool> actualMonth;
    int actualMonths = 0;
    YearMonth lastActual; // valid when actualMonths > 0
    double tco = 0;
    double benefit = 0;
    double net = 0;
    Kpi roiPercent; // (benefit − tco) / tco × 100
};
Recalibrated recalibrate(const Snapshot &liveSnapshot, const SnapshotCase &live,
                         const std::vector<ActualMonth> &actuals);

/// A change of a named input that the actuals support, with the evidence, for the user to apply
/// (as one undoable edit).
struct Suggestion
{
    std::string input; // a named input (inputs.h), e.g. "ramp.volumeGrowth"
    double current = 0;
    double suggested = 0;
    std::string evidence; // one sentence with the figures
};
/// Suggestions from at least `minMonths` months of actuals: observed monthly growth of requests
/// (vs ramp.volumeGrowth), observed token cost per call against the forecast (as a factor on every
/// token layer's tokens), observed calls against handled units (adoption).
std::vector<Suggestion> suggestRecalibrations(const SnapshotCase &live, const Snapshot &snap,
                                              const std::vector<ActualMonth> &actuals,
                                              double currentGrowth, double currentAdoption,
                                              int minMonths = 3);

/// The executive three numbers for one period (a month or a week) from real usage.
struct ExecutivePeriod
{
    std::string period;      // "2026-03" or "2026-W11"
    double baselineCost = 0; // actual tokens at the premium model's list prices, no levers
    double realisedCost = 0; // what was actually paid
    Kpi savingsPercent;      // (baseline − realised) / baseline × 100
};
/// `premium`: the price-book entry the baseline is priced at (every input token at its input
/// price — no cache discount — and output at its output price).
ExecutivePeriod executiveNumbers(std::string period, double uncachedInput, double cacheReadInput,
                                 double cacheWriteInput, double outputTokens, double realisedCost,
                                 const PriceEntry &premium);
/// The dearest entry of a price book by output price (then input), or nullptr when empty.
const PriceEntry *premiumModel(const std::vector<PriceEntry> &priceBook);
/// "YYYY-Www" (ISO 8601 week) of a day.
std::string isoWeek(Date day);

} // namespace roi
