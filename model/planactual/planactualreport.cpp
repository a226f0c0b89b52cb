// Plan vs actual of a whole workbook (see planactualreport.h).
#include "planactualreport.h"

#include "../actuals/report.h"
#include "../format.h"
#include "../workbook.h"
#include "planactualexport.h"

#include <map>

namespace roi {

namespace {

ActualMonth toActual(YearMonth month, const actuals::Measures &m)
{
    ActualMonth a;
    a.month = month;
    a.tokenCost = m.cost;
    a.requests = m.requests;
    a.outcomes = m.outcomes;
    a.uncachedInput = m.uncachedInput;
    a.cacheReadInput = m.cacheReadInput;
    a.cacheWriteInput = m.cacheWriteInput;
    a.outputTokens = m.outputTokens;
    return a;
}

std::string pct(const Kpi &k)
{
    if (!k.ok())
        return "n/a";
    std::string s = k.value >= 0 ? "+" : "";
    s += formatNumber(k.value, 1);
    s += '%';
    return s;
}

} // namespace

PlanActualOptions effectiveOptions(const Workbook &wb, const PlanActualOptions &options)
{
    PlanActualOptions o = options;
    if (o.snapshot.empty())
        o.snapshot = wb.planActual.basis;
    if (!o.tolerance)
        o.tolerance = wb.planActual.tolerance;
    return o;
}

PlanActualReport buildPlanActual(const Workbook &wb, const Results &res,
                                 const PlanActualOptions &given)
{
    const PlanActualOptions options = effectiveOptions(wb, given);
    const double tolerance = *options.tolerance;
    PlanActualReport out;
    out.currency = wb.settings.currency;
    out.tolerance = tolerance;
    if (wb.actuals.isEmpty())
        return out;
    const actuals::UseCaseActuals ua = actuals::actualsByUseCase(wb);
    out.hasActuals = !ua.months.empty();

    // The basis: a named snapshot, the latest one, or the live forecast taken as a snapshot.
    const Snapshot live = takeSnapshot(wb, res, options.scenario, "Live forecast", "", {});
    const Snapshot *basis = nullptr;
    for (const Snapshot &s : wb.snapshots) {
        if (options.snapshot.empty() || s.label == options.snapshot)
            basis = &s; // the last match: the latest snapshot when no label is given
    }
    Snapshot liveLabelled = live;
    liveLabelled.label = "Live forecast (" + live.scenario + ")";
    const Snapshot &snap = basis ? *basis : liveLabelled;
    out.basis = snap.label;
    out.basisTakenBy = snap.takenBy;
    out.basisTakenOn = snap.takenOn;
    out.startMonth = live.startMonth;

    std::vector<ActualMonth> all;
    for (std::size_t u = 0; u < wb.useCases.size() && u < ua.byUseCase.size(); ++u) {
        std::vector<ActualMonth> months;
        for (std::size_t m = 0; m < ua.months.size(); ++m) {
            const actuals::Measures &x = ua.byUseCase[u][m];
            if (x.cost != 0 || x.tokens() != 0 || x.requests != 0)
                months.push_back(toActual(ua.months[m], x));
        }
        const int inSnap = snap.findUseCase(wb.useCases[u].name);
        if (inSnap >= 0 && !months.empty()) {
            PlanActual pa = planVsActual(snap, snap.useCases[static_cast<std::size_t>(inSnap)],
                                         months, tolerance);
            for (Finding &f : overrunFindings(pa, static_cast<int>(u)))
                out.findings.push_back(std::move(f));
            out.useCases.push_back(std::move(pa));
        }
        const int inLive = live.findUseCase(wb.useCases[u].name);
        if (inLive >= 0) {
            const SnapshotCase &lc = live.useCases[static_cast<std::size_t>(inLive)];
            out.recalibrated.push_back(recalibrate(live, lc, months));
            out.suggestions.push_back(suggestRecalibrations(lc, live, months,
                                                            wb.useCases[u].ramp.volumeGrowth,
                                                            wb.useCases[u].ramp.steadyAdoption));
        } else {
            out.recalibrated.emplace_back();
            out.suggestions.emplace_back();
        }
        all.insert(all.end(), months.begin(), months.end());
    }
    for (std::size_t m = 0; m < ua.months.size() && m < ua.unallocated.size(); ++m)
        all.push_back(toActual(ua.months[m], ua.unallocated[m]));
    out.portfolio = planVsActual(snap, snap.portfolio(), all, tolerance);
    for (Finding &f : overrunFindings(out.portfolio, -1))
        out.findings.push_back(std::move(f));

    if (const PriceEntry *premium = premiumModel(wb.priceBook)) {
        out.premiumModel = premium->model;
        for (std::size_t m = 0; m < ua.months.size(); ++m) {
            actuals::Measures sum =
                m < ua.unallocated.size() ? ua.unallocated[m] : actuals::Measures{};
            for (const auto &row : ua.byUseCase)
                sum += row[m];
            out.executive.push_back(executiveNumbers(ua.months[m].toString(), sum.uncachedInput,
                                                     sum.cacheReadInput, sum.cacheWriteInput,
                                                     sum.outputTokens, sum.cost, *premium));
        }
        // By ISO week, where the imports' records carried days (the roll-up's weeks).
        std::map<std::string, actuals::Measures> weeks;
        for (const actuals::WeekRow &w : wb.actuals.table().weeks)
            weeks[w.week] += w.m;
        for (const auto &[week, m] : weeks)
            out.executiveWeekly.push_back(executiveNumbers(week, m.uncachedInput, m.cacheReadInput,
                                                           m.cacheWriteInput, m.outputTokens,
                                                           m.cost, *premium));
    }
    return out;
}

std::string planActualText(const PlanActualReport &r)
{
    std::string out = "Plan vs actual\n";
    if (!r.hasActuals) {
        out += "  No actuals imported.\n";
        return out;
    }
    out += "  Against: " + r.basis + "; tolerance " + formatNumber(r.portfolio.tolerance * 100, 0)
           + "%\n";
    std::vector<std::vector<std::string>> rows = {
        {"Use case", "Month", "Forecast", "Actual", "Variance", "%", "Requests", "Flag"}};
    const auto add = [&](const PlanActual &pa) {
        for (const PlanActualMonth &m : pa.months) {
            rows.push_back({pa.useCase, m.month.toString(), formatMoney(m.forecastCost, r.currency),
                            formatMoney(m.actualCost, r.currency),
                            formatMoney(m.variance, r.currency), pct(m.variancePercent),
                            formatNumber(m.actualRequests, 0), m.aboveTolerance ? "above" : ""});
        }
    };
    for (const PlanActual &pa : r.useCases)
        add(pa);
    add(r.portfolio);
    out += textTable(rows);
    for (const Finding &f : r.findings)
        out += "  ! " + f.message + "\n";
    bool anyRecalibrated = false;
    std::vector<std::vector<std::string>> rc = {
        {"Use case", "Months actual", "TCO", "Benefit", "Net", "ROI"}};
    for (const Recalibrated &c : r.recalibrated) {
        if (c.actualMonths == 0)
            continue;
        anyRecalibrated = true;
        rc.push_back({c.series.name, actualMonthsText(c, r.startMonth),
                      formatMoney(c.tco, r.currency), formatMoney(c.benefit, r.currency),
                      formatMoney(c.net, r.currency),
                      c.roiPercent.ok() ? formatNumber(c.roiPercent.value, 1) + "%" : "n/a"});
    }
    if (anyRecalibrated) {
        out += "  Recalibrated: actual to date + forecast from then on\n";
        out += textTable(rc);
    }
    if (!r.executive.empty()) {
        out += "  Executive numbers (baseline: actual tokens at " + r.premiumModel
               + " prices, no levers)\n";
        std::vector<std::vector<std::string>> ex = {
            {"Month", "Baseline cost", "Realised cost", "Savings"}};
        for (const ExecutivePeriod &e : r.executive)
            ex.push_back({e.period, formatMoney(e.baselineCost, r.currency),
                          formatMoney(e.realisedCost, r.currency), pct(e.savingsPercent)});
        out += textTable(ex);
        if (!r.executiveWeekly.empty()) {
            std::vector<std::vector<std::string>> wk = {
                {"Week", "Baseline cost", "Realised cost", "Savings"}};
            for (const ExecutivePeriod &e : r.executiveWeekly)
                wk.push_back({e.period, formatMoney(e.baselineCost, r.currency),
                              formatMoney(e.realisedCost, r.currency), pct(e.savingsPercent)});
            out += textTable(wk);
        }
    }
    return out;
}

} // namespace roi
