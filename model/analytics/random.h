// Exactly specified random numbers for the Monte Carlo engine: std::mt19937_64 streams seeded by
// SplitMix64, and samplers written here (the std:: distributions differ between standard
// libraries, so a seeded run would not be reproducible everywhere).
#pragma once

#include <cstdint>
#include <random>

namespace roi::random {

/// One step of SplitMix64 (Steele, Lea and Flood 2014) from `state`.
std::uint64_t splitMix64(std::uint64_t state);
/// The seed of stream `index` of a run seeded with `seed`: SplitMix64 of SplitMix64(seed) ^ index
/// (and a stream kind, so that chunk and input streams never share a seed).
std::uint64_t streamSeed(std::uint64_t seed, std::uint64_t kind, std::uint64_t index);

inline constexpr std::uint64_t kChunkStream = 1;
inline constexpr std::uint64_t kInputStream = 2;

class Rng
{
public:
    explicit Rng(std::uint64_t seed)
        : m_engine(seed)
    {}
    /// Uniform in the open interval (0, 1): (53 random bits + 0.5) / 2^53.
    double uniform();
    /// Uniform integer in [0, n), n > 0, without modulo bias (rejection).
    std::uint64_t below(std::uint64_t n);
    /// Standard normal by the Box-Muller transform (one value per pair of uniforms).
    double normal();
    /// Gamma(shape, 1) by Marsaglia and Tsang (2000); shape < 1 by the u^(1/shape) boost.
    double gamma(double shape);
    /// Beta(alpha, beta) as X / (X + Y) of two gammas.
    double beta(double alpha, double beta);

private:
    std::mt19937_64 m_engine;
};

} // namespace roi::random
