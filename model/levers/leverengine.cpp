#include "leverengine.h"

#include "finance.h"

#include <algorithm>

namespace roi {

namespace {

struct Prices
{
    double in = 0;
    double out = 0;
    double cached = 0;
};

Prices pricesOf(std::span<const PriceEntry> book, const std::string &model, Prices fallback)
{
    // The current entry (latest validFrom) of a name, as in the engine.
    const PriceEntry *found = currentPrice(book, model);
    return found ? Prices{found->input, found->output, found->cachedInput} : fallback;
}

/// Share of the lever's full effect in month t (t = 0: the steady month, full effect).
double rampOf(const LeverPlan &plan, int t)
{
    if (t == 0)
        return 1.0;
    const double start = plan.startMonth;
    if (t < start)
        return 0.0;
    if (plan.rampMonths <= 0)
        return 1.0;
    return std::min(1.0, (t - start + 1) / plan.rampMonths);
}

/// The lever's implementation cost in month t: one-time in the start month, monthly from it on.
double planCost(const LeverPlan &plan, int t)
{
    double c = 0;
    if (t > 0 && t == static_cast<int>(plan.startMonth))
        c += plan.oneTimeCost;
    if (t == 0 || t >= plan.startMonth)
        c += plan.monthlyCost;
    return c;
}

/// Per-call state as the levers apply in turn: the share of calls that reach a model, the
/// blended prices per million tokens, the tokens of a call, and the cache-write premium spend.
struct CallState
{
    double calls = 1;
    Prices p;
    double in = 0;
    double out = 0;
    double cached = 0;
    double writeExtra = 0; // premium paid on tokens written to the prompt cache, per call

