// The simulated statistics goal seek can target (`goal-seek --target p10-npv=AMOUNT`), computed
// by the Monte Carlo analysis (model/analytics/montecarlo.h) with common random numbers.
#pragma once

#include "analytics/probe.h"

#include <functional>
#include <string>

namespace roi {

/// The P10 of the NPV (of the target's use case, or the portfolio) over the workbook's Monte
/// Carlo set-up on the target's scenario, as a function of the value `input` is held at; every
/// other input is drawn as in the run without the hold (same seed, same trials). An empty
/// function, with `error` saying why, when the analysis cannot run on this workbook.
std::function<double(double)> p10NpvStatistic(const Workbook &wb, const ProbeTarget &target,
                                              const VariedInput &input, std::string &error);

/// Registers "p10-npv" with the goal-seek command (registerSimulatedStatistic). The program calls
/// it once at start-up.
void registerMonteCarloStatistics();

} // namespace roi
