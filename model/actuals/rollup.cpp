#include "rollup.h"

#include "pricing.h"

#include "../planactual/planvsactual.h"

#include <algorithm>
#include <tuple>

namespace roi::actuals {

RollupBuilder::RollupBuilder(const Workbook &workbook, std::uint32_t importId,
                             const std::vector<CurrencyRate> &extraRates)
    : m_book(workbook.priceBook)
    , m_currency(workbook.settings.currency)
    , m_rates(extraRates)
    , m_importId(importId)
{
    for (const CurrencyRate &r : workbook.actuals.rates) {
        const bool given = std::any_of(m_rates.begin(), m_rates.end(), [&](const CurrencyRate &e) {
            return e.currency == r.currency;
        });
        if (!given)
            m_rates.push_back(r);
    }
    m_tagIx[TagList{}] = 0;
    for (auto *ix :
         {&m_providerIx, &m_modelIx, &m_projectIx, &m_teamIx, &m_customerIx, &m_featureIx})
        (*ix)[std::string()] = 0;
}

std::uint32_t RollupBuilder::intern(std::vector<std::string> &dict,
                                    std::map<std::string, std::uint32_t> &index,
                                    const std::string &value)
{
    const auto [it, inserted] = index.try_emplace(value, static_cast<std::uint32_t>(dict.size()));
    if (inserted)
        dict.push_back(value);
    return it->second;
}

void RollupBuilder::add(const UsageRecord &r)
{
    double factor = 1;
    if (r.costKind != CostKind::None && !r.currency.empty() && r.currency != m_currency) {
        const auto rate = std::find_if(m_rates.begin(), m_rates.end(), [&](const CurrencyRate &e) {
            return e.currency == r.currency;
        });
        if (rate == m_rates.end()) {
            m_missingRates.insert(r.currency);
            return;
        }
        factor = rate->rate;
    }
    ++m_added;
    if (!r.provider.empty())
        m_providers.insert(r.provider);

    auto pm = m_priceModel.find(r.model);
    if (pm == m_priceModel.end())
        pm = m_priceModel.emplace(r.model, matchPriceModel(m_book, r.model)).first;
    const PriceEntry *price = pm->second.empty() ? nullptr : priceOn(m_book, pm->second, r.day);

    const YearMonth month = r.day.yearMonth();
    PriceCheck &check = m_checks[PriceKey{month, r.model}];
    check.importId = m_importId;
    check.month = month;
    check.model = r.model;
    check.priceModel = pm->second;

    Measures m;
    m.uncachedInput = r.uncachedInput;
    m.cacheReadInput = r.cacheReadInput;
    m.cacheWriteInput = r.cacheWriteInput;
    m.outputTokens = r.outputTokens;
    m.requests = r.requests;
    m.outcomes = r.outcomes;
    if (r.costKind != CostKind::None) {
        m.cost = r.cost * factor;
        // Cost-only rows (a provider's cost report) have no tokens to set against the book.
        if (price && m.tokens() > 0) {
            check.reportedCost += m.cost;
            check.priceBookCost += tokenCost(r, *price);
            ++check.reportedRows;
        }
    } else if (price) {
        m.cost = tokenCost(r, *price);
        check.estimatedCost += m.cost;
        ++check.estimatedRows;
    } else if (m.tokens() > 0) {
        ++check.unpricedRows;
        ++m_unpriced;
    }

    // The 1-hour cache-write count is a measure the pricing above used, not a key to keep.
    TagList tags = r.keys.tags;
    std::erase_if(tags, [](const auto &t) { return t.first == kCacheWrite1hTag; });
    const auto tag = m_tagIx.try_emplace(tags, static_cast<std::uint32_t>(m_table.tagSets.size()));
    if (tag.second)
        m_table.tagSets.push_back(tags);
    const Key key{intern(m_table.providers, m_providerIx, r.provider),
                  intern(m_table.models, m_modelIx, r.model),
                  intern(m_table.projects, m_projectIx, r.keys.project),
                  intern(m_table.teams, m_teamIx, r.keys.team),
                  intern(m_table.customers, m_customerIx, r.keys.customer),
                  intern(m_table.features, m_featureIx, r.keys.feature),
                  tag.first->second,
                  month};
    m_cells[key] += m;
    if (m_weekly)
        m_weeks[isoWeek(r.day)] += m;
}

std::vector<std::string> RollupBuilder::providers() const
{
    return {m_providers.begin(), m_providers.end()};
}

RollupTable RollupBuilder::finish() const
{
    RollupTable t = m_table;
    t.rows.reserve(m_cells.size());
    for (const auto &[k, m] : m_cells) {
        t.rows.push_back(RollupRow{m_importId, k.month, k.provider, k.model, k.project, k.team,
                                   k.customer, k.feature, k.tags, m});
    }
    for (const auto &[k, c] : m_checks)
        t.priceChecks.push_back(c);
    for (const auto &[week, m] : m_weeks)
        t.weeks.push_back(WeekRow{m_importId, week, m});
    // Interning follows first use; tables are compared and merged by their strings, so the
    // dictionaries need no particular order.
    return t;
}

namespace {

bool rowLess(const RollupRow &a, const RollupRow &b)
{
    return std::tie(a.importId, a.provider, a.model, a.project, a.team, a.customer, a.feature,
                    a.tags, a.month)
           < std::tie(b.importId, b.provider, b.model, b.project, b.team, b.customer, b.feature,
                      b.tags, b.month);
}

/// Builds a table from the kept rows of several tables, interning only the entries used.
class Combiner
{
public:
    Combiner()
    {
        for (auto *ix :
             {&m_providerIx, &m_modelIx, &m_projectIx, &m_teamIx, &m_customerIx, &m_featureIx})
            (*ix)[std::string()] = 0;
        m_tagIx[TagList{}] = 0;
    }

