// The uncertainty set-up a workbook stores: which named inputs are uncertain and how (their
// distributions), the rank correlations between them and the sampling method. Plain values; the
// Monte Carlo engine (montecarlo.h) reads them, the file format (uncertaintyjson.h) stores them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace roi {

enum class DistributionKind { Pert, Triangular, Uniform, Normal, LogNormal };

/// A distribution's parameters. Which ones apply depends on the kind:
/// PERT and triangular: min, mode, max; uniform: min, max; normal: mean, sd (truncated to the
/// input's legal range); lognormal: p10, p90 (both > 0).
struct DistributionSpec
{
    DistributionKind kind = DistributionKind::Pert;
    double min = 0;
    double mode = 0;
    double max = 0;
    double mean = 0;
    double sd = 0;
    double p10 = 0;
    double p90 = 0;

    friend bool operator==(const DistributionSpec &, const DistributionSpec &) = default;
};

/// A named input (inputs.h syntax, e.g. `layers["Human review"].share`) with a distribution.
/// `useCase` limits it to one use case; empty: every use case that has the input (one draw
/// shared by all). Price-book and settings inputs are shared by the whole workbook.
struct UncertainInput
{
    std::string input;
    std::string useCase;
    DistributionSpec distribution;

    friend bool operator==(const UncertainInput &, const UncertainInput &) = default;
};

/// A target rank (Spearman) correlation between two uncertain inputs, by index.
struct InputCorrelation
{
    int a = 0;
    int b = 0;
    double rho = 0;

    friend bool operator==(const InputCorrelation &, const InputCorrelation &) = default;
};

enum class SamplingMethod { LatinHypercube, Random };

/// The analysis set-up of a workbook (trials and seed live in Settings). With no inputs, the
/// simulation uses the default set-up: every input the Worst and Best scenarios adjust becomes
/// a PERT(worst, base, best) per use case (see defaultUncertainInputs).
struct UncertaintySetup
{
    SamplingMethod sampling = SamplingMethod::LatinHypercube;
    std::vector<UncertainInput> inputs;
    std::vector<InputCorrelation> correlations;
    /// The scenario the simulation starts from (its adjustments apply to every trial): the
    /// Analysis pane's choice and `analyze`'s default. Empty: Base. Format version 4.
    std::string scenario;

    friend bool operator==(const UncertaintySetup &, const UncertaintySetup &) = default;
};

std::string_view name(DistributionKind kind);
std::string_view name(SamplingMethod method);
/// Parses "pert", "triangular", "uniform", "normal", "lognormal"; false when unknown.
bool parseDistributionKind(std::string_view text, DistributionKind &out);
/// Parses "lhs" or "random"; false when unknown.
bool parseSamplingMethod(std::string_view text, SamplingMethod &out);

} // namespace roi
