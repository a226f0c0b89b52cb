// Import throughput (label bench, not part of the test run): generates in /tmp, then imports
//  1. a mapped CSV of 10 million rows (~1.5 GB): target <= 15 s with <= 200 MB resident;
//  2. a gzip FOCUS 1.3 export: target >= 50 MB/s of compressed input.
// Prints wall time, CPU time (user + system: the machine may be shared), rows/s, MB/s and the
// peak resident set from getrusage. The generated files are kept for the next run (same name =
// same content) unless --clean. Each import runs --repeat times (default: 1 for the CSV, 5 for
// FOCUS); with more than one run, a summary gives the median and the best of the throughput and
// of each thread's CPU time (the parsing thread, and the rest: gzip inflating), so that a figure
// taken on a shared machine can be told from noise.
//   roi_import_bench [--rows N] [--focus-rows N] [--dir DIR] [--clean] [--only-csv|--only-focus]
//                    [--repeat N]
#include "importer.h"

#include <sys/resource.h>
#include <time.h>
#include <zlib.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

using namespace roi::actuals;
namespace fs = std::filesystem;

namespace {

double cpuSeconds()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec)
           + static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

/// CPU time of the calling thread: the reading / parsing thread, while gzip is inflated on
/// another one. On two idle cores the slower of the two threads sets the wall time.
double threadCpuSeconds()
{
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
}

double peakRssMb()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_maxrss) / 1024.0; // kilobytes on Linux
}

/// A small deterministic generator (xorshift).
struct Rng
{
    std::uint64_t s = 0x9E3779B97F4A7C15ull;
    std::uint64_t next()
    {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        return s;
    }
    unsigned below(unsigned n) { return static_cast<unsigned>(next() % n); }
};

void append(std::string &out, std::uint64_t v)
{
    char buffer[24];
    const auto r = std::to_chars(buffer, buffer + sizeof buffer, v);
    out.append(buffer, r.ptr);
}

const char *const kModels[] = {"frontier-large", "frontier-mini"};
const char *const kFeatures[] = {"support-assistant", "lead-qualification", "contract-review"};
const char *const kTeams[] = {"customer-care", "sales", "legal"};

/// The mapped CSV: one row per day, model, feature and customer, ~150 bytes each.
void generateCsv(const std::string &path, std::uint64_t rows)
{
    std::FILE *f = std::fopen(path.c_str(), "wb");
    if (!f) {
        std::perror(path.c_str());
        std::exit(1);
    }
    std::string out = "date,model,provider,input_tokens,cached_tokens,output_tokens,requests,"
                      "cost_usd,currency,feature,team,customer,project,user,tags\n";
    Rng rng;
    for (std::uint64_t i = 0; i < rows; ++i) {
        const unsigned day = static_cast<unsigned>(i / (rows / 365 + 1)); // a year from 2027-01
        const int month = static_cast<int>(day / 31) % 12 + 1;
        const int dom = static_cast<int>(day % 28) + 1;
        const unsigned k = rng.below(3);
        out += "2027-";
        out += static_cast<char>('0' + month / 10);
        out += static_cast<char>('0' + month % 10);
        out += '-';
        out += static_cast<char>('0' + dom / 10);
        out += static_cast<char>('0' + dom % 10);
        out += ',';
        out += kModels[k % 2];
        out += ",OpenAI,";
        const std::uint64_t input = 1000 + rng.below(2000000);
        const std::uint64_t cached = input / (1 + rng.below(4));
        append(out, input);
        out += ',';
        append(out, cached);
        out += ',';
        append(out, 100 + rng.below(300000));
        out += ',';
        append(out, 1 + rng.below(900));
        out += ",";
        append(out, rng.below(100));
        out += '.';
        append(out, 1000 + rng.below(9000));
        out += ",USD,";
        out += kFeatures[k];
        out += ',';
        out += kTeams[k];
        out += ",customer-";
        append(out, 10000 + rng.below(10000));
        out += ",proj-";
        append(out, rng.below(40));
        out += ",user-";
        append(out, 1000 + rng.below(9000));
        out += ",env=prod;region=eu\n";
        if (out.size() > (1 << 20)) {
            std::fwrite(out.data(), 1, out.size(), f);
            out.clear();
        }
    }
    std::fwrite(out.data(), 1, out.size(), f);
    std::fclose(f);
}

