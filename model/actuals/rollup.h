// Building the monthly roll-up of one import from the normalised records an importer streams
// (the RecordSink), on any thread: the builder copies what it needs from the workbook when it
// is made, so the workbook may change meanwhile; the result is applied afterwards
// (actualsimport.h), as one edit.
#pragma once

#include "../workbook.h"
#include "actuals.h"
#include "usagerecord.h"

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace roi::actuals {

class RollupBuilder
{
public:
    /// Prices with `workbook`'s price book, converts to its currency with its actuals' rates
    /// plus `extraRates` (given for this import, e.g. on the command line).
    RollupBuilder(const Workbook &workbook, std::uint32_t importId,
                  const std::vector<CurrencyRate> &extraRates = {});

    /// Adds one record. Usable as the importer's sink: `[&](const UsageRecord &r) { b.add(r); }`.
    void add(const UsageRecord &record);

    /// Currencies met without a rate (their rows are counted, not added): an import with any
    /// must be refused or given a rate.
    const std::set<std::string> &missingRates() const { return m_missingRates; }
    std::uint64_t rowsAdded() const { return m_added; }
    std::uint64_t rowsUnpriced() const { return m_unpriced; }
    std::vector<std::string> providers() const;
    /// Whether the records carry days, so that ISO weeks are kept too (default: yes; a monthly
    /// roll-up such as the warehouse's says no).
    void setWeekly(bool weekly) { m_weekly = weekly; }

    /// The roll-up of the records added: sorted rows, price checks per month and model.
    RollupTable finish() const;

private:
    struct Key
    {
        std::uint32_t provider, model, project, team, customer, feature, tags;
        YearMonth month;
        auto operator<=>(const Key &) const = default;
    };
    struct PriceKey
    {
        YearMonth month;
        std::string model;
        auto operator<=>(const PriceKey &) const = default;
    };
    std::uint32_t intern(std::vector<std::string> &dict,
                         std::map<std::string, std::uint32_t> &index, const std::string &value);

    std::vector<PriceEntry> m_book;
    std::string m_currency;
    std::vector<CurrencyRate> m_rates;
    std::uint32_t m_importId;
    RollupTable m_table;
    std::map<std::string, std::uint32_t> m_providerIx, m_modelIx, m_projectIx, m_teamIx,
        m_customerIx, m_featureIx;
    std::map<TagList, std::uint32_t> m_tagIx;
    std::map<std::string, std::string> m_priceModel; // export name -> price-book name ("" none)
    std::map<Key, Measures> m_cells;
    std::map<PriceKey, PriceCheck> m_checks;
    std::set<std::string> m_missingRates;
    std::set<std::string> m_providers;
    std::uint64_t m_added = 0;
    std::uint64_t m_unpriced = 0;
    bool m_weekly = true;
    std::map<std::string, Measures> m_weeks;
};

/// `a` and `b` merged into one table (dictionaries united, rows re-indexed and sorted).
RollupTable mergeTables(const RollupTable &a, const RollupTable &b);
/// `table` without the rows and price checks of the given imports (dictionaries compacted).
RollupTable withoutImports(const RollupTable &table, const std::set<std::uint32_t> &importIds);

} // namespace roi::actuals
