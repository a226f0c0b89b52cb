#include "finance.h"

#include "vectorclones.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <vector>

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

// npvAndDerivative with (t + 1) × flows[t] formed once, in `weighted`, for the Newton passes
// over the same flows: each sum is the same double, the products associating to the left.
void npvAndDerivativeWeighted(std::span<const double> flows, const double *weighted, double rate,
                              double &f, double &df)
{
    const double v = 1.0 / (1.0 + rate);
    double discount = 1.0;
    f = 0;
    df = 0;
    for (std::size_t t = 0; t < flows.size(); ++t) {
        discount *= v;
        f += flows[t] * discount;
        df -= weighted[t] * discount * v;
    }
}

// Safeguarded Newton inside a sign-changing bracket [lo, hi].
double solve(std::span<const double> flows, double lo, double hi, double flo)
{
    thread_local std::vector<double> weighted; // reused: the engine solves IRRs in a loop
    weighted.resize(flows.size());
    for (std::size_t t = 0; t < flows.size(); ++t)
        weighted[t] = static_cast<double>(t + 1) * flows[t];
    double x = 0.5 * (lo + hi);
    for (int i = 0; i < 200; ++i) {
        double f;
        double df;
        npvAndDerivativeWeighted(flows, weighted.data(), x, f, df);
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

// Sign changes of the flows, zeros skipped. By Descartes' rule of signs the NPV, a polynomial in
// v = 1 / (1 + rate), has at most this many roots with v > 0 (rate > −1), and exactly one when
// there is one change.
int signChanges(std::span<const double> flows)
{
    int changes = 0;
    int last = 0;
    for (double f : flows) {
        const int s = f > 0 ? 1 : f < 0 ? -1 : 0;
        if (s != 0 && last != 0 && s != last)
            ++changes;
        if (s != 0)
            last = s;
    }
    return changes;
}

// Σ |flow| / (1 + rate)^t: the scale against which an NPV counts as zero.
double npvScale(std::span<const double> flows, double rate)
{
    const double v = 1.0 / (1.0 + rate);
    double discount = 1.0;
    double s = 0;
    for (double f : flows) {
        discount *= v;
        s += std::abs(f) * discount;
    }
    return s;
}

double npvDerivative(std::span<const double> flows, double rate)
{
    double f;
    double df;
    npvAndDerivative(flows, rate, f, df);
    return df;
}

// The rate in [lo, hi] where the NPV's derivative, of opposite signs at the two ends, is zero:
// the NPV's extremum between two grid points.
double extremum(std::span<const double> flows, double lo, double hi, double dlo)
{
    for (int i = 0; i < 200 && hi - lo > 1e-15 * std::max(1.0, std::abs(lo)); ++i) {
        const double mid = 0.5 * (lo + hi);
        const double d = npvDerivative(flows, mid);
        if (d == 0)
            return mid;
        if ((d < 0) == (dlo < 0)) {
            lo = mid;
            dlo = d;
        } else {
            hi = mid;
        }
    }
    return 0.5 * (lo + hi);
}

// The old walk out from zero: enough when the flows change sign once, since then there is
// exactly one root with a rate above −100%. Returns false when it is outside the search range.
bool walkOut(std::span<const double> flows, double &root)
{
    const double f0 = npvAt(flows, 0.0);
    if (f0 == 0) {
        root = 0.0;
        return true;
    }
    // Walk out from zero on both sides at once, so the root nearest zero is bracketed first.
    double upPrev = 0.0;
    double fUpPrev = f0; // the NPV at upPrev: npvAt2 sums each rate exactly as npvAt does
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
            root = fu == 0 ? up : solve(flows, upPrev, up, fUpPrev);
            return true;
        }
        if ((fd < 0) != (f0 < 0) || fd == 0) {
            root = fd == 0 ? down : solve(flows, down, downPrev, fd);
            return true;
        }
        if (up >= kMaxRate && down <= kMinRate)
            break;
        upPrev = up;
        fUpPrev = fu;
        downPrev = down;
        step *= 1.6;
    }
    return false;
}