/// A FOCUS 1.3 export as providers write it (gzip, default level), one row per token kind.
void generateFocusGz(const std::string &path, std::uint64_t rows)
{
    gzFile gz = gzopen(path.c_str(), "wb6");
    if (!gz) {
        std::fprintf(stderr, "cannot write %s\n", path.c_str());
        std::exit(1);
    }
    std::string out =
        "BilledCost,BillingAccountId,BillingAccountName,BillingCurrency,BillingPeriodEnd,"
        "BillingPeriodStart,ChargeCategory,ChargeClass,ChargeDescription,ChargeFrequency,"
        "ChargePeriodEnd,ChargePeriodStart,ConsumedQuantity,ConsumedUnit,ContractedCost,"
        "EffectiveCost,InvoiceIssuerName,ListCost,PricingCategory,PricingQuantity,PricingUnit,"
        "ServiceProviderName,HostProviderName,RegionId,ResourceId,ResourceName,ServiceCategory,"
        "ServiceName,SkuId,SkuMeter,SkuPriceDetails,SkuPriceId,SubAccountId,SubAccountName,"
        "Tags\n";
    Rng rng;
    const char *const kinds[] = {"input", "cached_input", "output"};
    const char *const kindText[] = {"Input", "Cached Input", "Output"};
    const double rates[2][3] = {{2.5, 1.25, 10.0}, {0.15, 0.075, 0.6}};
    for (std::uint64_t i = 0; i < rows; ++i) {
        const unsigned day = static_cast<unsigned>(i / (rows / 365 + 1));
        const int month = static_cast<int>(day / 31) % 12 + 1;
        const int dom = static_cast<int>(day % 28) + 1;
        const unsigned m = rng.below(2), kind = static_cast<unsigned>(i % 3), f = rng.below(3);
        const std::uint64_t tokens = 1000 + rng.below(5000000);
        const double cost = static_cast<double>(tokens) / 1e6 * rates[m][kind];
        char date[64], next[64], money[32], pricing[32];
        std::snprintf(date, sizeof date, "2027-%02d-%02dT00:00:00Z", month, dom);
        std::snprintf(next, sizeof next, "2027-%02d-%02dT00:00:00Z", month, dom + 1);
        std::snprintf(money, sizeof money, "%.6f", cost);
        std::snprintf(pricing, sizeof pricing, "%.6f", static_cast<double>(tokens) / 1e6);
        const unsigned customer = 10000 + rng.below(10000);
        out += money;
        out += ",ba-1234,Contoso AI,USD,2027-02-01T00:00:00Z,2027-01-01T00:00:00Z,Usage,,";
        out += kModels[m];
        out += ' ';
        out += kindText[kind];
        out += " tokens,Usage-Based,";
        out += next;
        out += ',';
        out += date;
        out += ',';
        append(out, tokens);
        out += ",Tokens,";
        out += money;
        out += ',';
        out += money;
        out += ",Microsoft,";
        out += money;
        out += ",Standard,";
        out += pricing;
        out += ",1M Tokens,Microsoft,Microsoft,eastus,/subscriptions/";
        append(out, 100 + rng.below(900));
        out += "/deployments/";
        out += kFeatures[f];
        out += ',';
        out += kFeatures[f];
        out += "-prod,AI and Machine Learning,Azure OpenAI,SKU-";
        append(out, m * 3 + kind);
        out += ',';
        out += kModels[m];
        out += ' ';
        out += kindText[kind];
        out += " Tokens,\"{\"\"x_ModelName\"\":\"\"";
        out += kModels[m];
        out += "\"\",\"\"x_TokenType\"\":\"\"";
        out += kinds[kind];
        out += "\"\"}\",PRICE-";
        append(out, m * 3 + kind);
        out += ",sub-";
        append(out, f);
        out += ',';
        out += kTeams[f];
        out += "-prod,\"{\"\"feature\"\":\"\"";
        out += kFeatures[f];
        out += "\"\",\"\"team\"\":\"\"";
        out += kTeams[f];
        out += "\"\",\"\"customer\"\":\"\"customer-";
        append(out, customer);
        out += "\"\"}\"\n";
        if (out.size() > (1 << 20)) {
            gzwrite(gz, out.data(), static_cast<unsigned>(out.size()));
            out.clear();
        }
    }
    gzwrite(gz, out.data(), static_cast<unsigned>(out.size()));
    gzclose(gz);
}

