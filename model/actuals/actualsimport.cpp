#include "actualsimport.h"

#include "rollup.h"

#include <algorithm>

namespace roi::actuals {

namespace {

bool shareProvider(const ImportRecord &a, const ImportRecord &b)
{
    if (a.providers.empty() || b.providers.empty())
        return a.providers.empty() && b.providers.empty();
    return std::any_of(a.providers.begin(), a.providers.end(), [&](const std::string &p) {
        return std::find(b.providers.begin(), b.providers.end(), p) != b.providers.end();
    });
}

bool overlaps(const ImportRecord &a, const ImportRecord &b)
{
    if (a.firstDay.isNull() || b.firstDay.isNull())
        return false;
    return a.firstDay <= b.lastDay && b.firstDay <= a.lastDay;
}

std::string describe(const ImportRecord &r)
{
    return r.fileName + " (" + r.firstDay.toString() + " to " + r.lastDay.toString() + ", imported "
           + r.importedAt + ")";
}

} // namespace

std::string_view sourceKind(std::string_view format)
{
    if (format == "openai-usage" || format == "anthropic-usage")
        return "usage";
    if (format == "openai-costs" || format == "anthropic-costs")
        return "cost";
    return {};
}

ImportConflicts findConflicts(const Actuals &current, const ImportRecord &record)
{
    ImportConflicts c;
    for (const ImportRecord &r : current.imports) {
        if (!record.sha256.empty() && r.sha256 == record.sha256) {
            c.duplicateOf = &r;
        } else if (shareProvider(r, record) && overlaps(r, record)) {
            const std::string_view a = sourceKind(r.format), b = sourceKind(record.format);
            const bool cross = !a.empty() && !b.empty() && a != b;
            if (r.format == record.format || cross)
                c.overlapping.push_back(&r);
            if (cross)
                c.crossFormat.push_back(&r);
        }
    }
    return c;
}

namespace {
constexpr std::pair<OverlapChoice, std::string_view> kOverlapNames[] = {
    {OverlapChoice::Fail, "fail"},
    {OverlapChoice::Replace, "replace"},
    {OverlapChoice::Keep, "keep"},
};
} // namespace

std::string_view overlapName(OverlapChoice choice)
{
    for (const auto &[c, n] : kOverlapNames) {
        if (c == choice)
            return n;
    }
    return "fail";
}

std::optional<OverlapChoice> overlapFromName(std::string_view name)
{
    for (const auto &[c, n] : kOverlapNames) {
        if (n == name)
            return c;
    }
    return std::nullopt;
}

ApplyResult applyImport(const Actuals &current, const PendingImport &pending, OverlapChoice choice)
{
    ApplyResult out;
    out.actuals = current;
    const ImportConflicts conflicts = findConflicts(current, pending.record);
    if (conflicts.duplicateOf) {
        out.outcome = ApplyResult::Outcome::Duplicate;
        out.message = pending.record.fileName + " was already imported as "
                      + describe(*conflicts.duplicateOf) + " (same SHA-256); nothing changed";
        return out;
    }
    std::set<std::uint32_t> replaced;
    if (!conflicts.overlapping.empty()) {
        std::string list;
        for (const ImportRecord *r : conflicts.overlapping) {
            list += list.empty() ? "" : "; ";
            list += describe(*r);
            replaced.insert(r->id);
        }
        if (choice == OverlapChoice::Fail) {
            out.outcome = ApplyResult::Outcome::Refused;
            out.message = pending.record.fileName + " (" + pending.record.firstDay.toString()
                          + " to " + pending.record.lastDay.toString()
                          + ") overlaps earlier imports of the same format and provider: " + list
                          + ". Choose to replace them or keep both";
            if (!conflicts.crossFormat.empty()) {
                const ImportRecord &other = *conflicts.crossFormat.front();
                const bool usageFirst = sourceKind(other.format) == "usage";
                out.message = pending.record.fileName + " (" + pending.record.format + ", "
                              + pending.record.firstDay.toString() + " to "
                              + pending.record.lastDay.toString() + ") overlaps " + list + ": a "
                              + (usageFirst ? "cost" : "usage") + " export and a "
                              + (usageFirst ? "usage" : "cost")
                              + " export of the same provider and days describe the same spend "
                                "(once billed, once priced from the tokens), so keeping both "
                                "counts it twice. Choose to replace the earlier import or keep "
                                "both";
            }
            return out;
        }
        if (choice == OverlapChoice::Keep) {
            replaced.clear();
            out.message = "kept both: overlaps " + list;
        } else {
            out.message = "replaced " + list;
        }
    }

    // The id was assigned when the import started; an edit since may have used it.
    PendingImport p = pending;
    if (current.findImport(p.record.id) || p.record.id == 0) {
        const std::uint32_t id = current.nextImportId();
        for (RollupRow &r : p.table.rows)
            r.importId = id;
        for (PriceCheck &c : p.table.priceChecks)
            c.importId = id;
        p.record.id = id;
    }

    Actuals &a = out.actuals;
    RollupTable kept =
        replaced.empty() ? current.table() : withoutImports(current.table(), replaced);
    a.rollup = std::make_shared<const RollupTable>(mergeTables(kept, p.table));
    std::erase_if(a.imports, [&](const ImportRecord &r) { return replaced.count(r.id) > 0; });
    a.imports.push_back(p.record);
    for (const CurrencyRate &rate : p.newRates) {
        auto it = std::find_if(a.rates.begin(), a.rates.end(),
                               [&](const CurrencyRate &r) { return r.currency == rate.currency; });
        if (it != a.rates.end())
            it->rate = rate.rate;
        else
            a.rates.push_back(rate);
    }
    out.replaced.assign(replaced.begin(), replaced.end());
    out.outcome = ApplyResult::Outcome::Applied;
    return out;
}

Actuals removeImport(const Actuals &current, std::uint32_t id)
{
    Actuals a = current;
    if (!current.findImport(id))
        return a;
    std::erase_if(a.imports, [&](const ImportRecord &r) { return r.id == id; });
    RollupTable t = withoutImports(current.table(), {id});
    a.rollup = t.rows.empty() && t.priceChecks.empty()
                   ? nullptr
                   : std::make_shared<const RollupTable>(std::move(t));
    return a;
}

} // namespace roi::actuals
