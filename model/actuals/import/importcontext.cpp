#include "importcontext.h"

#include "parsing.h"

#include <nlohmann/json.hpp>

#include <cmath>

namespace roi::actuals::detail {

ImportContext::ImportContext(std::string file, const ImportOptions &options, const RecordSink &sink,
                             InputStream &in, ImportStats &stats)
    : m_file(std::move(file))
    , m_options(options)
    , m_sink(sink)
    , m_in(in)
    , m_stats(stats)
{}

bool ImportContext::rowRead()
{
    ++m_stats.rowsRead;
    if ((m_stats.rowsRead & 4095) == 0 && m_options.progress
        && !m_options.progress(m_in.rawBytesRead(), m_in.totalBytes()))
        m_cancelled = true;
    return !m_cancelled;
}

void ImportContext::refuse(std::uint64_t line, std::uint32_t column, std::string message)
{
    ++m_stats.rowsRefused;
    if (m_stats.issues.size() < kMaxIssues)
        m_stats.issues.push_back(ImportIssue{m_file, line, column, std::move(message)});
}

void ImportContext::use(const UsageRecord &record)
{
    ++m_stats.rowsUsed;
    if (m_stats.firstDay.isNull() || record.day < m_stats.firstDay)
        m_stats.firstDay = record.day;
    if (m_stats.lastDay.isNull() || m_stats.lastDay < record.day)
        m_stats.lastDay = record.day;
    if (m_sink)
        m_sink(record);
}

void ImportContext::finish()
{
    if (m_options.progress && !m_cancelled) {
        const std::uint64_t total = m_in.totalBytes() ? m_in.totalBytes() : m_in.rawBytesRead();
        m_options.progress(total, total);
    }
}

std::string quoted(std::string_view text)
{
    std::string out;
    out.reserve(48);
    out.push_back('"');
    out.append(text.substr(0, 40));
    if (text.size() > 40)
        out.append("...");
    out.push_back('"');
    return out;
}

std::optional<std::string> checkCount(double value)
{
    if (!std::isfinite(value))
        return std::string("must be a finite number");
    if (value < 0)
        return std::string("must be >= 0");
    if (value > kMaxCount)
        return std::string("must be <= 1e15");
    return std::nullopt;
}

std::optional<std::string> readCount(std::string_view text, double &out)
{
    text = trim(text);
    if (text.empty()) {
        out = 0;
        return std::nullopt;
    }
    const std::optional<double> v = parseNumber(text);
    if (!v)
        return quoted(text) + " is not a number";
    if (auto problem = checkCount(*v))
        return problem;
    out = *v;
    return std::nullopt;
}

std::optional<std::string> checkAmount(double value)
{
    if (!std::isfinite(value))
        return std::string("must be a finite amount");
    if (std::fabs(value) > kMaxAmount)
        return std::string("must be between -1e12 and 1e12");
    return std::nullopt;
}

std::optional<std::string> readAmount(std::string_view text, double &out, bool &has)
{
    text = trim(text);
    has = false;
    if (text.empty())
        return std::nullopt;
    const std::optional<double> v = parseNumber(text);
    if (!v)
        return quoted(text) + " is not an amount";
    if (auto problem = checkAmount(*v))
        return problem;
    out = *v;
    has = true;
    return std::nullopt;
}

bool parseTags(std::string_view text, std::vector<std::pair<std::string, std::string>> &tags)
{
    text = trim(text);
    if (text.empty() || text == "{}" || text == "null")
        return true;
    if (text.front() == '{') {
        const nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
        if (!j.is_object())
            return false;
        for (const auto &[key, value] : j.items()) {
            if (value.is_string())
                tags.emplace_back(key, value.get<std::string>());
            else if (value.is_number() || value.is_boolean())
                tags.emplace_back(key, value.dump());
            else if (!value.is_null())
                return false;
        }
        return true;
    }
    // k=v;k=v (also k:v, and "," between pairs)
    while (!text.empty()) {
        std::size_t end = text.find_first_of(";,");
        std::string_view pair = trim(text.substr(0, end));
        text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
        if (pair.empty())
            continue;
        const std::size_t eq = pair.find_first_of("=:");
        if (eq == std::string_view::npos)
            tags.emplace_back(std::string(pair), std::string());
        else
            tags.emplace_back(std::string(trim(pair.substr(0, eq))),
                              std::string(trim(pair.substr(eq + 1))));
    }
    return true;
}

namespace {

void skipSpace(std::string_view t, std::size_t &i)
{
    while (i < t.size() && (t[i] == ' ' || t[i] == '\t' || t[i] == '\n' || t[i] == '\r'))
        ++i;
}

/// A JSON string at t[i] == '"' with simple escapes; false for \u escapes or bad text.
bool flatString(std::string_view t, std::size_t &i, std::string &out)
{
    out.clear();
    ++i;
    while (i < t.size()) {
        std::size_t run = i;
        while (run < t.size() && t[run] != '"' && t[run] != '\\'
               && static_cast<unsigned char>(t[run]) >= 0x20)
            ++run;
        out.append(t.data() + i, run - i);
        i = run;
        if (i >= t.size())
            return false;
        const char c = t[i++];
        if (c == '"')
            return true;
        if (c != '\\')
            return false; // a control character
        if (i >= t.size())
            return false;
        switch (t[i++]) {
        case '"':
            out.push_back('"');
            break;
        case '\\':
            out.push_back('\\');
            break;
        case '/':
            out.push_back('/');
            break;
        case 'n':
            out.push_back('\n');
            break;
        case 't':
            out.push_back('\t');
            break;
        case 'r':
            out.push_back('\r');
            break;
        case 'b':
            out.push_back('\b');
            break;
        case 'f':
            out.push_back('\f');
            break;
        default:
            return false; // \u...: the full parser decodes it
        }
    }
    return false;
}

/// {"k": "v", ...} with string values only; false (and `out` untouched) for anything else.
bool flatObject(std::string_view t, std::vector<std::pair<std::string, std::string>> &out)
{
    const std::size_t before = out.size();
    auto fail = [&] {
        out.resize(before);
        return false;
    };
    std::size_t i = 0;
    skipSpace(t, i);
    if (i >= t.size() || t[i] != '{')
        return false;
    ++i;
    skipSpace(t, i);
    std::string key, value;
    if (i < t.size() && t[i] == '}') {
        ++i;
    } else {
        for (;;) {
            skipSpace(t, i);
            if (i >= t.size() || t[i] != '"' || !flatString(t, i, key))
                return fail();
            skipSpace(t, i);
            if (i >= t.size() || t[i] != ':')
                return fail();
            ++i;
            skipSpace(t, i);
            if (i >= t.size() || t[i] != '"' || !flatString(t, i, value))
                return fail();
            out.emplace_back(key, value);
            skipSpace(t, i);
            if (i < t.size() && t[i] == ',') {
                ++i;
                continue;
            }
            if (i < t.size() && t[i] == '}') {
                ++i;
                break;
            }
            return fail();
        }
    }
    skipSpace(t, i);
    return i == t.size() ? true : fail();
}

} // namespace

bool readJsonObject(std::string_view text, std::vector<std::pair<std::string, std::string>> &out)
{
    if (flatObject(text, out))
        return true;
    const nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
    if (!j.is_object())
        return false;
    for (auto it = j.begin(); it != j.end(); ++it) {
        if (it->is_string())
            out.emplace_back(it.key(), it->get<std::string>());
        else if (!it->is_null())
            out.emplace_back(it.key(), it->dump());
    }
    return true;
}

void keysFromTags(AttributionKeys &keys)
{
    for (const auto &[key, value] : keys.tags) {
        if (value.empty())
            continue;
        std::string *target = nullptr;
        if (iequals(key, "feature") || iequals(key, "x_feature") || iequals(key, "use_case")
            || iequals(key, "usecase") || iequals(key, "use-case"))
            target = &keys.feature;
        else if (iequals(key, "team") || iequals(key, "x_team") || iequals(key, "department"))
            target = &keys.team;
        else if (iequals(key, "customer") || iequals(key, "x_customer") || iequals(key, "end_user")
                 || iequals(key, "tenant"))
            target = &keys.customer;
        else if (iequals(key, "project") || iequals(key, "x_project"))
            target = &keys.project;
        else if (iequals(key, "user"))
            target = &keys.user;
        if (target && target->empty())
            *target = value;
    }
}

} // namespace roi::actuals::detail
