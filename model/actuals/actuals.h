// The workbook's actuals: the audit trail of every import, the monthly roll-up of the imported
// usage (never the raw rows), the attribution rules, the allocation of unattributed cost, the
// saved CSV column mappings and the currency rates. Plain values; the roll-up table is shared
// and immutable (copy-on-write) so that copying a Workbook stays cheap however large it is.
#pragma once

#include "../calendar.h"
#include "columnmapping.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace roi::actuals {

/// What an import read: one entry per file in the audit trail.
struct ImportRecord
{
    std::uint32_t id = 0;     // unique in the workbook, > 0; roll-up rows carry it
    std::string fileName;     // the source file's name (no folder)
    std::string sha256;       // 64 lowercase hex digits of the file's bytes as stored on disk
    std::string format;       // formatName(): "focus", "openai-usage", ..., "csv"
    std::string formatDetail; // e.g. "FOCUS 1.2"
    std::string mapping;      // the ColumnMapping's name for "csv"; empty otherwise
    std::string importedAt;   // UTC, RFC 3339 "2026-11-30T22:31:05Z"
    std::vector<std::string> providers; // providers seen in the used rows, sorted
    Date firstDay;                      // of the used rows (null when none was used)
    Date lastDay;
    std::uint64_t rowsRead = 0;
    std::uint64_t rowsUsed = 0;
    std::uint64_t rowsRefused = 0;
    std::uint64_t rowsSkipped = 0;
    std::uint64_t rowsUnpriced = 0; // used rows without a cost whose model the price book lacks

    friend bool operator==(const ImportRecord &, const ImportRecord &) = default;
};

using TagList = std::vector<std::pair<std::string, std::string>>;

/// The measures every roll-up row, report cell and total carries. Costs in the workbook's
/// currency.
struct Measures
{
    double uncachedInput = 0;
    double cacheReadInput = 0;
    double cacheWriteInput = 0;
    double outputTokens = 0;
    double requests = 0;
    double outcomes = 0;
    double cost = 0;

    double inputTokens() const { return uncachedInput + cacheReadInput + cacheWriteInput; }
    double tokens() const { return inputTokens() + outputTokens; }
    Measures &operator+=(const Measures &o);
    Measures scaled(double factor) const;

    friend bool operator==(const Measures &, const Measures &) = default;
};

/// One month of one import under one combination of model and attribution keys. Keys are
/// indexes into the table's dictionaries.
struct RollupRow
{
    std::uint32_t importId = 0;
    YearMonth month;
    std::uint32_t provider = 0;
    std::uint32_t model = 0;
    std::uint32_t project = 0;
    std::uint32_t team = 0;
    std::uint32_t customer = 0;
    std::uint32_t feature = 0;
    std::uint32_t tags = 0; // index into tagSets
    Measures m;

    friend bool operator==(const RollupRow &, const RollupRow &) = default;
};

/// One ISO week of one import, over every key: what the weekly executive numbers read. Kept for
/// imports whose records carry days (a file import), not for a monthly warehouse roll-up.
/// (Format version 4.)
struct WeekRow
{
    std::uint32_t importId = 0;
    std::string week; // ISO 8601 week, "2026-W09"
    Measures m;

    friend bool operator==(const WeekRow &, const WeekRow &) = default;
};

/// Per import, month and model: the reported cost set against the price book, and what was
/// priced from it. The difference (reported - price book) of a stale or wrong price book shows
/// here, and becomes a finding (actualschecks.h).
struct PriceCheck
{
    std::uint32_t importId = 0;
    YearMonth month;
    std::string model;              // as the source names it
    std::string priceModel;         // the price-book model it matched; empty = none
    double reportedCost = 0;        // rows with a cost whose model the price book prices
    double priceBookCost = 0;       // those same rows at the price book's rate of their day
    double estimatedCost = 0;       // rows without a cost, priced from the price book
    std::uint64_t reportedRows = 0; // rows behind reportedCost
    std::uint64_t estimatedRows = 0;
    std::uint64_t unpricedRows = 0; // rows without a cost and without a price: cost 0

    double difference() const { return reportedCost - priceBookCost; }
    friend bool operator==(const PriceCheck &, const PriceCheck &) = default;
};

