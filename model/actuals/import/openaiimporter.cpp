#include "openaiimporter.h"

#include "csvreader.h"
#include "jsonfields.h"
#include "parsing.h"

#include <algorithm>

namespace roi::actuals::detail {

namespace {

std::string upper(std::string text)
{
    std::transform(text.begin(), text.end(), text.begin(), [](char c) {
        return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
    });
    return text;
}

/// The bucket's day from start_time (Unix seconds).
std::optional<Date> bucketDay(const nlohmann::json &bucket)
{
    if (!bucket.is_object())
        return std::nullopt;
    const auto it = bucket.find("start_time");
    if (it == bucket.end())
        return std::nullopt;
    if (it->is_number())
        return dayFromUnixSeconds(it->get<double>());
    if (it->is_string())
        return parseDay(it->get_ref<const std::string &>());
    return std::nullopt;
}

void addTag(UsageRecord &rec, const char *key, std::string value)
{
    if (!value.empty())
        rec.keys.tags.emplace_back(key, std::move(value));
}

std::string importUsageJson(ImportContext &ctx)
{
    ctx.stats().formatDetail = "OpenAI usage API (JSON)";
    UsageRecord rec;
    return streamJsonRecords(
        ctx.input(), JsonLayout::Pages,
        [&](const nlohmann::json &bucket, const RecordPositions &at) {
            const std::optional<Date> day = bucketDay(bucket);
            const auto results = bucket.is_object() ? bucket.find("results") : bucket.end();
            if (!day || !bucket.is_object() || results == bucket.end() || !results->is_array()) {
                if (!ctx.rowRead())
                    return false;
                ctx.refuse(at.record.line, at.record.column,
                           day ? "a bucket needs a \"results\" array"
                               : "a bucket needs \"start_time\" in Unix seconds");
                return true;
            }
            std::size_t index = 0;
            for (const nlohmann::json &r : *results) {
                const JsonPosition pos = at.innerAt(index++);
                if (!ctx.rowRead())
                    return false;
                auto refuse = [&](const std::string &field, const std::string &problem) {
                    ctx.refuse(pos.line, pos.column, field + ": " + problem);
                };
                if (!r.is_object()) {
                    refuse("results", "each result must be an object");
                    continue;
                }
                double input = 0, cached = 0, written = 0, written2 = 0;
                std::optional<std::string> problem;
                const char *field = "";
                if ((problem = jsonCount(r, "input_tokens", input)))
                    field = "input_tokens";
                else if ((problem = jsonCount(r, "input_cached_tokens", cached)))
                    field = "input_cached_tokens";
                else if ((problem = jsonCount(r, "input_cache_write_tokens", written)))
                    field = "input_cache_write_tokens";
                else if ((problem = jsonCount(r, "input_cache_creation_tokens", written2)))
                    field = "input_cache_creation_tokens";
                else if ((problem = jsonCount(r, "output_tokens", rec.outputTokens)))
                    field = "output_tokens";
                else if ((problem = jsonCount(r, "num_model_requests", rec.requests)))
                    field = "num_model_requests";
                if (problem) {
                    refuse(field, *problem);
                    continue;
                }
                written += written2;
                if (input < cached + written) {
                    refuse("input_tokens", "fewer than the cached and cache-write tokens it "
                                           "includes");
                    continue;
                }
                const std::string model = jsonText(r, "model");
                if (model.empty()) {
                    refuse("model", "is missing: export the usage grouped by model");
                    continue;
                }
                rec.day = *day;
                rec.provider = "OpenAI";
                rec.model = model;
                rec.uncachedInput = input - cached - written;
                rec.cacheReadInput = cached;
                rec.cacheWriteInput = written;
                rec.cost = 0;
                rec.costKind = CostKind::None;
                rec.currency.clear();
                rec.keys = {};
                rec.keys.project = jsonText(r, "project_id");
                rec.keys.user = jsonText(r, "user_id");
                addTag(rec, "api_key_id", jsonText(r, "api_key_id"));
                addTag(rec, "batch", jsonText(r, "batch"));
                addTag(rec, "service_tier", jsonText(r, "service_tier"));
                ctx.use(rec);
            }
            return true;
        });
}

std::string importCostsJson(ImportContext &ctx)
{
    ctx.stats().formatDetail = "OpenAI costs API (JSON)";
    UsageRecord rec;
    return streamJsonRecords(
        ctx.input(), JsonLayout::Pages,
        [&](const nlohmann::json &bucket, const RecordPositions &at) {
            const std::optional<Date> day = bucketDay(bucket);
            const auto results = bucket.is_object() ? bucket.find("results") : bucket.end();
            if (!day || !bucket.is_object() || results == bucket.end() || !results->is_array()) {
                if (!ctx.rowRead())
                    return false;
                ctx.refuse(at.record.line, at.record.column,
                           day ? "a bucket needs a \"results\" array"
                               : "a bucket needs \"start_time\" in Unix seconds");
                return true;
            }
            std::size_t index = 0;
            for (const nlohmann::json &r : *results) {
                const JsonPosition pos = at.innerAt(index++);
                if (!ctx.rowRead())
                    return false;
                const auto amount = r.is_object() ? r.find("amount") : r.end();
                if (!r.is_object() || amount == r.end() || !amount->is_object()) {
                    ctx.refuse(pos.line, pos.column, "amount: must be {\"value\", \"currency\"}");
                    continue;
                }
                bool has = false;
                const auto value = amount->find("value");
                if (auto problem = jsonAmount(value == amount->end() ? nlohmann::json() : *value,
                                              rec.cost, has)) {
                    ctx.refuse(pos.line, pos.column, "amount.value: " + *problem);
                    continue;
                }
                if (!has) {
                    ctx.refuse(pos.line, pos.column, "amount.value: is missing");
                    continue;
                }
                const std::string lineItem = jsonText(r, "line_item");
                rec.day = *day;
                rec.provider = "OpenAI";
                // "gpt-4o-mini-2024-07-18, input" -> the model; other items keep their name.
                rec.model = lineItem.empty() ? std::string("(no line item)")
                                             : lineItem.substr(0, lineItem.find(", "));
                rec.uncachedInput = rec.cacheReadInput = rec.cacheWriteInput = 0;
                rec.outputTokens = rec.requests = 0;
                rec.costKind = CostKind::Billed; // dollars, as the API gives them
                rec.currency = upper(jsonText(*amount, "currency"));
                rec.keys = {};
                rec.keys.project = jsonText(r, "project_id");
                addTag(rec, "line_item", lineItem);
                ctx.use(rec);
            }
            return true;
        });
}

std::string importUsageCsv(ImportContext &ctx)
{
    ctx.stats().formatDetail = "OpenAI usage (CSV)";
    CsvReader reader(ctx.input(), ',');
    struct
    {
        int date = -1, model = -1, input = -1, cached = -1, output = -1, requests = -1,
            project = -1, user = -1, apiKey = -1, batch = -1;
    } c;
    std::string fileError;
    UsageRecord rec;
    auto first = [](const CsvHeader &h, std::initializer_list<std::string_view> names) {
        for (std::string_view n : names)
            if (int i = h.index(n); i >= 0)
                return i;
        return -1;
    };
    const CsvReader::HeaderFn onHeader = [&](const CsvHeader &h) {
        c.date = first(
            h, {"start_time", "start_time_iso", "date", "timestamp", "aggregation_timestamp"});
        c.model = first(h, {"model", "snapshot_id"});
        c.input = first(h, {"input_tokens", "n_context_tokens_total"});
        c.cached = first(h, {"input_cached_tokens", "n_cached_context_tokens_total"});
        c.output = first(h, {"output_tokens", "n_generated_tokens_total"});
        c.requests = first(h, {"num_model_requests", "n_requests"});
        c.project = first(h, {"project_id", "project_name"});
        c.user = first(h, {"user_id", "user"});
        c.apiKey = first(h, {"api_key_id", "api_key_name"});
        c.batch = h.index("batch");
        if (c.date < 0 || c.model < 0 || c.input < 0) {
            fileError = "an OpenAI usage CSV needs start_time, model and input_tokens columns";
            return false;
        }
        return true;
    };
    const CsvReader::RowFn onRow = [&](const CsvRow &row) {
        if (!ctx.rowRead())
            return false;
        const CsvHeader &h = reader.header();
        auto refuse = [&](int column, const std::string &problem) {
            ctx.refuse(row.line, static_cast<std::uint32_t>(column + 1),
                       h.name(column) + ": " + problem);
            return true;
        };
        const std::optional<Date> day = parseDay(row.field(c.date));
        if (!day)
            return refuse(c.date, quoted(row.field(c.date)) + " is not a date or Unix time");
        double input = 0, cached = 0;
        if (auto p = readCount(row.field(c.input), input))
            return refuse(c.input, *p);
        if (auto p = readCount(row.field(c.cached), cached))
            return refuse(c.cached, *p);
        if (auto p = readCount(row.field(c.output), rec.outputTokens))
            return refuse(c.output, *p);
        if (auto p = readCount(row.field(c.requests), rec.requests))
            return refuse(c.requests, *p);
        if (input < cached)
            return refuse(c.input, "fewer than the cached tokens it includes");
        if (row.field(c.model).empty())
            return refuse(c.model, "is empty: export the usage grouped by model");
        rec.day = *day;
        rec.provider = "OpenAI";
        rec.model.assign(row.field(c.model));
        rec.uncachedInput = input - cached;
        rec.cacheReadInput = cached;
        rec.cacheWriteInput = 0;
        rec.keys = {};
        rec.keys.project.assign(row.field(c.project));
        rec.keys.user.assign(row.field(c.user));
        addTag(rec, "api_key_id", std::string(row.field(c.apiKey)));
        addTag(rec, "batch", std::string(row.field(c.batch)));
        ctx.use(rec);
        return true;
    };
    const CsvReader::MalformedFn onMalformed = [&](std::uint64_t line, std::uint32_t column,
                                                   const std::string &message) {
        ctx.rowRead();
        ctx.refuse(line, column, message);
    };
    if (!reader.run(onHeader, onRow, onMalformed)) {
        if (!fileError.empty())
            return fileError;
        return reader.error();
    }
    return {};
}

} // namespace

std::string importOpenAi(ImportContext &ctx, SourceFormat format)
{
    const std::string_view head = trim(ctx.input().head(16));
    const bool json = !head.empty() && (head.front() == '{' || head.front() == '[');
    if (format == SourceFormat::OpenAiCosts)
        return json ? importCostsJson(ctx) : "OpenAI costs are read from the Costs API's JSON";
    return json ? importUsageJson(ctx) : importUsageCsv(ctx);
}

} // namespace roi::actuals::detail
