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
}

} // namespace roi
