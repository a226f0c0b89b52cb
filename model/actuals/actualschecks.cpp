#include "actualschecks.h"

#include "../inputs.h"
#include "report.h"

#include <cmath>
#include <cstdio>
#include <map>

namespace roi::actuals {

namespace {

std::string money(double v)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.2f", v);
    return buf;
}

std::string percent(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.0f%%", v * 100.0);
    return buf;
}

} // namespace

void checkActuals(const Workbook &wb, Results &res)
{
    const Actuals &a = wb.actuals;
    const RollupTable &t = a.table();
    const std::string &cur = wb.settings.currency;
    auto add = [&](Severity s, std::string code, std::string input, std::string message,
                   std::string fix) {
        res.findings.push_back(
            {s, std::move(code), -1, {}, std::move(input), std::move(message), std::move(fix)});
    };

    // A stale or wrong price book: per price-book model, the latest month whose reported cost
    // differs from the book by more than the tolerance.
    struct Month
    {
        YearMonth month;
        double reported = 0;
        double book = 0;
    };
    std::map<std::string, std::map<YearMonth, Month>> byModel;
    std::map<std::string, std::uint64_t> unpriced;
    for (const PriceCheck &c : t.priceChecks) {
        if (c.reportedRows > 0 && !c.priceModel.empty()) {
            Month &m = byModel[c.priceModel][c.month];
            m.month = c.month;
            m.reported += c.reportedCost;
            m.book += c.priceBookCost;
        }
        if (c.unpricedRows > 0)
            unpriced[c.model] += c.unpricedRows;
    }
    for (const auto &[model, months] : byModel) {
        for (auto it = months.rbegin(); it != months.rend(); ++it) {
            const Month &m = it->second;
            if (!(m.book > 0))
                continue;
            const double rel = (m.reported - m.book) / m.book;
            if (std::fabs(rel) <= kPriceTolerance)
                continue;
            add(Severity::Warning, "actuals-price-book-differs", priceInput(model, "input"),
                "The reported cost of " + model + " in " + m.month.toString() + " is "
                    + percent(std::fabs(rel)) + (rel > 0 ? " above" : " below")
                    + " the price book (" + cur + " " + money(m.reported) + " against " + cur + " "
                    + money(m.book) + "): the price book's rates are stale or wrong.",
                "Check the provider's price list; add a rate for " + model
                    + " valid from the day it changed.");
            break;
        }
    }
    for (const auto &[model, rows] : unpriced) {
        add(Severity::Warning, "actuals-unpriced-model", {},
            std::to_string(rows) + " imported row(s) of " + model
                + " have no cost and no price-book rate on their day: their cost counts as 0.",
            "Add " + model + " (or the name it starts with) to the price book, then import again.");
    }
    for (std::size_t i = 0; i < a.rules.size(); ++i) {
        if (wb.findUseCase(a.rules[i].useCase) < 0) {
            add(Severity::Warning, "actuals-rule-without-use-case", {},
                "Attribution rule " + std::to_string(i + 1) + " names no use case ('"
                    + a.rules[i].useCase + "'): the usage it matches stays unattributed.",
                "Point the rule at an existing use case or remove it.");
        }
    }
    if (!t.rows.empty()) {
        double total = 0;
        for (const RollupRow &r : t.rows)
            total += r.m.cost;
        if (total > 0) {
            double attributed = 0;
            if (!a.rules.empty()) {
                const std::vector<int> target = attributeRows(wb);
                for (std::size_t i = 0; i < t.rows.size(); ++i) {
                    if (target[i] >= 0)
                        attributed += t.rows[i].m.cost;
                }
            }
            const double coverage = attributed / total;
            if (coverage < kCoverageFloor) {
                add(Severity::Info, "actuals-low-coverage", {},
                    "Attribution rules cover " + percent(coverage)
                        + " of the imported cost; the rest is "
                        + (a.allocation == AllocationMode::Unallocated
                               ? std::string("unallocated.")
                               : "allocated pro rata by " + std::string(allocationName(a.allocation))
                                     + "."),
                    "Add rules that map features, teams or tags to use cases.");
            }
        }
    }
}

} // namespace roi::actuals
