#include "actualsjson.h"

#include "../workbook.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>
#include <string_view>

namespace roi::actuals {

using Json = nlohmann::ordered_json;

namespace {

// ---------------------------------------------------------------------------------------------
// Column mappings: every string member by its JSON key.

struct MappingText
{
    const char *key;
    std::string ColumnMapping::*member;
};
constexpr MappingText kMappingText[] = {
    {"date", &ColumnMapping::date},
    {"model", &ColumnMapping::model},
    {"provider", &ColumnMapping::provider},
    {"uncachedInput", &ColumnMapping::uncachedInput},
    {"cacheReadInput", &ColumnMapping::cacheReadInput},
    {"cacheWriteInput", &ColumnMapping::cacheWriteInput},
    {"outputTokens", &ColumnMapping::outputTokens},
    {"requests", &ColumnMapping::requests},
    {"outcomes", &ColumnMapping::outcomes},
    {"cost", &ColumnMapping::cost},
    {"currency", &ColumnMapping::currency},
    {"feature", &ColumnMapping::feature},
    {"team", &ColumnMapping::team},
    {"customer", &ColumnMapping::customer},
    {"project", &ColumnMapping::project},
    {"user", &ColumnMapping::user},
    {"tags", &ColumnMapping::tags},
    {"dateFormat", &ColumnMapping::dateFormat},
    {"defaultCurrency", &ColumnMapping::defaultCurrency},
    {"defaultProvider", &ColumnMapping::defaultProvider},
};

struct RuleText
{
    const char *key;
    std::string AttributionRule::*member;
};
constexpr RuleText kRuleText[] = {
    {"useCase", &AttributionRule::useCase}, {"feature", &AttributionRule::feature},
    {"team", &AttributionRule::team},       {"customer", &AttributionRule::customer},
    {"project", &AttributionRule::project}, {"model", &AttributionRule::model},
    {"tag", &AttributionRule::tag},
};

struct MeasureColumn
{
    const char *key;
    double Measures::*member;
};
constexpr MeasureColumn kMeasureColumns[] = {
    {"uncachedInput", &Measures::uncachedInput},
    {"cacheReadInput", &Measures::cacheReadInput},
    {"cacheWriteInput", &Measures::cacheWriteInput},
    {"outputTokens", &Measures::outputTokens},
    {"requests", &Measures::requests},
    {"outcomes", &Measures::outcomes},
    {"cost", &Measures::cost},
};

struct KeyColumn
{
    const char *key; // column and dictionary name
    std::uint32_t RollupRow::*member;
    std::vector<std::string> RollupTable::*dict; // null: tags
};
constexpr KeyColumn kKeyColumns[] = {
    {"provider", &RollupRow::provider, &RollupTable::providers},
    {"model", &RollupRow::model, &RollupTable::models},
    {"project", &RollupRow::project, &RollupTable::projects},
    {"team", &RollupRow::team, &RollupTable::teams},
    {"customer", &RollupRow::customer, &RollupTable::customers},
    {"feature", &RollupRow::feature, &RollupTable::features},
    {"tags", &RollupRow::tags, nullptr},
};

std::string number(double v)
{
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, r.ptr);
}

/// Run-length encodes a column of value texts: "a*3,b".
class ColumnWriter
{
public:
    void add(std::string value)
    {
        if (m_count > 0 && value == m_last) {
            ++m_count;
            return;
        }
        flush();
        m_last = std::move(value);
        m_count = 1;
    }
    std::string finish()
    {
        flush();
        return std::move(m_out);
    }

private:
    void flush()
    {
        if (m_count == 0)
            return;
        if (!m_out.empty())
            m_out += ',';
        m_out += m_last;
        if (m_count > 1) {
            m_out += '*';
            m_out += std::to_string(m_count);
        }
        m_count = 0;
    }
    std::string m_out;
    std::string m_last;
    std::size_t m_count = 0;
};

Json tableToJson(const RollupTable &t)
{
    Json j;
    j["rows"] = t.rows.size();
    Json dicts = Json::object();
    for (const KeyColumn &k : kKeyColumns) {
        if (k.dict) {
            dicts[k.key] = t.*(k.dict);
        } else {
            Json sets = Json::array();
            for (const TagList &tags : t.tagSets) {
                Json pairs = Json::array();
                for (const auto &[key, value] : tags)
                    pairs.push_back(Json::array({key, value}));
                sets.push_back(std::move(pairs));
            }
            dicts[k.key] = std::move(sets);
        }
    }
    j["dictionaries"] = std::move(dicts);
    Json cols = Json::object();
    {
        ColumnWriter w;
        for (const RollupRow &r : t.rows)
            w.add(std::to_string(r.importId));
        cols["import"] = w.finish();
    }
    {
        ColumnWriter w;
        for (const RollupRow &r : t.rows)
            w.add(r.month.toString());
        cols["month"] = w.finish();
    }
    for (const KeyColumn &k : kKeyColumns) {
        ColumnWriter w;
        for (const RollupRow &r : t.rows)
            w.add(std::to_string(r.*(k.member)));
        cols[k.key] = w.finish();
    }
    for (const MeasureColumn &c : kMeasureColumns) {
        ColumnWriter w;
        for (const RollupRow &r : t.rows)
            w.add(number(r.m.*(c.member)));
        cols[c.key] = w.finish();
    }
    j["columns"] = std::move(cols);
    Json checks = Json::array();
    for (const PriceCheck &c : t.priceChecks) {
        checks.push_back(Json{{"import", c.importId},
                              {"month", c.month.toString()},
                              {"model", c.model},
                              {"priceModel", c.priceModel},
                              {"reportedCost", c.reportedCost},
                              {"priceBookCost", c.priceBookCost},
                              {"estimatedCost", c.estimatedCost},
                              {"reportedRows", c.reportedRows},
                              {"estimatedRows", c.estimatedRows},
                              {"unpricedRows", c.unpricedRows}});
    }
    j["priceChecks"] = std::move(checks);
    // Version 4: the ISO weeks of imports whose records carried days (none: no key).
    if (!t.weeks.empty()) {
        Json weeks = Json::array();
        for (const WeekRow &w : t.weeks) {
            Json e{{"import", w.importId}, {"week", w.week}};
            for (const MeasureColumn &c : kMeasureColumns)
                e[c.key] = w.m.*(c.member);
            weeks.push_back(std::move(e));
        }
        j["weeks"] = std::move(weeks);
    }
    return j;
}

} // namespace

