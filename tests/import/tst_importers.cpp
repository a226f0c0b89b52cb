// Every importer of roi_import against the sample exports in tests/data/actuals (their totals are
// worked out by hand in tests/data/actuals/README.md and again in the comments below), detection,
// and bad input: malformed rows with file, line and column, unknown formats, truncated files.
#include "importer.h"

#include <QTest>

#include <zlib.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace roi;
using namespace roi::actuals;

namespace {

const std::string kDir = std::string(ROI_SOURCE_DIR) + "/tests/data/actuals/";

struct Imported
{
    ImportResult result;
    std::vector<UsageRecord> records;

    double sum(double UsageRecord::*field) const
    {
        double total = 0;
        for (const UsageRecord &r : records)
            total += r.*field;
        return total;
    }
    double sumFor(const std::string &model, double UsageRecord::*field) const
    {
        double total = 0;
        for (const UsageRecord &r : records)
            if (r.model == model)
                total += r.*field;
        return total;
    }
};

Imported importPath(const std::string &name, ImportOptions options = {})
{
    Imported out;
    out.result =
        importFile(kDir + name, options, [&](const UsageRecord &r) { out.records.push_back(r); });
    return out;
}

Imported importText(const std::string &text, const std::string &name, ImportOptions options = {})
{
    Imported out;
    std::istringstream in(text);
    out.result =
        importStream(in, name, options, [&](const UsageRecord &r) { out.records.push_back(r); });
    return out;
}

/// `text` as one gzip member (zlib, fastest level).
std::string gzipMember(const std::string &text)
{
    z_stream z{};
    deflateInit2(&z, Z_BEST_SPEED, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
    std::string out(deflateBound(&z, static_cast<uLong>(text.size())) + 64, '\0');
    z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(text.data()));
    z.avail_in = static_cast<uInt>(text.size());
    z.next_out = reinterpret_cast<Bytef *>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    deflate(&z, Z_FINISH);
    out.resize(z.total_out);
    deflateEnd(&z);
    return out;
}

std::string tag(const UsageRecord &r, const std::string &key)
{
    for (const auto &[k, v] : r.keys.tags)
        if (k == key)
            return v;
    return {};
}

bool near(double a, double b)
{
    return std::fabs(a - b) <= 1e-9 * std::max(1.0, std::fabs(b));
}

ColumnMapping gatewayMapping()
{
    ColumnMapping m;
    m.name = "Gateway export";
    m.date = "Day";
    m.model = "Model";
    m.provider = "Vendor";
    m.uncachedInput = "Input";
    m.cacheReadInput = "Cached";
    m.outputTokens = "Output";
    m.requests = "Calls";
    m.cost = "Cost (cents)";
    m.currency = "Currency";
    m.feature = "Use case";
    m.team = "Team";
    m.customer = "Client";
    m.tags = "Labels";
    m.outcomes = "Deals closed";
    m.dateFormat = "DD/MM/YYYY";
    m.costInCents = true;
    m.delimiter = ';';
    m.inputIncludesCached = true;
    return m;
}

// The mapping of the generated CSVs "date,model,output,feature" (splitter, gzip and line-ending
// tests).
ImportOptions outputFeatureMapping(const char *name)
{
    ColumnMapping m;
    m.name = name;
    m.date = "date";
    m.model = "model";
    m.outputTokens = "output";
    m.feature = "feature";
    ImportOptions options;
    options.mapping = m;
    return options;
}

} // namespace