// Every root in [kMinRate, kMaxRate] when the flows change sign more than once. The NPV is
// sampled on a grid even in log(1 + rate), with zero on the grid; a root shows as a sign change
// between two points, and two roots between the same two points (or a root where the NPV only
// touches zero) show as a sign change of the derivative, whose extremum then splits them.
std::vector<double> scanRoots(std::span<const double> flows)
{
    constexpr int kCellsPerUnit = 48; // of log(1 + rate): cells about 2% of the rate wide
    const double yMin = std::log1p(kMinRate);
    const double yMax = std::log1p(kMaxRate);
    const int kMin = static_cast<int>(std::floor(yMin * kCellsPerUnit));
    const int kMax = static_cast<int>(std::ceil(yMax * kCellsPerUnit));
    auto rateAt = [&](int k) {
        if (k <= kMin)
            return kMinRate;
        if (k >= kMax)
            return kMaxRate;
        return k == 0 ? 0.0 : std::expm1(static_cast<double>(k) / kCellsPerUnit);
    };
    std::vector<double> roots;
    auto isZero = [&](double f, double rate) {
        const double scale = npvScale(flows, rate);
        return std::isfinite(scale) && std::abs(f) <= 1e-12 * scale;
    };
    double a = rateAt(kMin);
    double fa;
    double da;
    npvAndDerivative(flows, a, fa, da);
    if (fa == 0)
        roots.push_back(a);
    for (int k = kMin + 1; k <= kMax; ++k) {
        const double b = rateAt(k);
        double fb;
        double db;
        npvAndDerivative(flows, b, fb, db);
        if (fb == 0)
            roots.push_back(b);
        if (fa != 0 && fb != 0) {
            if ((fa < 0) != (fb < 0)) {
                roots.push_back(solve(flows, a, b, fa));
            } else if (da != 0 && db != 0 && (da < 0) != (db < 0)) {
                const double c = extremum(flows, a, b, da);
                const double fc = npvAt(flows, c);
                if (fc == 0 || isZero(fc, c)) {
                    roots.push_back(c); // the NPV touches zero: a double root
                } else if ((fc < 0) != (fa < 0)) {
                    roots.push_back(solve(flows, a, c, fa));
                    roots.push_back(solve(flows, c, b, fc));
                }
            }
        }
        a = b;
        fa = fb;
        da = db;
    }
    return roots;
}

// Four IRRs in lockstep: the flows of four series side by side, [month][lane], and one pass over
// the months serves every lane, each at its own rates. A lane's sums are formed by exactly the
// operations, in the order, of npvAt / npvAt2 / npvAndDerivativeWeighted, so each lane gets the
// doubles the one-series code gets; the lanes only share the loop (and the vector registers).
constexpr int kLanes = 4;
using Lanes = double __attribute__((vector_size(kLanes * sizeof(double))));

// One pass for every lane: a = Σ flow × dA with dA = vA^t (npvAt, npvAt2's first sum and the
// Newton NPV), b = Σ flow × dB with dB = vB^t (npvAt2's second sum) and c = −Σ w × dA × vA
// (the Newton derivative, w = (t + 1) × flow).
ROI_VECTOR_CLONES void lockstepPass(const double *flows, const double *weighted, std::size_t n,
                                    const double *vA, const double *vB, double *a, double *b,
                                    double *c)
{
    Lanes va;
    Lanes vb;
    std::memcpy(&va, vA, sizeof va);
    std::memcpy(&vb, vB, sizeof vb);
    Lanes da = {1.0, 1.0, 1.0, 1.0};
    Lanes db = da;
    Lanes fa = {0, 0, 0, 0};
    Lanes fb = fa;
    Lanes fc = fa;
    for (std::size_t t = 0; t < n; ++t) {
        Lanes f;
        Lanes w;
        std::memcpy(&f, flows + t * kLanes, sizeof f);
        std::memcpy(&w, weighted + t * kLanes, sizeof w);
        da *= va;
        db *= vb;
        fa += f * da;
        fb += f * db;
        fc -= w * da * va;
    }
    std::memcpy(a, &fa, sizeof fa);
    std::memcpy(b, &fb, sizeof fb);
    std::memcpy(c, &fc, sizeof fc);
}

// The state of one lane: which series, and where it is in walkOut() and solve().
struct IrrLane
{
    enum Phase { Idle, AtZero, Walk, Newton };
    Phase phase = Idle;
    std::size_t series = 0;
    // walkOut
    double f0 = 0;
    double upPrev = 0;
    double fUpPrev = 0;
    double downPrev = 0;
    double step = 0;
    double up = 0;
    double down = 0;
    int walkStep = 0;
    // solve
    double lo = 0;
    double hi = 0;
    double flo = 0;
    double x = 0;
    int newtonStep = 0;
};

} // namespace