Json actualsToJson(const Actuals &a)
{
    Json j;
    j["allocation"] = std::string(allocationName(a.allocation));
    if (a.hasRevenue()) {
        // Version 4: {"default": 40, "customers": [{"customer": "acme", "monthly": 120}]}.
        Json revenue = Json::object();
        if (a.revenuePerCustomer)
            revenue["default"] = *a.revenuePerCustomer;
        Json customers = Json::array();
        for (const CustomerRevenue &r : a.customerRevenue)
            customers.push_back(Json{{"customer", r.customer}, {"monthly", r.monthly}});
        revenue["customers"] = std::move(customers);
        j["revenue"] = std::move(revenue);
    }
    Json rates = Json::array();
    for (const CurrencyRate &r : a.rates)
        rates.push_back(Json{{"currency", r.currency}, {"rate", r.rate}});
    j["rates"] = std::move(rates);
    Json rules = Json::array();
    for (const AttributionRule &r : a.rules) {
        Json e = Json::object();
        for (const RuleText &t : kRuleText) {
            if (t.member == &AttributionRule::useCase || !(r.*(t.member)).empty())
                e[t.key] = r.*(t.member);
        }
        rules.push_back(std::move(e));
    }
    j["rules"] = std::move(rules);
    Json mappings = Json::array();
    static const ColumnMapping defaults{};
    for (const ColumnMapping &m : a.mappings) {
        Json e;
        e["name"] = m.name;
        for (const MappingText &t : kMappingText) {
            if (m.*(t.member) != defaults.*(t.member) || t.member == &ColumnMapping::date
                || t.member == &ColumnMapping::model)
                e[t.key] = m.*(t.member);
        }
        e["costInCents"] = m.costInCents;
        e["inputIncludesCached"] = m.inputIncludesCached;
        e["delimiter"] = std::string(1, m.delimiter);
        mappings.push_back(std::move(e));
    }
    j["mappings"] = std::move(mappings);
    Json imports = Json::array();
    for (const ImportRecord &r : a.imports) {
        imports.push_back(Json{{"id", r.id},
                               {"file", r.fileName},
                               {"sha256", r.sha256},
                               {"format", r.format},
                               {"formatDetail", r.formatDetail},
                               {"mapping", r.mapping},
                               {"importedAt", r.importedAt},
                               {"providers", r.providers},
                               {"firstDay", r.firstDay.toString()},
                               {"lastDay", r.lastDay.toString()},
                               {"rowsRead", r.rowsRead},
                               {"rowsUsed", r.rowsUsed},
                               {"rowsRefused", r.rowsRefused},
                               {"rowsSkipped", r.rowsSkipped},
                               {"rowsUnpriced", r.rowsUnpriced}});
    }
    j["imports"] = std::move(imports);
    if (a.rollup)
        j["rollup"] = tableToJson(*a.rollup);
    return j;
}

