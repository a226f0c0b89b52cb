// The Monte Carlo engine. A plan draws every trial's input values up front (Latin Hypercube or
// plain random, from seeded streams; rank correlations imposed with Iman-Conover), then the
// trials are evaluated in fixed chunks of kChunkTrials that callers may run on any threads:
// results depend only on the workbook, the seed and the options, never on the thread count.
//
//   MonteCarloPlan plan(workbook, options);      // samples (serial)
//   ChunkResult c = runChunk(plan, i);           // i in [0, plan.chunkCount()), any thread
//   MonteCarloRun run(plan); run.add(c) ...;     // any order
//   MonteCarloSummary s = run.summary();
#pragma once

#include "../results.h"
#include "../workbook.h"
#include "correlation.h"
#include "distribution.h"
#include "uncertainty.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace roi {

inline constexpr int kChunkTrials = 1000;
inline constexpr int kMaxTrials = 1'000'000;
/// Above this many bytes of monthly samples, the fan chart is kept for the portfolio only.
inline constexpr std::size_t kMaxFanBytes = 128u * 1024 * 1024;

/// The default set-up: every input the Worst and Best scenarios adjust, per use case (price-book
/// and settings inputs once for the workbook), as PERT(min, base, max) of its Worst, Base and
/// Best values. Inputs the scenarios leave unchanged are left out.
std::vector<UncertainInput> defaultUncertainInputs(const Workbook &workbook);

/// The uncertain inputs a run uses: the workbook's, or the default set-up when it has none.
std::vector<UncertainInput> effectiveUncertainInputs(const Workbook &workbook);

/// Holds one input at a value for the whole run (e.g. for goal seek on a simulated statistic with
/// common random numbers: same seed, same draws of every other input).
struct FixedInput
{
    std::string input;
    std::string useCase;
    double value = 0;
};

struct MonteCarloOptions
{
    int trials = 1000;
    std::uint32_t seed = 42;
    SamplingMethod sampling = SamplingMethod::LatinHypercube;
    std::string scenario = std::string(kBaseScenario);
    std::vector<FixedInput> fixed;
    /// Keep the per-month cumulative net of every trial for the fan chart.
    bool keepFan = true;

    /// Trials, seed, sampling method and scenario as the workbook stores them.
    static MonteCarloOptions fromWorkbook(const Workbook &workbook);
};

/// The correlation the run imposed and whether it had to repair the matrix the user gave.
struct CorrelationReport
{
    correlation::Matrix requested; // identity plus the workbook's pairs
    correlation::Matrix used;
    bool repaired = false;
    double distance = 0;      // Frobenius norm of used - requested
    double minEigenvalue = 1; // of the requested matrix
};

/// One uncertain input resolved against the workbook.
struct PlannedInput
{
    UncertainInput source;
    std::string label; // "Support assistant: ramp.steadyAdoption"
    Distribution distribution;
    double legalMin = 0;
    double legalMax = 0;
    bool integer = false;
    bool fixed = false; // held at one value (FixedInput)
};

class MonteCarloPlan
{
public:
    MonteCarloPlan(const Workbook &workbook, const MonteCarloOptions &options);

    bool ok() const { return m_error.empty(); }
    /// Why the plan cannot run (an unknown scenario, input or bad distribution), else "".
    const std::string &error() const { return m_error; }

    const MonteCarloOptions &options() const { return m_options; }
    int trials() const { return m_options.trials; }
    int chunkCount() const { return (m_options.trials + kChunkTrials - 1) / kChunkTrials; }
    int months() const { return m_months; }
    /// Series 0 is the portfolio, series 1 + u the use case u.
    int seriesCount() const { return 1 + static_cast<int>(m_workbook.useCases.size()); }
    std::string seriesName(int series) const;
    /// Whether the monthly samples of a series are kept (see kMaxFanBytes).
    bool keepsFan(int series) const;
    /// Whether the summary has a fan chart for the series (a lone use case shares the
    /// portfolio's samples).
    bool hasFan(int series) const;
    const std::vector<PlannedInput> &inputs() const { return m_inputs; }
    const CorrelationReport &correlation() const { return m_correlation; }
    /// The drawn values of input j, one per trial.
    const std::vector<double> &samples(int input) const
    {
        return m_samples[static_cast<std::size_t>(input)];
    }
    /// The workbook the trials start from: the original with only the chosen scenario.
    const Workbook &workbook() const { return m_workbook; }
    /// The ranks of input j's samples (ties averaged, as correlation::ranks gives them), when
    /// the plan knows them from its Latin Hypercube strata; empty otherwise.
    const std::vector<double> &sampleRanks(int input) const
    {
        return m_ranks[static_cast<std::size_t>(input)];
    }

private:
    void draw();
    void rankFromStrata();

    MonteCarloOptions m_options;
    Workbook m_workbook;
    std::string m_error;
    int m_months = 0;
    int m_fanSeries = 0; // series 0..m_fanSeries-1 keep their fan
    std::vector<PlannedInput> m_inputs;
    std::vector<std::vector<double>> m_samples;
    std::vector<std::vector<double>> m_ranks;
    /// While drawing: per input, the trial in each Latin Hypercube stratum (cleared when the
    /// samples are reordered, e.g. by Iman-Conover).
    std::vector<std::vector<std::uint32_t>> m_strata;
    CorrelationReport m_correlation;
};

