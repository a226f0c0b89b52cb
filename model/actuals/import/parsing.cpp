#include "parsing.h"

#include <charconv>
#include <cmath>

namespace roi::actuals::detail {

namespace {

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

/// Reads exactly `count` digits at `pos`; advances pos.
bool digits(std::string_view text, std::size_t &pos, int count, int &value)
{
    if (pos + static_cast<std::size_t>(count) > text.size())
        return false;
    value = 0;
    for (int i = 0; i < count; ++i) {
        const char c = text[pos + static_cast<std::size_t>(i)];
        if (!isDigit(c))
            return false;
        value = value * 10 + (c - '0');
    }
    pos += static_cast<std::size_t>(count);
    return true;
}

/// Reads 1 or 2 digits.
bool shortNumber(std::string_view text, std::size_t &pos, int &value)
{
    if (pos >= text.size() || !isDigit(text[pos]))
        return false;
    value = text[pos++] - '0';
    if (pos < text.size() && isDigit(text[pos]))
        value = value * 10 + (text[pos++] - '0');
    return true;
}

std::optional<Date> makeDay(int y, int m, int d)
{
    if (y < 1970 || y > 9999 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m))
        return std::nullopt;
    return Date{y, m, d};
}

/// YYYY-MM-DD, optionally followed by [T or space]HH:MM[:SS[.fff]][Z|+HH:MM|-HH:MM|+HHMM].
std::optional<Date> parseIso(std::string_view text)
{
    std::size_t pos = 0;
    int y = 0, m = 0, d = 0;
    if (!digits(text, pos, 4, y) || pos >= text.size() || text[pos++] != '-'
        || !digits(text, pos, 2, m) || pos >= text.size() || text[pos++] != '-'
        || !digits(text, pos, 2, d))
        return std::nullopt;
    const std::optional<Date> day = makeDay(y, m, d);
    if (!day || pos == text.size())
        return day;
    if (text[pos] != 'T' && text[pos] != 't' && text[pos] != ' ')
        return std::nullopt;
    ++pos;
    int hh = 0, mm = 0, ss = 0;
    if (!digits(text, pos, 2, hh) || pos >= text.size() || text[pos++] != ':'
        || !digits(text, pos, 2, mm) || hh > 23 || mm > 59)
        return std::nullopt;
    if (pos < text.size() && text[pos] == ':') {
        ++pos;
        if (!digits(text, pos, 2, ss) || ss > 60)
            return std::nullopt;
        if (pos < text.size() && (text[pos] == '.' || text[pos] == ',')) {
            ++pos;
            const std::size_t start = pos;
            while (pos < text.size() && isDigit(text[pos]))
                ++pos;
            if (pos == start)
                return std::nullopt;
        }
    }
    int offsetMinutes = 0;
    if (pos < text.size()) {
        const char c = text[pos++];
        if (c == 'Z' || c == 'z') {
            // UTC
        } else if (c == '+' || c == '-') {
            int oh = 0, om = 0;
            if (!digits(text, pos, 2, oh))
                return std::nullopt;
            if (pos < text.size() && text[pos] == ':')
                ++pos;
            if (pos < text.size() && !digits(text, pos, 2, om))
                return std::nullopt;
            if (oh > 23 || om > 59)
                return std::nullopt;
            offsetMinutes = (c == '+' ? 1 : -1) * (oh * 60 + om);
        } else {
            return std::nullopt;
        }
    }
    if (pos != text.size())
        return std::nullopt;
    // Local time minus the offset is UTC: it may fall on the day before or after.
    const std::int64_t minutes =
        static_cast<std::int64_t>(day->daysSinceEpoch()) * 1440 + hh * 60 + mm - offsetMinutes;
    const std::int64_t utcDays = minutes >= 0 ? minutes / 1440 : -((-minutes + 1439) / 1440);
    const Date utc = dateFromDays(utcDays);
    return makeDay(utc.year, utc.month, utc.day);
}

std::optional<Date> parseSlashed(std::string_view text, bool dayFirst)
{
    std::size_t pos = 0;
    int a = 0, b = 0, y = 0;
    if (!shortNumber(text, pos, a) || pos >= text.size())
        return std::nullopt;
    const char sep = text[pos++];
    if (sep != '/' && sep != '.' && sep != '-')
        return std::nullopt;
    if (!shortNumber(text, pos, b) || pos >= text.size() || text[pos++] != sep
        || !digits(text, pos, 4, y))
        return std::nullopt;
    // A time after the date (as spreadsheets write it) is ignored.
    if (pos != text.size() && text[pos] != ' ' && text[pos] != 'T')
        return std::nullopt;
    return dayFirst ? makeDay(y, b, a) : makeDay(y, a, b);
}

} // namespace

