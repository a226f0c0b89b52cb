#include "litellmimporter.h"

#include "csvreader.h"
#include "jsonfields.h"
#include "parsing.h"

#include <array>

namespace roi::actuals::detail {

namespace {

enum Field {
    Spend,
    PromptTokens,
    CompletionTokens,
    StartTime,
    Model,
    ModelGroup,
    User,
    TeamId,
    EndUser,
    RequestTags,
    Metadata,
    ApiBase,
    Provider,
    FieldCount
};

constexpr std::array<std::string_view, FieldCount> kNames = {"spend",
                                                             "prompt_tokens",
                                                             "completion_tokens",
                                                             "startTime",
                                                             "model",
                                                             "model_group",
                                                             "user",
                                                             "team_id",
                                                             "end_user",
                                                             "request_tags",
                                                             "metadata",
                                                             "api_base",
                                                             "custom_llm_provider"};

struct Problem
{
    Field field;
    std::string message;
};

std::string providerFromApiBase(std::string_view base)
{
    if (icontains(base, "openai.azure.com"))
        return "Azure";
    if (icontains(base, "openai.com"))
        return "OpenAI";
    if (icontains(base, "anthropic.com"))
        return "Anthropic";
    if (icontains(base, "googleapis.com"))
        return "Google";
    if (icontains(base, "amazonaws.com"))
        return "AWS Bedrock";
    return {};
}

double countAt(const nlohmann::json &object, std::initializer_list<const char *> path, bool &bad)
{
    const nlohmann::json *v = &object;
    for (const char *key : path) {
        if (!v->is_object())
            return 0;
        const auto it = v->find(key);
        if (it == v->end())
            return 0;
        v = &*it;
    }
    if (v->is_null())
        return 0;
    if (!v->is_number() || checkCount(v->get<double>())) {
        bad = true;
        return 0;
    }
    return v->get<double>();
}

/// One spend-log row, whatever it was read from.
std::optional<Problem> readRow(const std::array<std::string_view, FieldCount> &f, UsageRecord &rec)
{
    const std::optional<Date> day = parseDay(f[StartTime]);
    if (!day)
        return Problem{StartTime, quoted(f[StartTime]) + " is not a date-time"};
    rec.day = *day;
    bool has = false;
    if (auto p = readAmount(f[Spend], rec.cost, has))
        return Problem{Spend, *p};
    rec.costKind = has ? CostKind::Estimated : CostKind::None;
    rec.currency = has ? "USD" : "";
    if (!has)
        rec.cost = 0;
    double prompt = 0;
    if (auto p = readCount(f[PromptTokens], prompt))
        return Problem{PromptTokens, *p};
    if (auto p = readCount(f[CompletionTokens], rec.outputTokens))
        return Problem{CompletionTokens, *p};
    rec.model.assign(f[Model].empty() ? f[ModelGroup] : f[Model]);
    if (rec.model.empty())
        return Problem{Model, "is empty"};
    rec.provider.assign(f[Provider]);
    if (rec.provider.empty())
        rec.provider = providerFromApiBase(f[ApiBase]);
    rec.requests = 1;
    rec.keys = {};
    rec.keys.user.assign(f[User]);
    rec.keys.team.assign(f[TeamId]);
    rec.keys.customer.assign(f[EndUser]);

    double cacheRead = 0, cacheWrite = 0;
    const std::string_view metaText = trim(f[Metadata]);
    if (!metaText.empty() && metaText != "null") {
        const nlohmann::json meta = nlohmann::json::parse(metaText, nullptr, false);
        if (!meta.is_object())
            return Problem{Metadata, "not a JSON object"};
        bool bad = false;
        cacheRead = countAt(meta, {"usage_object", "cache_read_input_tokens"}, bad);
        if (cacheRead == 0)
            cacheRead =
                countAt(meta, {"usage_object", "prompt_tokens_details", "cached_tokens"}, bad);
        cacheWrite = countAt(meta, {"usage_object", "cache_creation_input_tokens"}, bad);
        if (bad)
            return Problem{Metadata, "a cache token count in usage_object is not a count"};
        const auto tags = meta.find("spend_logs_metadata");
        if (tags != meta.end() && tags->is_object())
            for (auto it = tags->begin(); it != tags->end(); ++it)
                if (it->is_string())
                    rec.keys.tags.emplace_back(it.key(), it->get<std::string>());
        if (rec.keys.team.empty()) {
            const auto alias = meta.find("user_api_key_team_alias");
            if (alias != meta.end() && alias->is_string())
                rec.keys.team = alias->get<std::string>();
        }
    }
    if (prompt < cacheRead + cacheWrite)
        return Problem{PromptTokens, "fewer than the cached tokens it includes"};
    rec.uncachedInput = prompt - cacheRead - cacheWrite;
    rec.cacheReadInput = cacheRead;
    rec.cacheWriteInput = cacheWrite;

    const std::string_view tagsText = trim(f[RequestTags]);
    if (!tagsText.empty() && tagsText != "null" && tagsText != "[]") {
        const nlohmann::json tags = nlohmann::json::parse(tagsText, nullptr, false);
        if (!tags.is_array())
            return Problem{RequestTags, "not a JSON list"};
        for (const nlohmann::json &t : tags) {
            if (!t.is_string())
                return Problem{RequestTags, "a tag is not a string"};
            const std::string &s = t.get_ref<const std::string &>();
            const std::size_t sep = s.find_first_of(":=");
            if (sep == std::string::npos)
                rec.keys.tags.emplace_back("request_tag", s);
            else
                rec.keys.tags.emplace_back(std::string(trim(std::string_view(s).substr(0, sep))),
                                           std::string(trim(std::string_view(s).substr(sep + 1))));
        }
    }
    keysFromTags(rec.keys);
    return std::nullopt;
}

std::string importCsv(ImportContext &ctx)
{
    ctx.stats().formatDetail = "LiteLLM spend logs (CSV)";
    CsvReader reader(ctx.input(), ',');
    std::array<int, FieldCount> columns{};
    std::string fileError;
    UsageRecord rec;
    const CsvReader::HeaderFn onHeader = [&](const CsvHeader &h) {
        for (std::size_t i = 0; i < FieldCount; ++i)
            columns[i] = h.index(kNames[i]);
        if (columns[StartTime] < 0 || (columns[Model] < 0 && columns[ModelGroup] < 0)) {
            fileError = "a LiteLLM spend log needs startTime and model columns";
            return false;
        }
        return true;
    };
    std::array<std::string_view, FieldCount> f;
    const CsvReader::RowFn onRow = [&](const CsvRow &row) {
        if (!ctx.rowRead())
            return false;
        for (std::size_t i = 0; i < FieldCount; ++i)
            f[i] = row.field(columns[i]);
        if (const auto problem = readRow(f, rec)) {
            ctx.refuse(row.line, static_cast<std::uint32_t>(columns[problem->field] + 1),
                       std::string(kNames[problem->field]) + ": " + problem->message);
            return true;
        }
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

std::string importJson(ImportContext &ctx)
{
    ctx.stats().formatDetail = "LiteLLM spend logs (JSON)";
    UsageRecord rec;
    std::array<std::string, FieldCount> text;
    std::array<std::string_view, FieldCount> f;
    return streamJsonRecords(
        ctx.input(), JsonLayout::Records, [&](const nlohmann::json &r, const RecordPositions &at) {
            if (!ctx.rowRead())
                return false;
            if (!r.is_object()) {
                ctx.refuse(at.record.line, at.record.column, "a spend log must be an object");
                return true;
            }
            for (std::size_t i = 0; i < FieldCount; ++i) {
                text[i] = jsonText(r, kNames[i]);
                f[i] = text[i];
            }
            if (const auto problem = readRow(f, rec)) {
                ctx.refuse(at.record.line, at.record.column,
                           std::string(kNames[problem->field]) + ": " + problem->message);
                return true;
            }
            ctx.use(rec);
            return true;
        });
}

} // namespace

std::string importLiteLlm(ImportContext &ctx)
{
    const std::string_view head = trim(ctx.input().head(16));
    const bool json = !head.empty() && (head.front() == '{' || head.front() == '[');
    return json ? importJson(ctx) : importCsv(ctx);
}

} // namespace roi::actuals::detail
