// `roi-workbench import WORKBOOK SOURCE...` (usage and cost exports into the workbook's
// actuals, written atomically with a backup) and `roi-workbench actuals WORKBOOK` (the monthly
// attributed actuals as text, JSON or CSV). Kept out of commandline.cpp, which only dispatches.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace roi {

/// The usage lines of the two commands, for the command line's help.
extern const char *const kActualsUsage;

/// "import" or "actuals".
bool isActualsCommand(const std::string &command);

/// Runs `args` (the command first); exit codes as commandline.h.
int runActualsCommand(const std::vector<std::string> &args, std::ostream &out, std::ostream &err);

} // namespace roi
