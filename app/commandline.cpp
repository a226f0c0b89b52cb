#include "commandline.h"

#include "actualscommand.h"
#include "analyzecommand.h"
#include "export/memo.h"
#include "filebytes.h"
#include "leverscommand.h"
#include "planactual/planactualexport.h"
#include "planactual/planactualreport.h"
#include "reportexporter.h"
#include "sensitivitycommands.h"

#include "engine.h"
#include "format.h"
#include "levers/leverexport.h"
#include "resultsexport.h"
#include "workbookfile.h"

#include <nlohmann/json.hpp>

#include <QApplication>
#include <QDate>
#include <QDateTime>
#include <QFileInfo>
#include <QString>
#include <QTimeZone>

#include <algorithm>
#include <iomanip>
#include <memory>
#include <ostream>
#include <sstream>

namespace roi {

namespace {

constexpr const char *kUsage =
    "Usage:\n"
    "  roi-workbench [FILE]                       open the window (on FILE if given)\n"
    "  roi-workbench compute FILE [--scenario NAME] [--format text|json|csv]\n"
    "                                             print the KPIs of every use case and scenario\n"
    "  roi-workbench levers FILE [--scenario NAME] [--format text|json|csv]\n"
    "                                             print baseline cost, optimised cost, savings %\n"
    "                                             and each savings lever's saving, cost, net,\n"
    "                                             payback and ROI (scenario Base by default)\n"
    "  roi-workbench validate FILE                print every problem of FILE with its path\n"
    "  roi-workbench report FILE --format pdf|html|csv|xlsx|xlsx-values|json -o OUT\n"
    "             [--scenario NAME]\n"
    "                                             write a report (same as Export in the window)\n"
    "                                             (xlsx: a working model with formulas;\n"
    "                                             xlsx-values: the values-only workbook)\n"
    "                                             (memo: the one-page decision memo, PDF)\n"
    "                                             (csv: series in OUT, KPIs in OUT-kpis.csv,\n"
    "                                             layers and drivers in OUT-detail.csv,\n"
    "                                             Monte Carlo percentiles in\n"
    "                                             OUT-uncertainty.csv; with actuals, plan vs\n"
    "                                             actual in OUT-planactual*.csv)\n"
    "             [--trial-samples]               csv, xlsx: every Monte Carlo trial too\n"
    "                                             (OUT-trials.csv, a Trial samples sheet)\n"
    "             [--sections auto|all|none|top:N] [--rank-by npv|roi|payback|benefit]\n"
    "             [--section NAME]...             which use cases get a full section of a PDF\n"
    "                                             or HTML report (auto: all up to 20 use\n"
    "                                             cases, else the best 10 by NPV); --section\n"
    "                                             names one (repeat it for more)\n"
    "  roi-workbench chart FILE --chart KIND -o OUT.png|.pdf|.svg [--use-case NAME]\n"
    "                        [--scenario NAME]    write one chart; KIND is cumulative-net,\n"
    "                                             cost-vs-benefit, invoice-vs-true-cost, adoption\n"
    "                                             or comparison; NAME 'portfolio' for all\n"
    "  roi-workbench analyze FILE [--trials N] [--seed S] [--sampling lhs|random]\n"
    "                        [--scenario NAME] [--threads N] [--format text|json|csv]\n"
    "                                             Monte Carlo: percentiles of NPV, ROI, TCO,\n"
    "                                             benefit and payback, P(ROI > 0), sensitivity\n"
    "  roi-workbench --help | --version\n"
    "\n"
    "Exit codes: 0 success, 1 invalid workbook (validate: also a model check of severity\n"
    "error), 2 bad arguments, 3 file error.\n";

/// kUsage with the commands kept in their own files (sensitivitycommands.h) before --help.
std::string usage()
{
    std::string text = kUsage;
    text.insert(text.find("  roi-workbench --help"), kSensitivityUsage);
    text.insert(text.find("  roi-workbench --help"), kActualsUsage);
    return text;
}

struct Options
{
    std::string command;
    std::string file;
    std::string scenario;
    std::string format;
    std::string output;
    std::string chart;
    std::string useCase;
    bool scenarioGiven = false;
    bool useCaseGiven = false;
    std::string sections;                  // report: auto, all, none, top:N
    std::string rankBy;                    // report: npv, roi, payback, benefit
    std::vector<std::string> sectionNames; // report: --section NAME, repeatable
    bool trialSamples = false;             // report csv/xlsx: --trial-samples
};

std::string utf8(const QString &s)
{
    return s.toStdString();
}

/// Parses `command FILE [--opt value]...`; false with a message on bad arguments.
bool parseOptions(const std::vector<std::string> &args, Options &o, std::string &error)
{
    o.command = args.at(0);
    std::vector<const std::string *> seen; // each option once: a second one is a slip, not a wish
    for (std::size_t i = 1; i < args.size(); ++i) {
        const std::string &a = args[i];
        auto value = [&](std::string &into) {
            if (i + 1 >= args.size()) {
                error = a + " needs a value";
                return false;
            }
            if (std::find(seen.begin(), seen.end(), &into) != seen.end()) {
                error = a + " is given twice";
                return false;
            }
            seen.push_back(&into);
            into = args[++i];
            return true;
        };
        if (a == "--scenario" || a == "-s") {
            if (!value(o.scenario))
                return false;
            o.scenarioGiven = true;
        } else if (a == "--format" || a == "-f") {
            if (!value(o.format))
                return false;
        } else if (a == "--output" || a == "-o") {
            if (!value(o.output))
                return false;
        } else if (a == "--chart" || a == "-c") {
            if (!value(o.chart))
                return false;
        } else if (a == "--use-case" || a == "-u") {
            if (!value(o.useCase))
                return false;
            o.useCaseGiven = true;
        } else if (a == "--sections") {
            if (!value(o.sections))
                return false;
        } else if (a == "--rank-by") {
            if (!value(o.rankBy))
                return false;
        } else if (a == "--trial-samples") {
            o.trialSamples = true;
        } else if (a == "--section") {
            // A list: each occurrence adds a name.
            if (i + 1 >= args.size()) {
                error = a + " needs a value";
                return false;
            }
            o.sectionNames.push_back(args[++i]);
        } else if (a.size() > 1 && a[0] == '-') {
            error = "unknown option " + a;
            return false;
        } else if (o.file.empty()) {
            o.file = a;
        } else {
            error = "unexpected argument " + a;
            return false;
        }
    }
    if (o.file.empty()) {
        error = o.command + " needs a FILE";
        return false;
    }
    return true;
}

/// Loads and validates; prints problems to err. nullopt when the file cannot be used.
std::optional<Workbook> load(const std::string &file, std::ostream &err, int &exitCode,
                             bool printWarnings)
{
    QString ioError;
    const auto bytes = readFileBytes(QString::fromStdString(file), limits::kMaxFileBytes, &ioError);
    if (!bytes) {
        err << "roi-workbench: " << utf8(ioError) << "\n";
        exitCode = ExitIo;
        return std::nullopt;
    }
    LoadResult result =
        readWorkbook(std::string_view(bytes->constData(), static_cast<std::size_t>(bytes->size())));
    for (const Diagnostic &d : result.diagnostics) {
        if (d.severity == Severity::Error || printWarnings)
            err << file << ": " << d.toString() << "\n";
    }
    if (!result.ok()) {
        exitCode = ExitInvalid;
        return std::nullopt;
    }
    return std::move(result.workbook);
}

/// Today, or the day of SOURCE_DATE_EPOCH (UTC) when set, so reports can be reproduced.
QDate reportDate()
{
    bool ok = false;
    const qint64 epoch = qEnvironmentVariable("SOURCE_DATE_EPOCH").toLongLong(&ok);
    if (ok && epoch >= 0)
        return QDateTime::fromSecsSinceEpoch(epoch, QTimeZone::utc()).date();
    return QDate::currentDate();
}

Date today()
{
    const QDate d = reportDate();
    return Date{d.year(), d.month(), d.day()};
}

/// Reports and charts are drawn with Qt's painters, which need a QApplication. Nothing is shown,
/// so the offscreen platform serves unless the user chose one: no display server is needed, and
/// a stale DISPLAY (ssh, cron) cannot abort the command. Returns the application it created (or
/// null when one exists already); on failure says why in `error`.
std::unique_ptr<QApplication> ensureApplication(bool &ok, std::string &error)
{
    ok = true;
    if (qobject_cast<QApplication *>(QCoreApplication::instance()))
        return nullptr;
    if (QCoreApplication::instance()) {
        ok = false;
        error = "drawing needs a QApplication, and another kind of application is running";
        return nullptr;
    }
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    static int argc = 1;
    static char name[] = "roi-workbench";
    static char *argv[] = {name, nullptr};
    return std::make_unique<QApplication>(argc, argv);
}

std::vector<std::string> kpiRow(const std::string &label, const CaseResult &r,
                                const std::string &cur)
{
    const Kpis &k = r.kpis;
    return {label,
            formatMoney(k.tco, cur),
            formatMoney(k.hardBenefit, cur),
            formatKpi(k.roiPercent, KpiFormat::Percent, cur),
            formatMoney(k.npv, cur),
            formatKpi(k.irrAnnual, KpiFormat::Irr, cur)
                + (k.irrCount > 1 ? " (nearest zero of " + std::to_string(k.irrCount) + ")"
                                  : std::string()),
            formatKpi(k.paybackMonth, KpiFormat::Month, cur),
            formatKpi(k.costPerOutcome, KpiFormat::UnitCost, cur),
            formatKpi(k.costPerInference, KpiFormat::UnitCost, cur)};
}

const std::vector<std::string> kHeader = {"Scenario", "TCO",          "Hard benefit",
                                          "ROI",      "NPV",          "IRR (annual)",
                                          "Payback",  "Cost/outcome", "Cost/inference"};

void printText(std::ostream &out, const Workbook &wb, const Results &res, int scenario)
{
    const std::string &cur = wb.settings.currency;
    out << wb.settings.name << " — " << res.months << " months from " << res.startMonth.toString()
        << ", " << cur << ", discount rate " << formatPercent(wb.settings.discountRate)
        << " a year\n";
    auto wanted = [&](std::size_t s) {
        return scenario < 0 || static_cast<int>(s) == scenario;
    };
    for (int u = 0; u < res.useCaseCount; ++u) {
        const UseCase &uc = wb.useCases[static_cast<std::size_t>(u)];
        out << "\n" << uc.name << "\n";
        std::vector<std::vector<std::string>> rows{kHeader};
        for (std::size_t s = 0; s < res.scenarios.size(); ++s) {
            if (wanted(s))
                rows.push_back(kpiRow(res.scenarios[s], res.at(u, static_cast<int>(s)), cur));
        }
        out << textTable(rows);
        const int shown = scenario < 0 ? 0 : scenario;
        const CaseResult &r = res.at(u, shown);
        const RunRate &rr = r.runRate;
        out << "  Run rate (" << res.scenarios[static_cast<std::size_t>(shown)]
            << ", steady month): TCO " << formatMoney(rr.tco, cur) << " a month";
        bool first = true;
        for (std::size_t i = 0; i < uc.layers.size(); ++i) {
            if (uc.layers[i].type == LayerType::OneTime)
                continue; // the run rate leaves one-time costs out
            out << (first ? " = " : " + ") << uc.layers[i].name << " "
                << formatMoney(rr.costByLayer[i], cur);
            first = false;
        }
        out << "\n  " << formatKpi(rr.costPerUnit, KpiFormat::UnitCost, cur) << " per "
            << uc.baseline.unit << " against "
            << formatKpi(rr.invoicePerUnit, KpiFormat::UnitCost, cur)
            << " from the model invoice alone; "
            << formatKpi(rr.costPerOutcome, KpiFormat::UnitCost, cur) << " per " << uc.outcome.name
            << "\n";
        if (r.levers.active) {
            std::istringstream block(leverBlockText(wb, r, "Savings levers", false));
            for (std::string line; std::getline(block, line);)
                out << "  " << line << "\n";
        }
    }
    if (res.useCaseCount > 1) {
        out << "\nPortfolio (" << res.useCaseCount << " use cases)\n";
        std::vector<std::vector<std::string>> rows{kHeader};
        for (std::size_t s = 0; s < res.scenarios.size(); ++s) {
            if (wanted(s))
                rows.push_back(kpiRow(res.scenarios[s], res.portfolio[s], cur));
        }
        out << textTable(rows);
    }
    if (!res.findings.empty()) {
        out << "\nModel checks\n";
        for (const Finding &f : res.findings) {
            if (!f.scenario.empty() && scenario >= 0
                && f.scenario != res.scenarios[static_cast<std::size_t>(scenario)])
                continue;
            out << "  " << enumLabel(f.severity) << ": " << f.message << "\n"
                << "      input: " << f.input << "\n"
                << "      fix: " << f.fix << "\n";
        }
    }
}

int resolveScenario(const Options &o, const Results &res, std::ostream &err)
{
    if (!o.scenarioGiven)
        return -1;
    for (std::size_t s = 0; s < res.scenarios.size(); ++s) {
        if (QString::fromStdString(res.scenarios[s])
                .compare(QString::fromStdString(o.scenario), Qt::CaseInsensitive)
            == 0)
            return static_cast<int>(s);
    }
    err << "roi-workbench: no scenario named '" << o.scenario << "'; the workbook has";
    for (const auto &s : res.scenarios)
        err << " '" << s << "'";
    err << "\n";
    return -2;
}

int runCompute(const Options &o, std::ostream &out, std::ostream &err)
{
    const std::string format = o.format.empty() ? "text" : o.format;
    if (format != "text" && format != "json" && format != "csv") {
        err << "roi-workbench: unknown format '" << format << "' (use text, json or csv)\n";
        return ExitUsage;
    }
    int code = ExitOk;
    const auto wb = load(o.file, err, code, false);
    if (!wb)
        return code;
    ComputeOptions options;
    options.today = today();
    const Results res = compute(*wb, options);
    const int scenario = resolveScenario(o, res, err);
    if (scenario == -2)
        return ExitUsage;
    // Issue 13: plan vs actual in json and csv when actuals were imported (rules alone, as in
    // the portfolio example, add nothing); text prints its section as before.
    const bool planActual = !wb->actuals.imports.empty();
    const auto pva = [&] {
        return buildPlanActual(*wb, res, {"", std::max(0, scenario), std::nullopt});
    };
    if (format == "json" && planActual) {
        auto j = nlohmann::json::parse(resultsJson(*wb, res, scenario));
        j["planVsActual"] = planActualJson(pva());
        out << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    } else if (format == "json") {
        out << resultsJson(*wb, res, scenario);
    } else if (format == "csv") {
        writeSeriesCsv(out, *wb, res, scenario); // streamed: no 20 MB string for 200 use cases
        // With actuals, a second table after an empty line.
        if (planActual)
            out << "\r\n" << planActualMonthsCsv(pva());
    } else {
        printText(out, *wb, res, scenario);
    }
    if (format == "text" && !wb->actuals.isEmpty())
        out << "\n" << planActualText(pva());
    return ExitOk;
}

int runLevers(const Options &o, std::ostream &out, std::ostream &err)
{
    if (!isLeversFormat(o.format)) {
        err << "roi-workbench: unknown format '" << o.format << "' (use text, json or csv)\n";
        return ExitUsage;
    }
    int code = ExitOk;
    const auto wb = load(o.file, err, code, false);
    if (!wb)
        return code;
    const Results res = compute(*wb, ComputeOptions{today(), true});
    const int scenario = resolveScenario(o, res, err);
    if (scenario == -2)
        return ExitUsage;
    printLevers(*wb, res, scenario, o.format, out);
    return ExitOk;
}

int runValidate(const Options &o, std::ostream &out, std::ostream &err)
{
    int code = ExitOk;
    const auto wb = load(o.file, err, code, true);
    if (!wb)
        return code;
    const Results res = compute(*wb, ComputeOptions{today(), true});
    int errors = 0;
    for (const Finding &f : res.findings) {
        out << o.file << ": " << enumName(f.severity) << ": " << f.input << ": " << f.message
            << "\n";
        errors += f.severity == Severity::Error ? 1 : 0;
    }
    out << o.file << ": " << (errors > 0 ? "readable workbook" : "valid workbook") << ", "
        << wb->useCases.size() << " use case(s), " << res.findings.size()
        << " model check finding(s), " << errors << " of them errors\n";
    // A model check of severity error (a token layer priced from a model that is not in the
    // price book, the invoice taken for the whole cost...) makes the numbers wrong, so
    // validation fails on it as it does on a file error.
    return errors > 0 ? ExitInvalid : ExitOk;
}

/// report --format memo: the one-page decision memo (export/memo.h) as PDF. runReport has
/// checked the arguments and computed the workbook.
int writeMemo(const Workbook &wb, const Results &res, int scenario, const Options &o,
              std::ostream &out, std::ostream &err)
{
    bool ok = true;
    std::string error;
    const auto app = ensureApplication(ok, error);
    if (!ok) {
        err << "roi-workbench: " << error << "\n";
        return ExitIo;
    }
    MemoOptions options;
    options.scenario = scenario;
    options.today = reportDate();
    QString ioError;
    const QString path = QString::fromStdString(o.output);
    if (!writeMemoPdf(wb, res, options, path, &ioError)) {
        err << "roi-workbench: " << utf8(ioError) << "\n";
        return ExitIo;
    }
    out << "wrote " << utf8(path) << "\n";
    return ExitOk;
}

/// --sections, --rank-by and --section into the report options; false with a message.
bool reportScope(const Options &o, ReportOptions &options, std::ostream &err)
{
    const std::string &sections = o.sections;
    if (!o.sectionNames.empty()) {
        if (!sections.empty()) {
            err << "roi-workbench: give either --sections or --section NAME, not both\n";
            return false;
        }
        options.sections = UseCaseSections::Named;
        for (const std::string &name : o.sectionNames)
            options.sectionNames << QString::fromStdString(name);
    } else if (sections.empty() || sections == "auto") {
        options.sections = UseCaseSections::Auto;
    } else if (sections == "all") {
        options.sections = UseCaseSections::All;
    } else if (sections == "none") {
        options.sections = UseCaseSections::None;
    } else if (sections == "top" || sections.rfind("top:", 0) == 0) {
        options.sections = UseCaseSections::Top;
        if (sections != "top") {
            bool ok = false;
            options.topCount = QString::fromStdString(sections.substr(4)).toInt(&ok);
            if (!ok || options.topCount < 0) {
                err << "roi-workbench: --sections top:N needs a whole number N >= 0\n";
                return false;
            }
        }
    } else {
        err << "roi-workbench: unknown --sections '" << sections
            << "' (use auto, all, none or top:N)\n";
        return false;
    }
    if (!o.rankBy.empty()) {
        const auto kpi = rankKpiFromName(QString::fromStdString(o.rankBy));
        if (!kpi) {
            err << "roi-workbench: unknown --rank-by '" << o.rankBy
                << "' (use npv, roi, payback or benefit)\n";
            return false;
        }
        options.rankBy = *kpi;
    }
    return true;
}

int runReport(const Options &o, std::ostream &out, std::ostream &err)
{
    if (o.format.empty() || o.output.empty()) {
        err << "roi-workbench: report needs --format and -o OUT\n\n" << usage();
        return ExitUsage;
    }
    const bool memo = o.format == "memo";
    const auto format = reportFormatFromName(QString::fromStdString(o.format));
    if (!memo && !format) {
        err << "roi-workbench: unknown report format '" << o.format
            << "' (use pdf, html, csv, xlsx, xlsx-values or json)\n";
        return ExitUsage;
    }
    if (o.useCaseGiven || !o.chart.empty()) {
        err << "roi-workbench: report takes no --use-case or --chart (see the chart command)\n";
        return ExitUsage;
    }
    if (o.trialSamples && format != ReportFormat::Csv && format != ReportFormat::Xlsx) {
        err << "roi-workbench: --trial-samples is for --format csv or xlsx\n";
        return ExitUsage;
    }
    // A slip of the keyboard (-o the workbook itself) would replace the workbook with its report.
    const QFileInfo input(QString::fromStdString(o.file));
    const QFileInfo output(QString::fromStdString(o.output));
    if (output.exists() && input.exists()
        && output.canonicalFilePath() == input.canonicalFilePath()) {
        err << "roi-workbench: -o " << o.output
            << " is the workbook itself; choose another output file\n";
        return ExitUsage;
    }
    int code = ExitOk;
    const auto wb = load(o.file, err, code, false);
    if (!wb)
        return code;
    const Results res = compute(*wb, ComputeOptions{today(), true});
    const int scenario = resolveScenario(o, res, err);
    if (scenario == -2)
        return ExitUsage;
    if (memo)
        return writeMemo(*wb, res, scenario, o, out, err);
    std::unique_ptr<QApplication> app;
    if (reportFormatNeedsGui(*format)) {
        bool ok = true;
        std::string error;
        app = ensureApplication(ok, error);
        if (!ok) {
            err << "roi-workbench: " << error << "\n";
            return ExitIo;
        }
    }
    ReportOptions options;
    if (!reportScope(o, options, err))
        return ExitUsage;
    options.scenario = scenario;
    options.outputPath = QString::fromStdString(o.output);
    options.today = reportDate();
    options.includeTrialSamples = o.trialSamples;
    QString ioError;
    QStringList written;
    if (!exportReport(*wb, res, *format, options, &ioError, &written)) {
        err << "roi-workbench: " << utf8(ioError) << "\n";
        return ExitIo;
    }
    for (const QString &path : written)
        out << "wrote " << utf8(path) << "\n";
    return ExitOk;
}

int runChart(const Options &o, std::ostream &out, std::ostream &err)
{
    if (o.chart.empty() || o.output.empty()) {
        err << "roi-workbench: chart needs --chart KIND and -o OUT\n\n" << usage();
        return ExitUsage;
    }
    const auto kind = chartKindFromId(QString::fromStdString(o.chart));
    if (!kind) {
        err << "roi-workbench: unknown chart '" << o.chart << "' (use";
        for (ChartKind k : kAllChartKinds)
            err << " " << utf8(chartId(k));
        err << ")\n";
        return ExitUsage;
    }
    if (!chartFormatFromPath(QString::fromStdString(o.output))) {
        err << "roi-workbench: " << o.output << ": a chart is written as .png, .pdf or .svg\n";
        return ExitUsage;
    }
    if (!o.format.empty()) {
        err << "roi-workbench: chart takes its format from the suffix of OUT, not --format\n";
        return ExitUsage;
    }
    int code = ExitOk;
    const auto wb = load(o.file, err, code, false);
    if (!wb)
        return code;
    const Results res = compute(*wb, ComputeOptions{today(), false});
    int scenario = resolveScenario(o, res, err);
    if (scenario == -2)
        return ExitUsage;
    if (scenario < 0)
        scenario = std::max(0, res.findScenario(kBaseScenario));
    // Comparison and a workbook of several use cases default to the portfolio.
    int useCase = *kind == ChartKind::Comparison || res.useCaseCount != 1 ? -1 : 0;
    if (o.useCaseGiven) {
        const QString wanted = QString::fromStdString(o.useCase);
        useCase = -2;
        if (wanted.compare(QStringLiteral("portfolio"), Qt::CaseInsensitive) == 0)
            useCase = -1;
        for (int u = 0; u < res.useCaseCount && useCase == -2; ++u) {
            if (QString::fromStdString(wb->useCases[static_cast<std::size_t>(u)].name)
                    .compare(wanted, Qt::CaseInsensitive)
                == 0)
                useCase = u;
        }
        if (useCase == -2) {
            err << "roi-workbench: no use case named '" << o.useCase << "'; the workbook has";
            for (const UseCase &uc : wb->useCases)
                err << " '" << uc.name << "'";
            err << " (or use 'portfolio')\n";
            return ExitUsage;
        }
    }
    bool ok = true;
    std::string error;
    const auto app = ensureApplication(ok, error);
    if (!ok) {
        err << "roi-workbench: " << error << "\n";
        return ExitIo;
    }
    QString ioError;
    if (!exportChart(*wb, res, *kind, useCase, scenario, QString::fromStdString(o.output),
                     &ioError)) {
        err << "roi-workbench: " << utf8(ioError) << "\n";
        return ExitIo;
    }
    out << "wrote " << o.output << "\n";
    return ExitOk;
}

} // namespace

namespace {

bool isCommand(const std::string &arg)
{
    static const char *kCommands[] = {"compute", "validate", "report", "chart",
                                      "help",    "--help",   "-h",     "--version",
                                      "-v",      "levers",   "analyze"};
    if (isSensitivityCommand(arg) || isActualsCommand(arg))
        return true;
    return std::any_of(std::begin(kCommands), std::end(kCommands),
                       [&](const char *c) { return arg == c; });
}

/// Why `args` cannot open the window, or empty when they can: the window takes at most one
/// file plus the options QApplication understands itself (-platform, -style...).
std::string windowArgumentError(const std::vector<std::string> &args)
{
    struct QtOption
    {
        const char *name;
        bool takesValue;
    };
    static const QtOption kQtOptions[] = {{"platform", true},
                                          {"platformpluginpath", true},
                                          {"platformtheme", true},
                                          {"plugin", true},
                                          {"qwindowgeometry", true},
                                          {"qwindowtitle", true},
                                          {"qwindowicon", true},
                                          {"display", true},
                                          {"geometry", true},
                                          {"style", true},
                                          {"stylesheet", true},
                                          {"session", true},
                                          {"reverse", false},
                                          {"widgetcount", false},
                                          {"nograb", false},
                                          {"dograb", false},
                                          {"sync", false}};
    std::string file;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string &a = args[i];
        if (a.size() > 1 && a[0] == '-') {
            // Qt takes -name and --name, and -name=value for some.
            std::string name = a.substr(a[1] == '-' ? 2 : 1);
            const bool inlineValue = name.find('=') != std::string::npos;
            name = name.substr(0, name.find('='));
            const auto *qt = std::find_if(std::begin(kQtOptions), std::end(kQtOptions),
                                          [&](const QtOption &o) { return name == o.name; });
            if (qt == std::end(kQtOptions))
                return "unknown option " + a;
            if (qt->takesValue && !inlineValue && ++i >= args.size())
                return a + " needs a value";
        } else if (file.empty()) {
            file = a;
        } else if (!QFileInfo::exists(QString::fromLocal8Bit(file.c_str()))
                   && !file.ends_with(".roiwb")) {
            return "unknown command '" + file + "'";
        } else {
            return "the window opens one file at a time; unexpected argument " + a;
        }
    }
    return {};
}

} // namespace

