// The `tornado` and `goal-seek` commands of the command line (see runCommandLine), and the hook
// through which the Monte Carlo analysis lets goal seek target a simulated statistic.
#pragma once

#include "analytics/probe.h"
#include "analytics/tornado.h"

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
// TODO(lead): after the Monte Carlo branch lands, register "p10-npv" (and any other percentile
// of NPV or ROI) from it at start-up; until then such targets exit 2 with "needs the Monte
// Carlo analysis".
void registerSimulatedStatistic(const std::string &name, SimulatedStatistic statistic);
/// The low and high value of each input for a tornado (e.g. its distribution's P10 and P90),
/// made for one workbook; empty with `error` set when it cannot be.
using TornadoBoundsSource =
    std::function<TornadoOptions::Bounds(const Workbook &, std::string &error)>;

/// Registers a tornado range such as "p10-p90" (`tornado --range p10-p90`).
// TODO(lead): register "p10-p90" from the uncertain inputs' distributions after the merge; until
// then `--range p10-p90` exits 2 with "needs the Monte Carlo analysis".
void registerTornadoBounds(const std::string &name, TornadoBoundsSource source);

/// Forgets every registered statistic and tornado range (for tests).
void clearSimulatedStatistics();

} // namespace roi
