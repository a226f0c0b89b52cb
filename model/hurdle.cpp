#include "hurdle.h"

#include "finance.h"

#include <cmath>
#include <vector>

namespace roi {

void computeHurdleKpis(Kpis &k, std::span<const double> net, double hurdleRate)
{
    k.hurdleRate = hurdleRate;
    const double r = monthlyRate(hurdleRate);
    k.irrVsHurdle =
        k.irrAnnual.ok() ? Kpi::of(k.irrAnnual.value - hurdleRate) : Kpi::none(k.irrAnnual.state);
    // Discounted cumulative net, then the same payback rule as the undiscounted one. Reused
    // buffer: analytics call the engine many times.
    thread_local std::vector<double> discounted;
    discounted.resize(net.size());
    double running = 0;
    double factor = 1.0;
    const double step = 1.0 / (1.0 + r);
    std::size_t lastNegative = net.size(); // the last month below zero, for paybackMonth
    for (std::size_t t = 0; t < net.size(); ++t) {
        factor *= step;
        running += net[t] * factor;
        discounted[t] = running;
        lastNegative = running < 0 ? t : lastNegative;
    }
    // The running sum is npv(net, r), formed by the same operations: the same double.
    k.npvAtHurdle = running;
    k.discountedPaybackMonth = paybackMonth(discounted, lastNegative);
}

} // namespace roi
