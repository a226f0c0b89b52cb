// The portfolio's KPI totals, added one use case at a time. One definition for the engine's
// portfolio and the analytics probe that rebuilds a portfolio after recomputing one use case:
// both must add the same fields in the same order, or the probe's figures would drift from a
// full compute's in the last bits.
#pragma once

#include "results.h"

#include <span>

namespace roi {

inline void addCaseKpis(Kpis &k, const Kpis &ck)
{
    k.tco += ck.tco;
    k.hardBenefitGross += ck.hardBenefitGross;
    k.hardBenefit += ck.hardBenefit;
    k.softValue += ck.softValue;
    k.headlineBenefit += ck.headlineBenefit;
    for (std::size_t t = 0; t < k.byTerm.size(); ++t)
        k.byTerm[t] += ck.byTerm[t];
    k.units += ck.units;
    k.handled += ck.handled;
    k.outcomes += ck.outcomes;
    k.calls += ck.calls;
    k.tokenCost += ck.tokenCost;
    k.cashableValue += ck.cashableValue;
    k.capacityValue += ck.capacityValue;
}

/// Once every case is added: the cumulative net from the summed monthly net, and the KPIs that
/// follow from the totals.
inline void finishPortfolioTotals(std::span<const double> net, std::span<double> cumulative,
                                  Kpis &k)
{
    double running = 0;
    for (std::size_t m = 0; m < net.size(); ++m) {
        running += net[m];
        cumulative[m] = running;
    }
    k.riskDiscount = k.hardBenefitGross - k.hardBenefit;
    k.netValue = k.headlineBenefit - k.tco;
    k.roiPercent = k.tco > 0 ? Kpi::of(k.netValue / k.tco * 100.0) : Kpi::none(KpiState::Undefined);
}

} // namespace roi
