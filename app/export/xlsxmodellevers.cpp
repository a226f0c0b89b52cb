// The savings levers of a token layer in the XLSX formula model: each lever's ramp, the per-call
// state as the levers apply in turn (model/levers/leverengine.cpp, stepLevers), each lever's
// saving, own cost and net, and the layer's cost after levers.
#include "xlsxmodelcore.h"

#include "xlsxformulamodel.h"

#include "levers/levers.h"

#include <array>
#include <cmath>

namespace roi::xlsxmodel {

namespace {

/// A per-call quantity: a constant (an input cell) until a lever changes it, then a row.
struct Series
{
    int row = -1;
    E constant;
    E at(const RowWriter &w, int m) const { return row >= 0 ? w.at(row, m) : constant; }
};

} // namespace

int writeLeverRows(Context &c, RowWriter &w, int u, int i, int before, int handledRow,
                   int priceFactorRow, const double *engineCost)
{
    const CostLayer &l =
        c.wb.useCases[static_cast<std::size_t>(u)].layers[static_cast<std::size_t>(i)];
    const LayerLevers &lv = l.levers;
    auto in = [&](const std::string &field) {
        return c.in(inputKey(u, "layers", i, field));
    };
    auto lever = [&](LeverKind k, std::string_view field) {
        return in("levers." + std::string(leverKey(k)) + "." + std::string(field));
    };
    auto priceIndex = [&](const std::string &model) {
        int found = -1;
        for (std::size_t j = 0; j < c.wb.priceBook.size(); ++j) {
            if (c.wb.priceBook[j].model == model)
                found = static_cast<int>(j);
        }
        return found;
    };
    auto price = [&](int j, std::string_view field) {
        return j >= 0 ? c.in(inputKey(u, "prices", j, field)) : num(0);
    };
    const int own = priceIndex(l.model);
    int routedIndex = lv.routing.plan.enabled ? priceIndex(lv.routing.targetModel) : -1;
    if (routedIndex < 0)
        routedIndex = own; // no entry for the target: the premium prices, as the engine does
    const std::string name = l.name + ": ";

    std::array<int, kLeverCount> ramp{};
    for (int k = 0; k < kLeverCount; ++k) {
        const auto kind = static_cast<LeverKind>(k);
        if (!lv.plan(kind).enabled)
            continue;
        const E start = lever(kind, "startMonth");
        const E months = lever(kind, "rampMonths");
        ramp[static_cast<std::size_t>(k)] =
            w.row(name + std::string(leverLabel(kind)) + ": share of full effect", c.fmt.share,
                  [&](int m) {
                      const E t = w.month(m);
                      return iff(cmp(t, "<", start), num(0),
                                 iff(cmp(months, "<=", num(0)), num(1),
                                     minE(num(1), (t - start + num(1)) / months)));
                  });
    }
    auto R = [&](LeverKind k, int m) {
        return w.at(ramp[static_cast<std::size_t>(k)], m);
    };

    Series calls{-1, num(1)};
    Series pIn{-1, price(own, "input")}, pOut{-1, price(own, "output")},
        pCached{-1, price(own, "cachedInput")};
    Series tIn{-1, in("inputTokens")}, tOut{-1, in("outputTokens")},
        tCached{-1, in("cachedInputTokens")};
    Series extra{-1, num(0)};
    auto spendAt = [&](int m) {
        return calls.at(w, m)
               * (tIn.at(w, m) * pIn.at(w, m) + tOut.at(w, m) * pOut.at(w, m)
                  + tCached.at(w, m) * pCached.at(w, m) + extra.at(w, m));
    };
    auto spendRow = [&](const std::string &after) {
        return w.row(name + "spend per call x 1M " + after, c.fmt.number, spendAt);
    };
    int spend = spendRow("before levers");
    std::array<int, kLeverCount> spendBefore{}, spendAfter{}, running{};
    running.fill(-1);

    if (lv.semanticCache.plan.enabled) {
        const auto k = LeverKind::SemanticCache;
        spendBefore[0] = spend;
        calls.row = w.row(name + "share of calls reaching a model", c.fmt.share,
                          [&](int m) { return num(1) - lever(k, "hitRate") * R(k, m); });
        running[0] = w.row(name + "semantic cache running cost per call", c.fmt.factor, [&](int m) {
            return lever(k, "lookupCostPerCall") * R(k, m)
                   + lever(k, "hitRate") * R(k, m) * lever(k, "falseHitRate")
                         * lever(k, "costPerFalseHit");
        });
        spend = spendAfter[0] = spendRow("after semantic caching");
    }
    if (lv.routing.plan.enabled) {
        const auto k = LeverKind::Routing;
        const int idx = static_cast<int>(k);
        spendBefore[idx] = spend;
        const int share = w.row(name + "share routed", c.fmt.share,
                                [&](int m) { return lever(k, "share") * R(k, m); });
        const E esc = lever(k, "escalationRate");
        auto blend = [&](Series &p, std::string_view field, const std::string &label) {
            const Series old = p;
            p.row = w.row(name + label + " price after routing", c.fmt.factor, [&](int m) {
                const E s = w.at(share, m);
                return (num(1) - s) * old.at(w, m)
                       + s * (price(routedIndex, field) + esc * old.at(w, m));
            });
        };
        blend(pIn, "input", "input");
        blend(pOut, "output", "output");
        blend(pCached, "cachedInput", "cached input");
        spend = spendAfter[idx] = spendRow("after routing");
    }
    if (lv.promptOptimisation.plan.enabled) {
        const auto k = LeverKind::PromptOptimisation;
        const int idx = static_cast<int>(k);
        spendBefore[idx] = spend;
        const Series oldIn = tIn, oldCached = tCached;
        auto keep = [&](int m) {
            return num(1) - lever(k, "inputReduction") * R(k, m);
        };
        tIn.row = w.row(name + "input tokens after prompt optimisation", c.fmt.number,
                        [&](int m) { return oldIn.at(w, m) * keep(m); });
        tCached.row = w.row(name + "cached tokens after prompt optimisation", c.fmt.number,
                            [&](int m) { return oldCached.at(w, m) * keep(m); });
        spend = spendAfter[idx] = spendRow("after prompt optimisation");
    }
    if (lv.outputShortening.plan.enabled) {
        const auto k = LeverKind::OutputShortening;
        const int idx = static_cast<int>(k);
        spendBefore[idx] = spend;
        const Series oldOut = tOut;
        tOut.row = w.row(name + "output tokens after shortening", c.fmt.number, [&](int m) {
            return oldOut.at(w, m) * (num(1) - lever(k, "outputReduction") * R(k, m));
        });
        spend = spendAfter[idx] = spendRow("after output shortening");
    }
    if (lv.promptCache.plan.enabled) {
        const auto k = LeverKind::PromptCache;
        const int idx = static_cast<int>(k);
        spendBefore[idx] = spend;
        const Series oldIn = tIn, oldCached = tCached, oldExtra = extra;
        auto moved = [&](int m) {
            return oldIn.at(w, m) * lever(k, "share") * R(k, m);
        };
        extra.row = w.row(name + "cache-write premium per call x 1M", c.fmt.number, [&](int m) {
            return oldExtra.at(w, m)
                   + oldIn.at(w, m) * lever(k, "writeShare") * R(k, m) * lever(k, "writePremium")
                         * pIn.at(w, m);
        });
        tIn.row = w.row(name + "uncached input tokens after prompt caching", c.fmt.number,
                        [&](int m) { return oldIn.at(w, m) - moved(m); });
        tCached.row = w.row(name + "cached input tokens after prompt caching", c.fmt.number,
                            [&](int m) { return oldCached.at(w, m) + moved(m); });
        spend = spendAfter[idx] = spendRow("after prompt caching");
    }
    if (lv.batch.plan.enabled) {
        const auto k = LeverKind::Batch;
        const int idx = static_cast<int>(k);
        spendBefore[idx] = spend;
        const int prev = spend;
        spend = spendAfter[idx] =
            w.row(name + "spend per call x 1M after batch", c.fmt.number, [&](int m) {
                return w.at(prev, m)
                       * (num(1) - lever(k, "share") * R(k, m) * lever(k, "discount"));
            });
    }

    const int perMillion =
        w.row(name + "calls x (1 + overhead) x price factor / 1M", c.fmt.factor, [&](int m) {
            return w.at(handledRow, m) * in("callsPerUnit") / num(1e6) * (num(1) + in("overhead"))
                   * w.at(priceFactorRow, m);
        });
    const int layerCalls = w.row(name + "model calls", c.fmt.number,
                                 [&](int m) { return w.at(handledRow, m) * in("callsPerUnit"); });
    std::vector<int> nets;
    for (int k = 0; k < kLeverCount; ++k) {
        const auto kind = static_cast<LeverKind>(k);
        if (!lv.plan(kind).enabled)
            continue;
        const std::string label = name + std::string(leverLabel(kind));
        const auto idx = static_cast<std::size_t>(k);
        const int gross = w.row(
            label + ": token spend saved", c.fmt.money,
            [&](int m) {
                return (w.at(spendBefore[idx], m) - w.at(spendAfter[idx], m)) * w.at(perMillion, m);
            },
            nullptr, true);
        const int cost = w.row(
            label + ": own cost", c.fmt.money,
            [&](int m) {
                const E t = w.month(m);
                const E start = lever(kind, "startMonth");
                const E plan = iff(cmp(t, "=", call("TRUNC", {start}, std::trunc(start.v))),
                                   lever(kind, "oneTimeCost"), num(0))
                               + iff(cmp(t, ">=", start), lever(kind, "monthlyCost"), num(0));
                if (running[idx] >= 0)
                    return w.at(running[idx], m) * w.at(layerCalls, m) + plan;
                return plan;
            },
            nullptr, true);
        nets.push_back(w.row(
            label + ": net saving", c.fmt.money,
            [&](int m) { return w.at(gross, m) - w.at(cost, m); }, nullptr, true));
    }
    return w.row(
        xlsxlabels::layer(l), c.fmt.money,
        [&](int m) {
            E cost = w.at(before, m);
            for (int n : nets)
                cost = cost - w.at(n, m);
            return cost;
        },
        engineCost, true);
}

} // namespace roi::xlsxmodel