// ---------------------------------------------------------------------------------------------
// Reading

namespace {

class ActualsReader
{
public:
    ActualsReader(const ActualsError &error,
                  const std::function<void(const std::string &)> &unknown)
        : m_error(error)
        , m_unknown(unknown)
    {}

    void read(const Json &j, const std::string &path, Actuals &a)
    {
        if (!object(j, path))
            return;
        for (auto it = j.begin(); it != j.end(); ++it) {
            const std::string &key = it.key();
            const std::string p = path + "/" + key;
            const Json &v = *it;
            if (key == "allocation") {
                const std::string s = string(v, p, 32);
                if (auto m = allocationFromName(s))
                    a.allocation = *m;
                else if (v.is_string())
                    m_error(p, "must be one of unallocated, tokens, requests, cost");
            } else if (key == "revenue") {
                readRevenue(v, p, a);
            } else if (key == "rates") {
                array(v, p, limits::kMaxRates, [&](const Json &e, const std::string &ep) {
                    a.rates.push_back(readRate(e, ep));
                });
            } else if (key == "rules") {
                array(v, p, limits::kMaxRules, [&](const Json &e, const std::string &ep) {
                    a.rules.push_back(readRule(e, ep));
                });
            } else if (key == "mappings") {
                array(v, p, limits::kMaxMappings, [&](const Json &e, const std::string &ep) {
                    a.mappings.push_back(readMapping(e, ep));
                });
            } else if (key == "imports") {
                array(v, p, limits::kMaxImports, [&](const Json &e, const std::string &ep) {
                    a.imports.push_back(readImport(e, ep));
                });
            } else if (key == "rollup") {
                auto t = std::make_shared<RollupTable>();
                readTable(v, p, *t);
                a.rollup = std::move(t);
            } else {
                m_unknown(p);
            }
        }
    }

private:
    const ActualsError &m_error;
    const std::function<void(const std::string &)> &m_unknown;

    bool object(const Json &j, const std::string &path)
    {
        if (j.is_object())
            return true;
        m_error(path, "must be an object");
        return false;
    }

    template<typename F>
    void array(const Json &j, const std::string &path, std::size_t max, F each)
    {
        if (!j.is_array()) {
            m_error(path, "must be an array");
            return;
        }
        if (j.size() > max) {
            m_error(path, "has " + std::to_string(j.size()) + " entries; at most "
                              + std::to_string(max) + " are allowed");
            return;
        }
        for (std::size_t i = 0; i < j.size(); ++i)
            each(j[i], path + "/" + std::to_string(i));
    }

