// The hurdle-rate KPIs: NPV at the company's hurdle rate, the IRR against it and the discounted
// payback. Shared by every use case and the portfolio.
#pragma once

#include "enums.h"
#include "results.h"
#include "valuedriver.h"

#include <span>

namespace roi {

/// Fills k.hurdleRate, k.npvAtHurdle, k.irrVsHurdle (from k.irrAnnual, which must be set) and
/// k.discountedPaybackMonth from the monthly net flows.
void computeHurdleKpis(Kpis &k, std::span<const double> net, double hurdleRate);

/// Whether a driver's value splits into a cashable part and a capacity-only part.
inline bool splitsCashable(const ValueDriver &d)
{
    return d.kind == DriverKind::LaborReclaimed || d.kind == DriverKind::AddedCapacity;
}

/// The cashable share a driver claims: its own for labor and capacity, 1 for every other kind.
inline double cashableFactor(const ValueDriver &d)
{
    if (!splitsCashable(d))
        return 1.0;
    return d.cashableShare < 0 ? 0.0 : d.cashableShare > 1 ? 1.0 : d.cashableShare;
}

} // namespace roi
