// A Monte Carlo summary as JSON, CSV and plain text (the command line, the reports and the
// XLSX/CSV exports share these). Numbers never print as NaN: a statistic without a number
// prints its state ("not within horizon", "undefined").
#pragma once

#include "montecarlo.h"

#include <string>
#include <string_view>

namespace roi {

std::string_view metricLabel(Metric metric);
/// The percentile columns: "P5", "P10", ...
std::string percentileLabel(std::size_t index);
std::string_view samplingLabel(SamplingMethod method); // "Latin Hypercube" / "random"

std::string summaryJson(const MonteCarloSummary &summary, std::string_view currency);
/// One row per series and metric: mean, sd, P5..P95; then one row per series of
/// probabilities; then the sensitivity rows.
std::string summaryCsv(const MonteCarloSummary &summary);
/// The trial values (trial, then per series NPV, ROI %, TCO, hard benefit, payback), for the
/// "trial samples" export option. Empty cells for no number.
std::string trialsCsv(const MonteCarloRun &run, const MonteCarloPlan &plan);
/// The tables the `analyze` command prints.
std::string summaryText(const MonteCarloSummary &summary, std::string_view currency);

/// A statistic formatted for its metric: money for NPV/TCO/benefit, % for ROI, months for
/// payback.
std::string formatStat(const Kpi &value, Metric metric, std::string_view currency);

} // namespace roi
