// A large portfolio built the way a user would build one: the bundled portfolio example's use
// cases copied (and renamed) until there are as many as asked, over a longer horizon. Used by
// the scale benchmarks and by the tests of large reports.
#pragma once

#include "workbook.h"

#include <string>

namespace roiscale {

/// The bundled portfolio example (resources/examples/portfolio.roiwb) read from `sourceDir`;
/// exits with a message when it does not load.
roi::Workbook bundledPortfolio(const std::string &sourceDir);

/// `base` with its use cases copied in turn until there are `useCases` of them (the copies
/// named "<name> 2", "<name> 3", ...), over `months` months (1..120). The copies keep every
/// input; a scenario adjustment aimed at one named use case stays on that one.
roi::Workbook scaledPortfolio(const roi::Workbook &base, int useCases, int months);

} // namespace roiscale
