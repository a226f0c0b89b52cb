#include "tornado.h"

#include <algorithm>
#include <cmath>

namespace roi {

namespace {

const Scenario *findScenario(const Workbook &wb, std::string_view name)
{
    for (const Scenario &s : wb.scenarios) {
        if (s.name == name)
            return &s;
    }
    return nullptr;
}

double clampToRange(const VariedInput &input, double value, bool &clamped)
{
    const FieldInfo *info = input.path.info();
    if (!info)
        return value;
    const double kept = std::clamp(value, info->min, info->max);
    clamped = clamped || kept != value;
    return kept;
}

double spanOf(const Kpi &base, const Kpi &low, const Kpi &high)
{
    if (!base.ok() || !low.ok() || !high.ok())
        return 0;
    return std::max({base.value, low.value, high.value})
           - std::min({base.value, low.value, high.value});
}

} // namespace

Kpi metricOf(const CaseResult &result, SensitivityMetric metric)
{
    return metric == SensitivityMetric::Npv ? Kpi::of(result.kpis.npv) : result.kpis.roiPercent;
}

namespace {

/// valueUnderScenario for many inputs: the scenario is replayed once per use case (and once for
/// the shared inputs), not once per input.
class ScenarioValues
{
public:
    ScenarioValues(const Workbook &wb, const Scenario *scenario)
        : m_wb(wb)
        , m_scenario(scenario)
        , m_copies(wb.useCases.size() + 1)
    {}

