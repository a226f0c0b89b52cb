#include "assumptionswing.h"

#include "engine.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace roi {

namespace {

std::string changeText(const Adjustment &a)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, "%s %g",
                  a.op == AdjustmentOp::Multiply ? "\u00d7"
                  : a.op == AdjustmentOp::Set    ? "="
                                                 : "+",
                  a.value);
    return buf;
}

} // namespace

std::vector<AssumptionSwing> rankWorstAssumptions(const Workbook &workbook)
{
    const auto worst = std::find_if(workbook.scenarios.begin(), workbook.scenarios.end(),
                                    [](const Scenario &s) { return s.name == kWorstScenario; });
    if (worst == workbook.scenarios.end() || workbook.useCases.empty())
        return {};
    // One workbook with Base and one scenario per Worst adjustment: one compute for them all.
    Workbook probe = workbook;
    probe.scenarios = {Scenario{std::string(kBaseScenario), {}, {}}};
    for (const Adjustment &a : worst->adjustments)
        probe.scenarios.push_back(Scenario{"only " + a.input, {}, {a}});
    ComputeOptions options;
    options.checks = false;
    const Results res = compute(probe, options);
    std::vector<AssumptionSwing> out;
    const double base = res.portfolio[0].kpis.npvAtHurdle;
    for (std::size_t i = 0; i < worst->adjustments.size(); ++i) {
        const Adjustment &a = worst->adjustments[i];
        const double npv = res.portfolio[i + 1].kpis.npvAtHurdle;
        out.push_back({a.input, changeText(a), a.useCase, base, npv});
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const AssumptionSwing &a, const AssumptionSwing &b) {
                         return std::fabs(a.swing()) > std::fabs(b.swing());
                     });
    return out;
}

} // namespace roi
