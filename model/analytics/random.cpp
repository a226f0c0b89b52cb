#include "random.h"

#include <cmath>
#include <numbers>

namespace roi::random {

std::uint64_t splitMix64(std::uint64_t state)
{
    std::uint64_t z = state + 0x9e3779b97f4a7c15ULL;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

std::uint64_t streamSeed(std::uint64_t seed, std::uint64_t kind, std::uint64_t index)
{
    return splitMix64(splitMix64(splitMix64(seed) ^ kind) ^ index);
}

double Rng::uniform()
{
    return (static_cast<double>(m_engine() >> 11) + 0.5) * 0x1.0p-53;
}

std::uint64_t Rng::below(std::uint64_t n)
{
    // Largest multiple of n that fits: draws at or above it are rejected.
    const std::uint64_t limit = std::uint64_t(0) - (std::uint64_t(0) - n) % n;
    for (;;) {
        const std::uint64_t x = m_engine();
        if (limit == 0 || x < limit)
            return x % n;
    }
}

double Rng::normal()
{
    const double u1 = uniform();
    const double u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

double Rng::gamma(double shape)
{
    if (shape < 1) {
        const double g = gamma(shape + 1);
        return g * std::pow(uniform(), 1.0 / shape);
    }
    const double d = shape - 1.0 / 3.0;
    const double c = 1.0 / std::sqrt(9.0 * d);
    for (;;) {
        double x;
        double v;
        do {
            x = normal();
            v = 1.0 + c * x;
        } while (v <= 0);
        v = v * v * v;
        const double u = uniform();
        if (u < 1.0 - 0.0331 * x * x * x * x)
            return d * v;
        if (std::log(u) < 0.5 * x * x + d * (1.0 - v + std::log(v)))
            return d * v;
    }
}

double Rng::beta(double alpha, double beta)
{
    const double x = gamma(alpha);
    const double y = gamma(beta);
    return x / (x + y);
}

} // namespace roi::random