    std::optional<double> operator()(const VariedInput &in)
    {
        if (!m_scenario)
            return std::nullopt;
        const int n = static_cast<int>(m_wb.useCases.size());
        if (!in.shared() && (in.useCase < 0 || in.useCase >= n))
            return valueUnderScenario(m_wb, in, *m_scenario);
        if (!in.shared()
            && !readInput(in.path, m_wb.useCases[static_cast<std::size_t>(in.useCase)],
                          m_wb.priceBook, m_wb.settings))
            return std::nullopt; // absent from its use case
        auto &copy = m_copies[in.shared() ? 0 : static_cast<std::size_t>(in.useCase) + 1];
        if (!copy)
            copy = scenarioCopy(m_wb, in.shared() ? -1 : in.useCase, *m_scenario);
        return valueInCopy(*copy, in);
    }

private:
    const Workbook &m_wb;
    const Scenario *m_scenario;
    std::vector<std::optional<ScenarioCopy>> m_copies; // 0: shared, 1 + u: use case u
};

} // namespace

std::vector<VariedInput> sensitivityInputs(const Workbook &wb, const ProbeTarget &target,
                                           InputSet set)
{
    std::vector<VariedInput> all;
    std::vector<VariedInput> shared; // seen once for the workbook
    for (std::size_t u = 0; u < wb.useCases.size(); ++u) {
        if (target.useCase >= 0 && static_cast<int>(u) != target.useCase)
            continue;
        // An input of this use case can only repeat one listed since this use case began.
        const std::size_t ownFrom = all.size();
        for (const std::string &name : listInputs(wb.useCases[u], wb.priceBook)) {
            auto path = InputPath::parse(name);
            if (!path)
                continue;
            VariedInput in{static_cast<int>(u), std::move(*path)};
            if (in.shared()) {
                in.useCase = -1;
                if (std::find(shared.begin(), shared.end(), in) != shared.end())
                    continue;
                shared.push_back(in);
            } else if (std::find(all.begin() + static_cast<long>(ownFrom), all.end(), in)
                       != all.end()) {
                continue;
            }
            all.push_back(std::move(in));
        }
    }
    if (set == InputSet::All)
        return all;
    ScenarioValues worst(wb, findScenario(wb, kWorstScenario));
    ScenarioValues best(wb, findScenario(wb, kBestScenario));
    std::vector<VariedInput> moved;
    for (const VariedInput &in : all) {
        const auto stored = storedValue(wb, in);
        if (!stored)
            continue;
        bool moves = false;
        for (ScenarioValues *s : {&worst, &best}) {
            const auto v = (*s)(in);
            moves = moves || (v && *v != *stored);
        }
        if (moves)
            moved.push_back(in);
    }
    return moved.empty() ? all : moved;
}

TornadoResult tornado(const Workbook &wb, const ProbeTarget &target, const TornadoOptions &options)
{
    TornadoResult out;
    out.metric = options.metric;
    const Scenario *worst = findScenario(wb, kWorstScenario);
    const Scenario *best = findScenario(wb, kBestScenario);
    if (options.range == TornadoRange::WorstBest && (!worst || !best)) {
        out.error = "the workbook has no Worst and Best scenarios to take the range from; "
                    "use a percentage range instead";
        return out;
    }
    if (options.range == TornadoRange::Custom && !options.bounds) {
        out.error = "no source for the low and high values was given";
        return out;
    }
    if (options.range == TornadoRange::Percent
        && !(std::isfinite(options.percent) && options.percent > 0)) {
        out.error = "the percentage range must be above zero";
        return out;
    }
    const std::vector<VariedInput> inputs =
        options.inputs.empty() ? sensitivityInputs(wb, target, options.inputSet) : options.inputs;

    ModelProbe probe(wb, target);
    out.base = metricOf(probe.evaluateBase(), options.metric);
    ScenarioValues worstValue(wb, worst);
    ScenarioValues bestValue(wb, best);
    for (const VariedInput &in : inputs) {
        const auto stored = storedValue(wb, in);
        // A percentage of zero moves nothing: such an input has no bar of its own.
        if (!stored || (options.range == TornadoRange::Percent && *stored == 0))
            continue;
        TornadoBar bar;
        bar.input = in;
        // A use case's own tornado needs no use case name on its bars.
        bar.label = target.useCase >= 0 ? in.path.toString() : inputLabel(wb, in);
        bar.stored = *stored;
        double low = *stored;
        double high = *stored;
        switch (options.range) {
        case TornadoRange::WorstBest:
            low = worstValue(in).value_or(*stored);
            high = bestValue(in).value_or(*stored);
            break;
        case TornadoRange::Percent:
            low = *stored * (1.0 - options.percent);
            high = *stored * (1.0 + options.percent);
            break;
        case TornadoRange::Custom: {
            const auto b = options.bounds(in, *stored);
            if (!b || !std::isfinite(b->first) || !std::isfinite(b->second))
                continue;
            low = b->first;
            high = b->second;
            break;
        }
        }
        bar.lowValue = clampToRange(in, low, bar.clamped);
        bar.highValue = clampToRange(in, high, bar.clamped);
        auto at = [&](double value) {
            if (value == *stored)
                return out.base;
            const Kpi k = metricOf(probe.evaluateAt(in, value), options.metric);
            probe.restore(in);
            return k;
        };
        bar.atLow = at(bar.lowValue);
        bar.atHigh = at(bar.highValue);
        bar.swing = spanOf(out.base, bar.atLow, bar.atHigh);
        out.bars.push_back(std::move(bar));
    }
    std::stable_sort(out.bars.begin(), out.bars.end(),
                     [](const TornadoBar &a, const TornadoBar &b) { return a.swing > b.swing; });
    out.evaluations = probe.evaluations();
    return out;
}

SpiderResult spider(const Workbook &wb, const ProbeTarget &target, const SpiderOptions &options)
{
    SpiderResult out;
    out.metric = options.metric;
    out.changes = options.changes;
    const std::vector<VariedInput> inputs =
        options.inputs.empty() ? sensitivityInputs(wb, target, options.inputSet) : options.inputs;
    ModelProbe probe(wb, target);
    out.base = metricOf(probe.evaluateBase(), options.metric);
    for (const VariedInput &in : inputs) {
        const auto stored = storedValue(wb, in);
        if (!stored || *stored == 0) // a relative change of zero is zero
            continue;
        SpiderLine line;
        line.input = in;
        line.label = target.useCase >= 0 ? in.path.toString() : inputLabel(wb, in);
        line.stored = *stored;
        for (double change : options.changes) {
            bool clamped = false;
            const double value = clampToRange(in, *stored * (1.0 + change), clamped);
            line.values.push_back(value);
            if (value == *stored) {
                line.metric.push_back(out.base);
                continue;
            }
            line.metric.push_back(metricOf(probe.evaluateAt(in, value), options.metric));
            probe.restore(in);
        }
        out.lines.push_back(std::move(line));
    }
    out.evaluations = probe.evaluations();
    return out;
}

} // namespace roi
