// Benchmarks of the actuals in the workbook: loading (and saving) a 24-month roll-up over
// 10,000 customers, and the attributed report over it. Run on purpose (label bench):
//   cmake --build build/release --target actuals_bench && build/release/tests/bench/actuals_bench
#include "actuals/actualsimport.h"
#include "actuals/report.h"
#include "actuals/rollup.h"
#include "workbook.h"
#include "workbookfile.h"

#include <benchmark/benchmark.h>

#include <string>

using namespace roi;

namespace {

/// 24 months x 10,000 customers, each customer on one model, feature and team: 240,000 rows.
Workbook bigWorkbook()
{
    Workbook wb = newWorkbook();
    for (const char *name : {"Support assistant", "Lead qualification", "Contract review"})
        wb.useCases.push_back(newUseCase(name, {2025, 1}));
    actuals::RollupBuilder b(wb, 1);
    const char *models[] = {"frontier-large", "frontier-mini", "frontier-large-2026-01-01"};
    const char *features[] = {"support-assistant", "lead-qualification", "contract-review",
                              "search", "summaries"};
    const char *teams[] = {"customer-care", "sales", "legal", "platform"};
    for (int m = 0; m < 24; ++m) {
        for (int c = 0; c < 10'000; ++c) {
            actuals::UsageRecord r;
            r.day = Date{2025 + m / 12, m % 12 + 1, 1 + c % 28};
            r.provider = "OpenAI";
            r.model = models[c % 3];
            r.uncachedInput = 120'000 + 37 * c + 1000 * m;
            r.cacheReadInput = 40'000 + 11 * c;
            r.outputTokens = 30'000 + 7 * c + 100 * m;
            r.requests = 40 + c % 50;
            r.cost = (r.uncachedInput * 2.5 + r.cacheReadInput * 1.25 + r.outputTokens * 10) / 1e6;
            r.costKind = actuals::CostKind::Effective;
            r.keys.customer = "customer-" + std::to_string(c);
            r.keys.feature = features[c % 5];
            r.keys.team = teams[c % 4];
            b.add(r);
        }
    }
    actuals::PendingImport p;
    p.record.id = 1;
    p.record.fileName = "focus-2025-2026.csv.gz";
    p.record.sha256 = std::string(64, 'a');
    p.record.format = "focus";
    p.record.firstDay = Date{2025, 1, 1};
    p.record.lastDay = Date{2026, 12, 28};
    p.table = b.finish();
    wb.actuals = actuals::applyImport(wb.actuals, p, actuals::OverlapChoice::Fail).actuals;
    wb.actuals.rules = {{"Support assistant", "support-*", "", "", "", "", ""},
                        {"Lead qualification", "", "sales", "", "", "", ""},
                        {"Contract review", "contract-review", "", "", "", "", ""}};
    return wb;
}

const Workbook &big()
{
    static const Workbook wb = bigWorkbook();
    return wb;
}

const std::string &bigText()
{
    static const std::string text = writeWorkbook(big()).text;
    return text;
}

void BM_LoadRollup24x10k(benchmark::State &state)
{
    const std::string &text = bigText();
    for (auto _ : state) {
        LoadResult r = readWorkbook(text);
        if (!r.ok())
            state.SkipWithError("the workbook does not load");
        benchmark::DoNotOptimize(r);
    }
    state.counters["rows"] = double(big().actuals.table().rows.size());
    state.counters["file_MB"] = double(text.size()) / 1e6;
}
BENCHMARK(BM_LoadRollup24x10k)->Unit(benchmark::kMillisecond);

void BM_SaveRollup24x10k(benchmark::State &state)
{
    for (auto _ : state) {
        SaveResult r = writeWorkbook(big());
        benchmark::DoNotOptimize(r);
    }
}
BENCHMARK(BM_SaveRollup24x10k)->Unit(benchmark::kMillisecond);

void BM_ReportByUseCase24x10k(benchmark::State &state)
{
    Workbook wb = big();
    wb.actuals.allocation = actuals::AllocationMode::Tokens;
    for (auto _ : state) {
        actuals::Report r = actuals::buildReport(wb, actuals::Dimension::UseCase);
        benchmark::DoNotOptimize(r);
    }
}
BENCHMARK(BM_ReportByUseCase24x10k)->Unit(benchmark::kMillisecond);

void BM_ReportByCustomer24x10k(benchmark::State &state)
{
    for (auto _ : state) {
        actuals::Report r = actuals::buildReport(big(), actuals::Dimension::Customer);
        benchmark::DoNotOptimize(r);
    }
}
BENCHMARK(BM_ReportByCustomer24x10k)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
