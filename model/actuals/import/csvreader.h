// A streaming CSV reader over libcsv (RFC 4180, strict quotes). Rows that fit on one line with
// well-formed quotes are split directly, as libcsv would split them but several times faster;
// libcsv reads the rest (quoted line breaks) and reports malformed quotes.: rows come to a callback
// with the 1-based physical line they start on, fields by index, and the header's columns found by
// name. Memory stays bounded by the longest row; quote errors and rows with the wrong number of
// fields are reported (line, column) and reading goes on with the next line.
#pragma once

#include "inputstream.h"

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace roi::actuals::detail {

struct CsvRow
{
    std::uint64_t line = 0; // physical line the row starts on (the header is line 1)
    std::vector<std::string_view> fields;

    /// The field at `index`, trimmed; "" if index < 0 or past the end. Inline: a FOCUS row
    /// reads some twenty fields, nearly all without blanks to trim.
    std::string_view field(int index) const
    {
        if (static_cast<unsigned>(index) >= fields.size())
            return {};
        const std::string_view f = fields[static_cast<std::size_t>(index)];
        if (f.empty()
            || (static_cast<unsigned char>(f.front()) > ' '
                && static_cast<unsigned char>(f.back()) > ' '))
            return f;
        return trimmed(f);
    }

private:
    static std::string_view trimmed(std::string_view f);
};

/// A header row: column indexes by name.
class CsvHeader
{
public:
    void assign(const std::vector<std::string_view> &fields);
    /// Index of the column called `name` (exact after trimming, else ignoring case); -1 if none.
    int index(std::string_view name) const;
    bool has(std::string_view name) const { return index(name) >= 0; }
    const std::string &name(int index) const { return m_names[static_cast<std::size_t>(index)]; }
    std::size_t size() const { return m_names.size(); }

private:
    std::vector<std::string> m_names;
};

class CsvReader
{
public:
    using HeaderFn = std::function<bool(const CsvHeader &)>; // false: stop
    using RowFn = std::function<bool(const CsvRow &)>;       // false: stop (cancelled)
    using MalformedFn =
        std::function<void(std::uint64_t line, std::uint32_t column, const std::string &message)>;

    CsvReader(InputStream &in, char delimiter = ',');
    ~CsvReader();
    CsvReader(const CsvReader &) = delete;
    CsvReader &operator=(const CsvReader &) = delete;

    /// Reads the whole input. False on a fatal error (error(): unreadable input, truncated
    /// gzip, a row past the size limit, no header) or when a callback stopped it (stopped()).
    bool run(const HeaderFn &onHeader, const RowFn &onRow, const MalformedFn &onMalformed);
    const std::string &error() const { return m_error; }
    bool stopped() const { return m_stopped; }
    const CsvHeader &header() const { return m_header; }
    std::uint64_t physicalLines() const { return m_line; }

private:
    static void fieldCallback(void *data, std::size_t size, void *self);
    static void rowCallback(int terminator, void *self);
    void endRow();
    void dispatchRow();
    /// The fast path for a row on one line, the first of `data`'s whole lines: the bytes it
    /// read (the line and its line break), or 0 if the line needs libcsv.
    /// `scanner`: the stops of the text fed (a StopScanner, local to csvreader.cpp).
    std::size_t splitPlainLine(const char *data, std::size_t size, void *scanner);
    void resetParser();
    void feed(const char *data, std::size_t size);

    struct Parser;
    InputStream &m_in;
    char m_delimiter;
    std::vector<char> m_quoted; // the fast path's unescaped quoted fields (+16 bytes of slack)
    Parser *m_parser = nullptr;
    CsvHeader m_header;
    bool m_haveHeader = false;
    std::string m_buffer;               // the current row's field bytes
    std::vector<std::size_t> m_offsets; // field ends in m_buffer
    CsvRow m_row;
    std::uint64_t m_line = 1;    // current physical line
    std::uint64_t m_rowLine = 1; // line the current row started on
    std::string m_error;
    bool m_stopped = false;
    bool m_failed = false;
    const HeaderFn *m_onHeader = nullptr;
    const RowFn *m_onRow = nullptr;
    const MalformedFn *m_onMalformed = nullptr;
};

} // namespace roi::actuals::detail