struct Totals
{
    std::uint64_t records = 0;
    double cost = 0, tokens = 0;
};

struct RunFigures
{
    double wall = 0, cpu = 0, parser = 0, other = 0;
};

RunFigures runOnce(const char *title, const std::string &path, const ImportOptions &options,
                   bool verbose)
{
    Totals totals;
    const double cpu0 = cpuSeconds();
    const double thread0 = threadCpuSeconds();
    const auto t0 = std::chrono::steady_clock::now();
    const ImportResult r = importFile(path, options, [&](const UsageRecord &rec) {
        ++totals.records;
        totals.cost += rec.cost;
        totals.tokens += rec.uncachedInput + rec.cacheReadInput + rec.outputTokens;
    });
    const double wall =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const double cpu = cpuSeconds() - cpu0;
    const double parser = threadCpuSeconds() - thread0;
    const double mb = static_cast<double>(fs::file_size(path)) / 1e6;
    const double other = std::max(cpu - parser, 0.0);
    if (!verbose) {
        std::printf("  wall %.2f s: %.1f MB/s; CPU parsing %.2f s, other threads %.2f s: %.1f "
                    "MB/s on two idle cores\n",
                    wall, mb / wall, parser, other, mb / std::max(parser, other));
        std::fflush(stdout);
        return {wall, cpu, parser, other};
    }
    std::printf("%s\n  file %s: %.1f MB\n", title, path.c_str(), mb);
    if (!r.ok) {
        std::printf("  FAILED: %s\n", r.error.c_str());
        std::exit(1);
    }
    std::printf("  rows read %llu, used %llu, refused %llu; total cost %.2f, tokens %.4g\n",
                static_cast<unsigned long long>(r.stats.rowsRead),
                static_cast<unsigned long long>(r.stats.rowsUsed),
                static_cast<unsigned long long>(r.stats.rowsRefused), totals.cost, totals.tokens);
    std::printf("  wall %.2f s, CPU %.2f s (CPU/wall %.0f%%): %.0f rows/s, %.1f MB/s of file "
                "(%.1f MB/s per CPU second)\n",
                wall, cpu, 100.0 * cpu / wall, static_cast<double>(r.stats.rowsRead) / wall,
                mb / wall, mb / cpu);
    std::printf("  CPU of the parsing thread %.2f s, of other threads (gzip inflating) %.2f s: "
                "%.1f MB/s of file on two idle cores (the slower thread)\n",
                parser, other, mb / std::max(parser, other));
    std::printf("  peak resident set so far: %.1f MB\n", peakRssMb());
    std::fflush(stdout);
    return {wall, cpu, parser, other};
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/// Runs the import `repeat` times (the first in full, the others a line each) and, for more
/// than one, prints the median and the best of each figure.
void run(const char *title, const std::string &path, const ImportOptions &options, int repeat)
{
    std::vector<double> wall, parser, other;
    for (int i = 0; i < repeat; ++i) {
        const RunFigures f = runOnce(title, path, options, i == 0);
        wall.push_back(f.wall);
        parser.push_back(f.parser);
        other.push_back(f.other);
    }
    if (repeat < 2)
        return;
    const double mb = static_cast<double>(fs::file_size(path)) / 1e6;
    const double bestWall = *std::min_element(wall.begin(), wall.end());
    std::printf("  %d runs: %.1f MB/s median, %.1f MB/s best (wall %.2f s median, %.2f s best)\n",
                repeat, mb / median(wall), mb / bestWall, median(wall), bestWall);
    std::printf("  CPU of the parsing thread %.2f s median, %.2f s best; of the other threads "
                "(gzip inflating) %.2f s median, %.2f s best\n",
                median(parser), *std::min_element(parser.begin(), parser.end()), median(other),
                *std::min_element(other.begin(), other.end()));
    std::fflush(stdout);
}

} // namespace