    double spend() const
    {
        return calls * (in * p.in + out * p.out + cached * p.cached + writeExtra);
    }
};

/// Spend per call saved by each lever (index LeverKind) and the lever's running cost per call,
/// for one month with the given ramps.
void stepLevers(const LayerLevers &lv, const CallState &start, const Prices &routed,
                const double *ramp, double *saved, double *runningPerCall)
{
    CallState s = start;
    double spend = s.spend();
    auto step = [&](LeverKind k) {
        const double after = s.spend();
        saved[static_cast<int>(k)] = spend - after;
        spend = after;
    };
    if (lv.semanticCache.plan.enabled) {
        const double r = ramp[static_cast<int>(LeverKind::SemanticCache)];
        const double hits = lv.semanticCache.hitRate * r;
        s.calls = 1.0 - hits;
        step(LeverKind::SemanticCache);
        runningPerCall[static_cast<int>(LeverKind::SemanticCache)] =
            lv.semanticCache.lookupCostPerCall * r
            + hits * lv.semanticCache.falseHitRate * lv.semanticCache.costPerFalseHit;
    }
    if (lv.routing.plan.enabled) {
        const double share = lv.routing.share * ramp[static_cast<int>(LeverKind::Routing)];
        const double esc = lv.routing.escalationRate;
        // A routed call pays the cheaper model, and an escalated one the premium model again.
        s.p.in = (1.0 - share) * s.p.in + share * (routed.in + esc * s.p.in);
        s.p.out = (1.0 - share) * s.p.out + share * (routed.out + esc * s.p.out);
        s.p.cached = (1.0 - share) * s.p.cached + share * (routed.cached + esc * s.p.cached);
        step(LeverKind::Routing);
    }
    if (lv.promptOptimisation.plan.enabled) {
        const double keep = 1.0
                            - lv.promptOptimisation.inputReduction
                                  * ramp[static_cast<int>(LeverKind::PromptOptimisation)];
        s.in *= keep;
        s.cached *= keep;
        step(LeverKind::PromptOptimisation);
    }
    if (lv.outputShortening.plan.enabled) {
        s.out *= 1.0
                 - lv.outputShortening.outputReduction
                       * ramp[static_cast<int>(LeverKind::OutputShortening)];
        step(LeverKind::OutputShortening);
    }
    if (lv.promptCache.plan.enabled) {
        const double r = ramp[static_cast<int>(LeverKind::PromptCache)];
        const double moved = s.in * lv.promptCache.share * r;
        const double written = s.in * lv.promptCache.writeShare * r;
        s.writeExtra += written * lv.promptCache.writePremium * s.p.in;
        s.in -= moved;
        s.cached += moved;
        step(LeverKind::PromptCache);
    }
    if (lv.batch.plan.enabled) {
        const double off =
            lv.batch.share * ramp[static_cast<int>(LeverKind::Batch)] * lv.batch.discount;
        // Batch discounts whatever the call costs by now, cache-write premium included.
        const double after = spend * (1.0 - off);
        saved[static_cast<int>(LeverKind::Batch)] = spend - after;
        spend = after;
    }
}

} // namespace

bool hasLevers(const UseCase &useCase)
{
    for (const CostLayer &l : useCase.layers) {
        if (l.type == LayerType::TokenUsage && l.levers.anyEnabled())
            return true;
    }
    return false;
}

void applyLevers(const UseCase &uc, std::span<const PriceEntry> prices, int n, int t0,
                 const double *handled, const double *priceFactor, double *const *layerRows,
                 LeverResult &out)
{
    const bool steady = t0 == 0;
    const auto months = static_cast<std::size_t>(n);
    out.active = true;
    // The cost without levers, layers added in order exactly as the engine adds its cost row,
    // so that with levers that change nothing the optimised cost equals it to the bit.
    std::vector<double> baselineSteady;
    std::vector<double> &baseline = steady ? baselineSteady : out.baseline;
    std::vector<double> spendSteady;
    std::vector<double> &tokenSpend = steady ? spendSteady : out.tokenSpend;
    baseline.assign(months, 0.0);
    tokenSpend.assign(months, 0.0);
    for (std::size_t i = 0; i < uc.layers.size(); ++i) {
        for (std::size_t m = 0; m < months; ++m)
            baseline[m] += layerRows[i][m];
    }
    if (!steady) {
        out.lines.clear();
        out.leverLayersBaseline = 0;
    }
    std::size_t line = 0;
    for (std::size_t i = 0; i < uc.layers.size(); ++i) {
        const CostLayer &l = uc.layers[i];
        if (l.type != LayerType::TokenUsage)
            continue;
        double *row = layerRows[i];
        if (!l.levers.anyEnabled()) {
            for (std::size_t m = 0; m < months; ++m)
                tokenSpend[m] += row[m];
            continue;
        }
        if (!steady) {
            for (std::size_t m = 0; m < months; ++m)
                out.leverLayersBaseline += row[m];
        }
        const LayerLevers &lv = l.levers;
        CallState start;
        start.p = pricesOf(prices, l.model, {});
        start.in = l.inputTokens;
        start.out = l.outputTokens;
        start.cached = l.cachedInputTokens;
        const Prices routed =
            lv.routing.plan.enabled ? pricesOf(prices, lv.routing.targetModel, start.p) : start.p;

        const std::size_t first = line;
        for (int k = 0; k < kLeverCount; ++k) {
            if (!lv.plan(static_cast<LeverKind>(k)).enabled)
                continue;
            if (!steady) {
                LeverLine ll;
                ll.layer = static_cast<int>(i);
                ll.kind = static_cast<LeverKind>(k);
                ll.gross.assign(months, 0.0);
                ll.cost.assign(months, 0.0);
                ll.net.assign(months, 0.0);
                out.lines.push_back(std::move(ll));
            }
            ++line;
        }
        for (std::size_t m = 0; m < months; ++m) {
            const int t = t0 + static_cast<int>(m);
            double ramp[kLeverCount];
            for (int k = 0; k < kLeverCount; ++k)
                ramp[k] = rampOf(lv.plan(static_cast<LeverKind>(k)), t);
            double saved[kLeverCount] = {};
            double running[kLeverCount] = {};
            stepLevers(lv, start, routed, ramp, saved, running);
            // The same factors the engine's token formula applies to the spend per call.
            const double perMillion =
                handled[m] * l.callsPerUnit / 1e6 * (1.0 + l.overhead) * priceFactor[m];
            const double calls = handled[m] * l.callsPerUnit;
            double spend = row[m];
            double cost = row[m];
            std::size_t li = first;
            for (int k = 0; k < kLeverCount; ++k) {
                const LeverPlan &plan = lv.plan(static_cast<LeverKind>(k));
                if (!plan.enabled)
                    continue;
                const double gross = saved[k] * perMillion;
                const double own = running[k] * calls + planCost(plan, t);
                const double net = gross - own;
                spend -= gross;
                cost -= net;
                LeverLine &ll = out.lines[li++];
                if (steady) {
                    ll.steadyGross = gross;
                    ll.steadyCost = own;
                    ll.steadyNet = net;
                } else {
                    ll.gross[m] = gross;
                    ll.cost[m] = own;
                    ll.net[m] = net;
                }
            }
            row[m] = cost;
            tokenSpend[m] += spend;
        }
    }
    if (steady) {
        out.steadyBaseline = baseline[0];
        out.steadyTokenSpend = tokenSpend[0];
        double total = 0;
        for (std::size_t i = 0; i < uc.layers.size(); ++i)
            total += layerRows[i][0];
        out.steadyOptimised = total;
    }
}

void finishLevers(std::span<const double> cost, LeverResult &out)
{
    out.optimised.assign(cost.begin(), cost.end());
    out.baselineTotal = 0;
    out.optimisedTotal = 0;
    for (std::size_t m = 0; m < cost.size(); ++m) {
        out.baselineTotal += out.baseline[m];
        out.optimisedTotal += out.optimised[m];
    }
    std::vector<double> cumulative(cost.size());
    for (LeverLine &ll : out.lines) {
        ll.grossTotal = ll.costTotal = ll.netTotal = 0;
        double running = 0;
        for (std::size_t m = 0; m < ll.net.size(); ++m) {
            ll.grossTotal += ll.gross[m];
            ll.costTotal += ll.cost[m];
            ll.netTotal += ll.net[m];
            running += ll.net[m];
            cumulative[m] = running;
        }
        // A lever that costs nothing has nothing to pay back: "undefined (no cost)", not month 0.
        const Kpi payback =
            ll.costTotal > 0 ? paybackMonth(cumulative) : Kpi::none(KpiState::Undefined);
        ll.paybackValue = payback.value;
        ll.paybackState = static_cast<int>(payback.state);
        if (ll.costTotal > 0) {
            ll.roiValue = (ll.grossTotal - ll.costTotal) / ll.costTotal * 100.0;
            ll.roiState = static_cast<int>(KpiState::Ok);
        } else {
            ll.roiValue = 0;
            ll.roiState = static_cast<int>(KpiState::Undefined);
        }
    }
}

void portfolioLevers(const Results &res, int scenario, CaseResult &portfolio)
{
    LeverResult &out = portfolio.levers;
    out.clear();
    bool any = false;
    for (int uc = 0; uc < res.useCaseCount && !any; ++uc)
        any = res.at(uc, scenario).levers.active;
    if (!any)
        return;
    out.active = true;
    const auto months = static_cast<std::size_t>(res.months);
    out.baseline.assign(months, 0.0);
    for (int uc = 0; uc < res.useCaseCount; ++uc) {
        const CaseResult &c = res.at(uc, scenario);
        const auto source =
            c.levers.active ? std::span<const double>(c.levers.baseline) : c.row(Row::Cost);
        for (std::size_t m = 0; m < months; ++m)
            out.baseline[m] += source[m];
        out.leverLayersBaseline += c.levers.leverLayersBaseline;
        out.steadyBaseline += c.levers.active ? c.levers.steadyBaseline : c.runRate.tco;
        out.steadyOptimised += c.runRate.tco;
        out.steadyTokenSpend += c.runRate.tokenCost;
        out.lines.insert(out.lines.end(), c.levers.lines.begin(), c.levers.lines.end());
    }
    const auto spend = portfolio.row(Row::TokenCost);
    out.tokenSpend.assign(spend.begin(), spend.end());
    out.optimised.assign(portfolio.row(Row::Cost).begin(), portfolio.row(Row::Cost).end());
    for (std::size_t m = 0; m < months; ++m) {
        out.baselineTotal += out.baseline[m];
        out.optimisedTotal += out.optimised[m];
    }
}

std::array<double, kLeverCount> standaloneSavingShares(const CostLayer &l,
                                                       std::span<const PriceEntry> prices)
{
    std::array<double, kLeverCount> out{};
    CallState start;
    start.p = pricesOf(prices, l.model, {});
    start.in = l.inputTokens;
    start.out = l.outputTokens;
    start.cached = l.cachedInputTokens;
    const double base = start.spend();
    if (base <= 0)
        return out;
    const Prices routed = pricesOf(prices, l.levers.routing.targetModel, start.p);
    double ramp[kLeverCount];
    std::fill(std::begin(ramp), std::end(ramp), 1.0);
    for (int k = 0; k < kLeverCount; ++k) {
        const auto kind = static_cast<LeverKind>(k);
        if (!l.levers.plan(kind).enabled)
            continue;
        LayerLevers alone = l.levers;
        for (int j = 0; j < kLeverCount; ++j)
            alone.plan(static_cast<LeverKind>(j)).enabled = j == k;
        double saved[kLeverCount] = {};
        double running[kLeverCount] = {};
        stepLevers(alone, start, routed, ramp, saved, running);
        out[static_cast<std::size_t>(k)] = saved[k] / base;
    }
    return out;
}

Kpi leverPayback(const LeverLine &line)
{
    return {line.paybackValue, static_cast<KpiState>(line.paybackState)};
}

Kpi leverRoi(const LeverLine &line)
{
    return {line.roiValue, static_cast<KpiState>(line.roiState)};
}

LeverSummary leverSummary(const CaseResult &r)
{
    LeverSummary s;
    if (r.levers.active) {
        s.baseline = r.levers.baselineTotal;
        s.optimised = r.levers.optimisedTotal;
        s.steadyBaseline = r.levers.steadyBaseline;
        s.steadyOptimised = r.levers.steadyOptimised;
    } else {
        s.baseline = s.optimised = r.kpis.tco;
        s.steadyBaseline = s.steadyOptimised = r.runRate.tco;
    }
    auto percent = [](double base, double optimised) {
        return base > 0 ? Kpi::of((base - optimised) / base * 100.0)
                        : Kpi::none(KpiState::Undefined);
    };
    s.savingsPercent = percent(s.baseline, s.optimised);
    s.steadySavingsPercent = percent(s.steadyBaseline, s.steadyOptimised);
    return s;
}

} // namespace roi
