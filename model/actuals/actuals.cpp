#include "actuals.h"

#include <algorithm>

namespace roi::actuals {

Measures &Measures::operator+=(const Measures &o)
{
    uncachedInput += o.uncachedInput;
    cacheReadInput += o.cacheReadInput;
    cacheWriteInput += o.cacheWriteInput;
    outputTokens += o.outputTokens;
    requests += o.requests;
    outcomes += o.outcomes;
    cost += o.cost;
    return *this;
}

Measures Measures::scaled(double f) const
{
    return {uncachedInput * f, cacheReadInput * f, cacheWriteInput * f,
            outputTokens * f,  requests * f,       outcomes * f,
            cost * f};
}

namespace {
constexpr std::pair<AllocationMode, std::string_view> kAllocationNames[] = {
    {AllocationMode::Unallocated, "unallocated"},
    {AllocationMode::Tokens, "tokens"},
    {AllocationMode::Requests, "requests"},
    {AllocationMode::Cost, "cost"},
};
} // namespace

std::string_view allocationName(AllocationMode mode)
{
    for (const auto &[m, n] : kAllocationNames) {
        if (m == mode)
            return n;
    }
    return "unallocated";
}

std::optional<AllocationMode> allocationFromName(std::string_view name)
{
    for (const auto &[m, n] : kAllocationNames) {
        if (n == name)
            return m;
    }
    return std::nullopt;
}

bool Actuals::isEmpty() const
{
    return imports.empty() && (!rollup || rollup->rows.empty()) && rules.empty()
           && allocation == AllocationMode::Unallocated && mappings.empty() && rates.empty()
           && !revenuePerCustomer && customerRevenue.empty();
}

const RollupTable &Actuals::table() const
{
    static const RollupTable empty;
    return rollup ? *rollup : empty;
}

const ImportRecord *Actuals::findImport(std::uint32_t id) const
{
    for (const ImportRecord &r : imports) {
        if (r.id == id)
            return &r;
    }
    return nullptr;
}

const ColumnMapping *Actuals::findMapping(std::string_view name) const
{
    for (const ColumnMapping &m : mappings) {
        if (m.name == name)
            return &m;
    }
    return nullptr;
}

std::optional<double> Actuals::rateOf(std::string_view currency) const
{
    for (const CurrencyRate &r : rates) {
        if (r.currency == currency)
            return r.rate;
    }
    return std::nullopt;
}

std::optional<double> Actuals::revenueOf(std::string_view customer) const
{
    // Sorted by customer (setCustomerRevenue and the reader keep it so): a binary search, as a
    // report asks for every customer.
    const auto it = std::lower_bound(
        customerRevenue.begin(), customerRevenue.end(), customer,
        [](const CustomerRevenue &r, std::string_view c) { return r.customer < c; });
    if (it != customerRevenue.end() && it->customer == customer)
        return it->monthly;
    return revenuePerCustomer;
}

std::uint32_t Actuals::nextImportId() const
{
    std::uint32_t next = 1;
    for (const ImportRecord &r : imports)
        next = std::max(next, r.id + 1);
    return next;
}

bool operator==(const Actuals &a, const Actuals &b)
{
    if (!(a.imports == b.imports && a.rules == b.rules && a.allocation == b.allocation
          && a.mappings == b.mappings && a.rates == b.rates
          && a.revenuePerCustomer == b.revenuePerCustomer
          && a.customerRevenue == b.customerRevenue))
        return false;
    if (a.rollup == b.rollup)
        return true;
    return a.table() == b.table();
}

std::vector<CustomerRevenue> normalisedRevenue(std::vector<CustomerRevenue> entries)
{
    for (CustomerRevenue &e : entries) {
        const auto b = e.customer.find_first_not_of(" \t");
        const auto last = e.customer.find_last_not_of(" \t");
        e.customer = b == std::string::npos ? std::string() : e.customer.substr(b, last - b + 1);
    }
    std::erase_if(entries, [](const CustomerRevenue &e) { return e.customer.empty(); });
    std::stable_sort(
        entries.begin(), entries.end(),
        [](const CustomerRevenue &a, const CustomerRevenue &b) { return a.customer < b.customer; });
    std::vector<CustomerRevenue> out;
    for (CustomerRevenue &e : entries) {
        if (!out.empty() && out.back().customer == e.customer)
            out.back() = std::move(e);
        else
            out.push_back(std::move(e));
    }
    return out;
}

bool wildcardMatch(std::string_view pattern, std::string_view text)
{
    // Iterative matching with one backtrack point for the last '*': linear in practice, never
    // exponential.
    std::size_t p = 0, t = 0;
    std::size_t star = std::string_view::npos, mark = 0;
    while (t < text.size()) {
        if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == text[t])) {
            ++p;
            ++t;
        } else if (p < pattern.size() && pattern[p] == '*') {
            star = p++;
            mark = t;
        } else if (star != std::string_view::npos) {
            p = star + 1;
            t = ++mark;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*')
        ++p;
    return p == pattern.size();
}

} // namespace roi::actuals