/// The monthly roll-up of every import. Dictionary 0 of each key is "" (not given).
struct RollupTable
{
    std::vector<std::string> providers{""};
    std::vector<std::string> models{""};
    std::vector<std::string> projects{""};
    std::vector<std::string> teams{""};
    std::vector<std::string> customers{""};
    std::vector<std::string> features{""};
    std::vector<TagList> tagSets{TagList{}};
    std::vector<RollupRow> rows; // sorted by import, keys, month (see RollupBuilder)
    std::vector<PriceCheck> priceChecks;
    std::vector<WeekRow> weeks; // sorted by import, week

    friend bool operator==(const RollupTable &, const RollupTable &) = default;
};

/// How cost no rule attributes is shown.
enum class AllocationMode {
    Unallocated, // kept apart as "(unallocated)"
    Tokens,      // shared among the month's use cases pro rata to their attributed tokens
    Requests,    // ... to their attributed requests
    Cost         // ... to their attributed cost
};
std::string_view allocationName(AllocationMode mode); // "unallocated", "tokens", ...
std::optional<AllocationMode> allocationFromName(std::string_view name);

/// Maps usage to a use case. Every non-empty pattern must match (AND); a rule with no pattern
/// matches nothing. Patterns are exact, or wildcards with `*` (any run) and `?` (one character),
/// case-sensitive. `tag` is "key=value-pattern" (both parts may hold wildcards) and matches
/// when any tag of the row matches. Rules are tried in order; the first that matches wins.
struct AttributionRule
{
    std::string useCase; // the use case's name
    std::string feature;
    std::string team;
    std::string customer;
    std::string project;
    std::string model;
    std::string tag;

    bool isEmpty() const
    {
        return feature.empty() && team.empty() && customer.empty() && project.empty()
               && model.empty() && tag.empty();
    }
    friend bool operator==(const AttributionRule &, const AttributionRule &) = default;
};

/// 1 unit of `currency` = `rate` units of the workbook's currency.
struct CurrencyRate
{
    std::string currency; // ISO 4217
    double rate = 1;

    friend bool operator==(const CurrencyRate &, const CurrencyRate &) = default;
};

/// A customer's monthly revenue (the customer key as the roll-up holds it).
struct CustomerRevenue
{
    std::string customer;
    double monthly = 0; // >= 0, in the workbook's currency

    friend bool operator==(const CustomerRevenue &, const CustomerRevenue &) = default;
};

struct Actuals
{
    std::vector<ImportRecord> imports;         // in import order
    std::shared_ptr<const RollupTable> rollup; // null = nothing imported
    std::vector<AttributionRule> rules;        // first match wins
    AllocationMode allocation = AllocationMode::Unallocated;
    std::vector<ColumnMapping> mappings;      // unique names
    std::vector<CurrencyRate> rates;          // unique currencies
    /// Monthly revenue of every customer without an entry in `customerRevenue` (none: those
    /// customers' margins are unknown).
    std::optional<double> revenuePerCustomer;
    std::vector<CustomerRevenue> customerRevenue; // sorted by customer, unique

    bool isEmpty() const;
    /// The roll-up, or an empty table.
    const RollupTable &table() const;
    const ImportRecord *findImport(std::uint32_t id) const;
    const ColumnMapping *findMapping(std::string_view name) const;
    std::optional<double> rateOf(std::string_view currency) const;
    /// The monthly revenue of `customer`: its entry, else revenuePerCustomer.
    std::optional<double> revenueOf(std::string_view customer) const;
    /// Whether any customer has a revenue (an entry or revenuePerCustomer).
    bool hasRevenue() const { return revenuePerCustomer || !customerRevenue.empty(); }
    std::uint32_t nextImportId() const;

    /// Deep comparison (tables compared by value, a shared one at once).
    friend bool operator==(const Actuals &a, const Actuals &b);
};

/// `entries` sorted by customer, the last entry of a customer given twice kept (a CSV's later
/// line wins); customers trimmed, empty ones dropped.
std::vector<CustomerRevenue> normalisedRevenue(std::vector<CustomerRevenue> entries);

/// Matches `text` against a pattern with `*` and `?`. Exposed for the rule editor and tests.
bool wildcardMatch(std::string_view pattern, std::string_view text);

} // namespace roi::actuals
