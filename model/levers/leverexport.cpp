#include "leverexport.h"

#include "csvwriter.h"
#include "format.h"
#include "resultsexport.h"

namespace roi {

namespace {

using Json = nlohmann::ordered_json;

bool wanted(int scenario, int filter)
{
    return filter < 0 || scenario == filter;
}

std::string layerName(const Workbook &wb, const LeverLine &line)
{
    if (line.useCase < 0 || static_cast<std::size_t>(line.useCase) >= wb.useCases.size())
        return {};
    const auto &layers = wb.useCases[static_cast<std::size_t>(line.useCase)].layers;
    return static_cast<std::size_t>(line.layer) < layers.size()
               ? layers[static_cast<std::size_t>(line.layer)].name
               : std::string();
}

} // namespace

std::string leverBlockText(const Workbook &wb, const CaseResult &r, const std::string &title,
                           bool portfolio)
{
    std::string out;
    const std::string &cur = wb.settings.currency;
    const LeverSummary s = leverSummary(r);
    out += title + "\n";
    out += "  " + leverHeadline(s, cur) + "\n";
    out += "  Steady month: " + formatMoney(s.steadyBaseline, cur) + " -> "
           + formatMoney(s.steadyOptimised, cur) + " ("
           + formatKpi(s.steadySavingsPercent, KpiFormat::Percent, cur) + " saved)\n";
    if (!r.levers.active) {
        out += "  No lever is enabled.\n";
        return out;
    }
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> header = {"Layer", "Lever", "Saving", "Cost", "Net", "Payback", "ROI"};
    if (portfolio)
        header.insert(header.begin(), "Use case");
    rows.push_back(header);
    for (const LeverTableRow &t : leverTable(wb, r, portfolio)) {
        std::vector<std::string> row = {t.layer, t.lever,   t.saving, t.cost,
                                        t.net,   t.payback, t.roi};
        if (portfolio)
            row.insert(row.begin(), t.useCase);
        rows.push_back(std::move(row));
    }
    std::vector<std::size_t> widths(rows[0].size(), 0);
    auto length = [](const std::string &s) {
        std::size_t n = 0;
        for (unsigned char c : s)
            n += (c & 0xC0) != 0x80 ? 1 : 0;
        return n;
    };
    for (const auto &row : rows) {
        for (std::size_t c = 0; c < row.size(); ++c)
            widths[c] = std::max(widths[c], length(row[c]));
    }
    const std::size_t textColumns = portfolio ? 3 : 2;
    for (const auto &row : rows) {
        std::string line = "  ";
        for (std::size_t c = 0; c < row.size(); ++c) {
            const std::string fill(widths[c] - length(row[c]), ' ');
            if (c > 0)
                line += "  ";
            line += c < textColumns ? row[c] + fill : fill + row[c];
        }
        while (!line.empty() && line.back() == ' ')
            line.pop_back();
        out += line + "\n";
    }
    return out;
}

std::vector<LeverTableRow> leverTable(const Workbook &wb, const CaseResult &r, bool withUseCase)
{
    const std::string &cur = wb.settings.currency;
    std::vector<LeverTableRow> rows;
    for (const LeverLine &line : r.levers.lines) {
        LeverTableRow t;
        if (withUseCase && line.useCase >= 0
            && static_cast<std::size_t>(line.useCase) < wb.useCases.size())
            t.useCase = wb.useCases[static_cast<std::size_t>(line.useCase)].name;
        t.layer = layerName(wb, line);
        t.lever = std::string(leverLabel(line.kind));
        t.saving = formatMoney(line.grossTotal, cur);
        t.cost = formatMoney(line.costTotal, cur);
        t.net = formatMoney(line.netTotal, cur);
        t.payback = formatKpi(leverPayback(line), KpiFormat::Month, cur);
        t.roi = formatKpi(leverRoi(line), KpiFormat::Percent, cur);
        rows.push_back(std::move(t));
    }
    return rows;
}

std::string leverHeadline(const LeverSummary &s, const std::string &cur)
{
    return "Baseline cost " + formatMoney(s.baseline, cur) + "  |  optimised cost "
           + formatMoney(s.optimised, cur) + "  |  savings "
           + formatKpi(s.savingsPercent, KpiFormat::Percent, cur);
}

Json leversJson(const Workbook &wb, const CaseResult &r)
{
    const LeverSummary s = leverSummary(r);
    auto kpi = [](const Kpi &k) {
        return k.ok() ? Json(k.value) : Json(nullptr);
    };
    Json j;
    j["baseline"] = s.baseline;
    j["optimised"] = s.optimised;
    j["saving"] = s.saving();
    j["savingsPercent"] = kpi(s.savingsPercent);
    j["savingsState"] = std::string(kpiStateName(s.savingsPercent.state));
    Json steady;
    steady["baseline"] = s.steadyBaseline;
    steady["optimised"] = s.steadyOptimised;
    steady["savingsPercent"] = kpi(s.steadySavingsPercent);
    j["steadyMonth"] = std::move(steady);
    Json lines = Json::array();
    for (const LeverLine &line : r.levers.lines) {
        Json l;
        if (line.useCase >= 0 && static_cast<std::size_t>(line.useCase) < wb.useCases.size())
            l["useCase"] = wb.useCases[static_cast<std::size_t>(line.useCase)].name;
        l["layer"] = layerName(wb, line);
        l["lever"] = std::string(leverKey(line.kind));
        l["saving"] = line.grossTotal;
        l["cost"] = line.costTotal;
        l["net"] = line.netTotal;
        l["paybackMonth"] = kpi(leverPayback(line));
        l["paybackState"] = std::string(kpiStateName(leverPayback(line).state));
        l["roiPercent"] = kpi(leverRoi(line));
        l["roiState"] = std::string(kpiStateName(leverRoi(line).state));
        l["steadyNet"] = line.steadyNet;
        lines.push_back(std::move(l));
    }
    j["levers"] = std::move(lines);
    return j;
}

std::string leversText(const Workbook &wb, const Results &res, int scenario)
{
    std::string out = wb.settings.name + " — savings levers, " + std::to_string(res.months)
                      + " months from " + res.startMonth.toString() + "\n";
    for (int u = 0; u < res.useCaseCount; ++u) {
        const UseCase &uc = wb.useCases[static_cast<std::size_t>(u)];
        for (std::size_t s = 0; s < res.scenarios.size(); ++s) {
            if (!wanted(static_cast<int>(s), scenario))
                continue;
            out += "\n";
            out += leverBlockText(wb, res.at(u, static_cast<int>(s)),
                                  uc.name + " (" + res.scenarios[s] + ")", false);
        }
    }
    if (res.useCaseCount > 1) {
        for (std::size_t s = 0; s < res.portfolio.size(); ++s) {
            if (wanted(static_cast<int>(s), scenario)) {
                out += "\n";
                out += leverBlockText(wb, res.portfolio[s], "Portfolio (" + res.scenarios[s] + ")",
                                      true);
            }
        }
    }
    return out;
}

std::string leversJsonText(const Workbook &wb, const Results &res, int scenario)
{
    Json j;
    j["workbook"] = wb.settings.name;
    j["currency"] = wb.settings.currency;
    Json list = Json::array();
    for (int u = 0; u < res.useCaseCount; ++u) {
        const UseCase &uc = wb.useCases[static_cast<std::size_t>(u)];
        for (std::size_t s = 0; s < res.scenarios.size(); ++s) {
            if (!wanted(static_cast<int>(s), scenario))
                continue;
            Json e;
            e["useCase"] = uc.name;
            e["scenario"] = res.scenarios[s];
            e.update(leversJson(wb, res.at(u, static_cast<int>(s))));
            list.push_back(std::move(e));
        }
    }
    j["useCases"] = std::move(list);
    Json portfolio = Json::array();
    for (std::size_t s = 0; s < res.portfolio.size(); ++s) {
        if (!wanted(static_cast<int>(s), scenario))
            continue;
        Json e;
        e["scenario"] = res.scenarios[s];
        e.update(leversJson(wb, res.portfolio[s]));
        portfolio.push_back(std::move(e));
    }
    j["portfolio"] = std::move(portfolio);
    return j.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

std::string leversCsv(const Workbook &wb, const Results &res, int scenario)
{
    CsvWriter csv;
    for (const char *h :
         {"useCase", "scenario", "layer", "lever", "baselineCost", "optimisedCost",
          "savingsPercent", "saving", "leverCost", "netSaving", "paybackMonth", "roiPercent"})
        csv.text(h);
    csv.endRow();
    auto kpi = [&](const Kpi &k) {
        if (k.ok())
            csv.number(k.value);
        else
            csv.text(kpiStateName(k.state));
    };
    for (int u = 0; u < res.useCaseCount; ++u) {
        const UseCase &uc = wb.useCases[static_cast<std::size_t>(u)];
        for (std::size_t s = 0; s < res.scenarios.size(); ++s) {
            if (!wanted(static_cast<int>(s), scenario))
                continue;
            const CaseResult &r = res.at(u, static_cast<int>(s));
            const LeverSummary sum = leverSummary(r);
            csv.text(uc.name);
            csv.text(res.scenarios[s]);
            csv.text("");
            csv.text("(all levers)");
            csv.number(sum.baseline);
            csv.number(sum.optimised);
            kpi(sum.savingsPercent);
            csv.text("");
            csv.text("");
            csv.number(sum.saving());
            csv.text("");
            csv.text("");
            csv.endRow();
            for (const LeverLine &line : r.levers.lines) {
                csv.text(uc.name);
                csv.text(res.scenarios[s]);
                csv.text(uc.layers[static_cast<std::size_t>(line.layer)].name);
                csv.text(leverLabel(line.kind));
                csv.text("");
                csv.text("");
                csv.text("");
                csv.number(line.grossTotal);
                csv.number(line.costTotal);
                csv.number(line.netTotal);
                kpi(leverPayback(line));
                kpi(leverRoi(line));
                csv.endRow();
            }
        }
    }
    return csv.str();
}

} // namespace roi