void irrAnnualMany(std::span<const std::span<const double>> flows, Kpi *irr, int *rootCount)
{
    // Series that change sign once go through the lanes; the rest (none, or several changes:
    // the scan) one by one, as irrAnnual.
    thread_local std::vector<std::size_t> queue;
    queue.clear();
    const std::size_t n = flows.empty() ? 0 : flows[0].size();
    for (std::size_t i = 0; i < flows.size(); ++i) {
        const int changes = flows[i].size() == n ? signChanges(flows[i]) : -1;
        if (changes == 1 && n > 0) {
            queue.push_back(i);
        } else {
            irr[i] = irrAnnual(flows[i], &rootCount[i]);
        }
    }
    if (queue.empty())
        return;
    thread_local std::vector<double> laneFlows;
    thread_local std::vector<double> laneWeighted;
    laneFlows.assign(n * kLanes, 0.0);
    laneWeighted.assign(n * kLanes, 0.0);
    IrrLane lanes[kLanes];
    std::size_t next = 0;
    auto finish = [&](IrrLane &l, bool found, double root) {
        const std::size_t i = l.series;
        if (found) {
            rootCount[i] = 1;
            irr[i] = Kpi::of(std::pow(1.0 + root, 12.0) - 1.0);
        } else {
            rootCount[i] = 0;
            irr[i] = Kpi::none(KpiState::NotFound);
        }
        l.phase = IrrLane::Idle;
    };
    auto load = [&](int j) {
        IrrLane &l = lanes[j];
        if (next == queue.size())
            return;
        l = IrrLane{};
        l.series = queue[next++];
        l.phase = IrrLane::AtZero;
        const std::span<const double> f = flows[l.series];
        for (std::size_t t = 0; t < n; ++t) {
            laneFlows[t * kLanes + j] = f[t];
            laneWeighted[t * kLanes + j] = static_cast<double>(t + 1) * f[t];
        }
    };
    auto startNewton = [](IrrLane &l, double lo, double hi, double flo) {
        l.phase = IrrLane::Newton;
        l.lo = lo;
        l.hi = hi;
        l.flo = flo;
        l.x = 0.5 * (lo + hi);
        l.newtonStep = 0;
    };
    for (int j = 0; j < kLanes; ++j)
        load(j);
    double vA[kLanes];
    double vB[kLanes];
    double a[kLanes];
    double b[kLanes];
    double c[kLanes];
    for (;;) {
        bool any = false;
        for (int j = 0; j < kLanes; ++j) {
            IrrLane &l = lanes[j];
            vA[j] = 1.0;
            vB[j] = 1.0;
            switch (l.phase) {
            case IrrLane::Idle:
                break;
            case IrrLane::AtZero: // npvAt(flows, 0.0)
                vA[j] = 1.0 / (1.0 + 0.0);
                any = true;
                break;
            case IrrLane::Walk: // npvAt2(flows, up, down)
                l.up = std::min(kMaxRate, l.upPrev + l.step);
                l.down = std::max(kMinRate, -1.0 + (1.0 + l.downPrev) * 0.7);
                vA[j] = 1.0 / (1.0 + l.up);
                vB[j] = 1.0 / (1.0 + l.down);
                any = true;
                break;
            case IrrLane::Newton: // npvAndDerivativeWeighted(flows, weighted, x)
                vA[j] = 1.0 / (1.0 + l.x);
                any = true;
                break;
            }
        }
        if (!any)
            break;
        lockstepPass(laneFlows.data(), laneWeighted.data(), n, vA, vB, a, b, c);
        for (int j = 0; j < kLanes; ++j) {
            IrrLane &l = lanes[j];
            switch (l.phase) {
            case IrrLane::Idle:
                continue;
            case IrrLane::AtZero: // walkOut's start
                l.f0 = a[j];
                if (l.f0 == 0) {
                    finish(l, true, 0.0);
                    break;
                }
                l.phase = IrrLane::Walk;
                l.upPrev = 0.0;
                l.fUpPrev = l.f0;
                l.downPrev = 0.0;
                l.step = 0.05;
                l.walkStep = 0;
                break;
            case IrrLane::Walk: { // one step of walkOut's loop
                const double fu = a[j];
                const double fd = b[j];
                if ((fu < 0) != (l.f0 < 0) || fu == 0) {
                    if (fu == 0)
                        finish(l, true, l.up);
                    else
                        startNewton(l, l.upPrev, l.up, l.fUpPrev);
                    break;
                }
                if ((fd < 0) != (l.f0 < 0) || fd == 0) {
                    if (fd == 0)
                        finish(l, true, l.down);
                    else
                        startNewton(l, l.down, l.downPrev, fd);
                    break;
                }
                if ((l.up >= kMaxRate && l.down <= kMinRate) || l.walkStep + 1 == 64) {
                    finish(l, false, 0.0);
                    break;
                }
                l.upPrev = l.up;
                l.fUpPrev = fu;
                l.downPrev = l.down;
                l.step *= 1.6;
                ++l.walkStep;
                break;
            }
            case IrrLane::Newton: { // one step of solve's loop
                const double f = a[j];
                const double df = c[j];
                const double x = l.x;
                if (f == 0) {
                    finish(l, true, x);
                    break;
                }
                if ((f < 0) == (l.flo < 0)) {
                    l.lo = x;
                    l.flo = f;
                } else {
                    l.hi = x;
                }
                double nx = df != 0 ? x - f / df : l.lo - 1;
                if (!(nx > l.lo && nx < l.hi))
                    nx = 0.5 * (l.lo + l.hi);
                if (std::abs(nx - x) <= 1e-15 * std::max(1.0, std::abs(x)) || l.hi - l.lo < 1e-15) {
                    finish(l, true, nx);
                    break;
                }
                l.x = nx;
                if (++l.newtonStep == 200)
                    finish(l, true, l.x);
                break;
            }
            }
            if (l.phase == IrrLane::Idle)
                load(j);
        }
    }
}

