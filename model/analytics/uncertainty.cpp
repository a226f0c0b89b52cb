#include "uncertainty.h"

#include <array>
#include <utility>

namespace roi {

namespace {

constexpr std::array<std::pair<DistributionKind, std::string_view>, 5> kKinds = {{
    {DistributionKind::Pert, "pert"},
    {DistributionKind::Triangular, "triangular"},
    {DistributionKind::Uniform, "uniform"},
    {DistributionKind::Normal, "normal"},
    {DistributionKind::LogNormal, "lognormal"},
}};

} // namespace

std::string_view name(DistributionKind kind)
{
    for (const auto &[k, n] : kKinds) {
        if (k == kind)
            return n;
    }
    return "pert";
}

std::string_view name(SamplingMethod method)
{
    return method == SamplingMethod::Random ? "random" : "lhs";
}

bool parseDistributionKind(std::string_view text, DistributionKind &out)
{
    for (const auto &[k, n] : kKinds) {
        if (n == text) {
            out = k;
            return true;
        }
    }
    return false;
}

bool parseSamplingMethod(std::string_view text, SamplingMethod &out)
{
    if (text == "lhs") {
        out = SamplingMethod::LatinHypercube;
        return true;
    }
    if (text == "random") {
        out = SamplingMethod::Random;
        return true;
    }
    return false;
}

} // namespace roi