/// What each trial yields per series.
enum class Metric { Npv, RoiPercent, Tco, HardBenefit, Payback, Count };
inline constexpr int kMetricCount = static_cast<int>(Metric::Count);

struct ChunkResult
{
    int chunk = -1;
    int first = 0; // first trial
    int count = 0;
    /// [trial][series][metric]; ROI without a TCO is NaN, a payback that never comes +inf
    /// (the summary turns both into states, never into numbers).
    std::vector<double> metrics;
    /// [series][month][trial] for the series that keep their fan.
    std::vector<float> cumulative;
};

/// Evaluates the trials of one chunk. Thread-safe: reads the plan only.
ChunkResult runChunk(const MonteCarloPlan &plan, int chunk);

struct OutputStats
{
    int defined = 0; // trials with a number (ROI needs a TCO, payback must come)
    Kpi mean;
    Kpi sd;
    std::array<Kpi, 5> percentiles; // P5, P10, P50, P90, P95
};
inline constexpr std::array<double, 5> kPercentiles = {5, 10, 50, 90, 95};

struct InputSensitivity
{
    int input = 0;
    double rankCorrelation = 0; // Spearman with NPV
    double varianceShare = 0;   // squared rank correlation, normalised over the inputs
};

struct SeriesSummary
{
    std::string name;
    std::array<OutputStats, kMetricCount> metrics;
    double pRoiPositive = 0;
    double pNpvPositive = 0;
    double pPayback = 0; // payback within the horizon
    double npvStandardError = 0;
    std::vector<double> fanP10, fanP50, fanP90; // cumulative net per month; empty if not kept
    std::vector<InputSensitivity> sensitivity;  // most influential first
    /// NPV distribution for the charts: 40 equal bins (41 edges, counts per bin) and the
    /// percentiles P0, P1, ..., P100 (the S-curve).
    std::vector<double> npvHistogramEdges, npvHistogramCounts, npvQuantiles;
    /// ROI % distribution: 40 equal bins over the trials that have an ROI (a TCO); the others
    /// (ROI undefined) are counted in roiUndefined, not binned. Empty when no trial has an ROI.
    std::vector<double> roiHistogramEdges, roiHistogramCounts;
    int roiUndefined = 0;

    const OutputStats &stats(Metric m) const { return metrics[static_cast<std::size_t>(m)]; }
};

struct MonteCarloSummary
{
    int trials = 0;
    std::uint32_t seed = 0;
    SamplingMethod sampling = SamplingMethod::LatinHypercube;
    std::string scenario;
    YearMonth startMonth;
    int months = 0;
    std::vector<std::string> inputs; // labels
    CorrelationReport correlation;
    std::vector<SeriesSummary> series; // 0: portfolio, then each use case
};

/// Collects chunk results (in any order) and summarises them once all are in.
class MonteCarloRun
{
public:
    explicit MonteCarloRun(const MonteCarloPlan &plan);

    void add(const ChunkResult &chunk);
    int chunksDone() const { return m_done; }
    bool complete() const;
    /// The trial values of one metric of one series (in trial order).
    std::vector<double> values(int series, Metric metric) const;
    MonteCarloSummary summary() const;

private:
    /// Whether two series have the same value, bit for bit, for every metric of every trial.
    bool sameMetrics(int a, int b) const;
    /// Fills each series' sensitivity (rank correlation of each input with its NPV).
    void sensitivities(const std::vector<const std::vector<double> *> &inputRanks,
                       MonteCarloSummary &out) const;

    const MonteCarloPlan *m_plan;
    int m_series = 0;
    int m_done = 0;
    std::vector<char> m_have;
    std::vector<double> m_metrics;
    std::vector<float> m_cumulative; // [series][month][trial]
};

/// Runs every chunk on the calling thread and summarises (tests, small runs, goal seek).
std::optional<MonteCarloSummary> runMonteCarlo(const Workbook &workbook,
                                               const MonteCarloOptions &options,
                                               std::string *error = nullptr);

/// P10 of the portfolio NPV (or a use case's, by name) with `input` held at `value` and every
/// other draw as in the run without it (common random numbers). nullopt with `error` on failure.
std::optional<double> p10NpvWithInputFixed(const Workbook &workbook,
                                           const MonteCarloOptions &options,
                                           const FixedInput &fixed, const std::string &useCase = {},
                                           std::string *error = nullptr);

/// A histogram of `kBins` equal bins from the smallest to the largest of `sorted` (ascending,
/// finite): `edges` gets kBins + 1 edges, `counts` kBins counts; a bin takes the values from its
/// lower edge up to (not including) its upper one, the last bin its upper edge too. All values
/// equal: one unit wide from that value. Empty input leaves both empty.
void histogramOfSorted(const std::vector<double> &sorted, int kBins, std::vector<double> &edges,
                       std::vector<double> &counts);

/// Type-7 (linear interpolation) percentile, p in [0, 100], of sorted finite values.
double percentileOfSorted(const std::vector<double> &sorted, double p);

} // namespace roi
