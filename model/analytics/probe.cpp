#include "probe.h"

#include <algorithm>

namespace roi {

namespace {

bool isAll(const InputPath &p)
{
    return p.selector == InputPath::Selector::All;
}

// Applies `op value` to the input in one use case (or the shared section); counts changes.
int apply(Workbook &wb, const VariedInput &input, AdjustmentOp op, double value)
{
    static UseCase none;
    if (input.shared())
        return applyAdjustment(input.path, op, value, none, wb.priceBook, wb.settings);
    int changed = 0;
    for (std::size_t u = 0; u < wb.useCases.size(); ++u) {
        if (input.useCase >= 0 && static_cast<int>(u) != input.useCase)
            continue;
        changed +=
            applyAdjustment(input.path, op, value, wb.useCases[u], wb.priceBook, wb.settings);
    }
    return changed;
}

std::optional<double> read(const Workbook &wb, const VariedInput &input)
{
    static const UseCase none;
    if (input.shared())
        return readInput(input.path, none, wb.priceBook, wb.settings);
    for (std::size_t u = 0; u < wb.useCases.size(); ++u) {
        if (input.useCase >= 0 && static_cast<int>(u) != input.useCase)
            continue;
        if (auto v = readInput(input.path, wb.useCases[u], wb.priceBook, wb.settings))
            return v;
    }
    return std::nullopt;
}

} // namespace

std::string inputLabel(const Workbook &wb, const VariedInput &input)
{
    std::string path = input.path.toString();
    if (input.shared() || input.useCase < 0 || input.useCase >= static_cast<int>(wb.useCases.size())
        || wb.useCases.size() == 1)
        return path;
    return wb.useCases[static_cast<std::size_t>(input.useCase)].name + " · " + path;
}

std::optional<VariedInput> resolveInput(const Workbook &wb, int useCase, std::string_view name,
                                        std::string *error)
{
    auto fail = [&](std::string message) -> std::optional<VariedInput> {
        if (error)
            *error = std::move(message);
        return std::nullopt;
    };
    // Appended piece by piece: GCC 12 warns (-Wrestrict, wrongly) on "'" + std::string.
    std::string quoted(1, '\'');
    quoted.append(name).append(1, '\'');
    std::string why;
    auto path = InputPath::parse(name, &why);
    if (!path)
        return fail(quoted + " is not a named input: " + why);
    if (isAll(*path))
        return fail(quoted + " selects every element ([*]); name one: [\"name\"] or [index]");
    VariedInput input{useCase, std::move(*path)};
    if (input.shared())
        input.useCase = -1;
    if (!read(wb, input)) {
        std::string where = "the workbook";
        if (!input.shared() && useCase >= 0)
            where = std::string(1, '\'')
                        .append(wb.useCases[static_cast<std::size_t>(useCase)].name)
                        .append(1, '\'');
        return fail(quoted + " names no input of " + where);
    }
    return input;
}

std::optional<double> storedValue(const Workbook &wb, const VariedInput &input)
{
    return read(wb, input);
}

std::optional<double> valueUnderScenario(const Workbook &wb, const VariedInput &input,
                                         const Scenario &scenario)
{
    // Replays the scenario on copies of what the input lives in, as the engine does.
    Settings settings = wb.settings;
    std::vector<PriceEntry> prices = wb.priceBook;
    UseCase uc;
    if (!input.shared()) {
        // The use case named, or (for every use case) the first that has the input.
        bool found = false;
        for (std::size_t u = 0; u < wb.useCases.size() && !found; ++u) {
            if (input.useCase >= 0 && static_cast<int>(u) != input.useCase)
                continue;
            if (readInput(input.path, wb.useCases[u], prices, settings)) {
                uc = wb.useCases[u];
                found = true;
            }
        }
        if (!found)
            return std::nullopt;
    }
    for (const Adjustment &a : scenario.adjustments) {
        auto path = InputPath::parse(a.input);
        if (!path)
            continue;
        if (path->section == InputSection::Settings) {
            applyAdjustment(*path, a.op, a.value, uc, prices, settings);
            continue;
        }
        if (!a.useCase.empty() && !input.shared() && a.useCase != uc.name)
            continue;
        applyAdjustment(*path, a.op, a.value, uc, prices, settings);
    }
    return readInput(input.path, uc, prices, settings);
}

bool setStoredValue(Workbook &wb, const VariedInput &input, double value)
{
    return apply(wb, input, AdjustmentOp::Set, value) > 0;
}

ModelProbe::ModelProbe(const Workbook &wb, const ProbeTarget &target)
    : m_original(wb)
    , m_target(target)
    , m_scratch(wb)
{
    if (!wb.scenarios.empty()) {
        const std::size_t s = std::clamp<std::size_t>(
            static_cast<std::size_t>(std::max(0, target.scenario)), 0, wb.scenarios.size() - 1);
        m_scratch.scenarios = {wb.scenarios[s]};
    }
    if (target.useCase >= 0 && target.useCase < static_cast<int>(wb.useCases.size())) {
        m_scratch.useCases = {wb.useCases[static_cast<std::size_t>(target.useCase)]};
    } else {
        m_target.useCase = -1;
    }
    m_options.checks = false;
    m_options.allKpis = false; // the metrics goal seek and sensitivity read, nothing more
}

VariedInput ModelProbe::toScratch(const VariedInput &input) const
{
    VariedInput out = input;
    if (!input.shared() && m_target.useCase >= 0)
        out.useCase = input.useCase < 0 || input.useCase == m_target.useCase ? 0 : -2;
    return out;
}

const CaseResult &ModelProbe::run()
{
    compute(m_scratch, m_options, m_results);
    ++m_evaluations;
    return m_target.useCase >= 0 ? m_results.at(0, 0) : m_results.portfolio[0];
}

const CaseResult &ModelProbe::evaluateAt(const VariedInput &input, double value)
{
    const VariedInput scratch = toScratch(input);
    if (scratch.useCase != -2) // an input of another use case leaves this one as it is
        apply(m_scratch, scratch, AdjustmentOp::Set, value);
    return run();
}

const CaseResult &ModelProbe::evaluateBase()
{
    return run();
}

void ModelProbe::restore(const VariedInput &input)
{
    const VariedInput scratch = toScratch(input);
    if (input.shared()) {
        m_scratch.priceBook = m_original.priceBook;
        m_scratch.settings = m_original.settings;
    } else if (m_target.useCase >= 0) {
        if (scratch.useCase == 0)
            m_scratch.useCases[0] = m_original.useCases[static_cast<std::size_t>(m_target.useCase)];
    } else {
        for (std::size_t u = 0; u < m_scratch.useCases.size(); ++u) {
            if (input.useCase < 0 || static_cast<int>(u) == input.useCase)
                m_scratch.useCases[u] = m_original.useCases[u];
        }
    }
}

} // namespace roi
