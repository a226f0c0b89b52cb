#include "importcontext.h"

#include "parsing.h"

#include <nlohmann/json.hpp>

#include <cmath>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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
#if defined(__SSE2__)
        // 16 bytes a step to the next quote, backslash or control character.
        const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\'),
                      control = _mm_set1_epi8(0x1F);
        while (t.size() - run >= 16) {
            const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i *>(t.data() + run));
            const __m128i low = _mm_cmpeq_epi8(_mm_max_epu8(b, control), control); // b <= 0x1F
            const unsigned m = static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(
                _mm_or_si128(_mm_cmpeq_epi8(b, quote), _mm_cmpeq_epi8(b, backslash)), low)));
            if (m) {
                run += static_cast<std::size_t>(__builtin_ctz(m));
                break;
            }
            run += 16;
        }
#endif
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

/// The pair at `n` of `out`, made to exist; its strings keep their capacity for reuse.
std::pair<std::string, std::string> &slot(std::vector<std::pair<std::string, std::string>> &out,
                                          std::size_t n)
{
    if (n >= out.size())
        out.emplace_back();
    return out[n];
}

/// {"k": "v", ...} with string values only, written from index `n` of `out` on (reusing the
/// strings there) and `n` advanced; false (`n` unchanged) for anything else.
bool flatObject(std::string_view t, std::vector<std::pair<std::string, std::string>> &out,
                std::size_t &n)
{
    std::size_t k = n;
    std::size_t i = 0;
    skipSpace(t, i);
    if (i >= t.size() || t[i] != '{')
        return false;
    ++i;
    skipSpace(t, i);
    if (i < t.size() && t[i] == '}') {
        ++i;
    } else {
        for (;;) {
            skipSpace(t, i);
            auto &[key, value] = slot(out, k);
            if (i >= t.size() || t[i] != '"' || !flatString(t, i, key))
                return false;
            skipSpace(t, i);
            if (i >= t.size() || t[i] != ':')
                return false;
            ++i;
            skipSpace(t, i);
            if (i >= t.size() || t[i] != '"' || !flatString(t, i, value))
                return false;
            ++k;
            skipSpace(t, i);
            if (i < t.size() && t[i] == ',') {
                ++i;
                continue;
            }
            if (i < t.size() && t[i] == '}') {
                ++i;
                break;
            }
            return false;
        }
    }
    skipSpace(t, i);
    if (i != t.size())
        return false;
    n = k;
    return true;
}

} // namespace

bool readJsonObjectAt(std::string_view text, std::vector<std::pair<std::string, std::string>> &out,
                      std::size_t &n)
{
    if (flatObject(text, out, n))
        return true;
    const nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
    if (!j.is_object())
        return false;
    for (auto it = j.begin(); it != j.end(); ++it) {
        if (it->is_null())
            continue;
        auto &[key, value] = slot(out, n++);
        key = it.key();
        value = it->is_string() ? it->get<std::string>() : it->dump();
    }
    return true;
}

bool readJsonObject(std::string_view text, std::vector<std::pair<std::string, std::string>> &out)
{
    const std::size_t before = out.size();
    std::size_t n = before;
    if (!readJsonObjectAt(text, out, n)) {
        out.resize(before);
        return false;
    }
    out.resize(n);
    return true;
}

bool looksLikeJson(std::string_view head)
{
    if (head.size() >= 3 && head.substr(0, 3) == "\xEF\xBB\xBF")
        head.remove_prefix(3);
    head = trim(head);
    return !head.empty() && (head.front() == '{' || head.front() == '[');
}

namespace {

/// The attribution key a tag's key names, or null: by its first letter, then the spellings
/// (every spelling starts with a different letter from the other keys' ones, so the first
/// letter picks the candidates and the order of the tests does not matter).
std::string *keyTarget(AttributionKeys &keys, std::string_view key)
{
    if (key.empty())
        return nullptr;
    switch (asciiLower(key.front())) {
    case 'f':
        return iequals(key, "feature") ? &keys.feature : nullptr;
    case 'u':
        if (iequals(key, "use_case") || iequals(key, "usecase") || iequals(key, "use-case"))
            return &keys.feature;
        return iequals(key, "user") ? &keys.user : nullptr;
    case 'x':
        if (iequals(key, "x_feature"))
            return &keys.feature;
        if (iequals(key, "x_team"))
            return &keys.team;
        if (iequals(key, "x_customer"))
            return &keys.customer;
        return iequals(key, "x_project") ? &keys.project : nullptr;
    case 't':
        if (iequals(key, "team"))
            return &keys.team;
        return iequals(key, "tenant") ? &keys.customer : nullptr;
    case 'd':
        return iequals(key, "department") ? &keys.team : nullptr;
    case 'c':
        return iequals(key, "customer") ? &keys.customer : nullptr;
    case 'e':
        return iequals(key, "end_user") ? &keys.customer : nullptr;
    case 'p':
        return iequals(key, "project") ? &keys.project : nullptr;
    default:
        return nullptr;
    }
}

} // namespace

void keysFromTags(AttributionKeys &keys)
{
    // feature: feature, x_feature, use_case, usecase, use-case; team: team, x_team, department;
    // customer: customer, x_customer, end_user, tenant; project: project, x_project; user: user.
    for (const auto &[key, value] : keys.tags) {
        if (value.empty())
            continue;
        std::string *target = keyTarget(keys, key);
        if (target && target->empty())
            *target = value;
    }
}

} // namespace roi::actuals::detail