bool isCommandLine(const std::vector<std::string> &args)
{
    return !args.empty() && (isCommand(args[0]) || !windowArgumentError(args).empty());
}

int runCommandLine(const std::vector<std::string> &args, std::ostream &out, std::ostream &err)
{
    if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
        out << "roi-workbench " << ROI_VERSION << " — model the return on AI spend\n\n" << usage();
        return ExitOk;
    }
    if (args[0] == "--version" || args[0] == "-v") {
        out << "roi-workbench " << ROI_VERSION << "\n";
        return ExitOk;
    }
    if (args[0] == "analyze")
        return runAnalyze(args, out, err);
    if (isSensitivityCommand(args[0]))
        return runSensitivityCommand(args, out, err);
    if (isActualsCommand(args[0]))
        return runActualsCommand(args, out, err);
    Options o;
    std::string error = isCommand(args[0]) ? std::string() : windowArgumentError(args);
    if (!error.empty() || !parseOptions(args, o, error)) {
        err << "roi-workbench: " << error << "\n\n" << usage();
        return ExitUsage;
    }
    if (o.command != "report" && o.trialSamples) {
        err << "roi-workbench: --trial-samples belongs to the report command\n";
        return ExitUsage;
    }
    if (o.command != "report"
        && (!o.sections.empty() || !o.rankBy.empty() || !o.sectionNames.empty())) {
        err << "roi-workbench: --sections, --rank-by and --section belong to the report "
               "command\n";
        return ExitUsage;
    }
    if (o.command == "compute")
        return runCompute(o, out, err);
    if (o.command == "validate")
        return runValidate(o, out, err);
    if (o.command == "report")
        return runReport(o, out, err);
    if (o.command == "chart")
        return runChart(o, out, err);
    if (o.command == "levers")
        return runLevers(o, out, err);
    err << "roi-workbench: unknown command '" << o.command << "'\n\n" << usage();
    return ExitUsage;
}

} // namespace roi
