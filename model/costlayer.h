// One layer of the true total cost of ownership. A flat value: every layer type uses a subset of
// the numeric fields (see inputs.h for which), so forms, files and named inputs treat all alike.
#pragma once

#include "enums.h"
#include "levers/levers.h"

#include <string>

namespace roi {

struct CostLayer
{
    std::string name;
    CostCategory category = CostCategory::Other;
    LayerType type = LayerType::FixedMonthly;

    // Token usage: calls per handled unit × tokens × price-book price / 1M × (1 + overhead).
    std::string model; // price-book entry
    double callsPerUnit = 1;
    double inputTokens = 0;
    double outputTokens = 0;
    double cachedInputTokens = 0;
    double overhead = 0; // retries and other overhead, as a share

    // Fixed monthly and one-time amounts.
    double amount = 0;
    // Staff: FTE × annual fully loaded cost / 12.
    double fte = 0;
    double annualCost = 0;
    // Human review: share flagged × minutes per review × hourly rate / 60 × handled units.
    double share = 0;
    double minutesPerReview = 0;
    double hourlyRate = 0;
    // Per unit: unit cost × handled units, outcomes or model calls.
    UnitBasis basis = UnitBasis::HandledUnit;
    double unitCost = 0;
    // One-time: amount in month `month` (1 = first month of the horizon), spread evenly over
    // `spreadMonths` months.
    double month = 1;
    double spreadMonths = 1;
    // Token usage: savings levers (model/levers/).
    LayerLevers levers;

    friend bool operator==(const CostLayer &, const CostLayer &) = default;
};

} // namespace roi
