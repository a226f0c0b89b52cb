#include "montecarlostatistics.h"

#include "sensitivitycommands.h"

#include "analytics/montecarlo.h"

#include <cstddef>
#include <optional>

namespace roi {

std::function<double(double)> p10NpvStatistic(const Workbook &wb, const ProbeTarget &target,
                                              const VariedInput &input, std::string &error)
{
    MonteCarloOptions options = MonteCarloOptions::fromWorkbook(wb);
    options.keepFan = false;
    if (target.scenario >= 0 && static_cast<std::size_t>(target.scenario) < wb.scenarios.size())
        options.scenario = wb.scenarios[static_cast<std::size_t>(target.scenario)].name;
    const auto useCaseName = [&wb](int index) {
        return index >= 0 && static_cast<std::size_t>(index) < wb.useCases.size()
                   ? wb.useCases[static_cast<std::size_t>(index)].name
                   : std::string();
    };
    FixedInput fixed;
    fixed.input = input.path.toString();
    fixed.useCase = input.shared() ? std::string() : useCaseName(input.useCase);
    const std::string series = useCaseName(target.useCase);
    // One run at the stored value says whether the analysis works on this workbook at all.
    fixed.value = storedValue(wb, input).value_or(0.0);
    if (!p10NpvWithInputFixed(wb, options, fixed, series, &error))
        return {};
    return [wb, options, fixed, series](double x) {
        FixedInput at = fixed;
        at.value = x;
        // A value the run refuses (it was checked above) cannot occur inside the legal range;
        // 0 keeps the search defined should it happen.
        return p10NpvWithInputFixed(wb, options, at, series).value_or(0.0);
    };
}

void registerMonteCarloStatistics()
{
    registerSimulatedStatistic("p10-npv", &p10NpvStatistic);
}

} // namespace roi