    void add(const RollupTable &src, const std::set<std::uint32_t> &drop)
    {
        Remap provider(src.providers.size(), -1), model(src.models.size(), -1),
            project(src.projects.size(), -1), team(src.teams.size(), -1),
            customer(src.customers.size(), -1), feature(src.features.size(), -1),
            tags(src.tagSets.size(), -1);
        m_out.rows.reserve(m_out.rows.size() + src.rows.size());
        for (const RollupRow &r : src.rows) {
            if (drop.count(r.importId))
                continue;
            RollupRow row = r;
            row.provider = map(provider, r.provider, src.providers, m_out.providers, m_providerIx);
            row.model = map(model, r.model, src.models, m_out.models, m_modelIx);
            row.project = map(project, r.project, src.projects, m_out.projects, m_projectIx);
            row.team = map(team, r.team, src.teams, m_out.teams, m_teamIx);
            row.customer = map(customer, r.customer, src.customers, m_out.customers, m_customerIx);
            row.feature = map(feature, r.feature, src.features, m_out.features, m_featureIx);
            row.tags = map(tags, r.tags, src.tagSets, m_out.tagSets, m_tagIx);
            m_out.rows.push_back(row);
        }
        for (const PriceCheck &c : src.priceChecks) {
            if (!drop.count(c.importId))
                m_out.priceChecks.push_back(c);
        }
        for (const WeekRow &w : src.weeks) {
            if (!drop.count(w.importId))
                m_out.weeks.push_back(w);
        }
    }

    RollupTable finish()
    {
        std::sort(m_out.rows.begin(), m_out.rows.end(), rowLess);
        std::stable_sort(m_out.priceChecks.begin(), m_out.priceChecks.end(),
                         [](const PriceCheck &a, const PriceCheck &b) {
                             return std::tie(a.importId, a.month, a.model)
                                    < std::tie(b.importId, b.month, b.model);
                         });
        std::stable_sort(m_out.weeks.begin(), m_out.weeks.end(),
                         [](const WeekRow &a, const WeekRow &b) {
                             return std::tie(a.importId, a.week) < std::tie(b.importId, b.week);
                         });
        return std::move(m_out);
    }

private:
    using Remap = std::vector<std::int64_t>;

    template<typename V>
    static std::uint32_t map(Remap &remap, std::uint32_t i, const std::vector<V> &from,
                             std::vector<V> &to, std::map<V, std::uint32_t> &index)
    {
        if (i >= remap.size())
            return 0; // a row the reader has checked never gets here
        if (remap[i] < 0) {
            const auto [it, inserted] =
                index.try_emplace(from[i], static_cast<std::uint32_t>(to.size()));
            if (inserted)
                to.push_back(from[i]);
            remap[i] = it->second;
        }
        return static_cast<std::uint32_t>(remap[i]);
    }

    RollupTable m_out;
    std::map<std::string, std::uint32_t> m_providerIx, m_modelIx, m_projectIx, m_teamIx,
        m_customerIx, m_featureIx;
    std::map<TagList, std::uint32_t> m_tagIx;
};

} // namespace

RollupTable mergeTables(const RollupTable &a, const RollupTable &b)
{
    Combiner c;
    c.add(a, {});
    c.add(b, {});
    return c.finish();
}

RollupTable withoutImports(const RollupTable &table, const std::set<std::uint32_t> &importIds)
{
    Combiner c;
    c.add(table, importIds);
    return c.finish();
}

} // namespace roi::actuals
