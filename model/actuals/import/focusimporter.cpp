#include "focusimporter.h"

#include "csvreader.h"
#include "parsing.h"

namespace roi::actuals::detail {

TokenKind tokenKindFromText(std::string_view t)
{
    const bool cache = icontains(t, "cache");
    if (cache && (icontains(t, "write") || icontains(t, "creation") || icontains(t, "create")))
        return TokenKind::CacheWrite;
    if (cache || icontains(t, "cached"))
        return TokenKind::CacheRead;
    if (icontains(t, "output") || icontains(t, "completion") || icontains(t, "generated"))
        return TokenKind::Output;
    if (icontains(t, "input") || icontains(t, "prompt"))
        return TokenKind::Input;
    return TokenKind::Unknown;
}

namespace {

/// The model a meter's text names: what comes before its first token-kind word.
std::string_view modelFromMeter(std::string_view meter)
{
    std::size_t cut = meter.size();
    for (std::string_view word :
         {"cached", "cache", "input", "output", "prompt", "completion", "tokens", "token"}) {
        for (std::size_t i = 0; i + word.size() <= meter.size(); ++i) {
            if (iequals(meter.substr(i, word.size()), word)
                && (i == 0
                    || std::string_view(" \t\r\n-_/").find(meter[i - 1])
                           != std::string_view::npos)) {
                cut = std::min(cut, i);
                break;
            }
        }
    }
    std::string_view model = meter.substr(0, cut);
    while (!model.empty()
           && std::string_view(" \t\r\n-_/,").find(model.back()) != std::string_view::npos)
        model.remove_suffix(1);
    return trim(model);
}

/// Tokens per ConsumedUnit: 1 for "Tokens", 1000 for "1K Tokens"/"1000 Tokens", 1e6 for
/// "1M Tokens"/"Million Tokens"; 0 if the unit is not tokens.
double tokensPerUnit(std::string_view unit)
{
    if (!icontains(unit, "token"))
        return 0;
    const std::string_view u = trim(unit);
    if (icontains(u, "million") || u.substr(0, 2) == "1M" || u.substr(0, 2) == "1m"
        || u.substr(0, 7) == "1000000")
        return 1e6;
    if (icontains(u, "thousand") || u.substr(0, 2) == "1K" || u.substr(0, 2) == "1k"
        || u.substr(0, 4) == "1000")
        return 1e3;
    return 1;
}

bool isRequestUnit(std::string_view unit)
{
    return icontains(unit, "request") || icontains(unit, "call");
}

/// The last few answers of `compute` for a text, compared byte for byte: a FOCUS file repeats a
/// handful of meters, units and token kinds on every row.
template<typename T>
class SmallMemo
{
public:
    template<typename F>
    const T &get(std::string_view text, F compute)
    {
        for (std::size_t i = 0; i < m_size; ++i)
            if (m_keys[i] == text)
                return m_values[i];
        const std::size_t slot = m_size < kSlots ? m_size++ : (m_next++ % kSlots);
        m_keys[slot].assign(text);
        m_values[slot] = compute(text);
        return m_values[slot];
    }

private:
    static constexpr std::size_t kSlots = 8;
    std::string m_keys[kSlots];
    T m_values[kSlots]{};
    std::size_t m_size = 0, m_next = 0;
};

const std::string *findKey(const std::vector<std::pair<std::string, std::string>> &members,
                           std::size_t count, std::initializer_list<std::string_view> names)
{
    for (std::size_t i = 0; i < count; ++i) {
        const auto &[k, value] = members[i];
        std::string_view key = k;
        if (key.size() > 2 && (key.substr(0, 2) == "x_" || key.substr(0, 2) == "X_"))
            key.remove_prefix(2);
        for (std::string_view name : names)
            if (iequals(key, name))
                return &value;
    }
    return nullptr;
}

} // namespace

std::string importFocus(ImportContext &ctx)
{
    CsvReader reader(ctx.input(), ',');
    struct
    {
        int start = -1, category = -1, effective = -1, billed = -1, list = -1, currency = -1,
            quantity = -1, unit = -1, details = -1, meter = -1, provider = -1, publisher = -1,
            service = -1, subAccount = -1, resource = -1, tags = -1, description = -1;
    } c;
    std::string fileError;
    bool v13 = false;
    UsageRecord rec;
    std::vector<std::pair<std::string, std::string>> details;
    SmallMemo<TokenKind> kindMemo;
    SmallMemo<std::string> meterModelMemo;
    SmallMemo<double> perUnitMemo; // -1: a request unit, 0: neither tokens nor requests
    // SkuPriceDetails: a file repeats a handful of them (one per SKU), parsed once each.
    struct Details
    {
        bool ok = false; // a JSON object
        std::string model;
        TokenKind kind = TokenKind::Unknown;
    };
    SmallMemo<Details> detailsMemo;
    // ChargePeriodStart: rows come day by day, so the last text's day is nearly always the next.
    std::string lastStartText;
    std::optional<Date> lastStart;

    const CsvReader::HeaderFn onHeader = [&](const CsvHeader &h) {
        c.start = h.index("ChargePeriodStart");
        c.category = h.index("ChargeCategory");
        c.effective = h.index("EffectiveCost");
        c.billed = h.index("BilledCost");
        c.list = h.index("ListCost");
        c.currency = h.index("BillingCurrency");
        c.quantity = h.index("ConsumedQuantity");
        c.unit = h.index("ConsumedUnit");
        c.details = h.index("SkuPriceDetails");
        c.meter = h.index("SkuMeter");
        v13 = h.has("ServiceProviderName") || h.has("HostProviderName");
        c.provider = v13 ? h.index("ServiceProviderName") : h.index("ProviderName");
        if (c.provider < 0)
            c.provider = h.index("ProviderName");
        c.publisher = v13 ? h.index("HostProviderName") : h.index("PublisherName");
        c.service = h.index("ServiceName");
        c.subAccount = h.index("SubAccountName");
        c.resource = h.index("ResourceName");
        c.tags = h.index("Tags");
        c.description = h.index("ChargeDescription");
        std::string missing;
        if (c.start < 0)
            missing += "ChargePeriodStart ";
        if (c.effective < 0 && c.billed < 0)
            missing += "EffectiveCost ";
        if (!missing.empty()) {
            fileError = "not a FOCUS file: no column " + std::string(trim(missing));
            return false;
        }
        ctx.stats().formatDetail = v13 ? "FOCUS 1.3-1.4" : "FOCUS 1.0-1.2";
        return true;
    };

    const CsvReader::RowFn onRow = [&](const CsvRow &row) {
        if (!ctx.rowRead())
            return false;
        auto refuse = [&](int column, const char *what, const std::string &problem) {
            ctx.refuse(row.line, static_cast<std::uint32_t>(column + 1),
                       std::string(what) + ": " + problem);
            return true;
        };
        const std::string_view category = row.field(c.category);
        if (!category.empty() && !iequals(category, "Usage")) {
            if (iequals(category, "Tax") || iequals(category, "Credit")
                || iequals(category, "Adjustment") || iequals(category, "Purchase")) {
                ctx.skip();
                return true;
            }
            return refuse(c.category, "ChargeCategory",
                          quoted(category) + " is not Usage, Purchase, Tax, Credit or Adjustment");
        }
        const std::string_view startText = row.field(c.start);
        if (startText != lastStartText || startText.empty()) {
            lastStart = parseDay(startText);
            lastStartText.assign(startText);
        }
        if (!lastStart)
            return refuse(c.start, "ChargePeriodStart",
                          quoted(startText) + " is not an ISO 8601 date-time");
        rec.day = *lastStart;

        // Cost: EffectiveCost (BilledCost where a file has no EffectiveCost).
        bool hasCost = false;
        const int costColumn = c.effective >= 0 ? c.effective : c.billed;
        const std::string_view costText = row.field(costColumn);
        if (auto problem = readAmount(costText, rec.cost, hasCost))
            return refuse(costColumn, c.effective >= 0 ? "EffectiveCost" : "BilledCost", *problem);
        if (!hasCost)
            return refuse(costColumn, c.effective >= 0 ? "EffectiveCost" : "BilledCost",
                          "is empty on a usage row");
        rec.costKind = c.effective >= 0 ? CostKind::Effective : CostKind::Billed;
        rec.billedCost.reset();
        rec.listCost.reset();
        double amount = 0;
        bool hasAmount = false;
        // BilledCost and ListCost are often the cost's own text (no discount): not parsed twice.
        if (c.billed >= 0) {
            const std::string_view text = row.field(c.billed);
            if (text == costText)
                rec.billedCost = rec.cost;
            else if (auto problem = readAmount(text, amount, hasAmount))
                return refuse(c.billed, "BilledCost", *problem);
            else if (hasAmount)
                rec.billedCost = amount;
        }
        if (c.list >= 0) {
            const std::string_view text = row.field(c.list);
            if (text == costText)
                rec.listCost = rec.cost;
            else if (auto problem = readAmount(text, amount, hasAmount))
                return refuse(c.list, "ListCost", *problem);
            else if (hasAmount)
                rec.listCost = amount;
        }
        rec.currency.assign(row.field(c.currency));

        // Model and token kind: SkuPriceDetails keys, else the SkuMeter text.
        std::string_view model;
        TokenKind kind = TokenKind::Unknown;
        std::string_view modelText;
        const std::string_view detailsText = row.field(c.details);
        if (!detailsText.empty() && detailsText != "null") {
            const Details &d = detailsMemo.get(detailsText, [&](std::string_view text) {
                Details out;
                std::size_t count = 0; // the pairs' strings are reused from call to call
                if (!readJsonObjectAt(text, details, count))
                    return out;
                out.ok = true;
                if (const std::string *m = findKey(details, count, {"ModelName", "Model"}))
                    out.model = *m;
                if (const std::string *k =
                        findKey(details, count, {"TokenType", "TokenKind", "TokenDirection"}))
                    out.kind = kindMemo.get(*k, tokenKindFromText);
                return out;
            });
            if (!d.ok)
                return refuse(c.details, "SkuPriceDetails", "not a JSON object");
            modelText = d.model;
            kind = d.kind;
        }
        const std::string_view meter = row.field(c.meter);
        model = !modelText.empty() ? modelText
                : meter.empty()
                    ? std::string_view()
                    : std::string_view(meterModelMemo.get(
                        meter, [](std::string_view m) { return std::string(modelFromMeter(m)); }));
        if (kind == TokenKind::Unknown)
            kind = kindMemo.get(meter, tokenKindFromText);
        if (model.empty())
            model = row.field(c.service);
        if (model.empty())
            return refuse(c.meter >= 0 ? c.meter : c.details, "SkuMeter",
                          "names no model (nor does SkuPriceDetails or ServiceName)");
        rec.model.assign(model);

        // Tokens: ConsumedQuantity in ConsumedUnit. PricingQuantity is never read.
        rec.uncachedInput = rec.cacheReadInput = rec.cacheWriteInput = rec.outputTokens = 0;
        rec.requests = 0;
        const std::string_view unit = row.field(c.unit);
        double quantity = 0;
        if (auto problem = readCount(row.field(c.quantity), quantity))
            return refuse(c.quantity, "ConsumedQuantity", *problem);
        const double perUnit = perUnitMemo.get(unit, [](std::string_view u) {
            const double tokens = tokensPerUnit(u);
            return tokens > 0 ? tokens : isRequestUnit(u) ? -1.0 : 0.0;
        });
        if (perUnit > 0) {
            const double tokens = quantity * perUnit;
            if (auto problem = checkCount(tokens))
                return refuse(c.quantity, "ConsumedQuantity", *problem);
            switch (kind) {
            case TokenKind::Input:
                rec.uncachedInput = tokens;
                break;
            case TokenKind::CacheRead:
                rec.cacheReadInput = tokens;
                break;
            case TokenKind::CacheWrite:
                rec.cacheWriteInput = tokens;
                break;
            case TokenKind::Output:
                rec.outputTokens = tokens;
                break;
            case TokenKind::Unknown:
                return refuse(c.meter >= 0 ? c.meter : c.details, "SkuMeter",
                              "the token kind (input, cached input, cache write, output) is "
                              "named neither in SkuPriceDetails nor in SkuMeter");
            }
        } else if (perUnit < 0) {
            rec.requests = quantity;
        }

        // Provider and attribution.
        rec.provider.assign(row.field(c.provider));
        rec.keys.project.assign(row.field(c.subAccount));
        rec.keys.team.clear();
        rec.keys.user.clear();
        rec.keys.customer.clear();
        rec.keys.feature.clear();
        // The tags' strings are reused from row to row (assigned, not rebuilt).
        auto &tags = rec.keys.tags;
        std::size_t tagCount = 0;
        auto addTag = [&](std::string_view key, std::string_view value) {
            if (tagCount == tags.size())
                tags.emplace_back();
            tags[tagCount].first.assign(key);
            tags[tagCount].second.assign(value);
            ++tagCount;
        };
        const std::string_view tagsText = row.field(c.tags);
        const bool hasTags = !tagsText.empty() && tagsText != "null";
        if (hasTags && !readJsonObjectAt(tagsText, tags, tagCount))
            return refuse(c.tags, "Tags", "not a JSON object");
        if (!row.field(c.resource).empty())
            addTag("ResourceName", row.field(c.resource));
        const std::string_view publisher = row.field(c.publisher);
        if (!publisher.empty() && publisher != rec.provider)
            addTag(v13 ? "HostProviderName" : "PublisherName", publisher);
        tags.resize(tagCount);
        if (hasTags)
            keysFromTags(rec.keys); // ResourceName / HostProviderName name no key
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
