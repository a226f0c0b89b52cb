// Tornado and spider: each input moved alone between a low and a high value, the change in NPV
// or ROI of a use case or the portfolio, inputs ranked by how far they swing it. No Qt.
#pragma once

#include "probe.h"

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace roi {

enum class SensitivityMetric { Npv, Roi };

/// The metric of a result: the NPV, or the ROI % (a state when TCO is zero).
Kpi metricOf(const CaseResult &result, SensitivityMetric metric);

/// Where the low and high values of each input come from.
enum class TornadoRange {
    WorstBest, // the input's value under the Worst and the Best scenario
    Percent,   // the stored value ∓ percent (inputs stored as zero are left out)
    Custom     // TornadoOptions::bounds (e.g. a distribution's P10 and P90)
};

/// Which inputs a tornado or spider varies when no list is given.
enum class InputSet {
    Scenarios, // every input the Worst or Best scenario moves (all inputs when none does)
    All        // every input listInputs names, per use case, and the shared ones once
};

struct TornadoOptions
{
    SensitivityMetric metric = SensitivityMetric::Npv;
    TornadoRange range = TornadoRange::WorstBest;
    double percent = 0.2; // for TornadoRange::Percent: 0.2 = ±20%
    /// For TornadoRange::Custom: the low and high value of an input given its stored value;
    /// nullopt leaves the input out.
    using Bounds =
        std::function<std::optional<std::pair<double, double>>(const VariedInput &, double stored)>;
    Bounds bounds;
    InputSet inputSet = InputSet::Scenarios;
    std::vector<VariedInput> inputs; // when not empty, exactly these
};

struct TornadoBar
{
    VariedInput input;
    std::string label;
    double stored = 0;    // the input's value in the workbook
    double lowValue = 0;  // Worst / −X% / low bound, after clamping to the legal range
    double highValue = 0; // Best / +X% / high bound, after clamping
    bool clamped = false; // a bound fell outside the input's legal range
    Kpi atLow;            // the metric with the input at lowValue
    Kpi atHigh;
    /// How far the metric moves: the span of the base, low and high outcomes (the bar's
    /// length on the chart); 0 when a state leaves no number.
    double swing = 0;
};

struct TornadoResult
{
    SensitivityMetric metric = SensitivityMetric::Npv;
    Kpi base;                     // the metric with every input as stored
    std::vector<TornadoBar> bars; // largest swing first
    std::string error;            // why there is no tornado (e.g. no Worst scenario)
    int evaluations = 0;
    bool ok() const { return error.empty(); }
};

/// The default inputs of a tornado for the target (see InputSet).
std::vector<VariedInput> sensitivityInputs(const Workbook &wb, const ProbeTarget &target,
                                           InputSet set);

TornadoResult tornado(const Workbook &wb, const ProbeTarget &target,
                      const TornadoOptions &options = {});

struct SpiderOptions
{
    SensitivityMetric metric = SensitivityMetric::Npv;
    std::vector<double> changes = {-0.3, -0.2, -0.1, 0.0, 0.1, 0.2, 0.3}; // relative
    InputSet inputSet = InputSet::Scenarios;
    std::vector<VariedInput> inputs;
};

struct SpiderLine
{
    VariedInput input;
    std::string label;
    double stored = 0;
    std::vector<double> values; // per change, clamped to the legal range
    std::vector<Kpi> metric;    // per change
};

struct SpiderResult
{
    SensitivityMetric metric = SensitivityMetric::Npv;
    std::vector<double> changes;
    Kpi base;
    std::vector<SpiderLine> lines; // in the order of the inputs
    int evaluations = 0;
};

/// The metric against the relative change of each input, one input at a time (inputs stored
/// as zero are left out: no relative change moves them).
SpiderResult spider(const Workbook &wb, const ProbeTarget &target,
                    const SpiderOptions &options = {});

} // namespace roi
