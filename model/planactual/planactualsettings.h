// The stored plan-vs-actual settings of a workbook (format version 4, "planActual" at the root):
// the tolerance band, the approved basis (a snapshot's label) and the use cases whose KPIs use
// their actuals for past months (recalibration). The file side is in planactualjson.h.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace roi {

struct PlanActualSettings
{
    double tolerance = 0.10; // a fraction, 0..1: a month is flagged above forecast × (1 + it)
    std::string basis;       // a snapshot's label; empty: the latest snapshot, else the live one
    std::vector<std::string> recalibrated; // use cases that use actuals for past months

    bool recalibrates(std::string_view useCase) const;
    /// Turns recalibration of `useCase` on or off (the list stays in the workbook's order of
    /// edits; a name appears at most once).
    void setRecalibrates(const std::string &useCase, bool on);
    /// Follows a rename of a use case / a snapshot; forgets a deleted one. True when changed.
    bool renameUseCase(const std::string &from, const std::string &to);
    bool forgetUseCase(const std::string &name);
    bool renameSnapshot(const std::string &from, const std::string &to);
    bool forgetSnapshot(const std::string &label);

    friend bool operator==(const PlanActualSettings &, const PlanActualSettings &) = default;
};

} // namespace roi
