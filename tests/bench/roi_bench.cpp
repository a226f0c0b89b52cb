// roi_bench: how long the engine takes on the bundled example and on large synthetic portfolios,
// and how long a large workbook takes to load and save. Targets (DESIGN.md: recompute on every
// edit within a 16 ms frame): example < 20 µs, 200 use cases × 120 months < 5 ms, load and
// save of that workbook < 50 ms each. Run: build/release/tests/bench/roi_bench
#include "portfolio.h"
#include "synthetic.h"

#include "engine.h"
#include "workbookfile.h"

#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

namespace {

roi::Workbook example(const char *name)
{
    std::ifstream in(std::string(ROI_SOURCE_DIR "/resources/examples/") + name, std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    roi::LoadResult r = roi::readWorkbook(bytes.str());
    if (!r.ok()) {
        std::fprintf(stderr, "roi_bench: cannot load the %s example\n", name);
        std::exit(1);
    }
    return *r.workbook;
}

roi::Workbook supportExample()
{
    std::ifstream in(ROI_SOURCE_DIR "/resources/examples/support-assistant.roiwb",
                     std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    roi::LoadResult r = roi::readWorkbook(bytes.str());
    if (!r.ok()) {
        std::fprintf(stderr, "roi_bench: cannot load the support-assistant example\n");
        std::exit(1);
    }
    return *r.workbook;
}

/// The generated workbooks must be valid and compute to finite numbers, or the timings are of
/// the wrong thing.
void checkSynthetic(const roi::Workbook &wb)
{
    const auto problems = roi::validateWorkbook(wb);
    if (!problems.empty()) {
        std::fprintf(stderr, "roi_bench: synthetic workbook is invalid: %s\n",
                     problems.front().toString().c_str());
        std::exit(1);
    }
    const roi::Results r = roi::compute(wb);
    for (const auto &c : r.cases) {
        if (!std::isfinite(c.kpis.npv) || !std::isfinite(c.kpis.tco)) {
            std::fprintf(stderr, "roi_bench: synthetic workbook computes to non-finite KPIs\n");
            std::exit(1);
        }
    }
}

void BM_ComputeSupportExample(benchmark::State &state)
{
    const roi::Workbook wb = supportExample();
    for (auto _ : state) {
        roi::Results r = roi::compute(wb);
        benchmark::DoNotOptimize(r);
    }
}
BENCHMARK(BM_ComputeSupportExample)->Unit(benchmark::kMicrosecond);

/// The support example with all six savings levers on its model layer (support-levers.roiwb):
/// what levers add to a recompute.
void BM_ComputeSupportLevers(benchmark::State &state)
{
    const roi::Workbook wb = example("support-levers.roiwb");
    roi::Results r;
    for (auto _ : state) {
        roi::compute(wb, {}, r);
        benchmark::DoNotOptimize(r);
    }
}
BENCHMARK(BM_ComputeSupportLevers)->Unit(benchmark::kMicrosecond);

/// Into the same Results each time: the engine's own work, without allocating the results.
void BM_ComputeSupportExampleReused(benchmark::State &state)
{
    const roi::Workbook wb = supportExample();
    roi::Results r;
    for (auto _ : state) {
        roi::compute(wb, roi::ComputeOptions{}, r);
        benchmark::DoNotOptimize(r);
    }
}
BENCHMARK(BM_ComputeSupportExampleReused)->Unit(benchmark::kMicrosecond);

/// The analytics loop (Monte Carlo, tornado, goal seek): the same buffers, no model checks.
void BM_ComputeSupportExampleAnalytics(benchmark::State &state)
{
    const roi::Workbook wb = supportExample();
    roi::ComputeOptions options;
    options.checks = false;
    roi::Results r;
    for (auto _ : state) {
        roi::compute(wb, options, r);
        benchmark::DoNotOptimize(r);
    }
}
BENCHMARK(BM_ComputeSupportExampleAnalytics)->Unit(benchmark::kMicrosecond);

/// What Monte Carlo, tornado and goal seek call in their loops: Base alone, the lean compute
/// (ComputeOptions::allKpis = false), the same buffers, no checks.
void BM_ComputeSupportExampleLean(benchmark::State &state)
{
    const roi::Workbook wb = supportExample();
    roi::ComputeOptions options;
    options.checks = false;
    options.onlyScenario = 0;
    options.allKpis = false;
    roi::Results r;
    for (auto _ : state) {
        roi::compute(wb, options, r);
        benchmark::DoNotOptimize(r);
    }
}
BENCHMARK(BM_ComputeSupportExampleLean)->Unit(benchmark::kMicrosecond);

void BM_ComputeSynthetic(benchmark::State &state)
{
    const roi::Workbook wb = roibench::syntheticWorkbook(static_cast<int>(state.range(0)),
                                                         static_cast<int>(state.range(1)));
    checkSynthetic(wb);
    for (auto _ : state) {
        roi::Results r = roi::compute(wb);
        benchmark::DoNotOptimize(r);
    }
    state.counters["useCases"] = static_cast<double>(state.range(0));
    state.counters["months"] = static_cast<double>(state.range(1));
}
// Wall time: a large workbook is computed on two threads (engine.cpp), so the calling thread's
// CPU time would count half of it.
BENCHMARK(BM_ComputeSynthetic)
    ->Args({50, 36})
    ->Args({200, 120})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

/// The same into one Results kept across calls. A fresh Results of 200 x 120 is about 20 MB;
/// when glibc hands it back to the kernel on destruction, the next compute faults it in again
/// page by page, which on a virtual machine can cost more than the computation itself.
void BM_ComputeSyntheticReused(benchmark::State &state)
{
    const roi::Workbook wb = roibench::syntheticWorkbook(static_cast<int>(state.range(0)),
                                                         static_cast<int>(state.range(1)));
    roi::Results r;
    for (auto _ : state) {
        roi::compute(wb, roi::ComputeOptions{}, r);
        benchmark::DoNotOptimize(r);
    }
}
BENCHMARK(BM_ComputeSyntheticReused)
    ->Args({50, 36})
    ->Args({200, 120})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

/// Issue 15's figure: the bundled portfolio copied to 200 use cases over 120 months, Base, Best
/// and Worst, into a reused Results (target 1.5 ms), with and without the model checks.
void BM_ComputeScaledPortfolioReused(benchmark::State &state)
{
    const roi::Workbook wb = roiscale::scaledPortfolio(roiscale::bundledPortfolio(ROI_SOURCE_DIR),
                                                       static_cast<int>(state.range(0)), 120);
    roi::ComputeOptions options;
    options.checks = state.range(1) != 0;
    options.onlyScenario = static_cast<int>(state.range(2));
    options.allKpis = state.range(3) == 0;
    roi::Results r;
    for (auto _ : state) {
        roi::compute(wb, options, r);
        benchmark::DoNotOptimize(r);
    }
    state.counters["useCases"] = static_cast<double>(state.range(0));
    state.counters["checks"] = static_cast<double>(state.range(1));
    state.counters["onlyScenario"] = static_cast<double>(state.range(2));
    state.counters["lean"] = static_cast<double>(state.range(3));
}
/// Arguments: use cases, checks, onlyScenario (-1: all three; 0: Base alone, what the window
/// shows first), lean (1: allKpis = false, the compute a report's Monte Carlo of the portfolio
/// runs per trial). Wall time: the engine computes this on two threads.
BENCHMARK(BM_ComputeScaledPortfolioReused)
    ->Args({200, 1, -1, 0})
    ->Args({200, 0, -1, 0})
    ->Args({200, 0, 0, 0})
    ->Args({200, 0, 0, 1})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

void BM_LoadSynthetic(benchmark::State &state)
{
    const roi::Workbook wb = roibench::syntheticWorkbook(static_cast<int>(state.range(0)), 120);
    const std::string text = roi::writeWorkbook(wb).text;
    for (auto _ : state) {
        roi::LoadResult r = roi::readWorkbook(text);
        if (!r.ok())
            state.SkipWithError("the synthetic workbook did not load");
        benchmark::DoNotOptimize(r);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations())
                            * static_cast<std::int64_t>(text.size()));
    state.counters["fileKiB"] = static_cast<double>(text.size()) / 1024.0;
}
BENCHMARK(BM_LoadSynthetic)->Arg(200)->Unit(benchmark::kMillisecond);

void BM_SaveSynthetic(benchmark::State &state)
{
    const roi::Workbook wb = roibench::syntheticWorkbook(static_cast<int>(state.range(0)), 120);
    std::size_t bytes = 0;
    for (auto _ : state) {
        roi::SaveResult r = roi::writeWorkbook(wb);
        if (!r.ok())
            state.SkipWithError("the synthetic workbook did not save");
        bytes = r.text.size();
        benchmark::DoNotOptimize(r);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations())
                            * static_cast<std::int64_t>(bytes));
}
BENCHMARK(BM_SaveSynthetic)->Arg(200)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
