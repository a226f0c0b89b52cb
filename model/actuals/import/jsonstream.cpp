#include "jsonstream.h"

#include <cstring>
#include <iterator>
#include <string_view>
#include <vector>

namespace roi::actuals::detail {

namespace {

constexpr std::size_t kMaxDepth = 64;
constexpr std::uint64_t kMaxRecordBytes = 64ull * 1024 * 1024;

/// Buffered bytes of an InputStream with the line and column of the next byte.
struct Source
{
    InputStream &in;
    std::vector<char> buffer = std::vector<char>(in.bufferSize());
    std::size_t pos = 0;
    std::size_t end = 0;
    bool eof = false;
    std::uint64_t offset = 0; // bytes consumed
    std::uint64_t line = 1;
    std::uint32_t column = 1;

    bool fill()
    {
        if (pos < end)
            return true;
        if (eof)
            return false;
        end = in.read(buffer.data(), buffer.size());
        pos = 0;
        eof = end == 0;
        return !eof;
    }
};

/// The input iterator nlohmann's iterator adapter reads one char at a time.
class SourceIterator
{
public:
    using iterator_category = std::input_iterator_tag;
    using value_type = char;
    using difference_type = std::ptrdiff_t;
    using pointer = const char *;
    using reference = const char &;

    SourceIterator() = default;
    explicit SourceIterator(Source *source)
        : m_source(source)
    {}

    reference operator*() const
    {
        m_source->fill();
        return m_source->buffer[m_source->pos];
    }
    SourceIterator &operator++()
    {
        Source &s = *m_source;
        if (s.fill()) {
            if (s.buffer[s.pos] == '\n') {
                ++s.line;
                s.column = 1;
            } else {
                ++s.column;
            }
            ++s.pos;
            ++s.offset;
        }
        return *this;
    }
    SourceIterator operator++(int)
    {
        SourceIterator copy = *this;
        ++*this;
        return copy;
    }
    bool atEnd() const { return !m_source || !m_source->fill(); }
    friend bool operator==(const SourceIterator &a, const SourceIterator &b)
    {
        return a.atEnd() == b.atEnd() && (a.atEnd() || a.m_source == b.m_source);
    }
    friend bool operator!=(const SourceIterator &a, const SourceIterator &b) { return !(a == b); }

private:
    Source *m_source = nullptr;
};

class Handler : public nlohmann::json_sax<nlohmann::json>
{
public:
    /// `lines`: JSON Lines, each top-level value a record, or a page whose "data" (or, for
    /// Records, "logs") elements are.
    Handler(Source &source, JsonLayout layout, const JsonRecordFn &onRecord, bool lines)
        : m_source(source)
        , m_layout(layout)
        , m_onRecord(onRecord)
        , m_lines(lines)
    {}

    std::string error;
    std::uint64_t records = 0;

    bool null() override { return value(nullptr); }
    bool boolean(bool v) override { return value(v); }
    bool number_integer(number_integer_t v) override { return value(v); }
    bool number_unsigned(number_unsigned_t v) override { return value(v); }
    bool number_float(number_float_t v, const string_t &) override { return value(v); }
    bool string(string_t &v) override { return value(std::move(v)); }
    bool binary(binary_t &) override { return value(nullptr); }

    bool start_object(std::size_t) override { return start(false); }
    bool end_object() override { return end(); }
    bool start_array(std::size_t) override { return start(true); }
    bool end_array() override { return end(); }
    bool key(string_t &k) override
    {
        if (m_collecting)
            m_key = k;
        else
            m_frames.back().key = k;
        return true;
    }

