// The tornado's low and high values from the uncertainty set-up: each uncertain input between
// the P10 and the P90 of its distribution (model/analytics/distribution.h). No Qt.
#pragma once

#include "tornado.h"

#include <string>

namespace roi {

/// Sets `options` to vary the workbook's uncertain inputs (its own set-up, or the default one
/// from the Worst and Best scenarios when it has none; see effectiveUncertainInputs) between the
/// P10 and the P90 of their distributions, for a tornado of `target` (inputs of other use cases
/// are left out). False, saying why in `error`, when an input does not resolve, a distribution
/// is invalid, or no uncertain input concerns the target.
bool setPercentileRange(const Workbook &wb, const ProbeTarget &target, TornadoOptions &options,
                        std::string *error = nullptr);

} // namespace roi
