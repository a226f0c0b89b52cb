#include "sensitivitycommands.h"

#include "commandline.h"
#include "filebytes.h"

#include "analytics/goalseek.h"
#include "analytics/tornado.h"
#include "csvwriter.h"
#include "format.h"
#include "workbookfile.h"

#include <QString>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <optional>
#include <ostream>

namespace roi {

const char *const kSensitivityUsage =
    "  roi-workbench tornado FILE [--use-case NAME] [--scenario NAME] [--metric npv|roi]\n"
    "                        [--range worst-best|pct=20|p10-p90] [--format text|json|csv]\n"
    "                                             each input that Worst and Best move, alone\n"
    "                                             between its low and high value, ranked by\n"
    "                                             the swing in NPV or ROI\n"
    "  roi-workbench goal-seek FILE --input NAME --target roi=0|npv=AMOUNT|payback=MONTH|\n"
    "                        cost-per-outcome=X [--use-case NAME] [--scenario NAME]\n"
    "                        [--format text|json]  the value of one input at which the target\n"
    "                                             holds (break-even), searched inside its\n"
    "                                             legal range\n";

namespace {

using Json = nlohmann::ordered_json;

std::map<std::string, SimulatedStatistic> &statistics()
{
    static std::map<std::string, SimulatedStatistic> registry;
    return registry;
}

std::map<std::string, TornadoBoundsSource> &tornadoBounds()
{
    static std::map<std::string, TornadoBoundsSource> registry;
    return registry;
}

struct Args
{
    std::string command;
    std::string file;
    std::string useCase;
    std::string scenario;
    std::string metric;
    std::string range;
    std::string format;
    std::string input;
    std::string target;
};

bool parse(const std::vector<std::string> &args, Args &a, std::string &error)
{
    a.command = args.at(0);
    const bool goal = a.command == "goal-seek";
    struct Option
    {
        const char *name;
        const char *shortName;
        std::string Args::*into;
        bool goalOnly;
        bool tornadoOnly;
    };
    const Option options[] = {
        {"--use-case", "-u", &Args::useCase, false, false},
        {"--scenario", "-s", &Args::scenario, false, false},
        {"--format", "-f", &Args::format, false, false},
        {"--metric", nullptr, &Args::metric, false, true},
        {"--range", nullptr, &Args::range, false, true},
        {"--input", "-i", &Args::input, true, false},
        {"--target", "-t", &Args::target, true, false},
    };
    std::vector<std::string Args::*> seen;
    for (std::size_t i = 1; i < args.size(); ++i) {
        const std::string &arg = args[i];
        const Option *match = nullptr;
        for (const Option &o : options) {
            if (arg == o.name || (o.shortName && arg == o.shortName))
                match = &o;
        }
        if (match) {
            if ((match->goalOnly && !goal) || (match->tornadoOnly && goal)) {
                error = a.command + " takes no " + arg;
                return false;
            }
            if (i + 1 >= args.size()) {
                error = arg + " needs a value";
                return false;
            }
            if (std::find(seen.begin(), seen.end(), match->into) != seen.end()) {
                error = arg + " is given twice";
                return false;
            }
            seen.push_back(match->into);
            a.*(match->into) = args[++i];
        } else if (arg.size() > 1 && arg[0] == '-') {
            error = "unknown option " + arg;
            return false;
        } else if (a.file.empty()) {
            a.file = arg;
        } else {
            error = "unexpected argument " + arg;
            return false;
        }
    }
    if (a.file.empty()) {
        error = a.command + " needs a FILE";
        return false;
    }
    if (goal && (a.input.empty() || a.target.empty())) {
        error = "goal-seek needs --input NAME and --target KIND=VALUE";
        return false;
    }
    return true;
}

std::optional<double> number(const std::string &text)
{
    if (text.empty())
        return std::nullopt;
    char *end = nullptr;
    const double v = std::strtod(text.c_str(), &end);
    if (end != text.c_str() + text.size() || !std::isfinite(v))
        return std::nullopt;
    return v;
}

bool equalsIgnoringCase(const std::string &a, const std::string &b)
{
    return QString::fromStdString(a).compare(QString::fromStdString(b), Qt::CaseInsensitive) == 0;
}

std::optional<Workbook> load(const std::string &file, std::ostream &err, int &code)
{
    QString ioError;
    const auto bytes = readFileBytes(QString::fromStdString(file), limits::kMaxFileBytes, &ioError);
    if (!bytes) {
        err << "roi-workbench: " << ioError.toStdString() << "\n";
        code = ExitIo;
        return std::nullopt;
    }
    LoadResult result =
        readWorkbook(std::string_view(bytes->constData(), static_cast<std::size_t>(bytes->size())));
    for (const Diagnostic &d : result.diagnostics) {
        if (d.severity == Severity::Error)
            err << file << ": " << d.toString() << "\n";
    }
    if (!result.ok()) {
        code = ExitInvalid;
        return std::nullopt;
    }
    return std::move(result.workbook);
}

/// The scenario index (Base when not given); -1 with a message when none matches.
int findScenario(const Workbook &wb, const Args &a, std::ostream &err)
{
    if (wb.scenarios.empty())
        return 0;
    const std::string wanted = a.scenario.empty() ? std::string(kBaseScenario) : a.scenario;
    for (std::size_t s = 0; s < wb.scenarios.size(); ++s) {
        if (equalsIgnoringCase(wb.scenarios[s].name, wanted))
            return static_cast<int>(s);
    }
    if (a.scenario.empty())
        return 0; // no Base: the first scenario
    err << "roi-workbench: no scenario named '" << a.scenario << "'; the workbook has";
    for (const Scenario &s : wb.scenarios)
        err << " '" << s.name << "'";
    err << "\n";
    return -1;
}

/// The use case index, -1 for the portfolio (the default with several use cases), -2 with a
/// message when none matches.
int findUseCase(const Workbook &wb, const Args &a, std::ostream &err)
{
    if (a.useCase.empty())
        return wb.useCases.size() == 1 ? 0 : -1;
    if (equalsIgnoringCase(a.useCase, "portfolio"))
        return -1;
    for (std::size_t u = 0; u < wb.useCases.size(); ++u) {
        if (equalsIgnoringCase(wb.useCases[u].name, a.useCase))
            return static_cast<int>(u);
    }
    err << "roi-workbench: no use case named '" << a.useCase << "'; the workbook has";
    for (const UseCase &uc : wb.useCases)
        err << " '" << uc.name << "'";
    err << " (or use 'portfolio')\n";
    return -2;
}

std::string targetName(const Workbook &wb, int useCase)
{
    return useCase < 0 ? std::string("the portfolio")
                       : wb.useCases[static_cast<std::size_t>(useCase)].name;
}

std::string scenarioName(const Workbook &wb, int scenario)
{
    return wb.scenarios.empty() ? std::string(kBaseScenario)
                                : wb.scenarios[static_cast<std::size_t>(scenario)].name;
}

/// An input's value in its unit: shares as percentages, money in the currency.
std::string valueText(const VariedInput &in, double v, const std::string &currency,
                      bool precise = false)
{
    const FieldInfo *info = in.path.info();
    const ValueUnit unit = info ? info->unit : ValueUnit::Number;
    char buf[64];
    switch (unit) {
    case ValueUnit::Share:
        return formatPercent(v, precise ? 4 : 1);
    case ValueUnit::Money:
    case ValueUnit::MoneyPerHour:
        return formatMoney(v, currency);
    case ValueUnit::MoneyPerMillion:
        return formatMoney(v, currency, precise ? 4 : -1) + " per million";
    default:
        if (!precise && std::abs(v) >= 1000)
            return formatNumber(v, v == std::round(v) ? 0 : 1);
        std::snprintf(buf, sizeof buf, precise ? "%.10g" : "%.6g", v);
        return buf;
    }
}

std::string kpiText(const Kpi &k, SensitivityMetric metric, const std::string &currency)
{
    if (metric == SensitivityMetric::Npv && k.ok())
        return formatMoney(k.value, currency, 0);
    return formatKpi(k, KpiFormat::Percent, currency);
}

Json kpiJson(const Kpi &k)
{
    return k.ok() ? Json(k.value) : Json(nullptr);
}

void printRows(std::ostream &out, const std::vector<std::vector<std::string>> &rows)
{
    std::vector<std::size_t> widths;
    auto length = [](const std::string &s) {
        std::size_t n = 0;
        for (unsigned char c : s)
            n += (c & 0xC0) != 0x80 ? 1 : 0;
        return n;
    };
    for (const auto &row : rows) {
        widths.resize(std::max(widths.size(), row.size()), 0);
        for (std::size_t c = 0; c < row.size(); ++c)
            widths[c] = std::max(widths[c], length(row[c]));
    }
    for (const auto &row : rows) {
        std::string line;
        for (std::size_t c = 0; c < row.size(); ++c) {
            const std::string fill(widths[c] - length(row[c]), ' ');
            if (c > 0)
                line += "  ";
            line += c == 0 ? row[c] + fill : fill + row[c];
        }
        while (!line.empty() && line.back() == ' ')
            line.pop_back();
        out << "  " << line << "\n";
    }
}

int runTornado(const Args &a, std::ostream &out, std::ostream &err)
{
    const std::string format = a.format.empty() ? "text" : a.format;
    if (format != "text" && format != "json" && format != "csv") {
        err << "roi-workbench: unknown format '" << format << "' (use text, json or csv)\n";
        return ExitUsage;
    }
    TornadoOptions options;
    if (a.metric.empty() || a.metric == "npv") {
        options.metric = SensitivityMetric::Npv;
    } else if (a.metric == "roi") {
        options.metric = SensitivityMetric::Roi;
    } else {
        err << "roi-workbench: unknown metric '" << a.metric << "' (use npv or roi)\n";
        return ExitUsage;
    }
    std::string rangeName = "worst-best";
    const bool simulatedRange = a.range.size() > 2 && a.range[0] == 'p'
                                && std::isdigit(static_cast<unsigned char>(a.range[1]))
                                && a.range.find("-p") != std::string::npos;
    if (simulatedRange) {
        if (!tornadoBounds().count(a.range)) {
            err << "roi-workbench: the range " << a.range
                << " needs the Monte Carlo analysis, which this build does not have yet; use "
                   "worst-best or pct=N\n";
            return ExitUsage;
        }
        options.range = TornadoRange::Custom;
        rangeName = a.range;
    } else if (!a.range.empty() && a.range != "worst-best") {
        std::string pct = a.range.starts_with("pct=") ? a.range.substr(4) : std::string();
        if (!pct.empty() && pct.back() == '%')
            pct.pop_back();
        const auto v = number(pct);
        if (!v || *v <= 0 || *v > 1000) {
            err << "roi-workbench: --range must be worst-best or pct=N with N a percentage "
                   "above 0 (e.g. pct=20), not '"
                << a.range << "'\n";
            return ExitUsage;
        }
        options.range = TornadoRange::Percent;
        options.percent = *v / 100.0;
        rangeName = "pct=" + pct;
    }
    int code = ExitOk;
    const auto wb = load(a.file, err, code);
    if (!wb)
        return code;
    const int scenario = findScenario(*wb, a, err);
    const int useCase = findUseCase(*wb, a, err);
    if (scenario < 0 || useCase == -2)
        return ExitUsage;
    if (simulatedRange) {
        std::string why;
        options.bounds = tornadoBounds()[a.range](*wb, why);
        if (!options.bounds) {
            err << "roi-workbench: " << a.range << ": " << why << "\n";
            return ExitUsage;
        }
    }
    const TornadoResult t = tornado(*wb, {useCase, scenario}, options);
    if (!t.ok()) {
        err << "roi-workbench: " << a.file << ": " << t.error << "\n";
        return ExitUsage;
    }
    const std::string &cur = wb->settings.currency;
    const std::string metric = options.metric == SensitivityMetric::Npv ? "NPV" : "ROI";
    if (format == "json") {
        Json j;
        j["metric"] = options.metric == SensitivityMetric::Npv ? "npv" : "roi";
        j["useCase"] = useCase < 0 ? Json(nullptr)
                                   : Json(wb->useCases[static_cast<std::size_t>(useCase)].name);
        j["scenario"] = scenarioName(*wb, scenario);
        j["range"] = rangeName;
        j["base"] = kpiJson(t.base);
        Json bars = Json::array();
        for (const TornadoBar &b : t.bars) {
            Json bar;
            bar["input"] = b.input.path.toString();
            bar["useCase"] =
                b.input.useCase < 0
                    ? Json(nullptr)
                    : Json(wb->useCases[static_cast<std::size_t>(b.input.useCase)].name);
            bar["stored"] = b.stored;
            bar["low"] = b.lowValue;
            bar["high"] = b.highValue;
            bar["clamped"] = b.clamped;
            bar["atLow"] = kpiJson(b.atLow);
            bar["atHigh"] = kpiJson(b.atHigh);
            bar["swing"] = b.swing;
            bars.push_back(std::move(bar));
        }
        j["bars"] = std::move(bars);
        out << j.dump(2) << "\n";
        return ExitOk;
    }
    if (format == "csv") {
        CsvWriter csv;
        for (const char *h :
             {"input", "useCase", "stored", "low", "high", "atLow", "atHigh", "swing", "clamped"})
            csv.text(h);
        csv.endRow();
        for (const TornadoBar &b : t.bars) {
            csv.text(b.input.path.toString());
            csv.text(b.input.useCase < 0
                         ? std::string()
                         : wb->useCases[static_cast<std::size_t>(b.input.useCase)].name);
            csv.number(b.stored);
            csv.number(b.lowValue);
            csv.number(b.highValue);
            b.atLow.ok() ? csv.number(b.atLow.value) : csv.text("");
            b.atHigh.ok() ? csv.number(b.atHigh.value) : csv.text("");
            csv.number(b.swing);
            csv.text(b.clamped ? "yes" : "no");
            csv.endRow();
        }
        out << csv.str();
        return ExitOk;
    }
    out << "Tornado of " << metric << " — " << targetName(*wb, useCase) << ", scenario "
        << scenarioName(*wb, scenario) << ", each input alone between "
        << (options.range == TornadoRange::WorstBest ? std::string("its Worst and Best values")
            : options.range == TornadoRange::Custom
                ? "its " + rangeName + " values"
                : "−" + formatNumber(options.percent * 100, 0) + "% and +"
                      + formatNumber(options.percent * 100, 0) + "%")
        << "\n"
        << "Base " << metric << ": " << kpiText(t.base, options.metric, cur) << "\n\n";
    const std::string low = options.range == TornadoRange::WorstBest ? "Worst" : "Low";
    const std::string high = options.range == TornadoRange::WorstBest ? "Best" : "High";
    std::vector<std::vector<std::string>> rows{
        {"Input", low, high, metric + " at " + low, metric + " at " + high, "Swing"}};
    bool anyClamped = false;
    for (const TornadoBar &b : t.bars) {
        anyClamped = anyClamped || b.clamped;
        rows.push_back(
            {inputLabel(*wb, b.input) + (b.clamped ? " *" : ""),
             valueText(b.input, b.lowValue, cur), valueText(b.input, b.highValue, cur),
             kpiText(b.atLow, options.metric, cur), kpiText(b.atHigh, options.metric, cur),
             options.metric == SensitivityMetric::Npv ? formatMoney(b.swing, cur, 0)
                                                      : formatNumber(b.swing, 1) + " points"});
    }
    printRows(out, rows);
    if (anyClamped)
        out << "\n  * a bound fell outside the input's legal range and was clamped to it\n";
    return ExitOk;
}

struct Target
{
    std::string kind; // roi, npv, payback, cost-per-outcome, or a simulated statistic
    double value = 0;
};

int runGoalSeek(const Args &a, std::ostream &out, std::ostream &err)
{
    const std::string format = a.format.empty() ? "text" : a.format;
    if (format != "text" && format != "json") {
        err << "roi-workbench: unknown format '" << format << "' (use text or json)\n";
        return ExitUsage;
    }
    const auto eq = a.target.find('=');
    Target target;
    target.kind = a.target.substr(0, eq);
    const auto value = eq == std::string::npos ? std::nullopt : number(a.target.substr(eq + 1));
    const bool simulated = target.kind.size() > 1 && target.kind[0] == 'p'
                           && (target.kind.ends_with("-npv") || target.kind.ends_with("-roi"))
                           && std::isdigit(static_cast<unsigned char>(target.kind[1]));
    const bool known = target.kind == "roi" || target.kind == "npv" || target.kind == "payback"
                       || target.kind == "cost-per-outcome" || simulated;
    if (!known || !value) {
        err << "roi-workbench: --target must be roi=PERCENT, npv=AMOUNT, payback=MONTH, "
               "cost-per-outcome=AMOUNT or p10-npv=AMOUNT, not '"
            << a.target << "'\n";
        return ExitUsage;
    }
    target.value = *value;
    int code = ExitOk;
    const auto wb = load(a.file, err, code);
    if (!wb)
        return code;
    const int scenario = findScenario(*wb, a, err);
    const int useCase = findUseCase(*wb, a, err);
    if (scenario < 0 || useCase == -2)
        return ExitUsage;
    std::string error;
    const auto input = resolveInput(*wb, useCase, a.input, &error);
    if (!input) {
        err << "roi-workbench: --input: " << error << "\n";
        return ExitUsage;
    }
    const std::string &cur = wb->settings.currency;
    const FieldInfo *info = input->path.info();
    const ProbeTarget probeTarget{useCase, scenario};

    GoalSeekResult r;
    std::string metricName;
    std::string metricText;
    std::string storedMetricText;
    if (simulated) {
        const auto it = statistics().find(target.kind);
        if (it == statistics().end()) {
            err << "roi-workbench: the target " << target.kind
                << " needs the Monte Carlo analysis, which this build does not have yet; use "
                   "roi, npv, payback or cost-per-outcome\n";
            return ExitUsage;
        }
        std::string why;
        const auto statistic = it->second(*wb, probeTarget, *input, why);
        if (!statistic) {
            err << "roi-workbench: " << target.kind << ": " << why << "\n";
            return ExitUsage;
        }
        SeekOptions o;
        o.min = info->min;
        o.max = info->max;
        o.start = storedValue(*wb, *input).value_or(info->min);
        const auto g = [&](double x) {
            return statistic(x) - target.value;
        };
        const SeekResult s = seekZero(g, o);
        r.reached = s.reached;
        r.value = s.x;
        r.stored = o.start;
        r.min = o.min;
        r.max = o.max;
        r.meetsAbove = s.meetsAbove;
        r.flat = s.flat;
        r.evaluations = s.evaluations;
        r.metric = Kpi::of(statistic(s.x));
        r.storedMetric = Kpi::of(statistic(o.start));
        metricName = target.kind;
        metricText = formatNumber(r.metric.value, 2);
        storedMetricText = formatNumber(r.storedMetric.value, 2);
    } else {
        Goal goal;
        goal.value = target.value;
        goal.kind = target.kind == "roi"       ? GoalKind::Roi
                    : target.kind == "npv"     ? GoalKind::Npv
                    : target.kind == "payback" ? GoalKind::Payback
                                               : GoalKind::CostPerOutcome;
        r = goalSeek(*wb, {probeTarget, *input, goal});
        if (!r.ok()) {
            err << "roi-workbench: " << r.error << "\n";
            return ExitUsage;
        }
        auto show = [&](const Kpi &k) {
            switch (goal.kind) {
            case GoalKind::Roi:
                return formatKpi(k, KpiFormat::Percent, cur);
            case GoalKind::Npv:
                return formatKpi(k, KpiFormat::Money, cur);
            case GoalKind::Payback:
                return formatKpi(k, KpiFormat::Month, cur);
            case GoalKind::CostPerOutcome:
                return formatKpi(k, KpiFormat::UnitCost, cur);
            }
            return std::string();
        };
        metricName = target.kind;
        metricText = show(r.metric);
        storedMetricText = show(r.storedMetric);
    }

    if (format == "json") {
        Json j;
        j["input"] = input->path.toString();
        j["useCase"] = useCase < 0 ? Json(nullptr)
                                   : Json(wb->useCases[static_cast<std::size_t>(useCase)].name);
        j["scenario"] = scenarioName(*wb, scenario);
        j["target"] = {{"kind", target.kind}, {"value", target.value}};
        j["reached"] = r.reached;
        j["value"] = r.value; // the answer, or the closest value when not reached
        j["stored"] = r.stored;
        j["legalRange"] = {{"min", r.min}, {"max", r.max}};
        j["metric"] = kpiJson(r.metric);
        j["metricAsStored"] = kpiJson(r.storedMetric);
        j["meetsAbove"] = r.meetsAbove;
        j["inputHasNoEffect"] = r.flat;
        j["evaluations"] = r.evaluations;
        out << j.dump(2) << "\n";
        return ExitOk;
    }
    const std::string where =
        targetName(*wb, useCase) + ", scenario " + scenarioName(*wb, scenario);
    const std::string inputName =
        input->path.toString()
        + (useCase < 0 && !input->shared() ? " (in every use case that has it)" : "");
    out << "Goal seek on " << where << ": " << inputName << " for " << a.target << "\n";
    if (r.reached) {
        out << "  Answer: " << valueText(*input, r.value, cur, true) << " (now "
            << valueText(*input, r.stored, cur, true) << ")\n"
            << "  " << metricName << " there: " << metricText << " (now " << storedMetricText
            << ")\n"
            << "  The target holds for values " << (r.meetsAbove ? "above" : "below")
            << " the answer.\n";
    } else {
        out << "  Not reachable inside the legal range " << valueText(*input, r.min, cur) << " to "
            << valueText(*input, r.max, cur) << ".\n"
            << "  Closest: " << valueText(*input, r.value, cur, true) << ", where " << metricName
            << " is " << metricText << " (now " << storedMetricText << ")\n";
        if (r.flat)
            out << "  The input does not move " << metricName << " at all.\n";
    }
    return ExitOk;
}

} // namespace

bool isSensitivityCommand(const std::string &command)
{
    return command == "tornado" || command == "goal-seek";
}

int runSensitivityCommand(const std::vector<std::string> &args, std::ostream &out,
                          std::ostream &err)
{
    Args a;
    std::string error;
    if (!parse(args, a, error)) {
        err << "roi-workbench: " << error << "\n\nUsage:\n" << kSensitivityUsage;
        return ExitUsage;
    }
    return a.command == "tornado" ? runTornado(a, out, err) : runGoalSeek(a, out, err);
}

void registerSimulatedStatistic(const std::string &name, SimulatedStatistic statistic)
{
    statistics()[name] = std::move(statistic);
}

void registerTornadoBounds(const std::string &name, TornadoBoundsSource source)
{
    tornadoBounds()[name] = std::move(source);
}

void clearSimulatedStatistics()
{
    statistics().clear();
    tornadoBounds().clear();
}

} // namespace roi
