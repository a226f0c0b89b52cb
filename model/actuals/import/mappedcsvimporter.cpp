#include "mappedcsvimporter.h"

#include "csvreader.h"
#include "parsing.h"

namespace roi::actuals::detail {

namespace {

struct Columns
{
    int date = -1, model = -1, provider = -1, uncached = -1, cacheRead = -1, cacheWrite = -1,
        output = -1, requests = -1, outcomes = -1, cost = -1, currency = -1, feature = -1,
        team = -1, customer = -1, project = -1, user = -1, tags = -1;
};

std::optional<DateStyle> dateStyle(std::string_view format)
{
    if (format.empty() || iequals(format, "auto"))
        return DateStyle::Auto;
    if (iequals(format, "YYYY-MM-DD") || iequals(format, "iso"))
        return DateStyle::Iso;
    if (iequals(format, "DD/MM/YYYY"))
        return DateStyle::Dmy;
    if (iequals(format, "MM/DD/YYYY"))
        return DateStyle::Mdy;
    if (iequals(format, "unix"))
        return DateStyle::Unix;
    return std::nullopt;
}

} // namespace

std::string importMappedCsv(ImportContext &ctx, const ColumnMapping &mapping)
{
    const std::optional<DateStyle> style = dateStyle(mapping.dateFormat);
    if (!style)
        return "the mapping's date format \"" + mapping.dateFormat
               + "\" is not one of auto, YYYY-MM-DD, DD/MM/YYYY, MM/DD/YYYY, unix";
    if (mapping.date.empty() || mapping.model.empty())
        return "the mapping must name the date and the model columns";
    ctx.stats().formatDetail = "CSV (mapping \"" + mapping.name + "\")";

    CsvReader reader(ctx.input(), mapping.delimiter);
    Columns c;
    std::string missing;
    auto find = [&](const CsvHeader &header, const std::string &name, const char *what) {
        if (name.empty())
            return -1;
        const int index = header.index(name);
        if (index < 0) {
            if (!missing.empty())
                missing.append(", ");
            missing.append("\"").append(name).append("\" (").append(what).append(")");
        }
        return index;
    };
    std::string fileError;
    UsageRecord rec;
    const CsvReader::HeaderFn onHeader = [&](const CsvHeader &h) {
        c.date = find(h, mapping.date, "date");
        c.model = find(h, mapping.model, "model");
        c.provider = find(h, mapping.provider, "provider");
        c.uncached = find(h, mapping.uncachedInput, "input tokens");
        c.cacheRead = find(h, mapping.cacheReadInput, "cache-read tokens");
        c.cacheWrite = find(h, mapping.cacheWriteInput, "cache-write tokens");
        c.output = find(h, mapping.outputTokens, "output tokens");
        c.requests = find(h, mapping.requests, "requests");
        c.outcomes = find(h, mapping.outcomes, "outcomes");
        c.cost = find(h, mapping.cost, "cost");
        c.currency = find(h, mapping.currency, "currency");
        c.feature = find(h, mapping.feature, "feature");
        c.team = find(h, mapping.team, "team");
        c.customer = find(h, mapping.customer, "customer");
        c.project = find(h, mapping.project, "project");
        c.user = find(h, mapping.user, "user");
        c.tags = find(h, mapping.tags, "tags");
        if (!missing.empty()) {
            fileError = "the mapping \"" + mapping.name
                        + "\" names columns that are not in the "
                          "header: "
                        + missing;
            return false;
        }
        return true;
    };
    const CsvReader::RowFn onRow = [&](const CsvRow &row) {
        if (!ctx.rowRead())
            return false;
        auto refuse = [&](int column, const std::string &what, const std::string &problem) {
            ctx.refuse(row.line, static_cast<std::uint32_t>(column + 1), what + ": " + problem);
            return true;
        };
        const std::optional<Date> day = parseDay(row.field(c.date), *style);
        if (!day)
            return refuse(c.date, mapping.date,
                          quoted(row.field(c.date)) + " is not a date (" + mapping.dateFormat
                              + ")");
        rec.day = *day;
        const std::string_view model = row.field(c.model);
        if (model.empty())
            return refuse(c.model, mapping.model, "the model is empty");
        rec.model.assign(model);
        if (c.provider >= 0 && !row.field(c.provider).empty())
            rec.provider.assign(row.field(c.provider));
        else
            rec.provider = mapping.defaultProvider;
        struct Count
        {
            int column;
            const std::string *name;
            double *out;
        };
        const Count counts[] = {{c.uncached, &mapping.uncachedInput, &rec.uncachedInput},
                                {c.cacheRead, &mapping.cacheReadInput, &rec.cacheReadInput},
                                {c.cacheWrite, &mapping.cacheWriteInput, &rec.cacheWriteInput},
                                {c.output, &mapping.outputTokens, &rec.outputTokens},
                                {c.requests, &mapping.requests, &rec.requests},
                                {c.outcomes, &mapping.outcomes, &rec.outcomes}};
        for (const Count &k : counts) {
            *k.out = 0;
            if (k.column < 0)
                continue;
            if (auto problem = readCount(row.field(k.column), *k.out))
                return refuse(k.column, *k.name, *problem);
        }
        if (mapping.inputIncludesCached) {
            rec.uncachedInput -= rec.cacheReadInput + rec.cacheWriteInput;
            if (rec.uncachedInput < 0)
                return refuse(c.uncached, mapping.uncachedInput,
                              "the input tokens are fewer than the cached tokens they include");
        }
        rec.cost = 0;
        rec.costKind = CostKind::None;
        if (c.cost >= 0) {
            bool hasCost = false;
            if (auto problem = readAmount(row.field(c.cost), rec.cost, hasCost))
                return refuse(c.cost, mapping.cost, *problem);
            if (hasCost) {
                if (mapping.costInCents)
                    rec.cost /= 100.0;
                rec.costKind = CostKind::Billed;
            }
        }
        if (c.currency >= 0 && !row.field(c.currency).empty())
            rec.currency.assign(row.field(c.currency));
        else
            rec.currency = mapping.defaultCurrency;
        rec.keys.feature.assign(row.field(c.feature));
        rec.keys.team.assign(row.field(c.team));
        rec.keys.customer.assign(row.field(c.customer));
        rec.keys.project.assign(row.field(c.project));
        rec.keys.user.assign(row.field(c.user));
        rec.keys.tags.clear();
        if (c.tags >= 0) {
            if (!parseTags(row.field(c.tags), rec.keys.tags))
                return refuse(c.tags, mapping.tags,
                              "not a JSON object of strings nor key=value pairs");
            keysFromTags(rec.keys);
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
        if (!reader.error().empty())
            return reader.error();
    }
    return {};
}

} // namespace roi::actuals::detail