    bool parse_error(std::size_t, const std::string &,
                     const nlohmann::detail::exception &ex) override
    {
        std::string what = ex.what();
        // nlohmann's message without "[json.exception.parse_error.101] parse error at ...: "
        if (const std::size_t cut = what.find("] "); cut != std::string::npos)
            what.erase(0, cut + 2);
        if (what.rfind("parse error", 0) == 0)
            if (const std::size_t cut = what.find(": "); cut != std::string::npos)
                what.erase(0, cut + 2);
        const bool early = m_source.eof || what.find("end of input") != std::string::npos;
        error =
            (early ? "the JSON ends early (a truncated file?) at line " : "not valid JSON at line ")
            + std::to_string(m_source.line) + ", column " + std::to_string(m_source.column) + ": "
            + what;
        return false;
    }

private:
    struct Frame
    {
        bool array = false;
        std::string key; // the last key read in an object
        std::string keyInParent;
    };

    /// Whether a value starting now (in the current container) is a record.
    bool isRecordPosition() const
    {
        const std::size_t depth = m_frames.size();
        if (depth == 0)
            return m_lines; // a line of JSON Lines
        const Frame &parent = m_frames.back();
        if (!parent.array)
            return false;
        auto isDataKey = [this](const std::string &k) {
            return k == "data" || (m_layout == JsonLayout::Records && (k == "logs"));
        };
        if (m_layout == JsonLayout::Records && depth == 1)
            return true; // elements of a top-level array
        if (depth == 2 && !m_frames[0].array && isDataKey(parent.keyInParent))
            return true; // {"data": [ record ]}
        if (m_layout == JsonLayout::Pages && depth == 3 && m_frames[0].array && !m_frames[1].array
            && isDataKey(parent.keyInParent))
            return true; // [ {"data": [ record ]} ]
        return false;
    }

    bool start(bool array)
    {
        if (!m_collecting && isRecordPosition()) {
            m_collecting = true;
            m_recordLine = m_source.line;
            m_recordColumn = m_source.column > 1 ? m_source.column - 1 : 1;
            m_positions.record = {m_recordLine, m_recordColumn};
            m_positions.inner.clear();
            m_recordStart = m_source.offset;
            m_record = array ? nlohmann::json::array() : nlohmann::json::object();
            m_stack.clear();
            m_stack.push_back(&m_record);
            return true;
        }
        if (m_collecting) {
            if (m_stack.size() >= kMaxDepth) {
                error = "a record at line " + std::to_string(m_recordLine)
                        + " nests deeper than 64 levels";
                return false;
            }
            if (!array && m_stack.size() == 2 && m_stack.back()->is_array())
                m_positions.inner.push_back(
                    {m_source.line, m_source.column > 1 ? m_source.column - 1 : 1});
            nlohmann::json *child =
                insert(array ? nlohmann::json::array() : nlohmann::json::object());
            m_stack.push_back(child);
            return true;
        }
        if (m_frames.size() >= kMaxDepth) {
            error = "the JSON nests deeper than 64 levels";
            return false;
        }
        Frame frame;
        frame.array = array;
        if (!m_frames.empty() && !m_frames.back().array)
            frame.keyInParent = m_frames.back().key;
        m_frames.push_back(std::move(frame));
        return true;
    }

    bool end()
    {
        if (m_collecting) {
            m_stack.pop_back();
            if (m_stack.empty()) {
                m_collecting = false;
                const bool go = m_frames.empty() && m_lines ? dispatchLine() : dispatch(m_record);
                m_record = nullptr;
                return go;
            }
            return checkSize();
        }
        m_frames.pop_back();
        return true;
    }

    template<typename T>
    bool value(T &&v)
    {
        if (!m_collecting) {
            if (isRecordPosition()) {
                // A scalar where a record belongs: handed over as is (the importer refuses it).
                ++records;
                RecordPositions at;
                at.record = {m_source.line, m_source.column};
                return m_onRecord(nlohmann::json(std::forward<T>(v)), at);
            }
            return true;
        }
        insert(nlohmann::json(std::forward<T>(v)));
        return checkSize();
    }

    bool dispatch(const nlohmann::json &record)
    {
        ++records;
        return m_onRecord(record, m_positions);
    }

