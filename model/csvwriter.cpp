#include "csvwriter.h"

#include "numbertext.h"

#include <cmath>

namespace roi {

std::string CsvWriter::escape(std::string_view value)
{
    std::string cell;
    if (!value.empty()) {
        const char first = value.front();
        if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t'
            || first == '\r')
            cell += '\'';
    }
    cell += value;
    const bool quote = cell.find_first_of(",\"\r\n") != std::string::npos;
    if (!quote)
        return cell;
    std::string out = "\"";
    for (char c : cell) {
        if (c == '"')
            out += '"';
        out += c;
    }
    out += '"';
    return out;
}

void CsvWriter::separator()
{
    if (m_rowStarted)
        m_out += ',';
    m_rowStarted = true;
}

void CsvWriter::text(std::string_view value)
{
    separator();
    // Most cells need neither an apostrophe nor quotes: append them as they are.
    const bool plain =
        (value.empty()
         || std::string_view("=+-@\t\r").find(value.front()) == std::string_view::npos)
        && value.find_first_of(",\"\r\n") == std::string_view::npos;
    if (plain)
        m_out.append(value);
    else
        m_out += escape(value);
}

void CsvWriter::number(double value)
{
    separator();
    if (!std::isfinite(value))
        return;
    appendShortest(m_out, value);
}

void CsvWriter::endRow()
{
    m_out += "\r\n";
    m_rowStarted = false;
    if (m_sink && m_out.size() >= 64 * 1024)
        flush();
}

void CsvWriter::flush()
{
    if (!m_sink)
        return;
    m_sink->write(m_out.data(), static_cast<std::streamsize>(m_out.size()));
    m_out.clear();
}

} // namespace roi
