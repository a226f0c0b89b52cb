// A distribution of an uncertain input, ready to sample: inverse CDF (for Latin Hypercube),
// a direct sampler (for plain random sampling), closed-form mean and variance, and the density
// (for the previews). Normal and lognormal are truncated to the input's legal range.
#pragma once

#include "random.h"
#include "uncertainty.h"

#include <memory>
#include <string>
#include <vector>

namespace roi {

class Distribution
{
public:
    Distribution() = default;
    /// `legalMin`/`legalMax`: the input's legal range (inputs.h); normal and lognormal are
    /// truncated to it, the bounded kinds are clamped to it.
    Distribution(const DistributionSpec &spec, double legalMin, double legalMax);

    const DistributionSpec &spec() const { return m_spec; }
    /// The value below which a share u (0 < u < 1) of the draws falls.
    double quantile(double u) const;
    /// One draw: PERT through two Marsaglia-Tsang gammas, the others through the inverse CDF.
    double sample(random::Rng &rng) const;
    double mean() const;
    double variance() const;
    /// Probability density at x (0 outside the support).
    double density(double x) const;
    /// The support (for plotting): [lower, upper].
    double lower() const { return m_lo; }
    double upper() const { return m_hi; }

    /// Why a spec is not a valid distribution for an input with this legal range ("" if it is),
    /// and the parameter concerned (e.g. "min").
    static std::string check(const DistributionSpec &spec, double legalMin, double legalMax,
                             std::string *parameter = nullptr);

private:
    double normalQuantile(double u) const;

    DistributionSpec m_spec;
    double m_legalMin = 0;
    double m_legalMax = 0;
    double m_lo = 0; // support
    double m_hi = 0;
    double m_alpha = 1; // PERT: Beta(alpha, beta) on [min, max]
    double m_beta = 1;
    double m_mu = 0; // normal / lognormal (of the log): location and scale
    double m_sigma = 1;
    double m_cdfLo = 0; // untruncated CDF at the truncation points
    double m_cdfHi = 1;
    std::shared_ptr<const std::vector<double>> m_betaCdf; // PERT: CDF on an even grid of [0, 1]
};

namespace stats {
/// Standard normal CDF and its inverse (Acklam's rational approximation refined by one Halley
/// step; relative error below 1e-14).
double normalCdf(double x);
double normalQuantile(double p);
} // namespace stats

} // namespace roi
