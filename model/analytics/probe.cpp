#include "probe.h"

#include "../finance.h"
#include "../portfoliokpis.h"

#include <algorithm>
#include <cstring>

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

ScenarioCopy scenarioCopy(const Workbook &wb, int useCase, const Scenario &scenario)
{
    // Replays the scenario on copies of what an input lives in, as the engine does.
    ScenarioCopy c{{}, wb.priceBook, wb.settings};
    const bool shared = useCase < 0;
    if (!shared)
        c.useCase = wb.useCases[static_cast<std::size_t>(useCase)];
    for (const Adjustment &a : scenario.adjustments) {
        auto path = InputPath::parse(a.input);
        if (!path)
            continue;
        if (path->section == InputSection::Settings) {
            applyAdjustment(*path, a.op, a.value, c.useCase, c.prices, c.settings);
            continue;
        }
        if (!a.useCase.empty() && !shared && a.useCase != c.useCase.name)
            continue;
        applyAdjustment(*path, a.op, a.value, c.useCase, c.prices, c.settings);
    }
    return c;
}

std::optional<double> valueInCopy(const ScenarioCopy &copy, const VariedInput &input)
{
    return readInput(input.path, copy.useCase, copy.prices, copy.settings);
}

std::optional<double> valueUnderScenario(const Workbook &wb, const VariedInput &input,
                                         const Scenario &scenario)
{
    int useCase = -1;
    if (!input.shared()) {
        // The use case named, or (for every use case) the first that has the input.
        bool found = false;
        for (std::size_t u = 0; u < wb.useCases.size() && !found; ++u) {
            if (input.useCase >= 0 && static_cast<int>(u) != input.useCase)
                continue;
            if (readInput(input.path, wb.useCases[u], wb.priceBook, wb.settings)) {
                useCase = static_cast<int>(u);
                found = true;
            }
        }
        if (!found)
            return std::nullopt;
    }
    return valueInCopy(scenarioCopy(wb, useCase, scenario), input);
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
    m_dirty.assign(m_scratch.useCases.size(), 0);
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
    m_casesComputed += static_cast<long long>(m_scratch.useCases.size());
    m_resultsStored =
        !m_sharedDirty && std::find(m_dirty.begin(), m_dirty.end(), 1) == m_dirty.end();
    return m_target.useCase >= 0 ? m_results.at(0, 0) : m_results.portfolio[0];
}

const CaseResult &ModelProbe::evaluateAt(const VariedInput &input, double value)
{
    const VariedInput scratch = toScratch(input);
    const bool portfolio = m_target.useCase < 0;
    const std::size_t cases = m_scratch.useCases.size();
    const int u = input.useCase;
    if (portfolio && m_incremental && !input.shared() && u >= 0
        && static_cast<std::size_t>(u) < cases && cases >= 2 && !m_sharedDirty) {
        // Incremental when no other use case is off its stored values.
        bool othersClean = true;
        for (std::size_t v = 0; v < cases && othersClean; ++v)
            othersClean = m_dirty[v] == 0 || static_cast<int>(v) == u;
        if (othersClean && m_state == Incremental::Unknown && !m_dirty[static_cast<std::size_t>(u)])
            prepareIncremental(); // from the workbook as stored
        if (othersClean && m_state == Incremental::Ready) {
            apply(m_scratch, scratch, AdjustmentOp::Set, value);
            m_dirty[static_cast<std::size_t>(u)] = 1;
            return runOneCase(u);
        }
    }
    if (scratch.useCase != -2) // an input of another use case leaves this one as it is
        apply(m_scratch, scratch, AdjustmentOp::Set, value);
    if (portfolio) {
        if (input.shared())
            m_sharedDirty = true;
        else if (u >= 0 && static_cast<std::size_t>(u) < cases)
            m_dirty[static_cast<std::size_t>(u)] = 1;
        else
            std::fill(m_dirty.begin(), m_dirty.end(), 1);
    }
    return run();
}

