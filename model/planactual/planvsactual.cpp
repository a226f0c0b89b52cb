// Plan vs actual, recalibration and the executive numbers from reality (see planvsactual.h).
#include "planvsactual.h"

#include "../format.h"
#include "../workbook.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace roi {

namespace {

Kpi percentOf(double part, double whole)
{
    if (whole == 0)
        return Kpi::none(KpiState::Undefined);
    return Kpi::of(part / whole * 100.0);
}

double at(const std::vector<double> &v, int t)
{
    return t >= 0 && static_cast<std::size_t>(t) < v.size() ? v[static_cast<std::size_t>(t)] : 0;
}

/// Actuals by month (summed when a month comes twice), inside [start, start + months).
std::map<int, ActualMonth> byMonth(const Snapshot &snap, const std::vector<ActualMonth> &actuals)
{
    std::map<int, ActualMonth> out;
    for (const ActualMonth &a : actuals) {
        const int t = snap.startMonth.monthsUntil(a.month);
        if (t < 0 || t >= snap.months)
            continue;
        auto [it, fresh] = out.try_emplace(t, a);
        if (fresh)
            continue;
        ActualMonth &m = it->second;
        m.tokenCost += a.tokenCost;
        m.requests += a.requests;
        m.outcomes += a.outcomes;
        if (a.otherCost)
            m.otherCost = m.otherCost.value_or(0) + *a.otherCost;
        m.uncachedInput += a.uncachedInput;
        m.cacheReadInput += a.cacheReadInput;
        m.cacheWriteInput += a.cacheWriteInput;
        m.outputTokens += a.outputTokens;
    }
    return out;
}

double actualCostOf(const ActualMonth &a, double forecastCost, double forecastTokenCost)
{
    const double other = a.otherCost ? *a.otherCost : forecastCost - forecastTokenCost;
    return a.tokenCost + other;
}

} // namespace

PlanActual planVsActual(const Snapshot &snap, const SnapshotCase &forecast,
                        const std::vector<ActualMonth> &actuals, double tolerance)
{
    PlanActual pa;
    pa.useCase = forecast.name;
    pa.basis = snap.label;
    pa.tolerance = tolerance;
    for (const auto &[t, a] : byMonth(snap, actuals)) {
        PlanActualMonth m;
        m.month = snap.startMonth.addMonths(t);
        m.hasActual = true;
        m.forecastCost = at(forecast.row(SnapshotRow::Cost), t);
        m.forecastTokenCost = at(forecast.row(SnapshotRow::TokenCost), t);
        m.forecastCalls = at(forecast.row(SnapshotRow::Calls), t);
        m.forecastOutcomes = at(forecast.row(SnapshotRow::Outcomes), t);
        m.actualTokenCost = a.tokenCost;
        m.actualCost = actualCostOf(a, m.forecastCost, m.forecastTokenCost);
        m.actualRequests = a.requests;
        m.actualOutcomes = a.outcomes;
        m.variance = m.actualCost - m.forecastCost;
        m.variancePercent = percentOf(m.variance, m.forecastCost);
        // Above the band: more than `tolerance` over a forecast, or any cost against none.
        m.aboveTolerance =
            m.forecastCost > 0 ? m.variance > tolerance * m.forecastCost : m.actualCost > 0;
        pa.forecastTotal += m.forecastCost;
        pa.actualTotal += m.actualCost;
        pa.months.push_back(m);
    }
    pa.varianceTotal = pa.actualTotal - pa.forecastTotal;
    pa.variancePercentTotal = percentOf(pa.varianceTotal, pa.forecastTotal);
    return pa;
}

