#include "resultsexport.h"

#include "csvwriter.h"
#include "levers/leverexport.h"

#include <nlohmann/json.hpp>

namespace roi {

using Json = nlohmann::ordered_json;

namespace {

struct KpiColumn
{
    const char *name;
    Kpi Kpis::*member;
};

constexpr KpiColumn kKpiColumns[] = {
    {"roiPercent", &Kpis::roiPercent},
    {"irrAnnual", &Kpis::irrAnnual},
    {"paybackMonth", &Kpis::paybackMonth},
    {"costPerOutcome", &Kpis::costPerOutcome},
    {"costPerInference", &Kpis::costPerInference},
    {"aiGrossMargin", &Kpis::aiGrossMargin},
};

void putKpi(Json &obj, Json &states, const char *name, const Kpi &kpi)
{
    if (kpi.ok()) {
        obj[name] = kpi.value;
    } else {
        obj[name] = nullptr;
        states[name] = std::string(kpiStateName(kpi.state));
    }
}

Json kpisJson(const CaseResult &r)
{
    const Kpis &k = r.kpis;
    Json j;
    Json states = Json::object();
    j["tco"] = k.tco;
    j["hardBenefit"] = k.hardBenefit;
    j["hardBenefitGross"] = k.hardBenefitGross;
    j["riskDiscount"] = k.riskDiscount;
    j["softValue"] = k.softValue;
    j["netValue"] = k.netValue;
    j["revenue"] = k.byTerm[static_cast<std::size_t>(NumeratorTerm::Revenue)];
    j["grossMargin"] = k.byTerm[static_cast<std::size_t>(NumeratorTerm::GrossMargin)];
    j["avoidedCost"] = k.byTerm[static_cast<std::size_t>(NumeratorTerm::AvoidedCost)];
    j["npv"] = k.npv;
    for (const auto &c : kKpiColumns)
        putKpi(j, states, c.name, k.*(c.member));
    // How many monthly rates solve the flows: above 1, irrAnnual is the one nearest zero.
    j["irrCount"] = k.irrCount;
    // Cashable vs capacity and the hurdle rate (issue 16).
    j["cashableValue"] = k.cashableValue;
    j["capacityValue"] = k.capacityValue;
    j["hurdleRate"] = k.hurdleRate;
    j["npvAtHurdle"] = k.npvAtHurdle;
    putKpi(j, states, "irrVsHurdle", k.irrVsHurdle);
    putKpi(j, states, "discountedPaybackMonth", k.discountedPaybackMonth);
    // A year without a value is null here and gets its reason at the same index in
    // states.roiPercentPerYear (null there for the years that have one).
    Json perYear = Json::array();
    Json perYearStates = Json::array();
    bool anyMissing = false;
    for (const Kpi &y : k.roiPerYear) {
        perYear.push_back(y.ok() ? Json(y.value) : Json(nullptr));
        perYearStates.push_back(y.ok() ? Json(nullptr) : Json(std::string(kpiStateName(y.state))));
        anyMissing = anyMissing || !y.ok();
    }
    j["roiPercentPerYear"] = std::move(perYear);
    if (anyMissing)
        states["roiPercentPerYear"] = std::move(perYearStates);
    j["outcomes"] = k.outcomes;
    j["calls"] = k.calls;
    j["tokenCost"] = k.tokenCost;
    j["states"] = std::move(states);
    return j;
}

Json runRateJson(const CaseResult &r, const UseCase *uc)
{
    const RunRate &rr = r.runRate;
    Json j;
    Json states = Json::object();
    j["handledUnits"] = rr.handled;
    j["tco"] = rr.tco;
    j["tokenCost"] = rr.tokenCost;
    putKpi(j, states, "costPerUnit", rr.costPerUnit);
    putKpi(j, states, "invoicePerUnit", rr.invoicePerUnit);
    putKpi(j, states, "costPerOutcome", rr.costPerOutcome);
    j["hardBenefit"] = rr.hardBenefit;
    if (uc) {
        Json layers = Json::object();
        for (std::size_t i = 0; i < uc->layers.size() && i < rr.costByLayer.size(); ++i)
            layers[uc->layers[i].name] = rr.costByLayer[i];
        j["costByLayer"] = std::move(layers);
    }
    j["states"] = std::move(states);
    return j;
}

Json scenarioJson(const Results &res, const CaseResult &r, int scenario, const UseCase *uc)
{
    Json j;
    j["scenario"] = res.scenarios[static_cast<std::size_t>(scenario)];
    j.update(kpisJson(r));
    j["runRate"] = runRateJson(r, uc);
    if (uc) {
        Json first = Json::object();
        for (std::size_t i = 0; i < uc->layers.size(); ++i) {
            first[uc->layers[i].name] = r.months() > 0 ? r.layerCost(static_cast<int>(i))[0] : 0.0;
        }
        j["firstMonthCostByLayer"] = std::move(first);
    }
    return j;
}

bool wanted(int scenario, int filter)
{
    return filter < 0 || scenario == filter;
}

void seriesRows(CsvWriter &csv, const Results &res, const CaseResult &r, const std::string &name,
                int scenario)
{
    for (int m = 0; m < r.months(); ++m) {
        csv.text(name);
        csv.text(res.scenarios[static_cast<std::size_t>(scenario)]);
        csv.number(m + 1);
        csv.text(res.startMonth.addMonths(m).toString());
        for (Row row : {Row::Units, Row::Adoption, Row::Handled, Row::Outcomes, Row::Calls,
                        Row::TokenCost, Row::Cost, Row::HardGross, Row::HardNet, Row::Soft,
                        Row::Benefit, Row::Net, Row::CumulativeNet})
            csv.number(r.row(row)[static_cast<std::size_t>(m)]);
        for (int c = 0; c < kCategoryCount; ++c)
            csv.number(r.categoryCost(static_cast<CostCategory>(c))[static_cast<std::size_t>(m)]);
        // Savings levers: the cost without them and with them (= cost).
        const auto month = static_cast<std::size_t>(m);
        csv.number(r.levers.active ? r.levers.baseline[month] : r.row(Row::Cost)[month]);
        csv.number(r.row(Row::Cost)[month]);
        csv.endRow();
    }
}

void kpiRow(CsvWriter &csv, const Results &res, const CaseResult &r, const std::string &name,
            int scenario)
{
    const Kpis &k = r.kpis;
    csv.text(name);
    csv.text(res.scenarios[static_cast<std::size_t>(scenario)]);
    csv.number(k.tco);
    csv.number(k.hardBenefitGross);
    csv.number(k.riskDiscount);
    csv.number(k.hardBenefit);
    csv.number(k.softValue);
    csv.number(k.npv);
    for (const auto &c : kKpiColumns) {
        const Kpi &kpi = k.*(c.member);
        if (kpi.ok())
            csv.number(kpi.value);
        else
            csv.text(kpiStateName(kpi.state));
    }
    csv.number(r.runRate.tco);
    // Cashable vs capacity value and the figures against the hurdle rate.
    csv.number(k.cashableValue);
    csv.number(k.capacityValue);
    csv.number(k.hurdleRate);
    csv.number(k.npvAtHurdle);
    for (const Kpi *kpi : {&k.discountedPaybackMonth, &k.irrVsHurdle}) {
        if (kpi->ok())
            csv.number(kpi->value);
        else
            csv.text(kpiStateName(kpi->state));
    }
    csv.endRow();
}

} // namespace

std::string_view kpiStateName(KpiState state)
{
    switch (state) {
    case KpiState::Ok:
        return "ok";
    case KpiState::Undefined:
        return "undefined";
    case KpiState::NoSignChange:
        return "noSignChange";
    case KpiState::NotFound:
        return "notFound";
    case KpiState::NeverPaysBack:
        return "neverPaysBack";
    case KpiState::NotApplicable:
        return "notApplicable";
    }
    return "ok";
}

std::string resultsJson(const Workbook &wb, const Results &res, int scenario)
{
    Json j;
    j["workbook"] = wb.settings.name;
    j["currency"] = wb.settings.currency;
    j["startMonth"] = res.startMonth.toString();
    j["horizonMonths"] = res.months;
    Json names = Json::array();
    for (std::size_t s = 0; s < res.scenarios.size(); ++s) {
        if (wanted(static_cast<int>(s), scenario))
            names.push_back(res.scenarios[s]);
    }
    j["scenarios"] = std::move(names);
    Json useCases = Json::array();
    for (int u = 0; u < res.useCaseCount; ++u) {
        const UseCase &uc = wb.useCases[static_cast<std::size_t>(u)];
        Json ju;
        ju["name"] = uc.name;
        Json list = Json::array();
        for (std::size_t s = 0; s < res.scenarios.size(); ++s) {
            if (!wanted(static_cast<int>(s), scenario))
                continue;
            const CaseResult &r = res.at(u, static_cast<int>(s));
            list.push_back(scenarioJson(res, r, static_cast<int>(s), &uc));
            if (r.levers.active)
                list.back()["levers"] = leversJson(wb, r);
        }
        ju["scenarios"] = std::move(list);
        useCases.push_back(std::move(ju));
    }
    j["useCases"] = std::move(useCases);
    Json portfolio = Json::array();
    for (std::size_t s = 0; s < res.portfolio.size(); ++s) {
        if (!wanted(static_cast<int>(s), scenario))
            continue;
        portfolio.push_back(scenarioJson(res, res.portfolio[s], static_cast<int>(s), nullptr));
        if (res.portfolio[s].levers.active)
            portfolio.back()["levers"] = leversJson(wb, res.portfolio[s]);
    }
    j["portfolio"] = std::move(portfolio);
    Json findings = Json::array();
    for (const Finding &f : res.findings) {
        if (!f.scenario.empty() && scenario >= 0
            && f.scenario != res.scenarios[static_cast<std::size_t>(scenario)])
            continue;
        Json jf;
        jf["severity"] = std::string(enumName(f.severity));
        jf["code"] = f.code;
        jf["useCase"] = f.useCase >= 0 ? Json(wb.useCases[static_cast<std::size_t>(f.useCase)].name)
                                       : Json(nullptr);
        if (!f.scenario.empty())
            jf["scenario"] = f.scenario;
        jf["input"] = f.input;
        jf["message"] = f.message;
        jf["fix"] = f.fix;
        findings.push_back(std::move(jf));
    }
    j["findings"] = std::move(findings);
    return j.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

namespace {

void seriesCsvInto(CsvWriter &csv, const Workbook &wb, const Results &res, int scenario)
{
    for (const char *h :
         {"useCase", "scenario", "month", "period", "units", "adoption", "handledUnits", "outcomes",
          "calls", "tokenCost", "cost", "hardBenefitGross", "hardBenefit", "softValue", "benefit",
          "net", "cumulativeNet"})
        csv.text(h);
    for (int c = 0; c < kCategoryCount; ++c)
        csv.text("cost." + std::string(enumName(static_cast<CostCategory>(c))));
    csv.text("baselineCost");
    csv.text("optimisedCost");
    csv.endRow();
    for (int u = 0; u < res.useCaseCount; ++u) {
        for (std::size_t s = 0; s < res.scenarios.size(); ++s) {
            if (wanted(static_cast<int>(s), scenario))
                seriesRows(csv, res, res.at(u, static_cast<int>(s)),
                           wb.useCases[static_cast<std::size_t>(u)].name, static_cast<int>(s));
        }
    }
    for (std::size_t s = 0; s < res.portfolio.size(); ++s) {
        if (wanted(static_cast<int>(s), scenario))
            seriesRows(csv, res, res.portfolio[s], "(portfolio)", static_cast<int>(s));
    }
}

} // namespace

std::string seriesCsv(const Workbook &wb, const Results &res, int scenario)
{
    CsvWriter csv;
    seriesCsvInto(csv, wb, res, scenario);
    return csv.str();
}

void writeSeriesCsv(std::ostream &out, const Workbook &wb, const Results &res, int scenario)
{
    CsvWriter csv(&out);
    seriesCsvInto(csv, wb, res, scenario);
    csv.flush();
}

std::string detailCsv(const Workbook &wb, const Results &res, int scenario)
{
    CsvWriter csv;
    for (const char *h : {"useCase", "scenario", "series", "name", "month", "period", "value"})
        csv.text(h);
    csv.endRow();
    auto rows = [&](const std::string &useCase, const std::string &scenarioName, const char *series,
                    const std::string &name, std::span<const double> values) {
        for (std::size_t m = 0; m < values.size(); ++m) {
            csv.text(useCase);
            csv.text(scenarioName);
            csv.text(series);
            csv.text(name);
            csv.number(static_cast<double>(m + 1));
            csv.text(res.startMonth.addMonths(static_cast<int>(m)).toString());
            csv.number(values[m]);
            csv.endRow();
        }
    };
    for (int u = 0; u < res.useCaseCount; ++u) {
        const UseCase &uc = wb.useCases[static_cast<std::size_t>(u)];
        for (std::size_t s = 0; s < res.scenarios.size(); ++s) {
            if (!wanted(static_cast<int>(s), scenario))
                continue;
            const CaseResult &r = res.at(u, static_cast<int>(s));
            for (int i = 0; i < static_cast<int>(uc.layers.size()); ++i)
                rows(uc.name, res.scenarios[s], "layerCost",
                     uc.layers[static_cast<std::size_t>(i)].name, r.layerCost(i));
            for (int i = 0; i < static_cast<int>(uc.drivers.size()); ++i) {
                const std::string &name = uc.drivers[static_cast<std::size_t>(i)].name;
                rows(uc.name, res.scenarios[s], "driverGross", name, r.driverGross(i));
                rows(uc.name, res.scenarios[s], "driverNet", name, r.driverNet(i));
            }
            for (const LeverLine &line : r.levers.lines)
                rows(uc.name, res.scenarios[s], "leverNetSaving",
                     uc.layers[static_cast<std::size_t>(line.layer)].name + " / "
                         + std::string(leverLabel(line.kind)),
                     line.net);
        }
    }
    return csv.str();
}

std::string kpiCsv(const Workbook &wb, const Results &res, int scenario)
{
    CsvWriter csv;
    for (const char *h : {"useCase", "scenario", "tco", "hardBenefitGross", "riskDiscount",
                          "hardBenefit", "softValue", "npv"})
        csv.text(h);
    for (const auto &c : kKpiColumns)
        csv.text(c.name);
    csv.text("runRateTcoPerMonth");
    for (const char *h : {"cashableValue", "capacityValue", "hurdleRate", "npvAtHurdle",
                          "discountedPaybackMonth", "irrVsHurdle"})
        csv.text(h);
    csv.endRow();
    for (int u = 0; u < res.useCaseCount; ++u) {
        for (std::size_t s = 0; s < res.scenarios.size(); ++s) {
            if (wanted(static_cast<int>(s), scenario))
                kpiRow(csv, res, res.at(u, static_cast<int>(s)),
                       wb.useCases[static_cast<std::size_t>(u)].name, static_cast<int>(s));
        }
    }
    for (std::size_t s = 0; s < res.portfolio.size(); ++s) {
        if (wanted(static_cast<int>(s), scenario))
            kpiRow(csv, res, res.portfolio[s], "(portfolio)", static_cast<int>(s));
    }
    return csv.str();
}

} // namespace roi
