#include "format.h"

#include "numbertext.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace roi {

std::string currencyPrefix(std::string_view currency)
{
    if (currency == "USD")
        return "$";
    if (currency == "EUR")
        return "€";
    if (currency == "GBP")
        return "£";
    if (currency == "JPY")
        return "¥";
    return std::string(currency) + " ";
}

int currencyDecimals(std::string_view currency)
{
    static constexpr std::string_view kNone[] = {"BIF", "CLP", "DJF", "GNF", "ISK", "JPY",
                                                 "KMF", "KRW", "PYG", "RWF", "UGX", "UYI",
                                                 "VND", "VUV", "XAF", "XOF", "XPF"};
    static constexpr std::string_view kThree[] = {"BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"};
    if (std::find(std::begin(kNone), std::end(kNone), currency) != std::end(kNone))
        return 0;
    if (std::find(std::begin(kThree), std::end(kThree), currency) != std::end(kThree))
        return 3;
    return 2;
}

namespace {

/// printf("%.*f") for any double, through std::to_chars (the same text, several times faster).
std::string printFixed(double value, int decimals)
{
    std::string out;
    appendFixed(out, value, decimals);
    return out;
}

/// `magnitude` (>= 0) rounded to `decimals` half away from zero. printf rounds an exact binary
/// tie to even (0.125 → "0.12", 2.5 → "2"), unlike QLocale, which the window and the report use,
/// and spreadsheets: the same figure would read differently in the report and on the command
/// line. Only exact ties differ; 40 more digits of the exact expansion show whether it is one.
std::string roundedFixed(double magnitude, int decimals)
{
    const std::string exact = printFixed(magnitude, decimals + 40);
    const std::size_t next = exact.find('.') + static_cast<std::size_t>(decimals) + 1;
    const bool tie = next < exact.size() && exact[next] == '5'
                     && exact.find_first_not_of('0', next + 1) == std::string::npos;
    return printFixed(tie ? std::nextafter(magnitude, HUGE_VAL) : magnitude, decimals);
}

} // namespace

std::string formatNumber(double value, int decimals)
{
    if (!std::isfinite(value))
        return "—";
    decimals = std::max(0, decimals);
    const std::string digits = roundedFixed(std::abs(value), decimals);
    const auto dot = digits.find('.');
    std::string whole = digits.substr(0, dot);
    const std::string frac = dot == std::string::npos ? std::string() : digits.substr(dot);
    std::string grouped;
    const int n = static_cast<int>(whole.size());
    for (int i = 0; i < n; ++i) {
        grouped += whole[static_cast<std::size_t>(i)];
        if ((n - i - 1) % 3 == 0 && i != n - 1)
            grouped += ',';
    }
    // Do not print "-0.00" for a value that rounds to zero.
    const bool negative = value < 0 && std::strtod(digits.c_str(), nullptr) != 0.0;
    return (negative ? "-" : "") + grouped + frac;
}

std::string formatMoney(double value, std::string_view currency, int decimals)
{
    if (!std::isfinite(value))
        return "—";
    const std::string n = formatNumber(value, decimals < 0 ? currencyDecimals(currency) : decimals);
    const bool negative = !n.empty() && n[0] == '-';
    std::string out = negative ? std::string(1, '-') : std::string();
    out += currencyPrefix(currency);
    out.append(n, negative ? 1 : 0);
    return out;
}

std::string formatUnitCost(double value, std::string_view currency)
{
    return formatMoney(value, currency, std::abs(value) >= 1.0 || value == 0 ? -1 : 5);
}

std::string formatPercent(double fraction, int decimals)
{
    return formatNumber(fraction * 100.0, decimals) + "%";
}

std::string_view kpiStateText(KpiState state)
{
    switch (state) {
    case KpiState::Ok:
        return "";
    case KpiState::Undefined:
        return "undefined";
    case KpiState::NoSignChange:
        return "none (no sign change)";
    case KpiState::NotFound:
        return "none found";
    case KpiState::NeverPaysBack:
        return "not within horizon";
    case KpiState::NotApplicable:
        return "n/a";
    }
    return "";
}

std::string formatKpi(const Kpi &kpi, KpiFormat format, std::string_view currency)
{
    if (!kpi.ok())
        return std::string(kpiStateText(kpi.state));
    switch (format) {
    case KpiFormat::Percent:
        return formatNumber(kpi.value, 1) + "%";
    case KpiFormat::Money:
        return formatMoney(kpi.value, currency);
    case KpiFormat::UnitCost:
        return formatUnitCost(kpi.value, currency);
    case KpiFormat::Month:
        return "month " + formatNumber(kpi.value, 1);
    case KpiFormat::Fraction:
        return formatPercent(kpi.value);
    case KpiFormat::Irr:
        return kpi.value > 10.0 ? std::string("> 1,000%") : formatPercent(kpi.value);
    }
    return {};
}

namespace {

std::size_t codePoints(const std::string &s)
{
    std::size_t length = 0;
    for (unsigned char c : s)
        length += (c & 0xC0) != 0x80 ? 1 : 0;
    return length;
}

} // namespace

std::string textTable(const std::vector<std::vector<std::string>> &rows)
{
    std::vector<std::size_t> widths;
    for (const auto &row : rows) {
        widths.resize(std::max(widths.size(), row.size()), 0);
        for (std::size_t c = 0; c < row.size(); ++c)
            widths[c] = std::max(widths[c], codePoints(row[c]));
    }
    std::string out;
    for (const auto &row : rows) {
        std::string line;
        for (std::size_t c = 0; c < row.size(); ++c) {
            if (c > 0)
                line += "  ";
            const std::size_t length = codePoints(row[c]);
            const std::string fill(widths[c] > length ? widths[c] - length : 0, ' ');
            line += c > 0 ? fill + row[c] : row[c] + fill;
        }
        while (!line.empty() && line.back() == ' ')
            line.pop_back();
        out += "  " + line + "\n";
    }
    return out;
}

} // namespace roi
