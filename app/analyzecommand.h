// `roi-workbench analyze FILE [--trials N] [--seed S] [--sampling lhs|random] [--scenario NAME]
// [--threads N] [--format text|json|csv]`: the Monte Carlo simulation from the command line.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace roi {

// The usage lines (also in the general usage text of commandline.cpp).
#define ROI_ANALYZE_USAGE                                                                          \
    "  roi-workbench analyze FILE [--trials N] [--seed S] [--sampling lhs|random]\n"               \
    "                        [--scenario NAME] [--threads N] [--format text|json|csv]\n"           \
    "                                             Monte Carlo: percentiles of NPV, ROI, TCO,\n"    \
    "                                             benefit and payback, P(ROI > 0), sensitivity\n"

/// `args` starts with "analyze". Returns the exit code (see commandline.h).
int runAnalyze(const std::vector<std::string> &args, std::ostream &out, std::ostream &err);

} // namespace roi
