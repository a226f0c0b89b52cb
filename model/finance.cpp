#include "finance.h"

#include <algorithm>
#include <cmath>

namespace roi {

namespace {

constexpr double kMinRate = -0.99;
constexpr double kMaxRate = 1000.0;

// NPV at a monthly rate and its derivative, in one pass.
void npvAndDerivative(std::span<const double> flows, double rate, double &f, double &df)
{
    const double v = 1.0 / (1.0 + rate);
    double discount = 1.0;
    f = 0;
    df = 0;
    for (std::size_t t = 0; t < flows.size(); ++t) {
        discount *= v; // (1 + rate)^-(t+1)
        f += flows[t] * discount;
        df -= static_cast<double>(t + 1) * flows[t] * discount * v;
    }
}

// The NPV alone, summed exactly as npvAndDerivative sums it (so the same double).
double npvAt(std::span<const double> flows, double rate)
{
    const double v = 1.0 / (1.0 + rate);
    double discount = 1.0;
    double f = 0;
    for (std::size_t t = 0; t < flows.size(); ++t) {
        discount *= v;
        f += flows[t] * discount;
    }
    return f;
}

// The NPV at two rates in one pass. The loop is bound by the latency of its running products,
// so the second rate costs almost nothing; each sum is the one npvAt gives.
void npvAt2(std::span<const double> flows, double rate1, double rate2, double &f1, double &f2)
{
    const double v1 = 1.0 / (1.0 + rate1);
    const double v2 = 1.0 / (1.0 + rate2);
    double d1 = 1.0;
    double d2 = 1.0;
    f1 = 0;
    f2 = 0;
    for (std::size_t t = 0; t < flows.size(); ++t) {
        d1 *= v1;
        d2 *= v2;
        f1 += flows[t] * d1;
        f2 += flows[t] * d2;
    }
}

// Safeguarded Newton inside a sign-changing bracket [lo, hi].
double solve(std::span<const double> flows, double lo, double hi, double flo)
{
    double x = 0.5 * (lo + hi);
    for (int i = 0; i < 200; ++i) {
        double f;
        double df;
        npvAndDerivative(flows, x, f, df);
        if (f == 0)
            return x;
        if ((f < 0) == (flo < 0)) {
            lo = x;
            flo = f;
        } else {
            hi = x;
        }
        double next = df != 0 ? x - f / df : lo - 1;
        if (!(next > lo && next < hi))
            next = 0.5 * (lo + hi);
        if (std::abs(next - x) <= 1e-15 * std::max(1.0, std::abs(x)) || hi - lo < 1e-15)
            return next;
        x = next;
    }
    return x;
}

} // namespace

double monthlyRate(double annualRate)
{
    return std::pow(1.0 + annualRate, 1.0 / 12.0) - 1.0;
}

double npv(std::span<const double> flows, double rate)
{
    return npvAt(flows, rate);
}

Kpi irrMonthly(std::span<const double> flows)
{
    bool positive = false;
    bool negative = false;
    for (double f : flows) {
        positive = positive || f > 0;
        negative = negative || f < 0;
    }
    if (!positive || !negative)
        return Kpi::none(KpiState::NoSignChange);

    const double f0 = npvAt(flows, 0.0);
    if (f0 == 0)
        return Kpi::of(0.0);
    // Walk out from zero on both sides at once, so the root nearest zero is bracketed first.
    double upPrev = 0.0;
    double downPrev = 0.0;
    double step = 0.05;
    for (int i = 0; i < 64; ++i) {
        const double up = std::min(kMaxRate, upPrev + step);
        const double down = std::max(kMinRate, -1.0 + (1.0 + downPrev) * 0.7);
        // Both ends at once; the upper one is still looked at first.
        double fu;
        double fd;
        npvAt2(flows, up, down, fu, fd);
        if ((fu < 0) != (f0 < 0) || fu == 0) {
            return Kpi::of(fu == 0 ? up : solve(flows, upPrev, up, npvAt(flows, upPrev)));
        }
        if ((fd < 0) != (f0 < 0) || fd == 0) {
            return Kpi::of(fd == 0 ? down : solve(flows, down, downPrev, fd));
        }
        if (up >= kMaxRate && down <= kMinRate)
            break;
        upPrev = up;
        downPrev = down;
        step *= 1.6;
    }
    return Kpi::none(KpiState::NotFound);
}

Kpi irrAnnual(std::span<const double> flows)
{
    Kpi m = irrMonthly(flows);
    if (!m.ok())
        return m;
    return Kpi::of(std::pow(1.0 + m.value, 12.0) - 1.0);
}

Kpi paybackMonth(std::span<const double> cumulative)
{
    if (cumulative.empty())
        return Kpi::none(KpiState::Undefined);
    if (cumulative.back() < 0)
        return Kpi::none(KpiState::NeverPaysBack);
    // The last month that ends below zero; payback falls inside the month after it.
    std::size_t lastNegative = cumulative.size();
    bool anyNonZero = false;
    for (std::size_t t = 0; t < cumulative.size(); ++t) {
        if (cumulative[t] < 0)
            lastNegative = t;
        anyNonZero = anyNonZero || cumulative[t] != 0;
    }
    if (!anyNonZero)
        return Kpi::none(KpiState::Undefined);
    if (lastNegative == cumulative.size())
        return Kpi::of(0.0);
    const double before = cumulative[lastNegative];
    const double after = cumulative[lastNegative + 1];
    const double fraction = -before / (after - before);
    return Kpi::of(static_cast<double>(lastNegative + 1) + fraction);
}

double rampCurve(RampCurve curve, double x)
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