    /// A line of JSON Lines: a page (its "data" elements) or a record.
    bool dispatchLine()
    {
        if (m_record.is_object()) {
            for (const char *key : {"data", "logs"}) {
                if (key[0] == 'l' && m_layout != JsonLayout::Records)
                    continue;
                const auto it = m_record.find(key);
                if (it == m_record.end() || !it->is_array())
                    continue;
                m_positions.inner.clear(); // a page's records: all on this line
                for (const nlohmann::json &e : *it) {
                    if (!dispatch(e))
                        return false;
                }
                return true;
            }
        }
        return dispatch(m_record);
    }

    nlohmann::json *insert(nlohmann::json &&v)
    {
        nlohmann::json &parent = *m_stack.back();
        if (parent.is_array()) {
            parent.push_back(std::move(v));
            return &parent.back();
        }
        nlohmann::json &slot = parent[m_key];
        slot = std::move(v);
        return &slot;
    }

    bool checkSize()
    {
        if (m_source.offset - m_recordStart > kMaxRecordBytes) {
            error = "the record at line " + std::to_string(m_recordLine) + " is larger than 64 MiB";
            return false;
        }
        return true;
    }

    Source &m_source;
    JsonLayout m_layout;
    const JsonRecordFn &m_onRecord;
    bool m_lines = false;
    RecordPositions m_positions;
    std::vector<Frame> m_frames;
    bool m_collecting = false;
    nlohmann::json m_record;
    std::vector<nlohmann::json *> m_stack;
    std::string m_key;
    std::uint64_t m_recordLine = 0;
    std::uint32_t m_recordColumn = 0;
    std::uint64_t m_recordStart = 0;
};

/// JSON Lines (.jsonl, .ndjson, or concatenated JSON pages): the first line is a whole JSON
/// object, `{...}` on its own. A pretty-printed file's first line is `{` or `[`, a top-level
/// array's `[...`: those are read as one document.
bool looksLikeJsonLines(InputStream &in)
{
    std::string_view head = in.head(64 * 1024);
    const bool whole = head.size() < 64 * 1024; // the head is the whole input
    if (head.substr(0, 3) == "\xEF\xBB\xBF")
        head.remove_prefix(3);
    const std::size_t first = head.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos || head[first] != '{')
        return false;
    const std::size_t nl = head.find('\n', first);
    if (nl == std::string_view::npos && !whole)
        return false; // a first line longer than the head: a document, as before
    std::string_view line = head.substr(first, nl == std::string_view::npos ? nl : nl - first);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r'))
        line.remove_suffix(1);
    return line.size() >= 2 && line.back() == '}';
}

} // namespace

std::string streamJsonRecords(InputStream &in, JsonLayout layout, const JsonRecordFn &onRecord)
{
    Source source{in};
    bool stoppedByCallback = false;
    const JsonRecordFn wrapped = [&](const nlohmann::json &v, const RecordPositions &at) {
        const bool go = onRecord(v, at);
        stoppedByCallback = !go;
        return go;
    };
    const bool lines = looksLikeJsonLines(in);
    Handler h(source, layout, wrapped, lines);
    bool ok = true;
    if (!lines) {
        ok = nlohmann::json::sax_parse(SourceIterator(&source), SourceIterator(), &h,
                                       nlohmann::json::input_format_t::json, true);
    } else {
        // One value at a time (not strict: the parser stops after it), blank lines between.
        SourceIterator at(&source);
        for (;;) {
            while (!at.atEnd() && std::string_view(" \t\r\n").find(*at) != std::string_view::npos)
                ++at;
            if (at.atEnd())
                break;
            ok = nlohmann::json::sax_parse(SourceIterator(&source), SourceIterator(), &h,
                                           nlohmann::json::input_format_t::json, false);
            if (!ok)
                break;
        }
    }
    if (!in.error().empty())
        return in.error();
    if (ok || stoppedByCallback)
        return {};
    if (!h.error.empty())
        return h.error;
    return "not valid JSON at line " + std::to_string(source.line);
}

} // namespace roi::actuals::detail
