// An RFC 4180 CSV writer (UTF-8, CRLF line ends, quotes where needed) that neutralises formula
// injection: a text cell beginning with =, +, -, @, tab or CR gets a leading apostrophe, so a
// spreadsheet shows it as text instead of running it. Numbers stay numbers.
#pragma once

#include <ostream>
#include <string>
#include <string_view>

namespace roi {

class CsvWriter
{
public:
    CsvWriter() = default;
    /// Writes to `sink` as it goes (a block at a time, at row ends) instead of keeping the whole
    /// text: a large export then needs no memory for it. Call flush() at the end.
    explicit CsvWriter(std::ostream *sink)
        : m_sink(sink)
    {}
    void text(std::string_view value);
    /// A number written so it reads back to the same double; non-finite values become empty.
    void number(double value);
    void endRow();
    const std::string &str() const { return m_out; }
    /// With a sink: writes what is pending.
    void flush();

    /// The cell as written: neutralised and quoted as needed.
    static std::string escape(std::string_view value);

private:
    void separator();

    std::string m_out;
    bool m_rowStarted = false;
    std::ostream *m_sink = nullptr;
};

} // namespace roi
