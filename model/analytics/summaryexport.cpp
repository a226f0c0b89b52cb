#include "summaryexport.h"

#include "../csvwriter.h"
#include "../format.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>

namespace roi {

using Json = nlohmann::json;

namespace {

constexpr const char *kMetricKeys[] = {"npv", "roiPercent", "tco", "hardBenefit", "paybackMonth"};

Json kpiJson(const Kpi &k)
{
    if (k.ok() && std::isfinite(k.value))
        return k.value;
    return std::string(kpiStateText(k.state));
}

} // namespace

std::string_view metricLabel(Metric metric)
{
    switch (metric) {
    case Metric::Npv:
        return "NPV";
    case Metric::RoiPercent:
        return "ROI";
    case Metric::Tco:
        return "TCO";
    case Metric::HardBenefit:
        return "Hard benefit";
    case Metric::Payback:
        return "Payback month";
    case Metric::Count:
        break;
    }
    return "";
}

std::string percentileLabel(std::size_t index)
{
    // Appended, not "P" + ...: GCC 12 warns falsely on that form (-Wrestrict, PR 105329).
    std::string out = "P";
    out += std::to_string(static_cast<int>(kPercentiles[index]));
    return out;
}

std::string_view samplingLabel(SamplingMethod method)
{
    return method == SamplingMethod::Random ? "random" : "Latin Hypercube";
}

std::string formatStat(const Kpi &value, Metric metric, std::string_view currency)
{
    switch (metric) {
    case Metric::RoiPercent:
        return formatKpi(value, KpiFormat::Percent, currency);
    case Metric::Payback:
        return formatKpi(value, KpiFormat::Month, currency);
    default:
        return formatKpi(value, KpiFormat::Money, currency);
    }
}

std::string summaryJson(const MonteCarloSummary &s, std::string_view currency)
{
    Json j;
    j["trials"] = s.trials;
    j["seed"] = s.seed;
    j["sampling"] = std::string(name(s.sampling));
    j["scenario"] = s.scenario;
    j["currency"] = std::string(currency);
    j["startMonth"] = s.startMonth.toString();
    j["months"] = s.months;
    j["inputs"] = s.inputs;
    Json corr;
    corr["repaired"] = s.correlation.repaired;
    corr["distance"] = s.correlation.distance;
    auto matrix = [](const correlation::Matrix &m) {
        Json rows = Json::array();
        for (int i = 0; i < m.n; ++i) {
            Json row = Json::array();
            for (int k = 0; k < m.n; ++k)
                row.push_back(m(i, k));
            rows.push_back(std::move(row));
        }
        return rows;
    };
    if (s.correlation.repaired) {
        corr["requested"] = matrix(s.correlation.requested);
        corr["used"] = matrix(s.correlation.used);
    }
    j["correlation"] = std::move(corr);
    Json series = Json::array();
    for (const SeriesSummary &ss : s.series) {
        Json e;
        e["name"] = ss.name;
        for (int m = 0; m < kMetricCount; ++m) {
            const OutputStats &st = ss.metrics[static_cast<std::size_t>(m)];
            Json o;
            o["mean"] = kpiJson(st.mean);
            o["sd"] = kpiJson(st.sd);
            for (std::size_t p = 0; p < kPercentiles.size(); ++p) {
                std::string key = percentileLabel(p);
                key[0] = 'p';
                o[key] = kpiJson(st.percentiles[p]);
            }
            o["trialsWithNumber"] = st.defined;
            e[kMetricKeys[m]] = std::move(o);
        }
        e["pRoiPositive"] = ss.pRoiPositive;
        e["pNpvPositive"] = ss.pNpvPositive;
        e["pPaybackWithinHorizon"] = ss.pPayback;
        e["npvStandardError"] = ss.npvStandardError;
        if (!ss.fanP50.empty())
            e["cumulativeNet"] = Json{{"p10", ss.fanP10}, {"p50", ss.fanP50}, {"p90", ss.fanP90}};
        Json sens = Json::array();
        for (const auto &x : ss.sensitivity)
            sens.push_back(Json{{"input", s.inputs[static_cast<std::size_t>(x.input)]},
                                {"rankCorrelation", x.rankCorrelation},
                                {"varianceShare", x.varianceShare}});
        e["sensitivity"] = std::move(sens);
        series.push_back(std::move(e));
    }
    j["series"] = std::move(series);
    return j.dump(2) + "\n";
}

std::string summaryCsv(const MonteCarloSummary &s)
{
    CsvWriter w;
    for (const char *h : {"series", "statistic", "mean", "sd"})
        w.text(h);
    for (std::size_t p = 0; p < kPercentiles.size(); ++p)
        w.text(percentileLabel(p));
    w.text("trials with a number");
    w.endRow();
    auto cell = [&](const Kpi &k) {
        if (k.ok())
            w.number(k.value);
        else
            w.text(kpiStateText(k.state));
    };
    for (const SeriesSummary &ss : s.series) {
        for (int m = 0; m < kMetricCount; ++m) {
            const OutputStats &st = ss.metrics[static_cast<std::size_t>(m)];
            w.text(ss.name);
            w.text(metricLabel(static_cast<Metric>(m)));
            cell(st.mean);
            cell(st.sd);
            for (const Kpi &k : st.percentiles)
                cell(k);
            w.number(st.defined);
            w.endRow();
        }
    }
    w.endRow();
    for (const char *h : {"series", "P(ROI > 0)", "P(NPV > 0)", "P(payback within horizon)",
                          "standard error of mean NPV", "trials", "seed", "sampling"})
        w.text(h);
    w.endRow();
    for (const SeriesSummary &ss : s.series) {
        w.text(ss.name);
        w.number(ss.pRoiPositive);
        w.number(ss.pNpvPositive);
        w.number(ss.pPayback);
        w.number(ss.npvStandardError);
        w.number(s.trials);
        w.number(s.seed);
        w.text(name(s.sampling));
        w.endRow();
    }
    w.endRow();
    for (const char *h : {"series", "input", "rank correlation with NPV", "share of variance"})
        w.text(h);
    w.endRow();
    for (const SeriesSummary &ss : s.series) {
        for (const auto &x : ss.sensitivity) {
            w.text(ss.name);
            w.text(s.inputs[static_cast<std::size_t>(x.input)]);
            w.number(x.rankCorrelation);
            w.number(x.varianceShare);
            w.endRow();
        }
    }
    return w.str();
}

std::string trialsCsv(const MonteCarloRun &run, const MonteCarloPlan &plan)
{
    CsvWriter w;
    w.text("trial");
    for (int s = 0; s < plan.seriesCount(); ++s)
        for (int m = 0; m < kMetricCount; ++m)
            w.text(plan.seriesName(s) + " " + std::string(metricLabel(static_cast<Metric>(m))));
    for (const auto &in : plan.inputs())
        w.text(in.label);
    w.endRow();
    std::vector<std::vector<double>> cols;
    for (int s = 0; s < plan.seriesCount(); ++s)
        for (int m = 0; m < kMetricCount; ++m)
            cols.push_back(run.values(s, static_cast<Metric>(m)));
    for (int t = 0; t < plan.trials(); ++t) {
        w.number(t + 1);
        for (const auto &c : cols)
            w.number(c[static_cast<std::size_t>(t)]); // non-finite: empty cell
        for (std::size_t j = 0; j < plan.inputs().size(); ++j)
            w.number(plan.samples(static_cast<int>(j))[static_cast<std::size_t>(t)]);
        w.endRow();
    }
    return w.str();
}

std::string summaryText(const MonteCarloSummary &s, std::string_view currency)
{
    std::string out;
    out += "Monte Carlo: ";
    out += std::to_string(s.trials) + " trials, seed " + std::to_string(s.seed) + ", "
           + std::string(samplingLabel(s.sampling)) + " sampling, scenario " + s.scenario + ", "
           + std::to_string(s.inputs.size()) + " uncertain inputs, " + std::to_string(s.months)
           + " months from " + s.startMonth.toString() + "\n";
    if (s.correlation.repaired) {
        out += "The correlation matrix was not positive semi-definite: the nearest valid one was "
               "used (Frobenius distance "
               + formatNumber(s.correlation.distance, 4) + ").\n";
    }
    // With one use case the portfolio is that use case: print it once, under its name.
    const std::size_t firstSeries = s.series.size() == 2 ? 1 : 0;
    for (std::size_t index = firstSeries; index < s.series.size(); ++index) {
        const SeriesSummary &ss = s.series[index];
        out += "\n" + ss.name + "\n";
        std::vector<std::vector<std::string>> rows;
        std::vector<std::string> header = {"", "Mean", "SD"};
        for (std::size_t p = 0; p < kPercentiles.size(); ++p)
            header.push_back(percentileLabel(p));
        rows.push_back(header);
        for (int m = 0; m < kMetricCount; ++m) {
            const Metric metric = static_cast<Metric>(m);
            const OutputStats &st = ss.metrics[static_cast<std::size_t>(m)];
            // A spread of payback months is a number of months, not a month.
            const std::string sd = metric == Metric::Payback && st.sd.ok()
                                       ? formatNumber(st.sd.value, 1) + " months"
                                       : formatStat(st.sd, metric, currency);
            std::vector<std::string> row = {std::string(metricLabel(metric)),
                                            formatStat(st.mean, metric, currency), sd};
            for (const Kpi &k : st.percentiles)
                row.push_back(formatStat(k, metric, currency));
            rows.push_back(std::move(row));
        }
        out += textTable(rows);
        out += "  P(ROI > 0) ";
        out += formatPercent(ss.pRoiPositive) + ", P(NPV > 0) " + formatPercent(ss.pNpvPositive)
               + ", P(payback within " + std::to_string(s.months) + " months) "
               + formatPercent(ss.pPayback) + "; standard error of the mean NPV "
               + formatMoney(ss.npvStandardError, currency) + "\n";
        if (!ss.sensitivity.empty()) {
            out += "  Sensitivity (rank correlation with NPV, share of variance):\n";
            std::vector<std::vector<std::string>> sens;
            const std::size_t shown = std::min<std::size_t>(ss.sensitivity.size(), 10);
            for (std::size_t i = 0; i < shown; ++i) {
                const auto &x = ss.sensitivity[i];
                sens.push_back({s.inputs[static_cast<std::size_t>(x.input)],
                                std::string(x.rankCorrelation >= 0 ? "+" : "")
                                    .append(formatNumber(x.rankCorrelation, 2)),
                                formatPercent(x.varianceShare)});
            }
            out += textTable(sens);
        }
    }
    return out;
}

} // namespace roi
