// The projection engine: a pure function from a workbook to its results. No hidden state, no
// caches; analytics call it many times, so it allocates only the result buffers.
#pragma once

#include "calendar.h"
#include "results.h"
#include "workbook.h"

namespace roi {

struct ComputeOptions
{
    /// The day checks measure ages against (price quotes older than 6 months). Null: the first
    /// day of the workbook's start month, which keeps the result a function of the workbook.
    Date today;
    /// Run the model checks (red flags). Analytics that call compute in a loop turn them off.
    bool checks = true;
    /// -1: every scenario. Else only this scenario is computed (its use cases and portfolio,
    /// bit for bit as in a full compute); the other scenarios' results are left empty (no
    /// months) and the model checks, which compare scenarios, are not run. For a caller that
    /// shows one scenario and wants it first (the window), or analytics on one scenario.
    int onlyScenario = -1;
    /// false: the lean compute analytics run in a loop (Monte Carlo, tornado, goal seek). Every
    /// monthly row the KPIs below come from and the KPIs tco, hard benefit (gross and net), soft
    /// and headline value, net value, the totals of units, handled, outcomes, calls, token cost,
    /// cashable and capacity value, ROI %, NPV, payback month and cost per outcome are computed
    /// bit for bit as in the full compute; the rest (IRR, the hurdle KPIs, ROI per year, cost
    /// per inference, AI gross margin, value by numerator term, the run rate, lever summaries,
    /// cost by category and, for the portfolio, every row but Net and CumulativeNet) is not
    /// computed: left default, zero or as the reused Results held it.
    bool allKpis = true;
};

Results compute(const Workbook &workbook, const ComputeOptions &options = {});

/// Same, reusing the buffers of `out` (for analytics that call the engine in a loop).
void compute(const Workbook &workbook, const ComputeOptions &options, Results &out);

} // namespace roi
