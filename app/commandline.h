// The command-line mode of roi-workbench: compute, validate and report without a display.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace roi {

enum ExitCode { ExitOk = 0, ExitInvalid = 1, ExitUsage = 2, ExitIo = 3 };

/// True when the arguments ask for the command line rather than the window.
bool isCommandLine(const std::vector<std::string> &args);

/// Runs a subcommand; `args` excludes the program name. Prints results to `out`, problems to
/// `err`, and returns the exit code.
int runCommandLine(const std::vector<std::string> &args, std::ostream &out, std::ostream &err);

} // namespace roi
