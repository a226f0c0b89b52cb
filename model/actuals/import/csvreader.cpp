#include "csvreader.h"

#include "parsing.h"

#include <csv.h>

#include <algorithm>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace roi::actuals::detail {

namespace {
constexpr std::size_t kChunk = 256 * 1024; // at most: a gzip block, or the stream's buffer
constexpr std::size_t kMaxRowBytes = 16 * 1024 * 1024;
} // namespace

struct CsvReader::Parser
{
    csv_parser p{};
};

std::string_view CsvRow::trimmed(std::string_view f)
{
    return trim(f);
}

void CsvHeader::assign(const std::vector<std::string_view> &fields)
{
    m_names.clear();
    for (std::string_view f : fields) {
        f = trim(f);
        if (m_names.empty() && f.size() >= 3 && f.substr(0, 3) == "\xEF\xBB\xBF")
            f.remove_prefix(3); // UTF-8 byte-order mark
        m_names.emplace_back(f);
    }
}

int CsvHeader::index(std::string_view name) const
{
    for (std::size_t i = 0; i < m_names.size(); ++i)
        if (m_names[i] == name)
            return static_cast<int>(i);
    for (std::size_t i = 0; i < m_names.size(); ++i)
        if (iequals(m_names[i], name))
            return static_cast<int>(i);
    return -1;
}

CsvReader::CsvReader(InputStream &in, char delimiter)
    : m_in(in)
    , m_delimiter(delimiter)
    , m_parser(new Parser)
{
    csv_init(&m_parser->p, CSV_STRICT | CSV_STRICT_FINI);
    csv_set_delim(&m_parser->p, static_cast<unsigned char>(m_delimiter));
}

CsvReader::~CsvReader()
{
    csv_free(&m_parser->p);
    delete m_parser;
}

void CsvReader::resetParser()
{
    csv_free(&m_parser->p);
    csv_init(&m_parser->p, CSV_STRICT | CSV_STRICT_FINI);
    csv_set_delim(&m_parser->p, static_cast<unsigned char>(m_delimiter));
    m_buffer.clear();
    m_offsets.clear();
}

void CsvReader::fieldCallback(void *data, std::size_t size, void *selfPtr)
{
    auto *self = static_cast<CsvReader *>(selfPtr);
    if (size > 0)
        self->m_buffer.append(static_cast<const char *>(data), size);
    self->m_offsets.push_back(self->m_buffer.size());
}

void CsvReader::rowCallback(int, void *selfPtr)
{
    static_cast<CsvReader *>(selfPtr)->endRow();
}

void CsvReader::endRow()
{
    m_row.fields.clear();
    std::size_t start = 0;
    for (std::size_t end : m_offsets) {
        m_row.fields.emplace_back(m_buffer.data() + start, end - start);
        start = end;
    }
    dispatchRow();
    m_buffer.clear();
    m_offsets.clear();
}

void CsvReader::dispatchRow()
{
    m_row.line = m_rowLine;
    const bool blank = m_row.fields.size() == 1 && trim(m_row.fields[0]).empty();
    if (m_stopped || m_failed || blank)
        return;
    if (!m_haveHeader) {
        m_haveHeader = true;
        m_header.assign(m_row.fields);
        if (!(*m_onHeader)(m_header))
            m_stopped = true;
    } else if (m_row.fields.size() != m_header.size()) {
        const std::size_t n = m_row.fields.size();
        const std::size_t column = n > m_header.size() ? m_header.size() + 1 : n + 1;
        (*m_onMalformed)(m_row.line, static_cast<std::uint32_t>(column),
                         "the row has " + std::to_string(n) + " fields, the header "
                             + std::to_string(m_header.size()));
    } else if (!(*m_onRow)(m_row)) {
        m_stopped = true;
    }
}

namespace {

/// Where the delimiters, quotes, CRs and LFs are in a text, 64 bytes at a time: one bit a byte,
/// so that a row's fields and its end are found with a few bit operations each instead of a
/// scan per field. Bytes past the end count as nothing special.
class StopScanner
{
public:
    StopScanner(const char *begin, const char *end, char delimiter)
        : m_base(begin)
        , m_end(end)
        , m_delimiter(delimiter)
    {
        load();
    }

