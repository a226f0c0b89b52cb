#include "report.h"

#include <algorithm>
#include <array>
#include <map>
#include <numeric>
#include <tuple>
#include <unordered_map>

namespace roi::actuals {

namespace {

constexpr std::pair<Dimension, std::string_view> kDimensionNames[] = {
    {Dimension::UseCase, "use-case"},  {Dimension::Model, "model"},
    {Dimension::Feature, "feature"},   {Dimension::Team, "team"},
    {Dimension::Customer, "customer"}, {Dimension::Provider, "provider"},
    {Dimension::Project, "project"},
};

bool matches(const std::string &pattern, const std::string &value)
{
    return pattern.empty() || wildcardMatch(pattern, value);
}

bool tagMatches(const std::string &pattern, const TagList &tags)
{
    if (pattern.empty())
        return true;
    const auto eq = pattern.find('=');
    const std::string_view key = std::string_view(pattern).substr(0, eq);
    for (const auto &[k, v] : tags) {
        if (!wildcardMatch(key, k))
            continue;
        if (eq == std::string::npos || wildcardMatch(std::string_view(pattern).substr(eq + 1), v))
            return true;
    }
    return false;
}

template<typename V>
const V &at(const std::vector<V> &dict, std::uint32_t i)
{
    static const V empty{};
    return i < dict.size() ? dict[i] : empty;
}

struct ComboHash
{
    std::size_t operator()(const std::array<std::uint32_t, 6> &a) const
    {
        std::size_t h = 1469598103934665603ull;
        for (std::uint32_t v : a)
            h = (h ^ v) * 1099511628211ull;
        return h;
    }
};

/// The use-case attribution of every month: before and after allocation.
struct Attribution
{
    std::vector<YearMonth> months;
    std::vector<std::vector<Measures>> byUseCase; // [use case][month], after allocation
    std::vector<Measures> pool;                   // [month], what stays unallocated
    std::vector<double> monthAttributed;          // [month], cost the rules attribute
    std::vector<double> monthCost;                // [month], all cost
};

std::vector<YearMonth> monthsOf(const RollupTable &t)
{
    std::vector<YearMonth> months;
    for (const RollupRow &r : t.rows)
        months.push_back(r.month);
    std::sort(months.begin(), months.end());
    months.erase(std::unique(months.begin(), months.end()), months.end());
    return months;
}

std::size_t monthIndex(const std::vector<YearMonth> &months, YearMonth m)
{
    return static_cast<std::size_t>(std::lower_bound(months.begin(), months.end(), m)
                                    - months.begin());
}

double weightOf(const Measures &m, AllocationMode mode)
{
    switch (mode) {
    case AllocationMode::Tokens:
        return m.tokens();
    case AllocationMode::Requests:
        return m.requests;
    case AllocationMode::Cost:
        return m.cost;
    case AllocationMode::Unallocated:
        break;
    }
    return 0;
}

Attribution attribute(const Workbook &wb)
{
    const RollupTable &t = wb.actuals.table();
    Attribution a;
    a.months = monthsOf(t);
    const std::size_t nm = a.months.size();
    a.byUseCase.assign(wb.useCases.size(), std::vector<Measures>(nm));
    a.pool.assign(nm, Measures{});
    a.monthAttributed.assign(nm, 0.0);
    a.monthCost.assign(nm, 0.0);
    const std::vector<int> target = attributeRows(wb);
    for (std::size_t i = 0; i < t.rows.size(); ++i) {
        const RollupRow &r = t.rows[i];
        const std::size_t m = monthIndex(a.months, r.month);
        a.monthCost[m] += r.m.cost;
        if (target[i] >= 0) {
            a.byUseCase[static_cast<std::size_t>(target[i])][m] += r.m;
            a.monthAttributed[m] += r.m.cost;
        } else {
            a.pool[m] += r.m;
        }
    }
    const AllocationMode mode = wb.actuals.allocation;
    if (mode == AllocationMode::Unallocated)
        return a;
    for (std::size_t m = 0; m < nm; ++m) {
        double total = 0;
        for (const auto &uc : a.byUseCase)
            total += std::max(0.0, weightOf(uc[m], mode));
        if (!(total > 0))
            continue; // nothing to share it by: it stays unallocated
        const Measures pool = a.pool[m];
        for (auto &uc : a.byUseCase)
            uc[m] += pool.scaled(std::max(0.0, weightOf(uc[m], mode)) / total);
        a.pool[m] = Measures{};
    }
    return a;
}

bool hasAny(const Measures &m)
{
    return m.cost != 0 || m.tokens() != 0 || m.requests != 0 || m.outcomes != 0;
}

} // namespace

std::string_view dimensionName(Dimension d)
{
    for (const auto &[k, n] : kDimensionNames) {
        if (k == d)
            return n;
    }
    return "use-case";
}

std::optional<Dimension> dimensionFromName(std::string_view name)
{
    for (const auto &[k, n] : kDimensionNames) {
        if (n == name)
            return k;
    }
    return std::nullopt;
}

int matchRule(const std::vector<AttributionRule> &rules, const RollupTable &t, const RollupRow &row)
{
    for (std::size_t i = 0; i < rules.size(); ++i) {
        const AttributionRule &r = rules[i];
        if (r.isEmpty())
            continue;
        if (matches(r.feature, at(t.features, row.feature))
            && matches(r.team, at(t.teams, row.team))
            && matches(r.customer, at(t.customers, row.customer))
            && matches(r.project, at(t.projects, row.project))
            && matches(r.model, at(t.models, row.model))
            && tagMatches(r.tag, at(t.tagSets, row.tags)))
            return static_cast<int>(i);
    }
    return -1;
}

std::vector<int> attributeRows(const Workbook &wb)
{
    const RollupTable &t = wb.actuals.table();
    const auto &rules = wb.actuals.rules;
    std::vector<int> ruleTarget(rules.size());
    for (std::size_t i = 0; i < rules.size(); ++i)
        ruleTarget[i] = wb.findUseCase(rules[i].useCase);
    std::vector<int> out(t.rows.size(), -1);
    if (rules.empty())
        return out;
    // Rows share key combinations month after month: match each combination once.
    std::unordered_map<std::array<std::uint32_t, 6>, int, ComboHash> seen;
    for (std::size_t i = 0; i < t.rows.size(); ++i) {
        const RollupRow &r = t.rows[i];
        const std::array<std::uint32_t, 6> key{r.model,    r.project, r.team,
                                               r.customer, r.feature, r.tags};
        auto it = seen.find(key);
        if (it == seen.end()) {
            const int rule = matchRule(rules, t, r);
            it =
                seen.emplace(key, rule < 0 ? -1 : ruleTarget[static_cast<std::size_t>(rule)]).first;
        }
        out[i] = it->second;
    }
    return out;
}

UnitCosts unitCosts(const Measures &m)
{
    UnitCosts u;
    if (m.requests > 0)
        u.perRequest = m.cost / m.requests;
    if (m.outcomes > 0)
        u.perOutcome = m.cost / m.outcomes;
    if (m.tokens() > 0)
        u.perMillionTokens = m.cost / m.tokens() * 1'000'000.0;
    return u;
}

int Report::findKey(std::string_view key) const
{
    for (std::size_t i = 0; i < keys.size(); ++i) {
        if (keys[i] == key)
            return static_cast<int>(i);
    }
    return -1;
}

Report buildReport(const Workbook &wb, Dimension by)
{
    Report rep;
    rep.by = by;
    rep.allocation = wb.actuals.allocation;
    const RollupTable &t = wb.actuals.table();
    const Attribution a = attribute(wb);
    rep.months = a.months;
    const std::size_t nm = a.months.size();

    std::vector<std::string> keys;
    std::vector<std::vector<Measures>> cells;
    if (by == Dimension::UseCase) {
        for (std::size_t u = 0; u < wb.useCases.size(); ++u) {
            if (std::any_of(a.byUseCase[u].begin(), a.byUseCase[u].end(), hasAny)) {
                keys.push_back(wb.useCases[u].name);
                cells.push_back(a.byUseCase[u]);
            }
        }
        if (std::any_of(a.pool.begin(), a.pool.end(), hasAny)) {
            keys.emplace_back(kUnallocated);
            cells.push_back(a.pool);
        }
    } else {
        const std::vector<std::string> *dict = nullptr;
        std::uint32_t RollupRow::*member = nullptr;
        switch (by) {
        case Dimension::Model:
            dict = &t.models, member = &RollupRow::model;
            break;
        case Dimension::Feature:
            dict = &t.features, member = &RollupRow::feature;
            break;
        case Dimension::Team:
            dict = &t.teams, member = &RollupRow::team;
            break;
        case Dimension::Customer:
            dict = &t.customers, member = &RollupRow::customer;
            break;
        case Dimension::Provider:
            dict = &t.providers, member = &RollupRow::provider;
            break;
        case Dimension::Project:
        case Dimension::UseCase:
            dict = &t.projects, member = &RollupRow::project;
            break;
        }
        std::map<std::string, std::size_t> index;
        for (const RollupRow &r : t.rows) {
            std::string key = at(*dict, r.*member);
            if (key.empty())
                key = std::string(kNotGiven);
            auto [it, inserted] = index.try_emplace(key, keys.size());
            if (inserted) {
                keys.push_back(key);
                cells.emplace_back(nm);
            }
            cells[it->second][monthIndex(a.months, r.month)] += r.m;
        }
    }

    // Largest total cost first; the unallocated rest last.
    std::vector<Measures> totals(keys.size());
    for (std::size_t k = 0; k < keys.size(); ++k) {
        for (const Measures &m : cells[k])
            totals[k] += m;
    }
    std::vector<std::size_t> order(keys.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
        const bool ux = keys[x] == kUnallocated, uy = keys[y] == kUnallocated;
        if (ux != uy)
            return uy;
        return totals[x].cost > totals[y].cost;
    });
    rep.monthTotals.assign(nm, Measures{});
    for (std::size_t k : order) {
        rep.keys.push_back(keys[k]);
        rep.cells.push_back(cells[k]);
        rep.keyTotals.push_back(totals[k]);
        rep.total += totals[k];
        for (std::size_t m = 0; m < nm; ++m)
            rep.monthTotals[m] += cells[k][m];
    }

