// Calendar values of the model: a month (YYYY-MM) for periods and go-live, a day (YYYY-MM-DD)
// for dated facts such as a baseline capture or a price quote. Plain values, no time zones.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace roi {

struct YearMonth
{
    int year = 2026;
    int month = 1; // 1..12

    /// Parses "YYYY-MM" (years 1900..9999); nullopt on anything else.
    static std::optional<YearMonth> parse(std::string_view text);
    std::string toString() const;
    /// Whole months from this month to `other` (positive when `other` is later).
    int monthsUntil(YearMonth other) const
    {
        return (other.year - year) * 12 + other.month - month;
    }
    YearMonth addMonths(int months) const;

    friend bool operator==(const YearMonth &, const YearMonth &) = default;
    friend auto operator<=>(const YearMonth &, const YearMonth &) = default;
};

struct Date
{
    int year = 0; // 0 means "no date"
    int month = 0;
    int day = 0;

    bool isNull() const { return year == 0; }
    /// Parses "YYYY-MM-DD" with a real calendar day; nullopt on anything else.
    static std::optional<Date> parse(std::string_view text);
    /// "" for the null date.
    std::string toString() const;
    YearMonth yearMonth() const { return {year, month}; }
    /// Days since 1970-01-01 (proleptic Gregorian), for ages and comparisons.
    long daysSinceEpoch() const;

    friend bool operator==(const Date &, const Date &) = default;
    friend auto operator<=>(const Date &, const Date &) = default;
};

int daysInMonth(int year, int month);

} // namespace roi
