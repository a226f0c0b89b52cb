#include "goalseek.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace roi {

namespace {

struct Point
{
    double x;
    double g;
};

// Brent's method (zeroin) on [a, b] with g(a), g(b) of opposite signs.
double brent(const std::function<double(double)> &g, double a, double fa, double b, double fb,
             double relTol, double scale, int &evaluations, int maxEvaluations)
{
    constexpr double eps = std::numeric_limits<double>::epsilon();
    double c = a;
    double fc = fa;
    double d = b - a;
    double e = d;
    while (evaluations < maxEvaluations) {
        if ((fb > 0) == (fc > 0)) {
            c = a;
            fc = fa;
            d = b - a;
            e = d;
        }
        if (std::abs(fc) < std::abs(fb)) {
            a = b;
            b = c;
            c = a;
            fa = fb;
            fb = fc;
            fc = fa;
        }
        const double tol = 2 * eps * std::abs(b) + 0.5 * relTol * std::max(std::abs(b), scale);
        const double m = 0.5 * (c - b);
        if (std::abs(m) <= tol || fb == 0)
            return b;
        if (std::abs(e) >= tol && std::abs(fa) > std::abs(fb)) {
            double p;
            double q;
            const double s = fb / fa;
            if (a == c) {
                p = 2 * m * s;
                q = 1 - s;
            } else {
                const double qq = fa / fc;
                const double r = fb / fc;
                p = s * (2 * m * qq * (qq - r) - (b - a) * (r - 1));
                q = (qq - 1) * (r - 1) * (s - 1);
            }
            if (p > 0)
                q = -q;
            else
                p = -p;
            if (2 * p < std::min(3 * m * q - std::abs(tol * q), std::abs(e * q))) {
                e = d;
                d = p / q;
            } else {
                d = m;
                e = m;
            }
        } else {
            d = m;
            e = m;
        }
        a = b;
        fa = fb;
        b += std::abs(d) > tol ? d : (m > 0 ? tol : -tol);
        fb = g(b);
        ++evaluations;
        if (!std::isfinite(fb))
            return a; // cannot happen inside a finite bracket; keep the last good point
    }
    return b;
}

} // namespace

SeekResult seekZero(const std::function<double(double)> &g, const SeekOptions &o)
{
    SeekResult out;
    const double lo = std::min(o.min, o.max);
    const double hi = std::max(o.min, o.max);
    const double start = std::clamp(std::isfinite(o.start) ? o.start : lo, lo, hi);
    int &n = out.evaluations;
    auto eval = [&](double x) {
        ++n;
        return g(x);
    };
    Point best{start, eval(start)};
    bool anyFinite = std::isfinite(best.g);
    double firstFinite = best.g;
    out.flat = true;
    auto note = [&](const Point &p) {
        if (!std::isfinite(p.g))
            return;
        if (!anyFinite) {
            anyFinite = true;
            firstFinite = p.g;
            best = p;
        }
        out.flat = out.flat && p.g == firstFinite;
        if (std::abs(p.g) < std::abs(best.g))
            best = p;
    };
    auto finish = [&](double x, double gx, bool meetsAbove) {
        out.reached = true;
        out.x = x;
        out.gap = gx;
        out.meetsAbove = meetsAbove;
        out.flat = false;
        return out;
    };
    if (best.g == 0) {
        // Exactly on the target: which side meets it is read from a small step up.
        const double up = std::min(hi, start + std::max(std::abs(start), 1.0) * 1e-6);
        return finish(start, 0.0, up > start ? eval(up) >= 0 : true);
    }
    // Relative to the answer itself; only an answer of (nearly) zero falls back on the start.
    const double scale = 1e-6 * std::max(std::abs(start), 1e-6);
    // The first step: 5% of the value, or a thousandth of the range for a value of zero.
    double step = start != 0 ? std::abs(start) * 0.05
                             : std::min(1.0, std::isfinite(hi - lo) ? (hi - lo) * 1e-3 : 1.0);
    if (!(step > 0))
        step = 1.0;
    // Each side keeps its last point with a finite g and how far it may go. A point where g
    // has no value (no cost, no outcome) becomes the side's open end, and the walk halves the
    // way towards it, so a zero just short of such a point is still bracketed.
    struct Side
    {
        Point last;
        double end;        // the bound, or an open end where g had no value
        bool open = false; // `end` is such a point
        double step;
        int direction;
        bool done = false;
        int halvings = 0;
    };
    Side sides[2] = {{{start, best.g}, hi, false, step, +1, start >= hi},
                     {{start, best.g}, lo, false, step, -1, start <= lo}};
    while ((!sides[0].done || !sides[1].done) && n < o.maxEvaluations) {
        for (Side &side : sides) {
            if (side.done)
                continue;
            double x = side.last.x + side.direction * side.step;
            const bool beyond = side.direction > 0 ? x >= side.end : x <= side.end;
            if (beyond)
                x = side.open ? 0.5 * (side.last.x + side.end) : side.end;
            const Point q{x, eval(x)};
            if (!std::isfinite(q.g)) {
                side.end = x;
                side.open = true;
                side.done = ++side.halvings > 60 || x == side.last.x;
                continue;
            }
            note(q);
            const Point &a = side.direction > 0 ? side.last : q;
            const Point &b = side.direction > 0 ? q : side.last;
            if (q.g == 0)
                return finish(q.x, 0.0, side.direction > 0 ? side.last.g < 0 : side.last.g >= 0);
            if ((a.g < 0) != (b.g < 0)) {
                const double root =
                    brent(g, a.x, a.g, b.x, b.g, o.relativeTolerance, scale, n, o.maxEvaluations);
                return finish(root, g(root), b.g > 0);
            }
            side.last = q;
            side.step *= 2;
            side.done = !side.open && x == side.end;
        }
    }
    out.x = best.x;
    out.gap = std::isfinite(best.g) ? best.g : 0.0;
    out.flat = out.flat && anyFinite;
    return out;
}

