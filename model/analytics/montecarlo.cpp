#include "montecarlo.h"

#include "../engine.h"
#include "../inputs.h"
#include "radixsort.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>
#include <limits>
#include <numeric>
#include <set>
#include <thread>

namespace roi {

namespace {

template<typename T>
void addSlot(T &target, std::span<const Field<T>> fields, const std::string &key,
             std::vector<double *> &out)
{
    if (const Field<T> *f = findField(fields, key))
        out.push_back(&(target.*(f->member)));
}

template<typename T, typename NameOf>
void addListSlots(std::vector<T> &items, std::span<const Field<T>> fields, const InputPath &path,
                  NameOf nameOf, std::vector<double *> &out)
{
    const Field<T> *field = findField(fields, path.field);
    if (!field)
        return;
    for (std::size_t i = 0; i < items.size(); ++i) {
        const bool match =
            (path.selector == InputPath::Selector::All)
            || (path.selector == InputPath::Selector::Key && nameOf(items[i]) == path.key)
            || (path.selector == InputPath::Selector::Index
                && static_cast<std::size_t>(path.index) == i);
        if (!match)
            continue;
        if constexpr (!std::is_same_v<T, PriceEntry>) {
            if (!fieldApplies(*field, items[i]))
                continue;
        }
        out.push_back(&(items[i].*(field->member)));
    }
}

/// The addresses of every value an uncertain input sets in `wb`.
std::vector<double *> resolveSlots(const InputPath &path, const std::string &useCase, Workbook &wb)
{
    std::vector<double *> out;
    if (path.section == InputSection::Settings) {
        addSlot(wb.settings, settingsFields(), path.field, out);
        return out;
    }
    if (path.section == InputSection::Prices) {
        addListSlots(
            wb.priceBook, priceFields(), path,
            [](const PriceEntry &p) -> const std::string & { return p.model; }, out);
        return out;
    }
    for (UseCase &uc : wb.useCases) {
        if (!useCase.empty() && uc.name != useCase)
            continue;
        switch (path.section) {
        case InputSection::Baseline:
            addSlot(uc.baseline, baselineFields(), path.field, out);
            break;
        case InputSection::Outcome:
            addSlot(uc.outcome, outcomeFields(), path.field, out);
            break;
        case InputSection::Risk:
            addSlot(uc.risk, riskFields(), path.field, out);
            break;
        case InputSection::Ramp:
            addSlot(uc.ramp, rampFields(), path.field, out);
            break;
        case InputSection::Layers:
            addListSlots(
                uc.layers, layerFields(), path,
                [](const CostLayer &l) -> const std::string & { return l.name; }, out);
            break;
        case InputSection::Drivers:
            addListSlots(
                uc.drivers, driverFields(), path,
                [](const ValueDriver &d) -> const std::string & { return d.name; }, out);
            break;
        default:
            break;
        }
    }
    return out;
}

const Scenario *findScenario(const Workbook &wb, std::string_view name)
{
    for (const auto &s : wb.scenarios) {
        if (s.name == name)
            return &s;
    }
    return nullptr;
}

// Concrete names (no [*]) an adjustment touches in one use case.
std::vector<std::string> concreteNames(const InputPath &path, const UseCase &uc)
{
    std::vector<std::string> out;
    auto fromList = [&](const auto &items, auto fields, auto nameOf, auto makeName) {
        const auto *field = findField(fields, path.field);
        if (!field)
            return;
        for (std::size_t i = 0; i < items.size(); ++i) {
            const bool match =
                (path.selector == InputPath::Selector::All)
                || (path.selector == InputPath::Selector::Key && nameOf(items[i]) == path.key)
                || (path.selector == InputPath::Selector::Index
                    && static_cast<std::size_t>(path.index) == i);
            if (match && fieldApplies(*field, items[i]))
                out.push_back(makeName(nameOf(items[i]), path.field));
        }
    };
    switch (path.section) {
    case InputSection::Layers:
        fromList(
            uc.layers, layerFields(),
            [](const CostLayer &l) -> const std::string & { return l.name; }, layerInput);
        break;
    case InputSection::Drivers:
        fromList(
            uc.drivers, driverFields(),
            [](const ValueDriver &d) -> const std::string & { return d.name; }, driverInput);
        break;
    default:
        out.push_back(path.toString());
        break;
    }
    return out;
}

// The values of `name` in a use case (and the shared price book and settings) after a scenario.
struct ScenarioState
{
    UseCase useCase;
    std::vector<PriceEntry> prices;
    Settings settings;
};

ScenarioState applyScenario(const Scenario *s, const UseCase &uc, const Workbook &wb,
                            bool sharedOnly)
{
    ScenarioState st{uc, wb.priceBook, wb.settings};
    if (!s)
        return st;
    for (const auto &a : s->adjustments) {
        if (!sharedOnly && !a.useCase.empty() && a.useCase != uc.name)
            continue;
        auto path = InputPath::parse(a.input);
        if (!path)
            continue;
        const bool shared =
            path->section == InputSection::Prices || path->section == InputSection::Settings;
        if (shared != sharedOnly)
            continue;
        applyAdjustment(*path, a.op, a.value, st.useCase, st.prices, st.settings);
    }
    return st;
}

DistributionSpec pert(double a, double base, double b)
{
    DistributionSpec d;
    d.kind = DistributionKind::Pert;
    d.min = std::min({a, base, b});
    d.max = std::max({a, base, b});
    d.mode = base;
    return d;
}

} // namespace

std::vector<UncertainInput> defaultUncertainInputs(const Workbook &wb)
{
    std::vector<UncertainInput> out;
    const Scenario *worst = findScenario(wb, kWorstScenario);
    const Scenario *best = findScenario(wb, kBestScenario);
    if (!worst && !best)
        return out;
    auto adjusted = [&](const Scenario *s, std::set<std::string> &shared,
                        std::vector<std::pair<std::string, InputPath>> &names, const UseCase &uc) {
        if (!s)
            return;
        for (const auto &a : s->adjustments) {
            if (!a.useCase.empty() && a.useCase != uc.name)
                continue;
            auto path = InputPath::parse(a.input);
            if (!path)
                continue;
            if (path->section == InputSection::Prices || path->section == InputSection::Settings) {
                shared.insert(a.input);
                continue;
            }
            for (std::string &n : concreteNames(*path, uc)) {
                auto p = InputPath::parse(n);
                if (!p)
                    continue;
                const bool seen = std::any_of(names.begin(), names.end(),
                                              [&](const auto &e) { return e.first == n; });
                if (!seen)
                    names.emplace_back(std::move(n), std::move(*p));
            }
        }
    };
    std::set<std::string> sharedAdjusted;
    for (const UseCase &uc : wb.useCases) {
        std::vector<std::pair<std::string, InputPath>> names;
        adjusted(worst, sharedAdjusted, names, uc);
        adjusted(best, sharedAdjusted, names, uc);
        const ScenarioState w = applyScenario(worst, uc, wb, false);
        const ScenarioState b = applyScenario(best, uc, wb, false);
        for (const auto &[n, path] : names) {
            const auto base = readInput(path, uc, wb.priceBook, wb.settings);
            const auto lo = readInput(path, w.useCase, w.prices, w.settings);
            const auto hi = readInput(path, b.useCase, b.prices, b.settings);
            if (!base || !lo || !hi || (*lo == *base && *hi == *base))
                continue;
            out.push_back({n, uc.name, pert(*lo, *base, *hi)});
        }
    }
    // Price-book entries used by a token layer, and settings: once for the workbook.
    if (!sharedAdjusted.empty()) {
        const UseCase none;
        const ScenarioState w = applyScenario(worst, none, wb, true);
        const ScenarioState b = applyScenario(best, none, wb, true);
        std::set<std::string> usedModels;
        for (const auto &uc : wb.useCases)
            for (const auto &l : uc.layers)
                if (l.type == LayerType::TokenUsage)
                    usedModels.insert(l.model);
        for (std::size_t i = 0; i < wb.priceBook.size(); ++i) {
            if (!usedModels.count(wb.priceBook[i].model)
                || !isCurrentPrice(wb.priceBook, wb.priceBook[i]))
                continue;
            for (const auto &f : priceFields()) {
                const double base = wb.priceBook[i].*(f.member);
                const double lo = w.prices[i].*(f.member);
                const double hi = b.prices[i].*(f.member);
                if (lo == base && hi == base)
                    continue;
                out.push_back(
                    {priceInput(wb.priceBook[i].model, f.info.key), {}, pert(lo, base, hi)});
            }
        }
        for (const auto &f : settingsFields()) {
            const double base = wb.settings.*(f.member);
            const double lo = w.settings.*(f.member);
            const double hi = b.settings.*(f.member);
            if (lo == base && hi == base)
                continue;
            out.push_back({"settings." + std::string(f.info.key), {}, pert(lo, base, hi)});
        }
    }
    return out;
}

std::vector<UncertainInput> effectiveUncertainInputs(const Workbook &workbook)
{
    return workbook.uncertainty.inputs.empty() ? defaultUncertainInputs(workbook)
                                               : workbook.uncertainty.inputs;
}

MonteCarloOptions MonteCarloOptions::fromWorkbook(const Workbook &workbook)
{
    MonteCarloOptions o;
    o.trials = workbook.settings.monteCarloTrials;
    o.seed = workbook.settings.monteCarloSeed;
    o.sampling = workbook.uncertainty.sampling;
    if (!workbook.uncertainty.scenario.empty())
        o.scenario = workbook.uncertainty.scenario;
    return o;
}

namespace {

/// Runs body(0) ... body(count - 1), on two threads when there are many draws (`work`). Each
/// index writes its own samples from its own random stream, so the samples are the same
/// whatever runs where.
template<typename Body>
void inParallel(std::size_t count, std::size_t work, const Body &body)
{
    constexpr std::size_t kParallelDraws = 50'000;
    if (count < 2 || work < kParallelDraws || std::thread::hardware_concurrency() < 2) {
        for (std::size_t i = 0; i < count; ++i)
            body(i);
        return;
    }
    std::atomic<std::size_t> next{0};
    auto worker = [&] {
        for (std::size_t i = next++; i < count; i = next++)
            body(i);
    };
    std::thread helper(worker);
    worker();
    helper.join();
}

} // namespace

MonteCarloPlan::MonteCarloPlan(const Workbook &workbook, const MonteCarloOptions &options)
    : m_options(options)
    , m_workbook(workbook)
{
    if (options.trials < 1 || options.trials > kMaxTrials) {
        m_error = "trials must be between 1 and " + std::to_string(kMaxTrials);
        return;
    }
    if (workbook.useCases.empty()) {
        m_error = "the workbook has no use case to simulate";
        return;
    }
    if (workbook.scenarios.empty() && options.scenario == kBaseScenario) {
        m_workbook.scenarios = {Scenario{std::string(kBaseScenario), {}, {}}};
    } else {
        const Scenario *s = findScenario(workbook, options.scenario);
        if (!s) {
            m_error = "no scenario named '" + options.scenario + "'";
            return;
        }
        m_workbook.scenarios = {*s};
    }
    m_months = std::clamp(workbook.settings.horizonMonths, 1, 120);

    const std::vector<UncertainInput> inputs = effectiveUncertainInputs(workbook);
    auto plan = [&](const UncertainInput &in, bool fixed) -> bool {
        std::string why;
        auto path = InputPath::parse(in.input, &why);
        if (!path) {
            m_error = "uncertain input '" + in.input + "': " + why;
            return false;
        }
        if (!in.useCase.empty() && workbook.findUseCase(in.useCase) < 0) {
            m_error = "uncertain input '" + in.input + "': no use case named '" + in.useCase + "'";
            return false;
        }
        if (resolveSlots(*path, in.useCase, m_workbook).empty()) {
            m_error = "uncertain input '" + in.input + "' names no input of the workbook";
            return false;
        }
        const FieldInfo *info = path->info();
        PlannedInput p;
        p.source = in;
        p.label = in.useCase.empty() ? in.input : in.useCase + ": " + in.input;
        p.legalMin = info->min;
        p.legalMax = info->max;
        p.integer = info->integer;
        p.fixed = fixed;
        if (!fixed) {
            std::string param;
            const std::string bad =
                Distribution::check(in.distribution, info->min, info->max, &param);
            if (!bad.empty()) {
                m_error = "uncertain input '" + p.label + "', " + param + ": " + bad;
                return false;
            }
            p.distribution = Distribution(in.distribution, info->min, info->max);
        }
        m_inputs.push_back(std::move(p));
        return true;
    };
    for (const auto &in : inputs) {
        if (!plan(in, false))
            return;
    }
    const std::size_t drawn = m_inputs.size();
    std::vector<std::pair<std::size_t, double>> holds;
    for (const auto &f : options.fixed) {
        std::size_t j = 0;
        while (j < drawn
               && !(m_inputs[j].source.input == f.input && m_inputs[j].source.useCase == f.useCase))
            ++j;
        if (j == drawn) {
            if (!plan({f.input, f.useCase, {}}, true))
                return;
            j = m_inputs.size() - 1;
        }
        holds.emplace_back(j, f.value);
    }

    // The requested correlation matrix over the drawn inputs.
    const int k = static_cast<int>(drawn);
    m_correlation.requested = correlation::Matrix::identity(k);
    for (const auto &c : workbook.uncertainty.correlations) {
        if (!workbook.uncertainty.inputs.empty() && c.a >= 0 && c.b >= 0 && c.a < k && c.b < k
            && c.a != c.b) {
            m_correlation.requested(c.a, c.b) = c.rho;
            m_correlation.requested(c.b, c.a) = c.rho;
        }
    }
    const correlation::Repair repair = correlation::nearestCorrelation(m_correlation.requested);
    m_correlation.used = repair.matrix;
    m_correlation.repaired = repair.repaired;
    m_correlation.distance = repair.distance;
    m_correlation.minEigenvalue = repair.minEigenvalue;

    draw();
    for (const auto &[j, value] : holds)
        std::fill(m_samples[j].begin(), m_samples[j].end(), value);
    rankFromStrata();

    const std::size_t fanBytes = static_cast<std::size_t>(m_options.trials)
                                 * static_cast<std::size_t>(m_months) * sizeof(float);
    if (!m_options.keepFan)
        m_fanSeries = 0;
    else if (seriesCount() == 2)
        m_fanSeries = 1; // one use case: its fan is the portfolio's (copied in the summary)
    else if (fanBytes * static_cast<std::size_t>(seriesCount()) <= kMaxFanBytes)
        m_fanSeries = seriesCount();
    else
        m_fanSeries = 1;
}

void MonteCarloPlan::draw()
{
    const std::size_t n = static_cast<std::size_t>(m_options.trials);
    const std::size_t k = m_inputs.size();
    m_samples.assign(k, std::vector<double>(n));
    std::size_t drawn = 0;
    while (drawn < k && !m_inputs[drawn].fixed)
        ++drawn;
    m_strata.assign(k, {});
    if (m_options.sampling == SamplingMethod::LatinHypercube) {
        // Input j: a permutation of the n strata and a point inside each, from its own stream.
        inParallel(drawn, n * drawn, [&](std::size_t j) {
            std::vector<std::uint32_t> perm(n);
            random::Rng rng(random::streamSeed(m_options.seed, random::kInputStream, j));
            std::iota(perm.begin(), perm.end(), 0u);
            for (std::size_t i = n - 1; i > 0; --i)
                std::swap(perm[i], perm[rng.below(i + 1)]);
            const Distribution &d = m_inputs[j].distribution;
            auto &col = m_samples[j];
            const double width = 1.0 / static_cast<double>(n);
            for (std::size_t t = 0; t < n; ++t)
                col[t] = d.quantile((perm[t] + rng.uniform()) * width);
            auto &strata = m_strata[j];
            strata.resize(n);
            for (std::size_t t = 0; t < n; ++t)
                strata[perm[t]] = static_cast<std::uint32_t>(t);
        });
    } else {
        // Chunk c: its own stream, trial by trial, input by input.
        const std::size_t chunks = (n + kChunkTrials - 1) / kChunkTrials;
        inParallel(chunks, n * drawn, [&](std::size_t c) {
            random::Rng rng(random::streamSeed(m_options.seed, random::kChunkStream, c));
            const std::size_t end = std::min(n, (c + 1) * kChunkTrials);
            for (std::size_t t = c * kChunkTrials; t < end; ++t)
                for (std::size_t j = 0; j < drawn; ++j)
                    m_samples[j][t] = m_inputs[j].distribution.sample(rng);
        });
    }
    if (drawn >= 2 && n >= 2
        && m_correlation.used != correlation::Matrix::identity(static_cast<int>(drawn))) {
        std::vector<std::vector<double>> cols(m_samples.begin(),
                                              m_samples.begin() + static_cast<long>(drawn));
        random::Rng rng(random::streamSeed(m_options.seed, 3, 0));
        correlation::imanConover(cols, m_correlation.used, rng);
        std::move(cols.begin(), cols.end(), m_samples.begin());
        m_strata.assign(k, {}); // reordered
    }
    // Integer inputs (months) take whole values, like scenario adjustments.
    for (std::size_t j = 0; j < drawn; ++j) {
        if (m_inputs[j].integer) {
            for (double &v : m_samples[j])
                v = std::round(v);
        }
    }
}

void MonteCarloPlan::rankFromStrata()
{
    // A quantile function never decreases, so taking the trials stratum by stratum visits the
    // samples in ascending order: ranking them is one pass, no sort. Checked as it goes (a
    // held input is constant, integer rounding keeps the order); when the order does not hold
    // the summary ranks the samples by sorting.
    const std::size_t k = m_inputs.size();
    const std::size_t n = static_cast<std::size_t>(m_options.trials);
    m_ranks.assign(k, {});
    inParallel(k, n * k, [&](std::size_t j) {
        if (m_inputs[j].fixed || j >= m_strata.size() || m_strata[j].size() != n)
            return;
        const std::vector<std::uint32_t> &order = m_strata[j];
        const std::vector<double> &x = m_samples[j];
        for (std::size_t i = 1; i < n; ++i) {
            if (!(x[order[i - 1]] <= x[order[i]]))
                return;
        }
        m_ranks[j] = correlation::ranksInOrder(x, order);
    });
    m_strata.clear();
    m_strata.shrink_to_fit();
}

std::string MonteCarloPlan::seriesName(int series) const
{
    if (series == 0)
        return "Portfolio";
    return m_workbook.useCases[static_cast<std::size_t>(series - 1)].name;
}

bool MonteCarloPlan::keepsFan(int series) const
{
    return series < m_fanSeries;
}

bool MonteCarloPlan::hasFan(int series) const
{
    return keepsFan(series) || (m_fanSeries == 1 && seriesCount() == 2);
}

ChunkResult runChunk(const MonteCarloPlan &plan, int chunk)
{
    ChunkResult out;
    out.chunk = chunk;
    out.first = chunk * kChunkTrials;
    out.count = std::min(kChunkTrials, plan.trials() - out.first);
    const int series = plan.seriesCount();
    const int months = plan.months();
    int fanSeries = 0;
    while (fanSeries < series && plan.keepsFan(fanSeries))
        ++fanSeries;
    out.metrics.resize(static_cast<std::size_t>(out.count) * series * kMetricCount);
    out.cumulative.resize(static_cast<std::size_t>(fanSeries) * months * out.count);

    Workbook wb = plan.workbook();
    struct Target
    {
        std::vector<double *> slots;
        double min, max;
    };
    std::vector<Target> targets;
    for (const auto &in : plan.inputs()) {
        auto path = InputPath::parse(in.source.input);
        targets.push_back({resolveSlots(*path, in.source.useCase, wb), in.legalMin, in.legalMax});
    }
    ComputeOptions options;
    options.checks = false;
    options.allKpis = false; // NPV, ROI, TCO, hard benefit, payback and net rows only
    Results results;
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    for (int t = 0; t < out.count; ++t) {
        const std::size_t trial = static_cast<std::size_t>(out.first + t);
        for (std::size_t j = 0; j < targets.size(); ++j) {
            const double v = std::clamp(plan.samples(static_cast<int>(j))[trial], targets[j].min,
                                        targets[j].max);
            for (double *slot : targets[j].slots)
                *slot = v;
        }
        compute(wb, options, results);
        for (int s = 0; s < series; ++s) {
            const CaseResult &r = s == 0 ? results.portfolio[0] : results.at(s - 1, 0);
            double *m = &out.metrics[(static_cast<std::size_t>(t) * series + s) * kMetricCount];
            m[0] = r.kpis.npv;
            m[1] = r.kpis.roiPercent.ok() ? r.kpis.roiPercent.value : nan;
            m[2] = r.kpis.tco;
            m[3] = r.kpis.hardBenefit;
            m[4] = r.kpis.paybackMonth.ok() ? r.kpis.paybackMonth.value : inf;
            if (s < fanSeries) {
                const auto cum = r.row(Row::CumulativeNet);
                float *dst = &out.cumulative[static_cast<std::size_t>(s) * months * out.count];
                for (int mo = 0; mo < months; ++mo)
                    dst[static_cast<std::size_t>(mo) * out.count + t] = static_cast<float>(cum[mo]);
            }
        }
    }
    return out;
}

MonteCarloRun::MonteCarloRun(const MonteCarloPlan &plan)
    : m_plan(&plan)
    , m_series(plan.seriesCount())
{
    m_have.assign(static_cast<std::size_t>(plan.chunkCount()), 0);
    m_metrics.resize(static_cast<std::size_t>(plan.trials()) * m_series * kMetricCount);
    int fan = 0;
    while (fan < m_series && plan.keepsFan(fan))
        ++fan;
    m_cumulative.resize(static_cast<std::size_t>(fan) * plan.months() * plan.trials());
}

void MonteCarloRun::add(const ChunkResult &c)
{
    if (c.chunk < 0 || c.chunk >= static_cast<int>(m_have.size()) || m_have[c.chunk])
        return;
    m_have[static_cast<std::size_t>(c.chunk)] = 1;
    ++m_done;
    std::copy(c.metrics.begin(), c.metrics.end(),
              m_metrics.begin()
                  + static_cast<long>(static_cast<std::size_t>(c.first) * m_series * kMetricCount));
    const std::size_t n = static_cast<std::size_t>(m_plan->trials());
    const std::size_t months = static_cast<std::size_t>(m_plan->months());
    const std::size_t count = static_cast<std::size_t>(c.count);
    const std::size_t rows = count ? c.cumulative.size() / count : 0; // series x months
    for (std::size_t r = 0; r < rows; ++r) {
        (void)months;
        std::copy(c.cumulative.begin() + static_cast<long>(r * count),
                  c.cumulative.begin() + static_cast<long>((r + 1) * count),
                  m_cumulative.begin()
                      + static_cast<long>(r * n + static_cast<std::size_t>(c.first)));
    }
}

bool MonteCarloRun::complete() const
{
    return m_done == static_cast<int>(m_have.size());
}

std::vector<double> MonteCarloRun::values(int series, Metric metric) const
{
    const std::size_t n = static_cast<std::size_t>(m_plan->trials());
    std::vector<double> out(n);
    for (std::size_t t = 0; t < n; ++t)
        out[t] = m_metrics[(t * m_series + static_cast<std::size_t>(series)) * kMetricCount
                           + static_cast<std::size_t>(metric)];
    return out;
}

double percentileOfSorted(const std::vector<double> &sorted, double p)
{
    if (sorted.empty())
        return 0;
    const double h = (static_cast<double>(sorted.size()) - 1) * p / 100;
    const std::size_t lo = static_cast<std::size_t>(std::floor(h));
    const std::size_t hi = std::min(sorted.size() - 1, lo + 1);
    const double w = h - static_cast<double>(lo);
    if (w == 0)
        return sorted[lo];
    return sorted[lo] + w * (sorted[hi] - sorted[lo]);
}

namespace {

// The fan chart's P10, P50 and P90 of one month's cumulative net over the trials, as the
// nth_element path in summary() finds them (type-7 interpolation between the order statistics
// lo and lo + 1), by bucket selection: one pass counts the values into equal-width
// buckets between the smallest and the largest, then only the buckets holding the wanted order
// statistics are gathered and searched. The bucket of a value is a monotone function of it
// (IEEE subtraction, multiplication and truncation are monotone), so every value of a lower
// bucket is at most every value of a higher one and the k-th smallest is the k-th smallest of
// the values of its bucket: the same float nth_element finds. false (the caller takes the
// nth_element path) for small runs, values that are not finite or all equal, and when a
// selected value is zero (+0 and -0 compare equal, and which of them nth_element leaves at a
// position depends on its order of work).
bool fanBySelection(const float *src, std::size_t n, double &p10, double &p50, double &p90)
{
    // About four values a bucket (a portfolio's 1,000 trials over many series and months as
    // well as 100,000 trials of one), at most 4,096 buckets.
    if (n < 256)
        return false;
    const int kBuckets = static_cast<int>(std::min<std::size_t>(4096, n / 4));
    float mn = src[0];
    float mx = src[0];
    float bad = 0; // stays 0 while every value is finite (x - x is NaN for inf and NaN)
    for (std::size_t i = 0; i < n; ++i) {
        const float v = src[i];
        bad += v - v;
        mn = std::min(mn, v);
        mx = std::max(mx, v);
    }
    if (bad != 0 || bad != bad || !(mx > mn))
        return false;
    const float scale = static_cast<float>(kBuckets) / (mx - mn);
    if (!std::isfinite(scale) || !(scale > 0))
        return false;
    // Monotone in v: (v - mn) >= 0 grows with v, so does its product with scale > 0 and the
    // truncation of that.
    std::vector<std::uint16_t> bucketOf(n);
    std::vector<std::uint32_t> counts(static_cast<std::size_t>(kBuckets), 0);
    for (std::size_t i = 0; i < n; ++i) {
        const int b = std::min(kBuckets - 1, static_cast<int>((src[i] - mn) * scale));
        bucketOf[i] = static_cast<std::uint16_t>(b);
        ++counts[static_cast<std::size_t>(b)];
    }
    // The order statistics wanted: lo and lo + 1 of each percentile.
    const double dn = static_cast<double>(n);
    const double ps[3] = {10, 50, 90};
    std::size_t ranks[6];
    for (int i = 0; i < 3; ++i) {
        const double h = (dn - 1) * ps[i] / 100;
        ranks[2 * i] = static_cast<std::size_t>(std::floor(h));
        ranks[2 * i + 1] = std::min(n - 1, ranks[2 * i] + 1);
    }
    // Bucket and rank inside it of each; a slot per distinct bucket.
    int bucket[6];
    std::size_t below[6];
    {
        std::size_t cum = 0;
        int b = 0;
        for (int r = 0; r < 6; ++r) { // ranks ascend
            while (cum + counts[static_cast<std::size_t>(b)] <= ranks[r]) {
                cum += counts[static_cast<std::size_t>(b)];
                ++b;
            }
            bucket[r] = b;
            below[r] = cum;
        }
    }
    std::vector<int> slotOf(kBuckets, -1);
    int slots = 0;
    int slotBucket[6];
    for (int r = 0; r < 6; ++r) {
        if (slotOf[static_cast<std::size_t>(bucket[r])] < 0) {
            slotOf[static_cast<std::size_t>(bucket[r])] = slots;
            slotBucket[slots++] = bucket[r];
        }
    }
    std::vector<float> gathered[6];
    for (int k = 0; k < slots; ++k)
        gathered[k].reserve(counts[static_cast<std::size_t>(slotBucket[k])]);
    for (std::size_t i = 0; i < n; ++i) {
        const int k = slotOf[bucketOf[i]];
        if (k >= 0)
            gathered[k].push_back(src[i]);
    }
    float value[6];
    for (int r = 0; r < 6; ++r) {
        std::vector<float> &g = gathered[slotOf[static_cast<std::size_t>(bucket[r])]];
        const std::size_t local = ranks[r] - below[r];
        std::nth_element(g.begin(), g.begin() + static_cast<long>(local), g.end());
        value[r] = g[local];
        if (value[r] == 0)
            return false;
    }
    double *out[3] = {&p10, &p50, &p90};
    for (int i = 0; i < 3; ++i) {
        const double h = (dn - 1) * ps[i] / 100;
        const std::size_t l = ranks[2 * i];
        const double a = value[2 * i];
        if (l + 1 >= n || h == static_cast<double>(l)) {
            *out[i] = a;
            continue;
        }
        const double b = value[2 * i + 1];
        *out[i] = a + (h - static_cast<double>(l)) * (b - a);
    }
    return true;
}

// Statistics of one metric. `values` may hold NaN (no number: excluded) and +inf (never, e.g.
// a payback after the horizon: counted, shown as the state `never`).
OutputStats describe(std::vector<double> values, KpiState noNumber)
{
    OutputStats s;
    std::vector<double> finite;
    finite.reserve(values.size());
    std::size_t infinite = 0;
    for (double v : values) {
        if (std::isfinite(v))
            finite.push_back(v);
        else if (!std::isnan(v))
            ++infinite;
    }
    s.defined = static_cast<int>(finite.size());
    if (finite.empty()) {
        s.mean = s.sd = Kpi::none(noNumber);
        s.percentiles.fill(Kpi::none(noNumber));
        return s;
    }
    double mean = 0;
    for (double v : finite)
        mean += v;
    mean /= static_cast<double>(finite.size());
    double ss = 0;
    for (double v : finite)
        ss += (v - mean) * (v - mean);
    s.mean = Kpi::of(mean);
    s.sd =
        Kpi::of(finite.size() > 1 ? std::sqrt(ss / static_cast<double>(finite.size() - 1)) : 0.0);
    // Percentiles over every trial with a value, the "never" ones ranked last.
    radix::sortDoubles(finite);
    const std::size_t total = finite.size() + infinite;
    for (std::size_t i = 0; i < kPercentiles.size(); ++i) {
        const double h = (static_cast<double>(total) - 1) * kPercentiles[i] / 100;
        if (std::ceil(h) >= static_cast<double>(finite.size())) {
            s.percentiles[i] = Kpi::none(noNumber);
            continue;
        }
        const std::size_t lo = static_cast<std::size_t>(std::floor(h));
        const std::size_t hi = std::min(finite.size() - 1, lo + 1);
        const double w = h - static_cast<double>(lo);
        s.percentiles[i] =
            Kpi::of(w == 0 ? finite[lo] : finite[lo] + w * (finite[hi] - finite[lo]));
    }
    return s;
}

} // namespace

bool MonteCarloRun::sameMetrics(int a, int b) const
{
    const std::size_t n = static_cast<std::size_t>(m_plan->trials());
    const std::size_t stride = static_cast<std::size_t>(m_series) * kMetricCount;
    for (std::size_t t = 0; t < n; ++t) {
        const double *x = &m_metrics[t * stride + static_cast<std::size_t>(a) * kMetricCount];
        const double *y = &m_metrics[t * stride + static_cast<std::size_t>(b) * kMetricCount];
        if (std::memcmp(x, y, sizeof(double) * kMetricCount) != 0) // bits: NaN equals NaN
            return false;
    }
    return true;
}

MonteCarloSummary MonteCarloRun::summary() const
{
    const MonteCarloPlan &plan = *m_plan;
    MonteCarloSummary out;
    out.trials = plan.trials();
    out.seed = plan.options().seed;
    out.sampling = plan.options().sampling;
    out.scenario = plan.options().scenario;
    out.startMonth = plan.workbook().settings.startMonth;
    out.months = plan.months();
    out.correlation = plan.correlation();
    for (const auto &in : plan.inputs())
        out.inputs.push_back(in.label);
    const std::size_t n = static_cast<std::size_t>(plan.trials());
    const double dn = static_cast<double>(n);
    // Each input's ranks: the plan's (from its strata), else sorted here.
    std::vector<std::vector<double>> sortedRanks(plan.inputs().size());
    std::vector<const std::vector<double> *> inputRanks(plan.inputs().size(), nullptr);
    inParallel(inputRanks.size(), n * inputRanks.size(), [&](std::size_t j) {
        if (plan.inputs()[j].fixed)
            return;
        const std::vector<double> &known = plan.sampleRanks(static_cast<int>(j));
        if (known.empty())
            sortedRanks[j] = correlation::ranks(plan.samples(static_cast<int>(j)));
        inputRanks[j] = known.empty() ? &sortedRanks[j] : &known;
    });
    for (int s = 0; s < m_series; ++s) {
        if (s == 1 && m_series == 2 && sameMetrics(0, 1)) {
            // A lone use case: its trials are the portfolio's, value for value (the portfolio
            // adds one series to zeros), so is every statistic of them; no second pass.
            SeriesSummary ss = out.series[0];
            ss.name = plan.seriesName(s);
            out.series.push_back(std::move(ss));
            continue;
        }
        SeriesSummary ss;
        ss.name = plan.seriesName(s);
        inParallel(kMetricCount, n * kMetricCount, [&](std::size_t m) {
            const Metric metric = static_cast<Metric>(m);
            const KpiState none =
                metric == Metric::Payback ? KpiState::NeverPaysBack : KpiState::Undefined;
            ss.metrics[m] = describe(values(s, metric), none);
        });
        const std::vector<double> npv = values(s, Metric::Npv);
        const std::vector<double> roi = values(s, Metric::RoiPercent);
        const std::vector<double> payback = values(s, Metric::Payback);
        std::size_t roiPos = 0, npvPos = 0, paid = 0;
        for (std::size_t t = 0; t < n; ++t) {
            roiPos += roi[t] > 0 ? 1 : 0; // NaN (no TCO) is not > 0
            npvPos += npv[t] > 0 ? 1 : 0;
            paid += std::isfinite(payback[t]) ? 1 : 0;
        }
        ss.pRoiPositive = static_cast<double>(roiPos) / dn;
        ss.pNpvPositive = static_cast<double>(npvPos) / dn;
        ss.pPayback = static_cast<double>(paid) / dn;
        const OutputStats &npvStats = ss.stats(Metric::Npv);
        ss.npvStandardError = npvStats.sd.ok() ? npvStats.sd.value / std::sqrt(dn) : 0;
        if (!plan.keepsFan(s) && plan.hasFan(s)) {
            // The lone use case of a workbook: the same series as the portfolio.
            ss.fanP10 = out.series[0].fanP10;
            ss.fanP50 = out.series[0].fanP50;
            ss.fanP90 = out.series[0].fanP90;
        }
        if (plan.keepsFan(s)) {
            const std::size_t months = static_cast<std::size_t>(plan.months());
            ss.fanP10.resize(months);
            ss.fanP50.resize(months);
            ss.fanP90.resize(months);
            inParallel(months, months * n, [&](std::size_t mo) {
                const float *src = &m_cumulative[(static_cast<std::size_t>(s) * months + mo) * n];
                if (fanBySelection(src, n, ss.fanP10[mo], ss.fanP50[mo], ss.fanP90[mo]))
                    return;
                std::vector<float> col(src, src + n);
                // Percentiles asked in ascending order: after the one at `lo`, every element
                // right of lo is at least col[lo], so the next one is searched there only.
                std::size_t from = 0;
                auto at = [&](double p) {
                    const double h = (dn - 1) * p / 100;
                    const std::size_t lo = static_cast<std::size_t>(std::floor(h));
                    from = std::min(from, lo); // a small run: the same lo again
                    std::nth_element(col.begin() + static_cast<long>(from),
                                     col.begin() + static_cast<long>(lo), col.end());
                    from = lo + 1;
                    const double a = col[lo];
                    if (lo + 1 >= n || h == static_cast<double>(lo))
                        return a;
                    const double b =
                        *std::min_element(col.begin() + static_cast<long>(lo) + 1, col.end());
                    return a + (h - static_cast<double>(lo)) * (b - a);
                };
                ss.fanP10[mo] = at(10);
                ss.fanP50[mo] = at(50);
                ss.fanP90[mo] = at(90);
            });
        }
        {
            std::vector<double> sorted = npv;
            radix::sortDoubles(sorted);
            for (int p = 0; p <= 100; ++p)
                ss.npvQuantiles.push_back(percentileOfSorted(sorted, p));
            histogramOfSorted(sorted, 40, ss.npvHistogramEdges, ss.npvHistogramCounts);
        }
        {
            // ROI is undefined (NaN) in a trial without a TCO: counted, not binned.
            std::vector<double> sorted;
            sorted.reserve(n);
            for (double v : roi)
                if (std::isfinite(v))
                    sorted.push_back(v);
            ss.roiUndefined = static_cast<int>(n - sorted.size());
            radix::sortDoubles(sorted); // the same values in the same order as std::sort
            histogramOfSorted(sorted, 40, ss.roiHistogramEdges, ss.roiHistogramCounts);
        }
        // Sensitivity: below, for every series at once.
        out.series.push_back(std::move(ss));
    }
    sensitivities(inputRanks, out);
    return out;
}

void MonteCarloRun::sensitivities(const std::vector<const std::vector<double> *> &inputRanks,
                                  MonteCarloSummary &out) const
{
    // Spearman of each drawn input with each series' NPV: correlation::pearson of their ranks,
    // split so that nothing is computed twice. pearson centres both vectors on their means and
    // sums the products in trial order; the means, the centred values and the sums of squares
    // of an input's ranks are the same for every series, so they are computed once per input
    // (and a series' once), leaving one sum of products per pair, several inputs at a time
    // (independent sums, each in trial order: the same doubles). Series run on two threads.
    const std::size_t n = static_cast<std::size_t>(m_plan->trials());
    const double dn = static_cast<double>(n);
    const std::size_t k = inputRanks.size();
    std::vector<std::size_t> ranked; // inputs with ranks, in order
    for (std::size_t j = 0; j < k; ++j)
        if (inputRanks[j] && !inputRanks[j]->empty())
            ranked.push_back(j);
    const std::size_t r = ranked.size();
    std::vector<double> dx(r * n); // centred ranks, [ranked input][trial]
    std::vector<double> sxx(r, 0.0);
    if (n >= 2) {
        inParallel(r, r * n, [&](std::size_t q) {
            const std::vector<double> &x = *inputRanks[ranked[q]];
            double mx = 0;
            for (std::size_t i = 0; i < n; ++i)
                mx += x[i];
            mx /= dn;
            double *d = &dx[q * n];
            double ss = 0;
            for (std::size_t i = 0; i < n; ++i) {
                d[i] = x[i] - mx;
                ss += d[i] * d[i];
            }
            sxx[q] = ss;
        });
    }
    const std::size_t series = out.series.size();
    auto one = [&](std::size_t s) {
        if (s == 1 && series == 2 && m_series == 2 && sameMetrics(0, 1))
            return; // a lone use case: copied from the portfolio below
        SeriesSummary &ss = out.series[s];
        std::vector<double> rho(r, 0.0);
        if (n >= 2 && r > 0) {
            const std::vector<double> y =
                correlation::ranks(values(static_cast<int>(s), Metric::Npv));
            double my = 0;
            for (std::size_t i = 0; i < n; ++i)
                my += y[i];
            my /= dn;
            std::vector<double> dy(n);
            double syy = 0;
            for (std::size_t i = 0; i < n; ++i) {
                dy[i] = y[i] - my;
                syy += dy[i] * dy[i];
            }
            constexpr std::size_t kLanes = 4;
            std::size_t q = 0;
            for (; q + kLanes <= r; q += kLanes) {
                const double *x0 = &dx[q * n];
                const double *x1 = x0 + n;
                const double *x2 = x1 + n;
                const double *x3 = x2 + n;
                double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
                for (std::size_t i = 0; i < n; ++i) {
                    s0 += x0[i] * dy[i];
                    s1 += x1[i] * dy[i];
                    s2 += x2[i] * dy[i];
                    s3 += x3[i] * dy[i];
                }
                const double sums[kLanes] = {s0, s1, s2, s3};
                for (std::size_t l = 0; l < kLanes; ++l)
                    rho[q + l] =
                        !(sxx[q + l] > 0) || !(syy > 0) ? 0 : sums[l] / std::sqrt(sxx[q + l] * syy);
            }
            for (; q < r; ++q) {
                const double *x0 = &dx[q * n];
                double s0 = 0;
                for (std::size_t i = 0; i < n; ++i)
                    s0 += x0[i] * dy[i];
                rho[q] = !(sxx[q] > 0) || !(syy > 0) ? 0 : s0 / std::sqrt(sxx[q] * syy);
            }
        }
        double total = 0;
        for (std::size_t q = 0; q < r; ++q) {
            ss.sensitivity.push_back({static_cast<int>(ranked[q]), rho[q], rho[q] * rho[q]});
            total += rho[q] * rho[q];
        }
        for (auto &e : ss.sensitivity)
            e.varianceShare = total > 0 ? e.varianceShare / total : 0;
        std::stable_sort(ss.sensitivity.begin(), ss.sensitivity.end(),
                         [](const InputSensitivity &a, const InputSensitivity &b) {
                             return std::abs(a.rankCorrelation) > std::abs(b.rankCorrelation);
                         });
    };
    inParallel(series, series * r * n, one);
    if (series == 2 && m_series == 2 && sameMetrics(0, 1))
        out.series[1].sensitivity = out.series[0].sensitivity;
}

void histogramOfSorted(const std::vector<double> &sorted, int kBins, std::vector<double> &edges,
                       std::vector<double> &counts)
{
    edges.clear();
    counts.clear();
    if (sorted.empty() || kBins < 1)
        return;
    const double lo = sorted.front();
    const double hi = sorted.back() > lo ? sorted.back() : lo + 1;
    for (int b = 0; b <= kBins; ++b)
        edges.push_back(lo + (hi - lo) * b / kBins);
    counts.assign(static_cast<std::size_t>(kBins), 0.0);
    for (double v : sorted) {
        const int b = std::clamp(static_cast<int>((v - lo) / (hi - lo) * kBins), 0, kBins - 1);
        counts[static_cast<std::size_t>(b)] += 1;
    }
}

std::optional<MonteCarloSummary> runMonteCarlo(const Workbook &workbook,
                                               const MonteCarloOptions &options, std::string *error)
{
    MonteCarloPlan plan(workbook, options);
    if (!plan.ok()) {
        if (error)
            *error = plan.error();
        return std::nullopt;
    }
    MonteCarloRun run(plan);
    for (int c = 0; c < plan.chunkCount(); ++c)
        run.add(runChunk(plan, c));
    return run.summary();
}

std::optional<double> p10NpvWithInputFixed(const Workbook &workbook,
                                           const MonteCarloOptions &options,
                                           const FixedInput &fixed, const std::string &useCase,
                                           std::string *error)
{
    MonteCarloOptions o = options;
    o.fixed.push_back(fixed);
    o.keepFan = false;
    const auto summary = runMonteCarlo(workbook, o, error);
    if (!summary)
        return std::nullopt;
    int series = 0;
    if (!useCase.empty()) {
        const int u = workbook.findUseCase(useCase);
        if (u < 0) {
            if (error)
                *error = "no use case named '" + useCase + "'";
            return std::nullopt;
        }
        series = u + 1;
    }
    const Kpi p10 =
        summary->series[static_cast<std::size_t>(series)].stats(Metric::Npv).percentiles[1];
    return p10.value;
}

} // namespace roi
