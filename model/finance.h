// Finance maths on monthly cash flows (end of month, t = 1..n): NPV, IRR, payback, and the ramp-up
// curves. Pure functions, no allocation.
#pragma once

#include "enums.h"
#include "results.h"

#include <algorithm>
#include <span>
#include <vector>

namespace roi {

/// The monthly rate equivalent to an annual one: (1 + annual)^(1/12) − 1.
double monthlyRate(double annualRate);
/// Σ flows[t−1] / (1 + monthlyRate)^t, t = 1..n (the spreadsheet NPV convention).
double npv(std::span<const double> flows, double monthlyRate);
/// The monthly rate that makes the NPV zero; NoSignChange when flows never change sign,
/// NotFound when no rate in (−99%, 100000%) a month solves them. When several rates do, the one
/// nearest zero; `rootCount`, when given, receives how many rates solve them (0 when none).
Kpi irrMonthly(std::span<const double> flows, int *rootCount = nullptr);
/// Every monthly rate in [−99%, 100000%] that makes the NPV zero, ascending (a root where the
/// NPV only touches zero counts once). Empty when there is none.
std::vector<double> irrRootsMonthly(std::span<const double> flows);
/// The monthly IRR annualised: (1 + irr)^12 − 1; `rootCount` as for irrMonthly.
Kpi irrAnnual(std::span<const double> flows, int *rootCount = nullptr);
/// irrAnnual of each series, irr[i] and rootCount[i] for flows[i]: the same answers, bit for
/// bit, with the series of one sign change and equal length solved four at a time in lockstep
/// (the engine's IRRs of a workbook, whose passes over the months are bound by latency).
void irrAnnualMany(std::span<const std::span<const double>> flows, Kpi *irr, int *rootCount);
/// The month after which the cumulative net stays at or above zero, interpolated within the
/// month it crosses (0 when it never goes below zero); NeverPaysBack when it ends below zero;
/// Undefined when every flow is zero.
Kpi paybackMonth(std::span<const double> cumulative);
/// Same, given the index of the last month below zero (cumulative.size() when none is).
Kpi paybackMonth(std::span<const double> cumulative, std::size_t lastNegative);
/// The ramp-up curve at x = months since go-live / months to steady state, in [0, 1].
/// Linear: x; S-curve: 3x² − 2x³ (smoothstep); Immediate: 1. Inline: the engine calls it for
/// every month of every use case.
inline double rampCurve(RampCurve curve, double x)
{
    x = std::clamp(x, 0.0, 1.0);
    switch (curve) {
    case RampCurve::Immediate:
        return 1.0;
    case RampCurve::Linear:
        return x;
    case RampCurve::SCurve:
        return x * x * (3.0 - 2.0 * x);
    }
    return x;
}

} // namespace roi