    std::string string(const Json &j, const std::string &path, std::size_t max = 10'000)
    {
        if (!j.is_string()) {
            m_error(path, "must be a string");
            return {};
        }
        const auto &s = j.get_ref<const std::string &>();
        if (s.size() > max) {
            m_error(path, "is longer than " + std::to_string(max) + " characters");
            return {};
        }
        return s;
    }

    std::optional<double> num(const Json &j, const std::string &path)
    {
        if (!j.is_number()) {
            m_error(path, "must be a number");
            return std::nullopt;
        }
        const double v = j.get<double>();
        if (!std::isfinite(v)) {
            m_error(path, "must be a finite number");
            return std::nullopt;
        }
        return v;
    }

    std::uint64_t count(const Json &j, const std::string &path)
    {
        if (!j.is_number_integer()
            || (j.is_number_integer() && j.get<std::int64_t>() < 0 && !j.is_number_unsigned())) {
            m_error(path, "must be a whole number >= 0");
            return 0;
        }
        return j.get<std::uint64_t>();
    }

    bool boolean(const Json &j, const std::string &path)
    {
        if (!j.is_boolean()) {
            m_error(path, "must be true or false");
            return false;
        }
        return j.get<bool>();
    }

    Date date(const Json &j, const std::string &path)
    {
        const std::string s = string(j, path, 32);
        if (s.empty())
            return {};
        if (auto d = Date::parse(s))
            return *d;
        m_error(path, "must be a date YYYY-MM-DD or \"\"");
        return {};
    }

    /// "revenue": {"default": 40, "customers": [{"customer": "acme", "monthly": 120}]}
    /// (version 4; migrateRevenueToV4 turns a version 3 "revenuePerCustomer" into "default").
    void readRevenue(const Json &j, const std::string &path, Actuals &a)
    {
        if (!object(j, path))
            return;
        for (auto it = j.begin(); it != j.end(); ++it) {
            const std::string p = path + "/" + it.key();
            if (it.key() == "default") {
                if (auto n = num(*it, p); n && *n < 0)
                    m_error(p, "must be >= 0");
                else if (n)
                    a.revenuePerCustomer = *n;
            } else if (it.key() == "customers") {
                array(*it, p, limits::kMaxCustomerRevenue,
                      [&](const Json &e, const std::string &ep) {
                          a.customerRevenue.push_back(readCustomerRevenue(e, ep));
                      });
            } else {
                m_unknown(p);
            }
        }
        std::set<std::string> seen; // in the file's order, so that the path names the entry
        for (std::size_t i = 0; i < a.customerRevenue.size(); ++i) {
            const std::string &c = a.customerRevenue[i].customer;
            if (!c.empty() && !seen.insert(c).second)
                m_error(path + "/customers/" + std::to_string(i) + "/customer",
                        "duplicate customer '" + c + "'; customers must be unique");
        }
        // Sorted for look-ups (Actuals::revenueOf).
        std::stable_sort(a.customerRevenue.begin(), a.customerRevenue.end(),
                         [](const CustomerRevenue &x, const CustomerRevenue &y) {
                             return x.customer < y.customer;
                         });
    }

    CustomerRevenue readCustomerRevenue(const Json &j, const std::string &path)
    {
        CustomerRevenue r;
        if (!object(j, path))
            return r;
        for (auto it = j.begin(); it != j.end(); ++it) {
            const std::string p = path + "/" + it.key();
            if (it.key() == "customer") {
                r.customer = string(*it, p, 256);
                if (it->is_string() && r.customer.empty())
                    m_error(p, "must not be empty");
            } else if (it.key() == "monthly") {
                if (auto n = num(*it, p); n && *n < 0)
                    m_error(p, "must be >= 0");
                else if (n)
                    r.monthly = *n;
            } else {
                m_unknown(p);
            }
        }
        if (!j.contains("customer"))
            m_error(path + "/customer", "is missing");
        if (!j.contains("monthly"))
            m_error(path + "/monthly", "is missing");
        return r;
    }

    CurrencyRate readRate(const Json &j, const std::string &path)
    {
        CurrencyRate r;
        if (!object(j, path))
            return r;
        for (auto it = j.begin(); it != j.end(); ++it) {
            const std::string p = path + "/" + it.key();
            if (it.key() == "currency") {
                r.currency = string(*it, p, 8);
                if (it->is_string() && !isCurrencyCode(r.currency))
                    m_error(p, "must be a three-letter ISO 4217 code such as EUR");
            } else if (it.key() == "rate") {
                if (auto n = num(*it, p); n && !(*n > 0))
                    m_error(p, "must be > 0");
                else if (n)
                    r.rate = *n;
            } else {
                m_unknown(p);
            }
        }
        if (!j.contains("currency"))
            m_error(path + "/currency", "is missing");
        if (!j.contains("rate"))
            m_error(path + "/rate", "is missing");
        return r;
    }

    AttributionRule readRule(const Json &j, const std::string &path)
    {
        AttributionRule r;
        if (!object(j, path))
            return r;
        for (auto it = j.begin(); it != j.end(); ++it) {
            const std::string p = path + "/" + it.key();
            const auto *t = std::find_if(std::begin(kRuleText), std::end(kRuleText),
                                         [&](const RuleText &e) { return it.key() == e.key; });
            if (t == std::end(kRuleText))
                m_unknown(p);
            else
                r.*(t->member) = string(*it, p, 400);
        }
        if (!j.contains("useCase"))
            m_error(path + "/useCase", "is missing");
        else if (r.isEmpty())
            m_error(path, "must match on at least one of feature, team, customer, project, "
                          "model, tag");
        return r;
    }

    ColumnMapping readMapping(const Json &j, const std::string &path)
    {
        ColumnMapping m;
        if (!object(j, path))
            return m;
        for (auto it = j.begin(); it != j.end(); ++it) {
            const std::string p = path + "/" + it.key();
            const auto *t = std::find_if(std::begin(kMappingText), std::end(kMappingText),
                                         [&](const MappingText &e) { return it.key() == e.key; });
            if (it.key() == "name") {
                m.name = string(*it, p, 200);
                if (it->is_string() && m.name.empty())
                    m_error(p, "must not be empty");
            } else if (t != std::end(kMappingText)) {
                m.*(t->member) = string(*it, p, 400);
            } else if (it.key() == "costInCents") {
                m.costInCents = boolean(*it, p);
            } else if (it.key() == "inputIncludesCached") {
                m.inputIncludesCached = boolean(*it, p);
            } else if (it.key() == "delimiter") {
                const std::string d = string(*it, p, 4);
                if (d.size() != 1)
                    m_error(p, "must be one character");
                else
                    m.delimiter = d[0];
            } else {
                m_unknown(p);
            }
        }
        if (!j.contains("name"))
            m_error(path + "/name", "is missing");
        if (m.date.empty())
            m_error(path + "/date", "must name the date column");
        if (m.model.empty())
            m_error(path + "/model", "must name the model column");
        return m;
    }

    ImportRecord readImport(const Json &j, const std::string &path)
    {
        ImportRecord r;
        if (!object(j, path))
            return r;
        for (auto it = j.begin(); it != j.end(); ++it) {
            const std::string &k = it.key();
            const std::string p = path + "/" + k;
            const Json &v = *it;
            if (k == "id") {
                const auto id = count(v, p);
                if (id == 0 || id > 0xFFFFFFFFull)
                    m_error(p, "must be a whole number from 1 to 4294967295");
                else
                    r.id = static_cast<std::uint32_t>(id);
            } else if (k == "file") {
                r.fileName = string(v, p, 1000);
            } else if (k == "sha256") {
                r.sha256 = string(v, p, 64);
                const bool hex = r.sha256.size() == 64
                                 && std::all_of(r.sha256.begin(), r.sha256.end(), [](char c) {
                                        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
                                    });
                if (v.is_string() && !hex)
                    m_error(p, "must be 64 lowercase hexadecimal digits");
            } else if (k == "format") {
                r.format = string(v, p, 64);
            } else if (k == "formatDetail") {
                r.formatDetail = string(v, p, 200);
            } else if (k == "mapping") {
                r.mapping = string(v, p, 200);
            } else if (k == "importedAt") {
                r.importedAt = string(v, p, 64);
            } else if (k == "providers") {
                array(v, p, 1000, [&](const Json &e, const std::string &ep) {
                    r.providers.push_back(string(e, ep, 200));
                });
            } else if (k == "firstDay") {
                r.firstDay = date(v, p);
            } else if (k == "lastDay") {
                r.lastDay = date(v, p);
            } else if (k == "rowsRead") {
                r.rowsRead = count(v, p);
            } else if (k == "rowsUsed") {
                r.rowsUsed = count(v, p);
            } else if (k == "rowsRefused") {
                r.rowsRefused = count(v, p);
            } else if (k == "rowsSkipped") {
                r.rowsSkipped = count(v, p);
            } else if (k == "rowsUnpriced") {
                r.rowsUnpriced = count(v, p);
            } else {
                m_unknown(p);
            }
        }
        for (const char *required : {"id", "file", "sha256", "format"}) {
            if (!j.contains(required))
                m_error(path + "/" + required, "is missing");
        }
        if (r.firstDay > r.lastDay)
            m_error(path + "/lastDay", "must not be before firstDay");
        return r;
    }

    /// Splits a column string into its values; nullopt (with an error) when malformed.
    std::optional<std::vector<std::string_view>> column(const Json &j, const std::string &path,
                                                        std::size_t rows)
    {
        if (!j.is_string()) {
            m_error(path, "must be a string of comma-separated values");
            return std::nullopt;
        }
        const std::string_view s = j.get_ref<const std::string &>();
        std::vector<std::string_view> out;
        out.reserve(rows);
        std::size_t pos = 0;
        while (pos < s.size()) {
            std::size_t end = s.find(',', pos);
            if (end == std::string_view::npos)
                end = s.size();
            std::string_view tok = s.substr(pos, end - pos);
            std::size_t repeat = 1;
            if (const auto star = tok.find('*'); star != std::string_view::npos) {
                const std::string_view n = tok.substr(star + 1);
                const auto r = std::from_chars(n.data(), n.data() + n.size(), repeat);
                if (r.ec != std::errc() || r.ptr != n.data() + n.size() || repeat == 0) {
                    m_error(path, "value " + std::to_string(out.size()) + ": bad repeat count '"
                                      + std::string(n) + "'");
                    return std::nullopt;
                }
                tok = tok.substr(0, star);
            }
            if (repeat > rows - std::min(rows, out.size())) {
                m_error(path, "has more values than the " + std::to_string(rows) + " rows");
                return std::nullopt;
            }
            out.insert(out.end(), repeat, tok);
            pos = end + 1;
        }
        if (out.size() != rows) {
            m_error(path, "has " + std::to_string(out.size()) + " values; \"rows\" says "
                              + std::to_string(rows));
            return std::nullopt;
        }
        return out;
    }

    void readTable(const Json &j, const std::string &path, RollupTable &t)
    {
        if (!object(j, path))
            return;
        for (auto it = j.begin(); it != j.end(); ++it) {
            if (it.key() != "rows" && it.key() != "dictionaries" && it.key() != "columns"
                && it.key() != "priceChecks" && it.key() != "weeks")
                m_unknown(path + "/" + it.key());
        }
        const auto rowsIt = j.find("rows");
        if (rowsIt == j.end()) {
            m_error(path + "/rows", "is missing");
            return;
        }
        const std::uint64_t rows = count(*rowsIt, path + "/rows");
        if (rows > limits::kMaxRollupRows) {
            m_error(path + "/rows", "must be <= " + std::to_string(limits::kMaxRollupRows));
            return;
        }
        // Dictionaries
        const std::string dp = path + "/dictionaries";
        const auto dictsIt = j.find("dictionaries");
        if (dictsIt == j.end() || !object(*dictsIt, dp)) {
            if (dictsIt == j.end())
                m_error(dp, "is missing");
            return;
        }
        for (auto it = dictsIt->begin(); it != dictsIt->end(); ++it) {
            const bool known = std::any_of(std::begin(kKeyColumns), std::end(kKeyColumns),
                                           [&](const KeyColumn &k) { return it.key() == k.key; });
            if (!known)
                m_unknown(dp + "/" + it.key());
        }
        for (const KeyColumn &k : kKeyColumns) {
            const std::string p = dp + "/" + k.key;
            const auto d = dictsIt->find(k.key);
            if (d == dictsIt->end()) {
                m_error(p, "is missing");
                continue;
            }
            if (k.dict) {
                std::vector<std::string> &dict = t.*(k.dict);
                dict.clear();
                array(*d, p, limits::kMaxDictionary, [&](const Json &e, const std::string &ep) {
                    dict.push_back(string(e, ep, 1000));
                });
                if (dict.empty() || !dict[0].empty())
                    m_error(p + "/0", "must be \"\" (the entry of rows without this key)");
            } else {
                t.tagSets.clear();
                array(*d, p, limits::kMaxDictionary, [&](const Json &e, const std::string &ep) {
                    TagList tags;
                    array(e, ep, 1000, [&](const Json &pair, const std::string &pp) {
                        if (!pair.is_array() || pair.size() != 2 || !pair[0].is_string()
                            || !pair[1].is_string()) {
                            m_error(pp, "must be a [key, value] pair of strings");
                            return;
                        }
                        tags.emplace_back(pair[0].get<std::string>(), pair[1].get<std::string>());
                    });
                    t.tagSets.push_back(std::move(tags));
                });
                if (t.tagSets.empty() || !t.tagSets[0].empty())
                    m_error(p + "/0", "must be [] (the entry of rows without tags)");
            }
        }
        // Columns
        const std::string cp = path + "/columns";
        const auto colsIt = j.find("columns");
        if (colsIt == j.end()) {
            m_error(cp, "is missing");
            return;
        }
        if (!object(*colsIt, cp))
            return;
        t.rows.assign(static_cast<std::size_t>(rows), RollupRow{});
        auto each = [&](const char *name, auto parse) {
            const std::string p = cp + "/" + name;
            const auto c = colsIt->find(name);
            if (c == colsIt->end()) {
                m_error(p, "is missing");
                return;
            }
            const auto values = column(*c, p, static_cast<std::size_t>(rows));
            if (!values)
                return;
            for (std::size_t i = 0; i < values->size(); ++i) {
                if (!parse(t.rows[i], (*values)[i], p, i))
                    return;
            }
        };
        for (auto it = colsIt->begin(); it != colsIt->end(); ++it) {
            const std::string &k = it.key();
            const bool known =
                k == "import" || k == "month"
                || std::any_of(std::begin(kKeyColumns), std::end(kKeyColumns),
                               [&](const KeyColumn &c) { return k == c.key; })
                || std::any_of(std::begin(kMeasureColumns), std::end(kMeasureColumns),
                               [&](const MeasureColumn &c) { return k == c.key; });
            if (!known)
                m_unknown(cp + "/" + k);
        }
        each("import", [&](RollupRow &r, std::string_view v, const std::string &p, std::size_t i) {
            std::uint32_t id = 0;
            const auto res = std::from_chars(v.data(), v.data() + v.size(), id);
            if (res.ec != std::errc() || res.ptr != v.data() + v.size() || id == 0) {
                m_error(p, "value " + std::to_string(i) + ": must be an import id");
                return false;
            }
            r.importId = id;
            return true;
        });
        each("month", [&](RollupRow &r, std::string_view v, const std::string &p, std::size_t i) {
            const auto m = YearMonth::parse(v);
            if (!m) {
                m_error(p, "value " + std::to_string(i) + ": must be a month YYYY-MM");
                return false;
            }
            r.month = *m;
            return true;
        });
        for (const KeyColumn &k : kKeyColumns) {
            const std::size_t size = k.dict ? (t.*(k.dict)).size() : t.tagSets.size();
            each(k.key, [&](RollupRow &r, std::string_view v, const std::string &p, std::size_t i) {
                std::uint32_t ix = 0;
                const auto res = std::from_chars(v.data(), v.data() + v.size(), ix);
                if (res.ec != std::errc() || res.ptr != v.data() + v.size() || ix >= size) {
                    m_error(p, "value " + std::to_string(i) + ": must index the dictionary (0 to "
                                   + std::to_string(size == 0 ? 0 : size - 1) + ")");
                    return false;
                }
                r.*(k.member) = ix;
                return true;
            });
        }
        for (const MeasureColumn &c : kMeasureColumns) {
            const bool isCost = c.member == &Measures::cost;
            each(c.key, [&](RollupRow &r, std::string_view v, const std::string &p, std::size_t i) {
                double x = 0;
                const auto res = std::from_chars(v.data(), v.data() + v.size(), x);
                if (res.ec != std::errc() || res.ptr != v.data() + v.size() || !std::isfinite(x)
                    || (!isCost && x < 0)) {
                    m_error(p, "value " + std::to_string(i)
                                   + (isCost ? ": must be a finite number"
                                             : ": must be a finite number >= 0"));
                    return false;
                }
                r.m.*(c.member) = x;
                return true;
            });
        }
        if (const auto pc = j.find("priceChecks"); pc != j.end()) {
            array(*pc, path + "/priceChecks", limits::kMaxPriceChecks,
                  [&](const Json &e, const std::string &ep) {
                      t.priceChecks.push_back(readCheck(e, ep));
                  });
        }
        if (const auto wk = j.find("weeks"); wk != j.end()) {
            array(
                *wk, path + "/weeks", limits::kMaxPriceChecks,
                [&](const Json &e, const std::string &ep) { t.weeks.push_back(readWeek(e, ep)); });
        }
    }

    WeekRow readWeek(const Json &j, const std::string &path)
    {
        WeekRow w;
        if (!object(j, path))
            return w;
        for (auto it = j.begin(); it != j.end(); ++it) {
            const std::string &k = it.key();
            const std::string p = path + "/" + k;
            const Json &v = *it;
            if (k == "import") {
                w.importId =
                    static_cast<std::uint32_t>(std::min<std::uint64_t>(count(v, p), 0xFFFFFFFFull));
                continue;
            }
            if (k == "week") {
                w.week = string(v, p, 16);
                // "YYYY-Www", weeks 01 to 53.
                const std::string &s = w.week;
                const auto digit = [](char c) {
                    return c >= '0' && c <= '9';
                };
                const bool shape = s.size() == 8 && s[4] == '-' && s[5] == 'W'
                                   && std::all_of(s.begin(), s.begin() + 4, digit) && digit(s[6])
                                   && digit(s[7]);
                const int n = shape ? (s[6] - '0') * 10 + (s[7] - '0') : 0;
                if (v.is_string() && (n < 1 || n > 53))
                    m_error(p, "must be an ISO week YYYY-Www");
                continue;
            }
            const MeasureColumn *col = nullptr;
            for (const MeasureColumn &c : kMeasureColumns) {
                if (k == c.key)
                    col = &c;
            }
            if (!col) {
                m_unknown(p);
                continue;
            }
            const double x = num(v, p).value_or(0);
            if (x < 0 && col->member != &Measures::cost) // a credit makes a cost negative
                m_error(p, "must be >= 0");
            w.m.*(col->member) = x;
        }
        return w;
    }

    PriceCheck readCheck(const Json &j, const std::string &path)
    {
        PriceCheck c;
        if (!object(j, path))
            return c;
        for (auto it = j.begin(); it != j.end(); ++it) {
            const std::string &k = it.key();
            const std::string p = path + "/" + k;
            const Json &v = *it;
            if (k == "import") {
                c.importId =
                    static_cast<std::uint32_t>(std::min<std::uint64_t>(count(v, p), 0xFFFFFFFFull));
            } else if (k == "month") {
                const std::string s = string(v, p, 16);
                if (auto m = YearMonth::parse(s))
                    c.month = *m;
                else
                    m_error(p, "must be a month YYYY-MM");
            } else if (k == "model") {
                c.model = string(v, p, 1000);
            } else if (k == "priceModel") {
                c.priceModel = string(v, p, 1000);
            } else if (k == "reportedCost" || k == "priceBookCost" || k == "estimatedCost") {
                const double x = num(v, p).value_or(0);
                (k == "reportedCost"    ? c.reportedCost
                 : k == "priceBookCost" ? c.priceBookCost
                                        : c.estimatedCost) = x;
            } else if (k == "reportedRows") {
                c.reportedRows = count(v, p);
            } else if (k == "estimatedRows") {
                c.estimatedRows = count(v, p);
            } else if (k == "unpricedRows") {
                c.unpricedRows = count(v, p);
            } else {
                m_unknown(p);
            }
        }
        return c;
    }

    static bool isCurrencyCode(const std::string &s)
    {
        return s.size() == 3
               && std::all_of(s.begin(), s.end(), [](char ch) { return ch >= 'A' && ch <= 'Z'; });
    }
};

} // namespace

void readActuals(const Json &j, const std::string &path, Actuals &actuals,
                 const ActualsError &error, const std::function<void(const std::string &)> &unknown)
{
    ActualsReader(error, unknown).read(j, path, actuals);
}

void validateActuals(const Workbook &wb, const ActualsError &error)
{
    const Actuals &a = wb.actuals;
    // A rule naming no use case (one renamed or removed since) is a finding, not an error: the
    // file must stay savable; its rows go unattributed (actualschecks.h).
    std::set<std::string> names;
    for (std::size_t i = 0; i < a.mappings.size(); ++i) {
        if (!a.mappings[i].name.empty() && !names.insert(a.mappings[i].name).second)
            error("/actuals/mappings/" + std::to_string(i) + "/name",
                  "duplicate name '" + a.mappings[i].name + "'; names must be unique");
    }
    std::set<std::string> currencies;
    for (std::size_t i = 0; i < a.rates.size(); ++i) {
        if (!currencies.insert(a.rates[i].currency).second)
            error("/actuals/rates/" + std::to_string(i) + "/currency",
                  "duplicate currency '" + a.rates[i].currency + "'");
        if (a.rates[i].currency == wb.settings.currency)
            error("/actuals/rates/" + std::to_string(i) + "/currency",
                  "is the workbook's own currency");
    }
    std::set<std::uint32_t> ids;
    for (std::size_t i = 0; i < a.imports.size(); ++i) {
        if (a.imports[i].id != 0 && !ids.insert(a.imports[i].id).second)
            error("/actuals/imports/" + std::to_string(i) + "/id",
                  "duplicate import id " + std::to_string(a.imports[i].id));
    }
    const RollupTable &t = a.table();
    for (std::size_t i = 0; i < t.rows.size(); ++i) {
        if (!ids.count(t.rows[i].importId)) {
            error("/actuals/rollup/columns/import", "value " + std::to_string(i)
                                                        + ": names no import of /actuals/imports ("
                                                        + std::to_string(t.rows[i].importId) + ")");
            break;
        }
    }
    for (std::size_t i = 0; i < t.priceChecks.size(); ++i) {
        if (!ids.count(t.priceChecks[i].importId)) {
            error("/actuals/rollup/priceChecks/" + std::to_string(i) + "/import",
                  "names no import of /actuals/imports");
            break;
        }
    }
    for (std::size_t i = 0; i < t.weeks.size(); ++i) {
        if (!ids.count(t.weeks[i].importId)) {
            error("/actuals/rollup/weeks/" + std::to_string(i) + "/import",
                  "names no import of /actuals/imports");
            break;
        }
    }
}

} // namespace roi::actuals
