// Benchmarks of sensitivity and goal seek (model/analytics): a tornado of 20 inputs on the
// bundled portfolio (target ≤ 20 ms) and goal seek (target ≤ 5 ms). Part of roi_bench.
#include "analytics/goalseek.h"
#include "analytics/tornado.h"
#include "portfolio.h"
#include "workbookfile.h"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace {

roi::Workbook example(const char *name)
{
    std::ifstream in(std::string(ROI_SOURCE_DIR) + "/resources/examples/" + name, std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    roi::LoadResult r = roi::readWorkbook(bytes.str());
    if (!r.ok()) {
        std::fprintf(stderr, "sensitivity bench: cannot load %s\n", name);
        std::exit(1);
    }
    return *r.workbook;
}

/// 20 inputs of the portfolio: the ones Worst and Best move first, then others with a value.
std::vector<roi::VariedInput> twentyInputs(const roi::Workbook &wb)
{
    auto inputs = roi::sensitivityInputs(wb, {-1, 0}, roi::InputSet::Scenarios);
    for (const auto &in : roi::sensitivityInputs(wb, {-1, 0}, roi::InputSet::All)) {
        if (inputs.size() >= 20)
            break;
        if (std::find(inputs.begin(), inputs.end(), in) == inputs.end()
            && roi::storedValue(wb, in).value_or(0) != 0)
            inputs.push_back(in);
    }
    inputs.resize(std::min<std::size_t>(inputs.size(), 20));
    return inputs;
}

void BM_TornadoPortfolio20(benchmark::State &state)
{
    const roi::Workbook wb = example("portfolio.roiwb");
    roi::TornadoOptions o;
    o.range = roi::TornadoRange::Percent;
    o.inputs = twentyInputs(wb);
    state.counters["inputs"] = static_cast<double>(o.inputs.size());
    for (auto _ : state) {
        roi::TornadoResult t = roi::tornado(wb, {-1, 0}, o);
        benchmark::DoNotOptimize(t);
    }
}
BENCHMARK(BM_TornadoPortfolio20)->Unit(benchmark::kMillisecond);

void BM_TornadoPortfolioWorstBest(benchmark::State &state)
{
    const roi::Workbook wb = example("portfolio.roiwb");
    for (auto _ : state) {
        roi::TornadoResult t = roi::tornado(wb, {-1, 0});
        state.counters["inputs"] = static_cast<double>(t.bars.size());
        benchmark::DoNotOptimize(t);
    }
}
BENCHMARK(BM_TornadoPortfolioWorstBest)->Unit(benchmark::kMillisecond);

/// The tornado every report of a large portfolio runs: the bundled portfolio's use cases copied
/// to 200 over 120 months, each input the Worst and Best scenarios move (about a thousand, per use
/// case) set to its Worst and its Best value. A probe of one use case's input recomputes that use
/// case alone and adds the portfolio up again from the other cases' stored results.
void BM_TornadoPortfolio200(benchmark::State &state)
{
    const roi::Workbook wb =
        roiscale::scaledPortfolio(roiscale::bundledPortfolio(ROI_SOURCE_DIR), 200, 120);
    for (auto _ : state) {
        roi::TornadoResult t = roi::tornado(wb, {-1, 0});
        state.counters["inputs"] = static_cast<double>(t.bars.size());
        state.counters["evaluations"] = t.evaluations;
        benchmark::DoNotOptimize(t);
    }
}
BENCHMARK(BM_TornadoPortfolio200)->Unit(benchmark::kMillisecond)->UseRealTime();

/// Goal seek on one use case's input of the 200-use-case portfolio (the portfolio's NPV = 0).
void BM_GoalSeekPortfolio200Adoption(benchmark::State &state)
{
    const roi::Workbook wb =
        roiscale::scaledPortfolio(roiscale::bundledPortfolio(ROI_SOURCE_DIR), 200, 120);
    const auto in = roi::resolveInput(wb, 0, "ramp.steadyAdoption");
    if (!in) {
        state.SkipWithError("no such input");
        return;
    }
    int evaluations = 0;
    for (auto _ : state) {
        roi::GoalSeekResult r = roi::goalSeek(wb, {{-1, 0}, *in, {roi::GoalKind::Npv, 0}});
        evaluations = r.evaluations;
        benchmark::DoNotOptimize(r);
    }
    state.counters["evaluations"] = evaluations;
}
BENCHMARK(BM_GoalSeekPortfolio200Adoption)->Unit(benchmark::kMillisecond)->UseRealTime();

void goalSeek(benchmark::State &state, const char *file, int useCase, const char *input,
              roi::Goal goal)
{
    const roi::Workbook wb = example(file);
    const auto in = roi::resolveInput(wb, useCase, input);
    if (!in) {
        state.SkipWithError("no such input");
        return;
    }
    int evaluations = 0;
    for (auto _ : state) {
        roi::GoalSeekResult r = roi::goalSeek(wb, {{useCase, 0}, *in, goal});
        evaluations = r.evaluations;
        benchmark::DoNotOptimize(r);
    }
    state.counters["evaluations"] = evaluations;
}

void BM_GoalSeekSupportAdoption(benchmark::State &state)
{
    goalSeek(state, "support-assistant.roiwb", 0, "ramp.steadyAdoption", {roi::GoalKind::Roi, 0});
}
BENCHMARK(BM_GoalSeekSupportAdoption)->Unit(benchmark::kMillisecond);

void BM_GoalSeekPortfolioOutputPrice(benchmark::State &state)
{
    goalSeek(state, "portfolio.roiwb", -1, "prices[0].output", {roi::GoalKind::Npv, 0});
}
BENCHMARK(BM_GoalSeekPortfolioOutputPrice)->Unit(benchmark::kMillisecond);

} // namespace