class TestImporters : public QObject
{
    Q_OBJECT

private slots:
    void detection_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("format");
        QTest::newRow("FOCUS 1.2") << "focus-1.2.csv"
                                   << "focus";
        QTest::newRow("FOCUS 1.3 gz") << "focus-1.3.csv.gz"
                                      << "focus";
        QTest::newRow("OpenAI usage JSON") << "openai-usage.json"
                                           << "openai-usage";
        QTest::newRow("OpenAI usage CSV") << "openai-usage.csv"
                                          << "openai-usage";
        QTest::newRow("OpenAI costs") << "openai-costs.json"
                                      << "openai-costs";
        QTest::newRow("Anthropic usage") << "anthropic-usage.json"
                                         << "anthropic-usage";
        QTest::newRow("Anthropic costs") << "anthropic-costs.json"
                                         << "anthropic-costs";
        QTest::newRow("LiteLLM CSV") << "litellm-spendlogs.csv"
                                     << "litellm";
        QTest::newRow("LiteLLM JSON") << "litellm-spendlogs.json"
                                      << "litellm";
        QTest::newRow("OpenAI usage JSON Lines") << "openai-usage.jsonl"
                                                 << "openai-usage";
        QTest::newRow("Anthropic usage JSON Lines") << "anthropic-usage.jsonl"
                                                    << "anthropic-usage";
        QTest::newRow("LiteLLM NDJSON") << "litellm-spendlogs.ndjson"
                                        << "litellm";
    }
    void detection()
    {
        QFETCH(QString, file);
        QFETCH(QString, format);
        const Imported got = importPath(file.toStdString());
        QVERIFY2(got.result.ok, got.result.error.c_str());
        QCOMPARE(QString::fromStdString(std::string(formatName(got.result.stats.format))), format);
        QCOMPARE(got.result.stats.rowsRefused, std::uint64_t(0));
        QVERIFY(!got.records.empty());
    }

    void formatNames()
    {
        for (SourceFormat f :
             {SourceFormat::Focus, SourceFormat::OpenAiUsage, SourceFormat::OpenAiCosts,
              SourceFormat::AnthropicUsage, SourceFormat::AnthropicCosts, SourceFormat::LiteLlm,
              SourceFormat::MappedCsv})
            QCOMPARE(formatFromName(formatName(f)), std::optional<SourceFormat>(f));
        QCOMPARE(formatFromName("openai"), std::optional<SourceFormat>(SourceFormat::OpenAiUsage));
        QVERIFY(!formatFromName("parquet"));
        // A format named on the command line by its family: the kind is detected.
        ImportOptions options;
        options.format = *formatFromName("anthropic");
        const Imported got = importPath("anthropic-costs.json", options);
        QCOMPARE(got.result.stats.format, SourceFormat::AnthropicCosts);
    }

    void focus12()
    {
        const Imported got = importPath("focus-1.2.csv");
        QVERIFY2(got.result.ok, got.result.error.c_str());
        const ImportStats &s = got.result.stats;
        QCOMPARE(s.formatDetail, std::string("FOCUS 1.0-1.2"));
        // 7 rows: 5 usage rows, a Tax row and a Credit row (skipped, not refused).
        QCOMPARE(s.rowsRead, std::uint64_t(7));
        QCOMPARE(s.rowsUsed, std::uint64_t(5));
        QCOMPARE(s.rowsSkipped, std::uint64_t(2));
        QCOMPARE(s.rowsRefused, std::uint64_t(0));
        QCOMPARE(s.firstDay, (Date{2027, 1, 15}));
        QCOMPARE(s.lastDay, (Date{2027, 1, 15}));
        // EffectiveCost 3.00 + 3.00 + 0.50 + 0.27 + 0.135 = 6.905 (the tax 0.89 and the credit
        // -1.00 are not in it); ListCost 3.00 + 3.00 + 0.50 + 0.30 + 0.15 = 6.95.
        QVERIFY(near(got.sum(&UsageRecord::cost), 6.905));
        double list = 0, billed = 0;
        for (const UsageRecord &r : got.records) {
            QCOMPARE(r.costKind, CostKind::Effective);
            QCOMPARE(r.currency, std::string("USD"));
            QCOMPARE(r.provider, std::string("Microsoft"));
            QCOMPARE(tag(r, "PublisherName"), std::string("OpenAI"));
            list += r.listCost.value_or(0);
            billed += r.billedCost.value_or(0);
        }
        QVERIFY(near(list, 6.95));
        QVERIFY(near(billed, 6.905));
        // Tokens from ConsumedQuantity (PricingQuantity 1.2 "1M Tokens" is ignored):
        // frontier-large 1,200,000 input, 400,000 cached, 300,000 output (SkuPriceDetails);
        // frontier-mini 2,000,000 input and 250,000 output (SkuMeter text only).
        QCOMPARE(got.sumFor("frontier-large", &UsageRecord::uncachedInput), 1200000.0);
        QCOMPARE(got.sumFor("frontier-large", &UsageRecord::cacheReadInput), 400000.0);
        QCOMPARE(got.sumFor("frontier-large", &UsageRecord::outputTokens), 300000.0);
        QCOMPARE(got.sumFor("frontier-mini", &UsageRecord::uncachedInput), 2000000.0);
        QCOMPARE(got.sumFor("frontier-mini", &UsageRecord::outputTokens), 250000.0);
        // One record per token kind: each has only its own kind's tokens.
        const UsageRecord &first = got.records.front();
        QCOMPARE(first.outputTokens, 0.0);
        QCOMPARE(first.keys.feature, std::string("support-assistant"));
        QCOMPARE(first.keys.team, std::string("customer-care"));
        QCOMPARE(first.keys.project, std::string("support-prod"));
        QCOMPARE(tag(first, "ResourceName"), std::string("support-gpt-prod"));
        QCOMPARE(got.records[3].keys.feature, std::string("lead-qualification"));
    }

    void focus13Gzip()
    {
        std::uint64_t lastDone = 0, lastTotal = 0;
        ImportOptions options;
        options.progress = [&](std::uint64_t done, std::uint64_t total) {
            lastDone = done;
            lastTotal = total;
            return true;
        };
        const Imported got = importPath("focus-1.3.csv.gz", options);
        QVERIFY2(got.result.ok, got.result.error.c_str());
        const ImportStats &s = got.result.stats;
        QCOMPARE(s.formatDetail, std::string("FOCUS 1.3-1.4"));
        QCOMPARE(s.rowsUsed, std::uint64_t(4));
        QCOMPARE(s.rowsSkipped, std::uint64_t(1)); // the Adjustment row
        // 12.50 + 6.25 + 2.50 + 0.3125 = 21.5625
        QVERIFY(near(got.sum(&UsageRecord::cost), 21.5625));
        QCOMPARE(got.sum(&UsageRecord::uncachedInput), 5000000.0);
        QCOMPARE(got.sum(&UsageRecord::outputTokens), 625000.0);
        // 2000 in ConsumedUnit "1K Tokens" = 2,000,000 cached tokens (PricingQuantity says 2).
        QCOMPARE(got.sum(&UsageRecord::cacheReadInput), 2000000.0);
        // The cache-write row has no SkuPriceDetails: model and kind from its SkuMeter.
        QCOMPARE(got.sum(&UsageRecord::cacheWriteInput), 100000.0);
        for (const UsageRecord &r : got.records) {
            QCOMPARE(r.model, std::string("frontier-large"));
            QCOMPARE(r.day, (Date{2027, 2, 10}));
            QCOMPARE(r.keys.customer, std::string("globex"));
            QCOMPARE(r.keys.feature, std::string("contract-review"));
            QCOMPARE(r.provider, std::string("Microsoft"));
        }
        // Progress in compressed bytes, ending at the file's size.
        QVERIFY(lastTotal > 0);
        QCOMPARE(lastDone, lastTotal);
    }

    void openAiUsageJson()
    {
        const Imported got = importPath("openai-usage.json");
        QVERIFY2(got.result.ok, got.result.error.c_str());
        QCOMPARE(got.records.size(), std::size_t(3));
        // input_tokens include input_cached_tokens: frontier-mini (3,000,000 - 1,000,000) +
        // 1,500,000 = 3,500,000 uncached, 1,000,000 cached; frontier-large 900,000 - 300,000 =
        // 600,000 uncached, 300,000 cached.
        QCOMPARE(got.sumFor("frontier-mini", &UsageRecord::uncachedInput), 3500000.0);
        QCOMPARE(got.sumFor("frontier-mini", &UsageRecord::cacheReadInput), 1000000.0);
        QCOMPARE(got.sumFor("frontier-mini", &UsageRecord::outputTokens), 600000.0);
        QCOMPARE(got.sumFor("frontier-mini", &UsageRecord::requests), 1500.0);
        QCOMPARE(got.sumFor("frontier-large", &UsageRecord::uncachedInput), 600000.0);
        QCOMPARE(got.sumFor("frontier-large", &UsageRecord::cacheReadInput), 300000.0);
        QCOMPARE(got.sumFor("frontier-large", &UsageRecord::requests), 600.0);
        // start_time 1800403200 = 2027-01-20 00:00 UTC; the second page's bucket is a day later.
        QCOMPARE(got.records[0].day, (Date{2027, 1, 20}));
        QCOMPARE(got.records[2].day, (Date{2027, 1, 21}));
        QCOMPARE(got.records[0].keys.project, std::string("proj_lead_qualification"));
        QCOMPARE(got.records[0].costKind, CostKind::None);
        QCOMPARE(got.records[0].provider, std::string("OpenAI"));
        QCOMPARE(tag(got.records[0], "batch"), std::string("false"));
    }

    void openAiUsageCsv()
    {
        const Imported got = importPath("openai-usage.csv");
        QVERIFY2(got.result.ok, got.result.error.c_str());
        QCOMPARE(got.records.size(), std::size_t(2));
        // 2,400,000 - 400,000 = 2,000,000 and 1,000,000 - 250,000 = 750,000 uncached.
        QCOMPARE(got.sumFor("frontier-mini", &UsageRecord::uncachedInput), 2000000.0);
        QCOMPARE(got.sumFor("frontier-large", &UsageRecord::uncachedInput), 750000.0);
        QCOMPARE(got.sum(&UsageRecord::cacheReadInput), 650000.0);
        QCOMPARE(got.sum(&UsageRecord::requests), 1300.0);
        QCOMPARE(got.records[0].day, (Date{2027, 2, 3}));
    }

    void openAiCosts()
    {
        const Imported got = importPath("openai-costs.json");
        QVERIFY2(got.result.ok, got.result.error.c_str());
        QCOMPARE(got.records.size(), std::size_t(6));
        // Dollars: 0.30 + 0.075 + 0.24 + 1.50 + 0.375 + 1.50 = 3.99.
        QVERIFY(near(got.sum(&UsageRecord::cost), 3.99));
        QVERIFY(near(got.sumFor("frontier-mini", &UsageRecord::cost), 0.615));
        for (const UsageRecord &r : got.records) {
            QCOMPARE(r.costKind, CostKind::Billed);
            QCOMPARE(r.currency, std::string("USD"));
            QCOMPARE(r.day, (Date{2027, 1, 20}));
            QCOMPARE(r.uncachedInput + r.outputTokens, 0.0);
        }
    }

    void anthropicUsage()
    {
        const Imported got = importPath("anthropic-usage.json");
        QVERIFY2(got.result.ok, got.result.error.c_str());
        QCOMPARE(got.records.size(), std::size_t(2));
        const UsageRecord &a = got.records[0];
        // starting_at 2027-03-01T23:30:00-02:00 = 2027-03-02 01:30 UTC.
        QCOMPARE(a.day, (Date{2027, 3, 2}));
        // uncached_input_tokens exclude cache reads and writes: taken as they are.
        QCOMPARE(a.uncachedInput, 800000.0);
        QCOMPARE(a.cacheReadInput, 1200000.0);
        QCOMPARE(a.cacheWriteInput, 150000.0); // 100,000 (5 min) + 50,000 (1 hour)
        QCOMPARE(tag(a, "cache_write_1h_tokens"), std::string("50000"));
        QCOMPARE(a.outputTokens, 90000.0);
        QCOMPARE(a.keys.project, std::string("wrkspc_contract_review"));
        QCOMPARE(a.provider, std::string("Anthropic"));
        // 2027-03-02T00:30:00+01:00 = 2027-03-01 23:30 UTC: the day before.
        QCOMPARE(got.records[1].day, (Date{2027, 3, 1}));
        QCOMPARE(got.records[1].cacheWriteInput, 0.0);
        QCOMPARE(got.result.stats.firstDay, (Date{2027, 3, 1}));
        QCOMPARE(got.result.stats.lastDay, (Date{2027, 3, 2}));
    }

    void anthropicCosts()
    {
        const Imported got = importPath("anthropic-costs.json");
        QVERIFY2(got.result.ok, got.result.error.c_str());
        QCOMPARE(got.records.size(), std::size_t(6));
        // Cents as decimal strings: 200.0 + 150 + 31.25 + 25 + 90.00 + 100 = 596.25 cents.
        QVERIFY(near(got.sum(&UsageRecord::cost), 5.9625));
        QVERIFY(near(got.records[0].cost, 2.00));
        QCOMPARE(got.records[5].model, std::string("(web_search)"));
        QCOMPARE(got.records[0].costKind, CostKind::Billed);
        QCOMPARE(tag(got.records[0], "token_type"), std::string("uncached_input_tokens"));
    }

    void liteLlmCsv()
    {
        const Imported got = importPath("litellm-spendlogs.csv");
        QVERIFY2(got.result.ok, got.result.error.c_str());
        QCOMPARE(got.records.size(), std::size_t(2));
        const UsageRecord &a = got.records[0];
        // prompt_tokens 2000 include 1000 cached (usage_object.prompt_tokens_details).
        QCOMPARE(a.uncachedInput, 1000.0);
        QCOMPARE(a.cacheReadInput, 1000.0);
        QCOMPARE(a.outputTokens, 300.0);
        QCOMPARE(a.requests, 1.0);
        QCOMPARE(a.costKind, CostKind::Estimated);
        QCOMPARE(a.provider, std::string("openai"));
        QCOMPARE(a.keys.feature, std::string("lead-qualification")); // request_tags
        QCOMPARE(a.keys.team, std::string("sales"));
        QCOMPARE(a.keys.customer, std::string("acme")); // end_user
        QCOMPARE(a.keys.user, std::string("u-17"));
        const UsageRecord &b = got.records[1];
        // 5000 prompt tokens = 1000 uncached + 3000 cache read + 1000 cache write.
        QCOMPARE(b.uncachedInput, 1000.0);
        QCOMPARE(b.cacheReadInput, 3000.0);
        QCOMPARE(b.cacheWriteInput, 1000.0);
        QCOMPARE(b.provider, std::string("Anthropic"));           // from api_base
        QCOMPARE(b.day, (Date{2027, 3, 10}));                     // 23:59:59, no zone: UTC
        QCOMPARE(b.keys.feature, std::string("contract-review")); // spend_logs_metadata
        QCOMPARE(tag(b, "request_tag"), std::string("contract-review"));
        // spend 0.000405 + 0.013375 = 0.01378 USD
        QVERIFY(near(got.sum(&UsageRecord::cost), 0.01378));
    }

    void liteLlmJson()
    {
        const Imported got = importPath("litellm-spendlogs.json");
        QVERIFY2(got.result.ok, got.result.error.c_str());
        QCOMPARE(got.records.size(), std::size_t(2));
        QCOMPARE(got.records[0].keys.feature, std::string("lead-qualification"));
        QCOMPARE(tag(got.records[0], "env"), std::string("prod"));
        QCOMPARE(got.records[0].keys.customer, std::string("initech"));
        QCOMPARE(got.records[1].day, (Date{2027, 3, 16}));
        QCOMPARE(got.records[1].keys.feature, std::string("support-assistant"));
        // 0.00063 + 0.0075 = 0.00813
        QVERIFY(near(got.sum(&UsageRecord::cost), 0.00813));
        QCOMPARE(got.sum(&UsageRecord::uncachedInput), 5000.0);
    }

    void jsonLines_data()
    {
        // tests/data/actuals/README.md, "JSON Lines": the same records as the .json samples,
        // one a line, so the same totals.
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("records");
        QTest::addColumn<double>("uncached");
        QTest::addColumn<double>("cost");
        // Two pages a line: 2,000,000 + 600,000 + 1,500,000 uncached; no cost in the file.
        QTest::newRow("OpenAI pages") << "openai-usage.jsonl" << 3 << 4100000.0 << 0.0;
        // One bucket a line: 800,000 + 400,000 uncached.
        QTest::newRow("Anthropic buckets") << "anthropic-usage.jsonl" << 2 << 1200000.0 << 0.0;
        // One log a line, CRLF, a blank line between: 0.00063 + 0.0075 = 0.00813.
        QTest::newRow("LiteLLM logs") << "litellm-spendlogs.ndjson" << 2 << 5000.0 << 0.00813;
    }
    void jsonLines()
    {
        QFETCH(QString, file);
        QFETCH(int, records);
        QFETCH(double, uncached);
        QFETCH(double, cost);
        const Imported got = importPath(file.toStdString());
        QVERIFY2(got.result.ok, got.result.error.c_str());
        QCOMPARE(got.records.size(), std::size_t(records));
        QCOMPARE(got.result.stats.rowsRefused, std::uint64_t(0));
        QCOMPARE(got.sum(&UsageRecord::uncachedInput), uncached);
        QVERIFY(near(got.sum(&UsageRecord::cost), cost));
    }

    void jsonLinesErrors()
    {
        // Line 2 of bad/litellm-refused.jsonl has "spend": "lots": refused with its line, the
        // lines around it used (0.00063 + 0.0075).
        const Imported refused = importPath("bad/litellm-refused.jsonl");
        QVERIFY2(refused.result.ok, refused.result.error.c_str());
        QCOMPARE(refused.records.size(), std::size_t(2));
        QCOMPARE(refused.result.stats.rowsRefused, std::uint64_t(1));
        QCOMPARE(refused.result.stats.issues.at(0).line, std::uint64_t(2));
        QVERIFY(near(refused.sum(&UsageRecord::cost), 0.00813));
        // Line 3 of bad/openai-broken.jsonl is not JSON: the file fails, naming the line.
        const Imported broken = importPath("bad/openai-broken.jsonl");
        QVERIFY(!broken.result.ok);
        QVERIFY2(broken.result.error.find("not valid JSON at line 3") != std::string::npos,
                 broken.result.error.c_str());
    }

    void mappedCsv()
    {
        ImportOptions options;
        options.mapping = gatewayMapping();
        const Imported got = importPath("gateway-export.csv", options);
        QVERIFY2(got.result.ok, got.result.error.c_str());
        QCOMPARE(got.result.stats.format, SourceFormat::MappedCsv);
        QCOMPARE(got.records.size(), std::size_t(3));
        // Input includes cached: 1,200,000 - 200,000 = 1,000,000; 300,000 - 100,000 = 200,000;
        // 400,000 - 0.
        QCOMPARE(got.records[0].uncachedInput, 1000000.0);
        QCOMPARE(got.records[1].uncachedInput, 200000.0);
        QCOMPARE(got.records[2].uncachedInput, 400000.0);
        // Cents: 25.5 -> 0.255, 112.5 -> 1.125; the third row has no cost.
        QVERIFY(near(got.records[0].cost, 0.255));
        QVERIFY(near(got.records[1].cost, 1.125));
        QCOMPARE(got.records[2].costKind, CostKind::None);
        // DD/MM/YYYY: 05/01/2027 is 5 January.
        QCOMPARE(got.records[0].day, (Date{2027, 1, 5}));
        QCOMPARE(got.sum(&UsageRecord::outcomes), 15.0);
        QCOMPARE(got.records[0].keys.customer, std::string("acme"));
        QCOMPARE(tag(got.records[0], "region"), std::string("eu"));
        QCOMPARE(tag(got.records[1], "env"), std::string("prod"));
        QCOMPARE(got.records[1].keys.feature, std::string("support-assistant"));
    }

    void mappedCsvDefaults()
    {
        ColumnMapping m;
        m.name = "minimal";
        m.date = "date";
        m.model = "model";
        m.outputTokens = "out";
        m.cost = "usd";
        m.dateFormat = "unix";
        m.defaultCurrency = "EUR";
        m.defaultProvider = "Mistral";
        ImportOptions options;
        options.mapping = m;
        options.format = SourceFormat::MappedCsv;
        const Imported got =
            importText("date,model,out,usd\n1800000000,small,10,0.5\n", "x.csv", options);
        QVERIFY2(got.result.ok, got.result.error.c_str());
        QCOMPARE(got.records.size(), std::size_t(1));
        QCOMPARE(got.records[0].day, (Date{2027, 1, 15}));
        QCOMPARE(got.records[0].currency, std::string("EUR"));
        QCOMPARE(got.records[0].provider, std::string("Mistral"));
        QCOMPARE(got.records[0].costKind, CostKind::Billed);

        // A mapping naming a column the file lacks is a file-level error that names it.
        m.team = "squad";
        options.mapping = m;
        const Imported bad =
            importText("date,model,out,usd\n1800000000,small,10,0.5\n", "x.csv", options);
        QVERIFY(!bad.result.ok);
        QVERIFY2(bad.result.error.find("\"squad\" (team)") != std::string::npos,
                 bad.result.error.c_str());
    }

    void malformedRows()
    {
        const Imported got = importPath("bad/focus-malformed.csv");
        QVERIFY2(got.result.ok, got.result.error.c_str());
        const ImportStats &s = got.result.stats;
        // 10 rows on lines 2-12 (lines 9-10 are one row with a quoted line break): rows on
        // lines 2, 9 and 12 are good; 7 are refused, each with its line and column.
        QCOMPARE(s.rowsRead, std::uint64_t(10));
        QCOMPARE(s.rowsUsed, std::uint64_t(3));
        QCOMPARE(s.rowsRefused, std::uint64_t(7));
        QCOMPARE(s.rowsRead, s.rowsUsed + s.rowsRefused + s.rowsSkipped);
        QCOMPARE(s.issues.size(), std::size_t(7));
        const std::vector<std::pair<std::uint64_t, std::uint32_t>> expected = {
            {3, 9},   // a quote inside the unquoted SkuMeter
            {4, 5},   // ConsumedQuantity -5
            {5, 3},   // EffectiveCost NaN
            {6, 5},   // ConsumedQuantity 1e300
            {7, 1},   // ChargePeriodStart 2027-01-32
            {8, 10},  // 9 fields: the 10th is missing
            {11, 3}}; // EffectiveCost 1e300
        for (std::size_t i = 0; i < expected.size(); ++i) {
            const ImportIssue &issue = s.issues[i];
            QVERIFY(issue.file.find("focus-malformed.csv") != std::string::npos);
            QCOMPARE(issue.line, expected[i].first);
            QCOMPARE(issue.column, expected[i].second);
            QVERIFY(!issue.message.empty());
        }
        QVERIFY(s.issues[1].message.find("ConsumedQuantity") != std::string::npos);
        QVERIFY(s.issues[1].message.find(">= 0") != std::string::npos);
        // The row across lines 9-10 is read whole and reported from its first line.
        QCOMPARE(got.records[1].model, std::string("frontier-mini"));
        QCOMPARE(got.records[1].outputTokens, 1000000.0);
        // 1.50 + 0.60 + 0.15
        QVERIFY(near(got.sum(&UsageRecord::cost), 2.25));
    }

    void jsonRowProblems()
    {
        // A result with negative tokens is refused at the line and column of its object.
        const std::string text = "{\"data\": [{\"starting_at\": \"2027-03-01T00:00:00Z\",\n"
                                 "  \"results\": [\n"
                                 "    {\"model\": \"m\", \"uncached_input_tokens\": 5},\n"
                                 "    {\"model\": \"m\", \"uncached_input_tokens\": -5}]}]}";
        const Imported got = importText(text, "usage.json");
        QVERIFY2(got.result.ok, got.result.error.c_str());
        QCOMPARE(got.result.stats.rowsUsed, std::uint64_t(1));
        QCOMPARE(got.result.stats.rowsRefused, std::uint64_t(1));
        QCOMPARE(got.result.stats.issues.at(0).line, std::uint64_t(4));
        QCOMPARE(got.result.stats.issues.at(0).column, std::uint32_t(5));
        QVERIFY(got.result.stats.issues.at(0).message.find("uncached_input_tokens")
                != std::string::npos);
    }

    void unknownFormat()
    {
        const Imported got = importPath("bad/unknown.csv");
        QVERIFY(!got.result.ok);
        for (const char *name : {"focus", "openai-usage", "openai-costs", "anthropic-usage",
                                 "anthropic-costs", "litellm", "csv"})
            QVERIFY2(got.result.error.find(name) != std::string::npos, got.result.error.c_str());
        QVERIFY(got.records.empty());
    }

    void truncated_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("words");
        QTest::newRow("gzip") << "bad/focus-truncated.csv.gz"
                              << "truncated";
        QTest::newRow("JSON") << "bad/anthropic-truncated.json"
                              << "ends early";
    }
    void truncated()
    {
        QFETCH(QString, file);
        QFETCH(QString, words);
        const Imported got = importPath(file.toStdString());
        QVERIFY(!got.result.ok);
        QVERIFY2(got.result.error.find(words.toStdString()) != std::string::npos,
                 got.result.error.c_str());
    }

    void gzipOnEitherThread_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<bool>("sizeKnown"); // a small file of known size: inflated in place
        QTest::addColumn<QString>("error");  // words of the error; empty: ok, 21.5625
        for (const bool known : {true, false}) {
            const char *how = known ? "in place" : "on the inflating thread";
            QTest::addRow("sample, %s", how) << "focus-1.3.csv.gz" << known << QString();
            QTest::addRow("truncated, %s", how)
                << "bad/focus-truncated.csv.gz" << known << "truncated";
        }
    }
    void gzipOnEitherThread()
    {
        QFETCH(QString, file);
        QFETCH(bool, sizeKnown);
        QFETCH(QString, error);
        const std::string path = kDir + file.toStdString();
        std::ifstream in(path, std::ios::binary);
        QVERIFY(in);
        const std::uint64_t size = sizeKnown ? std::filesystem::file_size(path) : 0;
        double cost = 0;
        const ImportResult r = importStreamSized(in, path, size, {},
                                                 [&](const UsageRecord &rec) { cost += rec.cost; });
        if (error.isEmpty()) {
            QVERIFY2(r.ok, r.error.c_str());
            QVERIFY(near(cost, 21.5625)); // 12.50 + 6.25 + 2.50 + 0.3125
            QCOMPARE(r.stats.rowsRead, std::uint64_t(5));
        } else {
            QVERIFY(!r.ok);
            QVERIFY2(r.error.find(error.toStdString()) != std::string::npos, r.error.c_str());
        }
    }

    void emptyAndMissing()
    {
        QVERIFY(!importText("", "empty.csv").result.ok);
        QVERIFY(!importPath("no-such-file.csv").result.ok);
    }

    void chunkBoundaries()
    {
        // 20,000 rows (~1 MB: rows cross the reader's 64 KiB chunks), every 7th with a quoted
        // feature, every 1000th with a line break inside its quotes; a bad row at the end. The
        // bad row's line counts every physical line before it: 1 header + 20,000 rows + 20 extra
        // lines from the quoted breaks, so it is on line 20,022.
        std::string text = "date,model,output,feature\n";
        for (int i = 0; i < 20000; ++i) {
            text += "2027-01-05,frontier-mini,1,";
            if (i % 1000 == 999)
                text += "\"lead\nqualification\"";
            else if (i % 7 == 0)
                text += "\"lead, qualification\"";
            else
                text += "lead-qualification";
            text += '\n';
        }
        text += "2027-01-05,frontier-mini,-1,x\n";
        const ImportOptions options = outputFeatureMapping("chunks");
        const Imported got = importText(text, "chunks.csv", options);
        QVERIFY2(got.result.ok, got.result.error.c_str());
        QCOMPARE(got.result.stats.rowsUsed, std::uint64_t(20000));
        QCOMPARE(got.sum(&UsageRecord::outputTokens), 20000.0);
        QCOMPARE(got.records[7].keys.feature, std::string("lead, qualification"));
        QCOMPARE(got.records[999].keys.feature, std::string("lead\nqualification"));
        QCOMPARE(got.result.stats.rowsRefused, std::uint64_t(1));
        QCOMPARE(got.result.stats.issues.at(0).line, std::uint64_t(20022));
        QCOMPARE(got.result.stats.issues.at(0).column, std::uint32_t(3));
    }

    void gzipMembersAndChecks_data()
    {
        // A mapped CSV in gzip, 8,000 rows of output 1 (~340 KB inflated: two blocks of the
        // inflating thread; the size is not given, so the thread runs): as one member, as two
        // members (the second holding the last 2,000 rows) with zero padding after them, with
        // the trailer's CRC-32 or length altered, and cut inside the trailer.
        QTest::addColumn<QByteArray>("how");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QByteArray>("error");
        QTest::newRow("one member") << QByteArray("one") << true << QByteArray();
        QTest::newRow("two members, zero padding") << QByteArray("two") << true << QByteArray();
        QTest::newRow("CRC altered")
            << QByteArray("crc") << false << QByteArray("corrupt (incorrect data check)");
        QTest::newRow("length altered") << QByteArray("length") << false << QByteArray("corrupt (");
        QTest::newRow("cut in the trailer")
            << QByteArray("cut") << false << QByteArray("truncated");
    }

    void gzipMembersAndChecks()
    {
        QFETCH(QByteArray, how);
        QFETCH(bool, ok);
        QFETCH(QByteArray, error);
        const std::string header = "date,model,output,feature\n";
        std::string first, second;
        for (int i = 0; i < 8000; ++i)
            (i < 6000 ? first : second) +=
                "2027-01-05,frontier-mini,1,feature-" + std::to_string(i * 7919 % 100003) + "\n";
        std::string gz;
        if (how == "two") {
            gz = gzipMember(header + first) + gzipMember(second) + std::string(100, '\0');
        } else {
            gz = gzipMember(header + first + second);
            if (how == "crc")
                gz[gz.size() - 8] = static_cast<char>(gz[gz.size() - 8] ^ 1);
            else if (how == "length")
                gz[gz.size() - 4] = static_cast<char>(gz[gz.size() - 4] ^ 1);
            else if (how == "cut")
                gz.resize(gz.size() - 3);
        }
        const ImportOptions options = outputFeatureMapping("members");
        const Imported got = importText(gz, "members.csv.gz", options);
        QCOMPARE(got.result.ok, ok);
        if (ok) {
            QCOMPARE(got.result.stats.rowsUsed, std::uint64_t(8000));
            QCOMPARE(got.sum(&UsageRecord::outputTokens), 8000.0);
            QCOMPARE(got.records.back().keys.feature,
                     "feature-" + std::to_string(7999 * 7919 % 100003));
        } else {
            QVERIFY2(got.result.error.find(error.toStdString()) != std::string::npos,
                     got.result.error.c_str());
        }
    }

    void lineEndings_data()
    {
        // The rows after the header "date,model,output,feature" (line 1); the features of the
        // rows used, in order, joined by "|"; the line and column of the one refused row (0: none).
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("features");
        QTest::addColumn<int>("refusedLine");
        QTest::addColumn<int>("refusedColumn");
        const QByteArray bad = "2027-01-05,m,-1,x"; // output -1: refused at column 3
        QTest::newRow("LF") << "2027-01-05,m,1,a\n2027-01-05,m,1,b\n" + bad + "\n"
                            << QByteArray("a|b") << 4 << 3;
        QTest::newRow("CR LF") << "2027-01-05,m,1,a\r\n2027-01-05,m,1,\"b\"\r\n" + bad + "\r\n"
                               << QByteArray("a|b") << 4 << 3;
        QTest::newRow("no line break at the end")
            << QByteArray("2027-01-05,m,1,a\n2027-01-05,m,1,b") << QByteArray("a|b") << 0 << 0;
        QTest::newRow("CR without LF at the end")
            << QByteArray("2027-01-05,m,1,a\n2027-01-05,m,1,\"b\"\r") << QByteArray("a|b") << 0
            << 0;
        // Lines 2, 4 and 5 are blank (4 with CR LF): no rows; the bad row is on line 7.
        QTest::newRow("blank lines") << "\n2027-01-05,m,1,a\n\r\n\n2027-01-05,m,1,b\n" + bad + "\n"
                                     << QByteArray("a|b") << 7 << 3;
        // A CR inside quotes is text (libcsv reads that line); the next row is on line 3.
        QTest::newRow("CR inside quotes") << "2027-01-05,m,1,\"a\rb\"\n" + bad + "\n"
                                          << QByteArray("a\rb") << 3 << 3;
        // Quotes doubled inside a quoted field, the field last on a CR LF line.
        QTest::newRow("doubled quotes") << "2027-01-05,m,1,\"say \"\"hi\"\"\"\r\n" + bad + "\n"
                                        << QByteArray("say \"hi\"") << 3 << 3;
        // Fields longer than the 64-byte blocks the splitter looks at, quoted and not, with a
        // doubled quote and a delimiter inside quotes past the first block.
        const QByteArray longPlain(150, 'f');
        const QByteArray longQuoted = QByteArray(70, 'q') + "\"\"," + QByteArray(60, 'r');
        const QByteArray longQuotedText = QByteArray(70, 'q') + "\"," + QByteArray(60, 'r');
        QTest::newRow("fields across blocks")
            << "2027-01-05,m,1," + longPlain + "\n2027-01-05," + QByteArray(90, 'm') + ",1,\""
                   + longQuoted + "\"\n" + bad + "\n"
            << longPlain + "|" + longQuotedText << 4 << 3;
    }

    void lineEndings()
    {
        // The fast splitter finds fields and line ends in one pass; lines it does not take
        // (quoted line breaks, CRs inside) go to libcsv: the rows, their text and their lines
        // are the same either way.
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, features);
        QFETCH(int, refusedLine);
        QFETCH(int, refusedColumn);
        const ImportOptions options = outputFeatureMapping("endings");
        const Imported got =
            importText("date,model,output,feature\n" + body.toStdString(), "e.csv", options);
        QVERIFY2(got.result.ok, got.result.error.c_str());
        std::string joined;
        for (const UsageRecord &r : got.records)
            joined += (joined.empty() ? "" : "|") + r.keys.feature;
        QCOMPARE(QByteArray::fromStdString(joined), features);
        QCOMPARE(got.result.stats.rowsRefused, std::uint64_t(refusedLine ? 1 : 0));
        if (refusedLine) {
            QCOMPARE(got.result.stats.issues.at(0).line, std::uint64_t(refusedLine));
            QCOMPARE(got.result.stats.issues.at(0).column, std::uint32_t(refusedColumn));
        }
    }

    void cancel()
    {
        // Many rows, and a progress callback that cancels at once: nothing is reported ok.
        std::string text = "Day;Model;Vendor;Input;Cached;Output;Calls;Cost (cents);Currency;"
                           "Use case;Team;Client;Labels;Deals closed\n";
        for (int i = 0; i < 10000; ++i)
            text += "05/01/2027;frontier-mini;OpenAI;10;0;1;1;1;USD;a;b;c;;0\n";
        ImportOptions options;
        options.mapping = gatewayMapping();
        options.progress = [](std::uint64_t, std::uint64_t) {
            return false;
        };
        const Imported got = importText(text, "big.csv", options);
        QVERIFY(!got.result.ok);
        QVERIFY(got.result.cancelled);
        QVERIFY(got.result.stats.rowsRead < 10000);
    }
};

QTEST_APPLESS_MAIN(TestImporters)
#include "tst_importers.moc"
