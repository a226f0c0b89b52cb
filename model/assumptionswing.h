// A small sensitivity ranking for the decision memo: the inputs the Worst scenario changes, each
// applied alone to the Base case, ranked by how far it moves the NPV at the hurdle rate. A
// stand-in until the tornado (model/analytics) replaces it.
#pragma once

#include "workbook.h"

#include <string>
#include <vector>

namespace roi {

struct AssumptionSwing
{
    std::string input;   // the named input, e.g. "ramp.steadyAdoption"
    std::string change;  // "× 0.7", "= 3", "+ 3"
    std::string useCase; // empty: every use case
    double baseNpv = 0;  // portfolio NPV at the hurdle, Base
    double npv = 0;      // the same with only this adjustment
    double swing() const { return npv - baseNpv; }
};

/// The adjustments of the Worst scenario, largest |swing| first (ties in scenario order).
/// Empty when the workbook has no Worst scenario or no use case.
std::vector<AssumptionSwing> rankWorstAssumptions(const Workbook &workbook);

} // namespace roi
