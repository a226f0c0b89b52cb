// Workbook templates (resources/templates/*.roiwb): the ROI range each one states it lands in.
#pragma once

#include <optional>
#include <string_view>

namespace roi {

/// The base-scenario ROI range a template expects, in per cent over its horizon.
struct RoiRange
{
    double low = 0;
    double high = 0;

    bool contains(double roiPercent) const { return roiPercent >= low && roiPercent <= high; }
};

/// Reads "Expected ROI: 60% to 180%" from a description (the line templates end with);
/// nullopt when there is none or it does not parse.
std::optional<RoiRange> expectedRoiRange(std::string_view description);

} // namespace roi