double goalGap(const CaseResult &r, const Goal &goal)
{
    const Kpis &k = r.kpis;
    switch (goal.kind) {
    case GoalKind::Roi:
        // In ROI points, so the closest miss is the closest ROI; no value without a cost.
        return k.tco > 0 ? k.netValue / k.tco * 100.0 - goal.value
                         : std::numeric_limits<double>::quiet_NaN();
    case GoalKind::Npv:
        return k.npv - goal.value;
    case GoalKind::Payback: {
        const auto cumulative = r.row(Row::CumulativeNet);
        if (cumulative.empty())
            return 0;
        const auto first = static_cast<std::size_t>(
            std::clamp(static_cast<int>(std::lround(goal.value)), 1, r.months()) - 1);
        return *std::min_element(cumulative.begin() + static_cast<std::ptrdiff_t>(first),
                                 cumulative.end());
    }
    case GoalKind::CostPerOutcome:
        return k.outcomes > 0 ? goal.value - k.tco / k.outcomes
                              : std::numeric_limits<double>::quiet_NaN();
    }
    return 0;
}

Kpi goalMetric(const CaseResult &r, GoalKind kind)
{
    switch (kind) {
    case GoalKind::Roi:
        return r.kpis.roiPercent;
    case GoalKind::Npv:
        return Kpi::of(r.kpis.npv);
    case GoalKind::Payback:
        return r.kpis.paybackMonth;
    case GoalKind::CostPerOutcome:
        return r.kpis.costPerOutcome;
    }
    return {};
}

GoalSeekResult goalSeek(const Workbook &wb, const GoalSeekRequest &request)
{
    GoalSeekResult out;
    const Goal &goal = request.goal;
    const FieldInfo *info = request.input.path.info();
    const auto stored = storedValue(wb, request.input);
    if (!info || !stored) {
        const std::string name = request.input.path.toString();
        out.error = "'" + name + "' names no input of the workbook";
        return out;
    }
    if (!std::isfinite(goal.value)) {
        out.error = "the target must be a finite number";
        return out;
    }
    const int horizon = std::clamp(wb.settings.horizonMonths, 1, 120);
    if (goal.kind == GoalKind::Payback
        && (goal.value < 1 || goal.value > horizon || goal.value != std::floor(goal.value))) {
        out.error = "the payback month must be a whole month of the horizon, 1 to "
                    + std::to_string(horizon);
        return out;
    }
    if (goal.kind == GoalKind::CostPerOutcome && request.target.useCase < 0) {
        out.error = "cost per outcome has no meaning for the portfolio (outcomes of different "
                    "use cases are different things); name a use case";
        return out;
    }
    out.stored = *stored;
    out.min = info->min;
    out.max = info->max;
    ModelProbe probe(wb, request.target);
    out.storedMetric = goalMetric(probe.evaluateBase(), goal.kind);
    auto g = [&](double x) {
        return goalGap(probe.evaluateAt(request.input, x), goal);
    };
    SeekOptions options;
    options.min = info->min;
    options.max = info->max;
    options.start = *stored;
    const SeekResult s = seekZero(g, options);
    out.reached = s.reached;
    out.meetsAbove = s.meetsAbove;
    out.flat = s.flat;
    out.value = s.x;
    if (info->integer && s.reached) {
        // A whole number on the side where the target holds.
        out.value =
            std::clamp(s.meetsAbove ? std::ceil(s.x) : std::floor(s.x), info->min, info->max);
    }
    out.metric = goalMetric(probe.evaluateAt(request.input, out.value), goal.kind);
    out.evaluations = probe.evaluations();
    return out;
}

} // namespace roi