    /// The first delimiter, quote, CR or LF at or after p, or the end. p never goes back.
    const char *next(const char *p)
    {
        std::size_t offset = static_cast<std::size_t>(p - m_base);
        if (offset >= 64) { // p jumped ahead (past a quoted field, a line read by libcsv)
            m_base = p;
            load();
            offset = 0;
        }
        for (;;) {
            const std::uint64_t mask = m_stops & (~0ull << offset);
            if (mask)
                return m_base + __builtin_ctzll(mask);
            if (m_end - m_base <= 64)
                return m_end;
            m_base += 64;
            load();
            offset = 0;
        }
    }

private:
    void load()
    {
        const char *p = m_base;
        const std::size_t size =
            std::min<std::size_t>(64, static_cast<std::size_t>(m_end - m_base));
        char tail[64];
        if (size < 64) {
            std::memset(tail, 0, sizeof tail);
            std::memcpy(tail, p, size);
            p = tail;
        }
        std::uint64_t stops = 0;
#if defined(__SSE2__)
        const __m128i d = _mm_set1_epi8(m_delimiter);
        const __m128i q = _mm_set1_epi8('"');
        const __m128i cr = _mm_set1_epi8('\r');
        const __m128i lf = _mm_set1_epi8('\n');
        for (int i = 0; i < 4; ++i) {
            const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p + 16 * i));
            const __m128i hit =
                _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(b, d), _mm_cmpeq_epi8(b, q)),
                             _mm_or_si128(_mm_cmpeq_epi8(b, cr), _mm_cmpeq_epi8(b, lf)));
            stops |= static_cast<std::uint64_t>(static_cast<unsigned>(_mm_movemask_epi8(hit)))
                     << (16 * i);
        }
#else
        for (int i = 0; i < 64; ++i) {
            const char c = p[i];
            stops |=
                static_cast<std::uint64_t>(c == m_delimiter || c == '"' || c == '\r' || c == '\n')
                << i;
        }
#endif
        if (size < 64)
            stops &= (1ull << size) - 1;
        m_stops = stops;
    }

    const char *m_base;
    const char *m_end;
    char m_delimiter;
    std::uint64_t m_stops = 0;
};

/// Copies [p, end) to `out` up to the first quote, CR or LF; returns where it stopped (or end)
/// and advances `out`. `out` has 16 bytes of room past what is copied (blocks are stored whole).
inline const char *copyToQuote(const char *p, const char *end, char *&out)
{
#if defined(__SSE2__)
    const __m128i q = _mm_set1_epi8('"');
    const __m128i cr = _mm_set1_epi8('\r');
    const __m128i lf = _mm_set1_epi8('\n');
    while (end - p >= 16) {
        const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
        _mm_storeu_si128(reinterpret_cast<__m128i *>(out), block);
        const unsigned m = static_cast<unsigned>(_mm_movemask_epi8(
            _mm_or_si128(_mm_cmpeq_epi8(block, q),
                         _mm_or_si128(_mm_cmpeq_epi8(block, cr), _mm_cmpeq_epi8(block, lf)))));
        if (m) {
            const int n = __builtin_ctz(m);
            out += n;
            return p + n;
        }
        p += 16;
        out += 16;
    }
#endif
    while (p < end && *p != '"' && *p != '\r' && *p != '\n')
        *out++ = *p++;
    return p;
}

/// The line ends at p: the end of the text, LF, or CR LF (a CR at the very end is the last
/// line's CR without its LF). Any other CR sends the line to libcsv.
inline bool lineEndsAt(const char *p, const char *end)
{
    return p == end || *p == '\n' || (*p == '\r' && (p + 1 == end || p[1] == '\n'));
}

} // namespace

std::size_t CsvReader::splitPlainLine(const char *data, std::size_t size, void *scanner)
{
    // The fast path for a whole row on one line, found in the same pass that splits it:
    // unquoted fields are the text between delimiters, quoted ones open at the field's start and
    // close right before a delimiter or the line's end, with "" for a quote. Anything else (a
    // quoted line break, a stray quote, a CR inside the line) returns 0 and goes to libcsv,
    // which also reports the errors.
    StopScanner &stops = *static_cast<StopScanner *>(scanner);
    const char *const end = data + size;
    m_row.fields.clear();
    const char delimiter = m_delimiter;
    const char *p = data;
    char *out = nullptr;
    for (;;) {
        if (p < end && *p == '"') {
            if (!out) {
                // Unescaped quoted text is never longer than the text it comes from: views into
                // it stay valid. The line's length is not known yet: room for all the text.
                if (m_quoted.size() < size + 16)
                    m_quoted.resize(size + 16);
                out = m_quoted.data();
            }
            char *const start = out;
            ++p;
            for (;;) {
                const char *quote = copyToQuote(p, end, out);
                if (quote == end || *quote != '"')
                    return 0; // closes on a later line, or a CR inside
                if (quote + 1 < end && quote[1] == '"') {
                    *out++ = '"';
                    p = quote + 2;
                    continue;
                }
                p = quote + 1;
                break;
            }
            m_row.fields.emplace_back(start, static_cast<std::size_t>(out - start));
            if (lineEndsAt(p, end))
                break;
            if (*p != delimiter)
                return 0; // text after the closing quote
            ++p;
            continue;
        }
        const char *stop = stops.next(p);
        m_row.fields.emplace_back(p, static_cast<std::size_t>(stop - p));
        if (stop < end && *stop == delimiter) {
            p = stop + 1;
            continue;
        }
        if (!lineEndsAt(stop, end))
            return 0; // a quote inside an unquoted field, or a CR inside the line: libcsv's
        p = stop;
        break;
    }
    // p is the line's end: past its CR and LF.
    const char *next = p;
    if (next < end && *next == '\r')
        ++next;
    const bool newline = next < end && *next == '\n';
    if (p != data)
        dispatchRow(); // an empty line: no row, as libcsv
    if (newline)
        ++m_line;
    return static_cast<std::size_t>(next - data + (newline ? 1 : 0));
}

