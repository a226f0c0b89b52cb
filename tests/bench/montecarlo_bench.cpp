// Monte Carlo benchmarks (issue 10 targets, on this 2-core machine): 100,000 trials of the
// support example <= 100 ms, 10,000 trials of the portfolio <= 300 ms, memory <= 200 MB for
// 100,000 trials x 120 months. Chunks run on two std::threads, as the window and the command
// line run them on a pool of two. The sampling (plan) and the evaluation are timed apart.
#include "analytics/montecarlo.h"
#include "portfolio.h"
#include "workbookfile.h"

#include <benchmark/benchmark.h>

#include <sys/resource.h>

#include <atomic>
#include <cstdio>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>

namespace {

roi::Workbook example(const char *name)
{
    std::ifstream in(std::string(ROI_SOURCE_DIR "/resources/examples/") + name, std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    roi::LoadResult r = roi::readWorkbook(bytes.str());
    if (!r.ok()) {
        std::fprintf(stderr, "roi_bench: cannot load %s\n", name);
        std::exit(1);
    }
    return *r.workbook;
}

roi::MonteCarloSummary runOn(const roi::MonteCarloPlan &plan, int threads)
{
    // Each chunk's result is merged as it completes and dropped, as QtConcurrent's reduce does.
    roi::MonteCarloRun run(plan);
    std::mutex mutex;
    std::atomic<int> next{0};
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) {
        pool.emplace_back([&] {
            for (int c = next++; c < plan.chunkCount(); c = next++) {
                const roi::ChunkResult r = roi::runChunk(plan, c);
                std::lock_guard lock(mutex);
                run.add(r);
            }
        });
    }
    for (auto &th : pool)
        th.join();
    return run.summary();
}

double peakMegabytes()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

void monteCarlo(benchmark::State &state, const char *file, int horizon)
{
    roi::Workbook wb = example(file);
    if (horizon > 0)
        wb.settings.horizonMonths = horizon;
    roi::MonteCarloOptions o = roi::MonteCarloOptions::fromWorkbook(wb);
    o.trials = static_cast<int>(state.range(0));
    o.seed = 1;
    double planMs = 0;
    for (auto _ : state) {
        const auto start = std::chrono::steady_clock::now();
        const roi::MonteCarloPlan plan(wb, o);
        planMs +=
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                .count();
        benchmark::DoNotOptimize(runOn(plan, 2));
    }
    state.counters["plan_ms"] = planMs / static_cast<double>(state.iterations());
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    state.counters["process_cpu_s"] =
        static_cast<double>(usage.ru_utime.tv_sec) + usage.ru_utime.tv_usec / 1e6;
    state.counters["peak_MB"] = peakMegabytes();
    state.counters["inputs"] = static_cast<double>(roi::MonteCarloPlan(wb, o).inputs().size());
}

void BM_MonteCarloSupport(benchmark::State &state)
{
    monteCarlo(state, "support-assistant.roiwb", 0);
}
BENCHMARK(BM_MonteCarloSupport)->Arg(100'000)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_MonteCarloPortfolio(benchmark::State &state)
{
    monteCarlo(state, "portfolio.roiwb", 0);
}
BENCHMARK(BM_MonteCarloPortfolio)->Arg(10'000)->Unit(benchmark::kMillisecond)->UseRealTime();

/// The memory case: 100,000 trials of a 120-month horizon (fan chart kept for every series).
void BM_MonteCarloSupport120Months(benchmark::State &state)
{
    monteCarlo(state, "support-assistant.roiwb", 120);
}
BENCHMARK(BM_MonteCarloSupport120Months)
    ->Arg(100'000)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Iterations(1);

/// What every report of a large portfolio runs: 1,000 trials of the bundled portfolio's use
/// cases copied to 200 over 120 months (the default set-up: about a thousand uncertain inputs,
/// per use case).
void BM_MonteCarloPortfolio200(benchmark::State &state)
{
    const roi::Workbook wb =
        roiscale::scaledPortfolio(roiscale::bundledPortfolio(ROI_SOURCE_DIR), 200, 120);
    roi::MonteCarloOptions o = roi::MonteCarloOptions::fromWorkbook(wb);
    o.trials = static_cast<int>(state.range(0));
    o.seed = 1;
    for (auto _ : state) {
        const roi::MonteCarloPlan plan(wb, o);
        state.counters["inputs"] = static_cast<double>(plan.inputs().size());
        benchmark::DoNotOptimize(runOn(plan, 2));
    }
    state.counters["peak_MB"] = peakMegabytes();
}
BENCHMARK(BM_MonteCarloPortfolio200)->Arg(1000)->Unit(benchmark::kMillisecond)->UseRealTime();

} // namespace
