// The `tornado` and `goal-seek` commands of the command line (see runCommandLine), and the hook
// through which the Monte Carlo analysis lets goal seek target a simulated statistic.
#pragma once

#include "analytics/probe.h"

#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

namespace roi {

/// The usage lines of the two commands, for the common --help text.
extern const char *const kSensitivityUsage;

bool isSensitivityCommand(const std::string &command);
/// Runs `tornado FILE ...` or `goal-seek FILE ...` (`args` excludes the program name).
int runSensitivityCommand(const std::vector<std::string> &args, std::ostream &out,
                          std::ostream &err);

/// A simulated statistic as a function of one input's value, e.g. the P10 of the NPV over the
/// Monte Carlo trials. It must use common random numbers across calls (the same trials for
/// every value tried) so the search sees a smooth function. Returns an empty function and says
/// why in `error` when it cannot be computed.
using SimulatedStatistic = std::function<std::function<double(double)>(
    const Workbook &, const ProbeTarget &, const VariedInput &, std::string &error)>;

/// Registers a statistic under a target name such as "p10-npv" (`--target p10-npv=0`).
// The program registers "p10-npv" at start-up (montecarlostatistics.h); a target nobody
// registered exits 2 with "needs the Monte Carlo analysis".
void registerSimulatedStatistic(const std::string &name, SimulatedStatistic statistic);
/// Forgets every registered statistic (for tests).
void clearSimulatedStatistics();

} // namespace roi
