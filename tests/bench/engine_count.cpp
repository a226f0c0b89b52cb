// roi_engine_count: runs one benchmarked workload N times and nothing else, for instruction
// counts under callgrind on a loaded machine, where timings are noise. Two runs, N and 2N, give
// the instructions of N repetitions without the set-up:
//   valgrind --tool=callgrind --callgrind-out-file=/dev/null roi_engine_count WORKLOAD N
// Workloads: support (compute with checks, fresh Results), support-analytics (reused, no
// checks), support-lean (reused, Base alone, allKpis = false: the analytics' loop),
// scaled200 (200 x 120 x 3 reused, no checks), scaled200-base (Base alone), scaled200-lean
// (Base alone, allKpis = false),
// mc-support (1,000 Monte Carlo trials), mc-portfolio (1,000 trials), mc-support-run (a whole
// run of N x 1,000 trials on one thread: plan, trials, summary), tornado20, goalseek.
// With a third argument "time", each repetition is timed alone and the minimum, 10th percentile
// and median wall times are printed: on a machine shared with other work the minimum is the
// repetition that ran without being preempted, the nearest to an idle machine's figure.
#include "portfolio.h"

#include "analytics/goalseek.h"
#include "analytics/montecarlo.h"
#include "analytics/tornado.h"
#include "engine.h"
#include "workbookfile.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
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
        std::fprintf(stderr, "roi_engine_count: cannot load %s\n", name);
        std::exit(1);
    }
    return *r.workbook;
}

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

} // namespace

std::vector<double> g_times; // ms per repetition, when timed

/// Runs `body` n times, timing each run when asked.
void repeat(int n, bool timed, const std::function<void()> &body)
{
    for (int i = 0; i < n; ++i) {
        const auto start = std::chrono::steady_clock::now();
        body();
        if (timed) {
            g_times.push_back(
                std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                    .count());
        }
    }
}

int main(int argc, char **argv)
{
    if (argc < 3 || argc > 4 || (argc == 4 && std::strcmp(argv[3], "time") != 0)) {
        std::fprintf(stderr, "usage: roi_engine_count WORKLOAD N [time]\n");
        return 2;
    }
    const std::string w = argv[1];
    const int n = std::atoi(argv[2]);
    const bool timed = argc == 4;
    double sink = 0;
    if (w == "support" || w == "support-analytics" || w == "support-lean") {
        const roi::Workbook wb = example("support-assistant.roiwb");
        roi::ComputeOptions o;
        o.checks = w == "support";
        if (w == "support-lean") { // what Monte Carlo, tornado and goal seek call in a loop
            o.onlyScenario = 0;
            o.allKpis = false;
        }
        roi::Results reused;
        repeat(n, timed, [&] {
            if (o.checks) {
                const roi::Results r = roi::compute(wb, o);
                sink += r.portfolio[0].kpis.npv;
            } else {
                roi::compute(wb, o, reused);
                sink += reused.portfolio[0].kpis.npv;
            }
        });
    } else if (w == "scaled200" || w == "scaled200-base" || w == "scaled200-lean") {
        const roi::Workbook wb =
            roiscale::scaledPortfolio(roiscale::bundledPortfolio(ROI_SOURCE_DIR), 200, 120);
        roi::ComputeOptions o;
        o.checks = false;
        o.onlyScenario = w == "scaled200" ? -1 : 0;
        o.allKpis = w != "scaled200-lean"; // lean: the reports' Monte Carlo of the portfolio
        roi::Results r;
        repeat(n, timed, [&] {
            roi::compute(wb, o, r);
            sink += r.portfolio[0].kpis.npv;
        });
    } else if (w == "mc-support" || w == "mc-portfolio") {
        const roi::Workbook wb =
            example(w == "mc-support" ? "support-assistant.roiwb" : "portfolio.roiwb");
        roi::MonteCarloOptions o = roi::MonteCarloOptions::fromWorkbook(wb);
        o.trials = 1000 * n;
        o.seed = 1;
        const roi::MonteCarloPlan plan(wb, o);
        int c = 0;
        repeat(plan.chunkCount(), timed, [&] { sink += roi::runChunk(plan, c++).metrics[0]; });
    } else if (w == "mc-support-run") { // plan, N x 1,000 trials and the summary
        const roi::Workbook wb = example("support-assistant.roiwb");
        roi::MonteCarloOptions o = roi::MonteCarloOptions::fromWorkbook(wb);
        o.trials = 1000 * n;
        o.seed = 1;
        repeat(1, timed, [&] { sink += roi::runMonteCarlo(wb, o)->series[0].npvStandardError; });
    } else if (w == "tornado20") {
        const roi::Workbook wb = example("portfolio.roiwb");
        roi::TornadoOptions o;
        o.range = roi::TornadoRange::Percent;
        o.inputs = twentyInputs(wb);
        repeat(n, timed, [&] {
            sink += static_cast<double>(roi::tornado(wb, {-1, 0}, o).bars.size());
        });
    } else if (w == "goalseek") {
        const roi::Workbook wb = example("support-assistant.roiwb");
        const auto in = roi::resolveInput(wb, 0, "ramp.steadyAdoption");
        repeat(n, timed, [&] {
            sink += roi::goalSeek(wb, {{0, 0}, *in, {roi::GoalKind::Roi, 0}}).evaluations;
        });
    } else {
        std::fprintf(stderr, "roi_engine_count: unknown workload %s\n", w.c_str());
        return 2;
    }
    std::printf("%s x %d: %g\n", w.c_str(), n, sink);
    if (timed && !g_times.empty()) {
        std::sort(g_times.begin(), g_times.end());
        std::printf("ms per repetition: min %.4f, p10 %.4f, median %.4f\n", g_times.front(),
                    g_times[g_times.size() / 10], g_times[g_times.size() / 2]);
    }
    return 0;
}