double monthlyRate(double annualRate)
{
    return std::pow(1.0 + annualRate, 1.0 / 12.0) - 1.0;
}

double npv(std::span<const double> flows, double rate)
{
    return npvAt(flows, rate);
}

std::vector<double> irrRootsMonthly(std::span<const double> flows)
{
    // Flows of both signs change sign at least once, and only they do.
    const int changes = signChanges(flows);
    if (changes == 0)
        return {};
    if (changes == 1) {
        double root;
        if (walkOut(flows, root))
            return {root};
        return {};
    }
    return scanRoots(flows);
}

Kpi irrMonthly(std::span<const double> flows, int *rootCount)
{
    if (rootCount)
        *rootCount = 0;
    // Flows of both signs change sign at least once, and only they do.
    const int changes = signChanges(flows);
    if (changes == 0)
        return Kpi::none(KpiState::NoSignChange);
    if (changes == 1) {
        double root;
        if (!walkOut(flows, root))
            return Kpi::none(KpiState::NotFound);
        if (rootCount)
            *rootCount = 1;
        return Kpi::of(root);
    }
    const std::vector<double> roots = scanRoots(flows);
    if (roots.empty())
        return Kpi::none(KpiState::NotFound);
    if (rootCount)
        *rootCount = static_cast<int>(roots.size());
    // Nearest zero; between a gain and a loss equally far, the gain (the grid runs upwards).
    double best = roots.front();
    for (double r : roots) {
        if (std::abs(r) < std::abs(best))
            best = r;
    }
    return Kpi::of(best);
}

Kpi irrAnnual(std::span<const double> flows, int *rootCount)
{
    Kpi m = irrMonthly(flows, rootCount);
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
    // The last month that ends below zero (searched from the end); payback falls inside the
    // month after it.
    std::size_t lastNegative = cumulative.size();
    for (std::size_t t = cumulative.size(); t-- > 0;) {
        if (cumulative[t] < 0) {
            lastNegative = t;
            break;
        }
    }
    return paybackMonth(cumulative, lastNegative);
}

Kpi paybackMonth(std::span<const double> cumulative, std::size_t lastNegative)
{
    if (cumulative.empty())
        return Kpi::none(KpiState::Undefined);
    if (cumulative.back() < 0)
        return Kpi::none(KpiState::NeverPaysBack);
    if (lastNegative == cumulative.size()) {
        const bool anyNonZero =
            std::any_of(cumulative.begin(), cumulative.end(), [](double v) { return v != 0; });
        return anyNonZero ? Kpi::of(0.0) : Kpi::none(KpiState::Undefined);
    }
    const double before = cumulative[lastNegative];
    const double after = cumulative[lastNegative + 1];
    const double fraction = -before / (after - before);
    return Kpi::of(static_cast<double>(lastNegative + 1) + fraction);
}

} // namespace roi
