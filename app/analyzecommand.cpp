#include "analyzecommand.h"

#include "commandline.h"
#include "filebytes.h"
#include "montecarlorunner.h"

#include "analytics/summaryexport.h"
#include "workbookfile.h"

#include <QString>
#include <QThreadPool>

#include <algorithm>
#include <charconv>
#include <memory>
#include <ostream>

namespace roi {

namespace {

template<typename T>
bool parseNumber(const std::string &text, T &out)
{
    const char *end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, out);
    return ec == std::errc() && ptr == end;
}

} // namespace

int runAnalyze(const std::vector<std::string> &args, std::ostream &out, std::ostream &err)
{
    std::string file, trials, seed, sampling, scenario, format = "text", threads;
    std::vector<std::string> seen;
    auto usage = [&](const std::string &message) {
        err << "roi-workbench: " << message << "\n\nUsage:\n" << ROI_ANALYZE_USAGE;
        return static_cast<int>(ExitUsage);
    };
    for (std::size_t i = 1; i < args.size(); ++i) {
        const std::string &a = args[i];
        std::string *into = nullptr;
        if (a == "--trials" || a == "-n")
            into = &trials;
        else if (a == "--seed")
            into = &seed;
        else if (a == "--sampling")
            into = &sampling;
        else if (a == "--scenario" || a == "-s")
            into = &scenario;
        else if (a == "--format" || a == "-f")
            into = &format;
        else if (a == "--threads")
            into = &threads;
        if (into) {
            if (i + 1 >= args.size())
                return usage(a + " needs a value");
            const std::string key = a == "-n"   ? "--trials"
                                    : a == "-s" ? "--scenario"
                                    : a == "-f" ? "--format"
                                                : a;
            if (std::find(seen.begin(), seen.end(), key) != seen.end())
                return usage(a + " is given twice");
            seen.push_back(key);
            *into = args[++i];
        } else if (a.size() > 1 && a[0] == '-') {
            return usage("unknown option " + a);
        } else if (file.empty()) {
            file = a;
        } else {
            return usage("unexpected argument " + a);
        }
    }
    if (file.empty())
        return usage("analyze needs a FILE");
    if (format != "text" && format != "json" && format != "csv")
        return usage("unknown format '" + format + "' (use text, json or csv)");
    int trialCount = 0;
    if (!trials.empty()
        && (!parseNumber(trials, trialCount) || trialCount < 1 || trialCount > kMaxTrials))
        return usage("--trials must be a whole number from 1 to " + std::to_string(kMaxTrials));
    std::uint32_t seedValue = 0;
    if (!seed.empty() && !parseNumber(seed, seedValue))
        return usage("--seed must be a whole number from 0 to 4294967295");
    SamplingMethod method = SamplingMethod::LatinHypercube;
    if (!sampling.empty() && !parseSamplingMethod(sampling, method))
        return usage("--sampling must be lhs or random");
    int threadCount = 0;
    if (!threads.empty()
        && (!parseNumber(threads, threadCount) || threadCount < 1 || threadCount > 256))
        return usage("--threads must be a whole number from 1 to 256");

    QString ioError;
    const auto bytes = readFileBytes(QString::fromStdString(file), limits::kMaxFileBytes, &ioError);
    if (!bytes) {
        err << "roi-workbench: " << ioError.toStdString() << "\n";
        return ExitIo;
    }
    LoadResult loaded =
        readWorkbook(std::string_view(bytes->constData(), static_cast<std::size_t>(bytes->size())));
    for (const Diagnostic &d : loaded.diagnostics) {
        if (d.severity == Severity::Error)
            err << file << ": " << d.toString() << "\n";
    }
    if (!loaded.ok())
        return ExitInvalid;
    const Workbook &wb = *loaded.workbook;

    MonteCarloOptions options = MonteCarloOptions::fromWorkbook(wb);
    if (!trials.empty())
        options.trials = trialCount;
    if (!seed.empty())
        options.seed = seedValue;
    if (!sampling.empty())
        options.sampling = method;
    if (!scenario.empty()) {
        // Scenario names match as in the other commands: case-insensitively.
        bool found = false;
        for (const auto &s : wb.scenarios) {
            if (QString::fromStdString(s.name).compare(QString::fromStdString(scenario),
                                                       Qt::CaseInsensitive)
                == 0) {
                options.scenario = s.name;
                found = true;
            }
        }
        if (!found) {
            err << "roi-workbench: no scenario named '" << scenario << "'; the workbook has";
            for (const auto &s : wb.scenarios)
                err << " '" << s.name << "'";
            err << "\n";
            return ExitUsage;
        }
    }
    options.keepFan = format == "json";
    const MonteCarloPlan plan(wb, options);
    if (!plan.ok()) {
        err << file << ": " << plan.error() << "\n";
        return ExitInvalid;
    }
    std::unique_ptr<QThreadPool> pool;
    if (threadCount > 0) {
        pool = std::make_unique<QThreadPool>();
        pool->setMaxThreadCount(threadCount);
    }
    const MonteCarloSummary summary = runMonteCarloParallel(plan, pool.get());
    if (format == "json")
        out << summaryJson(summary, wb.settings.currency);
    else if (format == "csv")
        out << summaryCsv(summary);
    else
        out << wb.settings.name << "\n" << summaryText(summary, wb.settings.currency);
    return ExitOk;
}

} // namespace roi
