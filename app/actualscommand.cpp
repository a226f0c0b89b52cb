#include "actualscommand.h"

#include "actualsimport.h"
#include "commandline.h"
#include "filebytes.h"

#include "actuals/report.h"
#include "csvwriter.h"
#include "format.h"
#include "workbookfile.h"

#include <QFileInfo>
#include <QString>

#include <nlohmann/json.hpp>

#include <charconv>
#include <cmath>
#include <map>
#include <optional>
#include <ostream>

namespace roi {

const char *const kActualsUsage =
    "  roi-workbench import WORKBOOK SOURCE... [--format auto|focus|openai|anthropic|litellm|csv]\n"
    "                        [--mapping NAME] [--rate CUR=X]... [--on-overlap replace|keep|fail]\n"
    "                        [-o OUT]             import usage/cost exports into the workbook's\n"
    "                                             actuals (monthly roll-up + audit trail); writes\n"
    "                                             OUT, or WORKBOOK in place keeping WORKBOOK~;\n"
    "                                             --rate: 1 CUR = X of the workbook's currency\n"
    "  roi-workbench actuals WORKBOOK [--by "
    "use-case|model|feature|team|customer|provider|project]\n"
    "                        [--format text|json|csv]\n"
    "                                             monthly actual cost by use case (or another\n"
    "                                             key), totals, coverage, price-book check\n";

namespace {

constexpr std::size_t kShownIssues = 5;

struct Args
{
    std::string command;
    std::vector<std::string> files; // WORKBOOK then SOURCE...
    std::string format;
    std::string mapping;
    std::vector<std::string> rates;
    std::string onOverlap;
    std::string output;
    std::string by;
    bool ok = true;
    std::string error;
};

Args parse(const std::vector<std::string> &args)
{
    Args a;
    a.command = args.at(0);
    std::vector<std::string *> seen;
    for (std::size_t i = 1; i < args.size() && a.ok; ++i) {
        const std::string &s = args[i];
        auto value = [&](std::string &into) {
            if (i + 1 >= args.size()) {
                a.ok = false;
                a.error = s + " needs a value";
                return;
            }
            if (std::find(seen.begin(), seen.end(), &into) != seen.end()) {
                a.ok = false;
                a.error = s + " is given twice";
                return;
            }
            seen.push_back(&into);
            into = args[++i];
        };
        const bool import = a.command == "import";
        if (s == "--format" || s == "-f") {
            value(a.format);
        } else if (import && s == "--mapping") {
            value(a.mapping);
        } else if (import && s == "--rate") {
            if (i + 1 >= args.size()) {
                a.ok = false;
                a.error = s + " needs a value";
            } else {
                a.rates.push_back(args[++i]);
            }
        } else if (import && s == "--on-overlap") {
            value(a.onOverlap);
        } else if (import && (s == "-o" || s == "--output")) {
            value(a.output);
        } else if (!import && s == "--by") {
            value(a.by);
        } else if (s.size() > 1 && s[0] == '-') {
            a.ok = false;
            a.error = "unknown option " + s + " for " + a.command;
        } else {
            a.files.push_back(s);
        }
    }
    if (a.ok && a.files.empty()) {
        a.ok = false;
        a.error = a.command + " needs a WORKBOOK";
    } else if (a.ok && a.command == "import" && a.files.size() < 2) {
        a.ok = false;
        a.error = "import needs at least one SOURCE file after the WORKBOOK";
    } else if (a.ok && a.command == "actuals" && a.files.size() > 1) {
        a.ok = false;
        a.error = "unexpected argument " + a.files[1];
    }
    return a;
}

std::optional<Workbook> loadWorkbook(const std::string &file, std::ostream &err, int &exitCode)
{
    QString ioError;
    const auto bytes = readFileBytes(QString::fromStdString(file), limits::kMaxFileBytes, &ioError);
    if (!bytes) {
        err << "roi-workbench: " << ioError.toStdString() << "\n";
        exitCode = ExitIo;
        return std::nullopt;
    }
    LoadResult result =
        readWorkbook(std::string_view(bytes->constData(), static_cast<std::size_t>(bytes->size())));
    for (const Diagnostic &d : result.diagnostics) {
        if (d.severity == Severity::Error)
            err << file << ": " << d.toString() << "\n";
    }
    if (!result.ok()) {
        exitCode = ExitInvalid;
        return std::nullopt;
    }
    return std::move(result.workbook);
}

std::optional<actuals::CurrencyRate> parseRate(const std::string &text)
{
    const auto eq = text.find('=');
    if (eq != 3)
        return std::nullopt;
    actuals::CurrencyRate r;
    r.currency = text.substr(0, 3);
    for (char c : r.currency) {
        if (c < 'A' || c > 'Z')
            return std::nullopt;
    }
    const char *first = text.data() + 4;
    const char *last = text.data() + text.size();
    const auto res = std::from_chars(first, last, r.rate);
    if (res.ec != std::errc() || res.ptr != last || !std::isfinite(r.rate) || !(r.rate > 0))
        return std::nullopt;
    return r;
}

std::string count(std::uint64_t n)
{
    return std::to_string(n);
}

int runImport(const Args &a, std::ostream &out, std::ostream &err)
{
    auto usageError = [&](const std::string &message) {
        err << "roi-workbench: " << message << "\n";
        return static_cast<int>(ExitUsage);
    };
    actuals::SourceFormat format = actuals::SourceFormat::Auto;
    if (!a.format.empty() && a.format != "auto") {
        const auto f = actuals::formatFromName(a.format);
        if (!f)
            return usageError("unknown --format '" + a.format
                              + "'; use auto, focus, openai, anthropic, litellm or csv");
        format = *f;
    }
    actuals::OverlapChoice choice = actuals::OverlapChoice::Fail;
    if (!a.onOverlap.empty()) {
        const auto c = actuals::overlapFromName(a.onOverlap);
        if (!c)
            return usageError("--on-overlap must be replace, keep or fail");
        choice = *c;
    }
    std::vector<actuals::CurrencyRate> rates;
    for (const std::string &r : a.rates) {
        const auto rate = parseRate(r);
        if (!rate)
            return usageError("--rate must be CUR=X with a three-letter currency and a rate > 0, "
                              "e.g. EUR=1.08; got '"
                              + r + "'");
        rates.push_back(*rate);
    }
    int exitCode = ExitOk;
    const std::string &workbookFile = a.files.front();
    std::optional<Workbook> wb = loadWorkbook(workbookFile, err, exitCode);
    if (!wb)
        return exitCode;
    std::optional<actuals::ColumnMapping> mapping;
    if (!a.mapping.empty()) {
        const actuals::ColumnMapping *m = wb->actuals.findMapping(a.mapping);
        if (!m) {
            std::string names;
            for (const auto &e : wb->actuals.mappings)
                names += (names.empty() ? "" : ", ") + ("'" + e.name + "'");
            return usageError("the workbook has no column mapping '" + a.mapping + "'"
                              + (names.empty() ? std::string(" (it has none; set one up in the "
                                                             "window's Import Actuals dialog)")
                                               : "; it has " + names));
        }
        mapping = *m; // used for the files no format recognises (and for --format csv)
    }
    if (format == actuals::SourceFormat::MappedCsv && !mapping)
        return usageError("--format csv needs --mapping NAME (a column mapping saved in the "
                          "workbook)");
    for (const actuals::CurrencyRate &r : rates) {
        if (r.currency == wb->settings.currency)
            return usageError("--rate " + r.currency + " is the workbook's own currency");
    }

    bool changed = false;
    for (std::size_t i = 1; i < a.files.size(); ++i) {
        const std::string &source = a.files[i];
        ActualsImportRequest request;
        request.path = QString::fromStdString(source);
        request.format = format;
        request.mapping = mapping;
        request.rates = rates;
        const ActualsImportOutcome o = runActualsImport(*wb, request);
        const actuals::ImportStats &s = o.result.stats;
        if (o.ok || o.result.ok) {
            out << source << ": "
                << (s.formatDetail.empty() ? std::string(actuals::formatLabel(s.format))
                                           : s.formatDetail)
                << ": read " << count(s.rowsRead) << ", used " << count(s.rowsUsed) << ", refused "
                << count(s.rowsRefused) << ", skipped " << count(s.rowsSkipped);
            if (!s.firstDay.isNull())
                out << "; " << s.firstDay.toString() << " to " << s.lastDay.toString();
            out << "\n";
            for (std::size_t k = 0; k < s.issues.size() && k < kShownIssues; ++k) {
                const actuals::ImportIssue &is = s.issues[k];
                out << "  " << is.file << ":" << is.line << ":" << is.column << ": " << is.message
                    << "\n";
            }
            if (s.rowsRefused > kShownIssues)
                out << "  ... and " << (s.rowsRefused - kShownIssues) << " more refused rows\n";
            if (o.ok && o.pending.record.rowsUnpriced > 0)
                out << "  " << o.pending.record.rowsUnpriced
                    << " rows without a cost have no price-book rate: counted at 0\n";
        }
        if (!o.ok) {
            const bool unreadable = !o.result.ok && o.result.stats.rowsRead == 0
                                    && !QFileInfo(request.path).isReadable();
            err << "roi-workbench: " << source << ": " << o.error << "\n";
            err << "roi-workbench: nothing imported; " << workbookFile << " is unchanged\n";
            return unreadable ? ExitIo : ExitInvalid;
        }
        const actuals::ApplyResult applied = actuals::applyImport(wb->actuals, o.pending, choice);
        switch (applied.outcome) {
        case actuals::ApplyResult::Outcome::Duplicate:
            out << "  " << applied.message << "\n";
            break;
        case actuals::ApplyResult::Outcome::Refused:
            err << "roi-workbench: " << applied.message << " (--on-overlap replace|keep)\n";
            err << "roi-workbench: nothing imported; " << workbookFile << " is unchanged\n";
            return ExitInvalid;
        case actuals::ApplyResult::Outcome::Applied:
            if (!applied.message.empty())
                out << "  " << applied.message << "\n";
            wb->actuals = applied.actuals;
            changed = true;
            break;
        }
    }
    const std::string target = a.output.empty() ? workbookFile : a.output;
    if (!changed && a.output.empty()) {
        out << "nothing changed; " << workbookFile << " left as it was\n";
        return ExitOk;
    }
    const SaveResult saved = writeWorkbook(*wb);
    if (!saved.ok()) {
        for (const Diagnostic &d : saved.errors)
            err << target << ": " << d.toString() << "\n";
        err << "roi-workbench: nothing written\n";
        return ExitInvalid;
    }
    QString error;
    if (!writeFileAtomically(QString::fromStdString(target), QByteArray::fromStdString(saved.text),
                             true, &error)) {
        err << "roi-workbench: " << error.toStdString() << "\n";
        return ExitIo;
    }
    out << "wrote " << target << "\n";
    return ExitOk;
}

// ---------------------------------------------------------------------------------------------
// actuals

std::string monthCost(double v, const std::string &cur)
{
    return v == 0 ? std::string("-") : formatMoney(v, cur);
}

std::string share(const std::optional<double> &v)
{
    return v ? formatPercent(*v) : std::string("n/a (no cost)");
}

/// The roll-up's ISO weeks summed over imports, in order.
std::vector<std::pair<std::string, actuals::Measures>> weeklyTotals(const Workbook &wb)
{
    std::map<std::string, actuals::Measures> sum;
    for (const actuals::WeekRow &w : wb.actuals.table().weeks)
        sum[w.week] += w.m;
    return {sum.begin(), sum.end()};
}

void printText(const Workbook &wb, const actuals::Report &r, std::ostream &out)
{
    const std::string &cur = wb.settings.currency;
    out << "Actuals of " << wb.settings.name << " by " << actuals::dimensionName(r.by) << " ("
        << cur << ")";
    if (!r.months.empty())
        out << ", " << r.months.front().toString() << " to " << r.months.back().toString();
    out << "; " << wb.actuals.imports.size() << " import(s)\n";
    if (r.months.empty()) {
        out << "  no actuals imported (roi-workbench import WORKBOOK SOURCE...)\n";
        return;
    }
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> head{std::string(actuals::dimensionName(r.by))};
    for (const YearMonth &m : r.months)
        head.push_back(m.toString());
    head.push_back("Total");
    rows.push_back(head);
    for (std::size_t k = 0; k < r.keys.size(); ++k) {
        std::vector<std::string> row{r.keys[k]};
        for (const actuals::Measures &m : r.cells[k])
            row.push_back(monthCost(m.cost, cur));
        row.push_back(formatMoney(r.keyTotals[k].cost, cur));
        rows.push_back(std::move(row));
    }
    std::vector<std::string> total{"Total"};
    for (const actuals::Measures &m : r.monthTotals)
        total.push_back(formatMoney(m.cost, cur));
    total.push_back(formatMoney(r.total.cost, cur));
    rows.push_back(std::move(total));
    std::vector<std::string> coverage{"Coverage"};
    for (const auto &c : r.monthCoverage)
        coverage.push_back(c ? formatPercent(*c) : "n/a");
    coverage.push_back(share(r.coverage));
    rows.push_back(std::move(coverage));
    out << "\nMonthly cost\n" << textTable(rows);

    rows.clear();
    rows.push_back({std::string(actuals::dimensionName(r.by)), "Input tokens", "Cached read",
                    "Cache write", "Output tokens", "Requests", "Cost", "Per request",
                    "Per 1M tokens"});
    auto line = [&](const std::string &key, const actuals::Measures &m) {
        const actuals::UnitCosts u = actuals::unitCosts(m);
        rows.push_back({key, formatNumber(m.uncachedInput, 0), formatNumber(m.cacheReadInput, 0),
                        formatNumber(m.cacheWriteInput, 0), formatNumber(m.outputTokens, 0),
                        formatNumber(m.requests, 0), formatMoney(m.cost, cur),
                        u.perRequest ? formatUnitCost(*u.perRequest, cur) : "n/a",
                        u.perMillionTokens ? formatUnitCost(*u.perMillionTokens, cur) : "n/a"});
    };
    for (std::size_t k = 0; k < r.keys.size(); ++k)
        line(r.keys[k], r.keyTotals[k]);
    line("Total", r.total);
    out << "\nTotals and unit costs\n" << textTable(rows);

    out << "\nCoverage: " << share(r.coverage) << " of the cost is attributed to use cases by "
        << wb.actuals.rules.size() << " rule(s); unattributed cost is "
        << (r.allocation == actuals::AllocationMode::Unallocated
                ? std::string("kept as (unallocated)")
                : "allocated pro rata by " + std::string(actuals::allocationName(r.allocation)))
        << "; " << formatMoney(r.unallocatedCost, cur) << " unallocated.\n";
    out << "Price book: reported cost " << formatMoney(r.reportedCost, cur) << " against "
        << formatMoney(r.priceBookCost, cur) << " at the price book's rates"
        << " (difference " << formatMoney(r.reportedCost - r.priceBookCost, cur) << "); "
        << formatMoney(r.estimatedCost, cur) << " estimated from the price book";
    if (r.unpricedRows > 0)
        out << "; " << r.unpricedRows << " row(s) without a cost or a rate counted at 0";
    out << ".\n";
    // Issue 13: by ISO week, where the imports' records carried days (every use case).
    const std::vector<std::pair<std::string, actuals::Measures>> weeks = weeklyTotals(wb);
    if (!weeks.empty()) {
        std::vector<std::vector<std::string>> rows = {{"Week", "Requests", "Tokens", "Cost"}};
        for (const auto &[week, m] : weeks)
            rows.push_back({week, formatNumber(m.requests, 0), formatNumber(m.tokens(), 0),
                            formatMoney(m.cost, cur)});
        out << "\nBy ISO week (imports with daily records):\n" << textTable(rows);
    }
}

nlohmann::ordered_json measuresJson(const actuals::Measures &m)
{
    nlohmann::ordered_json j;
    j["uncachedInput"] = m.uncachedInput;
    j["cacheReadInput"] = m.cacheReadInput;
    j["cacheWriteInput"] = m.cacheWriteInput;
    j["outputTokens"] = m.outputTokens;
    j["requests"] = m.requests;
    j["outcomes"] = m.outcomes;
    j["cost"] = m.cost;
    return j;
}

nlohmann::ordered_json optional(const std::optional<double> &v)
{
    return v ? nlohmann::ordered_json(*v) : nlohmann::ordered_json();
}

void printJson(const Workbook &wb, const actuals::Report &r, std::ostream &out)
{
    nlohmann::ordered_json j;
    j["workbook"] = wb.settings.name;
    j["currency"] = wb.settings.currency;
    j["by"] = std::string(actuals::dimensionName(r.by));
    j["allocation"] = std::string(actuals::allocationName(r.allocation));
    nlohmann::ordered_json months = nlohmann::ordered_json::array();
    for (const YearMonth &m : r.months)
        months.push_back(m.toString());
    j["months"] = months;
    nlohmann::ordered_json rows = nlohmann::ordered_json::array();
    for (std::size_t k = 0; k < r.keys.size(); ++k) {
        nlohmann::ordered_json row;
        row["key"] = r.keys[k];
        nlohmann::ordered_json cells = nlohmann::ordered_json::array();
        for (std::size_t m = 0; m < r.months.size(); ++m) {
            nlohmann::ordered_json c = measuresJson(r.cells[k][m]);
            c["month"] = r.months[m].toString();
            cells.push_back(std::move(c));
        }
        row["months"] = std::move(cells);
        row["total"] = measuresJson(r.keyTotals[k]);
        const actuals::UnitCosts u = actuals::unitCosts(r.keyTotals[k]);
        row["costPerRequest"] = optional(u.perRequest);
        row["costPerOutcome"] = optional(u.perOutcome);
        rows.push_back(std::move(row));
    }
    j["rows"] = std::move(rows);
    nlohmann::ordered_json monthTotals = nlohmann::ordered_json::array();
    for (std::size_t m = 0; m < r.months.size(); ++m) {
        nlohmann::ordered_json c = measuresJson(r.monthTotals[m]);
        c["month"] = r.months[m].toString();
        c["coverage"] = optional(r.monthCoverage[m]);
        monthTotals.push_back(std::move(c));
    }
    j["monthTotals"] = std::move(monthTotals);
    j["total"] = measuresJson(r.total);
    j["coverage"] = optional(r.coverage);
    j["attributedCost"] = r.attributedCost;
    j["unallocatedCost"] = r.unallocatedCost;
    j["reportedCost"] = r.reportedCost;
    j["priceBookCost"] = r.priceBookCost;
    j["estimatedCost"] = r.estimatedCost;
    j["unpricedRows"] = r.unpricedRows;
    nlohmann::ordered_json imports = nlohmann::ordered_json::array();
    for (const actuals::ImportRecord &i : wb.actuals.imports) {
        imports.push_back({{"id", i.id},
                           {"file", i.fileName},
                           {"sha256", i.sha256},
                           {"format", i.format},
                           {"importedAt", i.importedAt},
                           {"firstDay", i.firstDay.toString()},
                           {"lastDay", i.lastDay.toString()},
                           {"rowsRead", i.rowsRead},
                           {"rowsUsed", i.rowsUsed},
                           {"rowsRefused", i.rowsRefused},
                           {"rowsSkipped", i.rowsSkipped}});
    }
    j["imports"] = std::move(imports);
    nlohmann::ordered_json weeks = nlohmann::ordered_json::array();
    for (const auto &[week, m] : weeklyTotals(wb)) {
        nlohmann::ordered_json e = measuresJson(m);
        e["week"] = week;
        weeks.push_back(std::move(e));
    }
    j["weeks"] = std::move(weeks);
    out << j.dump(2) << "\n";
}

void printCsv(const actuals::Report &r, std::ostream &out)
{
    CsvWriter w(&out);
    for (const char *h : {"key", "month", "uncachedInput", "cacheReadInput", "cacheWriteInput",
                          "outputTokens", "requests", "outcomes", "cost"})
        w.text(h);
    w.endRow();
    for (std::size_t k = 0; k < r.keys.size(); ++k) {
        for (std::size_t m = 0; m < r.months.size(); ++m) {
            const actuals::Measures &c = r.cells[k][m];
            w.text(r.keys[k]);
            w.text(r.months[m].toString());
            for (double v : {c.uncachedInput, c.cacheReadInput, c.cacheWriteInput, c.outputTokens,
                             c.requests, c.outcomes, c.cost})
                w.number(v);
            w.endRow();
        }
    }
    w.flush();
}

int runActuals(const Args &a, std::ostream &out, std::ostream &err)
{
    actuals::Dimension by = actuals::Dimension::UseCase;
    if (!a.by.empty()) {
        const auto d = actuals::dimensionFromName(a.by);
        if (!d) {
            err << "roi-workbench: --by must be use-case, model, feature, team, customer, "
                   "provider or project\n";
            return ExitUsage;
        }
        by = *d;
    }
    if (!a.format.empty() && a.format != "text" && a.format != "json" && a.format != "csv") {
        err << "roi-workbench: --format must be text, json or csv\n";
        return ExitUsage;
    }
    int exitCode = ExitOk;
    const std::optional<Workbook> wb = loadWorkbook(a.files.front(), err, exitCode);
    if (!wb)
        return exitCode;
    const actuals::Report report = actuals::buildReport(*wb, by);
    if (a.format == "json")
        printJson(*wb, report, out);
    else if (a.format == "csv")
        printCsv(report, out);
    else
        printText(*wb, report, out);
    return ExitOk;
}

} // namespace

bool isActualsCommand(const std::string &command)
{
    return command == "import" || command == "actuals";
}

int runActualsCommand(const std::vector<std::string> &args, std::ostream &out, std::ostream &err)
{
    const Args a = parse(args);
    if (!a.ok) {
        err << "roi-workbench: " << a.error << "\n\nUsage:\n" << kActualsUsage;
        return ExitUsage;
    }
    return a.command == "import" ? runImport(a, out, err) : runActuals(a, out, err);
}

} // namespace roi