std::vector<Finding> overrunFindings(const PlanActual &pa, int useCase)
{
    std::vector<Finding> out;
    std::size_t i = 0;
    while (i < pa.months.size()) {
        std::size_t j = i;
        // A run: consecutive calendar months, each above the band.
        while (j < pa.months.size() && pa.months[j].aboveTolerance
               && (j == i || pa.months[j - 1].month.monthsUntil(pa.months[j].month) == 1))
            ++j;
        if (j - i >= 2) {
            Finding f;
            f.severity = Severity::Warning;
            f.code = "actual-above-forecast";
            f.useCase = useCase;
            f.input = "actuals";
            std::string months;
            for (std::size_t k = i; k < j; ++k) {
                if (!months.empty())
                    months += ", ";
                months += pa.months[k].month.toString();
                if (pa.months[k].variancePercent.ok()) {
                    // Appended piece by piece: GCC 12 warns falsely on "+" + ... (PR 105329).
                    months += " +";
                    months += formatNumber(pa.months[k].variancePercent.value, 0);
                    months += '%';
                } else {
                    months += " (no forecast)";
                }
            }
            f.message = pa.useCase + ": actual cost ran above the forecast (" + pa.basis
                        + ") by more than " + formatNumber(pa.tolerance * 100, 0) + "% for "
                        + std::to_string(j - i) + " months in a row: " + months
                        + ". AI bills run over forecast when usage scales with adoption.";
            f.fix = "Recalibrate the use case from its actuals (volume growth, tokens per call, "
                    "adoption) or explain the overrun.";
            out.push_back(std::move(f));
        }
        i = std::max(j, i + 1);
    }
    return out;
}

Recalibrated recalibrate(const Snapshot &snap, const SnapshotCase &live,
                         const std::vector<ActualMonth> &actuals)
{
    Recalibrated r;
    r.series = live;
    r.actualMonth.assign(static_cast<std::size_t>(snap.months), false);
    for (const auto &[t, a] : byMonth(snap, actuals)) {
        const auto k = static_cast<std::size_t>(t);
        auto &cost = r.series.row(SnapshotRow::Cost);
        auto &token = r.series.row(SnapshotRow::TokenCost);
        if (k >= cost.size() || k >= token.size())
            continue;
        cost[k] = actualCostOf(a, cost[k], token[k]);
        token[k] = a.tokenCost;
        if (a.requests > 0)
            r.series.row(SnapshotRow::Calls)[k] = a.requests;
        if (a.outcomes > 0)
            r.series.row(SnapshotRow::Outcomes)[k] = a.outcomes;
        r.series.row(SnapshotRow::Net)[k] = r.series.row(SnapshotRow::Benefit)[k] - cost[k];
        r.actualMonth[k] = true;
        ++r.actualMonths;
        r.lastActual = snap.startMonth.addMonths(t);
    }
    r.tco = r.series.total(SnapshotRow::Cost);
    r.benefit = r.series.total(SnapshotRow::Benefit);
    r.net = r.series.total(SnapshotRow::Net);
    r.roiPercent = percentOf(r.benefit - r.tco, r.tco);
    return r;
}

