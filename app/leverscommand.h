// `roi-workbench levers FILE [--scenario NAME] [--format text|json|csv]`: the three numbers
// (baseline cost, optimised cost, savings %) and the per-lever table of every use case.
#pragma once

#include "results.h"
#include "workbook.h"

#include <iosfwd>
#include <string>

namespace roi {

/// Whether `format` is one the levers command writes (empty: text).
bool isLeversFormat(const std::string &format);

/// Prints the levers of `results` under `scenario` (-1: the Base scenario) in `format`.
void printLevers(const Workbook &workbook, const Results &results, int scenario,
                 const std::string &format, std::ostream &out);

} // namespace roi
