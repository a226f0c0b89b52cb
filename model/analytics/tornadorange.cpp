#include "tornadorange.h"

#include "distribution.h"
#include "montecarlo.h"

#include <cstddef>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

namespace roi {

bool setPercentileRange(const Workbook &wb, const ProbeTarget &target, TornadoOptions &options,
                        std::string *error)
{
    const auto fail = [error](std::string why) {
        if (error)
            *error = std::move(why);
        return false;
    };
    auto table = std::make_shared<std::vector<std::pair<VariedInput, std::pair<double, double>>>>();
    for (const UncertainInput &in : effectiveUncertainInputs(wb)) {
        int useCase = -1;
        if (!in.useCase.empty()) {
            useCase = wb.findUseCase(in.useCase);
            if (useCase < 0)
                return fail("uncertain input '" + in.input + "': no use case named '" + in.useCase
                            + "'");
        }
        std::string why;
        auto input = resolveInput(wb, useCase, in.input, &why);
        if (!input)
            return fail("uncertain input '" + in.input + "': " + why);
        if (target.useCase >= 0 && !input->shared()) {
            if (input->useCase >= 0 && input->useCase != target.useCase)
                continue; // another use case's input moves nothing of this one
            input->useCase = target.useCase;
        }
        const FieldInfo *info = input->path.info();
        std::string param;
        const std::string bad = Distribution::check(in.distribution, info->min, info->max, &param);
        if (!bad.empty())
            return fail("uncertain input '" + in.input + "', " + param + ": " + bad);
        const Distribution d(in.distribution, info->min, info->max);
        table->emplace_back(*input, std::make_pair(d.quantile(0.1), d.quantile(0.9)));
    }
    if (table->empty())
        return fail("no uncertain input concerns this use case");
    options.range = TornadoRange::Custom;
    options.inputs.clear();
    for (const auto &row : *table)
        options.inputs.push_back(row.first);
    options.bounds = [table](const VariedInput &input,
                             double) -> std::optional<std::pair<double, double>> {
        for (const auto &row : *table) {
            if (row.first == input)
                return row.second;
        }
        return std::nullopt;
    };
    return true;
}

} // namespace roi
