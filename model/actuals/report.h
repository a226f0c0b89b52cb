// Reading the actuals: attribution of the roll-up to use cases by the rules, allocation of the
// unattributed cost, coverage, and the monthly tables by use case, model, feature, team,
// customer (or provider, project), with totals and unit costs. Pure functions of the workbook.
#pragma once

#include "../workbook.h"
#include "actuals.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace roi::actuals {

enum class Dimension { UseCase, Model, Feature, Team, Customer, Provider, Project };
std::string_view dimensionName(Dimension d); // "use-case", "model", "feature", ...
std::optional<Dimension> dimensionFromName(std::string_view name);

inline constexpr std::string_view kUnallocated = "(unallocated)"; // use-case rows no rule takes
inline constexpr std::string_view kNotGiven = "(none)";           // an empty key

/// The index of the first rule that matches `row` (-1: none).
int matchRule(const std::vector<AttributionRule> &rules, const RollupTable &table,
              const RollupRow &row);

/// Per roll-up row: the index of the use case it is attributed to by the rules, -1 if none
/// (no rule matches, or the rule names a use case the workbook lacks).
std::vector<int> attributeRows(const Workbook &workbook);

/// Unit costs of one set of measures; nullopt where the divisor is zero.
struct UnitCosts
{
    std::optional<double> perRequest;
    std::optional<double> perOutcome;
    std::optional<double> perMillionTokens;
};
UnitCosts unitCosts(const Measures &m);

/// The monthly table of the actuals by one dimension.
struct Report
{
    Dimension by = Dimension::UseCase;
    AllocationMode allocation = AllocationMode::Unallocated;
    std::vector<YearMonth> months; // every month with usage, ascending
    std::vector<std::string> keys; // by total cost, largest first; kUnallocated last
    /// cells[k][m]: the measures of keys[k] in months[m].
    std::vector<std::vector<Measures>> cells;
    std::vector<Measures> keyTotals;   // per key, over every month
    std::vector<Measures> monthTotals; // per month, over every key
    Measures total;

    // Coverage: the share of cost the rules attribute to a use case (before any allocation).
    // nullopt when there is no cost at all (nothing to cover).
    double attributedCost = 0;
    std::optional<double> coverage;
    std::vector<std::optional<double>> monthCoverage;
    /// Cost left as kUnallocated after allocation (all of the unattributed cost in Unallocated
    /// mode; in a pro-rata mode, that of months where no use case has any of the measure).
    double unallocatedCost = 0;

    // Against the price book (from the price checks):
    double reportedCost = 0;  // cost the sources reported, for models the price book prices
    double priceBookCost = 0; // the same usage at the price book's rates of its days
    double estimatedCost = 0; // cost priced from the price book (rows without a cost)
    std::uint64_t unpricedRows = 0;

    /// -1 when `key` is not a row of the report.
    int findKey(std::string_view key) const;
};

/// The report of `workbook`'s actuals by `by`, allocating as the workbook says. Every key is
/// a row: for the use-case dimension, every use case that has usage, then kUnallocated when
/// anything stays unallocated.
Report buildReport(const Workbook &workbook, Dimension by);

/// Per use case (the workbook's order) and month: what issue 13's plan-vs-actual reads. Built
/// from buildReport(UseCase); `months` as in the report.
struct UseCaseActuals
{
    std::vector<YearMonth> months;
    std::vector<std::vector<Measures>> byUseCase; // [use case][month], zeros where none
    std::vector<Measures> unallocated;            // [month]
};
UseCaseActuals actualsByUseCase(const Workbook &workbook);

/// Customers whose monthly cost exceeds the workbook's revenue per customer, with the month and
/// the cost; empty when no revenue per customer is set.
struct MarginNegative
{
    std::string customer;
    YearMonth month;
    double cost = 0;
    double revenue = 0;
};
std::vector<MarginNegative> marginNegativeCustomers(const Workbook &workbook);

} // namespace roi::actuals
