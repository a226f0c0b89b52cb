#include "anthropicimporter.h"

#include "jsonfields.h"
#include "parsing.h"

namespace roi::actuals::detail {

namespace {

void addTag(UsageRecord &rec, const char *key, std::string value)
{
    if (!value.empty())
        rec.keys.tags.emplace_back(key, std::move(value));
}

std::string fmtCount(double v)
{
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.0f", v);
    return buffer;
}

} // namespace

std::string importAnthropic(ImportContext &ctx, SourceFormat format)
{
    const bool costs = format == SourceFormat::AnthropicCosts;
    ctx.stats().formatDetail =
        costs ? "Anthropic cost report (JSON)" : "Anthropic usage report (JSON)";
    UsageRecord rec;
    return streamJsonRecords(
        ctx.input(), JsonLayout::Pages,
        [&](const nlohmann::json &bucket, const RecordPositions &at) {
            std::optional<Date> day;
            if (bucket.is_object())
                if (const auto it = bucket.find("starting_at");
                    it != bucket.end() && it->is_string())
                    day = parseDay(it->get_ref<const std::string &>());
            const auto results = bucket.is_object() ? bucket.find("results") : bucket.end();
            if (!day || results == bucket.end() || !results->is_array()) {
                if (!ctx.rowRead())
                    return false;
                ctx.refuse(at.record.line, at.record.column,
                           day ? "a bucket needs a \"results\" array"
                               : "a bucket needs \"starting_at\" as an RFC 3339 date-time");
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
                rec.day = *day;
                rec.provider = "Anthropic";
                rec.keys = {};
                rec.keys.project = jsonText(r, "workspace_id");
                addTag(rec, "api_key_id", jsonText(r, "api_key_id"));
                addTag(rec, "service_tier", jsonText(r, "service_tier"));
                addTag(rec, "context_window", jsonText(r, "context_window"));
                rec.uncachedInput = rec.cacheReadInput = rec.cacheWriteInput = 0;
                rec.outputTokens = rec.requests = 0;
                if (costs) {
                    const auto amount = r.find("amount");
                    bool has = false;
                    if (auto problem = jsonAmount(amount == r.end() ? nlohmann::json() : *amount,
                                                  rec.cost, has)) {
                        refuse("amount", *problem);
                        continue;
                    }
                    if (!has) {
                        refuse("amount", "is missing");
                        continue;
                    }
                    rec.cost /= 100.0; // cents -> units of the currency
                    rec.costKind = CostKind::Billed;
                    rec.currency = jsonText(r, "currency");
                    rec.model = jsonText(r, "model");
                    if (rec.model.empty()) {
                        // Web search, code execution...: the cost type names it.
                        const std::string type = jsonText(r, "cost_type");
                        rec.model = type.empty() ? std::string("(no model)") : "(" + type + ")";
                    }
                    addTag(rec, "cost_type", jsonText(r, "cost_type"));
                    addTag(rec, "token_type", jsonText(r, "token_type"));
                    addTag(rec, "description", jsonText(r, "description"));
                    ctx.use(rec);
                    continue;
                }
                double fiveMinutes = 0, oneHour = 0;
                std::optional<std::string> problem;
                std::string field;
                if ((problem = jsonCount(r, "uncached_input_tokens", rec.uncachedInput)))
                    field = "uncached_input_tokens";
                else if ((problem = jsonCount(r, "cache_read_input_tokens", rec.cacheReadInput)))
                    field = "cache_read_input_tokens";
                else if ((problem = jsonCount(r, "output_tokens", rec.outputTokens)))
                    field = "output_tokens";
                if (!problem) {
                    const auto creation = r.find("cache_creation");
                    if (creation != r.end() && !creation->is_null() && !creation->is_object()) {
                        problem = "must be an object";
                        field = "cache_creation";
                    } else if (creation != r.end() && creation->is_object()) {
                        if ((problem =
                                 jsonCount(*creation, "ephemeral_5m_input_tokens", fiveMinutes)))
                            field = "cache_creation.ephemeral_5m_input_tokens";
                        else if ((problem =
                                      jsonCount(*creation, "ephemeral_1h_input_tokens", oneHour)))
                            field = "cache_creation.ephemeral_1h_input_tokens";
                    } else if ((problem =
                                    jsonCount(r, "cache_creation_input_tokens", fiveMinutes))) {
                        field = "cache_creation_input_tokens"; // the older flat field
                    }
                }
                if (problem) {
                    refuse(field, *problem);
                    continue;
                }
                rec.model = jsonText(r, "model");
                if (rec.model.empty()) {
                    refuse("model", "is missing: export the usage grouped by model");
                    continue;
                }
                rec.cacheWriteInput = fiveMinutes + oneHour;
                if (oneHour > 0)
                    addTag(rec, "cache_write_1h_tokens", fmtCount(oneHour));
                rec.cost = 0;
                rec.costKind = CostKind::None;
                rec.currency.clear();
                ctx.use(rec);
            }
            return true;
        });
}

} // namespace roi::actuals::detail
