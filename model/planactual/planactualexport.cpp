// Plan vs actual as CSV and JSON (see planactualexport.h).
#include "planactualexport.h"

#include "../csvwriter.h"

#include <nlohmann/json.hpp>

namespace roi {

namespace {

void kpiCell(CsvWriter &w, const Kpi &k)
{
    if (k.ok())
        w.number(k.value);
    else
        w.text("");
}

nlohmann::json kpiJson(const Kpi &k)
{
    return k.ok() ? nlohmann::json(k.value) : nlohmann::json(nullptr);
}

void monthRows(CsvWriter &w, const PlanActual &pa)
{
    for (const PlanActualMonth &m : pa.months) {
        w.text(pa.useCase);
        w.text(m.month.toString());
        w.number(m.forecastCost);
        w.number(m.actualCost);
        w.number(m.variance);
        kpiCell(w, m.variancePercent);
        w.number(m.forecastTokenCost);
        w.number(m.actualTokenCost);
        w.number(m.forecastCalls);
        w.number(m.actualRequests);
        w.number(m.forecastOutcomes);
        w.number(m.actualOutcomes);
        w.text(m.aboveTolerance ? "yes" : "no");
        w.endRow();
    }
}

nlohmann::json planJson(const PlanActual &pa)
{
    nlohmann::json months = nlohmann::json::array();
    for (const PlanActualMonth &m : pa.months) {
        months.push_back({{"month", m.month.toString()},
                          {"forecastCost", m.forecastCost},
                          {"actualCost", m.actualCost},
                          {"variance", m.variance},
                          {"variancePercent", kpiJson(m.variancePercent)},
                          {"forecastTokenCost", m.forecastTokenCost},
                          {"actualTokenCost", m.actualTokenCost},
                          {"forecastCalls", m.forecastCalls},
                          {"actualRequests", m.actualRequests},
                          {"forecastOutcomes", m.forecastOutcomes},
                          {"actualOutcomes", m.actualOutcomes},
                          {"aboveTolerance", m.aboveTolerance}});
    }
    return {{"useCase", pa.useCase},
            {"forecastTotal", pa.forecastTotal},
            {"actualTotal", pa.actualTotal},
            {"varianceTotal", pa.varianceTotal},
            {"variancePercentTotal", kpiJson(pa.variancePercentTotal)},
            {"months", std::move(months)}};
}

void executiveRows(CsvWriter &w, const std::vector<ExecutivePeriod> &periods, const char *kind)
{
    for (const ExecutivePeriod &e : periods) {
        w.text(kind);
        w.text(e.period);
        w.number(e.baselineCost);
        w.number(e.realisedCost);
        kpiCell(w, e.savingsPercent);
        w.endRow();
    }
}

nlohmann::json executiveJson(const std::vector<ExecutivePeriod> &periods)
{
    nlohmann::json out = nlohmann::json::array();
    for (const ExecutivePeriod &e : periods)
        out.push_back({{"period", e.period},
                       {"baselineCost", e.baselineCost},
                       {"realisedCost", e.realisedCost},
                       {"savingsPercent", kpiJson(e.savingsPercent)}});
    return out;
}

} // namespace

std::string actualMonthsText(const Recalibrated &r, YearMonth start)
{
    // Runs of consecutive actual months: "2026-01 to 2026-03, 2026-05".
    std::string out;
    const int n = static_cast<int>(r.actualMonth.size());
    for (int t = 0; t < n;) {
        if (!r.actualMonth[static_cast<std::size_t>(t)]) {
            ++t;
            continue;
        }
        int end = t;
        while (end + 1 < n && r.actualMonth[static_cast<std::size_t>(end + 1)])
            ++end;
        if (!out.empty())
            out += ", ";
        out += start.addMonths(t).toString();
        if (end > t)
            out += (end == t + 1 ? ", " : " to ") + start.addMonths(end).toString();
        t = end + 1;
    }
    return out;
}

std::string planActualMonthsCsv(const PlanActualReport &r)
{
    CsvWriter w;
    for (const char *h :
         {"use_case", "month", "forecast_cost", "actual_cost", "variance", "variance_percent",
          "forecast_token_cost", "actual_token_cost", "forecast_calls", "actual_requests",
          "forecast_outcomes", "actual_outcomes", "above_tolerance"})
        w.text(h);
    w.endRow();
    for (const PlanActual &pa : r.useCases)
        monthRows(w, pa);
    if (r.hasActuals)
        monthRows(w, r.portfolio);
    return w.str();
}

std::string planActualRecalibratedCsv(const PlanActualReport &r)
{
    CsvWriter w;
    for (const char *h : {"use_case", "actual_months", "months_actual", "last_actual_month", "tco",
                          "benefit", "net", "roi_percent"})
        w.text(h);
    w.endRow();
    for (const Recalibrated &rc : r.recalibrated) {
        w.text(rc.series.name);
        w.number(rc.actualMonths);
        w.text(actualMonthsText(rc, r.startMonth));
        w.text(rc.actualMonths > 0 ? rc.lastActual.toString() : std::string());
        w.number(rc.tco);
        w.number(rc.benefit);
        w.number(rc.net);
        kpiCell(w, rc.roiPercent);
        w.endRow();
    }
    return w.str();
}

std::string planActualExecutiveCsv(const PlanActualReport &r)
{
    CsvWriter w;
    for (const char *h :
         {"granularity", "period", "baseline_cost", "realised_cost", "savings_percent"})
        w.text(h);
    w.endRow();
    executiveRows(w, r.executive, "month");
    executiveRows(w, r.executiveWeekly, "week");
    return w.str();
}

nlohmann::json planActualJson(const PlanActualReport &r)
{
    nlohmann::json out = {{"hasActuals", r.hasActuals},
                          {"basis", r.basis},
                          {"currency", r.currency},
                          {"tolerance", r.portfolio.tolerance}};
    nlohmann::json cases = nlohmann::json::array();
    for (const PlanActual &pa : r.useCases)
        cases.push_back(planJson(pa));
    out["useCases"] = std::move(cases);
    out["portfolio"] = planJson(r.portfolio);
    nlohmann::json recal = nlohmann::json::array();
    for (const Recalibrated &rc : r.recalibrated)
        recal.push_back({{"useCase", rc.series.name},
                         {"actualMonths", rc.actualMonths},
                         {"monthsActual", actualMonthsText(rc, r.startMonth)},
                         {"tco", rc.tco},
                         {"benefit", rc.benefit},
                         {"net", rc.net},
                         {"roiPercent", kpiJson(rc.roiPercent)}});
    out["recalibrated"] = std::move(recal);
    nlohmann::json findings = nlohmann::json::array();
    for (const Finding &f : r.findings)
        findings.push_back({{"code", f.code}, {"useCase", f.useCase}, {"message", f.message}});
    out["findings"] = std::move(findings);
    out["premiumModel"] = r.premiumModel;
    out["executive"] = executiveJson(r.executive);
    out["executiveWeekly"] = executiveJson(r.executiveWeekly);
    return out;
}

} // namespace roi
