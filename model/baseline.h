// The dated baseline of a use case: how the work is done today, before any AI.
#pragma once

#include "calendar.h"

#include <string>

namespace roi {

struct Baseline
{
    Date capturedOn;           // when the figures were measured; null = not captured
    std::string source;        // where they come from (system, report, survey)
    std::string unit = "unit"; // the unit of work, e.g. "conversation"
    double volume = 0;         // units per month
    double minutesPerUnit = 0; // human minutes per unit today
    double hourlyRate = 0;     // fully loaded labor cost per hour
    double errorRate = 0;      // share of units with an error today
    double conversionRate = 0; // share of units that convert today
    double costPerUnit = 0;    // what one unit costs today, all in
    std::string notes;         // free-form KPI notes

    friend bool operator==(const Baseline &, const Baseline &) = default;
};

} // namespace roi
