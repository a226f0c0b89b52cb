// Small parsers shared by the importers: numbers with std::from_chars, days from ISO dates,
// RFC 3339 timestamps (offsets converted to the UTC day) and Unix seconds, trimming and
// case-insensitive comparison. Plain functions, no allocation on the hot path.
#pragma once

#include "../../calendar.h"

#include <cstdint>
#include <optional>
#include <string_view>

namespace roi::actuals::detail {

// trim and iequals run several times on every row: inline, with the cheap tests first.
inline bool isBlank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

inline std::string_view trim(std::string_view text)
{
    std::size_t b = 0, e = text.size();
    while (b < e && isBlank(text[b]))
        ++b;
    while (e > b && isBlank(text[e - 1]))
        --e;
    return text.substr(b, e - b);
}

inline char asciiLower(char c)
{
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

inline bool iequals(std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i] != b[i] && asciiLower(a[i]) != asciiLower(b[i]))
            return false;
    return true;
}

/// `text` contains `word`, ignoring ASCII case.
bool icontains(std::string_view text, std::string_view word);

/// A finite decimal number ("12", "-0.5", "1e3", "+4"); nullopt for empty text, text that is not
/// a number in full, NaN or infinities.
std::optional<double> parseNumber(std::string_view text);

enum class DateStyle {
    Auto, // ISO date, RFC 3339 / ISO date-time (offset -> UTC day), or Unix seconds
    Iso,  // YYYY-MM-DD (a time part after it is allowed, as in Auto)
    Dmy,  // DD/MM/YYYY (also . or - as separator)
    Mdy,  // MM/DD/YYYY
    Unix  // seconds since 1970-01-01 UTC (a fraction is allowed)
};

/// The UTC calendar day of a date or timestamp; nullopt if it is not one (or before 1970 or
/// after 9999).
std::optional<Date> parseDay(std::string_view text, DateStyle style = DateStyle::Auto);
/// The UTC day of a Unix time in seconds.
std::optional<Date> dayFromUnixSeconds(double seconds);
/// The calendar day `days` after 1970-01-01.
Date dateFromDays(std::int64_t days);

} // namespace roi::actuals::detail