int main(int argc, char *argv[])
{
    std::uint64_t rows = 10'000'000, focusRows = 3'000'000;
    std::string dir = "/tmp/roi-import-bench";
    bool clean = false, doCsv = true, doFocus = true;
    int csvRepeat = 1, focusRepeat = 5;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--rows" && i + 1 < argc)
            rows = std::strtoull(argv[++i], nullptr, 10);
        else if (a == "--focus-rows" && i + 1 < argc)
            focusRows = std::strtoull(argv[++i], nullptr, 10);
        else if (a == "--dir" && i + 1 < argc)
            dir = argv[++i];
        else if (a == "--clean")
            clean = true;
        else if (a == "--only-csv")
            doFocus = false;
        else if (a == "--only-focus")
            doCsv = false;
        else if (a == "--repeat" && i + 1 < argc)
            csvRepeat = focusRepeat = std::max(1, std::atoi(argv[++i]));
        else {
            std::fprintf(stderr,
                         "usage: %s [--rows N] [--focus-rows N] [--dir DIR] [--clean] "
                         "[--only-csv|--only-focus] [--repeat N]\n",
                         argv[0]);
            return 2;
        }
    }
    fs::create_directories(dir);
    const std::string csv = dir + "/usage-" + std::to_string(rows) + ".csv";
    const std::string focus = dir + "/focus-" + std::to_string(focusRows) + ".csv.gz";
    if (doCsv && !fs::exists(csv)) {
        std::printf("generating %s ...\n", csv.c_str());
        std::fflush(stdout);
        generateCsv(csv, rows);
    }
    if (doFocus && !fs::exists(focus)) {
        std::printf("generating %s ...\n", focus.c_str());
        std::fflush(stdout);
        generateFocusGz(focus, focusRows);
    }

    ColumnMapping m;
    m.name = "bench";
    m.date = "date";
    m.model = "model";
    m.provider = "provider";
    m.uncachedInput = "input_tokens";
    m.cacheReadInput = "cached_tokens";
    m.outputTokens = "output_tokens";
    m.requests = "requests";
    m.cost = "cost_usd";
    m.currency = "currency";
    m.feature = "feature";
    m.team = "team";
    m.customer = "customer";
    m.project = "project";
    m.user = "user";
    m.tags = "tags";
    m.dateFormat = "YYYY-MM-DD";
    m.inputIncludesCached = true;
    ImportOptions csvOptions;
    csvOptions.mapping = m;
    csvOptions.format = SourceFormat::MappedCsv;
    if (doCsv)
        run("Mapped CSV (targets: <= 15 s, <= 200 MB resident)", csv, csvOptions, csvRepeat);

    ImportOptions focusOptions;
    focusOptions.format = SourceFormat::Focus;
    if (doFocus)
        run("FOCUS 1.3 .csv.gz (target: >= 50 MB/s of compressed input)", focus, focusOptions,
            focusRepeat);

    if (clean) {
        fs::remove(csv);
        fs::remove(focus);
    }
    return 0;
}
