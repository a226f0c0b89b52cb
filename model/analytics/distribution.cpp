#include "distribution.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <mutex>
#include <numbers>

namespace roi {

namespace {

constexpr int kBetaGrid = 8192;             // intervals of the PERT CDF table
constexpr int kGuide = 1024;                // cells of the guide table that narrows the search
constexpr double kZ90 = 1.2815515655446004; // the standard normal's 90th percentile

double betaLogDensity(double x, double a, double b)
{
    return (a - 1) * std::log(x) + (b - 1) * std::log1p(-x);
}

// The CDF of Beta(a, b) (a, b >= 1, the PERT range) on an even grid, by Simpson's rule on each
// interval and normalised so that the last value is exactly 1. Shared between distributions of
// the same shape, which the default set-up produces many of.
std::shared_ptr<const std::vector<double>> betaCdfTable(double a, double b)
{
    static std::mutex mutex;
    static std::map<std::pair<double, double>, std::shared_ptr<const std::vector<double>>> cache;
    {
        std::lock_guard lock(mutex);
        auto it = cache.find({a, b});
        if (it != cache.end())
            return it->second;
    }
    auto pdf = [&](double x) {
        if (x <= 0)
            return a == 1 ? 1.0 : 0.0;
        if (x >= 1)
            return b == 1 ? 1.0 : 0.0;
        return std::exp(betaLogDensity(x, a, b));
    };
    auto table = std::make_shared<std::vector<double>>(kBetaGrid + 1);
    const double h = 1.0 / kBetaGrid;
    double sum = 0;
    double left = pdf(0);
    (*table)[0] = 0;
    for (int i = 1; i <= kBetaGrid; ++i) {
        const double right = pdf(i * h);
        sum += h / 6 * (left + 4 * pdf((i - 0.5) * h) + right);
        (*table)[static_cast<std::size_t>(i)] = sum;
        left = right;
    }
    for (double &v : *table)
        v /= sum;
    (*table)[kBetaGrid] = 1;
    // The guide: for k = 0..kGuide, the interval i with t[i] <= k / kGuide < t[i + 1].
    table->resize(kBetaGrid + 1 + kGuide + 1);
    std::size_t i = 0;
    for (int k = 0; k <= kGuide; ++k) {
        const double p = static_cast<double>(k) / kGuide;
        while (i + 1 < kBetaGrid && (*table)[i + 1] <= p)
            ++i;
        (*table)[static_cast<std::size_t>(kBetaGrid + 1 + k)] = static_cast<double>(i);
    }
    std::lock_guard lock(mutex);
    if (cache.size() > 4096)
        cache.clear();
    cache.emplace(std::make_pair(a, b), table);
    return table;
}

} // namespace

namespace stats {

double normalCdf(double x)
{
    return 0.5 * std::erfc(-x / std::numbers::sqrt2);
}

double normalQuantile(double p)
{
    if (p <= 0)
        return -HUGE_VAL;
    if (p >= 1)
        return HUGE_VAL;
    static constexpr double a[] = {-3.969683028665376e+01, 2.209460984245205e+02,
                                   -2.759285104469687e+02, 1.383577518672690e+02,
                                   -3.066479806614716e+01, 2.506628277459239e+00};
    static constexpr double b[] = {-5.447609879822406e+01, 1.615858368580409e+02,
                                   -1.556989798598866e+02, 6.680131188771972e+01,
                                   -1.328068155288572e+01};
    static constexpr double c[] = {-7.784894002430293e-03, -3.223964580411365e-01,
                                   -2.400758277161838e+00, -2.549732539343734e+00,
                                   4.374664141464968e+00,  2.938163982698783e+00};
    static constexpr double d[] = {7.784695709041462e-03, 3.224671290700398e-01,
                                   2.445134137142996e+00, 3.754408661907416e+00};
    constexpr double low = 0.02425;
    double x;
    if (p < low) {
        const double q = std::sqrt(-2 * std::log(p));
        x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
            / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    } else if (p <= 1 - low) {
        const double q = p - 0.5;
        const double r = q * q;
        x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
            / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    } else {
        const double q = std::sqrt(-2 * std::log1p(-p));
        x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
            / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    }
    // One Halley step on the exact CDF.
    const double e = normalCdf(x) - p;
    const double u = e * std::sqrt(2 * std::numbers::pi) * std::exp(x * x / 2);
    return x - u / (1 + x * u / 2);
}

} // namespace stats

std::string Distribution::check(const DistributionSpec &s, double legalMin, double legalMax,
                                std::string *parameter)
{
    auto fail = [&](const char *param, std::string message) {
        if (parameter)
            *parameter = param;
        return message;
    };
    auto finite = [](double v) {
        return std::isfinite(v);
    };
    switch (s.kind) {
    case DistributionKind::Pert:
    case DistributionKind::Triangular:
    case DistributionKind::Uniform: {
        const bool hasMode = s.kind != DistributionKind::Uniform;
        if (!finite(s.min))
            return fail("min", "must be a finite number");
        if (!finite(s.max))
            return fail("max", "must be a finite number");
        if (s.min > s.max)
            return fail("min", "must be <= max");
        if (s.min < legalMin)
            return fail("min", "must be >= " + std::to_string(legalMin) + ", the input's minimum");
        if (s.max > legalMax)
            return fail("max", "must be <= " + std::to_string(legalMax) + ", the input's maximum");
        if (hasMode && (!finite(s.mode) || s.mode < s.min || s.mode > s.max))
            return fail("mode", "must lie between min and max");
        return {};
    }
    case DistributionKind::Normal: {
        if (!finite(s.mean))
            return fail("mean", "must be a finite number");
        if (!finite(s.sd) || s.sd <= 0)
            return fail("sd", "must be > 0");
        const double z = stats::normalCdf((legalMax - s.mean) / s.sd)
                         - stats::normalCdf((legalMin - s.mean) / s.sd);
        if (!(z > 1e-9))
            return fail("mean", "puts no probability inside the input's legal range");
        return {};
    }
    case DistributionKind::LogNormal: {
        if (!finite(s.p10) || s.p10 <= 0)
            return fail("p10", "must be > 0");
        if (!finite(s.p90) || s.p90 <= s.p10)
            return fail("p90", "must be > p10");
        if (legalMax <= 0)
            return fail("p10", "a lognormal needs an input that can be positive");
        return {};
    }
    }
    return {};
}

Distribution::Distribution(const DistributionSpec &spec, double legalMin, double legalMax)
    : m_spec(spec)
    , m_legalMin(legalMin)
    , m_legalMax(legalMax)
{
    switch (spec.kind) {
    case DistributionKind::Pert: {
        m_lo = std::max(spec.min, legalMin);
        m_hi = std::min(spec.max, legalMax);
        const double range = spec.max - spec.min;
        if (range > 0) {
            m_alpha = 1 + 4 * (spec.mode - spec.min) / range;
            m_beta = 1 + 4 * (spec.max - spec.mode) / range;
            m_betaCdf = betaCdfTable(m_alpha, m_beta);
        }
        break;
    }
    case DistributionKind::Triangular:
    case DistributionKind::Uniform:
        m_lo = spec.min;
        m_hi = spec.max;
        break;
    case DistributionKind::Normal:
        m_mu = spec.mean;
        m_sigma = spec.sd;
        m_lo = legalMin;
        m_hi = legalMax;
        m_cdfLo = stats::normalCdf((legalMin - m_mu) / m_sigma);
        m_cdfHi = stats::normalCdf((legalMax - m_mu) / m_sigma);
        // For plotting, keep the support to where the density is visible.
        m_lo = std::max(legalMin, m_mu - 6 * m_sigma);
        m_hi = std::min(legalMax, m_mu + 6 * m_sigma);
        break;
    case DistributionKind::LogNormal: {
        const double lo = std::log(spec.p10);
        const double hi = std::log(spec.p90);
        m_mu = (lo + hi) / 2;
        m_sigma = (hi - lo) / (2 * kZ90);
        const double a = std::max(legalMin, 0.0);
        m_cdfLo = a > 0 ? stats::normalCdf((std::log(a) - m_mu) / m_sigma) : 0;
        m_cdfHi = stats::normalCdf((std::log(legalMax) - m_mu) / m_sigma);
        m_lo = std::max(a, std::exp(m_mu - 6 * m_sigma));
        m_hi = std::min(legalMax, std::exp(m_mu + 6 * m_sigma));
        break;
    }
    }
}

double Distribution::quantile(double u) const
{
    const DistributionSpec &s = m_spec;
    switch (s.kind) {
    case DistributionKind::Uniform:
        return s.min + (s.max - s.min) * u;
    case DistributionKind::Triangular: {
        const double range = s.max - s.min;
        if (range <= 0)
            return s.min;
        const double f = (s.mode - s.min) / range;
        if (u < f)
            return s.min + std::sqrt(u * range * (s.mode - s.min));
        return s.max - std::sqrt((1 - u) * range * (s.max - s.mode));
    }
    case DistributionKind::Pert: {
        if (!m_betaCdf)
            return s.min;
        const std::vector<double> &t = *m_betaCdf;
        // The interval whose CDF brackets u (searched from the guide's hint: the table's
        // last kGuide + 1 entries give, for each 1/kGuide of probability, the first interval
        // that can hold it), then linear interpolation of the CDF inside it.
        const std::size_t g =
            std::min<std::size_t>(static_cast<std::size_t>(u * kGuide), kGuide - 1);
        const auto first = t.begin() + 1 + static_cast<long>(t[kBetaGrid + 1 + g]);
        const auto last = t.begin() + 2 + static_cast<long>(t[kBetaGrid + 2 + g]);
        const auto it = std::upper_bound(first, std::min(last, t.begin() + kBetaGrid), u);
        const std::size_t i = static_cast<std::size_t>(it - t.begin()) - 1;
        const double f0 = t[i];
        const double f1 = t[i + 1];
        const double w = f1 > f0 ? (u - f0) / (f1 - f0) : 0.5;
        const double x = (static_cast<double>(i) + std::clamp(w, 0.0, 1.0)) / kBetaGrid;
        return std::clamp(s.min + (s.max - s.min) * x, m_lo, m_hi);
    }
    case DistributionKind::Normal:
        return std::clamp(m_mu + m_sigma * normalQuantile(u), m_legalMin, m_legalMax);
    case DistributionKind::LogNormal:
        return std::clamp(std::exp(m_mu + m_sigma * normalQuantile(u)), m_legalMin, m_legalMax);
    }
    return 0;
}

// The standard normal quantile of u mapped into the truncated part of the CDF.
double Distribution::normalQuantile(double u) const
{
    const double p = m_cdfLo + u * (m_cdfHi - m_cdfLo);
    return stats::normalQuantile(std::clamp(p, 1e-300, 1 - 1e-16));
}

double Distribution::sample(random::Rng &rng) const
{
    if (m_spec.kind == DistributionKind::Pert) {
        if (!m_betaCdf)
            return m_spec.min;
        const double x = rng.beta(m_alpha, m_beta);
        return std::clamp(m_spec.min + (m_spec.max - m_spec.min) * x, m_lo, m_hi);
    }
    return quantile(rng.uniform());
}

double Distribution::mean() const
{
    const DistributionSpec &s = m_spec;
    switch (s.kind) {
    case DistributionKind::Uniform:
        return (s.min + s.max) / 2;
    case DistributionKind::Triangular:
        return (s.min + s.mode + s.max) / 3;
    case DistributionKind::Pert:
        return (s.min + 4 * s.mode + s.max) / 6;
    case DistributionKind::Normal: {
        const double a = stats::normalQuantile(m_cdfLo);
        const double b = stats::normalQuantile(m_cdfHi);
        auto phi = [](double x) {
            return std::isfinite(x) ? std::exp(-x * x / 2) / std::sqrt(2 * std::numbers::pi) : 0;
        };
        return m_mu + m_sigma * (phi(a) - phi(b)) / (m_cdfHi - m_cdfLo);
    }
    case DistributionKind::LogNormal: {
        // E[X; lo < X < hi] = e^(mu + sigma^2/2) (Phi(b - sigma) - Phi(a - sigma)) / Z.
        const double a = stats::normalQuantile(m_cdfLo);
        const double b = stats::normalQuantile(m_cdfHi);
        return std::exp(m_mu + m_sigma * m_sigma / 2)
               * (stats::normalCdf(b - m_sigma) - stats::normalCdf(a - m_sigma))
               / (m_cdfHi - m_cdfLo);
    }
    }
    return 0;
}

double Distribution::variance() const
{
    const DistributionSpec &s = m_spec;
    switch (s.kind) {
    case DistributionKind::Uniform:
        return (s.max - s.min) * (s.max - s.min) / 12;
    case DistributionKind::Triangular: {
        const double a = s.min, b = s.max, c = s.mode;
        return (a * a + b * b + c * c - a * b - a * c - b * c) / 18;
    }
    case DistributionKind::Pert: {
        const double m = mean();
        return (m - s.min) * (s.max - m) / 7;
    }
    case DistributionKind::Normal: {
        const double a = stats::normalQuantile(m_cdfLo);
        const double b = stats::normalQuantile(m_cdfHi);
        auto phi = [](double x) {
            return std::isfinite(x) ? std::exp(-x * x / 2) / std::sqrt(2 * std::numbers::pi) : 0;
        };
        auto xphi = [&](double x) {
            return std::isfinite(x) ? x * phi(x) : 0;
        };
        const double z = m_cdfHi - m_cdfLo;
        const double r = (phi(a) - phi(b)) / z;
        return m_sigma * m_sigma * (1 + (xphi(a) - xphi(b)) / z - r * r);
    }
    case DistributionKind::LogNormal: {
        const double a = stats::normalQuantile(m_cdfLo);
        const double b = stats::normalQuantile(m_cdfHi);
        const double z = m_cdfHi - m_cdfLo;
        const double s2 = m_sigma * m_sigma;
        const double m2 = std::exp(2 * m_mu + 2 * s2)
                          * (stats::normalCdf(b - 2 * m_sigma) - stats::normalCdf(a - 2 * m_sigma))
                          / z;
        const double m1 = mean();
        return std::max(0.0, m2 - m1 * m1);
    }
    }
    return 0;
}

double Distribution::density(double x) const
{
    const DistributionSpec &s = m_spec;
    switch (s.kind) {
    case DistributionKind::Uniform:
        return (x >= s.min && x <= s.max && s.max > s.min) ? 1 / (s.max - s.min) : 0;
    case DistributionKind::Triangular: {
        const double a = s.min, b = s.max, c = s.mode;
        if (x < a || x > b || b <= a)
            return 0;
        if (x < c)
            return 2 * (x - a) / ((b - a) * (c - a));
        if (x > c)
            return 2 * (b - x) / ((b - a) * (b - c));
        return 2 / (b - a);
    }
    case DistributionKind::Pert: {
        const double range = s.max - s.min;
        if (range <= 0 || x < s.min || x > s.max)
            return 0;
        const double t = (x - s.min) / range;
        if (t <= 0 || t >= 1)
            return 0;
        const double logB =
            std::lgamma(m_alpha) + std::lgamma(m_beta) - std::lgamma(m_alpha + m_beta);
        return std::exp(betaLogDensity(t, m_alpha, m_beta) - logB) / range;
    }
    case DistributionKind::Normal: {
        if (x < m_lo || x > m_hi)
            return 0;
        const double z = (x - m_mu) / m_sigma;
        return std::exp(-z * z / 2) / (m_sigma * std::sqrt(2 * std::numbers::pi))
               / (m_cdfHi - m_cdfLo);
    }
    case DistributionKind::LogNormal: {
        if (x <= 0 || x < m_lo || x > m_hi)
            return 0;
        const double z = (std::log(x) - m_mu) / m_sigma;
        return std::exp(-z * z / 2) / (x * m_sigma * std::sqrt(2 * std::numbers::pi))
               / (m_cdfHi - m_cdfLo);
    }
    }
    return 0;
}

} // namespace roi
