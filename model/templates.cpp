#include "templates.h"

#include <charconv>

namespace roi {

namespace {

/// Parses a number followed by '%' at `s`, advancing it; nullopt otherwise.
std::optional<double> percentAt(std::string_view &s)
{
    double v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end == s.data() + s.size() || *end != '%')
        return std::nullopt;
    s.remove_prefix(static_cast<std::size_t>(end - s.data()) + 1);
    return v;
}

} // namespace

std::optional<RoiRange> expectedRoiRange(std::string_view description)
{
    constexpr std::string_view kLead = "Expected ROI: ";
    constexpr std::string_view kTo = " to ";
    const auto at = description.rfind(kLead);
    if (at == std::string_view::npos)
        return std::nullopt;
    std::string_view s = description.substr(at + kLead.size());
    const auto low = percentAt(s);
    if (!low || s.substr(0, kTo.size()) != kTo)
        return std::nullopt;
    s.remove_prefix(kTo.size());
    const auto high = percentAt(s);
    if (!high || *high < *low)
        return std::nullopt;
    return RoiRange{*low, *high};
}

} // namespace roi