void CsvReader::feed(const char *data, std::size_t size)
{
    // One physical line at a time, so the line a row starts on is known.
    StopScanner scanner(data, data + size, m_delimiter);
    while (size > 0 && !m_stopped && !m_failed) {
        if (m_parser->p.pstate == 0 && m_offsets.empty()) {
            m_rowLine = m_line; // between rows: the next row starts on this line
            const std::size_t split = splitPlainLine(data, size, &scanner);
            if (split) {
                data += split;
                size -= split;
                continue;
            }
        }
        const void *nl = std::memchr(data, '\n', size);
        const std::size_t len =
            nl ? static_cast<std::size_t>(static_cast<const char *>(nl) - data) + 1 : size;
        const std::size_t done =
            csv_parse(&m_parser->p, data, len, fieldCallback, rowCallback, this);
        if (done != len) {
            const std::uint32_t column = static_cast<std::uint32_t>(m_offsets.size() + 1);
            (*m_onMalformed)(m_rowLine, column,
                             "malformed quotes (a quote inside an unquoted field, or text after "
                             "a closing quote)");
            resetParser(); // the rest of the line is dropped with the refused row
        }
        if (m_buffer.size() + m_parser->p.entry_pos > kMaxRowBytes) {
            m_error = "the row starting on line " + std::to_string(m_rowLine)
                      + " is longer than 16 MiB (an unclosed quote?)";
            m_failed = true;
            return;
        }
        if (nl)
            ++m_line;
        data += len;
        size -= len;
    }
}

bool CsvReader::run(const HeaderFn &onHeader, const RowFn &onRow, const MalformedFn &onMalformed)
{
    m_onHeader = &onHeader;
    m_onRow = &onRow;
    m_onMalformed = &onMalformed;
    // Whole lines go to feed(): the bytes after a chunk's last line break wait for the next.
    // A chunk is where the stream has it (a gzip block: no copy), valid until the next read.
    std::string carry;
    while (!m_stopped && !m_failed) {
        const std::string_view chunk = m_in.readView(kChunk);
        const std::size_t n = chunk.size();
        if (n == 0)
            break;
        const char *data = chunk.data();
        const void *last = memrchr(data, '\n', n);
        if (!last) {
            carry.append(data, n);
            if (carry.size() > kMaxRowBytes) {
                m_error = "line " + std::to_string(m_line) + " is longer than 16 MiB";
                return false;
            }
            continue;
        }
        const std::size_t whole =
            static_cast<std::size_t>(static_cast<const char *>(last) - data) + 1;
        std::size_t done = 0;
        if (!carry.empty()) {
            done = static_cast<std::size_t>(static_cast<const char *>(std::memchr(data, '\n', n))
                                            - data)
                   + 1;
            carry.append(data, done);
            feed(carry.data(), carry.size());
        }
        feed(data + done, whole - done);
        carry.assign(data + whole, n - whole);
    }
    if (!carry.empty() && !m_stopped && !m_failed)
        feed(carry.data(), carry.size());
    if (m_failed)
        return false;
    if (m_stopped)
        return false;
    if (!m_in.error().empty()) {
        m_error = m_in.error();
        return false;
    }
    if (csv_fini(&m_parser->p, fieldCallback, rowCallback, this) != 0) {
        (*m_onMalformed)(m_rowLine, static_cast<std::uint32_t>(m_offsets.size() + 1),
                         "a quoted field is not closed before the end of the file");
        m_buffer.clear();
        m_offsets.clear();
    }
    if (m_stopped)
        return false;
    if (!m_haveHeader) {
        m_error = "the file is empty: no header row";
        return false;
    }
    return true;
}

} // namespace roi::actuals::detail