    double allCost = 0;
    for (std::size_t m = 0; m < nm; ++m) {
        rep.attributedCost += a.monthAttributed[m];
        allCost += a.monthCost[m];
        rep.monthCoverage.push_back(
            a.monthCost[m] != 0 ? std::optional<double>(a.monthAttributed[m] / a.monthCost[m])
                                : std::nullopt);
        rep.unallocatedCost += a.pool[m].cost;
    }
    if (allCost != 0)
        rep.coverage = rep.attributedCost / allCost;
    for (const PriceCheck &c : t.priceChecks) {
        rep.reportedCost += c.reportedCost;
        rep.priceBookCost += c.priceBookCost;
        rep.estimatedCost += c.estimatedCost;
        rep.unpricedRows += c.unpricedRows;
    }
    return rep;
}

UseCaseActuals actualsByUseCase(const Workbook &wb)
{
    Attribution a = attribute(wb);
    return {std::move(a.months), std::move(a.byUseCase), std::move(a.pool)};
}

std::vector<MarginNegative> marginNegativeCustomers(const Workbook &wb)
{
    std::vector<MarginNegative> out;
    if (!wb.actuals.hasRevenue())
        return out;
    const Report rep = buildReport(wb, Dimension::Customer);
    for (std::size_t k = 0; k < rep.keys.size(); ++k) {
        if (rep.keys[k] == kNotGiven)
            continue;
        const std::optional<double> revenue = wb.actuals.revenueOf(rep.keys[k]);
        if (!revenue)
            continue; // no revenue known for this customer: no margin
        for (std::size_t m = 0; m < rep.months.size(); ++m) {
            if (rep.cells[k][m].cost > *revenue)
                out.push_back({rep.keys[k], rep.months[m], rep.cells[k][m].cost, *revenue});
        }
    }
    return out;
}

} // namespace roi::actuals
