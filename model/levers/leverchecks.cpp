#include "leverchecks.h"

#include "inputs.h"
#include "leverengine.h"
#include "leverfields.h"

#include <algorithm>
#include <cstdio>

namespace roi {

namespace {

std::string leverInput(const CostLayer &layer, LeverKind kind, std::string_view field)
{
    std::string path(kLeverInputPrefix);
    if (kind != LeverKind::Count) {
        path += leverKey(kind);
        path += '.';
    }
    path += field;
    return layerInput(layer.name, path);
}

std::string percent(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.0f%%", v * 100.0);
    return buf;
}

} // namespace

void checkLevers(const Workbook &wb, Results &res)
{
    auto add = [&](std::string code, int useCase, std::string input, std::string message,
                   std::string fix) {
        res.findings.push_back({Severity::Warning,
                                std::move(code),
                                useCase,
                                {},
                                std::move(input),
                                std::move(message),
                                std::move(fix)});
    };
    for (std::size_t u = 0; u < wb.useCases.size(); ++u) {
        const int uc = static_cast<int>(u);
        for (const CostLayer &l : wb.useCases[u].layers) {
            if (l.type != LayerType::TokenUsage || !l.levers.anyEnabled())
                continue;
            const LayerLevers &lv = l.levers;
            const std::string where = " on " + l.name + " (" + wb.useCases[u].name + ")";
            const SemanticCacheLever &sc = lv.semanticCache;
            if (sc.plan.enabled && sc.hitRate > 0 && sc.lookupCostPerCall <= 0
                && sc.plan.monthlyCost <= 0 && sc.plan.oneTimeCost <= 0) {
                add("cache-without-cost", uc,
                    leverInput(l, LeverKind::SemanticCache, "lookupCostPerCall"),
                    "Semantic caching" + where
                        + " has no cache infrastructure cost: no lookup cost, no running or "
                          "implementation cost.",
                    "Net it out before claiming savings: enter the embedding and lookup cost "
                    "per call and the cache's monthly cost.");
            }
            const RoutingLever &rt = lv.routing;
            if (rt.plan.enabled && rt.share > 0
                && (rt.escalationRate <= 0 || rt.qualityGate.empty())) {
                add("routing-unguarded", uc,
                    leverInput(l, LeverKind::Routing,
                               rt.escalationRate <= 0 ? "escalationRate" : "share"),
                    "Model routing" + where + " has "
                        + (rt.escalationRate <= 0 ? std::string("no escalation rate")
                                                  : std::string("no quality gate"))
                        + ": every routed call is assumed good enough for the cheaper model.",
                    "Enter the share of routed calls retried on the premium model and note the "
                    "quality gate that catches them.");
            }
            if (lv.promptCache.plan.enabled && lv.promptCache.share > 0) {
                if (const PriceEntry *p = wb.findPrice(l.model); p && p->cachedInput >= p->input) {
                    add("cached-price-not-lower", uc, priceInput(p->model, "cachedInput"),
                        "Prompt caching" + where + ": the cached input price of " + p->model
                            + " is at or above its input price, so caching saves nothing.",
                        "Enter the provider's cached input price (usually 10-25% of the input "
                        "price).");
                }
            }
            // Levers apply in sequence, so the engine never saves more than the layer costs;
            // but claims that each alone take a share of the bill can add up to more than all
            // of it, which says the shares were taken from different, overlapping sources.
            const auto alone = standaloneSavingShares(l, wb.priceBook);
            double claimed = 0;
            for (double share : alone)
                claimed += std::max(0.0, share);
            if (claimed > 1.0 + 1e-9) {
                add("levers-exceed-layer", uc, layerInput(l.name, "levers.baselineMonth"),
                    "The levers" + where + " each claim a share of the token bill that together "
                        + "come to " + percent(claimed) + " of it: more than the layer costs.",
                    "Check the shares against one measurement of the same traffic; the engine "
                    "applies them in sequence, so the overlap is not counted twice.");
            }
            if (lv.baselineMonth > 0) {
                double earliest = 1e9;
                for (int k = 0; k < kLeverCount; ++k) {
                    const LeverPlan &plan = lv.plan(static_cast<LeverKind>(k));
                    if (plan.enabled)
                        earliest = std::min(earliest, plan.startMonth);
                }
                if (lv.baselineMonth >= earliest) {
                    add("savings-vs-last-month", uc,
                        leverInput(l, LeverKind::Count, "baselineMonth"),
                        "The token figures of " + l.name + " (" + wb.useCases[u].name
                            + ") were measured in month "
                            + std::to_string(static_cast<int>(lv.baselineMonth))
                            + ", after a lever started: savings are measured against last "
                              "month's bill, not against the baseline.",
                        "Enter the token figures from before the first lever (baseline month 0 "
                        "or a month before its start).");
                }
            }
        }
    }
}

} // namespace roi