bool icontains(std::string_view text, std::string_view word)
{
    if (word.empty())
        return true;
    if (word.size() > text.size())
        return false;
    for (std::size_t i = 0; i + word.size() <= text.size(); ++i)
        if (iequals(text.substr(i, word.size()), word))
            return true;
    return false;
}

std::optional<double> parseNumber(std::string_view text)
{
    text = trim(text);
    if (!text.empty() && text.front() == '+')
        text.remove_prefix(1);
    if (text.empty())
        return std::nullopt;
    // The common case, at most 15 significant digits with an optional decimal point, without
    // strtod: digits and the power of ten are exact doubles, so one division rounds correctly,
    // to the same value from_chars gives.
    if (text.size() <= 16) {
        std::uint64_t digitsValue = 0;
        int digitCount = 0, decimals = -1;
        bool plain = true;
        for (const char c : text) {
            if (c >= '0' && c <= '9') {
                digitsValue = digitsValue * 10 + static_cast<std::uint64_t>(c - '0');
                ++digitCount;
                if (decimals >= 0)
                    ++decimals;
            } else if (c == '.' && decimals < 0) {
                decimals = 0;
            } else {
                plain = false;
                break;
            }
        }
        if (plain && digitCount > 0 && digitCount <= 15) {
            static constexpr double kPowers[] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                                 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
            const double v = static_cast<double>(digitsValue);
            return decimals > 0 ? v / kPowers[decimals] : v;
        }
    }
    double value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value))
        return std::nullopt;
    return value;
}

Date dateFromDays(std::int64_t z)
{
    // Howard Hinnant's civil_from_days.
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const std::int64_t doe = z - era * 146097;
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const std::int64_t mp = (5 * doy + 2) / 153;
    const std::int64_t d = doy - (153 * mp + 2) / 5 + 1;
    const std::int64_t m = mp < 10 ? mp + 3 : mp - 9;
    const std::int64_t y = yoe + era * 400 + (m <= 2 ? 1 : 0);
    return Date{static_cast<int>(y), static_cast<int>(m), static_cast<int>(d)};
}

std::optional<Date> dayFromUnixSeconds(double seconds)
{
    // 1970-01-01 .. 9999-12-31.
    if (!std::isfinite(seconds) || seconds < 0 || seconds >= 253402300800.0)
        return std::nullopt;
    const Date d = dateFromDays(static_cast<std::int64_t>(std::floor(seconds / 86400.0)));
    return makeDay(d.year, d.month, d.day);
}

std::optional<Date> parseDay(std::string_view text, DateStyle style)
{
    text = trim(text);
    if (text.empty())
        return std::nullopt;
    switch (style) {
    case DateStyle::Iso:
        return parseIso(text);
    case DateStyle::Dmy:
        return parseSlashed(text, true);
    case DateStyle::Mdy:
        return parseSlashed(text, false);
    case DateStyle::Unix: {
        const std::optional<double> s = parseNumber(text);
        return s ? dayFromUnixSeconds(*s) : std::nullopt;
    }
    case DateStyle::Auto:
        break;
    }
    // Auto: a date-time starts YYYY-; Unix seconds are all digits (an optional fraction).
    if (text.size() >= 10 && text[4] == '-')
        return parseIso(text);
    bool number = true;
    for (char c : text)
        number = number && (isDigit(c) || c == '.');
    if (number) {
        const std::optional<double> s = parseNumber(text);
        return s ? dayFromUnixSeconds(*s) : std::nullopt;
    }
    return std::nullopt;
}

} // namespace roi::actuals::detail