bool ModelProbe::prepareIncremental()
{
    m_state = Incremental::Unusable;
    if (m_target.useCase >= 0 || m_scratch.useCases.size() < 2)
        return false;
    if (m_resultsStored) {
        // The last full compute was of the workbook as stored (evaluateBase): it is the one.
        std::swap(m_stored, m_results);
    } else {
        compute(m_scratch, m_options, m_stored);
        m_casesComputed += static_cast<long long>(m_scratch.useCases.size());
    }
    m_resultsStored = false;
    // The scenario's discount rate, adjusted as the engine adjusts it (settings adjustments in
    // order, each on the rates so far).
    m_discountRate = m_scratch.settings.discountRate;
    double hurdleRate = m_scratch.settings.hurdleRate;
    if (!m_scratch.scenarios.empty()) {
        for (const Adjustment &a : m_scratch.scenarios[0].adjustments) {
            auto path = InputPath::parse(a.input);
            if (!path || path->section != InputSection::Settings)
                continue;
            Settings rates;
            rates.discountRate = m_discountRate;
            rates.hurdleRate = hurdleRate;
            UseCase none;
            applyAdjustment(*path, a.op, a.value, none, {}, rates);
            m_discountRate = rates.discountRate;
            hurdleRate = rates.hurdleRate;
        }
    }
    m_single = m_scratch;
    m_single.useCases.resize(1);
    // Checked, not assumed: the first use case computed alone equals its part of the whole, and
    // the portfolio added up here equals the engine's, bit for bit.
    compute(m_single, m_options, m_singleResults);
    ++m_casesComputed;
    const CaseResult &alone = m_singleResults.at(0, 0);
    const CaseResult &first = m_stored.at(0, 0);
    const CaseResult &engine = m_stored.portfolio[0];
    m_portfolio = engine;
    aggregate(-1, nullptr, m_portfolio);
    auto sameBits = [](std::span<const double> a, std::span<const double> b) {
        return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size_bytes()) == 0;
    };
    auto sameKpis = [](const Kpis &a, const Kpis &b) {
        return a == b && std::memcmp(&a.npv, &b.npv, sizeof a.npv) == 0
               && std::memcmp(&a.roiPercent.value, &b.roiPercent.value, sizeof(double)) == 0
               && std::memcmp(&a.tco, &b.tco, sizeof a.tco) == 0;
    };
    const bool ok =
        alone == first && sameKpis(alone.kpis, first.kpis)
        && sameBits(alone.row(Row::Net), first.row(Row::Net)) && m_portfolio == engine
        && sameKpis(m_portfolio.kpis, engine.kpis)
        && sameBits(m_portfolio.row(Row::Net), engine.row(Row::Net))
        && sameBits(m_portfolio.row(Row::CumulativeNet), engine.row(Row::CumulativeNet));
    if (ok)
        m_state = Incremental::Ready;
    return ok;
}

const CaseResult &ModelProbe::runOneCase(int useCase)
{
    // The use case is lent to the one-case workbook for the compute (no copy).
    UseCase &lent = m_scratch.useCases[static_cast<std::size_t>(useCase)];
    std::swap(m_single.useCases[0], lent);
    compute(m_single, m_options, m_singleResults);
    std::swap(m_single.useCases[0], lent);
    ++m_evaluations;
    ++m_casesComputed;
    aggregate(useCase, &m_singleResults.at(0, 0), m_portfolio);
    return m_portfolio;
}

void ModelProbe::aggregate(int useCase, const CaseResult *changed, CaseResult &out)
{
    // What the engine's lean compute does for a portfolio (engine.cpp: addToPortfolio, then
    // computePortfolio with allKpis = false): the cases' Net rows added month by month and
    // their totals added, in use-case order from zero. From a stored prefix when one case
    // changed (the cases before it add up as they did); while checking (useCase -1), the
    // prefixes are recorded.
    const int months = m_stored.months;
    const std::size_t m0 = static_cast<std::size_t>(months);
    const int cases = m_stored.useCaseCount;
    const bool record = useCase < 0;
    auto net = out.row(Row::Net);
    Kpis k;
    std::swap(k.roiPerYear, out.kpis.roiPerYear);
    k.roiPerYear.clear();
    int from = 0;
    if (record) {
        std::fill(net.begin(), net.end(), 0.0);
        m_prefixNet.assign(static_cast<std::size_t>(cases) * m0, 0.0);
        m_prefixKpis.assign(static_cast<std::size_t>(cases), Kpis{});
    } else {
        from = useCase;
        const double *prefix = &m_prefixNet[static_cast<std::size_t>(useCase) * m0];
        std::copy(prefix, prefix + months, net.begin());
        // The prefix holds only the sums (it was recorded from a fresh Kpis); copying it keeps
        // the capacity of k's vectors.
        k = m_prefixKpis[static_cast<std::size_t>(useCase)];
    }
    for (int v = from; v < cases; ++v) {
        if (record) {
            std::copy(net.begin(), net.end(),
                      m_prefixNet.begin() + static_cast<long>(static_cast<std::size_t>(v) * m0));
            m_prefixKpis[static_cast<std::size_t>(v)] = k;
        }
        const CaseResult &c = v == useCase ? *changed : m_stored.at(v, 0);
        const auto src = c.row(Row::Net);
        for (int m = 0; m < months; ++m)
            net[m] += src[m];
        addCaseKpis(k, c.kpis);
    }
    auto cumulative = out.row(Row::CumulativeNet);
    finishPortfolioTotals(net, cumulative, k);
    k.npv = npv(net, monthlyRate(m_discountRate));
    k.paybackMonth = paybackMonth(cumulative);
    k.costPerOutcome = Kpi::none(KpiState::NotApplicable);
    out.kpis = std::move(k);
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
            if (input.useCase < 0 || static_cast<int>(u) == input.useCase) {
                m_scratch.useCases[u] = m_original.useCases[u];
                m_dirty[u] = 0;
            }
        }
    }
    if (input.shared())
        m_sharedDirty = false;
}

} // namespace roi