std::vector<Suggestion> suggestRecalibrations(const SnapshotCase &live, const Snapshot &snap,
                                              const std::vector<ActualMonth> &actuals,
                                              double currentGrowth, double currentAdoption,
                                              int minMonths)
{
    std::vector<Suggestion> out;
    const auto months = byMonth(snap, actuals);
    std::vector<std::pair<int, ActualMonth>> seen;
    for (const auto &[t, a] : months) {
        if (a.requests > 0)
            seen.emplace_back(t, a);
    }
    if (static_cast<int>(seen.size()) < std::max(2, minMonths))
        return out;
    const auto &[t0, first] = seen.front();
    const auto &[t1, last] = seen.back();
    // Observed compound monthly growth of requests between the first and last measured month.
    if (t1 > t0 && first.requests > 0) {
        const double g = std::pow(last.requests / first.requests, 1.0 / (t1 - t0)) - 1.0;
        if (std::abs(g - currentGrowth) > 0.005) {
            Suggestion s;
            s.input = "ramp.volumeGrowth";
            s.current = currentGrowth;
            s.suggested = std::clamp(g, -0.5, 1.0);
            s.evidence = "Requests grew from " + formatNumber(first.requests, 0) + " in "
                         + snap.startMonth.addMonths(t0).toString() + " to "
                         + formatNumber(last.requests, 0) + " in "
                         + snap.startMonth.addMonths(t1).toString() + ": " + formatPercent(g, 1)
                         + " a month, against " + formatPercent(currentGrowth, 1) + " assumed.";
            out.push_back(s);
        }
    }
    // Token cost per call: actual against forecast over the measured months.
    double actualToken = 0, actualCalls = 0, forecastToken = 0, forecastCalls = 0;
    double forecastHandled = 0;
    for (const auto &[t, a] : seen) {
        actualToken += a.tokenCost;
        actualCalls += a.requests;
        forecastToken += at(live.row(SnapshotRow::TokenCost), t);
        forecastCalls += at(live.row(SnapshotRow::Calls), t);
        forecastHandled += at(live.row(SnapshotRow::Handled), t);
    }
    if (actualCalls > 0 && forecastCalls > 0 && forecastToken > 0) {
        const double factor = (actualToken / actualCalls) / (forecastToken / forecastCalls);
        if (std::abs(factor - 1) > 0.05) {
            Suggestion s;
            s.input = "tokensPerCallFactor";
            s.current = 1;
            s.suggested = factor;
            s.evidence = "A call cost " + formatMoney(actualToken / actualCalls, snap.currency, 5)
                         + " in tokens against "
                         + formatMoney(forecastToken / forecastCalls, snap.currency, 5)
                         + " forecast: scale the tokens of every token layer by "
                         + formatNumber(factor, 2) + ".";
            out.push_back(s);
        }
    }
    // Adoption: calls observed against calls forecast, at the assumed adoption.
    if (forecastCalls > 0 && forecastHandled > 0 && currentAdoption > 0) {
        const double ratio = actualCalls / forecastCalls;
        const double adoption = std::clamp(currentAdoption * ratio, 0.0, 1.0);
        if (std::abs(adoption - currentAdoption) > 0.01) {
            Suggestion s;
            s.input = "ramp.steadyAdoption";
            s.current = currentAdoption;
            s.suggested = adoption;
            s.evidence = formatNumber(actualCalls, 0) + " calls were made against "
                         + formatNumber(forecastCalls, 0) + " forecast ("
                         + formatNumber(ratio * 100, 0) + "%): steady adoption "
                         + formatPercent(adoption, 1) + " instead of "
                         + formatPercent(currentAdoption, 1) + ".";
            out.push_back(s);
        }
    }
    return out;
}

ExecutivePeriod executiveNumbers(std::string period, double uncachedInput, double cacheReadInput,
                                 double cacheWriteInput, double outputTokens, double realisedCost,
                                 const PriceEntry &premium)
{
    ExecutivePeriod e;
    e.period = std::move(period);
    const double input = uncachedInput + cacheReadInput + cacheWriteInput;
    e.baselineCost = (input * premium.input + outputTokens * premium.output) / 1e6;
    e.realisedCost = realisedCost;
    e.savingsPercent = percentOf(e.baselineCost - e.realisedCost, e.baselineCost);
    return e;
}

const PriceEntry *premiumModel(const std::vector<PriceEntry> &priceBook)
{
    const PriceEntry *best = nullptr;
    for (const PriceEntry &p : priceBook) {
        if (!best || p.output > best->output || (p.output == best->output && p.input > best->input))
            best = &p;
    }
    return best;
}

std::string isoWeek(Date day)
{
    // ISO 8601: weeks start on Monday; week 1 holds the year's first Thursday.
    const long days = day.daysSinceEpoch();
    const int weekday = static_cast<int>(((days % 7) + 7 + 3) % 7); // 0 = Monday (1970-01-01: Thu)
    const long thursday = days - weekday + 3;
    // The year of that Thursday, then its week number.
    int year = day.year + 1;
    while (Date{year, 1, 1}.daysSinceEpoch() > thursday)
        --year;
    const int week = static_cast<int>((thursday - Date{year, 1, 1}.daysSinceEpoch()) / 7 + 1);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-W%02d", year % 10000, week % 100);
    return buf;
}

} // namespace roi
