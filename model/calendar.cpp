#include "calendar.h"

#include <charconv>
#include <cstdio>

namespace roi {

namespace {

bool parseFixed(std::string_view text, int &out)
{
    if (text.empty())
        return false;
    for (char c : text) {
        if (c < '0' || c > '9')
            return false;
    }
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc() && ptr == text.data() + text.size();
}

} // namespace

int daysInMonth(int year, int month)
{
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12)
        return 0;
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : days[month - 1];
}

std::optional<YearMonth> YearMonth::parse(std::string_view text)
{
    if (text.size() != 7 || text[4] != '-')
        return std::nullopt;
    YearMonth ym;
    if (!parseFixed(text.substr(0, 4), ym.year) || !parseFixed(text.substr(5, 2), ym.month))
        return std::nullopt;
    if (ym.year < 1900 || ym.month < 1 || ym.month > 12)
        return std::nullopt;
    return ym;
}

std::string YearMonth::toString() const
{
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
    return buf;
}

YearMonth YearMonth::addMonths(int months) const
{
    const int index = year * 12 + (month - 1) + months;
    // Floor division: C++ rounds toward zero, which gave month 0 or below for a negative index
    // (found by fuzz_dates: 2026-06 minus 30,000 months gave month -6).
    const int year0 = index >= 0 ? index / 12 : -((-index + 11) / 12);
    return {year0, index - year0 * 12 + 1};
}

std::optional<Date> Date::parse(std::string_view text)
{
    if (text.size() != 10 || text[4] != '-' || text[7] != '-')
        return std::nullopt;
    Date d;
    if (!parseFixed(text.substr(0, 4), d.year) || !parseFixed(text.substr(5, 2), d.month)
        || !parseFixed(text.substr(8, 2), d.day))
        return std::nullopt;
    if (d.year < 1900 || d.month < 1 || d.month > 12 || d.day < 1
        || d.day > daysInMonth(d.year, d.month))
        return std::nullopt;
    return d;
}

std::string Date::toString() const
{
    if (isNull())
        return {};
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
    return buf;
}

long Date::daysSinceEpoch() const
{
    // Howard Hinnant's days_from_civil.
    const int y = year - (month <= 2 ? 1 : 0);
    const long era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned mp = static_cast<unsigned>(month + (month > 2 ? -3 : 9));
    const unsigned doy = (153 * mp + 2) / 5 + static_cast<unsigned>(day) - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<long>(doe) - 719468;
}

} // namespace roi
